/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Issue 7, part 1: the trigger's hot path on Meta's largest delivery (1000 updates in one POST),
 * against the least any receiver must do with it: one HMAC-SHA256 over the raw bytes and one JSON.parse;
 * and the part of that path that is the trigger's own inside n8n (n8n parses the body before the trigger runs).
 */
import { execFileSync } from 'child_process';
import { createHmac } from 'crypto';

import { parseWebhook, signBody, verifySignature } from '../core';
import { figureOf, pairedRatio, roundRatios, sampleSync } from './measure';
import { BenchResult } from './report';
import { paymentBatchBody } from './workloads';

const UPDATES_PER_BATCH = 1000;
const APP_SECRET = 'bench-app-secret';
/**
 * A batch takes 5-10 ms and allocates megabytes, so a collection of the old generation (several ms) lands in a
 * few samples only: single rounds' ratios range from about 0.7 to 2. Many rounds keep the median of them steady.
 */
const SAMPLING = { warmup: 5, runs: 41 };
/**
 * Processes the rounds run in. Fresh processes running the same code gave medians from 1.13 to 1.28 (where V8 lays
 * out the heap and what it compiles differ per process, as JMH forks the JVM for the same reason): the row pools the
 * rounds of several.
 */
const FORKS = 5;
/** A fork takes 10-40 s; one that hangs fails the bench instead of holding it. */
const FORK_TIMEOUT_MS = 10 * 60_000;

/** One fork's kept samples (ms per batch), round i of each side at index i. */
interface ForkSamples {
	whole: { ours: number[]; limit: number[] };
	own: { ownPart: number[]; limit: number[] };
	bodyBytes: number;
}

/** The rounds of one process: the trigger's path and its own part, each against the limit. */
function sampleFork(): ForkSamples {
	const rawBody = paymentBatchBody(UPDATES_PER_BATCH);
	const signature = signBody(rawBody, APP_SECRET);

	// What the trigger node does with a delivery: check the signature, then parse and normalize the text.
	const ours = () => {
		if (!verifySignature(rawBody, signature, APP_SECRET)) throw new Error('bench body does not verify');
		return parseWebhook(rawBody.toString('utf8'));
	};
	const limit = () => {
		createHmac('sha256', APP_SECRET).update(rawBody).digest();
		return JSON.parse(rawBody.toString('utf8'));
	};

	const events = ours();
	const notPayments = events.filter((event) => event.kind !== 'payment_status');
	if (events.length !== UPDATES_PER_BATCH || notPayments.length)
		throw new Error(`parseWebhook gave ${events.length} events (${notPayments.length} not payment_status) for ${UPDATES_PER_BATCH} updates`);

	// Inside n8n the JSON.parse is n8n's: it parses every JSON webhook body before the trigger runs, and the trigger reads
	// that parse (nodes/WhatsAppPaymentsTrigger/body.ts). What is left of the path is the trigger's own part.
	const parsedByN8n = JSON.parse(rawBody.toString('utf8')) as unknown;
	const ownPart = () => {
		if (!verifySignature(rawBody, signature, APP_SECRET)) throw new Error('bench body does not verify');
		return parseWebhook(parsedByN8n);
	};
	const own = sampleSync({ ownPart, limit }, SAMPLING);
	const whole = sampleSync({ ours, limit }, SAMPLING);
	return { whole, own, bodyBytes: rawBody.length };
}

/** The least, the quartiles and the most of a list of ratios, as a row's note writes them. */
function ratioSpread(ratios: number[]): string {
	const sorted = [...ratios].sort((a, b) => a - b);
	const [least, lower, upper, most] = [0, 0.25, 0.75, 1].map((q) => sorted[Math.round(q * (sorted.length - 1))].toFixed(2));
	return `least ${least}, quartiles ${lower} and ${upper}, most ${most}`;
}

export function benchTriggerPath(): BenchResult[] {
	const forks: ForkSamples[] = Array.from({ length: FORKS }, () => JSON.parse(execFileSync(process.execPath, [__filename], { encoding: 'utf8', timeout: FORK_TIMEOUT_MS })) as ForkSamples);
	const pooled = (pick: (fork: ForkSamples) => number[]) => forks.flatMap(pick);
	const whole = { ours: pooled((f) => f.whole.ours), limit: pooled((f) => f.whole.limit) };
	const own = { ownPart: pooled((f) => f.own.ownPart), limit: pooled((f) => f.own.limit) };
	const forkMedians = (pick: (fork: ForkSamples) => [number[], number[]]) => forks.map((f) => pairedRatio(...pick(f)).toFixed(2)).join(', ');
	const ms = { ours: figureOf(whole.ours), limit: figureOf(whole.limit) };
	const ownMs = { ours: figureOf(own.ownPart), limit: figureOf(own.limit) };
	const ratio = pairedRatio(whole.ours, whole.limit);
	const ownRatio = pairedRatio(own.ownPart, own.limit);
	const rounds = `${whole.ours.length} alternating rounds in ${FORKS} fresh processes`;
	return [
		{
			name: `Trigger path: verify + parse + normalize ${UPDATES_PER_BATCH} payment updates`,
			ours: ms.ours.median,
			baseline: ms.limit.median,
			unit: 'ms per batch',
			ratio,
			goal: 'ours / limit <= 1.2',
			pass: ratio <= 1.2,
			spread: { ours: ms.ours.spread, baseline: ms.limit.spread },
			note:
				`one ${(forks[0].bodyBytes / 1024).toFixed(0)} KB signed POST body with ${UPDATES_PER_BATCH} payment status updates; ours = the whole path of a delivery: core verifySignature, then parseWebhook of the body text (JSON.parse, n8n's inside n8n, then one event per update with amounts, dedupe key, ISO times);` +
				' limit = one HMAC-SHA256 over the raw body + JSON.parse, the least any receiver must do. The ratio is the median of the rounds\' ratios ' +
				`(${rounds}; round ratios: ${ratioSpread(roundRatios(whole.ours, whole.limit))}; each process's median: ${forkMedians((f) => [f.whole.ours, f.whole.limit])}). Meta wants a webhook answered in a median 250 ms.`,
		},
		{
			name: `Trigger path, the trigger's own part: verify + normalize ${UPDATES_PER_BATCH} payment updates n8n parsed`,
			ours: ownMs.ours.median,
			baseline: ownMs.limit.median,
			unit: 'ms per batch',
			ratio: ownRatio,
			goal: 'informational: the part of the path above that is the trigger\'s own inside n8n',
			pass: null,
			spread: { ours: ownMs.ours.spread, baseline: ownMs.limit.spread },
			note:
				'the same body and limit; ours = core verifySignature on the raw bytes, then parseWebhook of the body as n8n parsed it: n8n parses every JSON webhook body ' +
				'before a trigger runs (any webhook node pays it), and the trigger reads that parse instead of parsing the bytes again (nodes/WhatsAppPaymentsTrigger/body.ts). ' +
				`Sampled like the row above (${rounds}, the median of the rounds' ratios; each process's median: ${forkMedians((f) => [f.own.ownPart, f.own.limit])}).`,
		},
	];
}

// A fork: its rounds as JSON on stdout.
if (require.main === module) process.stdout.write(JSON.stringify(sampleFork()));
