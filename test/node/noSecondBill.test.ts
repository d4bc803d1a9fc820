/**
 * No second bill (issue 11): 1000 orders through n8n's engine against the sandbox, where 20 % of requests are
 * processed and then lose their answer (the connection drops), and a new order is invisible to the payment
 * lookup for a while (lookup lag) shorter than the node's lag bound. Every order must be billed exactly once,
 * none lost, and every item must say how it was delivered. The bounds are short so the test stays fast.
 */
import type { IDataObject } from 'n8n-workflow';

import { FaultInjector } from '../../sandbox/faults';
import { NODE, RECIPIENT, newReference, orderPerInputItem, startTestbed, type Testbed } from './testbed';

const LOOKUP_LAG_MS = 30;
const LAG_BOUND_MS = 120;
/**
 * 1000 orders through the engine: about 9 s on an idle machine, more than jest's default 60 s at load average 10 on
 * 2 cores. The limit catches a run that never ends, not a slow one.
 */
const THOUSAND_ORDERS_LIMIT_MS = 600_000;

type LogEntry = Awaited<ReturnType<Testbed['requests']>>[number];
const isSend = (e: LogEntry) => e.method === 'POST' && e.path.endsWith('/messages');

describe('1000 orders, 20 % processed-then-dropped, lookup lag below the bound', () => {
	let bed: Testbed;
	beforeAll(async () => {
		bed = await startTestbed({ rateLimit: 100_000, faults: { dropRate: 0.2, lookupLagMs: LOOKUP_LAG_MS, seed: 20261129 } });
	});
	afterAll(async () => {
		await bed.close();
	});

	it('bills every order exactly once, loses none, and explains every outcome', async () => {
		const items = Array.from({ length: 1000 }, () => ({ ref: newReference('B'), to: RECIPIENT }));
		const options = { maxRetries: 8, initialRetryDelayMs: 1, maxRequestsPerSecond: 0, concurrency: 25, lookupLagBoundMs: LAG_BOUND_MS };
		const result = await bed.run(orderPerInputItem(options), items);
		expect(result.error).toBeUndefined();
		const out = result.json(NODE);
		expect(out.map((o) => o.reference_id)).toEqual(items.map((i) => i.ref));

		// 0 duplicate bills, 0 lost: the sandbox holds each order once, with one order_details message.
		const stored = (await bed.control('GET', '/_sandbox/orders')).data as IDataObject[];
		const byRef = new Map(stored.map((o) => [o.reference_id as string, o]));
		expect(stored).toHaveLength(1000);
		for (const { ref } of items) expect((byRef.get(ref)?.messages as unknown[]).length).toBe(1);

		// Every outcome explained. The request log keeps the last 1000 API requests only, so the drops are counted
		// from the items: an item whose send was processed but unanswered says so and how it knows.
		const earlier = out.filter((o) => o.deliveredByEarlierAttempt === true);
		const direct = out.filter((o) => o.deliveredByEarlierAttempt === undefined);
		expect(earlier.length + direct.length).toBe(1000);
		expect(earlier.length).toBeGreaterThan(100); // about 20 % of the sends
		for (const o of earlier) expect(o).toMatchObject({ wamid: null, deliveryConfirmedBy: 'paymentLookup' });
		for (const o of direct) expect(o).toMatchObject({ wamid: expect.stringMatching(/^wamid\./) });
		expect(out.filter((o) => o.resent === true)).toEqual([]);
		// The wamid an item reports is the one the sandbox stored.
		for (const o of direct) expect(byRef.get(o.reference_id as string)?.order_details_message_id).toBe(o.wamid);

		const log = await bed.requests();
		const dropped = log.filter((e) => isSend(e) && e.fault === 'drop');
		expect(dropped.length).toBeGreaterThan(0);
		expect(dropped.every((e) => e.status === 200)).toBe(true);
	}, THOUSAND_ORDERS_LIMIT_MS);
});

describe('a lookup lag longer than the bound', () => {
	let bed: Testbed;
	beforeAll(async () => {
		// A seed whose first request (the send) is processed and dropped, and whose next ones (two lookups, the resend) are not.
		const seed = Array.from({ length: 10_000 }, (_, i) => i + 1).find((s) => {
			const injector = new FaultInjector({ dropRate: 0.5, seed: s });
			return ['drop', 'none', 'none', 'none'].every((kind) => injector.next().kind === kind);
		});
		bed = await startTestbed({ rateLimit: 100_000, faults: { dropRate: 0.5, lookupLagMs: 60_000, seed } });
	});
	afterAll(async () => {
		await bed.close();
	});

	it('lets the bill be resent, says so on the item, and the duplicate reference answer still proves one bill', async () => {
		const [item] = [{ ref: newReference('X'), to: RECIPIENT }];
		// The send is processed and dropped; the lookups cannot see the order within the (too short) bound.
		const result = await bed.run(orderPerInputItem({ maxRetries: 3, initialRetryDelayMs: 1, maxRequestsPerSecond: 0, lookupLagBoundMs: 20 }), [item]);
		expect(result.error).toBeUndefined();
		expect(result.json(NODE)[0]).toMatchObject({
			resent: true,
			resentBecause: expect.stringContaining('20 ms (the lookup lag bound)'),
			deliveredByEarlierAttempt: true,
			deliveryConfirmedBy: 'duplicateReference',
		});
		expect(((await bed.control('GET', `/_sandbox/orders/${item.ref}`)).messages as unknown[]).length).toBe(1);
		expect((await bed.requests()).map((e) => [e.method, e.status, e.fault ?? null])).toEqual([
			['POST', 200, 'drop'],
			['GET', 400, null],
			['GET', 400, null],
			['POST', 400, null],
		]);
	});
});
