/* eslint-disable @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/** Order -> Send Order Status: transitions, the partially shipped spelling, Brazil payment status, the guarded cancel. */
import type { INodeParameters } from 'n8n-workflow';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';

import { FAST_RETRIES, NODE, TOKEN, cloudCredentials, newReference, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

const RECIPIENT = '919876543210';
const CONFIGURATION = { __rl: true, mode: 'list', value: 'razorpay-sandbox' };

/** Sends an India Razorpay order (or a Brazil One-Click one) through the node; returns its reference. */
async function sendOrder(market: 'india' | 'brazil' = 'india'): Promise<string> {
	const referenceId = newReference(market === 'india' ? 'ST' : 'BR');
	const result = await bed.run({
		resource: 'order',
		operation: 'sendOrderDetails',
		to: RECIPIENT,
		market,
		referenceId,
		paymentMethod: 'paymentGateway',
		gateway: 'razorpay',
		paymentConfiguration: CONFIGURATION,
		brazilPaymentMethods: { offsiteCardPay: { lastFourDigits: '5235', credentialId: '1234567' } },
		items: { item: [{ name: 'Notebook', amount: 250, quantity: 2, retailerId: 'nb-1', countryOfOrigin: 'India' }] },
		additionalFields: { catalogId: 'catalog-1' },
		taxAmount: market === 'india' ? 45 : 0,
		body: 'Your bill',
		options: FAST_RETRIES,
	});
	expect(result.error).toBeUndefined();
	return referenceId;
}

const status = (referenceId: string, value: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'sendOrderStatus',
	to: RECIPIENT,
	referenceId,
	status: value,
	body: `Your order is ${value}`,
	options: FAST_RETRIES,
	...parameters,
});

const orderOf = async (referenceId: string) => await bed.control('GET', `/_sandbox/orders/${referenceId}`);
const wireOf = (out: any) => out.message.interactive.action.parameters;

describe('order_status transitions', () => {
	it('processing -> partially shipped -> shipped -> completed, each on the wire and applied by the sandbox', async () => {
		const referenceId = await sendOrder();
		for (const value of ['processing', 'partially_shipped', 'shipped', 'completed']) {
			const result = await bed.run(status(referenceId, value, { additionalFields: { description: `now ${value}`, footer: 'Sandbox Store' } }));
			expect(result.error).toBeUndefined();
			const [out] = result.json(NODE);
			expect(out).toMatchObject({ reference_id: referenceId, wamid: expect.stringMatching(/^wamid\./) });
			expect(out.message).toEqual({
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: RECIPIENT,
				type: 'interactive',
				interactive: {
					type: 'order_status',
					body: { text: `Your order is ${value}` },
					footer: { text: 'Sandbox Store' },
					action: { name: 'review_order', parameters: { reference_id: referenceId, order: { status: value, description: `now ${value}` } } },
				},
			});
			expect((await orderOf(referenceId)).order_status).toBe(value);
		}
	});

	it('sends partially-shipped when that spelling is chosen', async () => {
		const referenceId = await sendOrder();
		const result = await bed.run(status(referenceId, 'partially_shipped', { options: { ...FAST_RETRIES, partiallyShippedSpelling: 'partially-shipped' } }));
		expect(wireOf(result.json(NODE)[0]).order.status).toBe('partially-shipped');
	});

	it('Brazil: processing with the payment captured (after a One-Click charge)', async () => {
		const referenceId = await sendOrder('brazil');
		const result = await bed.run(status(referenceId, 'processing', { additionalFields: { paymentStatus: 'captured', paymentTimestamp: '2025-01-02T03:04:05Z' } }));
		expect(result.error).toBeUndefined();
		expect(wireOf(result.json(NODE)[0]).payment).toEqual({ status: 'captured', timestamp: 1735787045 });
		expect(await orderOf(referenceId)).toMatchObject({ order_status: 'processing', payment_status: 'captured' });
	});

	it('Brazil: a Payment Status expression that gives nothing sends no payment object', async () => {
		const referenceId = await sendOrder('brazil');
		const result = await bed.run(status(referenceId, 'processing', { additionalFields: { paymentStatus: '={{ "" }}' } }));
		expect(result.error).toBeUndefined();
		expect(wireOf(result.json(NODE)[0]).payment).toBeUndefined();
	});

	it.each<[string, string, number]>([
		['epoch seconds from an expression', '={{ 1735787045 }}', 1735787045],
		['epoch seconds as text', '1735787045', 1735787045],
		['an ISO 8601 time with an offset', '2025-01-02T08:34:05+05:30', 1735787045],
		['an n8n expression date ($now-style, with milliseconds and offset)', '2025-01-02T03:04:05.678+00:00', 1735787045],
	])('Brazil: Payment Timestamp as %s reaches the wire as epoch seconds', async (_what, paymentTimestamp, seconds) => {
		const referenceId = await sendOrder('brazil');
		const result = await bed.run(status(referenceId, 'processing', { additionalFields: { paymentStatus: 'captured', paymentTimestamp } }));
		expect(result.error).toBeUndefined();
		expect(wireOf(result.json(NODE)[0]).payment).toEqual({ status: 'captured', timestamp: seconds });
	});

	const FORMS = 'give epoch seconds or an ISO 8601 date and time, e.g. 2026-07-31T14:30:00Z';
	it.each<[string, string, string]>([
		['a word', 'yesterday', `"yesterday" is not a date: ${FORMS}`],
		['words JavaScript would read as 2001', 'Yesterday at 5', `"Yesterday at 5" is not a date: ${FORMS}`],
		['a number and year JavaScript would read as December', '12 2025', `"12 2025" is not a date: ${FORMS}`],
		['a day the calendar lacks', '2026-02-30', `"2026-02-30" is not a date: ${FORMS}`],
		['milliseconds', '={{ 1735787045000 }}', '1735787045000 looks like milliseconds; give epoch seconds (1735787045)'],
		['a negative number', '={{ -5 }}', `-5 is not a date: ${FORMS}`],
	])('Brazil: Payment Timestamp as %s is refused before any request, naming the field', async (_what, paymentTimestamp, message) => {
		const before = (await bed.requests()).length;
		const result = await bed.run(status('ANY-REF', 'processing', { additionalFields: { paymentStatus: 'captured', paymentTimestamp } }));
		expect(result.nodes[NODE].error?.message).toBe(`Input item 1: Additional Fields › Payment Timestamp (Brazil): ${message}`);
		expect((await bed.requests()).length).toBe(before);
	});

	it('Brazil: a Payment Timestamp without a Payment Status is refused (it would not be sent)', async () => {
		const before = (await bed.requests()).length;
		const result = await bed.run(status('ANY-REF', 'processing', { additionalFields: { paymentTimestamp: '2025-01-02T03:04:05Z' } }));
		expect(result.nodes[NODE].error?.message).toBe('Additional Fields › Payment Timestamp (Brazil): needs "Payment Status (Brazil)" as well; without it, it is not sent');
		expect((await bed.requests()).length).toBe(before);
	});

	it('refuses an order_status the core finds invalid (a 121-character description) before any request', async () => {
		const referenceId = await sendOrder();
		const before = (await bed.requests()).length;
		const result = await bed.run(status(referenceId, 'processing', { additionalFields: { description: 'd'.repeat(121) } }));
		expect(result.status).toBe('error');
		expect(`${result.nodes[NODE].error?.message} ${result.nodes[NODE].error?.description}`).toMatch(/Description/);
		expect((await bed.requests()).length).toBe(before);
	});
});

describe('Check Payment Before Canceling', () => {
	const guardedCancel = (referenceId: string) =>
		status(referenceId, 'canceled', { checkPaymentBeforeCanceling: true, paymentConfiguration: CONFIGURATION, additionalFields: { description: 'Out of stock' } });

	it('cancels an unpaid order after looking the payment up', async () => {
		const referenceId = await sendOrder();
		const before = (await bed.requests()).length;
		const result = await bed.run(guardedCancel(referenceId));
		expect(result.error).toBeUndefined();
		// The Cloud API lookup answers the newest page's "no payment attempted": pending, no transactions.
		expect(result.json(NODE)[0].paymentCheck).toEqual({ status: 'pending', stage: 'not_attempted', allowed: true });
		const log = (await bed.requests()).slice(before);
		expect(log.map((e) => e.method)).toEqual(['GET', 'POST']);
		expect((await orderOf(referenceId)).order_status).toBe('canceled');
	});

	it('the switch mapped from a sheet as "TRUE" guards the cancel as a switch turned on does (it was read as off)', async () => {
		const paid = await sendOrder();
		await bed.control('POST', `/_sandbox/orders/${paid}/pay`, { outcome: 'success', method: 'upi' });
		const before = (await bed.requests()).length;
		const result = await bed.run({ ...guardedCancel(paid), checkPaymentBeforeCanceling: '={{ $json.guard }}' }, [{ guard: 'TRUE' }]);
		expect(result.nodes[NODE].error?.message).toMatch(new RegExp(`Refusing to cancel order ${paid}: the payment is captured`));
		expect((await bed.requests()).slice(before).map((e) => e.method)).toEqual(['GET']);
	});

	it('cancels an order whose payment attempts all failed (the lookup stays pending, with the failed transaction)', async () => {
		const referenceId = await sendOrder();
		await bed.control('POST', `/_sandbox/orders/${referenceId}/pay`, { outcome: 'failed', method: 'upi' });
		const result = await bed.run(guardedCancel(referenceId));
		expect(result.error).toBeUndefined();
		expect(result.json(NODE)[0].paymentCheck).toEqual({ status: 'pending', stage: 'attempt_failed', allowed: true });
		expect((await orderOf(referenceId)).order_status).toBe('canceled');
	});

	it('360dialog: reads the seed\'s lookup (`new`, then `failed`) as unpaid and cancels', async () => {
		bed.harness.setCredentials('whatsAppPaymentsApi', { provider: 'dialog360', apiKey: TOKEN, baseUrl: bed.sandbox.url });
		try {
			for (const attempt of [undefined, { outcome: 'failed', method: 'card' }]) {
				const referenceId = await sendOrder();
				if (attempt) await bed.control('POST', `/_sandbox/orders/${referenceId}/pay`, attempt);
				const result = await bed.run(guardedCancel(referenceId));
				expect(result.error).toBeUndefined();
				expect(result.json(NODE)[0].paymentCheck).toEqual(attempt ? { status: 'failed', stage: 'attempt_failed', allowed: true } : { status: 'new', stage: 'not_attempted', allowed: true });
				expect((await orderOf(referenceId)).order_status).toBe('canceled');
			}
			const paid = await sendOrder();
			await bed.control('POST', `/_sandbox/orders/${paid}/pay`, { outcome: 'success' });
			expect((await bed.run(guardedCancel(paid))).nodes[NODE].error?.message).toMatch(/the payment is captured/);
		} finally {
			bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url));
		}
	});

	it.each([
		['captured', { outcome: 'success', method: 'upi' }],
		['pending', { outcome: 'pending', method: 'card' }],
	])('refuses to cancel a %s payment with a clear error and sends no order_status', async (paymentStatus, payment) => {
		const referenceId = await sendOrder();
		await bed.control('POST', `/_sandbox/orders/${referenceId}/pay`, payment);
		expect((await orderOf(referenceId)).payment_status).toBe(paymentStatus);
		const before = (await bed.requests()).length;
		const result = await bed.run(guardedCancel(referenceId));
		expect(result.status).toBe('error');
		expect(result.nodes[NODE].error?.message).toMatch(new RegExp(`Refusing to cancel order ${referenceId}: ${paymentStatus === 'captured' ? 'the payment is captured' : 'a payment attempt is pending'}`));
		const log = (await bed.requests()).slice(before);
		expect(log.map((e) => e.method)).toEqual(['GET']);
		expect((await orderOf(referenceId)).order_status).toBe('pending');
	});

	it('without the check, the cancel of a paid order is sent (WhatsApp answers later by an error webhook, 2047)', async () => {
		const referenceId = await sendOrder();
		await bed.control('POST', `/_sandbox/orders/${referenceId}/pay`, { outcome: 'success' });
		const before = (await bed.requests()).length;
		const result = await bed.run(status(referenceId, 'canceled'));
		expect(result.error).toBeUndefined();
		const log = (await bed.requests()).slice(before);
		expect(log).toEqual([expect.objectContaining({ method: 'POST', message_type: 'order_status', reference_id: referenceId })]);
	});
});

describe("Meta's current order_status forms, from the node's UI to the sandbox", () => {
	it('Brazil: "Payment Update Only" sends the simplified order_status (payment, no order) and the sandbox marks the order paid', async () => {
		const referenceId = await sendOrder('brazil');
		const result = await bed.run(
			status(referenceId, 'paymentOnly', { additionalFields: { paymentStatus: 'captured', paymentTimestamp: '2026-01-01T00:00:00Z', headerText: 'Pedido pago' } }),
		);
		expect(result.error).toBeUndefined();
		const [out] = result.json(NODE);
		expect((out.message as any).interactive.header).toEqual({ type: 'text', text: 'Pedido pago' });
		expect(wireOf(out)).toEqual({ reference_id: referenceId, payment: { status: 'captured', timestamp: 1767225600 } });
		expect(await orderOf(referenceId)).toMatchObject({ order_status: 'pending', payment_status: 'captured' });
	});

	it.each([
		['paymentOnly', 'Payment Update Only (Brazil)'],
		['pending', 'Pending (Brazil)'],
	])('Brazil: Status %s without a Payment Status fails before any request, naming the field to add', async (value, label) => {
		const referenceId = await sendOrder('brazil');
		const result = await bed.run(status(referenceId, value));
		expect(result.nodes[NODE].error?.message).toBe(`Input item 1: Additional Fields › Payment Status (Brazil): is required with Status "${label}": add it under Additional Fields`);
		expect((await orderOf(referenceId)).messages).toHaveLength(1);
	});

	it('Send Order Status Template offers no Brazil payment status: the template carries the order status alone', () => {
		const shown = (operation: string) => new WhatsAppPayments().description.properties.filter((p) => JSON.stringify(p.displayOptions?.show?.operation) === JSON.stringify([operation]));
		const statusValues = (operation: string) => (shown(operation).find((p) => p.name === 'status')?.options as Array<{ value: string }>).map((o) => o.value);
		const additionalFields = (operation: string) => (shown(operation).find((p) => p.name === 'additionalFields')?.options as Array<{ name: string }>).map((o) => o.name);
		expect(statusValues('sendOrderStatus')).toEqual(expect.arrayContaining(['paymentOnly', 'pending']));
		expect(statusValues('sendOrderStatusTemplate')).toEqual(['canceled', 'completed', 'partially_shipped', 'processing', 'shipped']);
		expect(additionalFields('sendOrderStatus')).toEqual(expect.arrayContaining(['paymentStatus', 'paymentTimestamp']));
		expect(additionalFields('sendOrderStatusTemplate')).toEqual(['description']);
	});

	it.each([
		['paymentOnly', 'Payment Update Only (Brazil)'],
		['pending', 'Pending (Brazil)'],
	])('Send Order Status Template saved with Status %s (or given by an expression) fails before any request, naming Send Order Status', async (value, label) => {
		const referenceId = await sendOrder('brazil');
		const result = await bed.run(status(referenceId, value, { operation: 'sendOrderStatusTemplate', templateName: 'order_update', languageCode: 'pt_BR' }));
		expect(result.nodes[NODE].error?.message).toBe(`Input item 1: Status: "${label}" is not sent in an order status template, which carries the order status alone: use Send Order Status`);
		expect((await orderOf(referenceId)).messages).toHaveLength(1);
	});

	it('Send Order Status Template: the template form reaches the sandbox and is applied', async () => {
		const referenceId = await sendOrder();
		const result = await bed.run(
			status(referenceId, 'shipped', {
				operation: 'sendOrderStatusTemplate',
				templateName: 'order_update',
				languageCode: 'en_US',
				bodyParameters: { parameter: [{ text: 'Asha' }] },
				additionalFields: { description: 'On its way' },
			}),
		);
		expect(result.error).toBeUndefined();
		const [out] = result.json(NODE);
		expect((out.message as any).template).toEqual({
			name: 'order_update',
			language: { policy: 'deterministic', code: 'en_US' },
			components: [
				{ type: 'body', parameters: [{ type: 'text', text: 'Asha' }] },
				{ type: 'order_status', parameters: [{ type: 'order_status', order_status: { reference_id: referenceId, order: { status: 'shipped', description: 'On its way' } } }] },
			],
		});
		const order = await orderOf(referenceId);
		expect(order.order_status).toBe('shipped');
		expect(order.messages.at(-1)).toMatchObject({ id: out.wamid, type: 'template/order_status', outcome: 'applied' });
	});
});
