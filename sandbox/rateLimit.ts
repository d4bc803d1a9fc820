/**
 * Per-key message rate limit over fixed one-second windows of an injectable clock, so a test with a
 * frozen clock gets exactly `limit` accepted messages and then refusals.
 */
export class RateLimiter {
	private readonly windows = new Map<string, { window: number; count: number }>();

	constructor(
		private readonly limitPerSecond: number,
		private readonly now: () => number,
	) {
		if (!Number.isInteger(limitPerSecond) || limitPerSecond < 1) throw new RangeError('rate limit: must be a positive integer (messages per second)');
	}

	/** True (and counted) when the key may send one more message in the current second. */
	take(key: string): boolean {
		const window = Math.floor(this.now() / 1000);
		const current = this.windows.get(key);
		if (!current || current.window !== window) {
			this.windows.set(key, { window, count: 1 });
			return true;
		}
		if (current.count >= this.limitPerSecond) return false;
		current.count++;
		return true;
	}

	clear(): void {
		this.windows.clear();
	}
}
