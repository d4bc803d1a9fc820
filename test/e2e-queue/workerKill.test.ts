/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * A worker killed (SIGKILL) while its execution sends bills. What n8n 2.41 does with the job: once its
 * lock expires Bull (maxStalledCount 0) fails the stalled job, nobody re-runs it, and the process that
 * enqueued it marks the execution failed ("failed to be processed too many times"), or, when that process
 * is gone too, the leader's queue recovery marks it crashed. Retrying it runs no node (measured here), so
 * the orders are sent again, the same webhook call: the workflow from its start. With "Skip
 * Orders Already Sent" the re-run sends only the bills that were not sent; without it, it sends the others
 * again (the sandbox refuses a reused reference_id; whether Meta does is UNCONFIRMED).
 */
import { readdirSync, readFileSync } from 'fs';

import { deployWorkflow, N8nApi, waitFor } from '../../scripts/n8n-api';
import {
	billingWorkflow,
	executionsByStatus,
	isBillSend,
	ordersOf,
	postToWebhook,
	queueInstance,
	report,
	sandboxRequests,
	sql,
	startReplacementWorker,
	waitForExecutionsDone,
	workerOf,
} from './support';

/** At 8 bills/s the run lasts about 15 s: the worker is killed after the first tenth, whatever the load's polling delay. */
const ORDERS = 120;
const instance = queueInstance();
const api = new N8nApi(instance.n8nUrl, instance.apiKey);

/** A process and all its descendants (n8n's task runners), deepest first; from /proc (a fresh Debian has no `ps`). */
function withDescendants(pid: number): number[] {
	const children = readdirSync('/proc')
		.filter((entry) => /^\d+$/.test(entry))
		.filter((entry) => {
			try {
				// stat: "pid (comm) state ppid ...": the command name may hold spaces, so read after its last ')'.
				const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
				return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
			} catch {
				return false; // it exited meanwhile
			}
		})
		.map(Number);
	return [...children.flatMap(withDescendants), pid];
}

/** Accepted and refused bill sends per reference, from the sandbox's request log. */
function sendsPerReference(refs: string[], fromLine: number) {
	const ours = new Set(refs);
	const accepted = new Map<string, number>();
	let refused = 0;
	for (const r of sandboxRequests().slice(fromLine)) {
		if (!isBillSend(r) || !r.ref || !ours.has(r.ref)) continue;
		if (r.status === '200') accepted.set(r.ref, (accepted.get(r.ref) ?? 0) + 1);
		else if (r.status === '400') refused++;
	}
	return { accepted, refused };
}

async function killMidRun(skipOrdersAlreadySent: boolean) {
	const label = skipOrdersAlreadySent ? 'with' : 'without';
	const path = `queue-e2e/kill-${label}`;
	const options = { maxRequestsPerSecond: 8, initialRetryDelayMs: 20, skipOrdersAlreadySent };
	const deployed = await deployWorkflow(instance, billingWorkflow(`Queue e2e: a worker killed mid-run (${label} Skip Orders Already Sent)`, path, options));
	const prefix = `QK-${label}-${Date.now().toString(36)}`;
	const refs = Array.from({ length: ORDERS }, (_, i) => `${prefix}-${i}`);
	const logStart = sandboxRequests().length;
	expect(await postToWebhook(`${instance.webhookUrls[0]}/webhook/${path}`, JSON.stringify(ordersOf(refs)))).toBe(200);

	// Mid-run: a tenth of the bills sent, then the worker running it dies with its task runners.
	const executionId = await waitFor('the execution to start on a worker and send a tenth of its bills', 300_000, async () => {
		const [row] = sql(instance, 'n8n', `SELECT id FROM execution_entity WHERE "workflowId" = '${deployed.id}'`);
		return row && workerOf(instance, row[0]) && sendsPerReference(refs, logStart).accepted.size >= ORDERS / 10 ? row[0] : undefined;
	});
	const worker = workerOf(instance, executionId)!;
	for (const pid of withDescendants(worker.pid)) process.kill(pid, 'SIGKILL');
	const killedAt = Date.now();

	// What n8n does: wait for the execution to leave "running"; meanwhile an orchestrator replaces the worker.
	let endedAfterSeconds = 0;
	const [status] = await Promise.all([
		waitFor('the killed execution to end', 600_000, async () => {
			const [row] = sql(instance, 'n8n', `SELECT status FROM execution_entity WHERE id = ${Number(executionId)}`);
			endedAfterSeconds = Math.round((Date.now() - killedAt) / 1000);
			return row && !['new', 'running'].includes(row[0]) ? row[0] : undefined;
		}),
		startReplacementWorker(instance, worker),
	]);
	// Counted now, when every request the killed worker had in flight has long arrived or failed.
	const sentBeforeKill = sendsPerReference(refs, logStart).accepted.size;
	// The dead worker is no longer among the processes: did any other one start the same execution, or another one?
	const rerunByAnotherWorker = workerOf(instance, executionId) !== undefined;
	expect(status).toBe('error');
	expect(rerunByAnotherWorker).toBe(false);
	expect(executionsByStatus(instance, deployed.id)).toEqual({ error: 1 });
	expect(sentBeforeKill).toBeLessThan(ORDERS);

	// The user retries it (Executions -> Retry; here the public API). In n8n 2.41 the retry of a job failed
	// as stalled runs no node: it ends with the same error. So the orders are sent again the way a shop
	// re-runs a failed batch: the same webhook call, here to the other webhook process.
	const beforeRetry = sendsPerReference(refs, logStart).accepted.size;
	await api.request('POST', `/executions/${executionId}/retry`, { loadWorkflow: false });
	await waitForExecutionsDone(instance, deployed.id, 2, 600_000);
	const [retryStatus] = sql(instance, 'n8n', `SELECT status FROM execution_entity WHERE "retryOf" = '${executionId}'`).map(([s]) => s);
	const sentByRetry = sendsPerReference(refs, logStart).accepted.size - beforeRetry;
	expect(await postToWebhook(`${instance.webhookUrls[1]}/webhook/${path}`, JSON.stringify(ordersOf(refs)))).toBe(200);
	await waitForExecutionsDone(instance, deployed.id, 3, 600_000);
	const [rerunStatus] = sql(instance, 'n8n', `SELECT status FROM execution_entity WHERE "workflowId" = '${deployed.id}' AND mode = 'webhook' ORDER BY id DESC LIMIT 1`).map(([s]) => s);
	const { accepted, refused } = sendsPerReference(refs, logStart);
	return {
		orders: ORDERS,
		sentBeforeKill,
		afterKill: `${status === 'error' ? 'failed ("failed to be processed too many times")' : status}, not re-run, after ${endedAfterSeconds} s`,
		retry: `${retryStatus}, ${sentByRetry} bills sent`,
		rerun: rerunStatus,
		sentTwice: [...accepted.values()].filter((n) => n > 1).length,
		resendsRefusedAsReusedReference: refused,
		lost: refs.filter((ref) => !accepted.has(ref)).length,
	};
}

test('worker SIGKILLed mid-run, the orders sent again, with Skip Orders Already Sent: no bill sent twice, none lost', async () => {
	const counts = await killMidRun(true);
	report('workerKilledWithSkipOrdersAlreadySent', counts);
	expect(counts).toMatchObject({ rerun: 'success', sentTwice: 0, resendsRefusedAsReusedReference: 0, lost: 0 });
});

test('the same without the option: the re-run sends the bills already sent again (the sandbox refuses them) and stops', async () => {
	const counts = await killMidRun(false);
	report('workerKilledWithoutTheOption', counts);
	expect(counts.sentTwice).toBe(0);
	expect(counts.resendsRefusedAsReusedReference).toBeGreaterThan(0);
	expect(counts.rerun).toBe('error');
});
