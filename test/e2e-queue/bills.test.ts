/**
 * Bills sent by workflows on the workers: 50 orders batches of 10 arrive round-robin at the two webhook
 * processes, the workers run Send Order Details with the credential they decrypt with the shared key,
 * and the sandbox fails 20 % of all API requests (HTTP 500 and connection resets). Every bill arrives
 * exactly once: the retry policy looks a bill up before it resends it.
 */
import { deployWorkflow, sandboxPost } from '../../scripts/n8n-api';
import { billingWorkflow, executionsByStatus, executionsPerWorker, inParallel, isBillSend, ordersOf, postToWebhook, queueInstance, report, sandboxRequests, sql, waitForExecutionsDone } from './support';

const BATCHES = 50;
const PER_BATCH = 10;
const instance = queueInstance();

afterAll(async () => {
	await sandboxPost(instance.sandboxUrl, '/_sandbox/faults', { errorRate: 0, resetRate: 0 });
});

test('500 bills from workflows on the workers, 20 % of API requests failing: 0 lost, 0 duplicated', async () => {
	const deployed = await deployWorkflow(instance, billingWorkflow('Queue e2e: bills under faults', 'queue-e2e/bills', { maxRetries: 8, initialRetryDelayMs: 20, maxRequestsPerSecond: 0, lookupLagBoundMs: 200 }));
	const prefix = `QB-${Date.now().toString(36)}`;
	const batches = Array.from({ length: BATCHES }, (_, b) => Array.from({ length: PER_BATCH }, (__, i) => `${prefix}-${b * PER_BATCH + i}`));
	const refs = batches.flat();
	const logStart = sandboxRequests().length;
	await sandboxPost(instance.sandboxUrl, '/_sandbox/faults', { errorRate: 0.1, resetRate: 0.1, seed: 1414 });
	const started = Date.now();
	await inParallel(batches, 4, async (batch, b) => {
		const url = `${instance.webhookUrls[b % instance.webhookUrls.length]}/webhook/queue-e2e/bills`;
		expect(await postToWebhook(url, JSON.stringify(ordersOf(batch)))).toBe(200);
	});
	const byStatus = await waitForExecutionsDone(instance, deployed.id, BATCHES, 1_200_000);
	const seconds = (Date.now() - started) / 1000;
	await sandboxPost(instance.sandboxUrl, '/_sandbox/faults', { errorRate: 0, resetRate: 0 });
	expect(byStatus).toEqual({ success: BATCHES });

	const log = sandboxRequests().slice(logStart);
	const ours = new Set(refs);
	const accepted = new Map<string, number>();
	for (const r of log) if (isBillSend(r) && r.ref && ours.has(r.ref) && r.status === '200') accepted.set(r.ref, (accepted.get(r.ref) ?? 0) + 1);
	const faulted = log.filter((r) => r.fault !== undefined).length;
	const lost = refs.filter((ref) => !accepted.has(ref));
	const duplicated = refs.filter((ref) => (accepted.get(ref) ?? 0) > 1);
	const refusedAsReused = log.filter((r) => isBillSend(r) && r.ref && ours.has(r.ref) && r.status === '400').length;
	expect(faulted).toBeGreaterThan(50);
	expect(lost).toEqual([]);
	expect(duplicated).toEqual([]);
	expect(refusedAsReused).toBe(0);
	const orders = ((await (await fetch(`${instance.sandboxUrl}/_sandbox/orders`)).json()) as { data: Array<{ reference_id: string; messages: unknown[] }> }).data;
	const stored = orders.filter((o) => ours.has(o.reference_id));
	expect(stored).toHaveLength(refs.length);
	expect(stored.every((o) => o.messages.length === 1)).toBe(true);

	// The workers ran them (both of them), decrypting the credential with the shared key.
	const executionIds = new Set(sql(instance, 'n8n', `SELECT id FROM execution_entity WHERE "workflowId" = '${deployed.id}'`).map(([id]) => id));
	const perWorker = executionsPerWorker(executionIds);
	expect(Object.values(perWorker).reduce((a, b) => a + b, 0)).toBe(BATCHES);
	expect(Object.values(perWorker).filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
	expect(executionsByStatus(instance, deployed.id)).toEqual({ success: BATCHES });

	report('bills', {
		bills: refs.length,
		apiRequests: log.length,
		faultsInjected: faulted,
		lost: lost.length,
		duplicated: duplicated.length,
		executionsPerWorker: perWorker,
		billsPerSecond: Math.round(refs.length / seconds),
	});
});
