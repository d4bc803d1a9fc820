/**
 * A bounded "have I seen this key lately?" window, used to emit retried webhook deliveries once.
 *
 * Pure: the caller passes the current time to every call (an injectable clock), so the window
 * needs no timers and behaves the same in tests and in production.
 *
 * A key counts as seen for `ttlMs` after it was FIRST seen; a retry does not extend its life
 * (Meta retries for days, and a retry is the same update, not a new one). When the window is full
 * the oldest key is forgotten first, so memory stays within `maxEntries` keys whatever arrives.
 *
 * Why digests: the window keeps no key, only a 64-bit digest of each: 16 bytes per key with its
 * first-seen time, plus 6-12 bytes of index, whatever the key's length (0.22 MiB for the default 10,000
 * keys; as text they took about 250 bytes each, 2.4 MiB). The price: two different keys with the same
 * digest look alike, so a NEW update whose digest equals one of the n digests in the window is taken for a
 * retry and dropped. With a digest that spreads keys evenly over 2^64 values, that happens to a delivery
 * with probability n / 2^64: 5.4e-16 for the default n = 10,000 (at 10,000 new updates a day, once in
 * about 500 million years), 5.4e-15 for the largest window (100,000). The digest is not cryptographic:
 * the keys come from deliveries Meta signed (the trigger checks the signature first), so no outsider
 * chooses them to collide.
 */
export interface DedupeWindowOptions {
	/** Most keys remembered at once. */
	maxEntries: number;
	/** How long a key is remembered after it was first seen, in milliseconds. */
	ttlMs: number;
}

/** Slots a window starts with; it doubles them up to `maxEntries` as keys arrive, so a quiet window stays small. */
const INITIAL_SLOTS = 64;

/** Empty cell of the index (cells hold a slot number + 1). */
const EMPTY = 0;

export class DedupeWindow {
	readonly maxEntries: number;

	readonly ttlMs: number;

	/**
	 * The remembered keys as a ring of slots in first-seen order: the key at slot `oldest` was seen
	 * first, then `oldest + 1` (modulo the slot count), and so on for `count` slots. A slot holds the
	 * key's 64-bit digest (two 32-bit halves) and its first-seen time.
	 */
	private digestHigh: Int32Array;

	private digestLow: Int32Array;

	private firstSeenMs: Float64Array;

	private oldest = 0;

	private count = 0;

	/**
	 * digest -> slot: an open-addressing table with linear probing, at most two thirds full. A cell
	 * holds slot + 1, or EMPTY. Removal shifts the following cells back (no tombstones to clean up).
	 */
	private index: Int32Array;

	/** The digest of the key being looked up: [high, low]. */
	private readonly digest = new Int32Array(2);

	constructor(options: DedupeWindowOptions) {
		if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
			throw new RangeError(`maxEntries: must be an integer >= 1 (got ${options.maxEntries})`);
		}
		if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0) {
			throw new RangeError(`ttlMs: must be a number > 0 (got ${options.ttlMs})`);
		}
		this.maxEntries = options.maxEntries;
		this.ttlMs = options.ttlMs;
		const slots = Math.min(INITIAL_SLOTS, this.maxEntries);
		this.digestHigh = new Int32Array(slots);
		this.digestLow = new Int32Array(slots);
		this.firstSeenMs = new Float64Array(slots);
		this.index = new Int32Array(indexCellsFor(slots));
	}

	/**
	 * True when `key` was already seen within the window; otherwise records it and returns false.
	 * `nowMs` is the current time in epoch milliseconds.
	 */
	seen(key: string, nowMs: number): boolean {
		this.expire(nowMs);
		digestOf(key, this.digest);
		const high = this.digest[0];
		const low = this.digest[1];
		if (this.cellOf(high, low) !== -1) return true;
		if (this.count === this.digestHigh.length) {
			if (this.count < this.maxEntries) this.resize(Math.min(this.count * 2, this.maxEntries));
			else this.forgetOldest();
		}
		const slot = (this.oldest + this.count) % this.digestHigh.length;
		this.digestHigh[slot] = high;
		this.digestLow[slot] = low;
		this.firstSeenMs[slot] = nowMs;
		this.count++;
		this.index[this.freeCellFor(low)] = slot + 1;
		return false;
	}

	/** Number of keys currently remembered. */
	get size(): number {
		return this.count;
	}

	/** Drops keys whose time is up. They are the oldest slots, so this stops at the first live one. */
	private expire(nowMs: number): void {
		while (this.count > 0 && nowMs - this.firstSeenMs[this.oldest] >= this.ttlMs) this.forgetOldest();
	}

	private forgetOldest(): void {
		const slot = this.oldest;
		const cell = this.cellOf(this.digestHigh[slot], this.digestLow[slot]);
		// Never true; a broken index would otherwise fill up and make lookups loop forever.
		if (cell === -1) throw new Error('DedupeWindow: a remembered digest is missing from the index');
		this.removeCell(cell);
		this.oldest = (slot + 1) % this.digestHigh.length;
		this.count--;
	}

	/** The index cell that holds this digest, or -1. */
	private cellOf(high: number, low: number): number {
		const mask = this.index.length - 1;
		for (let cell = low & mask; ; cell = (cell + 1) & mask) {
			const entry = this.index[cell];
			if (entry === EMPTY) return -1;
			if (this.digestLow[entry - 1] === low && this.digestHigh[entry - 1] === high) return cell;
		}
	}

	private freeCellFor(low: number): number {
		const mask = this.index.length - 1;
		let cell = low & mask;
		while (this.index[cell] !== EMPTY) cell = (cell + 1) & mask;
		return cell;
	}

	/**
	 * Empties a cell, then moves back each following cell of the same run that may sit there (its home
	 * cell is not between the hole and itself), so every digest stays reachable from its home cell.
	 */
	private removeCell(hole: number): void {
		const mask = this.index.length - 1;
		for (let cell = (hole + 1) & mask; this.index[cell] !== EMPTY; cell = (cell + 1) & mask) {
			const home = this.digestLow[this.index[cell] - 1] & mask;
			if (((cell - home) & mask) >= ((cell - hole) & mask)) {
				this.index[hole] = this.index[cell];
				hole = cell;
			}
		}
		this.index[hole] = EMPTY;
	}

	/** Moves the remembered keys, oldest first, into `slots` new slots, and rebuilds the index for them. */
	private resize(slots: number): void {
		const high = new Int32Array(slots);
		const low = new Int32Array(slots);
		const firstSeenMs = new Float64Array(slots);
		for (let i = 0; i < this.count; i++) {
			const from = (this.oldest + i) % this.digestHigh.length;
			high[i] = this.digestHigh[from];
			low[i] = this.digestLow[from];
			firstSeenMs[i] = this.firstSeenMs[from];
		}
		this.digestHigh = high;
		this.digestLow = low;
		this.firstSeenMs = firstSeenMs;
		this.oldest = 0;
		this.index = new Int32Array(indexCellsFor(slots));
		for (let slot = 0; slot < this.count; slot++) this.index[this.freeCellFor(low[slot])] = slot + 1;
	}
}

/** The smallest power of two that keeps the index at most two thirds full with `slots` keys. */
function indexCellsFor(slots: number): number {
	let cells = 4;
	while (cells * 2 < slots * 3) cells *= 2;
	return cells;
}

/** The key's code units are hashed through this scratch, this many at a time (an even number: chunks end on a block). */
const CHUNK_UNITS = 512;
const scratchBlocks = new Int32Array(CHUNK_UNITS / 2);
const scratchBytes = Buffer.from(scratchBlocks.buffer);

/**
 * A 64-bit digest of the key's UTF-16 code units, written to `into` as two 32-bit halves. Two lanes
 * in the manner of MurmurHash3 (x86, 128-bit variant, two of its four lanes): each takes the text two
 * code units (one 32-bit block) at a time through its own multiply-rotate mix, then both are folded
 * into each other and finished with the avalanche step, so that a change of any bit of the key changes
 * about half the bits of each half. The length goes in too. The text is copied into a scratch buffer to
 * be read as blocks (twice as fast as charCodeAt); the digests only ever live in this process, so the
 * byte order of the machine does not matter.
 */
function digestOf(key: string, into: Int32Array): void {
	let h1 = 0x9368e53c;
	let h2 = 0x2f5b4d1e;
	for (let start = 0; start < key.length; start += CHUNK_UNITS) {
		const chunk = start === 0 && key.length <= CHUNK_UNITS ? key : key.slice(start, start + CHUNK_UNITS);
		const units = scratchBytes.write(chunk, 0, 'utf16le') >>> 1;
		const blocks = units >>> 1;
		for (let i = 0; i < blocks; i++) {
			const block = scratchBlocks[i];
			h1 ^= Math.imul(rotl(Math.imul(block, 0x239b961b), 15), 0xab0e9789);
			h1 = (Math.imul(rotl(h1, 19), 5) + 0x561ccd1b) | 0;
			h2 ^= Math.imul(rotl(Math.imul(block, 0x38b34ae5), 17), 0xa1e38b93);
			h2 = (Math.imul(rotl(h2, 13), 5) + 0x0bcaa747) | 0;
		}
		if (units & 1) {
			// The last code unit of an odd-length key, alone.
			const last = key.charCodeAt(key.length - 1);
			h1 ^= Math.imul(rotl(Math.imul(last, 0x239b961b), 15), 0xab0e9789);
			h2 ^= Math.imul(rotl(Math.imul(last, 0x38b34ae5), 17), 0xa1e38b93);
		}
	}
	h1 ^= key.length;
	h2 ^= key.length;
	h1 = (h1 + h2) | 0;
	h2 = (h2 + h1) | 0;
	h1 = avalanche(h1);
	h2 = avalanche(h2);
	h1 = (h1 + h2) | 0;
	h2 = (h2 + h1) | 0;
	into[0] = h1;
	into[1] = h2;
}

function rotl(x: number, bits: number): number {
	return (x << bits) | (x >>> (32 - bits));
}

/** MurmurHash3's finalizer: every input bit flips each output bit with probability about 1/2. */
function avalanche(h: number): number {
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	return h ^ (h >>> 16);
}
