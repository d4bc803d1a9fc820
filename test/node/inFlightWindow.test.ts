/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, never runs inside n8n (docs/verification.md) */
/** The in-flight window of a node run (Little's law) and the pool that asks it before starting each item. */
import { InFlightWindow, type Pacing } from '../../nodes/WhatsAppPayments/shared/pacing';
import { mapWithLimit } from '../../nodes/shared/pool';

const pacing = (concurrency: number, maxRequestsPerSecond: number): Pacing => ({ concurrency, maxRequestsPerSecond, maxRetries: 4, initialRetryDelayMs: 1000, lookupLagBoundMs: 30_000 });

describe('InFlightWindow', () => {
	it('keeps a Concurrency that was set, whatever the response times', () => {
		const window = new InFlightWindow(pacing(3, 80));
		window.observe(2000);
		expect(window.size()).toBe(3);
	});

	it('automatic: 10 before the first answer and when no rate is to be kept', () => {
		expect(new InFlightWindow(pacing(0, 80)).size()).toBe(10);
		const unpaced = new InFlightWindow(pacing(0, 0));
		unpaced.observe(500);
		expect(unpaced.size()).toBe(10);
	});

	it('automatic: rate x response time with headroom, so a far API still gets the rate', () => {
		const window = new InFlightWindow(pacing(0, 80));
		window.observe(450); // three round trips of 150 ms: TCP, TLS, the request
		expect(window.size()).toBe(Math.ceil(80 * 0.45 * 1.5) + 1);
		expect(window.size() / 0.45).toBeGreaterThanOrEqual(80);
	});

	it('automatic: bounded to 100, and shrinks again when answers get faster during the run', () => {
		const window = new InFlightWindow(pacing(0, 1000));
		window.observe(5000);
		expect(window.size()).toBe(100);
		for (let i = 0; i < 60; i++) window.observe(5);
		expect(window.size()).toBeLessThan(10);
	});
});

describe('mapWithLimit', () => {
	it('asks a limit function before each start: never more running than it says, more once it grows', async () => {
		let limit = 2;
		let running = 0;
		const seen: number[] = [];
		const results = await mapWithLimit(
			Array.from({ length: 20 }, (_, i) => i),
			() => limit,
			async (value, index) => {
				running++;
				seen.push(running);
				expect(running).toBeLessThanOrEqual(limit);
				if (index === 5) limit = 6;
				await new Promise((resolve) => setImmediate(resolve));
				running--;
				return value * 2;
			},
		);
		expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
		expect(Math.max(...seen)).toBe(6);
	});

	it('rejects with the first failure', async () => {
		await expect(mapWithLimit([1, 2, 3], 2, async (value) => {
			if (value === 2) throw new Error('two');
			return value;
		})).rejects.toThrow('two');
	});
});
