/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Queue mode (docs/scaling.md): what a second webhook process and a second worker buy on this machine.
 * One queue-mode instance (`bash scripts/queue.sh <dir>`: Postgres, Redis, main, 1 then 2 workers, 2 webhook
 * processes, the sandbox in its own process) serves both measurements; each row's baseline is the same
 * work with one process of the kind:
 * - deliveries/s: signed single-payment deliveries answered by the trigger (a published workflow with the
 *   trigger alone), all sent to webhook process 1 vs spread round-robin over both, 16 in flight;
 * - bills/s: bills sent by workflows on the workers (webhook -> split -> Send Order Details, unthrottled),
 *   counted until the last execution finished, with the instance's one worker vs after a second one joined.
 */
import { spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { createInterface } from 'readline';

import { signBody } from '../core';
import { deployWorkflow } from '../scripts/n8n-api';
import { billingWorkflow, inParallel, ordersOf, postToWebhook, readQueueInstance, startWorker, waitForExecutionsDone, type QueueInstance } from '../scripts/queue-mode';
import { TRIGGER_TYPE, type WorkflowFile } from '../scripts/workflows';
import { messagesChange, paymentStatus, webhookBody } from '../test/fixtures/webhooks';
import { TRIGGER_VERSION } from './intake';
import { n8nNodeModules, PACKAGE_ROOT } from './paths';
import { BenchResult } from './report';

const DELIVERIES = 600;
const BILL_BATCHES = 20;
const BILLS_PER_BATCH = 20;
const IN_FLIGHT = 16;

type Log = (message: string) => void;

/** Starts the instance; resolves with it once ready, and a stop() that ends every process it started. */
async function startQueueInstance(log: Log): Promise<{ dir: string; instance: QueueInstance; stop: () => Promise<void> }> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-queue-'));
	const child = spawn('bash', [path.join(PACKAGE_ROOT, 'scripts', 'queue.sh'), dir], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, QUEUE_WORKERS: '1' } });
	child.stderr.on('data', (chunk: Buffer) => {
		for (const line of chunk.toString('utf8').split('\n')) if (line.startsWith('[n8n')) log(`  ${line}`);
	});
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	const ready = await new Promise<string>((resolve, reject) => {
		createInterface({ input: child.stdout }).on('line', (line) => line.startsWith('ready ') && resolve(line.slice('ready '.length)));
		void exited.then(() => reject(new Error(`scripts/queue.sh exited before the instance was ready (state in ${dir})`)));
	});
	const stop = async () => {
		child.stdin.end();
		await exited;
		rmSync(dir, { recursive: true, force: true });
	};
	return { dir, instance: readQueueInstance(path.dirname(ready)), stop };
}

/** A workflow with the trigger alone (the version a user adds today, no lookup), on the Cloud API credential (signed deliveries). */
const triggerOnly = (): WorkflowFile => ({
	name: 'Bench: trigger only',
	nodes: [
		{
			name: 'Payment',
			type: TRIGGER_TYPE,
			typeVersion: TRIGGER_VERSION,
			position: [0, 0],
			webhookId: '0b1e00be-0000-4000-8000-0000000000aa',
			parameters: { events: ['payment_status'], confirmWithLookup: false, options: {} },
			credentials: { whatsAppPaymentsApi: { id: null, name: 'WhatsApp Payments (Cloud API)' } },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
});

/** `count` distinct signed deliveries of one captured payment each. */
function signedDeliveries(count: number, prefix: string, appSecret: string): Array<{ body: Buffer; signature: string }> {
	return Array.from({ length: count }, (_, n) => {
		const status = paymentStatus({ referenceId: `${prefix}-${n}`, messageId: `wamid.${prefix}${n}`, transactionId: `pay_${prefix}${n}`, amountMinor: 100 + n });
		const body = Buffer.from(JSON.stringify(webhookBody([[messagesChange({ statuses: [status] })]])), 'utf8');
		return { body, signature: signBody(body, appSecret) };
	});
}

/** Deliveries/s with the deliveries spread over `urls`. */
async function deliveriesPerSecond(urls: string[], deliveries: Array<{ body: Buffer; signature: string }>): Promise<number> {
	const started = performance.now();
	await inParallel(deliveries, IN_FLIGHT, async ({ body, signature }, i) => {
		const status = await postToWebhook(urls[i % urls.length], body, { 'x-hub-signature-256': signature });
		if (status !== 200) throw new Error(`delivery ${i}: HTTP ${status}`);
	});
	return deliveries.length / ((performance.now() - started) / 1000);
}

/** Bills/s: a fresh billing workflow, its batches spread over the webhook processes, until all its executions are done. */
async function billsPerSecond(instance: QueueInstance, label: string): Promise<number> {
	const slug = label.replace(/\W+/g, '-');
	const deployed = await deployWorkflow(instance, billingWorkflow(`Bench: bills (${label})`, `bench/bills-${slug}`, { maxRequestsPerSecond: 0 }));
	const started = performance.now();
	const batches = Array.from({ length: BILL_BATCHES }, (_, b) => Array.from({ length: BILLS_PER_BATCH }, (__, i) => `BQ-${slug}-${Date.now().toString(36)}-${b}-${i}`));
	await inParallel(batches, 4, async (batch, b) => {
		const status = await postToWebhook(`${instance.webhookUrls[b % instance.webhookUrls.length]}/webhook/bench/bills-${slug}`, JSON.stringify(ordersOf(batch)));
		if (status !== 200) throw new Error(`batch ${b}: HTTP ${status}`);
	});
	const byStatus = await waitForExecutionsDone(instance, deployed.id, BILL_BATCHES, 300_000);
	if (byStatus.success !== BILL_BATCHES) throw new Error(`bills (${label}): executions ${JSON.stringify(byStatus)}`);
	return (BILL_BATCHES * BILLS_PER_BATCH) / ((performance.now() - started) / 1000);
}

const DELIVERIES_NAME = 'Queue mode: payment deliveries answered, 2 webhook processes vs 1';
const BILLS_NAME = 'Queue mode: bills sent by workflows on the workers, 2 workers vs 1';

export async function benchQueueMode(log: Log): Promise<BenchResult[]> {
	n8nNodeModules(); // bench/run.ts installed n8n first; this fails loudly if it is not there
	const { dir, instance, stop } = await startQueueInstance(log);
	try {
		const trigger = await deployWorkflow(instance, triggerOnly());
		const path0 = new URL(trigger.webhooks[0].url).pathname;
		const urls = instance.webhookUrls.map((base) => `${base}${path0}`);
		await deliveriesPerSecond(urls, signedDeliveries(50, 'warm', instance.appSecret));
		const one = await deliveriesPerSecond(urls.slice(0, 1), signedDeliveries(DELIVERIES, 'one', instance.appSecret));
		const two = await deliveriesPerSecond(urls, signedDeliveries(DELIVERIES, 'two', instance.appSecret));
		await waitForExecutionsDone(instance, trigger.id, 50 + 2 * DELIVERIES, 300_000);

		const oneWorker = await billsPerSecond(instance, '1 worker');
		log('  starting a second worker');
		await startWorker(dir, instance, 'worker-2');
		const twoWorkers = await billsPerSecond(instance, '2 workers');
		return [
			{
				name: DELIVERIES_NAME,
				ours: two,
				baseline: one,
				unit: 'deliveries/s',
				ratio: two / one,
				goal: 'informational (2 cores shared by every process)',
				pass: null,
				note: `${DELIVERIES} signed single-payment deliveries, ${IN_FLIGHT} in flight, to a published workflow with the trigger alone (verify, parse, deduplicate, enqueue; the workers run the executions meanwhile); baseline: all to webhook process 1, ours: round-robin over both; one run each, so no spread over runs.`,
			},
			{
				name: BILLS_NAME,
				ours: twoWorkers,
				baseline: oneWorker,
				unit: 'bills/s',
				ratio: twoWorkers / oneWorker,
				goal: 'informational (2 cores shared by every process)',
				pass: null,
				note: `${BILL_BATCHES} webhook calls of ${BILLS_PER_BATCH} orders over both webhook processes -> Split Out -> Send Order Details (unthrottled) on the workers, timed until the last execution finished; baseline: the instance's one worker, ours: after a second worker joined; one run each, so no spread over runs.`,
			},
		];
	} finally {
		await stop();
	}
}
