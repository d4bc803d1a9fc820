/**
 * A bounded "have I seen this key lately?" window, used to emit retried webhook deliveries once.
 *
 * Pure: the caller passes the current time to every call (an injectable clock), so the window
 * needs no timers and behaves the same in tests and in production.
 *
 * A key counts as seen for `ttlMs` after it was FIRST seen; a retry does not extend its life
 * (Meta retries for days, and a retry is the same update, not a new one). When the window is full
 * the oldest key is forgotten first, so memory stays within `maxEntries` keys whatever arrives.
 */
export interface DedupeWindowOptions {
	/** Most keys remembered at once. */
	maxEntries: number;
	/** How long a key is remembered after it was first seen, in milliseconds. */
	ttlMs: number;
}

export class DedupeWindow {
	readonly maxEntries: number;

	readonly ttlMs: number;

	/** key -> first-seen time. A Map keeps insertion order, which here is also first-seen order. */
	private readonly firstSeen = new Map<string, number>();

	constructor(options: DedupeWindowOptions) {
		if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
			throw new RangeError(`maxEntries: must be an integer >= 1 (got ${options.maxEntries})`);
		}
		if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0) {
			throw new RangeError(`ttlMs: must be a number > 0 (got ${options.ttlMs})`);
		}
		this.maxEntries = options.maxEntries;
		this.ttlMs = options.ttlMs;
	}

	/**
	 * True when `key` was already seen within the window; otherwise records it and returns false.
	 * `nowMs` is the current time in epoch milliseconds.
	 */
	seen(key: string, nowMs: number): boolean {
		this.expire(nowMs);
		if (this.firstSeen.has(key)) return true;
		this.firstSeen.set(key, nowMs);
		while (this.firstSeen.size > this.maxEntries) this.forgetOldest();
		return false;
	}

	/** Number of keys currently remembered. */
	get size(): number {
		return this.firstSeen.size;
	}

	/** Drops keys whose time is up. They sit at the front of the Map, so this stops at the first live one. */
	private expire(nowMs: number): void {
		for (const [key, firstSeenMs] of this.firstSeen) {
			if (nowMs - firstSeenMs < this.ttlMs) return;
			this.firstSeen.delete(key);
		}
	}

	private forgetOldest(): void {
		const oldest = this.firstSeen.keys().next();
		if (!oldest.done) this.firstSeen.delete(oldest.value);
	}
}
