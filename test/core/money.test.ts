import { normalizeAmount, toDecimal, toMinor } from '../../core/money';

describe('toMinor', () => {
	it('is exact where float multiplication is not', () => {
		expect(toMinor(12.34)).toBe(1234);
		expect(toMinor(0.29)).toBe(29); // 0.29 * 100 === 28.999999999999996
		expect(toMinor(4.35)).toBe(435); // 4.35 * 100 === 434.99999999999994
	});

	it.each([
		['0', 0],
		['0.05', 5],
		['0.5', 50],
		['1200', 120000],
		['  7.10 ', 710],
		['12.340', 1234], // trailing zeros lose nothing
		[19.99, 1999],
		[1126.15, 112615],
		['90071992547409.91', 9007199254740991],
	])('%p -> %p', (input, minor) => {
		expect(toMinor(input)).toBe(minor);
	});

	it('reads whole minor units with offset 1 and other powers of ten', () => {
		expect(toMinor('1234', 1)).toBe(1234);
		expect(toMinor(5, 1)).toBe(5);
		expect(toMinor('1.5', 10)).toBe(15);
		expect(() => toMinor('12.5', 1)).toThrow(RangeError);
	});

	it('reads a number of up to 15 significant digits exactly, a larger one as a string', () => {
		expect(toMinor(1234567890123.45)).toBe(123456789012345);
		expect(toMinor(9007199254740991, 1)).toBe(9007199254740991);
		expect(toMinor('90071992547409.91')).toBe(9007199254740991);
	});

	it.each([
		['', TypeError, /^is empty: give an amount, e\.g\. 1200 or 120\.50$/],
		['   ', TypeError, /^is empty/],
		['₹120', TypeError, /^"₹120" is not an amount: write digits only, without ₹, R\$ or commas, e\.g\. 1200 or 120\.50$/],
		['1,000', TypeError, /not an amount: write digits only, without ₹, R\$ or commas/],
		['1e3', TypeError, /not an amount: write digits only, without ₹, R\$ or commas/],
		['.5', TypeError, /not an amount: write digits only, without ₹, R\$ or commas/],
		['5.', TypeError, /not an amount: write digits only, without ₹, R\$ or commas/],
		['0x10', TypeError, /not an amount: write digits only, without ₹, R\$ or commas/],
		['abc', TypeError, /not an amount: write digits only, without ₹, R\$ or commas/],
		[NaN, TypeError, /not a finite number/],
		[Infinity, TypeError, /not a finite number/],
		[true, TypeError, /must be a number or a decimal string/],
		[null, TypeError, /must be a number or a decimal string/],
		['-1', RangeError, /must not be negative/],
		[-0.5, RangeError, /must not be negative/],
		['12.345', RangeError, /more than 2 decimals/],
		[0.1 + 0.2, RangeError, /more than 2 decimals/],
		[1e-7, TypeError, /not an amount: write digits only, without ₹, R\$ or commas/],
		['90071992547409.92', RangeError, /too large/],
		[1e21, TypeError, /not an amount: write digits only, without ₹, R\$ or commas/],
		// Written 90071992547409.91: a double holds 15 significant digits, so it reads 90071992547409.9 (one paisa less).
		[90071992547409.91, RangeError, /too large to be exact as a number; give it as a string/],
		[123456789012345.6, RangeError, /too large to be exact as a number; give it as a string/],
	])('rejects %p', (input, type, message) => {
		expect(() => toMinor(input as number)).toThrow(type as ErrorConstructor);
		expect(() => toMinor(input as number)).toThrow(message as RegExp);
	});

	it('rejects an offset that is not a power of ten', () => {
		expect(() => toMinor('1', 0)).toThrow(RangeError);
		expect(() => toMinor('1', 50)).toThrow(/power of ten/);
	});
});

describe('toDecimal', () => {
	it.each([
		[1234, 100, '12.34'],
		[5, 100, '0.05'],
		[0, 100, '0.00'],
		[120000, 100, '1200.00'],
		[-250, 100, '-2.50'],
		[1234, 1, '1234'],
		[15, 10, '1.5'],
		[Number.MAX_SAFE_INTEGER, 100, '90071992547409.91'],
		[-Number.MAX_SAFE_INTEGER, 1000, '-9007199254740.991'],
		[-0, 100, '0.00'],
		[7n, 100, '0.07'],
		[-123456789012345678901234567890n, 100, '-1234567890123456789012345678.90'],
	])('%p / %p -> %p', (minor, offset, decimal) => {
		expect(toDecimal(minor, offset)).toBe(decimal);
	});

	it('round-trips with toMinor', () => {
		for (const minor of [0, 1, 9, 10, 99, 100, 101, 12345, 9999999]) expect(toMinor(toDecimal(minor))).toBe(minor);
	});

	it('rejects non-integers', () => {
		expect(() => toDecimal(12.5)).toThrow(RangeError);
		expect(() => toDecimal(NaN)).toThrow(RangeError);
	});
});

describe('normalizeAmount', () => {
	it('reads wire amounts', () => {
		expect(normalizeAmount({ value: 21000, offset: 100 })).toEqual({ value: 21000, offset: 100, minor: 21000, decimal: '210.00' });
		expect(normalizeAmount({ value: '1234', offset: '100' })).toEqual({ value: 1234, offset: 100, minor: 1234, decimal: '12.34' });
	});

	it.each([null, undefined, 5, 'x', {}, { value: 1 }, { value: 1.5, offset: 100 }, { value: 1, offset: 0 }, { value: 1, offset: 30 }, { value: 'a', offset: 100 }])(
		'returns null for %p',
		(x) => {
			expect(normalizeAmount(x)).toBeNull();
		},
	);
});
