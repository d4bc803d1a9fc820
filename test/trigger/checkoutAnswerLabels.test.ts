/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Respond to Checkout's errors name the coupons of "Coupons (JSON)" by their keys, in n8n's engine over real HTTP on
 * 127.0.0.1 (a get_coupons request as WhatsApp sends it): a coupon's "code" is not the order forms' "Pix Code".
 */
import { WhatsAppCheckoutEndpointApi } from '../../credentials/WhatsAppCheckoutEndpointApi.credentials';
import { encryptRequest } from '../../core/endpointCrypto';
import { signBody } from '../../core/signatures';
import { WhatsAppCheckoutTrigger } from '../../nodes/WhatsAppCheckoutTrigger/WhatsAppCheckoutTrigger.node';
import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { CHECKOUT_CREDENTIAL_TYPE } from '../../nodes/shared/checkoutKey';
import { createEngineHarness } from '../engine/harness';
import { businessKeyPair, PASSPHRASE } from '../fixtures/checkout';
import { checkoutOrderDetails } from '../fixtures/checkoutOrder';

const APP_SECRET = 'checkout-answer-labels-secret-3c9e';
const ENDPOINT = 'Endpoint';
const harness = createEngineHarness({
	nodeTypes: [new WhatsAppCheckoutTrigger(), new WhatsAppPayments()],
	credentialTypes: [new WhatsAppCheckoutEndpointApi()],
	credentials: { [CHECKOUT_CREDENTIAL_TYPE]: { privateKey: businessKeyPair().privateKey, passphrase: PASSPHRASE, appSecret: APP_SECRET } },
});
let workflowCounter = 0;

/** The error of Respond to Checkout answering a buyer's get_coupons with Coupons (JSON) `coupons`. */
async function couponsError(coupons: unknown[]): Promise<string | undefined> {
	const server = await harness.startWebhookServer({
		id: `checkout-answer-labels-${++workflowCounter}`,
		nodes: [
			{ name: ENDPOINT, type: harness.typeName('whatsAppCheckoutTrigger'), typeVersion: 1, parameters: {} },
			{
				name: 'Respond to Checkout',
				type: harness.typeName('whatsAppPayments'),
				typeVersion: 2,
				parameters: { resource: 'checkout', operation: 'respondToCheckout', answerWith: 'coupons', couponsSource: 'json', coupons: JSON.stringify(coupons) },
			},
		],
		connections: { [ENDPOINT]: { main: [[{ node: 'Respond to Checkout', type: 'main', index: 0 }]] } },
	});
	try {
		const request = { version: '3.0', action: 'data_exchange', sub_action: 'get_coupons', data: { order_details: checkoutOrderDetails('labels-1'), input: { user_id: '919000090000' } } };
		const text = JSON.stringify(encryptRequest(request, businessKeyPair().publicKey).body);
		const response = await fetch(server.webhookUrl(ENDPOINT), { method: 'POST', body: text, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(text, APP_SECRET) } });
		expect(response.status).toBe(500);
		const [run] = await server.settled();
		return run.error?.message;
	} finally {
		await server.close();
	}
}

describe('Respond to Checkout: a coupon of Coupons (JSON) is named by its keys', () => {
	it.each([
		['without its code', [{ id: 'a', description: '10% off' }], 'Coupons (JSON) › line 1 › Code: is required'],
		['with an empty code', [{ code: '', id: 'a', description: '10% off' }], 'Coupons (JSON) › line 1 › Code: '],
		['the second without its ID', [{ code: 'A', id: 'a', description: 'd' }, { code: 'B', description: 'd' }], 'Coupons (JSON) › line 2 › ID: is required'],
		['without its description', [{ code: 'A', id: 'a' }], 'Coupons (JSON) › line 1 › Description: is required'],
	])('%s', async (_what, coupons, starts) => {
		const message = (await couponsError(coupons)) ?? '';
		const named = message.replace(/^Input item \d+: /, '');
		expect(named.startsWith(starts) ? starts : message).toBe(starts);
	});
});
