/**
 * Delivery under failure: retries, exactly-once order_details, no resending of what may have been
 * processed, pacing under the number's rate limit, and no secret in any output or error.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { textOf } from '../engine/harness';
import { startLossyProxy } from './lossyProxy';
import { NODE, TOKEN, cloudCredentials, newReference, startTestbed, type Testbed } from './testbed';

const order = (options: INodeParameters): INodeParameters => ({
	resource: 'order',
	operation: 'sendOrderDetails',
	to: '={{ $json.to }}',
	market: 'india',
	referenceId: '={{ $json.ref }}',
	paymentMethod: 'paymentGateway',
	gateway: 'razorpay',
	paymentConfiguration: { __rl: true, mode: 'list', value: 'razorpay-sandbox' },
	items: { item: [{ name: 'Tea', amount: 99.5, quantity: 1, retailerId: 'tea-1' }] },
	additionalFields: { catalogId: 'catalog-1' },
	taxAmount: 5,
	body: 'Your bill',
	options,
});

const statusUpdate = (options: INodeParameters): INodeParameters => ({
	resource: 'order',
	operation: 'sendOrderStatus',
	to: '919876543210',
	referenceId: '={{ $json.ref }}',
	status: 'processing',
	body: 'Processing',
	options,
});

const inputs = (count: number, prefix: string) => Array.from({ length: count }, () => ({ ref: newReference(prefix), to: '919876543210' }));

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
		const result = await bed.run(order({ maxRetries: 8, initialRetryDelayMs: 1, maxRequestsPerSecond: 0 }), items);
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
		}
		const stored = (await bed.control('GET', '/_sandbox/orders')).data as IDataObject[];
		for (const { ref } of items) expect(stored.filter((o) => o.reference_id === ref)).toHaveLength(1);
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

	it('order_details: the retry meets "reference_id already used" and reports delivery by the earlier attempt; one bill each', async () => {
		// Every 3rd request's answer is lost: with retries, some first attempts and some retries.
		const proxy = await startLossyProxy(bed.sandbox.url, (method, _path, n) => method === 'POST' && n % 3 === 0);
		bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(proxy.url));
		try {
			const items = inputs(12, 'L');
			const result = await bed.run(order({ maxRetries: 5, initialRetryDelayMs: 1, concurrency: 1, maxRequestsPerSecond: 0 }), items);
			expect(result.error).toBeUndefined();
			const out = result.json(NODE);
			const earlier = out.filter((o) => o.deliveredByEarlierAttempt === true);
			expect(earlier.length).toBeGreaterThan(0);
			for (const o of earlier) expect(o).toMatchObject({ wamid: null, reference_id: expect.any(String), message: expect.any(Object) });
			const stored = (await bed.control('GET', '/_sandbox/orders')).data as IDataObject[];
			for (const { ref } of items) {
				const orders = stored.filter((o) => o.reference_id === ref);
				expect(orders).toHaveLength(1);
				expect(orders[0].messages).toHaveLength(1);
			}
			expect(proxy.lost.length).toBeGreaterThanOrEqual(earlier.length);
		} finally {
			bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url));
			await proxy.close();
		}
	});

	it('order_status: never resent; the error says it may have reached the API', async () => {
		const [item] = inputs(1, 'S');
		expect((await bed.run(order({ maxRequestsPerSecond: 0 }), [item])).error).toBeUndefined();
		const proxy = await startLossyProxy(bed.sandbox.url, () => true);
		bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(proxy.url));
		try {
			const result = await bed.run(statusUpdate({ maxRetries: 5, initialRetryDelayMs: 1 }), [item]);
			expect(result.status).toBe('error');
			expect(result.nodes[NODE].error?.message).toMatch(/could not be reached: connection reset/);
			expect(result.nodes[NODE].error?.description).toMatch(/not resent/);
			expect(proxy.lost).toHaveLength(1);
			const stored = await bed.control('GET', `/_sandbox/orders/${item.ref}`);
			expect(stored.messages).toHaveLength(2);
			expect(stored.order_status).toBe('processing');
		} finally {
			bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url));
			await proxy.close();
		}
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
		expect((await bed.run(order({ maxRequestsPerSecond: 0 }), [item])).error).toBeUndefined();
		await bed.control('POST', '/_sandbox/faults', { errorRate: 1 });
		const before = (await bed.requests()).length;
		const result = await bed.run(statusUpdate({ maxRetries: 5, initialRetryDelayMs: 1 }), [item]);
		expect(result.status).toBe('error');
		expect(result.nodes[NODE].error?.message).toMatch(/WhatsApp API error \(#[12]\)/);
		expect((await bed.requests()).length - before).toBe(1);
	});

	it('order_details gives up after Max Retries of HTTP 500 with the error of the last attempt', async () => {
		bed = await startTestbed({ rateLimit: 100_000, faults: { errorRate: 1 } });
		const result = await bed.run(order({ maxRetries: 2, initialRetryDelayMs: 1 }), inputs(1, 'G'));
		expect(result.nodes[NODE].error?.message).toMatch(/after 3 attempts/);
		expect(await bed.requests()).toHaveLength(3);
	});

	it('130429 rate-limit answers are retried with backoff until every message is accepted', async () => {
		bed = await startTestbed({ rateLimit: 5 });
		const items = inputs(12, 'R');
		const result = await bed.run(order({ maxRetries: 8, initialRetryDelayMs: 300, maxRequestsPerSecond: 0 }), items);
		expect(result.error).toBeUndefined();
		const log = await bed.requests();
		expect(log.some((e) => e.status === 400)).toBe(true);
		for (const { ref } of items) expect(log.filter((e) => e.reference_id === ref && e.status === 200)).toHaveLength(1);
	});

	it('Max Requests Per Second keeps a run under the number\'s limit: no 130429 at all', async () => {
		bed = await startTestbed({ rateLimit: 25 });
		const result = await bed.run(order({ maxRetries: 0, maxRequestsPerSecond: 20, concurrency: 10 }), inputs(30, 'P'));
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
			await bed.run(order({ maxRequestsPerSecond: 0 }), inputs(2, 'K')),
			await bed.run(order({}), [{ ref: 'bad ref with spaces', to: '1' }], { continueOnFail: true }),
			await bed.run(order({}), [{ ref: 'bad ref with spaces', to: '1' }]),
			await bed.run({ resource: 'payment', operation: 'lookUp', paymentConfiguration: { __rl: true, mode: 'name', value: 'x' }, referenceId: 'nope' }, [{}], { continueOnFail: true }),
			await bed.run({ resource: 'payment', operation: 'lookUp', paymentConfiguration: { __rl: true, mode: 'name', value: 'x' }, referenceId: 'nope' }),
		];
		bed.harness.setCredentials('whatsAppPaymentsApi', { ...cloudCredentials('http://127.0.0.1:1'), accessToken: TOKEN });
		runs.push(await bed.run(order({ maxRetries: 1, initialRetryDelayMs: 1 }), inputs(1, 'K')));
		bed.harness.setCredentials('whatsAppPaymentsApi', { ...cloudCredentials(bed.sandbox.url), accessToken: `${TOKEN}-wrong` });
		const unauthorized = await bed.run(order({}), inputs(1, 'K'));
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
