/* eslint-disable @typescript-eslint/no-unused-vars -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Delivery under failure: retries, exactly-once order_details (a payment lookup decides before anything
 * is resent), no resending of what may have been processed, pacing under the number's rate limit, and no
 * secret in any output or error.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { textOf } from '../engine/harness';
import { throughProxy, type ProxyAction } from './lossyProxy';
import { NODE, RECIPIENT, TOKEN, cloudCredentials, newReference, orderPerInputItem, startTestbed, statusPerInputItem, type Testbed } from './testbed';

type LogEntry = Awaited<ReturnType<Testbed['requests']>>[number];

const inputs = (count: number, prefix: string) => Array.from({ length: count }, () => ({ ref: newReference(prefix), to: RECIPIENT }));

/** The same order paid by a UPI intent link: no payment configuration, so no lookup is possible. */
const upiLinkOrder = (options: INodeParameters): INodeParameters => {
	const { paymentConfiguration: _, gateway: __, ...rest } = orderPerInputItem(options);
	return { ...rest, paymentMethod: 'upiIntentLink', upiIntentLink: 'upi://pay?pa=store@okbank&pn=Store&mc=5411&purpose=00&tr=T1' };
};

const isLookup = (e: LogEntry) => e.method === 'GET' && e.path.includes('/payments/');
const isSend = (e: LogEntry) => e.method === 'POST' && e.path.endsWith('/messages');
const sendsOf = (log: LogEntry[], ref: string) => log.filter((e) => isSend(e) && e.reference_id === ref);

/** In log order: the reference's send was accepted once, and no request for it came after that 200. */
function expectNothingAfterDelivery(log: LogEntry[], ref: string) {
	const entries = log.filter((e) => e.reference_id === ref);
	const delivered = entries.findIndex((e) => isSend(e) && e.status === 200);
	expect(delivered).toBeGreaterThanOrEqual(0);
	expect(entries.slice(delivered + 1)).toEqual([]);
}

/** A Meta error body, as a proxy's canned answer. */
const metaAnswer = (status: number, code: number, message: string, extra: IDataObject = {}): ProxyAction => ({
	status,
	body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'proxyTrace1', ...extra } },
});
const TRANSIENT_500 = metaAnswer(500, 1, 'An unknown error has occurred.', { is_transient: true });
/** throughput.md § Higher throughput: the number is unusable while it is upgraded (up to 1 minute); Meta documents the code, not its message. */
const THROUGHPUT_UPGRADE = metaAnswer(400, 131057, '(#131057) stand-in message');

describe('200 orders with 20 % injected faults (HTTP 500 and connection resets)', () => {
	let bed: Testbed;
	beforeAll(async () => {
		bed = await startTestbed({ rateLimit: 100_000, faults: { errorRate: 0.1, resetRate: 0.1, seed: 20250101 } });
	});
	afterAll(async () => {
		await bed.close();
	});

	it('are all delivered exactly once, according to the sandbox request log', async () => {
		const items = inputs(200, 'F');
		const result = await bed.run(orderPerInputItem({ maxRetries: 8, initialRetryDelayMs: 1, maxRequestsPerSecond: 0, lookupLagBoundMs: 5 }), items);
		expect(result.error).toBeUndefined();
		const out = result.json(NODE);
		expect(out).toHaveLength(200);
		expect(out.map((o) => o.reference_id)).toEqual(items.map((i) => i.ref));
		expect(out.every((o) => typeof o.wamid === 'string')).toBe(true);

		const log = await bed.requests();
		const faults = log.filter((e) => e.status === 'reset' || e.status === 500);
		expect(faults.length).toBeGreaterThan(20);
		expect(out.some((o) => (o.attempts as number) > 1)).toBe(true);
		for (const { ref } of items) {
			expect(log.filter((e) => e.reference_id === ref && e.status === 200)).toHaveLength(1);
			expectNothingAfterDelivery(log, ref);
		}
		const stored = (await bed.control('GET', '/_sandbox/orders')).data as IDataObject[];
		for (const { ref } of items) expect(stored.filter((o) => o.reference_id === ref)).toHaveLength(1);

		// Every faulted send was followed by two lookups that got an answer ("not found": the faults strike
		// before processing), the second one after the lookup lag bound, and only then resent, which the item
		// says; no item claims an earlier delivery.
		const faultedSends = log.filter((e) => isSend(e) && (e.status === 'reset' || e.status === 500));
		const answeredLookups = log.filter((e) => isLookup(e) && e.status !== 'reset' && e.status !== 500);
		expect(faultedSends.length).toBeGreaterThan(10);
		expect(answeredLookups).toHaveLength(2 * faultedSends.length);
		expect(answeredLookups.every((e) => e.status === 400)).toBe(true);
		expect(out.filter((o) => o.deliveredByEarlierAttempt !== undefined)).toEqual([]);
		// A reset send is logged before processing, without its reference: the items say which were resent.
		const resent = out.filter((o) => o.resent === true);
		expect(resent.length).toBeGreaterThan(0);
		expect(resent.length).toBeLessThanOrEqual(faultedSends.length);
		for (const o of out) {
			if ((o.attempts as number) > 1) expect(o).toMatchObject({ resent: true, resentBecause: expect.stringMatching(/may have reached the API; the payment lookup found no order .*5 ms \(the lookup lag bound\)/) });
			else expect(o).not.toHaveProperty('resent');
		}
	});
});

describe('responses lost after the API processed the request', () => {
	let bed: Testbed;
	beforeAll(async () => {
		bed = await startTestbed({ rateLimit: 100_000 });
	});
	afterAll(async () => {
		await bed.close();
	});

	it('order_details: after a lost answer the payment lookup finds the order; nothing is resent, one bill each', async () => {
		// Every 3rd request's answer is lost when it is a POST: some first attempts, some resends.
		await throughProxy(bed, (method, _path, n) => (method === 'POST' && n % 3 === 0 ? 'loseResponse' : 'forward'), async (proxy) => {
			const items = inputs(12, 'L');
			const result = await bed.run(orderPerInputItem({ maxRetries: 5, initialRetryDelayMs: 1, concurrency: 1, maxRequestsPerSecond: 0 }), items);
			expect(result.error).toBeUndefined();
			const out = result.json(NODE);
			const earlier = out.filter((o) => o.deliveredByEarlierAttempt === true);
			expect(earlier.length).toBeGreaterThan(0);
			for (const o of earlier) expect(o).toMatchObject({ wamid: null, reference_id: expect.any(String), message: expect.any(Object), deliveryConfirmedBy: 'paymentLookup' });
			const stored = (await bed.control('GET', '/_sandbox/orders')).data as IDataObject[];
			for (const { ref } of items) {
				const orders = stored.filter((o) => o.reference_id === ref);
				expect(orders).toHaveLength(1);
				expect(orders[0].messages).toHaveLength(1);
			}
			expect(proxy.lost.length).toBeGreaterThanOrEqual(earlier.length);

			// The lookup decided: one send per reference reached the API, and each lost answer was
			// followed by a lookup of that reference that found the payment.
			expect(earlier).toHaveLength(proxy.lost.length);
			const log = await bed.requests();
			for (const { ref } of items) expect(sendsOf(log, ref)).toHaveLength(1);
			for (const o of earlier) {
				const entries = log.filter((e) => e.reference_id === o.reference_id);
				expect(entries.map((e) => [e.method, e.status])).toEqual([
					['POST', 200],
					['GET', 200],
				]);
			}
		});
	});

	it.each(['cutResponse', 'garbledResponse'] as const)('order_details: an answer that breaks off or is no HTTP (%s) may hide a delivery: the payment lookup finds it, nothing resent', async (loss) => {
		const [item] = inputs(1, 'C');
		let posts = 0;
		const decide = (method: string): ProxyAction => (method === 'POST' && posts++ === 0 ? loss : 'forward');
		await throughProxy(bed, decide, async (proxy) => {
			const result = await bed.run(orderPerInputItem({ maxRetries: 3, initialRetryDelayMs: 1, maxRequestsPerSecond: 0, lookupLagBoundMs: 5 }), [item]);
			expect(result.error).toBeUndefined();
			expect(result.json(NODE)[0]).toMatchObject({ deliveredByEarlierAttempt: true, deliveryConfirmedBy: 'paymentLookup' });
			expect(proxy.lost).toHaveLength(1);
		});
		expect(sendsOf(await bed.requests(), item.ref)).toHaveLength(1);
	});

	it('a lookup whose answer breaks off is asked again', async () => {
		const [item] = inputs(1, 'L');
		expect((await bed.run(orderPerInputItem({ maxRequestsPerSecond: 0 }), [item])).error).toBeUndefined();
		let gets = 0;
		const decide = (method: string): ProxyAction => (method === 'GET' && gets++ === 0 ? 'cutResponse' : 'forward');
		await throughProxy(bed, decide, async (proxy) => {
			const lookUp = { resource: 'payment', operation: 'lookUp', paymentConfiguration: { __rl: true, mode: 'list', value: 'razorpay-sandbox' }, referenceId: item.ref, options: { initialRetryDelayMs: 1 } };
			const result = await bed.run(lookUp);
			expect(result.error).toBeUndefined();
			expect(result.json(NODE)[0]).toMatchObject({ referenceId: item.ref, status: 'pending' });
			expect(proxy.received.filter((r) => r.method === 'GET' && r.path.includes('/payments/'))).toHaveLength(2);
			expect(proxy.lost).toHaveLength(1);
		});
	});

	it('order_details: a stale "not found" lets the bill be resent; the duplicate-reference answer still counts as delivered', async () => {
		const [item] = inputs(1, 'D');
		let posts = 0;
		const decide = (method: string): ProxyAction => {
			if (method === 'GET') return { status: 404, body: { error: { message: 'Not found', code: 803 } } };
			return posts++ === 0 ? 'loseResponse' : 'forward';
		};
		await throughProxy(bed, decide, async () => {
			const result = await bed.run(orderPerInputItem({ maxRetries: 3, initialRetryDelayMs: 1, maxRequestsPerSecond: 0, lookupLagBoundMs: 5 }), [item]);
			expect(result.error).toBeUndefined();
			expect(result.json(NODE)[0]).toMatchObject({ deliveredByEarlierAttempt: true, deliveryConfirmedBy: 'duplicateReference', wamid: null, attempts: 2, resent: true });
		});
		const log = await bed.requests();
		expect(sendsOf(log, item.ref).map((e) => e.status)).toEqual([200, 400]);
		expect((await bed.control('GET', `/_sandbox/orders/${item.ref}`)).messages).toHaveLength(1);
	});

	it('order_details: a lookup answer that proves nothing fails the item, nothing resent', async () => {
		const [item] = inputs(1, 'U');
		const decide = (method: string): ProxyAction => (method === 'GET' ? { status: 200, body: { data: [] } } : 'loseResponse');
		await throughProxy(bed, decide, async (proxy) => {
			const result = await bed.run(orderPerInputItem({ maxRetries: 5, initialRetryDelayMs: 1 }), [item]);
			expect(result.status).toBe('error');
			expect(result.nodes[NODE].error?.message).toBe(`Order ${item.ref} may have been delivered: look up reference ${item.ref} before sending it again`);
			expect(result.nodes[NODE].error?.description).toMatch(/connection reset.*lookup in configuration "razorpay-sandbox" answered without a payment.*not resent/s);
			expect(proxy.lost).toHaveLength(1);
			expect(proxy.answered).toHaveLength(1);
		});
		expect(sendsOf(await bed.requests(), item.ref)).toHaveLength(1);
	});

	it('order_details: a payment found for the reference with another total is an earlier order, not ours: nothing resent, the item fails', async () => {
		const [item] = inputs(1, 'R');
		expect((await bed.run(orderPerInputItem({ maxRequestsPerSecond: 0 }), [item])).error).toBeUndefined();
		// The same reference again with another amount; its answer (the sandbox refuses the reused reference) is lost.
		const reused = { ...orderPerInputItem({ maxRetries: 5, initialRetryDelayMs: 1 }), items: { item: [{ name: 'Coffee', amount: 150, quantity: 1, retailerId: 'coffee-1' }] } };
		await throughProxy(bed, (method) => (method === 'POST' ? 'loseResponse' : 'forward'), async () => {
			const result = await bed.run(reused, [item]);
			expect(result.status).toBe('error');
			expect(result.nodes[NODE].error?.message).toMatch(/may have been delivered/);
			expect(result.nodes[NODE].error?.description).toMatch(/another total \(\{"value":10450,"offset":100\}\): the reference may belong to an earlier order/);
		});
		expect(sendsOf(await bed.requests(), item.ref).map((e) => e.status)).toEqual([200, 400]);
	});

	it('order_details without a payment configuration (UPI intent link): no resend after a lost answer', async () => {
		const [item] = inputs(1, 'N');
		await throughProxy(bed, () => 'loseResponse', async (proxy) => {
			const result = await bed.run(upiLinkOrder({ maxRetries: 5, initialRetryDelayMs: 1 }), [item]);
			expect(result.status).toBe('error');
			expect(result.nodes[NODE].error?.message).toMatch(new RegExp(`may have been delivered: look up reference ${item.ref} before sending it again`));
			expect(result.nodes[NODE].error?.description).toMatch(/no payment configuration to look it up with, so it was not resent/);
			expect(proxy.lost).toHaveLength(1);
		});
		const log = await bed.requests();
		expect(sendsOf(log, item.ref)).toHaveLength(1);
		expect(log.filter((e) => isLookup(e) && e.reference_id === item.ref)).toEqual([]);
		expect((await bed.control('GET', `/_sandbox/orders/${item.ref}`)).messages).toHaveLength(1);
	});

	it('order_status: never resent; the error says it may have reached the API', async () => {
		const [item] = inputs(1, 'S');
		expect((await bed.run(orderPerInputItem({ maxRequestsPerSecond: 0 }), [item])).error).toBeUndefined();
		await throughProxy(bed, () => 'loseResponse', async (proxy) => {
			const result = await bed.run(statusPerInputItem({ maxRetries: 5, initialRetryDelayMs: 1 }), [item]);
			expect(result.status).toBe('error');
			expect(result.nodes[NODE].error?.message).toMatch(/could not be reached: connection reset/);
			expect(result.nodes[NODE].error?.description).toMatch(/not resent/);
			expect(proxy.lost).toHaveLength(1);
			const stored = await bed.control('GET', `/_sandbox/orders/${item.ref}`);
			expect(stored.messages).toHaveLength(2);
			expect(stored.order_status).toBe('processing');
		});
	});
});

describe('transient and throttling answers', () => {
	let bed: Testbed;
	afterEach(async () => {
		await bed.close();
	});

	it('order_status is not retried after an HTTP 500 (it may have been processed)', async () => {
		bed = await startTestbed({ rateLimit: 100_000 });
		const [item] = inputs(1, 'T');
		expect((await bed.run(orderPerInputItem({ maxRequestsPerSecond: 0 }), [item])).error).toBeUndefined();
		await bed.control('POST', '/_sandbox/faults', { errorRate: 1 });
		const before = (await bed.requests()).length;
		const result = await bed.run(statusPerInputItem({ maxRetries: 5, initialRetryDelayMs: 1 }), [item]);
		expect(result.status).toBe('error');
		expect(result.nodes[NODE].error?.message).toMatch(/WhatsApp API error \(#[12]\)/);
		expect((await bed.requests()).length - before).toBe(1);
	});

	it('order_details gives up after Max Retries of HTTP 500 with the error of the last attempt, when each lookup finds nothing', async () => {
		// The proxy answers every send with a 500 in the API's place; the lookups reach the sandbox.
		bed = await startTestbed({ rateLimit: 100_000 });
		const [item] = inputs(1, 'G');
		await throughProxy(bed, (method) => (method === 'POST' ? TRANSIENT_500 : 'forward'), async (proxy) => {
			const result = await bed.run(orderPerInputItem({ maxRetries: 2, initialRetryDelayMs: 1, lookupLagBoundMs: 5 }), [item]);
			expect(result.nodes[NODE].error?.message).toMatch(/after 3 attempts/);
			expect(result.nodes[NODE].error?.description).toBe(
				`The payment lookup found no order ${item.ref}, also 5 ms (the lookup lag bound) after the failure: the bill was not delivered.`,
			);
			expect(proxy.answered.map((e) => e.method)).toEqual(['POST', 'POST', 'POST']);
		});
		// Each failed send: a lookup at once and one after the lag bound.
		const log = await bed.requests();
		expect(log.map((e) => [e.method, e.status, e.reference_id])).toEqual(Array.from({ length: 6 }, () => ['GET', 400, item.ref]));
	});

	it('order_details after an HTTP 500 is not resent when the lookup cannot answer: the error says to look it up', async () => {
		bed = await startTestbed({ rateLimit: 100_000, faults: { errorRate: 1 } });
		const [item] = inputs(1, 'H');
		const result = await bed.run(orderPerInputItem({ maxRetries: 2, initialRetryDelayMs: 1 }), [item]);
		expect(result.nodes[NODE].error?.message).toBe(`Order ${item.ref} may have been delivered: look up reference ${item.ref} before sending it again`);
		expect(result.nodes[NODE].error?.description).toMatch(/^WhatsApp API error \(#[12]\).*lookup in configuration "razorpay-sandbox" failed.*after 3 attempts.*not resent/s);
		// One send; the lookup, a safe read, was retried.
		expect((await bed.requests()).map((e) => e.method)).toEqual(['POST', 'GET', 'GET', 'GET']);
	});

	it.each([
		['HTTP 429', { status: 429, body: { detail: 'Too many requests' } }],
		['130429', metaAnswer(400, 130429, '(#130429) Rate limit hit')],
		['131056', metaAnswer(400, 131056, '(#131056) Pair rate limit hit')],
		['131057, a throughput upgrade', THROUGHPUT_UPGRADE],
	] as const)('a refusal for throttling or an unusable number (%s) proves nothing was processed: order_status and refunds are retried too', async (_name, throttled) => {
		bed = await startTestbed({ rateLimit: 100_000 });
		const [item] = inputs(1, 'Q');
		expect((await bed.run(orderPerInputItem({ maxRequestsPerSecond: 0 }), [item])).error).toBeUndefined();
		await throughProxy(bed, (_method, _path, n) => (n % 2 === 0 ? throttled : 'forward'), async (proxy) => {
			const status = await bed.run(statusPerInputItem({ maxRetries: 3, initialRetryDelayMs: 1 }), [item]);
			expect(status.error).toBeUndefined();
			expect(status.json(NODE)[0]).toMatchObject({ attempts: 2, wamid: expect.any(String) });
			const refund = await bed.run(
				{ resource: 'payment', operation: 'refund', paymentConfiguration: { __rl: true, mode: 'name', value: 'razorpay-sandbox' }, referenceId: item.ref, amount: 1, speed: 'normal', options: { maxRetries: 3, initialRetryDelayMs: 1 } },
				[{}],
				{ continueOnFail: true },
			);
			// Not paid, so the sandbox refuses the refund: what matters is that it was asked once more after the throttling.
			expect(refund.json(NODE)[0].details).toMatchObject({ attempts: 2 });
			expect(proxy.answered).toHaveLength(2);
		});
	});

	it('131057 that outlasts Max Retries: the error says the number is being upgraded to higher throughput', async () => {
		bed = await startTestbed({ rateLimit: 100_000 });
		const [item] = inputs(1, 'U');
		expect((await bed.run(orderPerInputItem({ maxRequestsPerSecond: 0 }), [item])).error).toBeUndefined();
		await throughProxy(bed, (method) => (method === 'POST' ? THROUGHPUT_UPGRADE : 'forward'), async (proxy) => {
			const result = await bed.run(statusPerInputItem({ maxRetries: 1, initialRetryDelayMs: 1 }), [item]);
			expect(result.nodes[NODE].error?.message).toMatch(/after 2 attempts/);
			expect(result.nodes[NODE].error?.description).toMatch(/upgraded to higher throughput, which takes up to 1 minute.*run it again in a minute/);
			expect(proxy.answered).toHaveLength(2);
		});
	});

	it('a refused connection proves nothing was processed: order_status is retried', async () => {
		bed = await startTestbed({ rateLimit: 100_000 });
		const [item] = inputs(1, 'C');
		expect((await bed.run(orderPerInputItem({ maxRequestsPerSecond: 0 }), [item])).error).toBeUndefined();
		bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials('http://127.0.0.1:1'));
		const result = await bed.run(statusPerInputItem({ maxRetries: 2, initialRetryDelayMs: 1 }), [item]);
		bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url));
		expect(result.nodes[NODE].error?.message).toBe('The WhatsApp API could not be reached: connection refused (after 3 attempts)');
	});

	it('130429 rate-limit answers are retried with backoff until every message is accepted', async () => {
		bed = await startTestbed({ rateLimit: 5 });
		const items = inputs(12, 'R');
		const result = await bed.run(orderPerInputItem({ maxRetries: 8, initialRetryDelayMs: 300, maxRequestsPerSecond: 0 }), items);
		expect(result.error).toBeUndefined();
		const log = await bed.requests();
		expect(log.some((e) => e.status === 400)).toBe(true);
		for (const { ref } of items) expect(log.filter((e) => e.reference_id === ref && e.status === 200)).toHaveLength(1);
	});

	it('Max Requests Per Second keeps a run under the number\'s limit: no 130429 at all', async () => {
		// 10/s against 25 per one-second window: only a stall of well over a second could bunch them.
		bed = await startTestbed({ rateLimit: 25 });
		const result = await bed.run(orderPerInputItem({ maxRetries: 0, maxRequestsPerSecond: 10, concurrency: 10 }), inputs(20, 'P'));
		expect(result.error).toBeUndefined();
		expect((await bed.requests()).filter((e) => e.status !== 200)).toEqual([]);
	});
});

describe('secrets', () => {
	let bed: Testbed;
	beforeAll(async () => {
		bed = await startTestbed({ rateLimit: 100_000 });
	});
	afterAll(async () => {
		await bed.close();
	});

	it('the token appears in no output item, item error or node error, whatever the outcome', async () => {
		const runs = [
			await bed.run(orderPerInputItem({ maxRequestsPerSecond: 0 }), inputs(2, 'K')),
			await bed.run(orderPerInputItem({}), [{ ref: 'bad ref with spaces', to: '1' }], { continueOnFail: true }),
			await bed.run(orderPerInputItem({}), [{ ref: 'bad ref with spaces', to: '1' }]),
			await bed.run({ resource: 'payment', operation: 'lookUp', paymentConfiguration: { __rl: true, mode: 'name', value: 'x' }, referenceId: 'nope' }, [{}], { continueOnFail: true }),
			// The error output (its own item shape, router.ts).
			await bed.run(orderPerInputItem({}), [{ ref: 'bad ref with spaces', to: '1' }], { continueOnFail: 'errorOutput' }),
			await bed.run({ resource: 'payment', operation: 'lookUp', paymentConfiguration: { __rl: true, mode: 'name', value: 'x' }, referenceId: 'nope' }, [{}], { continueOnFail: 'errorOutput' }),
			await bed.run({ resource: 'payment', operation: 'lookUp', paymentConfiguration: { __rl: true, mode: 'name', value: 'x' }, referenceId: 'nope' }),
		];
		bed.harness.setCredentials('whatsAppPaymentsApi', { ...cloudCredentials('http://127.0.0.1:1'), accessToken: TOKEN });
		runs.push(await bed.run(orderPerInputItem({ maxRetries: 1, initialRetryDelayMs: 1 }), inputs(1, 'K')));
		bed.harness.setCredentials('whatsAppPaymentsApi', { ...cloudCredentials(bed.sandbox.url), accessToken: `${TOKEN}-wrong` });
		const unauthorized = await bed.run(orderPerInputItem({}), inputs(1, 'K'));
		runs.push(unauthorized);
		expect(unauthorized.nodes[NODE].error?.message).toMatch(/\(#190\)/);
		expect(unauthorized.nodes[NODE].error?.description).toMatch(/token is invalid or expired/);
		for (const run of runs) {
			expect(textOf(run.run)).not.toContain(TOKEN);
			expect(textOf(run.nodes)).not.toContain(TOKEN);
		}
		bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url));
	});
});
