/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Hardening of the sandbox against web pages and bad registrations, over real HTTP on 127.0.0.1: the control API
 * cannot be driven cross-site (Content-Type, Host, Origin), and registered webhook headers are checked, so that no
 * delivery can crash the process.
 */
import http from 'http';
import { startSandbox, type Sandbox } from '../../sandbox';
import { sendRequest } from '../../sandbox/webhooks';
import { HELD, cloudClient, controlClient, dialogClient, startReceiver, type Receiver } from './helpers';
import { indiaOrder } from './messages';
import { fixtureNow } from '../fixtures/orders';

let sandbox: Sandbox;
let receiver: Receiver;
beforeAll(async () => {
	receiver = await startReceiver();
	sandbox = await startSandbox({ port: 0, now: fixtureNow, webhookUrl: receiver.url, webhookBatchMs: HELD, webhookRetry: { attempts: 1, delaysMs: [0] } });
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(() => sandbox.reset());

/** A raw request with headers fetch would not let us set (Host). */
function rawRequest(method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; text: string }> {
	return new Promise((resolve, reject) => {
		const request = http.request(`${sandbox.url}${path}`, { method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (c: Buffer) => chunks.push(c));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
		});
		request.on('error', reject);
		request.end(body);
	});
}

async function placeOrder(referenceId: string): Promise<void> {
	expect((await cloudClient(sandbox.url).post('/100000000000001/messages', indiaOrder(referenceId))).status).toBe(200);
}

const paymentStatusOf = async (referenceId: string): Promise<unknown> => (await controlClient(sandbox.url).get(`/orders/${referenceId}`)).data.payment_status;

describe('control API guard', () => {
	const pay = JSON.stringify({ outcome: 'success', method: 'upi' });

	it('refuses a cross-site "simple" POST (text/plain, a form, no content type) with 415, and the order stays unpaid', async () => {
		await placeOrder('guard-1');
		for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
			const response = await fetch(`${sandbox.url}/_sandbox/orders/guard-1/pay`, {
				method: 'POST',
				body: pay,
				headers: contentType ? { 'content-type': contentType } : {},
			});
			// fetch adds text/plain to a string body without a content type.
			expect(response.status).toBe(415);
			expect(await response.text()).toContain('content-type');
		}
		expect(await paymentStatusOf('guard-1')).not.toBe('captured');
		const webhook = await fetch(`${sandbox.url}/_sandbox/webhook`, { method: 'POST', body: JSON.stringify({ url: 'http://127.0.0.1:1/evil' }), headers: { 'content-type': 'text/plain' } });
		expect(webhook.status).toBe(415);
		expect((await controlClient(sandbox.url).get('/webhook')).data.url).toBe(receiver.url);
	});

	it('refuses a foreign Origin with 403, even with a JSON content type', async () => {
		await placeOrder('guard-2');
		for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1.evil.example']) {
			const response = await fetch(`${sandbox.url}/_sandbox/orders/guard-2/pay`, { method: 'POST', body: pay, headers: { 'content-type': 'application/json', origin } });
			expect(response.status).toBe(403);
			expect(await response.text()).toContain('origin');
		}
		expect((await fetch(`${sandbox.url}/_sandbox/orders`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
		expect(await paymentStatusOf('guard-2')).not.toBe('captured');
	});

	it('refuses a foreign Host (DNS rebinding) with 403', async () => {
		await placeOrder('guard-3');
		const refused = await rawRequest('POST', '/_sandbox/orders/guard-3/pay', { host: 'evil.example', 'content-type': 'application/json' }, pay);
		expect(refused.status).toBe(403);
		expect(refused.text).toContain('host');
		expect((await rawRequest('GET', '/_sandbox/orders', { host: 'attacker.test:8790' })).status).toBe(403);
		expect(await paymentStatusOf('guard-3')).not.toBe('captured');
	});

	it('accepts JSON from loopback hosts and loopback origins, and GETs without a content type', async () => {
		await placeOrder('guard-4');
		const port = new URL(sandbox.url).port;
		const accepted = await rawRequest('POST', '/_sandbox/orders/guard-4/pay', { host: `localhost:${port}`, origin: `http://localhost:${port}`, 'content-type': 'application/json; charset=utf-8' }, pay);
		expect(accepted.status).toBe(200);
		expect(await paymentStatusOf('guard-4')).toBe('captured');
		expect((await fetch(`${sandbox.url}/_sandbox/orders`)).status).toBe(200);
		expect((await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST', headers: { 'content-type': 'application/json' } })).status).toBe(200);
	});

	it('does not apply to the simulated APIs (their clients are servers, not browsers)', async () => {
		expect((await cloudClient(sandbox.url).get('/100000000000001', { headers: { origin: 'https://evil.example' } })).status).toBe(200);
	});
});

describe('registered webhook headers', () => {
	it('refuses CR/LF, control characters and non-Latin-1 values with 400 naming the header; the sandbox keeps answering', async () => {
		const dialog = dialogClient(sandbox.url);
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ 'X-Injected': 'a\r\nSet-Cookie: x=1' }, 'headers.X-Injected'],
			[{ 'X-Newline': 'a\nb' }, 'headers.X-Newline'],
			[{ 'X-Nul': 'a\u0000b' }, 'headers.X-Nul'],
			[{ 'X-Snowman': 'caf\u2603' }, 'headers.X-Snowman'],
			[{ 'Bad Name': 'v' }, '"Bad Name"'],
			[{ 'X-Number': 1 }, 'headers.X-Number'],
		];
		for (const [headers, named] of cases) {
			const response = await dialog.post('/v1/configs/webhook', { url: receiver.url, headers });
			expect(response.status).toBe(400);
			expect(JSON.stringify(response.data)).toContain(JSON.stringify(named).slice(1, -1));
		}
		expect((await dialog.get('/v1/configs/webhook')).data).toEqual({ url: null });
		expect((await dialog.post('/v1/configs/webhook', { url: receiver.url, headers: { 'X-Latin1': 'caf\u00e9\tok' } })).status).toBe(200);
	});

	it('a delivery whose headers Node refuses fails as an attempt and never throws', async () => {
		const result = await sendRequest('POST', receiver.url, 1000, new Set(), Buffer.from('{}'), { 'x-bad': 'a\r\nb' });
		expect(result.error).toBeDefined();
		expect(result.status).toBeUndefined();
	});

	it('refuses a bad secret header option at start', async () => {
		await expect(startSandbox({ port: 0, webhookSecretHeader: { name: 'X-Webhook-Secret', value: 'a\r\nb' } })).rejects.toThrow(/webhookSecretHeader: headers.X-Webhook-Secret/);
	});
});
