/* eslint-disable @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Version 2 of the action node, the merchant's form, through n8n's engine against the sandbox: the gateway
 * comes from the payment configuration (and a gateway chosen as well must match it), "Amounts In" on the form,
 * the importer on each India item row, "Sending Limits" only on sending operations, and "Full" refunds.
 */
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { throughProxy } from './lossyProxy';
import { INDIA_IMPORTER, NODE, TOKEN, cloudCredentials, newReference, testbedPerFile } from './testbed';

const bed = testbedPerFile();

const V2 = { typeVersion: 2 };
const FAST_LIMITS = { initialRetryDelayMs: 5, maxRequestsPerSecond: 0 };
const byName = (value: string) => ({ __rl: true, mode: 'name', value });

/** A version 2 India payment gateway bill of Rs 545.00 (2 x 250 + 45 tax), the gateway left to the configuration. */
const bill = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'sendOrderDetails',
	to: '919876543210',
	market: 'india',
	referenceId: newReference('V2'),
	paymentMethod: 'paymentGateway',
	paymentConfiguration: byName('razorpay-sandbox'),
	items: { item: [{ name: 'Notebook', amount: 250, quantity: 2, retailerId: 'nb-1', ...INDIA_IMPORTER }] },
	taxAmount: 45,
	body: 'Your bill',
	sendingLimits: FAST_LIMITS,
	...parameters,
});

const parametersOf = (item: IDataObject): any => (item.message as any).interactive.action.parameters;
const messagesSent = async () => (await bed.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/messages')).length;

describe('the gateway comes from the payment configuration', () => {
	it.each([
		['razorpay-sandbox', 'razorpay'],
		['payu-sandbox', 'payu'],
	])('%s sends payment_gateway.type %s with no gateway chosen', async (configuration, gateway) => {
		const result = await bed.run(bill({ paymentConfiguration: byName(configuration) }), [{}], V2);
		expect(result.error).toBeUndefined();
		expect(parametersOf(result.json(NODE)[0]).payment_settings[0].payment_gateway).toMatchObject({ type: gateway, configuration_name: configuration });
	});

	it('reads the account list once per run, however many bills', async () => {
		const before = (await bed.requests()).length;
		const result = await bed.run(bill({ referenceId: '={{ $json.ref }}' }), [{ ref: newReference('L1') }, { ref: newReference('L2') }, { ref: newReference('L3') }], V2);
		expect(result.error).toBeUndefined();
		const log = (await bed.requests()).slice(before).map((r) => `${r.method} ${r.path.replace(/\d{6,}/g, 'ID')}`);
		expect(log.filter((l) => l.includes('payment_configurations'))).toEqual(['GET /v23.0/ID/payment_configurations']);
		expect(log.filter((l) => l.endsWith('/messages'))).toHaveLength(3);
	});

	it.each([
		['a gateway chosen that does not match', { gateway: 'payu' }, /^Payment Gateway: PayU does not match the Payment Configuration "razorpay-sandbox", which is linked to Razorpay/],
		['a configuration the account does not have', { paymentConfiguration: byName('nope') }, /^Payment Configuration: "nope" is not a payment configuration of this WhatsApp Business Account/],
		['a UPI VPA configuration for a payment gateway bill', { paymentConfiguration: byName('upi-sandbox') }, /^Payment Configuration: "upi-sandbox" is linked to UPI VPA, not to a payment gateway/],
		['a payment gateway configuration for a UPI (Legacy) bill', { paymentMethod: 'upiLegacy', paymentConfiguration: byName('razorpay-sandbox') }, /^Payment Configuration: "razorpay-sandbox" is linked to Razorpay, not to UPI VPA: for a gateway configuration choose the Payment Method "Payment Gateway"/],
	])('%s is an error naming the field, and nothing is sent', async (_what, parameters, message) => {
		const before = await messagesSent();
		const result = await bed.run(bill(parameters), [{}], V2);
		expect(result.nodes[NODE].error?.message).toMatch(message);
		expect(await messagesSent()).toBe(before);
	});

	it('a UPI (Legacy) bill naming a UPI VPA configuration is sent', async () => {
		const result = await bed.run(bill({ paymentMethod: 'upiLegacy', paymentConfiguration: byName('upi-sandbox') }), [{}], V2);
		expect(result.error).toBeUndefined();
		expect(parametersOf(result.json(NODE)[0])).toMatchObject({ payment_type: 'upi', payment_configuration: 'upi-sandbox' });
	});

	it('a matching gateway chosen as well is sent with its own fields', async () => {
		const result = await bed.run(bill({ gateway: 'razorpay', razorpayFields: { receipt: 'rcpt-9' } }), [{}], V2);
		expect(result.error).toBeUndefined();
		expect(parametersOf(result.json(NODE)[0]).payment_settings[0].payment_gateway).toMatchObject({ type: 'razorpay', razorpay: { receipt: 'rcpt-9' } });
	});

	describe('a list that names no provider for the configuration (provider_name is optional)', () => {
		// onboarding-apis.md § Get all payment configurations: a proxy answers the list without provider_name; the rest reaches the sandbox.
		const withoutProvider = { data: [{ payment_configurations: [{ configuration_name: 'razorpay-sandbox', status: 'Active' }] }] };
		const run = (parameters: INodeParameters) =>
			throughProxy(bed, (method, path) => (method === 'GET' && path.endsWith('/payment_configurations') ? { status: 200, body: withoutProvider } : 'forward'), () => bed.run(bill(parameters), [{}], V2));

		it('a gateway chosen in the form is sent as chosen; "From the Payment Configuration" is an error on Payment Gateway, nothing sent', async () => {
			const chosen = await run({ gateway: 'razorpay' });
			expect(chosen.error).toBeUndefined();
			expect(parametersOf(chosen.json(NODE)[0]).payment_settings[0].payment_gateway).toMatchObject({ type: 'razorpay', configuration_name: 'razorpay-sandbox' });
			const before = await messagesSent();
			const unsettled = await run({});
			expect(unsettled.nodes[NODE].error?.message).toMatch(/^Payment Gateway: the list of payment configurations does not name the gateway of "razorpay-sandbox" \(it gives no provider\): choose the gateway here/);
			expect(await messagesSent()).toBe(before);
		});
	});

	describe('360dialog (no API lists configurations)', () => {
		afterEach(() => bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url)));

		it('with the gateway left to the configuration: an error saying to choose it; chosen: sent', async () => {
			bed.harness.setCredentials('whatsAppPaymentsApi', { provider: 'dialog360', apiKey: TOKEN, baseUrl: bed.sandbox.url });
			const unsettled = await bed.run(bill(), [{}], V2);
			expect(unsettled.nodes[NODE].error?.message).toMatch(/^Payment Gateway: the gateway of "razorpay-sandbox" could not be read \(360dialog has no API that lists payment configurations\): choose the gateway here/);
			const chosen = await bed.run(bill({ gateway: 'razorpay' }), [{}], V2);
			expect(chosen.error).toBeUndefined();
			expect(parametersOf(chosen.json(NODE)[0]).payment_settings[0].payment_gateway.type).toBe('razorpay');
		});
	});
});

describe('amounts', () => {
	it('"Amounts In" on the form: Minor Units reads 25000 as Rs 250.00', async () => {
		const result = await bed.run(bill({ amountsIn: 'minor', items: { item: [{ name: 'Notebook', amount: 25000, quantity: 2, retailerId: 'nb-1', ...INDIA_IMPORTER }] }, taxAmount: 4500 }), [{}], V2);
		expect(result.error).toBeUndefined();
		expect(parametersOf(result.json(NODE)[0]).total_amount).toEqual({ value: 54500, offset: 100 });
	});

	it('the importer typed on an India item row reaches the wire', async () => {
		const result = await bed.run(bill(), [{}], V2);
		expect(result.error).toBeUndefined();
		expect(parametersOf(result.json(NODE)[0]).order.items[0]).toMatchObject({
			country_of_origin: 'India',
			importer_name: 'Acme',
			importer_address: { address_line1: 'B8', city: 'Delhi', zone_code: 'DL', postal_code: '110093', country_code: 'IN' },
		});
	});
});

describe('Sending Limits', () => {
	it('are read (a value out of bounds stops the run before any message is sent)', async () => {
		const before = await messagesSent();
		const result = await bed.run(bill({ sendingLimits: { concurrency: 2.5 } }), [{}], V2);
		expect(result.nodes[NODE].error?.message).toMatch(/Concurrency/);
		expect(await messagesSent()).toBe(before);
	});

	/** The operations whose version 2 form shows a property, by the property's name. */
	const operationsShowing = (name: string): string[] => {
		const properties = new WhatsAppPayments().description.properties.filter((p: INodeProperties) => p.name === name && JSON.stringify(p.displayOptions?.show?.['@version']).includes('gte'));
		return properties.flatMap((p) => (p.displayOptions?.show?.operation ?? []) as string[]).sort();
	};

	it('show only on the sending operations; Options only where an operation has options of its own', () => {
		expect(operationsShowing('sendingLimits')).toEqual(['sendCheckoutTemplate', 'sendOrderDetails', 'sendOrderDetailsTemplate', 'sendOrderStatus', 'sendOrderStatusTemplate', 'sendPaymentLinkTemplate']);
		expect(operationsShowing('options')).toEqual(['sendOrderDetails', 'sendOrderDetailsTemplate', 'sendOrderStatus', 'sendOrderStatusTemplate']);
	});
});

describe('Refund: Full or Partial', () => {
	const refund = (referenceId: string, parameters: INodeParameters = {}): INodeParameters => ({
		resource: 'payment',
		operation: 'refund',
		referenceId,
		paymentConfiguration: byName('razorpay-sandbox'),
		...parameters,
	});

	it('Full refunds what is left after a partial refund, then there is nothing left', async () => {
		const referenceId = newReference('FULL');
		expect((await bed.run(bill({ referenceId }), [{}], V2)).error).toBeUndefined();
		await bed.control('POST', `/_sandbox/orders/${referenceId}/pay`, { outcome: 'success', method: 'upi' });
		const partial = await bed.run(refund(referenceId, { refundType: 'partial', amount: 45 }), [{}], V2);
		expect(partial.json(NODE)[0].request).toMatchObject({ amount: { value: '4500' } });
		const full = await bed.run(refund(referenceId), [{}], V2);
		expect(full.error).toBeUndefined();
		expect(full.json(NODE)[0].request).toMatchObject({ amount: { currency: 'INR', value: '50000', offset: '100' } });
		const again = await bed.run(refund(referenceId), [{}], V2);
		expect(again.nodes[NODE].error?.message).toMatch(/^Refund: order \S+ cannot be refunded in full: it is refunded already/);
	});

	it('Full refund of an unpaid order is refused without a refund request', async () => {
		const referenceId = newReference('UNPAID');
		expect((await bed.run(bill({ referenceId }), [{}], V2)).error).toBeUndefined();
		const before = (await bed.requests()).filter((r) => r.path.endsWith('payments_refund')).length;
		const result = await bed.run(refund(referenceId), [{}], V2);
		expect(result.nodes[NODE].error?.message).toMatch(/^Refund: order \S+ cannot be refunded in full: the payment is not captured/);
		expect((await bed.requests()).filter((r) => r.path.endsWith('payments_refund')).length).toBe(before);
	});
});

describe('one output naming convention: camelCase keys, Meta\'s answer under raw', () => {
	const camelCased = (item: IDataObject) => Object.keys(item).filter((key) => !/^[a-z][A-Za-z0-9]*$/.test(key));

	it('on sending, refunding, looking up and listing configurations', async () => {
		const referenceId = newReference('CAMEL');
		const sent = await bed.run(bill({ referenceId }), [{}], V2);
		const [bill2] = sent.json(NODE);
		expect(bill2).toMatchObject({ referenceId, wamid: expect.stringMatching(/^wamid\./), waId: '919876543210', raw: { messaging_product: 'whatsapp' } });
		await bed.control('POST', `/_sandbox/orders/${referenceId}/pay`, { outcome: 'success', method: 'upi' });
		const operations: INodeParameters[] = [
			{ resource: 'order', operation: 'sendOrderStatus', to: '919876543210', referenceId, status: 'processing', body: 'Packing it', sendingLimits: FAST_LIMITS },
			{ resource: 'payment', operation: 'lookUp', paymentConfiguration: byName('razorpay-sandbox'), referenceId },
			{ resource: 'payment', operation: 'refund', paymentConfiguration: byName('razorpay-sandbox'), referenceId },
			{ resource: 'paymentConfiguration', operation: 'getAll' },
			{ resource: 'paymentConfiguration', operation: 'get', paymentConfiguration: byName('payu-sandbox') },
		];
		const items = [bill2];
		for (const parameters of operations) {
			const result = await bed.run(parameters, [{}], V2);
			expect(result.error).toBeUndefined();
			items.push(...result.json(NODE));
		}
		for (const item of items) expect(camelCased(item)).toEqual([]);
		expect(items.at(-1)).toMatchObject({ configurationName: 'payu-sandbox', providerName: 'payu', raw: { provider_name: 'payu' } });
		expect(items[3]).toMatchObject({ referenceId, refunded: expect.any(Boolean), amount: { minor: 54500 }, raw: { id: expect.any(String) } });
	});
});

describe('Items (JSON) of a new node starts empty: never a sample bill', () => {
	/** The node's parameters as n8n fills them in from the form's defaults (editor and runtime). */
	const withDefaults = (parameters: INodeParameters, typeVersion: number): INodeParameters => {
		const type = new WhatsAppPayments();
		const node = { id: 'n', name: NODE, type: 'whatsAppPayments', typeVersion, position: [0, 0] as [number, number], parameters };
		return NodeHelpers.getNodeParameters(type.description.properties, parameters, true, false, node, type.description)!;
	};

	it('version 2: the default is an empty list, so a node left so fails before any request, naming the field', async () => {
		const parameters = withDefaults({ ...bill(), itemsSource: 'json', items: {} }, 2);
		expect(parameters.itemsJson).toBe('[]');
		const before = await messagesSent();
		const result = await bed.run(parameters, [{}], V2);
		expect(result.nodes[NODE].error?.message).toBe('Input item 1: Items (JSON): needs at least one item');
		expect(await messagesSent()).toBe(before);
	});

	it('version 1 keeps its sample default, for the workflows saved with it', () => {
		expect(withDefaults({ resource: 'order', operation: 'sendOrderDetails', itemsSource: 'json' }, 1).itemsJson).toMatch(/"name": "Item", "amount": 100/);
	});
});
