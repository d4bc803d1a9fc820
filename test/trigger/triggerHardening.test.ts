/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * The Payments Trigger when its parameters or the lookup API misbehave (hardening audit, findings 1-4 and 7): an
 * update is never marked as seen unless the workflow gets it, parameters are read in the forms n8n hands over or
 * refused by name, only the proof registration set up is accepted, a lookup answer that cannot be read is no answer,
 * and a delivery's lookups have a deadline. Real HTTP on 127.0.0.1: the trigger in n8n's engine, and a local API whose
 * answers each test chooses (the sandbox answers only well-formed JSON, and always at once).
 */
import http from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { signBody } from '../../core/signatures';
import { LOOKUP_ATTEMPTS, LOOKUP_DEADLINE_MS } from '../../nodes/WhatsAppPaymentsTrigger/confirmation';
import { textOf } from '../engine/harness';
import { messagesChange, paymentStatus, webhookBody } from '../fixtures/webhooks';
import { ACCESS_TOKEN, SHARED_SECRET, startTrigger, type TriggerUnderTest } from './triggerHarness';

/** Answers a request: status, content type, body. */
type Answer = [number, string, string];

interface LookupApi {
	url: string;
	/** The paths asked, in order. */
	paths: string[];
	/** Answers every request held so far (and every later one at once) with this. */
	release(answer: Answer): void;
	close(): Promise<void>;
}

/** A local lookup API: answers each request with `answer`, or holds it until release() when `answer` is null. */
async function startLookupApi(answer: Answer | null): Promise<LookupApi> {
	const paths: string[] = [];
	const held: http.ServerResponse[] = [];
	let current = answer;
	const send = (res: http.ServerResponse, [status, type, body]: Answer) => res.writeHead(status, { 'content-type': type }).end(body);
	const server = http.createServer((req, res) => {
		paths.push(req.url ?? '');
		if (current) send(res, current);
		else held.push(res);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		paths,
		release(next) {
			current = next;
			for (const res of held.splice(0)) send(res, next);
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Waits for a condition the system under test brings about (a generous bound, never a timing assertion). */
async function until(condition: () => boolean): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
	if (!condition()) throw new Error('the condition never came true');
}

const CAPTURED = webhookBody([[messagesChange({ statuses: [paymentStatus()] })]]);
const JSON_TYPE = 'application/json';
const CAPTURED_LOOKUP: Answer = [200, JSON_TYPE, JSON.stringify({ payments: [{ reference_id: 'order-1001', status: 'captured', currency: 'INR', amount: { value: 21000, offset: 100 } }] })];

let trigger: TriggerUnderTest | undefined;
let api: LookupApi | undefined;
afterEach(async () => {
	jest.restoreAllMocks();
	await trigger?.close();
	await api?.close();
	trigger = undefined;
	api = undefined;
});

/** The error of each execution (null when it ran). */
async function executionErrors(t: TriggerUnderTest): Promise<Array<string | null>> {
	return (await t.server.settled()).map((run) => run.error?.message ?? null);
}

describe('finding 1: no update is marked as seen unless the workflow gets it', () => {
	it.each([
		['an object', '={{ { a: 1 } }}', /^Payment Configuration Name: must be text, not an object$/],
		['a list', '={{ ["cfg"] }}', /^Payment Configuration Name: must be text, not a list$/],
		['undefined', '={{ undefined }}', /^Payment Configuration Name: is empty/],
		['null', '={{ null }}', /^Payment Configuration Name: is empty/],
		['a field of an input a trigger does not have', '={{ $json.cfg }}', /^Payment Configuration Name: is empty/],
		['an expression that cannot be resolved', '={{ $("Nope").item.json.x }}', /^Payment Configuration Name: the expression could not be resolved/],
	])('a Payment Configuration Name that is %s is reported on the item, which reaches the workflow once', async (_, name, message) => {
		api = await startLookupApi(CAPTURED_LOOKUP);
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: name }, { baseUrl: api.url });
		expect((await trigger.post(CAPTURED)).status).toBe(200);
		const [[item]] = await trigger.emitted(1);
		expect(item).toMatchObject({ kind: 'payment_status', referenceId: 'order-1001', confirmation: { status: null, agrees: null, payment: null, error: { message: expect.stringMatching(message), httpCode: null } } });
		expect(api.paths).toEqual([]);
		// Emitted, so the retry is the duplicate it is.
		expect((await trigger.post(CAPTURED)).status).toBe(200);
		expect(await executionErrors(trigger)).toEqual([null]);
	});

	it('a number as Payment Configuration Name is looked up as written', async () => {
		api = await startLookupApi(CAPTURED_LOOKUP);
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: '={{ 123 }}' }, { baseUrl: api.url });
		await trigger.post(CAPTURED);
		const [[item]] = await trigger.emitted(1);
		expect(item.confirmation).toMatchObject({ agrees: true, error: null });
		expect(api.paths).toEqual(['/v23.0/106540352242922/payments/123/order-1001']);
	});

	it('a switch that cannot be read fails every delivery naming the field, and marks nothing as seen', async () => {
		trigger = await startTrigger({ confirmWithLookup: '={{ $("Nope").item.json.x }}', paymentConfigurationName: 'cfg' }, { baseUrl: 'http://127.0.0.1:9' });
		// WhatsApp retries a failed delivery: each retry fails the same way instead of being dropped as a duplicate.
		for (let i = 0; i < 3; i++) expect((await trigger.post(CAPTURED)).status).toBe(500);
		const errors = await executionErrors(trigger);
		expect(errors).toHaveLength(3);
		for (const error of errors) expect(error).toMatch(/^Confirm With Payment Lookup: the expression could not be resolved/);
		// Activation says so too, before any delivery.
		await expect(trigger.server.activate()).rejects.toThrow(/^Confirm With Payment Lookup: /);
	});
});

describe('finding 2: lists and switches in the forms n8n hands over', () => {
	const statuses = [paymentStatus({ status: 'pending', referenceId: 'order-p', messageId: 'wamid.p' }), paymentStatus({ status: 'captured', referenceId: 'order-c', messageId: 'wamid.c' })];
	const both = webhookBody([[messagesChange({ statuses })]]);
	// n8n cannot tell from an expression in "Trigger On" whether the name is shown, so it asks for it (workflow issues).
	const NAMED = { paymentConfigurationName: 'cfg' };

	it.each<[string, INodeParameters, 1 | 2]>([
		['"Trigger On" as comma-separated text', { events: '={{ "payment_status, error" }}', paymentStatuses: ['captured'], ...NAMED }, 2],
		['"Payment Statuses" as text', { paymentStatuses: '={{ "captured" }}' }, 2],
		['"Payment Statuses" in another case', { paymentStatuses: ['Captured'] }, 2],
		['version 1 "Options › Payment Statuses" as text', { options: { paymentStatuses: '={{ "captured" }}' } }, 1],
	])('%s', async (_, parameters, version) => {
		trigger = await startTrigger(parameters, {}, version);
		expect((await trigger.post(both)).status).toBe(200);
		const [items] = await trigger.emitted(1);
		expect(items.map((item) => item.referenceId)).toEqual(['order-c']);
	});

	it.each<[string, INodeParameters, RegExp]>([
		['an unknown kind in "Trigger On"', { events: '={{ "payment_statuses" }}', ...NAMED }, /^Trigger On: "payment_statuses" is not one of payment_configuration_update, error, other, invalid, payment_method, payment_status$/],
		['"Trigger On" as a number', { events: '={{ 5 }}', ...NAMED }, /^Trigger On: must be a list of /],
		// Nothing picked would answer every delivery and start nothing: the updates would be lost.
		['an empty "Trigger On" from an expression', { events: '={{ "" }}', ...NAMED }, /^Trigger On: pick at least one kind of update$/],
		['an unknown status', { paymentStatuses: ['paid'] }, /^Payment Statuses: "paid" is not one of canceled, captured, failed, new, pending, refund$/],
		['a switch that is neither true nor false', { confirmWithLookup: '={{ "maybe" }}', paymentConfigurationName: 'cfg' }, /^Confirm With Payment Lookup: must be true or false, not "maybe"$/],
		['an option switch that is neither', { options: { deduplicate: '={{ "maybe" }}' } }, /^Options › Deduplicate Retried Deliveries: must be true or false, not "maybe"$/],
	])('%s fails the activation and every delivery, naming the field', async (_, parameters, message) => {
		trigger = await startTrigger(parameters);
		await expect(trigger.server.activate()).rejects.toThrow(message);
		expect((await trigger.post(CAPTURED)).status).toBe(500);
		expect((await trigger.post(CAPTURED)).status).toBe(500);
		const errors = await executionErrors(trigger);
		expect(errors).toHaveLength(2);
		for (const error of errors) expect(error).toMatch(message);
	});

	it('reads "false" from an expression as the switch off: a redelivered update is emitted again', async () => {
		trigger = await startTrigger({ options: { deduplicate: '={{ "false" }}' } });
		await trigger.post(CAPTURED);
		await trigger.post(CAPTURED);
		expect(await trigger.emitted(2)).toHaveLength(2);
	});
});

describe('finding 3: a 360dialog credential that kept a Cloud API app secret', () => {
	const LEFTOVER_SECRET = 'left-over-cloud-app-secret-9d2e';

	it('accepts the registered shared secret header, and not a signature made with the hidden app secret', async () => {
		trigger = await startTrigger({}, { provider: 'dialog360', apiKey: 'k', appSecret: LEFTOVER_SECRET, webhookSharedSecret: SHARED_SECRET });
		expect((await trigger.post(CAPTURED, { secret: null, headers: { 'x-webhook-secret': SHARED_SECRET } })).status).toBe(200);
		const other = webhookBody([[messagesChange({ statuses: [paymentStatus({ referenceId: 'order-2', messageId: 'wamid.2' })] })]]);
		expect((await trigger.post(other, { secret: LEFTOVER_SECRET })).status).toBe(401);
		expect((await trigger.post(other, { secret: null, headers: { 'x-webhook-secret': 'wrong' } })).status).toBe(401);
		const executions = await trigger.emitted(1);
		expect(executions.map((items) => items.map((item) => item.referenceId))).toEqual([['order-1001']]);
	});

	it('still checks signatures for a 360dialog credential with an app secret and no shared secret (nothing registered a header)', async () => {
		trigger = await startTrigger({}, { provider: 'dialog360', apiKey: 'k', appSecret: LEFTOVER_SECRET, webhookSharedSecret: '' });
		const raw = JSON.stringify(CAPTURED);
		expect((await trigger.post(raw, { secret: null, headers: { 'x-hub-signature-256': signBody(raw, LEFTOVER_SECRET) } })).status).toBe(200);
	});
});

describe('finding 4: a 2xx lookup answer that is not a JSON object is no answer', () => {
	it.each<[string, Answer]>([
		['an HTML page', [200, 'text/html', '<html>Login required</html>']],
		['an empty body', [200, JSON_TYPE, '']],
		['cut-off JSON', [200, JSON_TYPE, '{"payments":[']],
		['an object without payments', [200, JSON_TYPE, '{"data":[]}']],
	])('%s: agrees null, the answer could not be read, tried again as a read', async (_, answer) => {
		api = await startLookupApi(answer);
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: 'cfg' }, { baseUrl: api.url });
		await trigger.post(CAPTURED);
		const [[item]] = await trigger.emitted(1);
		expect(item.confirmation).toMatchObject({
			status: null,
			agrees: null,
			mismatches: [],
			error: { httpCode: 200, message: `Payment lookup failed: the API's answer could not be read (HTTP 200, no payment in it) (after ${LOOKUP_ATTEMPTS} attempts)` },
		});
		expect(api.paths).toHaveLength(LOOKUP_ATTEMPTS);
	});

	it('an empty payments list is the API saying there is no such payment: a contradiction, asked once', async () => {
		api = await startLookupApi([200, JSON_TYPE, '{"payments":[]}']);
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: 'cfg' }, { baseUrl: api.url });
		await trigger.post(CAPTURED);
		const [[item]] = await trigger.emitted(1);
		expect(item.confirmation).toMatchObject({ status: null, agrees: false, error: { httpCode: 200, message: expect.stringMatching(/^Payment lookup found no payment "order-1001"/) } });
		expect(api.paths).toHaveLength(1);
	});
});

describe('the lookup answer is read as the action node reads it (core readPaymentLookup)', () => {
	const payment = (referenceId: string | undefined, value = 21000) => ({ ...(referenceId === undefined ? {} : { reference_id: referenceId }), status: 'captured', currency: 'INR', amount: { value, offset: 100 } });
	const answering = (body: unknown): Answer => [200, JSON_TYPE, JSON.stringify(body)];

	async function confirmationFor(answer: Answer): Promise<IDataObject> {
		api = await startLookupApi(answer);
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: 'cfg' }, { baseUrl: api.url });
		await trigger.post(CAPTURED);
		const [[item]] = await trigger.emitted(1);
		return item.confirmation as IDataObject;
	}

	it('another payment listed before the one asked for: its own entry is compared, and agrees', async () => {
		const confirmation = await confirmationFor(answering({ payments: [payment('order-0999', 500), payment('order-1001')] }));
		expect(confirmation).toMatchObject({ status: 'captured', agrees: true, mismatches: [], payment: { referenceId: 'order-1001', amount: { decimal: '210.00' } }, error: null });
		expect(api?.paths).toHaveLength(1);
	});

	it('a payment without reference_id is the one asked for (as the path names it): it agrees', async () => {
		const confirmation = await confirmationFor(answering({ payments: [payment(undefined)] }));
		expect(confirmation).toMatchObject({ status: 'captured', agrees: true, mismatches: [], payment: { referenceId: null } });
	});

	it('payments of other references only: a contradiction naming them, no other order\'s payment attached, asked once', async () => {
		const confirmation = await confirmationFor(answering({ payments: [payment('order-0999')] }));
		expect(confirmation).toMatchObject({
			status: null,
			agrees: false,
			mismatches: [{ field: 'referenceId', webhook: 'order-1001', lookup: 'order-0999' }],
			payment: null,
			error: { httpCode: 200, message: 'Payment lookup answered for reference ID "order-0999", not "order-1001"' },
		});
		expect(api?.paths).toHaveLength(1);
	});

	it('many other references: the mismatch names the first 3 then "…", as the error does, and a reference_id that is not text as null', async () => {
		const others = [payment('order-0997'), { ...payment('order-0998'), reference_id: { id: 7 } }, ...Array.from({ length: 50 }, (_, i) => payment(`order-${2000 + i}`))];
		const confirmation = await confirmationFor(answering({ payments: others }));
		expect(confirmation).toMatchObject({
			agrees: false,
			mismatches: [{ field: 'referenceId', webhook: 'order-1001', lookup: 'order-0997, null, order-2000, …' }],
			error: { message: 'Payment lookup answered for reference ID "order-0997", {"id":7}, "order-2000", …, not "order-1001"' },
		});
	});

	it('the API\'s "not found" error in a 2xx body: no such payment, a contradiction, asked once', async () => {
		const confirmation = await confirmationFor(answering({ error: { code: 100, error_subcode: 33 } }));
		expect(confirmation).toMatchObject({ status: null, agrees: false, payment: null, error: { httpCode: 200, message: expect.stringMatching(/^Payment lookup found no payment "order-1001"/) } });
		expect(api?.paths).toHaveLength(1);
	});
});

describe('a lookup error that quotes the credential\'s token', () => {
	it('reaches the item with the token redacted (Meta quotes a malformed token back: code 190)', async () => {
		const quoting = JSON.stringify({ error: { message: `Malformed access token Bearer ${ACCESS_TOKEN}`, type: 'OAuthException', code: 190 } });
		api = await startLookupApi([401, JSON_TYPE, quoting]);
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: 'cfg' }, { baseUrl: api.url });
		await trigger.post(CAPTURED);
		const [[item]] = await trigger.emitted(1);
		expect(item.confirmation).toMatchObject({ agrees: null, error: { httpCode: 401, message: 'Payment lookup failed: Malformed access token Bearer [redacted]' } });
		expect(JSON.stringify(item)).not.toContain(ACCESS_TOKEN);
	});
});

describe('finding 7: a delivery\'s lookups have a deadline', () => {
	it('reports every lookup not answered by the deadline at once, without asking the API again', async () => {
		api = await startLookupApi(null);
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: 'cfg' }, { baseUrl: api.url });
		const count = 24;
		const statuses = Array.from({ length: count }, (_, i) => paymentStatus({ referenceId: `ref-${i}`, messageId: `wamid.${i}` }));
		expect((await trigger.post(webhookBody([[messagesChange({ statuses })]]))).status).toBe(200);
		// The first lookups hang at the API; the deadline passes while they do (the clock moved, not waited for).
		const lookupApi = api;
		await until(() => lookupApi.paths.length === 8);
		const realNow = Date.now.bind(Date);
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + LOOKUP_DEADLINE_MS);
		lookupApi.release([500, JSON_TYPE, '{"error":{"message":"busy","code":2}}']);
		const [items] = await trigger.emitted(1);
		const errors = items.map((item) => ((item.confirmation as IDataObject).error as IDataObject).message);
		// The answered ones are not tried again past the deadline; the others are not asked at all.
		expect(errors.slice(0, 8).every((message) => /^Payment lookup failed: .*busy/.test(String(message)))).toBe(true);
		expect(new Set(errors.slice(8))).toEqual(new Set([`Payment lookup skipped: the delivery's lookups ran out of time (${LOOKUP_DEADLINE_MS / 1000} s for all of them)`]));
		expect(items.every((item) => (item.confirmation as IDataObject).agrees === null)).toBe(true);
		expect(api.paths).toHaveLength(8);
		expect(textOf(items)).not.toContain('test-access-token');
	});
});
