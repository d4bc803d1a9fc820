/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * A request the endpoint cannot decrypt (421) makes WhatsApp's client download the number's public key again and
 * retry the request once (implement-endpoints-for-flows.md § Handling decryption errors). Real HTTP on 127.0.0.1:
 * the sandbox as the buyer's client, which keeps the key it downloaded until a 421, and a business endpoint whose
 * key pair the test rotates.
 */
import { generateKeyPairSync, type KeyObject } from 'crypto';
import http from 'http';
import type { AddressInfo } from 'net';

import { checkoutAnswer, readCheckoutRequest } from '../../core/checkout';
import { decryptRequest, encryptResponse, loadPrivateKey } from '../../core/endpointCrypto';
import { startSandbox, type Sandbox } from '../../sandbox';
import { businessKeyPair, PASSPHRASE } from '../fixtures/checkout';
import { CHECKOUT_CONFIGURATION, checkoutTemplateMessage } from '../fixtures/checkoutOrder';
import { cloudClient, controlClient, PHONE_NUMBER_ID, WABA_ID } from './helpers';

const COUPONS = [{ code: 'WELCOME10', id: 'welcome10', description: '10% off' }];

/** The business's new key pair (unencrypted PKCS#8). */
const rotatedKeyPair = generateKeyPairSync('rsa', {
	modulusLength: 2048,
	publicKeyEncoding: { type: 'spki', format: 'pem' },
	privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

interface Endpoint {
	url: string;
	/** The private key it decrypts with now. */
	key: KeyObject;
	/** The HTTP status of each request, in order. */
	answered: number[];
	close(): Promise<void>;
}

/** A business endpoint: 421 for what its current key cannot decrypt, the coupons for get_coupons. */
async function startEndpoint(): Promise<Endpoint> {
	const endpoint = { key: loadPrivateKey(businessKeyPair().privateKey, PASSPHRASE), answered: [] as number[] } as Endpoint;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			let decrypted;
			try {
				decrypted = decryptRequest(Buffer.concat(chunks).toString('utf8'), endpoint.key);
			} catch {
				endpoint.answered.push(421);
				res.writeHead(421).end();
				return;
			}
			const request = readCheckoutRequest(decrypted.payload);
			const answer = request.kind === 'sub_action' ? checkoutAnswer(request, { coupons: COUPONS }) : { data: { status: 'active' } };
			endpoint.answered.push(200);
			res.writeHead(200, { 'content-type': 'text/plain' }).end(encryptResponse(answer, decrypted.aesKey, decrypted.iv));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/checkout`;
	endpoint.close = () => {
		server.closeAllConnections();
		return new Promise((resolve) => server.close(() => resolve()));
	};
	return endpoint;
}

let sandbox: Sandbox;
let endpoint: Endpoint;
const api = () => cloudClient(sandbox.url);
const getCoupons = async (referenceId: string) => (await controlClient(sandbox.url).post(`/checkout/${referenceId}`, { sub_action: 'get_coupons' })).data;
const uploadKey = async (publicKey: string) => expect((await api().post(`/${PHONE_NUMBER_ID}/whatsapp_business_encryption`, { business_public_key: publicKey })).status).toBe(200);

beforeAll(async () => {
	endpoint = await startEndpoint();
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
	await sandbox.close();
	await endpoint.close();
});

describe('checkout: a 421 makes the client download the public key again and retry once', () => {
	it('after the business rotates its key pair: the first attempt (old key) gets 421, the retry with the new key 200; both are recorded', async () => {
		await uploadKey(businessKeyPair().publicKey);
		expect((await api().post(`/${WABA_ID}/payment_configuration/${CHECKOUT_CONFIGURATION}`, { data_endpoint_url: endpoint.url })).status).toBe(200);
		expect((await api().post(`/${PHONE_NUMBER_ID}/messages`, checkoutTemplateMessage('CO-ROTATE-1'))).status).toBe(200);
		// The client downloads the key once and keeps it.
		const before = await getCoupons('CO-ROTATE-1');
		expect(before).toMatchObject({ status: 200, valid: true, answer: { data: { coupons: COUPONS } } });
		expect(before.first_attempt).toBeUndefined();

		// The business rotates: its endpoint decrypts with the new key only, and it uploads the new public key.
		endpoint.key = loadPrivateKey(rotatedKeyPair.privateKey);
		await uploadKey(rotatedKeyPair.publicKey);
		endpoint.answered.length = 0;
		const rotated = await getCoupons('CO-ROTATE-1');
		expect(rotated).toMatchObject({ sub_action: 'get_coupons', status: 200, valid: true, answer: { data: { coupons: COUPONS } } });
		expect(rotated.first_attempt).toEqual({ sub_action: 'get_coupons', status: 421, ms: expect.any(Number) });
		expect(endpoint.answered).toEqual([421, 200]);

		// The new key is kept: the next request is answered at once.
		endpoint.answered.length = 0;
		expect((await getCoupons('CO-ROTATE-1')).first_attempt).toBeUndefined();
		expect(endpoint.answered).toEqual([200]);
	});

	it('retries once only: when the key read again does not decrypt either, the second 421 is the answer', async () => {
		// The endpoint's key is not the one uploaded (the business forgot to upload the new one).
		endpoint.key = loadPrivateKey(businessKeyPair().privateKey, PASSPHRASE);
		endpoint.answered.length = 0;
		const ping = (await controlClient(sandbox.url).post('/checkout/CO-ROTATE-1', { sub_action: 'ping' })).data;
		expect(ping).toMatchObject({ sub_action: 'ping', status: 421, first_attempt: { sub_action: 'ping', status: 421 } });
		expect(endpoint.answered).toEqual([421, 421]);
	});
});
