/**
 * Exact money conversion between currency units ("12.34") and the wire's minor units ({value: 1234,
 * offset: 100}). Amounts are parsed as decimal strings, never multiplied as floats, so 12.34 -> 1234
 * and float noise (0.1 + 0.2 = 0.30000000000000004) is rejected instead of rounded.
 */
import type { MoneyInput, NormalizedAmount } from './types';

/** Every wire amount's offset (INR and BRL have two decimals). */
export const MONEY_OFFSET = 100;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Number of decimals an offset stands for: 1 -> 0, 100 -> 2. Throws unless the offset is a power of ten. */
function decimalsOf(offset: number): number {
	let decimals = 0;
	for (let p = 1; p <= offset && Number.isSafeInteger(p); p *= 10, decimals++) {
		if (p === offset) return decimals;
	}
	throw new RangeError(`offset ${offset} must be a power of ten (1, 10, 100, ...)`);
}

/** An example amount as it is typed, in currency units (2 decimals) or whole minor units. */
export const amountExample = (decimals: number): string => (decimals === 0 ? 'e.g. 12050' : 'e.g. 1200 or 120.50');

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** The largest amount a wire value (a JSON number) carries exactly, in minor units: Number.MAX_SAFE_INTEGER. */
export const MAX_WIRE_MINOR = BigInt(Number.MAX_SAFE_INTEGER);

/** Significant digits any double holds exactly (DBL_DIG). */
const MAX_EXACT_DIGITS = 15;

/**
 * Currency units -> exact minor units as a BigInt, of any size: toMinorExact("12.34") === 1234n. The same
 * input rules and errors as toMinor, without its size limit. A number input is read through its shortest
 * decimal form. A double keeps any decimal of 15 significant digits: a number that is not a safe integer and has
 * room for more (10^13 and up with 2 decimals) may not be the one written (90071992547409.91 reads as
 * 90071992547409.9), so it is refused; give large amounts as strings.
 */
export function toMinorExact(value: MoneyInput, offset = MONEY_OFFSET): bigint {
	const decimals = decimalsOf(offset);
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new TypeError(`amount ${show(value)} is not a finite number`);
		text = String(value);
	} else if (typeof value === 'string') text = value.trim();
	else throw new TypeError(`amount ${show(value)} must be a number or a decimal string`);
	if (text === '') throw new TypeError(`is empty: give an amount, ${amountExample(decimals)}`);
	if (text.startsWith('-')) throw new RangeError(`amount ${show(value)} must not be negative`);
	const match = DECIMAL.exec(text);
	// Never read "₹120" or "1,200" as an amount: in Brazil a comma is the decimal separator ("1,20" is R$1.20).
	if (!match) throw new TypeError(`${show(value)} is not an amount: write digits only, without ₹, R$ or commas, ${amountExample(decimals)}`);
	const fraction = (match[2] ?? '').replace(/0+$/, '');
	if (fraction.length > decimals) {
		throw new RangeError(`amount ${show(value)} has more than ${decimals} decimal${decimals === 1 ? '' : 's'}`);
	}
	if (typeof value === 'number' && !Number.isSafeInteger(value) && value >= 10 ** (MAX_EXACT_DIGITS - decimals)) {
		throw new RangeError(`amount ${show(value)} is too large to be exact as a number; give it as a string`);
	}
	return BigInt(match[1] + fraction.padEnd(decimals, '0'));
}

/**
 * Currency units -> minor units: toMinor(12.34) === 1234, toMinor("0.05") === 5. With offset 1 it reads
 * a whole number of minor units. Throws TypeError when the input is not a plain decimal number ("", "1,000",
 * "1e3", NaN, a boolean) and RangeError when it is negative, has more decimals than the offset allows
 * (trailing zeros excepted) or is beyond Number.MAX_SAFE_INTEGER minor units.
 */
export function toMinor(value: MoneyInput, offset = MONEY_OFFSET): number {
	const minor = toMinorExact(value, offset);
	if (minor > MAX_WIRE_MINOR) throw new RangeError(`amount ${show(value)} is too large`);
	return Number(minor);
}

/** ".00" to ".99", the text after the whole units of an amount at the wire's offset. */
const CENTS_SUFFIXES: readonly string[] = Array.from({ length: MONEY_OFFSET }, (_, cents) => (cents < 10 ? '.0' : '.') + cents);

/**
 * Minor units -> exact decimal string: toDecimal(1234) === "12.34", toDecimal(5) === "0.05", toDecimal(120000) === "1200.00".
 * A BigInt may be of any size; a number must be a safe integer.
 */
export function toDecimal(minor: number | bigint, offset = MONEY_OFFSET): string {
	// The wire's offset, without decimalsOf's loop or padStart: this formats each amount of a 1000-update webhook.
	if (offset === MONEY_OFFSET && typeof minor === 'number' && minor >= 0 && Number.isSafeInteger(minor)) {
		const cents = minor % MONEY_OFFSET;
		return String((minor - cents) / MONEY_OFFSET) + CENTS_SUFFIXES[cents];
	}
	const decimals = decimalsOf(offset);
	if (typeof minor === 'number') {
		if (!Number.isSafeInteger(minor)) throw new RangeError(`minor amount ${show(minor)} must be a safe integer`);
		// A safe integer divides exactly by its offset, so numbers skip BigInt.
		const magnitude = Math.abs(minor);
		const fraction = magnitude % offset;
		const sign = minor < 0 ? '-' : '';
		const whole = sign + String((magnitude - fraction) / offset);
		return decimals === 0 ? whole : `${whole}.${String(fraction).padStart(decimals, '0')}`;
	}
	const digits = String(minor < 0 ? -BigInt(minor) : BigInt(minor)).padStart(decimals + 1, '0');
	const sign = minor < 0 ? '-' : '';
	if (decimals === 0) return sign + digits;
	return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** An integer given as a number or as a string of digits (webhooks sometimes quote numbers); null otherwise. */
function readInteger(x: unknown): number | null {
	if (typeof x === 'number') return Number.isSafeInteger(x) ? x : null;
	if (typeof x === 'string' && /^-?\d+$/.test(x)) {
		const n = Number(x);
		return Number.isSafeInteger(n) ? n : null;
	}
	return null;
}

/**
 * A wire amount {value, offset} as minor units and decimal string; null when it cannot be read exactly or is
 * negative (a payment or refund amount is never below zero), so a bad amount is never taken for one.
 */
export function normalizeAmount(x: unknown): NormalizedAmount | null {
	if (typeof x !== 'object' || x === null) return null;
	const { value: rawValue, offset: rawOffset } = x as { value?: unknown; offset?: unknown };
	const value = readInteger(rawValue);
	const offset = readInteger(rawOffset);
	if (value === null || offset === null || value < 0 || offset <= 0) return null;
	try {
		return { value, offset, minor: value, decimal: toDecimal(value, offset) };
	} catch {
		return null; // offset not a power of ten
	}
}
