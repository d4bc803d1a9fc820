import { DedupeWindow } from '../../core/dedupe';

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
});
