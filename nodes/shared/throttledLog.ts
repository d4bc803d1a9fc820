/**
 * Warnings a caller can trigger at will (forged POSTs to a public URL, unreadable updates) must not become a flood of
 * log lines: a reason is logged when first seen and then at most once a minute, with how many times it happened since.
 */
export const throttledLog = {
	interval: 60_000,
	reasons: new Map<string, { loggedAt: number; count: number }>(),
	/** How many occurrences to log now (0: not yet). */
	count(reason: string): number {
		const now = Date.now();
		const seen = this.reasons.get(reason) ?? { loggedAt: -Infinity, count: 0 };
		seen.count++;
		this.reasons.set(reason, seen);
		if (now - seen.loggedAt < this.interval) return 0;
		const count = seen.count;
		this.reasons.set(reason, { loggedAt: now, count: 0 });
		return count;
	},
	/** Logs `message(count)` with `logger` when the reason is due, `count` being how many times it happened since. */
	warn(logger: { warn(message: string): void }, reason: string, message: (count: number) => string): void {
		const count = this.count(reason);
		if (count > 0) logger.warn(message(count));
	},
};
