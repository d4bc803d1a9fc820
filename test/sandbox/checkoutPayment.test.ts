/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * A checkout button template order is paid at the total the checkout endpoint last re-priced it to
 * (checkout-button-templates.md § Implement checkout endpoint logic; receive-payments-via-payment-gateways § Step 4:
 * the webhook's `amount` is what the buyer paid): the payment webhook, both lookups, the control view and the refund
 * limit carry that total. Real HTTP on 127.0.0.1: the sandbox as WhatsApp, a business endpoint that answers with the
 * core's encryption and re-pricing, a webhook receiver.
 */
import http from 'http';
import type { AddressInfo } from 'net';

import { checkoutAnswer, readCheckoutRequest, refusalAnswer, repriceCheckoutOrder } from '../../core/checkout';
import { decryptRequest, encryptResponse, loadPrivateKey } from '../../core/endpointCrypto';
import { isObject, type JsonObject } from '../../core/messageShape';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { Chat } from '../../sandbox/phone/chats';
import { businessKeyPair, PASSPHRASE } from '../fixtures/checkout';
import { BUYER_ADDRESS, CHECKOUT_CONFIGURATION, checkoutTemplateMessage } from '../fixtures/checkoutOrder';
import { cloudClient, controlClient, dialogClient, HELD, PHONE_NUMBER_ID, startReceiver, WABA_ID, type Receiver } from './helpers';

/** The order of the page's samples: ₹1,500 of goods + ₹200 shipping + ₹100 tax - ₹150 discount. */
const SENT_TOTAL = 165000;
/** After WELCOME10 (10 % of the ₹1,500 subtotal). */
const WITH_COUPON = 150000;
/** After WELCOME10 and free shipping to the buyer's address. */
const WITH_COUPON_AND_FREE_SHIPPING = 130000;

interface Endpoint {
	url: string;
	/** The sub-actions it was asked, in order. */
	asked: string[];
	close(): Promise<void>;
}

/**
 * The business's checkout endpoint, standing in for the merchant's server: it decrypts with the business key,
 * takes WELCOME10 (10 % of the subtotal) and refuses any other coupon, ships for free, and encrypts its answer.
 */
async function startEndpoint(): Promise<Endpoint> {
	const privateKey = loadPrivateKey(businessKeyPair().privateKey, PASSPHRASE);
	const asked: string[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const { payload, aesKey, iv } = decryptRequest(Buffer.concat(chunks).toString('utf8'), privateKey);
			const request = readCheckoutRequest(payload);
			if (request.kind !== 'sub_action') {
				res.writeHead(421).end();
				return;
			}
			asked.push(request.subAction);
			const order = request.orderDetails.order as JsonObject;
			const subtotal = isObject(order.subtotal) ? Number(order.subtotal.value) : 0;
			const code = request.input.coupon?.code;
			let status = 200;
			let answer: JsonObject;
			if (request.subAction === 'get_coupons') answer = checkoutAnswer(request, { coupons: [{ code: 'WELCOME10', id: 'welcome10', description: '10% off' }] });
			else if (request.subAction === 'apply_coupon' && code !== 'WELCOME10') {
				status = 427;
				answer = refusalAnswer(`Sorry, ${String(code)} is not a valid coupon for this order`);
			} else {
				const pricing = request.subAction === 'apply_coupon' ? { coupon: { code: 'WELCOME10', discountMinor: subtotal / 10 } } : request.subAction === 'apply_shipping' ? { shippingMinor: 0 } : {};
				answer = checkoutAnswer(request, { order_details: repriceCheckoutOrder(request, pricing) });
			}
			res.writeHead(status, { 'content-type': 'text/plain' }).end(encryptResponse(answer, aesKey, iv));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/checkout`,
		asked,
		close: () => {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

describe('sandbox: a checkout order is paid at its re-priced total', () => {
	let sandbox: Sandbox;
	let receiver: Receiver;
	let endpoint: Endpoint;
	let counter = 0;
	const api = () => cloudClient(sandbox.url);
	const control = () => controlClient(sandbox.url);
	const act = (referenceId: string, body: JsonObject) => control().post(`/checkout/${referenceId}`, body);
	const lookup = (referenceId: string) => api().get(`/${PHONE_NUMBER_ID}/payments/${CHECKOUT_CONFIGURATION}/${referenceId}`);

	/** Sends a checkout button template; its order's reference. */
	async function sendCheckoutOrder(): Promise<string> {
		const referenceId = `CO-PAY-${++counter}`;
		const sent = await api().post(`/${PHONE_NUMBER_ID}/messages`, checkoutTemplateMessage(referenceId));
		expect(sent.status).toBe(200);
		return referenceId;
	}

	/** The buyer pays (control API); the `payment` of the payment status webhook it causes. */
	async function pay(referenceId: string, outcome: 'success' | 'failed' | 'pending', method: string): Promise<JsonObject> {
		expect((await control().post(`/orders/${referenceId}/pay`, { outcome, method })).status).toBe(200);
		const seen = receiver.deliveries.length;
		await sandbox.flushWebhooks();
		const delivery = (await receiver.waitFor(seen + 1))[seen];
		return delivery.body.entry[0].changes[0].value.statuses[0].payment as JsonObject;
	}

	beforeAll(async () => {
		receiver = await startReceiver();
		endpoint = await startEndpoint();
		sandbox = await startSandbox({ port: 0, webhookUrl: receiver.url, webhookBatchMs: HELD });
	});
	afterAll(async () => {
		await sandbox.close();
		await endpoint.close();
		await receiver.close();
	});
	beforeEach(async () => {
		await sandbox.webhooksIdle();
		sandbox.reset();
		receiver.deliveries.length = 0;
		endpoint.asked.length = 0;
		expect((await api().post(`/${PHONE_NUMBER_ID}/whatsapp_business_encryption`, { business_public_key: businessKeyPair().publicKey })).status).toBe(200);
		expect((await api().post(`/${WABA_ID}/payment_configuration/${CHECKOUT_CONFIGURATION}`, { data_endpoint_url: endpoint.url })).status).toBe(200);
	});

	it('the webhook, both lookups, the control view and the refund limit carry the total as last re-priced; a refused coupon changes nothing', async () => {
		const referenceId = await sendCheckoutOrder();
		expect((await lookup(referenceId)).data.payments[0].amount).toEqual({ value: SENT_TOTAL, offset: 100 });

		const applied = await act(referenceId, { sub_action: 'apply_coupon', coupon: 'WELCOME10' });
		expect(applied.data).toMatchObject({ status: 200, valid: true, order_details: { total_amount: { value: WITH_COUPON }, coupon: { code: 'WELCOME10' } } });
		const refused = await act(referenceId, { sub_action: 'apply_coupon', coupon: 'BOGUS' });
		expect(refused.data).toMatchObject({ status: 427, answer: { error_msg: 'Sorry, BOGUS is not a valid coupon for this order' }, order_details: { total_amount: { value: WITH_COUPON } } });
		// A valid answer and a refusal are no invalid content: no error notification follows them.
		expect([applied.data.error_notification, refused.data.error_notification]).toEqual([undefined, undefined]);
		const shipped = await act(referenceId, { sub_action: 'apply_shipping', selected_address: BUYER_ADDRESS });
		expect(shipped.data).toMatchObject({ status: 200, valid: true, order_details: { total_amount: { value: WITH_COUPON_AND_FREE_SHIPPING }, coupon: { code: 'WELCOME10' } } });
		expect(endpoint.asked).toEqual(['apply_coupon', 'apply_coupon', 'apply_shipping']);
		// What the checkout shows is what the control view keeps, and what the customer's phone draws.
		expect((await control().get(`/checkout/${referenceId}`)).data.order_details).toEqual(shipped.data.order_details);
		const [chat] = (await control().get('/phone/chats')).data.data as Chat[];
		expect(chat.bubbles[0]).toMatchObject({
			referenceId,
			subtotal: '₹1,500.00',
			discount: { amount: '₹150.00' },
			coupon: { code: 'WELCOME10', amount: '₹150.00' },
			shipping: { amount: '₹0.00' },
			total: '₹1,300.00',
			checkout: { repriced: true, selectedAddress: BUYER_ADDRESS, addresses: [BUYER_ADDRESS] },
		});

		const payment = await pay(referenceId, 'success', 'card');
		const paid = { value: WITH_COUPON_AND_FREE_SHIPPING, offset: 100 };
		expect(payment).toMatchObject({ reference_id: referenceId, amount: paid, transaction: { status: 'success', amount: paid } });

		const newest = (await lookup(referenceId)).data.payments[0];
		expect(newest).toMatchObject({ status: 'captured', amount: paid, transactions: [{ status: 'success', amount: paid, order_amount: paid }] });
		const seed = (await dialogClient(sandbox.url).get(`/v1/payments/${CHECKOUT_CONFIGURATION}/${referenceId}`)).data.payments[0];
		expect(seed).toMatchObject({ status: 'captured', total_amount: paid });
		const order = (await control().get(`/orders/${referenceId}`)).data;
		expect(order).toMatchObject({ total: '1300.00', total_amount: paid, checkout_order_details: shipped.data.order_details });

		// A refund is limited by what was paid, not by the bill as sent.
		const refund = (value: number) => api().post(`/${PHONE_NUMBER_ID}/payments_refund`, { reference_id: referenceId, speed: 'instant', payment_config_id: CHECKOUT_CONFIGURATION, amount: { currency: 'INR', value, offset: 100 } });
		const over = await refund(WITH_COUPON_AND_FREE_SHIPPING + 1);
		expect(over.status).toBe(400);
		expect(JSON.stringify(over.data)).toContain(`must be at most ${WITH_COUPON_AND_FREE_SHIPPING}`);
		expect((await refund(WITH_COUPON_AND_FREE_SHIPPING)).data).toMatchObject({ status: 'completed' });
	});

	it('while a payment is under way and once it is paid, the checkout is closed: nothing reaches the endpoint and the amount stays', async () => {
		const referenceId = await sendCheckoutOrder();
		expect((await act(referenceId, { sub_action: 'apply_coupon', coupon: 'WELCOME10' })).data).toMatchObject({ valid: true });

		expect((await pay(referenceId, 'pending', 'upi')).amount).toEqual({ value: WITH_COUPON, offset: 100 });
		const underWay = await act(referenceId, { sub_action: 'apply_shipping', selected_address: BUYER_ADDRESS });
		expect(underWay.status).toBe(409);
		expect(underWay.data.error.message).toBe('a payment of the order is under way: its amount can no longer change');

		expect((await pay(referenceId, 'success', 'upi')).amount).toEqual({ value: WITH_COUPON, offset: 100 });
		const paidAlready = await act(referenceId, { sub_action: 'remove_coupon' });
		expect(paidAlready.status).toBe(409);
		expect(paidAlready.data.error.message).toBe('the order is already paid');
		expect(endpoint.asked).toEqual(['apply_coupon']);
	});

	it('a failed payment leaves the checkout open: the buyer re-prices and pays the new total', async () => {
		const referenceId = await sendCheckoutOrder();
		expect((await pay(referenceId, 'failed', 'card')).amount).toEqual({ value: SENT_TOTAL, offset: 100 });
		expect((await act(referenceId, { sub_action: 'apply_coupon', coupon: 'WELCOME10' })).data).toMatchObject({ valid: true });
		expect((await pay(referenceId, 'success', 'card')).amount).toEqual({ value: WITH_COUPON, offset: 100 });
	});

	it('a failed attempt keeps the amount it was attempted at when the order is re-priced after it: lookups, webhooks, refund limit and phone', async () => {
		// The audit's steps through the control API: the checkout order, a failed payment, a coupon, a lookup.
		const referenceId = await sendCheckoutOrder();
		const sent = { value: SENT_TOTAL, offset: 100 };
		const withCoupon = { value: WITH_COUPON, offset: 100 };
		expect(await pay(referenceId, 'failed', 'card')).toMatchObject({ amount: sent, transaction: { status: 'failed', amount: sent } });
		expect((await act(referenceId, { sub_action: 'apply_coupon', coupon: 'WELCOME10' })).data).toMatchObject({ valid: true });
		expect((await lookup(referenceId)).data.payments[0]).toMatchObject({ status: 'pending', amount: withCoupon, transactions: [{ status: 'failed', amount: sent, order_amount: sent }] });

		expect(await pay(referenceId, 'success', 'upi')).toMatchObject({ amount: withCoupon, transaction: { status: 'success', amount: withCoupon } });
		const paid = (await lookup(referenceId)).data.payments[0];
		expect(paid).toMatchObject({ status: 'captured', amount: withCoupon });
		expect(paid.transactions).toMatchObject([
			{ status: 'failed', amount: sent, order_amount: sent },
			{ status: 'success', amount: withCoupon, order_amount: withCoupon },
		]);
		// The seed's reading: the order's total, and transactions without amounts, as the seed lists them (the failed
		// attempt as pending: the seed's transaction statuses are pending and success).
		const seed = (await dialogClient(sandbox.url).get(`/v1/payments/${CHECKOUT_CONFIGURATION}/${referenceId}`)).data.payments[0];
		expect(seed.total_amount).toEqual(withCoupon);
		expect(seed.transactions.map((t: JsonObject) => [t.status, t.amount])).toEqual([['pending', undefined], ['success', undefined]]);
		// The customer's phone shows each attempt at its own amount.
		const [chat] = (await control().get('/phone/chats')).data.data as Chat[];
		const payments = chat.bubbles.filter((b) => b.kind === 'payment');
		expect(payments.map((b) => (b.kind === 'payment' ? [b.outcome, b.amount] : []))).toEqual([['failed', '₹1,650.00'], ['success', '₹1,500.00']]);
		// A refund is limited by what the successful attempt paid.
		const over = await api().post(`/${PHONE_NUMBER_ID}/payments_refund`, { reference_id: referenceId, speed: 'instant', payment_config_id: CHECKOUT_CONFIGURATION, amount: { currency: 'INR', value: WITH_COUPON + 1, offset: 100 } });
		expect(JSON.stringify(over.data)).toContain(`must be at most ${WITH_COUPON}`);
	});

	// onboarding-apis.md § Link or update data endpoint: the table spells the field data-endpoint-url, the example data_endpoint_url.
	it('links the data endpoint given in the table\'s spelling, data-endpoint-url, as in the example\'s: the checkout reaches it', async () => {
		const link = (body: JsonObject) => api().post(`/${WABA_ID}/payment_configuration/${CHECKOUT_CONFIGURATION}`, body);
		expect((await link({ data_endpoint_url: '' })).data).toEqual({ success: true });
		const unlinked = await sendCheckoutOrder();
		expect((await act(unlinked, { sub_action: 'get_coupons' })).status).not.toBe(200);
		expect(endpoint.asked).toEqual([]);

		expect((await link({ 'data-endpoint-url': endpoint.url })).data).toEqual({ success: true });
		const referenceId = await sendCheckoutOrder();
		expect((await act(referenceId, { sub_action: 'get_coupons' })).data).toMatchObject({ status: 200, valid: true });
		expect(endpoint.asked).toEqual(['get_coupons']);
		// Removing it in that spelling too.
		expect((await link({ 'data-endpoint-url': '' })).data).toEqual({ success: true });
		expect((await act(referenceId, { sub_action: 'get_coupons' })).status).not.toBe(200);
		expect(endpoint.asked).toEqual(['get_coupons']);
	});
});
