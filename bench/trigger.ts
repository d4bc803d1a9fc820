/**
 * Issue 7, part 1: the trigger's hot path on Meta's largest delivery (1000 updates in one POST),
 * against the least any receiver must do with it: one HMAC-SHA256 over the raw bytes and one JSON.parse;
 * and the part of that path that is the trigger's own inside n8n (n8n parses the body before the trigger runs).
 */
import { createHmac } from 'crypto';

import { parseWebhook, signBody, verifySignature } from '../core';
import { figureOf, pairedRatio, roundRatios, sampleSync } from './measure';
import { BenchResult } from './report';
import { paymentBatchBody } from './workloads';

const UPDATES_PER_BATCH = 1000;
const APP_SECRET = 'bench-app-secret';
/**
 * A batch takes 5-10 ms and allocates megabytes, so a collection of the old generation (several ms) lands in a
 * few samples only: single rounds' ratios ranged 0.8-1.8. Many rounds keep the median of them steady.
 */
const SAMPLING = { warmup: 5, runs: 61 };

export function benchTriggerPath(): BenchResult[] {
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
	const ownMs = { ours: figureOf(own.ownPart), limit: figureOf(own.limit) };
	const ownRatio = pairedRatio(own.ownPart, own.limit);

	const samples = sampleSync({ ours, limit }, SAMPLING);
	const ms = { ours: figureOf(samples.ours), limit: figureOf(samples.limit) };
	const ratio = pairedRatio(samples.ours, samples.limit);
	const sortedRatios = roundRatios(samples.ours, samples.limit).sort((a, b) => a - b);
	const quartiles = [0, 0.25, 0.75, 1].map((q) => sortedRatios[Math.round(q * (sortedRatios.length - 1))].toFixed(2));
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
				`one ${(rawBody.length / 1024).toFixed(0)} KB signed POST body with ${UPDATES_PER_BATCH} payment status updates; ours = the whole path of a delivery: core verifySignature, then parseWebhook of the body text (JSON.parse, n8n's inside n8n, then one event per update with amounts, dedupe key, ISO times);` +
				' limit = one HMAC-SHA256 over the raw body + JSON.parse, the least any receiver must do. Sampled in alternating rounds; the ratio is the median of the rounds\' ratios ' +
				`(${samples.ours.length} rounds; round ratios: least ${quartiles[0]}, quartiles ${quartiles[1]} and ${quartiles[2]}, most ${quartiles[3]}). Meta wants a webhook answered in a median 250 ms.`,
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
				`Sampled like the row above (${own.ownPart.length} alternating rounds, the median of the rounds' ratios).`,
		},
	];
}
