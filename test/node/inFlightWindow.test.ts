/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, never runs inside n8n (docs/verification.md) */
/** The in-flight window of a node run (Little's law) and the pool that asks it before starting each item. */
import { InFlightWindow, type Pacing } from '../../nodes/WhatsAppPayments/shared/pacing';
import { mapWithLimit } from '../../nodes/shared/pool';

const pacing = (concurrency: number, maxRequestsPerSecond: number): Pacing => ({ concurrency, maxRequestsPerSecond, maxRetries: 4, initialRetryDelayMs: 1000, lookupLagBoundMs: 30_000 });

/** A window on a clock the test moves, and a way to send requests through it. */
function windowAt(concurrency: number, maxRequestsPerSecond: number) {
	let nowMs = 0;
	const window = new InFlightWindow(pacing(concurrency, maxRequestsPerSecond), () => nowMs);
	return {
		window,
		advance: (ms: number) => (nowMs += ms),
		/** A request that the API answers `ms` later. */
		answeredAfter(ms: number) {
			const ended = window.requestSent();
			nowMs += ms;
			ended(true);
		},
	};
}

describe('InFlightWindow', () => {
	it('keeps a Concurrency that was set, whatever the response times', () => {
		const { window, answeredAfter } = windowAt(3, 80);
		answeredAfter(2000);
		expect(window.size()).toBe(3);
	});

	it('automatic: 10 before the first request and when no rate is to be kept', () => {
		expect(windowAt(0, 80).window.size()).toBe(10);
		const unpaced = windowAt(0, 0);
		unpaced.answeredAfter(500);
		expect(unpaced.window.size()).toBe(10);
	});

	it('automatic: rate x response time with headroom, so a far API still gets the rate', () => {
		const { window, answeredAfter } = windowAt(0, 80);
		answeredAfter(450); // three round trips of 150 ms: TCP, TLS, the request
		expect(window.size()).toBe(Math.ceil(80 * 0.45 * 1.5) + 1);
		expect(window.size() / 0.45).toBeGreaterThanOrEqual(80);
	});

	it('automatic: grows while the first answers are awaited, by the wait of the oldest unanswered request', () => {
		const { window, advance } = windowAt(0, 80);
		let grown = 0;
		window.onMayGrow(() => grown++);
		window.requestSent();
		expect(grown).toBe(1);
		advance(300);
		// No answer yet, but 300 ms have passed: at 80/s, 24 requests are due in that time.
		expect(window.size()).toBe(Math.ceil(80 * 0.3 * 1.5) + 1);
		expect(window.size()).toBeGreaterThan(24);
	});

	it('automatic: a failed exchange leaves the unanswered list without counting as a response time', () => {
		const { window, advance } = windowAt(0, 80);
		const ended = window.requestSent();
		advance(5000);
		ended(false);
		expect(window.size()).toBe(10);
	});

	it('automatic: bounded to 100, and shrinks again when answers get faster during the run, never below 10', () => {
		const { window, answeredAfter } = windowAt(0, 1000);
		answeredAfter(5000);
		expect(window.size()).toBe(100);
		for (let i = 0; i < 60; i++) answeredAfter(5);
		expect(window.size()).toBe(10);
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

	it('starts more when told the limit may have grown, without waiting for a task to end', async () => {
		let limit = 1;
		let startMore = () => {};
		const started: number[] = [];
		const release: Array<() => void> = [];
		const run = mapWithLimit(
			[0, 1, 2],
			() => limit,
			async (value) => {
				started.push(value);
				await new Promise<void>((resolve) => release.push(resolve));
				return value;
			},
			(listener) => (startMore = listener),
		);
		expect(started).toEqual([0]);
		limit = 3;
		startMore();
		expect(started).toEqual([0, 1, 2]);
		release.forEach((resolve) => resolve());
		await expect(run).resolves.toEqual([0, 1, 2]);
	});

	it('rejects with the first failure', async () => {
		await expect(mapWithLimit([1, 2, 3], 2, async (value) => {
			if (value === 2) throw new Error('two');
			return value;
		})).rejects.toThrow('two');
	});
});
