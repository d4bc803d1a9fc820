/**
 * A node run's rate limiter (Max Requests Per Second): evenly spaced starts, and never more than the rate within one
 * second, even when the process stalls while starts are due. Real timers: the assertions are on the start times the
 * limiter hands out, not on how fast anything runs.
 */
import { RateLimiter } from '../../nodes/WhatsAppPayments/transport';

/** Holds the process up, as a long garbage collection or a busy CPU does. */
function stall(ms: number): void {
	const end = Date.now() + ms;
	while (Date.now() < end) {
		// Busy on purpose.
	}
}

/** `requests` waiting at once, as a node run's in-flight items do; the process stalls right after start number `stallAfter`. */
async function startsOf(limiter: RateLimiter, requests: number, stallAfter?: { start: number; ms: number }): Promise<number[]> {
	const starts: number[] = [];
	await Promise.all(
		Array.from({ length: requests }, async () => {
			starts.push(await limiter.wait());
			if (stallAfter && starts.length === stallAfter.start) stall(stallAfter.ms);
		}),
	);
	return starts.sort((a, b) => a - b);
}

/** The most starts within any `windowMs`: from one start to just before `windowMs` after it. */
const mostWithin = (starts: number[], windowMs: number) => Math.max(...starts.map((from) => starts.filter((t) => t >= from && t < from + windowMs).length));

describe('RateLimiter', () => {
	it('spaces starts at the rate', async () => {
		const starts = await startsOf(new RateLimiter(20), 21);
		// 21 starts at 20 a second take at least one second, and no second holds more than 20.
		expect(starts[20] - starts[0]).toBeGreaterThanOrEqual(1000);
		expect(mostWithin(starts, 1000)).toBeLessThanOrEqual(20);
	});

	it('after a stall, the starts that fell due meanwhile do not push any second over the rate', async () => {
		// Stalled 300 ms after the 5th start: 6 starts fall due meanwhile and fire together when it resumes. Spaced
		// alone, the second that begins with them would hold those 6 plus 19 more.
		const starts = await startsOf(new RateLimiter(20), 45, { start: 5, ms: 300 });
		expect(starts).toHaveLength(45);
		expect(mostWithin(starts, 1000)).toBeLessThanOrEqual(20);
	});

	it('a rate that is not a whole number: its next whole number within as many seconds as that takes', async () => {
		// 12.5 a second: at most 13 within 1040 ms, the long-run rate unchanged.
		const starts = await startsOf(new RateLimiter(12.5), 30, { start: 3, ms: 400 });
		expect(mostWithin(starts, 1040)).toBeLessThanOrEqual(13);
	});
});
