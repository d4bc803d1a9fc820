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
 * seconds of calls: with three 40 ms warm-up samples (the default) fresh processes measured 7,000-12,000 orders/s, the
 * same process sampling again 60,000-110,000; with fifty, 104,000-191,000 (2026-11-30, the machine's other core busy).
 * The row is about a busy process, whose code is long optimized, so both sides get a few seconds to settle.
 */
const SAMPLING = { warmup: 50, runs: 15 };

/** An operation that walks through the inputs in turn, so no single order's shape dominates. */
function cycling<T>(inputs: T[], operation: (input: T) => unknown): () => unknown {
	let next = 0;
	return () => operation(inputs[next++ % inputs.length]);
}

export function benchValidation(): BenchResult[] {
	const orders = validOrders();
	const invalid = orders.map((order) => validateOrderDetails(order, FIXTURE_CLOCK)).filter((result) => !result.valid);
	if (invalid.length) throw new Error(`bench orders must be valid: ${JSON.stringify(invalid[0].errors)}`);

	const ms = compareSync({
		ours: cycling(orders, (order) => validateOrderDetails(order, FIXTURE_CLOCK)),
		stringify: cycling(orders, (order) => JSON.stringify(order)),
	}, SAMPLING);
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
			note: `${orders.length} different valid orders (India and Brazil, every payment setting) validated in turn on one core, after ${SAMPLING.warmup} warm-up samples of each side (about 40 ms each); baseline = JSON.stringify of the same orders.`,
		},
	];
}
