/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * What the node makes of answers that are not the API's: an intermediary's page that quotes the request (the
 * credential's secrets never reach an error), and 2xx answers nobody can read (never "not found", never a
 * success), over real HTTP on 127.0.0.1 in front of the sandbox.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { textOf } from '../engine/harness';
import { throughProxy, type ProxyAction } from './lossyProxy';
import { cloudCredentials, FAST_RETRIES, NODE, newReference, orderPerInputItem, RECIPIENT, startTestbed, TOKEN, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

const CONFIGURATION = { __rl: true, mode: 'list', value: 'razorpay-sandbox' };
const lookUp = (referenceId: string): INodeParameters => ({ resource: 'payment', operation: 'lookUp', paymentConfiguration: CONFIGURATION, referenceId, options: FAST_RETRIES });
const refund = (referenceId: string, amount: number): INodeParameters => ({
	resource: 'payment',
	operation: 'refund',
	referenceId,
	paymentConfiguration: CONFIGURATION,
	amount,
	speed: 'instant',
	options: FAST_RETRIES,
});

/** A paid India Razorpay order (Rs 99.50 + 5 tax). */
async function paidOrder(): Promise<string> {
	const referenceId = newReference('ANS');
	expect((await bed.run(orderPerInputItem(FAST_RETRIES), [{ to: RECIPIENT, ref: referenceId }])).error).toBeUndefined();
	await bed.control('POST', `/_sandbox/orders/${referenceId}/pay`, { outcome: 'success', method: 'upi' });
	return referenceId;
}

/** A proxy or firewall that refuses every request with an HTML page quoting the request line and its credential header. */
async function withEchoingFirewall<T>(credentials: Record<string, string>, body: () => Promise<T>): Promise<T> {
	const server = http.createServer((req, res) => {
		res.writeHead(403, { 'content-type': 'text/html' });
		res.end(`<html><h1>Access denied</h1><p>Authorization: ${req.headers.authorization}</p><p>Request: ${req.method} ${req.url}</p></html>`);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	bed.harness.setCredentials('whatsAppPaymentsApi', { ...cloudCredentials(`http://127.0.0.1:${(server.address() as AddressInfo).port}`), ...credentials });
	try {
		return await body();
	} finally {
		bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url));
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
}

describe('an intermediary\'s page that quotes the request never puts the access token in an error', () => {
	it('the token check (GET /debug_token?input_token=...) of a credential without a WhatsApp Business Account ID', async () => {
		const result = await withEchoingFirewall({ businessAccountId: '' }, async () => await bed.run({ resource: 'paymentConfiguration', operation: 'getAll' }));
		expect(result.error?.message).toMatch(/^Could not tell which WhatsApp Business Account to use: the access token could not be checked \(WhatsApp API error The API's answer could not be read \(HTTP 403, text\/html, not JSON\)/);
		expect(textOf(result.run)).not.toContain(TOKEN);
		expect(`${result.error?.message} ${result.error?.description}`).not.toContain(TOKEN);
	});

	it('a lookup, its page quoting the Authorization header: the error gives the status, content type and a short redacted start', async () => {
		const result = await withEchoingFirewall({}, async () => await bed.run(lookUp('ORD-1'), [{}], { continueOnFail: true }));
		const [out] = result.json(NODE);
		expect(out.error).toBe("WhatsApp API error The API's answer could not be read (HTTP 403, text/html, not JSON)");
		expect(out.details).toMatchObject({ details: expect.stringMatching(/^It begins: "Access denied Authorization: Bearer \[redacted\] Request: GET \/v23\.0\//) });
		expect(textOf(result.run)).not.toContain(TOKEN);
	});
});

describe('a redirect is not followed: the credential and the order never reach the place it points to', () => {
	it('a bill answered 307 to another server fails on its status; the other server gets nothing', async () => {
		const elsewhere: string[] = [];
		const other = http.createServer((req, res) => {
			elsewhere.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"messages":[{"id":"wamid.elsewhere"}]}');
		});
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
		const target = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
		const redirecting = http.createServer((req, res) => {
			res.writeHead(307, { location: `${target}${req.url}` });
			res.end();
		});
		await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
		bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(`http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`));
		try {
			const result = await bed.run(orderPerInputItem(FAST_RETRIES), [{ to: RECIPIENT, ref: newReference('RED') }], { continueOnFail: true });
			const [out] = result.json(NODE);
			expect(out.error).toBe('WhatsApp API error The API answered with a redirect (HTTP 307), which is not followed: the credential would go along to another address');
			expect(out.details).toMatchObject({ hint: "Check the credential's Base URL: it must be the API's own address, which answers without redirecting", attempts: 1 });
			expect(out).not.toHaveProperty('wamid');
			expect(elsewhere).toEqual([]);
			expect(textOf(result.run)).not.toContain(TOKEN);
		} finally {
			bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url));
			for (const server of [redirecting, other]) {
				server.closeAllConnections();
				await new Promise((resolve) => server.close(resolve));
			}
		}
	});
});

/** A 2xx answer that is not a JSON object: a captive portal's page, an empty body, a cut one. */
const UNREADABLE: Array<[string, ProxyAction]> = [
	['an HTML page', { status: 200, body: '<html>Login required</html>', contentType: 'text/html' }],
	['an empty body', { status: 200, body: '', contentType: 'application/json' }],
	['truncated JSON', { status: 200, body: '{"payments":[', contentType: 'application/json' }],
];

describe('a 2xx answer that is not a JSON object is no answer', () => {
	it.each(UNREADABLE)('Look Up answered %s: retried as a failed read, then an error that never says "not found"', async (_, answer) => {
		const referenceId = await paidOrder();
		const result = await throughProxy(bed, () => answer, async () => await bed.run(lookUp(referenceId), [{}], { continueOnFail: true }));
		const [out] = result.json(NODE);
		expect(out.error).toMatch(/^WhatsApp API error The API's answer could not be read \(HTTP 200, .*\) \(after 5 attempts\)$/);
		expect(out.error).not.toMatch(/no payment|not found/i);
		expect(out.details).toMatchObject({ attempts: 5, httpStatus: 200 });
	});

	it('a Refund POST answered 200 HTML: an error saying the outcome is unknown, no success item, nothing resent', async () => {
		const referenceId = await paidOrder();
		const html: ProxyAction = { status: 200, body: '<html>ok</html>', contentType: 'text/html' };
		const result = await throughProxy(bed, (method) => (method === 'POST' ? html : 'forward'), async (proxy) => {
			const run = await bed.run(refund(referenceId, 10), [{}], { continueOnFail: true });
			expect(proxy.answered.map((exchange) => exchange.method)).toEqual(['POST']);
			return run;
		});
		const [out] = result.json(NODE);
		expect(out.error).toBe("WhatsApp API error The API's answer could not be read (HTTP 200, text/html, not JSON): whether the request was carried out is unknown");
		expect(out).not.toHaveProperty('refunded');
		expect(out.details).toMatchObject({ hint: expect.stringMatching(/before sending it again/) });
	});
});

describe('the lookup\'s documented generic error (receive-payments-via-payment-gateways-on-whatsapp.md § Step 5)', () => {
	const GENERIC = { errors: [{ code: 500, title: 'Generic error', details: 'System error. Please try again.' }] };

	it.each([200, 400])('answered with HTTP %i: retried, then that error, never "No payment found"', async (status) => {
		const referenceId = await paidOrder();
		const result = await throughProxy(bed, () => ({ status, body: GENERIC }), async () => await bed.run(lookUp(referenceId), [{}], { continueOnFail: true }));
		const [out] = result.json(NODE);
		expect(out.error).toBe('WhatsApp API error (#500) Generic error (after 5 attempts)');
		expect(out.details).toMatchObject({ code: 500, attempts: 5, httpStatus: status });
	});

	it('answered once, then the payment: the retry reads it', async () => {
		const referenceId = await paidOrder();
		const result = await throughProxy(bed, (_method, _path, n) => (n === 0 ? { status: 200, body: GENERIC } : 'forward'), async () => await bed.run(lookUp(referenceId)));
		expect(result.error).toBeUndefined();
		expect(result.json(NODE)[0]).toMatchObject({ status: 'captured' });
	});
});

describe('API error hints', () => {
	it('a refund above what is left names the field without its wire path, and says to send again', async () => {
		const referenceId = await paidOrder();
		const result = await bed.run(refund(referenceId, 100_000), [{}], { continueOnFail: true });
		const [out] = result.json(NODE);
		expect(out.details).toMatchObject({ hint: expect.stringMatching(/^Fix the field "Amount\b.*" and send again\.$/) });
		expect(JSON.stringify((out.details as IDataObject | undefined)?.hint)).not.toMatch(/\/amount/);
	});

	it('a read names no "send again" (a lookup in another configuration than the order\'s: code 100 naming the field)', async () => {
		const referenceId = await paidOrder();
		const otherConfiguration = { ...lookUp(referenceId), paymentConfiguration: { ...CONFIGURATION, value: 'upi-sandbox' } };
		const result = await bed.run(otherConfiguration, [{}], { continueOnFail: true });
		const [out] = result.json(NODE);
		expect(out.error).toMatch(/^WhatsApp API error \(#100\)/);
		expect(out.details).toMatchObject({ hint: 'Check the field "Payment Configuration".' });
		expect(JSON.stringify(out.details)).not.toMatch(/send again/);
	});
});
