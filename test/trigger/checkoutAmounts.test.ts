/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * The checkout endpoint item's `amounts`, in n8n's engine over real HTTP on 127.0.0.1: a get_coupons request as
 * WhatsApp sends it (encrypted, signed), answered by Respond to Checkout. Each amount is value / offset (core's normalizeAmount: quoted integers read);
 * one that cannot be read (negative, not an integer, no offset) is null with a warning, never a wrong number.
 */
import { WhatsAppCheckoutEndpointApi } from '../../credentials/WhatsAppCheckoutEndpointApi.credentials';
import { encryptRequest } from '../../core/endpointCrypto';
import { signBody } from '../../core/signatures';
import { WhatsAppCheckoutTrigger } from '../../nodes/WhatsAppCheckoutTrigger/WhatsAppCheckoutTrigger.node';
import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { CHECKOUT_CREDENTIAL_TYPE } from '../../nodes/shared/checkoutKey';
import { createEngineHarness, loggedWarnings, type WebhookServer } from '../engine/harness';
import { businessKeyPair, PASSPHRASE } from '../fixtures/checkout';
import { checkoutOrderDetails } from '../fixtures/checkoutOrder';

const APP_SECRET = 'checkout-amounts-app-secret-7e3a';
const ENDPOINT = 'Endpoint';
const RESPOND = 'Respond to Checkout';

let server: WebhookServer;
beforeAll(async () => {
	const harness = createEngineHarness({
		nodeTypes: [new WhatsAppCheckoutTrigger(), new WhatsAppPayments()],
		credentialTypes: [new WhatsAppCheckoutEndpointApi()],
		credentials: { [CHECKOUT_CREDENTIAL_TYPE]: { privateKey: businessKeyPair().privateKey, passphrase: PASSPHRASE, appSecret: APP_SECRET } },
	});
	server = await harness.startWebhookServer({
		id: 'checkout-amounts-test',
		nodes: [
			{ name: ENDPOINT, type: harness.typeName('whatsAppCheckoutTrigger'), typeVersion: 1, parameters: {} },
			{ name: RESPOND, type: harness.typeName('whatsAppPayments'), typeVersion: 2, parameters: { resource: 'checkout', operation: 'respondToCheckout', answerWith: 'coupons', couponsSource: 'json', coupons: '[]' } },
		],
		connections: { [ENDPOINT]: { main: [[{ node: RESPOND, type: 'main', index: 0 }]] } },
	});
});
afterAll(async () => {
	await server.close();
});

/** Posts a get_coupons of this order (answered by Respond to Checkout); the item the trigger emitted. */
async function itemFor(orderDetails: object): Promise<Record<string, unknown>> {
	const { body } = encryptRequest({ version: '3.0', action: 'data_exchange', sub_action: 'get_coupons', data: { order_details: orderDetails, input: { user_id: '919000090000' } } }, businessKeyPair().publicKey);
	const text = JSON.stringify(body);
	const response = await fetch(server.webhookUrl(ENDPOINT), { method: 'POST', body: text, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(text, APP_SECRET) } });
	expect(response.status).toBe(200);
	const runs = await server.settled();
	return runs[runs.length - 1].json(ENDPOINT)[0];
}

it('reads each amount as value / offset: the page\'s order in rupees', async () => {
	expect((await itemFor(checkoutOrderDetails('amounts-1'))).amounts).toEqual({ subtotal: 1500, shipping: 200, tax: 100, discount: 150, couponDiscount: null, total: 1650 });
});

it('honours the offset and reads quoted integers; a negative, fractional or offset-less amount is null with a warning', async () => {
	const order = checkoutOrderDetails('amounts-2') as { order: Record<string, unknown> } & Record<string, unknown>;
	const odd = {
		...order,
		order: { ...order.order, subtotal: { value: -500, offset: 100 }, shipping: { value: '4000', offset: '100' }, tax: { value: 10.5, offset: 100 }, discount: { value: 15000 } },
		coupon: { code: 'WELCOME10', discount: { value: 1650, offset: 10 } },
		total_amount: { value: 21000, offset: 1000 },
	};
	const warningsBefore = loggedWarnings.length;
	expect((await itemFor(odd)).amounts).toEqual({ subtotal: null, shipping: 40, tax: null, discount: null, couponDiscount: 165, total: 21 });
	const warned = loggedWarnings.slice(warningsBefore).join('\n');
	expect(warned).toContain('subtotal {"value":-500,"offset":100}');
	expect(warned).toContain('tax {"value":10.5,"offset":100}');
	expect(warned).toContain('discount {"value":15000}');
	expect(warned).not.toMatch(/(: |; )(shipping|total|couponDiscount) /);
});
