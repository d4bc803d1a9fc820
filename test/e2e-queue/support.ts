/**
 * What the queue-mode e2e tests share: the instance started by scripts/e2e-queue.sh (n8n main, workers and
 * webhook processes on Postgres and Redis), SQL on its databases, the sandbox's full request log, bills
 * sent straight to the sandbox, and the results file the script prints at the end.
 */
import { execFileSync, spawn } from 'child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { SANDBOX_CREDENTIALS, SANDBOX_PHONE_NUMBER_ID, SANDBOX_TOKEN, waitFor } from '../../scripts/n8n-api';
import { readQueueInstance, type QueueInstance, type QueueProcess } from '../../scripts/queue-setup';
import type { WorkflowFile } from '../../scripts/workflows';

export function stateDir(): string {
	const dir = process.env.E2E_STATE;
	if (!dir) throw new Error('E2E_STATE is not set: run these tests with `bash scripts/e2e-queue.sh` (it starts n8n in queue mode)');
	return dir;
}

export const queueInstance = (): QueueInstance => readQueueInstance(stateDir());

/** Runs SQL with psql on the instance's Postgres (database `n8n` is n8n's own, `shop` the merchant's); rows as arrays of columns. */
export function sql(instance: QueueInstance, database: 'n8n' | 'shop', query: string): string[][] {
	const { host, port, user } = instance.postgres;
	const out = execFileSync('psql', ['-h', host, '-p', String(port), '-U', user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-qAtF', '\t', '-c', query], { encoding: 'utf8' });
	return out
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => line.split('\t'));
}

/** Executions of a workflow by status, from n8n's database (the public API pages 250 at a time). */
export function executionsByStatus(instance: QueueInstance, workflowId: string): Record<string, number> {
	const rows = sql(instance, 'n8n', `SELECT status, count(*) FROM execution_entity WHERE "workflowId" = '${workflowId.replace(/'/g, "''")}' GROUP BY status`);
	return Object.fromEntries(rows.map(([status, count]) => [status, Number(count)]));
}

const UNFINISHED = ['new', 'running', 'waiting'];

/** Waits until the workflow has at least `count` executions and none unfinished, stable over two polls. */
export async function waitForExecutionsDone(instance: QueueInstance, workflowId: string, count: number, timeoutMs: number): Promise<Record<string, number>> {
	let previous = '';
	return await waitFor(`${count} finished executions of workflow ${workflowId}`, timeoutMs, async () => {
		const byStatus = executionsByStatus(instance, workflowId);
		const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
		const done = total >= count && UNFINISHED.every((s) => !byStatus[s]);
		const key = JSON.stringify(byStatus);
		const stable = done && key === previous;
		previous = key;
		return stable ? byStatus : undefined;
	});
}

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

/** An India Razorpay bill as the Cloud API takes it (sent straight to the sandbox, as the shop's earlier system would). */
export function billMessage(referenceId: string): Record<string, unknown> {
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: '919876543210',
		type: 'interactive',
		interactive: {
			type: 'order_details',
			body: { text: `Your bill for ${referenceId}` },
			action: {
				name: 'review_and_pay',
				parameters: {
					reference_id: referenceId,
					type: 'digital-goods',
					payment_settings: [{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: 'razorpay-sandbox' } }],
					currency: 'INR',
					total_amount: { value: 21800, offset: 100 },
					order: {
						status: 'pending',
						items: [{ retailer_id: 'tea', name: 'Masala tea', amount: { value: 10000, offset: 100 }, quantity: 2 }],
						subtotal: { value: 20000, offset: 100 },
						tax: { value: 1800, offset: 100 },
					},
				},
			},
		},
	};
}

export async function sendBillDirectly(instance: QueueInstance, referenceId: string): Promise<void> {
	const response = await fetch(`${instance.sandboxUrl}/v23.0/${SANDBOX_PHONE_NUMBER_ID}/messages`, {
		method: 'POST',
		headers: { authorization: `Bearer ${SANDBOX_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(billMessage(referenceId)),
	});
	if (!response.ok) throw new Error(`bill ${referenceId}: HTTP ${response.status} ${await response.text()}`);
}

/** Runs `task` over `items` with at most `limit` at a time; results in order. */
export async function inParallel<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const lane = async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await task(items[i], i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
	return results;
}

/** The workers' logs: which worker ran which execution ("Worker started execution <id>"). */
export function executionsPerWorker(instance: QueueInstance, executionIds: Set<string>): Record<string, number> {
	return Object.fromEntries(
		instance.processes
			.filter((p) => p.role === 'worker')
			.map((p) => {
				const started = [...readFileSync(p.log, 'utf8').matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
				return [p.name, started.filter((id) => executionIds.has(id)).length];
			}),
	);
}

/** The worker that started execution `id`, from the logs. */
export function workerOf(instance: QueueInstance, id: string): QueueProcess | undefined {
	return instance.processes.find((p) => p.role === 'worker' && new RegExp(`Worker started execution ${id} `).test(readFileSync(p.log, 'utf8')));
}

/**
 * Starts a replacement for a worker that died, as an orchestrator would: the same environment, a fresh
 * user folder with the package. Recorded in the state's pids file, so scripts/e2e-queue.sh stops it.
 */
export async function startReplacementWorker(instance: QueueInstance, dead: QueueProcess): Promise<QueueProcess> {
	const dir = stateDir();
	const name = `${dead.name}-replacement`;
	const log = join(dir, `${name}.log`);
	const script = `source "${dir}/env.sh" && export N8N_USER_FOLDER="${dir}/${dead.name}" N8N_RUNNERS_BROKER_PORT=${dead.port} && exec node "${process.env.N8N_CLI}" worker >> "${log}" 2>&1`;
	const child = spawn('bash', ['-c', script], { detached: true, stdio: 'ignore' });
	child.unref();
	if (!child.pid) throw new Error('could not start a replacement worker');
	appendFileSync(join(dir, 'pids'), `${child.pid} ${name}\n`);
	const replacement: QueueProcess = { name, role: 'worker', pid: child.pid, port: dead.port, log };
	await waitFor(`${name} to be ready`, 180_000, async () => (existsSync(log) && readFileSync(log, 'utf8').includes('n8n worker is now ready') ? true : undefined));
	instance.processes = instance.processes.map((p) => (p === dead ? replacement : p));
	return replacement;
}

/** Adds one section of measured counts to the results file that scripts/e2e-queue.sh prints. */
export function report(section: string, counts: Record<string, unknown>): void {
	const file = join(stateDir(), 'queue-results.json');
	const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
	writeFileSync(file, JSON.stringify({ ...results, [section]: counts }, null, 2));
}

/** Webhook (a batch of orders) -> one item per order -> Send Order Details. `options` are the node's. */
export function billingWorkflow(name: string, path: string, options: Record<string, unknown>): WorkflowFile {
	return {
		name,
		nodes: [
			{ name: 'Orders', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: crypto.randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} } },
			{ name: 'One item per order', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [220, 0], parameters: { fieldToSplitOut: 'body.orders', options: {} } },
			{
				name: 'Send bill',
				type: 'n8n-nodes-whatsapp-payments.whatsAppPayments',
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'order',
					operation: 'sendOrderDetails',
					to: '={{ $json.to }}',
					market: 'india',
					referenceId: '={{ $json.ref }}',
					paymentMethod: 'paymentGateway',
					gateway: 'razorpay',
					paymentConfiguration: { __rl: true, mode: 'name', value: 'razorpay-sandbox' },
					items: { item: [{ name: 'Masala tea', amount: 100, quantity: 2, retailerId: 'tea' }] },
					taxAmount: 18,
					body: 'Your bill',
					options,
				},
				credentials: { whatsAppPaymentsApi: { id: null, name: SANDBOX_CREDENTIALS.cloudApi } },
			},
		],
		connections: {
			Orders: { main: [[{ node: 'One item per order', type: 'main', index: 0 }]] },
			'One item per order': { main: [[{ node: 'Send bill', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export const ordersOf = (refs: string[]) => ({ orders: refs.map((ref) => ({ ref, to: '919876543210' })) });
