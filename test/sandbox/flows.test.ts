/**
 * End-to-end flows against the sandbox over HTTP on 127.0.0.1, with a local webhook receiver that
 * verifies every delivery's signature: India (gateway) and Brazil (One-Click), refusals that leave no
 * trace, order_status errors delivered as webhooks, refunds, and the 360dialog paths.
 */
import { cancelVerdict, normalizePayment, parseWebhook } from '../../core';
import { verifySignature } from '../../core/signatures';
import { startSandbox, type Sandbox } from '../../sandbox';
import { APP_SECRET, HELD, cloudClient, controlClient, dialogClient, PHONE_NUMBER_ID, startReceiver, WABA_ID, type Delivery, type Receiver } from './helpers';
import { fixtureNow, FIXTURE_NOW_MS, paymentVariantMessages } from '../fixtures/orders';
import { UPI_LIMIT_MINOR } from '../../core/orderRules';
import { BRAZIL_BUYER, brazilOneClickOrder, BUYER, INDIA_CONFIGURATION, INDIA_TOTAL_MINOR, indiaOrder, indiaOrderTemplate, orderStatus } from './messages';

describe('sandbox flows', () => {
	let sandbox: Sandbox;
	let receiver: Receiver;
	const api = () => cloudClient(sandbox.url);
	const control = () => controlClient(sandbox.url);
	const messages = `/${PHONE_NUMBER_ID}/messages`;

	/** Flushes pending webhooks and returns the next delivery, its signature verified. */
	async function nextDelivery(): Promise<Delivery> {
		const seen = receiver.deliveries.length;
		await sandbox.flushWebhooks();
		const delivery = (await receiver.waitFor(seen + 1))[seen];
		expect(verifySignature(delivery.raw, delivery.headers['x-hub-signature-256'] as string, APP_SECRET)).toBe(true);
		return delivery;
	}

	async function send(body: unknown) {
		const res = await api().post(messages, body);
		expect(res.status).toBe(200);
		return res.data.messages[0].id as string;
	}

	beforeAll(async () => {
		receiver = await startReceiver();
		sandbox = await startSandbox({ port: 0, now: fixtureNow, webhookUrl: receiver.url, webhookBatchMs: HELD, webhookRetry: { attempts: 2, delaysMs: [10] } });
	});
	afterAll(async () => {
		await sandbox.close();
		await receiver.close();
	});
	beforeEach(async () => {
		await sandbox.webhooksIdle();
		sandbox.reset();
		receiver.deliveries.length = 0;
	});

	it('India: order_details -> pay -> signed webhook -> lookup captured -> processing -> completed', async () => {
		const wamid = await send(indiaOrder('IN-1001'));
		const lookupPath = `/${PHONE_NUMBER_ID}/payments/${INDIA_CONFIGURATION}/IN-1001`;
		const before = await api().get(lookupPath);
		// receive-payments-via-payment-gateways § Step 5: pending, `amount`, and no transactions before any attempt.
		expect(before.data.payments[0]).toEqual({ reference_id: 'IN-1001', status: 'pending', currency: 'INR', amount: { value: INDIA_TOTAL_MINOR, offset: 100 }, receipt: 'rcpt-1001', notes: expect.any(Object) });

		const paid = await control().post('/orders/IN-1001/pay', { outcome: 'success', method: 'upi' });
		expect(paid.status).toBe(200);
		const delivery = await nextDelivery();
		expect(delivery.body.entry[0].id).toBe(WABA_ID);
		const change = delivery.body.entry[0].changes[0];
		expect(change.field).toBe('messages');
		expect(change.value.metadata.phone_number_id).toBe(PHONE_NUMBER_ID);
		const status = change.value.statuses[0];
		expect(status).toMatchObject({ id: wamid, recipient_id: BUYER, status: 'captured', type: 'payment', timestamp: expect.stringMatching(/^\d+$/) });
		expect(status.payment).toMatchObject({
			reference_id: 'IN-1001',
			amount: { value: INDIA_TOTAL_MINOR, offset: 100 },
			currency: 'INR',
			receipt: 'rcpt-1001',
			notes: { customer: 'Asha Rao', channel: 'whatsapp' },
			transaction: { type: 'razorpay', status: 'success', method: { type: 'upi' }, id: expect.any(String), pg_transaction_id: expect.any(String) },
		});
		// The core's parser reads the sandbox's webhook as a payment status.
		const [event] = parseWebhook(delivery.body);
		expect(event).toMatchObject({ kind: 'payment_status', referenceId: 'IN-1001', status: 'captured', amount: { minor: INDIA_TOTAL_MINOR, decimal: '1153.60' } });

		const lookup = await api().get(lookupPath);
		expect(lookup.data.payments[0]).toMatchObject({
			status: 'captured',
			receipt: 'rcpt-1001',
			transactions: [{ status: 'success', method: { type: 'upi' }, amount: { value: INDIA_TOTAL_MINOR, offset: 100 }, order_amount: { value: INDIA_TOTAL_MINOR, offset: 100 }, currency: 'INR' }],
		});
		const wrongConfiguration = await api().get(`/${PHONE_NUMBER_ID}/payments/payu-sandbox/IN-1001`);
		expect(wrongConfiguration.status).toBe(400);
		expect(wrongConfiguration.data.error.error_data.details).toContain('payu-sandbox');
		expect((await api().get(`/${PHONE_NUMBER_ID}/payments/${INDIA_CONFIGURATION}/NOPE`)).status).toBe(400);

		await send(orderStatus('IN-1001', 'processing'));
		expect((await control().get('/orders/IN-1001')).data.order_status).toBe('processing');
		await send(orderStatus('IN-1001', 'completed'));
		const order = (await control().get('/orders/IN-1001')).data;
		expect(order).toMatchObject({ order_status: 'completed', payment_status: 'captured', total: '1153.60' });
		expect(order.messages.map((m: { type: string; outcome?: string }) => [m.type, m.outcome])).toEqual([
			['order_details', undefined],
			['order_status', 'applied'],
			['order_status', 'applied'],
		]);
		await sandbox.flushWebhooks();
		expect(receiver.deliveries).toHaveLength(1);
	});

	it('cancel after payment is accepted, then answered by a 2047 error webhook; a terminal order answers 2046', async () => {
		await send(indiaOrder('IN-2001'));
		await control().post('/orders/IN-2001/pay', { outcome: 'success', method: 'card' });
		await nextDelivery();
		const cancelId = await send(orderStatus('IN-2001', 'canceled'));
		const cancel = (await nextDelivery()).body.entry[0].changes[0].value.statuses[0];
		expect(cancel).toMatchObject({ id: cancelId, status: 'failed', recipient_id: BUYER });
		expect(cancel.errors[0]).toMatchObject({ code: 2047, title: 'Cannot cancel order', message: "Could not change order status to 'canceled'", error_data: { details: expect.any(String) } });
		expect((await control().get('/orders/IN-2001')).data.order_status).toBe('pending');

		await send(orderStatus('IN-2001', 'completed'));
		const backId = await send(orderStatus('IN-2001', 'processing'));
		const back = (await nextDelivery()).body.entry[0].changes[0].value.statuses[0];
		expect(back).toMatchObject({ id: backId, status: 'failed' });
		expect(back.errors[0]).toMatchObject({ code: 2046, title: 'Invalid status transition', message: 'New order status was not correctly transitioned.' });
		expect(parseWebhook({ object: 'whatsapp_business_account', entry: [{ id: WABA_ID, changes: [{ field: 'messages', value: { statuses: [back] } }] }] })[0]).toMatchObject({ kind: 'error', code: 2046 });
		expect((await control().get('/orders/IN-2001')).data.order_status).toBe('completed');
	});

	it('an order_status "captured" (the India § Order object lists it, UNCONFIRMED) is accepted, then answered 2046 naming it: it is no order status', async () => {
		await send(indiaOrder('IN-2501'));
		await send(orderStatus('IN-2501', 'captured'));
		const back = (await nextDelivery()).body.entry[0].changes[0].value.statuses[0];
		expect(back.errors[0]).toMatchObject({ code: 2046, error_data: { details: 'order status pending cannot change to captured' } });
		expect((await control().get('/orders/IN-2501')).data.order_status).toBe('pending');
	});

	it('an unpaid order can be canceled, and then cannot be paid', async () => {
		await send(indiaOrder('IN-3001'));
		await send(orderStatus('IN-3001', 'canceled'));
		expect((await control().get('/orders/IN-3001')).data.order_status).toBe('canceled');
		expect((await control().post('/orders/IN-3001/pay', {})).status).toBe(409);
	});

	it('failed and pending payments: each attempt a transaction, a pending one completed by the next', async () => {
		await send(indiaOrder('IN-4001'));
		await control().post('/orders/IN-4001/pay', { outcome: 'failed', method: 'netbanking' });
		await control().post('/orders/IN-4001/pay', { outcome: 'pending', method: 'upi' });
		await control().post('/orders/IN-4001/pay', { outcome: 'success', method: 'upi' });
		const delivery = await nextDelivery();
		// The three updates were pending together: one POST, one change, three statuses.
		expect(receiver.deliveries).toHaveLength(1);
		const statuses = delivery.body.entry[0].changes[0].value.statuses;
		// Step 4: a payment status webhook is captured or pending; a failed attempt is pending with its failed transaction.
		expect(statuses.map((s: { status: string }) => s.status)).toEqual(['pending', 'pending', 'captured']);
		expect(statuses.map((s: { payment: { transaction: { status: string } } }) => s.payment.transaction.status)).toEqual(['failed', 'pending', 'success']);
		expect(statuses[0].payment.transaction.error).toEqual({ code: expect.any(String), reason: expect.any(String) });
		const lookup = (await api().get(`/${PHONE_NUMBER_ID}/payments/${INDIA_CONFIGURATION}/IN-4001`)).data.payments[0];
		expect(lookup.transactions.map((t: { status: string }) => t.status)).toEqual(['failed', 'success']);
		expect((await control().post('/orders/IN-4001/pay', {})).status).toBe(409);
		expect((await control().post('/orders/IN-4001/pay', { outcome: 'maybe' })).status).toBe(400);
		expect((await control().post('/orders/NOPE/pay', {})).status).toBe(404);
	});

	it('a failed attempt leaves the lookup pending, with the failed transaction (Step 5 "Payment failed"); the order can still be canceled', async () => {
		await send(indiaOrder('IN-4101'));
		await control().post('/orders/IN-4101/pay', { outcome: 'failed', method: 'upi' });
		const lookup = (await api().get(`/${PHONE_NUMBER_ID}/payments/${INDIA_CONFIGURATION}/IN-4101`)).data.payments[0];
		expect(lookup).toMatchObject({ status: 'pending', amount: { value: INDIA_TOTAL_MINOR, offset: 100 }, transactions: [{ status: 'failed', error: { code: expect.any(String) } }] });
		await nextDelivery();
		await send(orderStatus('IN-4101', 'canceled'));
		expect(await sandbox.flushWebhooks()).toEqual([]);
		expect((await control().get('/orders/IN-4101')).data.order_status).toBe('canceled');
	});

	it('a pending attempt forbids canceling (2047), like a captured payment', async () => {
		await send(indiaOrder('IN-4201'));
		await control().post('/orders/IN-4201/pay', { outcome: 'pending', method: 'upi' });
		await nextDelivery();
		await send(orderStatus('IN-4201', 'canceled'));
		expect((await nextDelivery()).body.entry[0].changes[0].value.statuses[0].errors[0]).toMatchObject({ code: 2047 });
	});

	it('refunds: partial, never above what is left, shown in the lookup and delivered', async () => {
		await send(indiaOrder('IN-5001'));
		const refund = (value: number | string, extra: Record<string, unknown> = {}) =>
			api().post(`/${PHONE_NUMBER_ID}/payments_refund`, { reference_id: 'IN-5001', speed: 'normal', payment_config_id: `${INDIA_CONFIGURATION}`, amount: { currency: 'INR', value, offset: 100 }, ...extra });
		const unpaid = await refund(100);
		expect(unpaid.status).toBe(400);
		expect(unpaid.data.error.error_data.details).toContain('captured');
		await control().post('/orders/IN-5001/pay', {});
		await nextDelivery();

		// Step 8's answer: {id, status: pending | failed | completed, speed_processed}; an instant refund completes here at once.
		const first = await refund(5000, { speed: 'instant' });
		expect(first.status).toBe(200);
		expect(first.data).toEqual({ id: expect.any(String), status: 'completed', speed_processed: 'instant' });
		const over = await refund(110361);
		expect(over.status).toBe(400);
		expect(over.data.error.error_data.details).toContain('/amount/value: must be at most 110360');
		// The documented request quotes value and offset; a normal refund stays pending until the gateway settles it.
		const second = await refund('110360', { offset: '100' });
		expect(second.data).toEqual({ id: expect.any(String), status: 'pending', speed_processed: 'normal' });
		expect((await refund(1)).status).toBe(400);
		expect((await refund(100, { payment_config_id: 'payu-sandbox' })).status).toBe(400);
		const missing = await api().post(`/${PHONE_NUMBER_ID}/payments_refund`, { reference_id: 'IN-5001' });
		expect(missing.data.error).toMatchObject({ code: 131008, error_data: { details: expect.stringContaining('/payment_config_id: is required') } });
		expect(missing.data.error.error_data.details).not.toContain('/speed');

		const lookedUp = async () => (await api().get(`/${PHONE_NUMBER_ID}/payments/${INDIA_CONFIGURATION}/IN-5001`)).data.payments[0].transactions[0].refunds;
		// Listed refunds say pending | success | failed (not the answer's completed).
		expect((await lookedUp()).map((r: { amount: { value: number }; speed_processed: string; status: string }) => [r.amount.value, r.speed_processed, r.status])).toEqual([
			[5000, 'instant', 'success'],
			[110360, 'normal', 'pending'],
		]);
		const statuses = (await nextDelivery()).body.entry[0].changes[0].value.statuses;
		expect(statuses).toHaveLength(2);
		expect(statuses.map((s: { status: string }) => s.status)).toEqual(['captured', 'captured']);
		expect(statuses[1].payment.refunds).toHaveLength(2);
		expect((await control().get('/orders/IN-5001')).data.refunded).toBe('1153.60');

		// The gateway settles the normal refund: a payment webhook lists it as success.
		const settled = await control().post(`/orders/IN-5001/refunds/${second.data.id}`, { outcome: 'success' });
		expect(settled.status).toBe(200);
		expect((await lookedUp())[1].status).toBe('success');
		const update = (await nextDelivery()).body.entry[0].changes[0].value.statuses[0];
		expect(update.payment.refunds.map((r: { status: string }) => r.status)).toEqual(['success', 'success']);
		expect((await control().post(`/orders/IN-5001/refunds/${second.data.id}`, { outcome: 'failed' })).status).toBe(409);
		expect((await control().post('/orders/IN-5001/refunds/nope', {})).status).toBe(404);
	});

	it('a failed refund gives its amount back to refund again', async () => {
		await send(indiaOrder('IN-5101'));
		await control().post('/orders/IN-5101/pay', {});
		const body = { reference_id: 'IN-5101', payment_config_id: INDIA_CONFIGURATION, amount: { currency: 'INR', value: String(INDIA_TOTAL_MINOR), offset: '100' } };
		const refund = await api().post(`/${PHONE_NUMBER_ID}/payments_refund`, body);
		// No speed: the gateway's default, normal here.
		expect(refund.data).toMatchObject({ status: 'pending', speed_processed: 'normal' });
		expect((await api().post(`/${PHONE_NUMBER_ID}/payments_refund`, body)).status).toBe(400);
		await control().post(`/orders/IN-5101/refunds/${refund.data.id}`, { outcome: 'failed' });
		expect((await api().post(`/${PHONE_NUMBER_ID}/payments_refund`, body)).status).toBe(200);
	});

	describe('per payment method (payments-api-india § Compare the integration models)', () => {
		const variants = paymentVariantMessages();
		const variant = (name: string, referenceId: string) => {
			const message = structuredClone(variants[name]) as { interactive: { action: { parameters: Record<string, unknown> } } };
			message.interactive.action.parameters.reference_id = referenceId;
			return message;
		};

		it.each([
			['india/upi_intent_link', 'upi_intent_link'],
			['india/payment_link', 'payment_link'],
		])('%s: paying sends no webhook from WhatsApp, there is no lookup and no refund, but a paid order still cannot be canceled', async (name, method) => {
			const ref = `M-${method}`;
			await send(variant(name, ref));
			const paid = await control().post(`/orders/${ref}/pay`, { outcome: 'success', method: 'upi' });
			expect(paid.data).toMatchObject({ payment_method: method, payment_reported_by_whatsapp: false, payment_status: 'captured' });
			expect(await sandbox.flushWebhooks()).toEqual([]);
			// No payment configuration to look it up by: the API does not know the order as a payment.
			expect((await api().get(`/${PHONE_NUMBER_ID}/payments/${INDIA_CONFIGURATION}/${ref}`)).data.error).toMatchObject({ code: 100, error_subcode: 33 });
			const refund = await api().post(`/${PHONE_NUMBER_ID}/payments_refund`, { reference_id: ref, payment_config_id: INDIA_CONFIGURATION, amount: { currency: 'INR', value: '100', offset: '100' } });
			expect(refund.status).toBe(400);
			await send(orderStatus(ref, 'canceled'));
			expect((await nextDelivery()).body.entry[0].changes[0].value.statuses[0].errors[0]).toMatchObject({ code: 2047 });
		});

		// The UPI limit holds for UPI whichever way the bill is paid (UNCONFIRMED: stated on the gateway page only).
		it('india/payment_link: a UPI payment above ₹5,00,000 fails; by card it is paid', async () => {
			const message = variant('india/payment_link', 'M-LINK-LIMIT');
			const parameters = message.interactive.action.parameters as { total_amount: { value: number }; order: { tax: { value: number } } };
			parameters.order.tax.value += UPI_LIMIT_MINOR - INDIA_TOTAL_MINOR + 1;
			parameters.total_amount.value = UPI_LIMIT_MINOR + 1;
			await send(message);
			expect((await control().post('/orders/M-LINK-LIMIT/pay', { outcome: 'success', method: 'upi' })).data).toMatchObject({ payment_status: 'failed', transactions: [{ status: 'failed' }] });
			expect(await sandbox.flushWebhooks()).toEqual([]);
			expect((await control().post('/orders/M-LINK-LIMIT/pay', { outcome: 'success', method: 'card' })).data).toMatchObject({ payment_status: 'captured' });
		});

		it('legacy UPI (payment_configuration only): no webhook, no refund; the lookup knows the order but not the payment (UNCONFIRMED)', async () => {
			await api().post(`/${WABA_ID}/payment_configuration`, { configuration_name: 'upi-legacy-config', provider_name: 'upi_vpa', merchant_vpa: 'shop@okbank' });
			await send(variant('india/upi_legacy', 'M-LEGACY'));
			expect((await control().post('/orders/M-LEGACY/pay', { method: 'card' })).status).toBe(400);
			await control().post('/orders/M-LEGACY/pay', { method: 'upi' });
			expect(await sandbox.flushWebhooks()).toEqual([]);
			const lookup = await api().get(`/${PHONE_NUMBER_ID}/payments/upi-legacy-config/M-LEGACY`);
			expect(lookup.data.payments[0]).toEqual({ reference_id: 'M-LEGACY', status: 'pending', currency: 'INR', amount: expect.any(Object) });
			const refund = await api().post(`/${PHONE_NUMBER_ID}/payments_refund`, { reference_id: 'M-LEGACY', payment_config_id: 'upi-legacy-config', amount: { currency: 'INR', value: '100', offset: '100' } });
			expect(refund.data.error.error_data.details).toContain('refunded at your payment gateway');
		});

		it('Brazil orders have no lookup either (no payment configuration)', async () => {
			await send(brazilOneClickOrder('BR-LOOKUP'));
			expect((await api().get(`/${PHONE_NUMBER_ID}/payments/${INDIA_CONFIGURATION}/BR-LOOKUP`)).status).toBe(400);
		});
	});

	it('Brazil One-Click: order_details -> one-click -> payment_method webhook -> order_status with payment captured', async () => {
		await send(brazilOneClickOrder('BR-1001'));
		expect((await control().post('/orders/BR-1001/pay', {})).status).toBe(409);
		expect((await control().post('/orders/BR-1001/one-click', {})).status).toBe(200);
		const delivery = await nextDelivery();
		const value = delivery.body.entry[0].changes[0].value;
		expect(delivery.body.entry[0].changes[0].field).toBe('messages');
		expect(value.contacts[0]).toMatchObject({ wa_id: BRAZIL_BUYER, profile: { name: expect.any(String) } });
		expect(value.messages[0]).toMatchObject({
			from: BRAZIL_BUYER,
			from_logical_id: expect.stringMatching(/^\d{14}$/),
			id: expect.stringMatching(/^wamid\./),
			type: 'interactive',
			interactive: {
				type: 'payment_method',
				payment_method: { payment_method: 'offsite_card_pay', reference_id: 'BR-1001', last_four_digits: '5235', credential_id: '1234567', payment_timestamp: expect.any(Number) },
			},
		});
		expect(parseWebhook(delivery.body)[0]).toMatchObject({ kind: 'payment_method', credentialId: '1234567', lastFourDigits: '5235' });

		await send(orderStatus('BR-1001', 'processing', BRAZIL_BUYER, { status: 'captured', timestamp: 1726170122 }));
		expect((await control().get('/orders/BR-1001')).data).toMatchObject({ order_status: 'processing', payment_status: 'captured', market: 'brazil' });
		// India orders offer no One-Click.
		await send(indiaOrder('IN-6001'));
		expect((await control().post('/orders/IN-6001/one-click', {})).status).toBe(409);
	});

	it('Brazil One-Click: a cancel reporting payment failed is applied (the reported status wins over the stored pending); without it, 2047', async () => {
		await send(brazilOneClickOrder('BR-2001'));
		await control().post('/orders/BR-2001/one-click', {});
		await nextDelivery();
		// No payment reported: the stored status (pending after One-Click) forbids the cancel.
		const refusedId = await send(orderStatus('BR-2001', 'canceled', BRAZIL_BUYER));
		const refused = (await nextDelivery()).body.entry[0].changes[0].value.statuses[0];
		expect(refused).toMatchObject({ id: refusedId, status: 'failed' });
		expect(refused.errors[0]).toMatchObject({ code: 2047 });

		// examples/03's "payment failed" branch: the merchant reports the failure with the cancel.
		await send(orderStatus('BR-2001', 'canceled', BRAZIL_BUYER, { status: 'failed', timestamp: 1726170122 }));
		expect(await sandbox.flushWebhooks()).toEqual([]);
		expect((await control().get('/orders/BR-2001')).data).toMatchObject({ order_status: 'canceled', payment_status: 'failed' });
	});

	it('error webhooks 2046 and 2047 carry the titles of the order\'s market (brazil-orders § Errors and statuses)', async () => {
		await send(brazilOneClickOrder('BR-2101'));
		await control().post('/orders/BR-2101/one-click', {});
		await nextDelivery();
		await send(orderStatus('BR-2101', 'canceled', BRAZIL_BUYER));
		const cancel = (await nextDelivery()).body.entry[0].changes[0].value.statuses[0].errors[0];
		expect(cancel).toMatchObject({ code: 2047, title: 'Order cancellation failure', message: 'The order could not be cancelled' });
		await send(orderStatus('BR-2101', 'canceled', BRAZIL_BUYER, { status: 'failed' }));
		await send(orderStatus('BR-2101', 'processing', BRAZIL_BUYER));
		const back = (await nextDelivery()).body.entry[0].changes[0].value.statuses[0].errors[0];
		expect(back).toMatchObject({ code: 2046, title: 'Order status invalid transition', message: 'The order status cannot be updated from the existing value to the new one' });
		const bubbles = (await control().get('/orders/BR-2101')).data.messages.map((m: { outcome?: string }) => m.outcome);
		expect(bubbles).toEqual([undefined, 'error 2047', 'applied', 'error 2046']);
	});

	it('Brazil: a cancel reporting payment captured is refused with 400 (the reported status decides) and the order stays', async () => {
		await send(brazilOneClickOrder('BR-2002'));
		await control().post('/orders/BR-2002/one-click', {});
		await nextDelivery();
		const refused = await api().post(messages, orderStatus('BR-2002', 'canceled', BRAZIL_BUYER, { status: 'captured' }));
		expect(refused.status).toBe(400);
		expect(refused.data.error.error_data.details).toContain('/order/status');
		expect((await control().get('/orders/BR-2002')).data).toMatchObject({ order_status: 'pending', payment_status: 'pending' });
	});

	// receive-payments-via-payment-gateways-on-whatsapp.md § Step 6 › Parameters object: reference_id and order only.
	it('India: an order_status with a payment object is refused and leaves the order unpaid', async () => {
		await send(indiaOrder('IN-2101'));
		const refused = await api().post(messages, orderStatus('IN-2101', 'processing', BUYER, { status: 'captured' }));
		expect(refused.status).toBe(400);
		expect(refused.data.error.error_data.details).toContain('/interactive/action/parameters/payment: is for Brazil orders only');
		expect((await control().get('/orders/IN-2101')).data).toMatchObject({ order_status: 'pending', payment_status: 'new' });
		expect((await control().post('/orders/IN-2101/pay', { outcome: 'success', method: 'upi' })).status).toBe(200);
	});

	it('an invalid order is refused with 400 naming the field, and leaves no trace', async () => {
		const wrongTotal = indiaOrder('IN-BAD-1');
		wrongTotal.interactive.action.parameters.total_amount.value = 99999;
		const res = await api().post(messages, wrongTotal);
		expect(res.status).toBe(400);
		expect(res.data.error).toMatchObject({ message: '(#131009) Parameter value is not valid', type: 'OAuthException', code: 131009, fbtrace_id: expect.any(String) });
		expect(res.data.error.error_data).toMatchObject({ messaging_product: 'whatsapp', details: expect.stringContaining('/interactive/action/parameters/total_amount') });

		const noBody = indiaOrder('IN-BAD-2') as { interactive: { body?: unknown } };
		delete noBody.interactive.body;
		const missing = await api().post(messages, noBody);
		expect(missing.status).toBe(400);
		expect(missing.data.error.code).toBe(131008);
		expect(missing.data.error.error_data.details).toContain('/interactive/body');

		expect((await control().get('/orders')).data.data).toEqual([]);
		expect((await control().get('/orders/IN-BAD-1')).status).toBe(404);
		const log = (await control().get('/requests')).data.data;
		expect(log.map((e: { status: number; reference_id?: string }) => [e.status, e.reference_id])).toEqual([
			[400, 'IN-BAD-1'],
			[400, 'IN-BAD-2'],
		]);
	});

	it('every message must name messaging_product "whatsapp", order messages too (code 100), and leaves no trace', async () => {
		await send(indiaOrder('IN-MP-1'));
		const bill: Record<string, unknown> = indiaOrder('IN-MP-2');
		const status = orderStatus('IN-MP-1', 'processing');
		delete bill.messaging_product;
		delete status.messaging_product;
		for (const body of [bill, status, { ...indiaOrder('IN-MP-3'), messaging_product: 'sms' }]) {
			const res = await api().post(messages, body);
			expect(res.status).toBe(400);
			expect(res.data.error).toMatchObject({ code: 100, error_data: { details: '/messaging_product: must be "whatsapp" (required)' } });
		}
		expect((await control().get('/orders')).data.data.map((o: { reference_id: string }) => o.reference_id)).toEqual(['IN-MP-1']);
		expect((await control().get('/orders/IN-MP-1')).data).toMatchObject({ order_status: 'pending', messages: [expect.anything()] });
	});

	it('a reused reference_id is refused and the first order is untouched', async () => {
		await send(indiaOrder('IN-7001'));
		const again = await api().post(messages, indiaOrder('IN-7001'));
		expect(again.status).toBe(400);
		expect(again.data.error.code).toBe(131009);
		expect(again.data.error.error_data.details).toContain('reference_id already used');
		expect((await control().get('/orders/IN-7001')).data.messages).toHaveLength(1);
	});

	it('an order_status for an unknown order is refused', async () => {
		const res = await api().post(messages, orderStatus('NOPE', 'processing'));
		expect(res.status).toBe(400);
		expect(res.data.error.error_data.details).toContain('reference_id');
	});

	it('accepts the template form of order_details', async () => {
		const template = indiaOrderTemplate('IN-8001');
		await send(template);
		expect((await control().get('/orders/IN-8001')).data.messages[0].type).toBe('template/order_details');
	});

	it('enabled_payment_options ["upi"] lets the customer pay by UPI only; ["web"] by the gateway\'s methods', async () => {
		const restricted = (referenceId: string, options: string[]) => {
			const order = indiaOrder(referenceId);
			order.interactive.action.parameters.payment_settings[0].payment_gateway.enabled_payment_options = options;
			return order;
		};
		await send(restricted('IN-UPI-ONLY', ['upi']));
		for (const method of ['card', 'netbanking', 'wallet']) {
			const refused = await control().post('/orders/IN-UPI-ONLY/pay', { method });
			expect(refused.status).toBe(400);
			expect(refused.data.error.message).toContain('enabled_payment_options');
		}
		expect((await control().get('/orders/IN-UPI-ONLY')).data).toMatchObject({ payment_status: 'new', transactions: [] });
		const chats = (await control().get('/phone/chats')).data.data;
		expect(chats[0].bubbles[0].sheet.gateway).toEqual({ provider: 'razorpay', methods: ['upi'] });
		expect((await control().post('/orders/IN-UPI-ONLY/pay', { method: 'upi' })).data).toMatchObject({ payment_status: 'captured' });

		await send(restricted('IN-WEB', ['web']));
		expect((await control().post('/orders/IN-WEB/pay', { method: 'card' })).data).toMatchObject({ payment_status: 'captured' });
	});

	// receive-payments-via-payment-gateways-on-whatsapp.md § Restrict available payment options: "UPI transactions are
	// limited to ₹5,00,000 ... Payments with UPI enabled above this limit will fail."
	it('a UPI payment above ₹5,00,000 fails (a failed attempt naming the limit, delivered by webhook); by card the same order is paid', async () => {
		const overLimit = (referenceId: string, extraMinor: number) => {
			const order = indiaOrder(referenceId);
			const parameters = order.interactive.action.parameters;
			parameters.payment_settings[0].payment_gateway.enabled_payment_options = ['web'];
			parameters.order.tax.value += UPI_LIMIT_MINOR - INDIA_TOTAL_MINOR + extraMinor;
			parameters.total_amount.value = UPI_LIMIT_MINOR + extraMinor;
			return order;
		};
		await send(overLimit('IN-UPI-LIMIT', 1));
		const upi = await control().post('/orders/IN-UPI-LIMIT/pay', { outcome: 'success', method: 'upi' });
		expect(upi.status).toBe(200);
		expect(upi.data).toMatchObject({ payment_status: 'failed', transactions: [{ status: 'failed', method: { type: 'upi' }, error: { reason: expect.stringContaining('₹5,00,000') } }] });
		const transaction = (await nextDelivery()).body.entry[0].changes[0].value.statuses[0].payment.transaction;
		expect(transaction).toMatchObject({ status: 'failed', method: { type: 'upi' }, error: { code: 'BAD_REQUEST_ERROR', reason: 'UPI transactions are limited to ₹5,00,000' } });
		expect((await control().post('/orders/IN-UPI-LIMIT/pay', { outcome: 'success', method: 'card' })).data).toMatchObject({ payment_status: 'captured' });

		// At the limit itself UPI goes through.
		await send(overLimit('IN-UPI-AT-LIMIT', 0));
		expect((await control().post('/orders/IN-UPI-AT-LIMIT/pay', { outcome: 'success', method: 'upi' })).data).toMatchObject({ payment_status: 'captured' });
	});

	it('an order naming a payment configuration the account does not have is delivered, but cannot be paid', async () => {
		const unknown = indiaOrder('IN-NO-CONFIG');
		unknown.interactive.action.parameters.payment_settings[0].payment_gateway.configuration_name = 'razorpay-live';
		await send(unknown);
		const refused = await control().post('/orders/IN-NO-CONFIG/pay', { method: 'upi' });
		expect(refused.status).toBe(409);
		expect(refused.data.error.message).toContain('"razorpay-live", which the account does not have');

		// A configuration deleted after the bill was sent: the same.
		await send(indiaOrder('IN-DELETED-CONFIG'));
		await api().delete(`/${WABA_ID}/payment_configuration`, { data: { configuration_name: INDIA_CONFIGURATION } });
		expect((await control().post('/orders/IN-DELETED-CONFIG/pay', { method: 'upi' })).status).toBe(409);
		expect(await sandbox.flushWebhooks()).toEqual([]);
		for (const ref of ['IN-NO-CONFIG', 'IN-DELETED-CONFIG']) expect((await control().get(`/orders/${ref}`)).data).toMatchObject({ payment_status: 'new', transactions: [] });
	});

	it('an expired order cannot be paid', async () => {
		let clock = FIXTURE_NOW_MS;
		const timed = await startSandbox({ port: 0, now: () => clock });
		try {
			expect((await cloudClient(timed.url).post(messages, indiaOrder('IN-9001'))).status).toBe(200);
			// The fixture's order expires an hour after FIXTURE_NOW_MS.
			clock += 3601_000;
			const res = await controlClient(timed.url).post('/orders/IN-9001/pay', {});
			expect(res.status).toBe(409);
			expect(res.data.error.message).toContain('expired');
		} finally {
			await timed.close();
		}
	});
});

describe('360dialog paths', () => {
	it('send, webhook with the registered headers and the secret header, lookup on /v1/payments and /payments', async () => {
		const receiver = await startReceiver();
		const sandbox = await startSandbox({ port: 0, now: fixtureNow, webhookBatchMs: HELD, dialog360ApiKey: 'd360-key', webhookSecretHeader: { name: 'X-Webhook-Secret', value: 'shared' } });
		try {
			const dialog = dialogClient(sandbox.url, 'd360-key');
			expect((await dialogClient(sandbox.url).post('/messages', indiaOrder('D-1'))).status).toBe(401);
			expect((await dialog.post('/v1/configs/webhook', { url: receiver.url, headers: { 'X-Partner-Secret': 'abc' } })).status).toBe(200);
			const sent = await dialog.post('/messages', indiaOrder('D-1'));
			expect(sent.status).toBe(200);
			await controlClient(sandbox.url).post('/orders/D-1/pay', {});
			await sandbox.flushWebhooks();
			const [delivery] = await receiver.waitFor(1);
			expect(delivery.headers['x-partner-secret']).toBe('abc');
			expect(delivery.headers['x-webhook-secret']).toBe('shared');
			expect(verifySignature(delivery.raw, delivery.headers['x-hub-signature-256'] as string, APP_SECRET)).toBe(true);
			expect(delivery.body.entry[0].changes[0].value.statuses[0]).toMatchObject({ id: sent.data.messages[0].id, status: 'captured' });

			for (const path of [`/v1/payments/${INDIA_CONFIGURATION}/D-1`, `/payments/${INDIA_CONFIGURATION}/D-1`]) {
				const lookup = await dialog.get(path);
				expect(lookup.status).toBe(200);
				// The 360dialog seed's reading: total_amount, transactions always listed.
				expect(lookup.data.payments[0]).toMatchObject({ reference_id: 'D-1', status: 'captured', total_amount: { offset: 100 }, transactions: [{ status: 'success' }] });
				expect(lookup.data.payments[0]).not.toHaveProperty('amount');
			}
			await dialog.post('/messages', indiaOrder('D-2'));
			// Before any attempt the seed answers `new` with an empty list of transactions.
			expect((await dialog.get(`/v1/payments/${INDIA_CONFIGURATION}/D-2`)).data.payments[0]).toMatchObject({ status: 'new', transactions: [] });
			await controlClient(sandbox.url).post('/orders/D-2/pay', { outcome: 'failed' });
			// A failed attempt: the payment says failed, its transaction pending (the seed lists only pending and success).
			const failed = (await dialog.get(`/v1/payments/${INDIA_CONFIGURATION}/D-2`)).data.payments[0];
			expect(failed).toMatchObject({ status: 'failed', transactions: [{ status: 'pending' }] });
			expect(failed.transactions[0]).not.toHaveProperty('error');
			// Read as a failed attempt, so Check Payment Before Canceling lets the order be canceled.
			expect(cancelVerdict(normalizePayment(failed)!)).toEqual({ allowed: true });
			// The Cloud token does not open the 360dialog paths.
			expect((await dialogClient(sandbox.url, 'sandbox-token').get(`/v1/payments/${INDIA_CONFIGURATION}/D-1`)).status).toBe(401);
		} finally {
			await sandbox.close();
			await receiver.close();
		}
	});
});
