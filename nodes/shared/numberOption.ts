/**
 * Numeric node options, bounded: the editor's min/max stop typed values, but an expression can yield anything
 * (1e308, -1, "abc"), and a value out of range must fail with an error naming the option, never overflow
 * (hours x 3,600,000 = Infinity) or fall back silently.
 */
export interface NumberBounds {
	/** The option's name as the editor shows it. */
	displayName: string;
	min: number;
	max: number;
	/** Whole numbers only. */
	integer?: boolean;
	/** The least value above 0, when 0 means "off" and a tiny rate would mean waiting for days. */
	leastAboveZero?: number;
}

/**
 * The option's value, or `fallback` when it is not set; throws a RangeError naming the option by the labels the
 * form shows (`collection` › its label, e.g. "Sending Limits › Concurrency") when it is out of bounds.
 */
export function boundedNumber(value: unknown, fallback: number, bounds: NumberBounds, collection: string): number {
	if (value === undefined || value === null || value === '') return fallback;
	const { displayName, min, max, integer, leastAboveZero } = bounds;
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	const tooSmall = (x: number) => x < min || (leastAboveZero !== undefined && x > 0 && x < leastAboveZero);
	if (typeof n !== 'number' || !Number.isFinite(n) || tooSmall(n) || n > max || (integer && !Number.isInteger(n))) {
		const kind = integer ? 'a whole number' : 'a number';
		const range = leastAboveZero === undefined ? `from ${min} to ${max}` : `from ${leastAboveZero} to ${max}, or 0`;
		throw new RangeError(`${collection} › ${displayName}: must be ${kind} ${range}, not ${JSON.stringify(value) ?? String(value)}`);
	}
	return n;
}
