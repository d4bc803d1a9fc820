/**
 * Every numeric option is bounded: a value out of bounds (typed in an expression, where the editor's min/max do not
 * apply) is an error naming the option and its bounds, never an overflow or a silent fallback.
 */
import { messagesChange, paymentStatus, webhookBody } from '../fixtures/webhooks';
import { startTrigger, type TriggerUnderTest } from '../trigger/triggerHarness';
import { NODE, RECIPIENT, newReference, orderPerInputItem, startTestbed, type Testbed } from './testbed';

describe('the WhatsApp Payments node', () => {
	let bed: Testbed;
	beforeAll(async () => {
		bed = await startTestbed({ rateLimit: 100_000 });
	});
	afterAll(async () => {
		await bed.close();
	});

	it.each([
		[{ concurrency: 1e9 }, /Options › Concurrency: must be a whole number from 0 to 100/],
		[{ concurrency: 2.5 }, /Options › Concurrency: must be a whole number from 0 to 100/],
		[{ maxRetries: -1 }, /Options › Max Retries: must be a whole number from 0 to 10/],
		[{ initialRetryDelayMs: 1e308 }, /Options › Initial Retry Delay \(Ms\): must be a number from 0 to 60000/],
		[{ maxRequestsPerSecond: 'fast' }, /Options › Max Requests Per Second: must be a number from 0.1 to 1000, or 0, not "fast"/],
		// Two items would start 115 days apart.
		[{ maxRequestsPerSecond: 0.0000001 }, /Options › Max Requests Per Second: must be a number from 0.1 to 1000, or 0, not 1e-7/],
		[{ lookupLagBoundMs: 1e12 }, /Options › Payment Lookup Lag Bound \(Ms\): must be a number from 0 to 600000/],
	])('refuses %p before sending anything', async (options, message) => {
		const before = (await bed.requests()).length;
		const result = await bed.run(orderPerInputItem(options), [{ ref: newReference('O'), to: RECIPIENT }]);
		expect(result.status).toBe('error');
		expect(result.nodes[NODE].error?.message).toMatch(message);
		expect((await bed.requests()).length).toBe(before);
	});
});

describe('the WhatsApp Payments Trigger', () => {
	let trigger: TriggerUnderTest | undefined;
	afterEach(async () => {
		await trigger?.close();
		trigger = undefined;
	});

	it.each([
		[{ dedupeWindowHours: 1e308 }, /Options › Deduplication Window \(Hours\): must be a number from 1 to 8760/],
		[{ dedupeMaxEntries: 1e7 }, /Options › Deduplication Memory \(Updates\): must be a whole number from 1 to 100000/],
		[{ maxBodySizeMb: 0 }, /Options › Max Body Size \(MB\): must be a number from 0.1 to 100/],
	])('refuses %p on activation, with an error naming the option', async (options, message) => {
		trigger = await startTrigger({ options });
		await expect(trigger.server.activate()).rejects.toThrow(message);
	});

	it('accepts the largest window (8760 hours) and still deduplicates', async () => {
		trigger = await startTrigger({ options: { dedupeWindowHours: 8760 } });
		const body = webhookBody([[messagesChange({ statuses: [paymentStatus()] })]]);
		expect((await trigger.post(body)).status).toBe(200);
		expect((await trigger.post(body)).status).toBe(200);
		expect(await trigger.emitted(1)).toHaveLength(1);
	});
});
