/**
 * Issue 7, part 2: how many orders per second the core validates, next to JSON.stringify of the
 * same orders (work every send does anyway: the body has to be serialized).
 */
import { validateOrderDetails } from '../core';
import { compareSync } from './measure';
import { BenchResult } from './report';
import { FIXTURE_CLOCK, validOrders } from './workloads';

const GOAL_ORDERS_PER_SECOND = 100_000;
/**
 * The validators are thousands of lines of generated code that V8 optimizes on its background thread over the first
 * seconds of calls: sampled right away (compareSync's three warm-up samples, sized on the code not yet optimized),
 * fresh processes measured 7,000-12,000 orders/s, the same process sampling again 60,000-110,000 (2026-11-30). The
 * row is about a busy process, whose code is long optimized: both sides run for WARM_UP_MS before sampling.
 */
const WARM_UP_MS = 3000;

/** Calls each operation in turn until `ms` have passed. */
function warmUp(operations: Array<() => unknown>, ms: number): void {
	const end = performance.now() + ms;
	while (performance.now() < end) for (const operation of operations) for (let i = 0; i < 100; i++) operation();
}

/** An operation that walks through the inputs in turn, so no single order's shape dominates. */
function cycling<T>(inputs: T[], operation: (input: T) => unknown): () => unknown {
	let next = 0;
	return () => operation(inputs[next++ % inputs.length]);
}

export function benchValidation(): BenchResult[] {
	const orders = validOrders();
	const invalid = orders.map((order) => validateOrderDetails(order, FIXTURE_CLOCK)).filter((result) => !result.valid);
	if (invalid.length) throw new Error(`bench orders must be valid: ${JSON.stringify(invalid[0].errors)}`);

	const operations = {
		ours: cycling(orders, (order) => validateOrderDetails(order, FIXTURE_CLOCK)),
		stringify: cycling(orders, (order) => JSON.stringify(order)),
	};
	warmUp(Object.values(operations), WARM_UP_MS);
	const ms = compareSync(operations);
	const ours = 1000 / ms.ours.median;
	const baseline = 1000 / ms.stringify.median;
	const perSecond = ([fastestMs, slowestMs]: [number, number]): [number, number] => [1000 / slowestMs, 1000 / fastestMs];
	return [
		{
			name: 'Validation: validateOrderDetails',
			ours,
			baseline,
			unit: 'orders/s',
			ratio: ours / baseline,
			goal: `ours >= ${GOAL_ORDERS_PER_SECOND.toLocaleString('en-US')} orders/s (ratio = share of JSON.stringify's speed, informational)`,
			pass: ours >= GOAL_ORDERS_PER_SECOND,
			spread: { ours: perSecond(ms.ours.spread), baseline: perSecond(ms.stringify.spread) },
			note: `${orders.length} different valid orders (India and Brazil, every payment setting) validated in turn on one core, after both sides ran ${WARM_UP_MS / 1000} s to let V8 optimize them; baseline = JSON.stringify of the same orders.`,
		},
	];
}
