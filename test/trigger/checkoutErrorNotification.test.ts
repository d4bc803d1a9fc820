/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * After an invalid answer, WhatsApp's client sends the endpoint an error notification
 * (implement-endpoints-for-flows.md § Implement endpoint logic, § Error notification request), and the WhatsApp
 * Checkout Endpoint Trigger acknowledges it. Real HTTP on 127.0.0.1: the sandbox as the buyer's WhatsApp client,
 * the trigger in n8n's engine, and in front of it the shop's server, which answers the sub-action itself with an
 * invalid answer (as a workflow ending in n8n's own Respond to Webhook could) and passes every other request to
 * the trigger as it came, signature included.
 */
import http from 'http';
import type { AddressInfo } from 'net';

import { WhatsAppCheckoutEndpointApi } from '../../credentials/WhatsAppCheckoutEndpointApi.credentials';
import { checkoutAnswer, readCheckoutRequest } from '../../core/checkout';
import { decryptRequest, encryptResponse, loadPrivateKey } from '../../core/endpointCrypto';
import { WhatsAppCheckoutTrigger } from '../../nodes/WhatsAppCheckoutTrigger/WhatsAppCheckoutTrigger.node';
import { CHECKOUT_CREDENTIAL_TYPE } from '../../nodes/shared/checkoutKey';
import { startSandbox, type Sandbox } from '../../sandbox';
import { INVALID_ANSWER_ERROR } from '../../sandbox/checkout/client';
import { createEngineHarness, loggedWarnings, type WebhookServer } from '../engine/harness';
import { businessKeyPair, PASSPHRASE } from '../fixtures/checkout';
import { CHECKOUT_CONFIGURATION, checkoutTemplateMessage } from '../fixtures/checkoutOrder';
import { APP_SECRET, cloudClient, controlClient, PHONE_NUMBER_ID, WABA_ID } from '../sandbox/helpers';

const ENDPOINT = 'Endpoint';

interface ShopFront {
	url: string;
	/** What reached the shop: the sub-actions it answered, the other requests it passed on. */
	seen: string[];
	close(): Promise<void>;
}

/** The shop's server: a sub-action gets an answer without the re-priced order; anything else goes to `trigger`. */
async function startShopFront(trigger: string): Promise<ShopFront> {
	const privateKey = loadPrivateKey(businessKeyPair().privateKey, PASSPHRASE);
	const seen: string[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const { payload, aesKey, iv } = decryptRequest(raw.toString('utf8'), privateKey);
			const request = readCheckoutRequest(payload);
			if (request.kind === 'sub_action') {
				seen.push(request.subAction);
				res.writeHead(200, { 'content-type': 'text/plain' }).end(encryptResponse(checkoutAnswer(request, {}), aesKey, iv));
				return;
			}
			seen.push(`passed on: ${request.kind}`);
			void fetch(trigger, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': String(req.headers['x-hub-signature-256']) }, body: raw }).then(async (answer) => {
				res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(await answer.text());
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/checkout`,
		seen,
		close: () => {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

let sandbox: Sandbox;
let trigger: WebhookServer;
let shop: ShopFront;

beforeAll(async () => {
	const harness = createEngineHarness({
		nodeTypes: [new WhatsAppCheckoutTrigger()],
		credentialTypes: [new WhatsAppCheckoutEndpointApi()],
		credentials: { [CHECKOUT_CREDENTIAL_TYPE]: { privateKey: businessKeyPair().privateKey, passphrase: PASSPHRASE, appSecret: APP_SECRET } },
	});
	trigger = await harness.startWebhookServer({
		id: 'checkout-error-notification-test',
		nodes: [{ name: ENDPOINT, type: harness.typeName('whatsAppCheckoutTrigger'), typeVersion: 1, parameters: {} }],
	});
	shop = await startShopFront(trigger.webhookUrl(ENDPOINT));
	sandbox = await startSandbox({ port: 0, appSecret: APP_SECRET });
});
afterAll(async () => {
	await sandbox.close();
	await shop.close();
	await trigger.close();
});

describe('checkout: the error notification after an invalid answer', () => {
	it('is sent encrypted and signed, and the checkout trigger acknowledges it without an execution', async () => {
		const api = cloudClient(sandbox.url);
		expect((await api.post(`/${PHONE_NUMBER_ID}/whatsapp_business_encryption`, { business_public_key: businessKeyPair().publicKey })).status).toBe(200);
		expect((await api.post(`/${WABA_ID}/payment_configuration/${CHECKOUT_CONFIGURATION}`, { data_endpoint_url: shop.url })).status).toBe(200);
		expect((await api.post(`/${PHONE_NUMBER_ID}/messages`, checkoutTemplateMessage('CO-NOTIFY-1'))).status).toBe(200);
		const warningsBefore = loggedWarnings.length;

		const applied = await controlClient(sandbox.url).post('/checkout/CO-NOTIFY-1', { sub_action: 'apply_coupon', coupon: 'WELCOME10' });

		expect(applied.status).toBe(200);
		expect(applied.data).toMatchObject({ sub_action: 'apply_coupon', status: 200, valid: false, errors: [{ path: '/data/order_details', rule: 'required' }] });
		expect(applied.data.error_notification).toEqual({
			request: { version: '3.0', action: 'data_exchange', data: { error: INVALID_ANSWER_ERROR, error_message: expect.stringContaining('apply_coupon: /data/order_details is required') } },
			status: 200,
			ms: expect.any(Number),
			answer: { data: { acknowledged: true } },
			acknowledged: true,
		});
		expect(shop.seen).toEqual(['apply_coupon', 'passed on: error_notification']);
		expect(trigger.executions).toHaveLength(0);
		expect(loggedWarnings.slice(warningsBefore)).toEqual([expect.stringContaining(`an answer of this checkout endpoint was invalid: ${INVALID_ANSWER_ERROR}`)]);
		// The order keeps its price: the invalid answer changed nothing.
		expect((await controlClient(sandbox.url).get('/checkout/CO-NOTIFY-1')).data.order_details.total_amount).toEqual({ offset: 100, value: 165000 });
	});
});
