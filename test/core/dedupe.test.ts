import fc from 'fast-check';

import { DedupeWindow } from '../../core/dedupe';
import { parseWebhook } from '../../core/webhooks';
import { paymentStatusBatch } from '../fixtures/webhooks';

const HOUR = 3_600_000;

describe('DedupeWindow', () => {
	it('reports a key as new once, then as seen', () => {
		const window = new DedupeWindow({ maxEntries: 10, ttlMs: HOUR });
		expect(window.seen('a', 0)).toBe(false);
		expect(window.seen('a', 1)).toBe(true);
		expect(window.seen('b', 2)).toBe(false);
		expect(window.size).toBe(2);
	});

	it('forgets a key once its time-to-live has passed since it was first seen', () => {
		const window = new DedupeWindow({ maxEntries: 10, ttlMs: HOUR });
		window.seen('a', 0);
		// A retry inside the window does not extend it.
		expect(window.seen('a', HOUR - 1)).toBe(true);
		expect(window.seen('a', HOUR)).toBe(false);
		expect(window.seen('a', HOUR + 1)).toBe(true);
	});

	it('expires old keys while keeping live ones', () => {
		const window = new DedupeWindow({ maxEntries: 10, ttlMs: HOUR });
		window.seen('old', 0);
		window.seen('young', HOUR / 2);
		expect(window.seen('other', HOUR)).toBe(false);
		expect(window.size).toBe(2);
		expect(window.seen('young', HOUR)).toBe(true);
		expect(window.seen('old', HOUR)).toBe(false);
	});

	it('stays within maxEntries, forgetting the oldest key first', () => {
		const window = new DedupeWindow({ maxEntries: 3, ttlMs: HOUR });
		for (const key of ['a', 'b', 'c', 'd']) window.seen(key, 0);
		expect(window.size).toBe(3);
		expect(window.seen('b', 0)).toBe(true);
		expect(window.seen('c', 0)).toBe(true);
		expect(window.seen('d', 0)).toBe(true);
		expect(window.seen('a', 0)).toBe(false);
	});

	it('keeps memory bounded under a flood of distinct keys', () => {
		const window = new DedupeWindow({ maxEntries: 1000, ttlMs: HOUR });
		for (let i = 0; i < 50_000; i++) window.seen(`k${i}`, i);
		expect(window.size).toBe(1000);
		expect(window.seen('k49999', 50_000)).toBe(true);
		expect(window.seen('k0', 50_000)).toBe(false);
	});

	it('refuses nonsensical limits, naming the option', () => {
		expect(() => new DedupeWindow({ maxEntries: 0, ttlMs: HOUR })).toThrow(/maxEntries/);
		expect(() => new DedupeWindow({ maxEntries: 1.5, ttlMs: HOUR })).toThrow(/maxEntries/);
		expect(() => new DedupeWindow({ maxEntries: 10, ttlMs: 0 })).toThrow(/ttlMs/);
		expect(() => new DedupeWindow({ maxEntries: 10, ttlMs: Number.NaN })).toThrow(/ttlMs/);
	});

	it('tells long keys apart by any character, and knows them again (keys are kept as digests)', () => {
		const base = 'payment_status|'.repeat(100);
		const window = new DedupeWindow({ maxEntries: 100, ttlMs: HOUR });
		const keys = [`${base}a`, `${base}b`, `a${base}`, `b${base}`, `${base}ab`, `${base}a\u0000`, 'x'.repeat(100_000)];
		for (const key of keys) expect(window.seen(key, 0)).toBe(false);
		for (const key of keys) expect(window.seen(key.slice(0, 1) + key.slice(1), 1)).toBe(true);
		expect(window.size).toBe(keys.length);
	});

	it('tells apart keys that differ in one character, at every position', () => {
		const [event] = parseWebhook(paymentStatusBatch(1));
		const key = event.dedupeKey;
		const window = new DedupeWindow({ maxEntries: 10 * key.length, ttlMs: HOUR });
		expect(window.seen(key, 0)).toBe(false);
		for (let at = 0; at < key.length; at++) {
			const code = key.charCodeAt(at);
			for (const other of [code ^ 1, code ^ 0x100, 0xd83d]) {
				expect(window.seen(key.slice(0, at) + String.fromCharCode(other) + key.slice(at + 1), 0)).toBe(false);
			}
		}
		expect(window.seen(`${key}`, 0)).toBe(true);
		expect(window.size).toBe(1 + 3 * key.length);
	});

	it('keeps exactly the newest maxEntries of many real keys, and forgets each older one', () => {
		const keys = parseWebhook(paymentStatusBatch(3000)).map((event) => event.dedupeKey);
		const fill = () => {
			const window = new DedupeWindow({ maxEntries: 1000, ttlMs: HOUR });
			expect(keys.filter((key, i) => window.seen(key, i))).toEqual([]);
			expect(window.size).toBe(1000);
			return window;
		};
		const full = fill();
		expect(keys.slice(2000).filter((key) => !full.seen(key, 3000))).toEqual([]);
		// Each forgotten key comes back as new and pushes out the oldest kept one, never another forgotten one.
		const again = fill();
		expect(keys.slice(0, 2000).filter((key) => again.seen(key, 3000))).toEqual([]);
		expect(again.size).toBe(1000);
	});

	it('expires keys in first-seen order after the slots wrap around and grow', () => {
		const window = new DedupeWindow({ maxEntries: 300, ttlMs: 1000 });
		// 100 keys at times 0..99; at 1060 the first 61 have expired and 200 more arrive (the slots wrap and grow).
		for (let i = 0; i < 100; i++) window.seen(`early-${i}`, i);
		for (let i = 0; i < 200; i++) expect(window.seen(`late-${i}`, 1060)).toBe(false);
		expect(window.size).toBe(239);
		// The survivors of the first 100 expire one by one as time passes, oldest first; the late ones stay.
		for (let i = 61; i < 100; i++) {
			expect(window.seen(`early-${i}`, 999 + i)).toBe(true);
			expect(window.seen(`early-${i}`, 1000 + i)).toBe(false);
		}
		expect(window.size).toBe(239);
		for (let i = 0; i < 200; i++) expect(window.seen(`late-${i}`, 1100)).toBe(true);
		expect(window.seen('early-0', 1100)).toBe(false);
	});

	it('answers like a plain list of (key, first seen) under any sequence of keys, times and limits', () => {
		// Keys from a small set (many retries) or a large one (the window fills, wraps and grows past its first slots).
		const step = fc.record({ key: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 400 })), advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 })) });
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 130 }), fc.integer({ min: 1, max: 200 }), fc.array(step, { minLength: 100, maxLength: 1000, size: 'max' }), (maxEntries, ttlMs, steps) => {
				const window = new DedupeWindow({ maxEntries, ttlMs });
				// The rules, written out naively: oldest first, expire from the front, a retry changes nothing.
				let model: Array<{ key: string; firstSeenMs: number }> = [];
				let now = 0;
				for (const { key: n, advanceMs } of steps) {
					now += advanceMs;
					const key = `key-${n}`;
					model = model.filter((entry) => now - entry.firstSeenMs < ttlMs);
					const expected = model.some((entry) => entry.key === key);
					if (!expected) model = [...model, { key, firstSeenMs: now }].slice(-maxEntries);
					if (window.seen(key, now) !== expected) return false;
					if (window.size !== model.length) return false;
				}
				return true;
			}),
			{ numRuns: 200 },
		);
	});
});
