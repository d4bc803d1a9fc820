/* eslint-disable @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Money at any size: the validator and the builder agree with an exact BigInt oracle for amounts up to 10^30
 * minor units. A sum is either exact or an error naming the field; it is never rounded, and a sum beyond
 * 2^53 - 1 minor units is never skipped.
 */
import fc from 'fast-check';

import { OrderValidationError } from '../../core/errors';
import { toDecimal } from '../../core/money';
import { buildOrderDetailsMessage, validateOrderDetails } from '../../core/orderDetails';
import type { OrderDetailsInput } from '../../core/types';
import { brazilOrderInput, fixtureNow } from '../fixtures/orders';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const LIMIT = 10n ** 30n;
const now = { now: fixtureNow };

/** Small, near the 2^53 edge, and huge amounts alike. */
const minor = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: SAFE / 1000n, max: SAFE }), fc.bigInt({ min: 0n, max: LIMIT }));
const quantity = fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));
const item = fc.record({ amount: minor, quantity });
/** A given sum: none, the right one, or one off by a little (where floats could not tell the difference). */
const given = fc.oneof(fc.constant('none' as const), fc.constant('exact' as const), fc.bigInt({ min: -3n, max: 3n }).filter((d) => d !== 0n));
const order = fc.record({
	items: fc.array(item, { minLength: 1, maxLength: 5 }),
	tax: fc.option(minor, { nil: undefined }),
	shipping: fc.option(minor, { nil: undefined }),
	discount: fc.option(fc.bigInt({ min: 0n, max: 1000n }), { nil: undefined }),
	subtotal: given,
	total: given,
});
type Order = typeof order extends fc.Arbitrary<infer T> ? T : never;

const oracleSubtotal = (o: Order) => o.items.reduce((sum, i) => sum + i.amount * BigInt(i.quantity), 0n);
const oracleTotal = (o: Order, subtotal: bigint) => subtotal + (o.tax ?? 0n) + (o.shipping ?? 0n) - (o.discount ?? 0n);
const givenValue = (choice: Order['subtotal'], exact: bigint): bigint | undefined => (choice === 'none' ? undefined : choice === 'exact' ? exact : exact + choice);

describe('buildOrderDetailsMessage agrees with a BigInt oracle (amounts up to 10^30 minor units)', () => {
	const inputOf = (o: Order): OrderDetailsInput => {
		const sub = givenValue(o.subtotal, oracleSubtotal(o));
		const total = givenValue(o.total, oracleTotal(o, sub ?? oracleSubtotal(o)));
		return {
			...brazilOrderInput(),
			amountsIn: 'minor',
			items: o.items.map((i, n) => ({ retailerId: `SKU-${n}`, name: `Item ${n}`, amount: String(i.amount), quantity: i.quantity })),
			...(o.tax !== undefined ? { tax: { amount: String(o.tax) } } : {}),
			...(o.shipping !== undefined ? { shipping: { amount: String(o.shipping) } } : {}),
			...(o.discount !== undefined ? { discount: { amount: String(o.discount) } } : {}),
			...(sub !== undefined ? { subtotal: sub < 0n ? '-1' : String(sub) } : {}),
			...(total !== undefined ? { total: total < 0n ? '-1' : String(total) } : {}),
		};
	};

	it('builds the exact sums, or fails naming the field that cannot be exact', () => {
		fc.assert(
			fc.property(order, (o) => {
				const expectedErrors: string[] = [];
				o.items.forEach((i, n) => i.amount > SAFE && expectedErrors.push(`/items/${n}/amount`));
				for (const key of ['tax', 'shipping'] as const) if ((o[key] ?? 0n) > SAFE) expectedErrors.push(`/${key}/amount`);
				const exactSubtotal = oracleSubtotal(o);
				const givenSubtotal = givenValue(o.subtotal, exactSubtotal);
				const wireSubtotal = givenSubtotal ?? exactSubtotal;
				if (expectedErrors.length === 0 && (wireSubtotal > SAFE || wireSubtotal < 0n || wireSubtotal !== exactSubtotal)) expectedErrors.push('/subtotal');
				const exactTotal = oracleTotal(o, wireSubtotal);
				const givenTotal = givenValue(o.total, exactTotal);
				const wireTotal = givenTotal ?? exactTotal;
				if (expectedErrors.length === 0 && (wireTotal > SAFE || wireTotal !== exactTotal)) expectedErrors.push(givenTotal === undefined && exactTotal >= 0n ? '/total' : '');

				let built: Record<string, any> | undefined;
				let errors: string[] = [];
				try {
					built = buildOrderDetailsMessage(inputOf(o), now);
				} catch (e) {
					expect(e).toBeInstanceOf(OrderValidationError);
					errors = (e as OrderValidationError).errors.map((error) => error.path);
				}
				if (expectedErrors.length === 0 && exactTotal >= 1n) {
					expect(errors).toEqual([]);
					const parameters = built?.interactive.action.parameters;
					expect(parameters.order.subtotal.value).toBe(Number(exactSubtotal));
					expect(BigInt(parameters.order.subtotal.value)).toBe(exactSubtotal);
					expect(BigInt(parameters.total_amount.value)).toBe(exactTotal);
				} else {
					expect(built).toBeUndefined();
					for (const path of expectedErrors.filter(Boolean)) expect(errors.some((p) => p.startsWith(path))).toBe(true);
				}
			}),
			{ numRuns: 400, seed: 20261129 },
		);
	});
});

describe('validateOrderDetails agrees with a BigInt oracle (wire amounts up to 10^30 minor units)', () => {
	const base = buildOrderDetailsMessage(brazilOrderInput(), now) as Record<string, any>;
	const amount = (value: bigint) => ({ value: Number(value), offset: 100 });

	it('accepts exactly the orders whose amounts are exact and whose sums add up, and names the field otherwise', () => {
		fc.assert(
			fc.property(order, (o) => {
				const exactSubtotal = oracleSubtotal(o);
				const givenSubtotal = givenValue(o.subtotal, exactSubtotal) ?? exactSubtotal;
				const exactTotal = oracleTotal(o, givenSubtotal);
				const givenTotal = givenValue(o.total, exactTotal) ?? exactTotal;
				const message = structuredClone(base);
				const parameters = message.interactive.action.parameters;
				parameters.order.items = o.items.map((i, n) => ({ retailer_id: `SKU-${n}`, name: `Item ${n}`, amount: amount(i.amount), quantity: i.quantity }));
				parameters.order.subtotal = amount(givenSubtotal);
				parameters.order.tax = amount(o.tax ?? 0n);
				if (o.shipping !== undefined) parameters.order.shipping = amount(o.shipping);
				if (o.discount !== undefined) parameters.order.discount = amount(o.discount);
				parameters.total_amount = amount(givenTotal);

				const wire = [...o.items.map((i) => i.amount), givenSubtotal, givenTotal, o.tax ?? 0n, o.shipping ?? 0n];
				const allExact = wire.every((v) => v >= 0n && v <= SAFE);
				const valid = allExact && givenSubtotal === exactSubtotal && givenTotal === exactTotal && exactTotal >= 1n;
				const result = validateOrderDetails(message, now);
				expect(result.valid).toBe(valid);
				if (allExact && givenSubtotal !== exactSubtotal) expect(result.errors.map((e) => e.path)).toContain('/interactive/action/parameters/order/subtotal');
			}),
			{ numRuns: 400, seed: 20261129 },
		);
	});

	it('refuses a wrong subtotal whose true sum is beyond 2^53 - 1 (it used to be skipped)', () => {
		const message = structuredClone(base);
		const parameters = message.interactive.action.parameters;
		parameters.order.items = [{ retailer_id: 'A', name: 'A', amount: amount(SAFE), quantity: 2 }];
		parameters.order.subtotal = amount(100n);
		parameters.total_amount = amount(100n);
		const result = validateOrderDetails(message, now);
		expect(result.valid).toBe(false);
		expect(result.errors).toContainEqual(expect.objectContaining({ path: '/interactive/action/parameters/order/subtotal', rule: 'subtotal' }));
		expect(result.errors.find((e) => e.rule === 'subtotal')?.message).toContain(toDecimal(SAFE * 2n));
	});
});
