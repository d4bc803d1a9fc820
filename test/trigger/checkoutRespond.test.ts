/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Respond to Checkout keeps its private key like the endpoint (nodes/shared/credentialCache.ts), in n8n's engine over
 * real HTTP on 127.0.0.1: a get_coupons request as WhatsApp sends it (encrypted, signed) to a workflow of the WhatsApp
 * Checkout Endpoint Trigger and Respond to Checkout, whose answer the harness relays (n8n's sendResponse). The test
 * changes the credential the engine serves and moves the clock (never waits).
 */
import { generateKeyPairSync } from 'crypto';

import { WhatsAppCheckoutEndpointApi } from '../../credentials/WhatsAppCheckoutEndpointApi.credentials';
import { decryptResponse, encryptRequest } from '../../core/endpointCrypto';
import { signBody } from '../../core/signatures';
import { WhatsAppCheckoutTrigger } from '../../nodes/WhatsAppCheckoutTrigger/WhatsAppCheckoutTrigger.node';
import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { CHECKOUT_CREDENTIAL_TYPE } from '../../nodes/shared/checkoutKey';
import { createEngineHarness, type EngineHarness, type WebhookServer } from '../engine/harness';
import { businessKeyPair, PASSPHRASE } from '../fixtures/checkout';
import { BUYER_ADDRESS, checkoutOrderDetails } from '../fixtures/checkoutOrder';

const APP_SECRET = 'checkout-respond-app-secret-5b1f';
const ENDPOINT = 'Endpoint';
const RESPOND = 'Respond to Checkout';
/** The endpoint's reload limit after a refusal (nodes/shared/credentialCache.ts). */
const RELOAD_AFTER_REFUSAL_MS = 10_000;
const COUPONS = [{ code: 'WELCOME10', id: 'welcome10', description: '10% off' }];

const credential = () => ({ privateKey: businessKeyPair().privateKey, passphrase: PASSPHRASE, appSecret: APP_SECRET });

let harness: EngineHarness;
let server: WebhookServer;
let workflowCounter = 0;
let shiftMs = 0;

beforeEach(async () => {
	const realNow = Date.now.bind(Date);
	shiftMs = 0;
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shiftMs);
	harness = createEngineHarness({
		nodeTypes: [new WhatsAppCheckoutTrigger(), new WhatsAppPayments()],
		credentialTypes: [new WhatsAppCheckoutEndpointApi()],
		credentials: { [CHECKOUT_CREDENTIAL_TYPE]: credential() },
	});
	// A workflow of its own per test: keys are kept per workflow + node + credential.
	server = await harness.startWebhookServer({
		id: `checkout-respond-test-${++workflowCounter}`,
		nodes: [
			{ name: ENDPOINT, type: harness.typeName('whatsAppCheckoutTrigger'), typeVersion: 1, parameters: {} },
			{
				name: RESPOND,
				type: harness.typeName('whatsAppPayments'),
				typeVersion: 2,
				parameters: { resource: 'checkout', operation: 'respondToCheckout', answerWith: 'coupons', couponsSource: 'json', coupons: JSON.stringify(COUPONS) },
			},
		],
		connections: { [ENDPOINT]: { main: [[{ node: RESPOND, type: 'main', index: 0 }]] } },
	});
});
afterEach(async () => {
	await server.close();
	jest.restoreAllMocks();
});

const GET_COUPONS = { version: '3.0', action: 'data_exchange', sub_action: 'get_coupons', data: { order_details: checkoutOrderDetails('respond-1'), input: { user_id: '919000090000' } } };

/** A buyer's get_coupons (or another payload), encrypted for `publicKey` and signed; the status and, for a 200, the decrypted answer. */
async function getCoupons(publicKey = businessKeyPair().publicKey, payload: object = GET_COUPONS): Promise<{ status: number; answer?: unknown }> {
	const { body, aesKey, iv } = encryptRequest(payload, publicKey);
	const text = JSON.stringify(body);
	const response = await fetch(server.webhookUrl(ENDPOINT), { method: 'POST', body: text, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(text, APP_SECRET) } });
	const answer = await response.text();
	return response.status === 200 ? { status: 200, answer: decryptResponse(answer, aesKey, iv) } : { status: response.status };
}

const ANSWERED = { status: 200, answer: { version: '3.0', sub_action: 'get_coupons', data: { coupons: COUPONS } } };

describe('Respond to Checkout: the kept private key', () => {
	it('answers from its kept key: it does not load the credential again for every request', async () => {
		expect(await getCoupons()).toEqual(ANSWERED);
		// A key that no longer loads: the endpoint and Respond to Checkout both answer with the key they keep.
		harness.setCredentials(CHECKOUT_CREDENTIAL_TYPE, { ...credential(), passphrase: 'not the passphrase' });
		expect(await getCoupons()).toEqual(ANSWERED);
		expect(await server.settled()).toEqual([expect.objectContaining({ status: 'success' }), expect.objectContaining({ status: 'success' })]);
	});

	it('a new key pair: the kept key cannot unwrap the request the endpoint opened, so the key is loaded again at once', async () => {
		expect(await getCoupons()).toEqual(ANSWERED);
		const newKeyPair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
		harness.setCredentials(CHECKOUT_CREDENTIAL_TYPE, { privateKey: newKeyPair.privateKey, passphrase: '', appSecret: APP_SECRET });
		// Past the endpoint's reload limit, within Respond to Checkout's minute: the endpoint loads the new key after
		// its refusal; Respond to Checkout's kept key is the old one.
		shiftMs += RELOAD_AFTER_REFUSAL_MS;
		expect(await getCoupons(newKeyPair.publicKey)).toEqual(ANSWERED);
	});
	it('a new key pair while the endpoint still keeps the old one: Respond to Checkout answers 421, then the retry is answered', async () => {
		// Only the endpoint has kept the old key (a health check runs no workflow).
		expect(await getCoupons(businessKeyPair().publicKey, { version: '3.0', action: 'ping' })).toMatchObject({ status: 200 });
		const newKeyPair = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
		harness.setCredentials(CHECKOUT_CREDENTIAL_TYPE, { privateKey: newKeyPair.privateKey, passphrase: '', appSecret: APP_SECRET });
		// Encrypted for the old key as WhatsApp still has it: the endpoint opens it, Respond to Checkout holds the new key.
		expect(await getCoupons()).toEqual({ status: 421 });
		const [failed] = await server.settled();
		expect(failed).toMatchObject({ status: 'error' });
		// WhatsApp downloads the new public key and asks again: the endpoint's old key fails, it loads the new one.
		shiftMs += RELOAD_AFTER_REFUSAL_MS;
		expect(await getCoupons(newKeyPair.publicKey)).toEqual(ANSWERED);
	});
});

describe('Respond to Checkout: Coupon Discount', () => {
	let priced: WebhookServer;
	beforeEach(async () => {
		priced = await harness.startWebhookServer({
			id: `checkout-respond-coupon-${++workflowCounter}`,
			nodes: [
				{ name: ENDPOINT, type: harness.typeName('whatsAppCheckoutTrigger'), typeVersion: 1, parameters: {} },
				{ name: RESPOND, type: harness.typeName('whatsAppPayments'), typeVersion: 2, parameters: { resource: 'checkout', operation: 'respondToCheckout', answerWith: 'order', couponDiscount: '100' } },
			],
			connections: { [ENDPOINT]: { main: [[{ node: RESPOND, type: 'main', index: 0 }]] } },
		});
	});
	afterEach(async () => {
		await priced.close();
	});
	const withCoupon = () => ({ ...checkoutOrderDetails('respond-coupon-1'), coupon: { code: 'WELCOME10', id: 'welcome10', discount: { value: 16500, offset: 100 } }, total_amount: { value: 148500, offset: 100 } });
	const send = async (subAction: string, orderDetails: object, input: object = {}) => {
		const { body, aesKey, iv } = encryptRequest({ version: '3.0', action: 'data_exchange', sub_action: subAction, data: { order_details: orderDetails, input: { user_id: '919000090000', ...input } } }, businessKeyPair().publicKey);
		const text = JSON.stringify(body);
		const response = await fetch(priced.webhookUrl(ENDPOINT), { method: 'POST', body: text, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(text, APP_SECRET) } });
		return response.status === 200 ? { status: 200, answer: decryptResponse(await response.text(), aesKey, iv) as { data: { order_details: Record<string, unknown> } } } : { status: response.status };
	};

	it('apply_shipping re-prices the coupon the order has (it was kept at its old discount, the field ignored)', async () => {
		const answered = await send('apply_shipping', withCoupon(), { selected_address: BUYER_ADDRESS });
		expect(answered.status).toBe(200);
		expect(answered.answer?.data.order_details).toMatchObject({ coupon: { code: 'WELCOME10', id: 'welcome10', discount: { value: 10000, offset: 100 } }, total_amount: { value: 155000, offset: 100 } });
	});

	it('a discount for an order without a coupon is refused naming the field; remove_coupon drops the coupon whatever the field says', async () => {
		expect(await send('apply_shipping', checkoutOrderDetails('respond-coupon-2'), { selected_address: BUYER_ADDRESS })).toEqual({ status: 500 });
		const removed = await send('remove_coupon', withCoupon());
		expect(removed.status).toBe(200);
		expect(removed.answer?.data.order_details).not.toHaveProperty('coupon');
		const [plain] = await priced.settled();
		expect(plain).toMatchObject({ status: 'error' });
		expect(JSON.stringify(plain)).toMatch(/Coupon Discount: is not used: the order has no coupon/);
	});
});
