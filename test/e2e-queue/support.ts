/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * What the queue-mode e2e tests share besides scripts/queue-mode.ts: the instance started by
 * scripts/e2e-queue.sh (n8n main, workers and webhook processes on Postgres and Redis), the sandbox's full
 * request log, bills sent straight to the sandbox, the workers' logs, and the results file the script prints.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { buildOrderDetailsMessage } from '../../core';
import { SANDBOX_CREDENTIALS, SANDBOX_PHONE_NUMBER_ID, SANDBOX_TOKEN } from '../../scripts/n8n-api';
import { readQueueInstance, startWorker, type QueueInstance, type QueueProcess } from '../../scripts/queue-mode';
import type { WorkflowFile } from '../../scripts/workflows';

export { billingWorkflow, executionsByStatus, inParallel, ordersOf, postToWebhook, sql, waitForExecutionsDone } from '../../scripts/queue-mode';

export function stateDir(): string {
	const dir = process.env.E2E_STATE;
	if (!dir) throw new Error('E2E_STATE is not set: run these tests with `bash scripts/e2e-queue.sh` (it starts n8n in queue mode)');
	return dir;
}

export const queueInstance = (): QueueInstance => readQueueInstance(stateDir());

/** A line of the sandbox's request log (sandbox.log: every API request it answered, none left out). */
export interface LoggedRequest {
	method: string;
	path: string;
	status: string;
	type?: string;
	ref?: string;
	fault?: string;
}

export function sandboxRequests(): LoggedRequest[] {
	return readFileSync(join(stateDir(), 'sandbox.log'), 'utf8')
		.split('\n')
		.flatMap((line) => {
			const m = /^\S+Z (GET|POST|DELETE|PUT) (\S+) (\S+)(.*)$/.exec(line);
			if (!m) return [];
			const rest = m[4];
			return [
				{
					method: m[1],
					path: m[2],
					status: m[3],
					type: /\b(order_details|order_status)\b/.exec(rest)?.[1],
					ref: / ref=(\S+)/.exec(rest)?.[1],
					fault: / fault=(\S+)/.exec(rest)?.[1],
				},
			];
		});
}

export const isBillSend = (r: LoggedRequest) => r.method === 'POST' && r.path.endsWith('/messages') && r.type === 'order_details';

/** Binds every WhatsApp Payments credential of a workflow to the Cloud API sandbox credential. */
export function onCloudApi(workflow: WorkflowFile): void {
	for (const node of workflow.nodes) {
		if (node.credentials?.whatsAppPaymentsApi) node.credentials.whatsAppPaymentsApi = { id: null, name: SANDBOX_CREDENTIALS.cloudApi };
	}
}

/** An India Razorpay bill, built by the core as the node would, sent straight to the sandbox (as the shop's earlier system would). */
export async function sendBillDirectly(instance: QueueInstance, referenceId: string): Promise<void> {
	for (;;) {
		const response = await postBill(instance, referenceId);
		const text = await response.text();
		if (response.ok) return;
		// Over the number's 80 messages/s: wait and send again, as Meta advises (nothing was sent).
		if (!text.includes('130429')) throw new Error(`bill ${referenceId}: HTTP ${response.status} ${text}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function postBill(instance: QueueInstance, referenceId: string): Promise<Response> {
	return await fetch(`${instance.sandboxUrl}/v23.0/${SANDBOX_PHONE_NUMBER_ID}/messages`, {
		method: 'POST',
		headers: { authorization: `Bearer ${SANDBOX_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(
			buildOrderDetailsMessage({
				to: '919876543210',
				market: 'india',
				referenceId,
				catalogId: 'catalog-1',
				items: [{ retailerId: 'tea', name: 'Masala tea', amount: 100, quantity: 2 }],
				payment: { type: 'payment_gateway', gateway: 'razorpay', configurationName: 'razorpay-sandbox' },
				tax: { amount: 18 },
				body: `Your bill for ${referenceId}`,
			}),
		),
	});
}

/** The workers' logs (replacements included): how many of these executions each started ("Worker started execution <id>"). */
export function executionsPerWorker(executionIds: Set<string>): Record<string, number> {
	return Object.fromEntries(
		readdirSync(stateDir())
			.filter((file) => /^worker-.*\.log$/.test(file))
			.map((file) => {
				const started = [...readFileSync(join(stateDir(), file), 'utf8').matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
				return [file.replace(/\.log$/, ''), started.filter((id) => executionIds.has(id)).length];
			}),
	);
}

/** The worker that started execution `id`, from the logs. */
export function workerOf(instance: QueueInstance, id: string): QueueProcess | undefined {
	return instance.processes.find((p) => p.role === 'worker' && new RegExp(`Worker started execution ${id} `).test(readFileSync(p.log, 'utf8')));
}

/** Starts a replacement for a worker that died, as an orchestrator would (scripts/e2e-queue.sh stops it at the end). */
export async function startReplacementWorker(instance: QueueInstance, dead: QueueProcess): Promise<QueueProcess> {
	const replacement = await startWorker(stateDir(), instance, `${dead.name}-replacement`);
	instance.processes = instance.processes.map((p) => (p === dead ? replacement : p));
	return replacement;
}

/** Adds one section of measured counts to the results file that scripts/e2e-queue.sh prints. */
export function report(section: string, counts: Record<string, unknown>): void {
	const file = join(stateDir(), 'queue-results.json');
	const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
	writeFileSync(file, JSON.stringify({ ...results, [section]: counts }, null, 2));
}
