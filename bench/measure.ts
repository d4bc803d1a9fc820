/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Timing helpers. Every figure is the median of several samples taken after a warm-up, and
 * competing implementations are sampled alternately so that drift (CPU frequency, GC, other
 * processes) hits both sides alike.
 */
import { performance } from 'perf_hooks';

export interface SamplingOptions {
	/** Samples thrown away first (JIT warm-up). */
	warmup: number;
	/** Samples kept; the median is reported. */
	runs: number;
}

export const MICRO_SAMPLING: SamplingOptions = { warmup: 3, runs: 9 };

/** A sample of a fast operation repeats it until at least this long, so timer resolution does not matter. */
const MIN_SAMPLE_MS = 40;

export function median(values: number[]): number {
	if (values.length === 0) throw new Error('median of no values');
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Results are written here so the optimizer cannot drop a call whose result is unused. */
const sink: { value: unknown } = { value: undefined };
function keep(value: unknown): void {
	sink.value = value;
}

/** How many calls of `operation` make one sample of about MIN_SAMPLE_MS. */
function callsPerSample(operation: () => unknown): number {
	let calls = 1;
	for (;;) {
		const start = performance.now();
		for (let i = 0; i < calls; i++) keep(operation());
		const elapsed = performance.now() - start;
		if (elapsed >= MIN_SAMPLE_MS / 4 || calls >= 1 << 24) return Math.max(1, Math.ceil((calls * MIN_SAMPLE_MS) / Math.max(elapsed, 1e-3)));
		calls *= 4;
	}
}

function sampleMsPerCall(operation: () => unknown, calls: number): number {
	const start = performance.now();
	for (let i = 0; i < calls; i++) keep(operation());
	return (performance.now() - start) / calls;
}

/** A measured figure: the median of its runs, and the smallest and largest run. */
export interface Figure {
	median: number;
	spread: [number, number];
}

/** The smallest and largest of a figure's runs. */
export const spread = (values: number[]): [number, number] => [Math.min(...values), Math.max(...values)];

export const figureOf = (values: number[]): Figure => ({ median: median(values), spread: spread(values) });

export const figuresOf = <K extends string>(samples: Record<K, number[]>): Record<K, Figure> =>
	Object.fromEntries(Object.entries<number[]>(samples).map(([name, values]) => [name, figureOf(values)])) as Record<K, Figure>;

/**
 * Milliseconds per call of each synchronous operation, sampled alternately.
 * Keys of the result are the keys of `operations`.
 */
export function compareSync<K extends string>(operations: Record<K, () => unknown>, sampling = MICRO_SAMPLING): Record<K, Figure> {
	return figuresOf(sampleSync(operations, sampling));
}

/** Each round's ratio `a / b`, in round order (round i of both sides at index i). */
export const roundRatios = (a: number[], b: number[]): number[] => a.map((value, round) => value / b[round]);

/** The rounds' ratios `a / b` as a row's note lists them: "0.97, 1.01, 1.19". */
export const listedRatios = (a: number[], b: number[]): string => roundRatios(a, b).map((ratio) => ratio.toFixed(2)).join(', ');

/**
 * The median of the rounds' ratios `a / b`: each round samples both back to back, so a slow stretch of the machine
 * (other processes, CPU frequency) hits both sides of one ratio alike, where it would skew a ratio of medians.
 */
export function pairedRatio(a: number[], b: number[]): number {
	return median(roundRatios(a, b));
}

/** Every kept sample (milliseconds per call) of each synchronous operation, sampled alternately; round i of every operation at index i. */
export function sampleSync<K extends string>(operations: Record<K, () => unknown>, sampling = MICRO_SAMPLING): Record<K, number[]> {
	const names = Object.keys(operations) as K[];
	const calls = Object.fromEntries(names.map((name) => [name, callsPerSample(operations[name])])) as Record<K, number>;
	const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
	for (let round = 0; round < sampling.warmup + sampling.runs; round++) {
		// Alternate which side goes first so neither always runs on a freshly collected heap.
		const order = round % 2 ? [...names].reverse() : names;
		for (const name of order) {
			const msPerCall = sampleMsPerCall(operations[name], calls[name]);
			if (round >= sampling.warmup) samples[name].push(msPerCall);
		}
	}
	return samples;
}

/** Every run's result of each asynchronous operation (warm-up runs dropped), runs alternating between the operations. */
export async function interleave<K extends string, R>(operations: Record<K, () => Promise<R>>, sampling: SamplingOptions): Promise<Record<K, R[]>> {
	const names = Object.keys(operations) as K[];
	const samples = Object.fromEntries(names.map((name) => [name, [] as R[]])) as Record<K, R[]>;
	for (let round = 0; round < sampling.warmup + sampling.runs; round++) {
		const order = round % 2 ? [...names].reverse() : names;
		for (const name of order) {
			const value = await operations[name]();
			if (round >= sampling.warmup) samples[name].push(value);
		}
	}
	return samples;
}

/** The `percentile` (0-100) of the values, nearest rank. */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) throw new Error('percentile of no values');
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * Starts `send` `perSecond` times a second for `seconds`, on a fixed schedule whatever the answers do (an open loop,
 * as buyers and Meta's senders arrive); resolves with every answer, in the order sent.
 */
export async function atRate<R>(perSecond: number, seconds: number, send: () => Promise<R>): Promise<R[]> {
	const pending: Array<Promise<R>> = [];
	const start = performance.now();
	for (let i = 0; i < perSecond * seconds; i++) {
		const wait = start + (i * 1000) / perSecond - performance.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		pending.push(send());
	}
	return Promise.all(pending);
}

/** Wall-clock milliseconds of one asynchronous call. */
export async function timeOnce(operation: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await operation();
	return performance.now() - start;
}
