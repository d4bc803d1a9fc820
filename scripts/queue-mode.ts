/* eslint-disable no-console, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * A queue-mode instance (scripts/queue.sh): its description, SQL on its databases, and the workflows the
 * queue-mode e2e tests (test/e2e-queue) and the bench (bench/queueMode.ts) run on it. Command line:
 *
 *   PG_PORT=<port> N8N_CLI=<n8n bin> node dist-dev/scripts/queue-mode.js <state-dir>
 *       after `n8n-api.js setup`: adds to <state-dir>/instance.json the webhook processes' URLs, every
 *       process (role, pid, log) and a Postgres credential for the merchant's own tables (database
 *       `shop`), and creates the table of the idempotent fulfilment example (examples/05-...)
 *   node dist-dev/scripts/queue-mode.js --print <state-dir>
 *       one line per process
 */
import { execFileSync, spawn } from 'child_process';
import { randomUUID } from 'crypto';
import { appendFileSync, cpSync, existsSync, readFileSync, writeFileSync } from 'fs';
import { request } from 'http';
import { createServer, type AddressInfo } from 'net';
import { join } from 'path';

import { N8nApi, readInstance, SANDBOX_CREDENTIALS, waitFor, type CredentialRef, type Instance } from './n8n-api';
import type { WorkflowFile } from './workflows';

export { mapWithLimit as inParallel } from '../nodes/shared/pool';

/** The Postgres credential's name in the examples. */
export const POSTGRES_CREDENTIAL = 'Postgres (shop)';

/** The table the idempotent fulfilment example claims events in (the example's sticky note gives the same DDL). */
export const EVENTS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS whatsapp_payment_events (
	dedupe_key text PRIMARY KEY,
	reference_id text NOT NULL,
	received_at timestamptz NOT NULL DEFAULT now()
)`;

export interface QueueProcess {
	name: string;
	/** main (`n8n start`), worker or webhook. */
	role: 'main' | 'worker' | 'webhook';
	pid: number;
	/** The HTTP port (main and webhook processes). */
	port: number;
	log: string;
}

/** A queue-mode instance as its users see it. */
export interface QueueInstance extends Instance {
	webhookUrls: string[];
	processes: QueueProcess[];
	postgres: { host: string; port: number; database: string; user: string };
	/** The n8n command line every process runs. */
	n8nCli: string;
}

const ROLES: Record<string, QueueProcess['role']> = { start: 'main', worker: 'worker', webhook: 'webhook' };

/** processes.txt lines: `<name> <n8n command> <pid> <port> <log>`. */
function readProcesses(stateDir: string): QueueProcess[] {
	return readFileSync(join(stateDir, 'processes.txt'), 'utf8')
		.trim()
		.split('\n')
		.map((line) => {
			const [name, command, pid, port, log] = line.split(' ');
			return { name, role: ROLES[command], pid: Number(pid), port: Number(port), log };
		});
}

export function readQueueInstance(stateDir: string): QueueInstance {
	const instance = readInstance(stateDir) as QueueInstance;
	if (!instance.processes) throw new Error(`${stateDir}/instance.json is not a queue-mode instance (no processes)`);
	return instance;
}

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

/** Webhook (a batch of orders) -> one item per order -> Send Order Details. `options` are the node's. */
export function billingWorkflow(name: string, path: string, options: Record<string, unknown>): WorkflowFile {
	return {
		name,
		nodes: [
			{ name: 'Orders', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} } },
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
					additionalFields: { catalogId: 'catalog-1' },
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

/**
 * POSTs a JSON body to an n8n webhook process on a connection of its own; resolves with the HTTP status.
 * No keep-alive: a reused connection that the server closes as idle at the same moment fails with
 * ECONNRESET, and whether the request was received then is unknown, which would make the counts unsound.
 */
export async function postToWebhook(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<number> {
	return await new Promise<number>((resolve, reject) => {
		const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** A TCP port nobody listens on. */
async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/**
 * Starts one more `n8n worker` with the instance's environment and its own user folder holding the package
 * (what an orchestrator does to add a worker or replace a dead one), recorded in the state's pids file so
 * that stopping the instance stops it too. Resolves once it is ready.
 */
export async function startWorker(stateDir: string, instance: QueueInstance, name: string): Promise<QueueProcess> {
	const home = join(stateDir, name);
	if (!existsSync(join(home, '.n8n', 'nodes'))) cpSync(join(stateDir, 'home', '.n8n', 'nodes'), join(home, '.n8n', 'nodes'), { recursive: true });
	const log = join(stateDir, `${name}.log`);
	const broker = await freePort();
	const script = `source "${stateDir}/env.sh" && export N8N_USER_FOLDER="${home}" N8N_RUNNERS_BROKER_PORT=${broker} && exec node "${instance.n8nCli}" worker >> "${log}" 2>&1`;
	const child = spawn('bash', ['-c', script], { detached: true, stdio: 'ignore' });
	child.unref();
	if (!child.pid) throw new Error(`could not start ${name}`);
	appendFileSync(join(stateDir, 'pids'), `${child.pid} ${name}\n`);
	await waitFor(`${name} to be ready`, 600_000, async () => (existsSync(log) && readFileSync(log, 'utf8').includes('n8n worker is now ready') ? true : undefined));
	return { name, role: 'worker', pid: child.pid, port: broker, log };
}

async function setup(stateDir: string): Promise<void> {
	const pgPort = Number(process.env.PG_PORT);
	const n8nCli = process.env.N8N_CLI;
	if (!pgPort || !n8nCli) throw new Error('PG_PORT or N8N_CLI is not set');
	const postgres = { host: '127.0.0.1', port: pgPort, database: 'shop', user: 'n8n' };
	execFileSync('psql', ['-h', postgres.host, '-p', String(pgPort), '-U', postgres.user, '-d', postgres.database, '-v', 'ON_ERROR_STOP=1', '-qc', EVENTS_TABLE_DDL]);
	const base = readInstance(stateDir);
	const processes = readProcesses(stateDir);
	const api = new N8nApi(base.n8nUrl, base.apiKey);
	// Local connections are trusted (scripts/postgres-redis.sh): the password is a placeholder.
	const credential: CredentialRef = await api.createCredential(POSTGRES_CREDENTIAL, 'postgres', {
		...postgres,
		password: 'not-needed-locally',
		ssl: 'disable',
		allowUnauthorizedCerts: false,
		maxConnections: 20,
		sshTunnel: false,
	});
	const instance: QueueInstance = {
		...base,
		credentials: { ...base.credentials, [credential.name]: { id: credential.id, name: credential.name } },
		webhookUrls: processes.filter((p) => p.role === 'webhook').map((p) => `http://127.0.0.1:${p.port}`),
		processes,
		postgres,
		n8nCli,
	};
	writeFileSync(join(stateDir, 'instance.json'), JSON.stringify(instance, null, 2), { mode: 0o600 });
}

/** One line per process: name, pid, what it does, its log. */
function print(stateDir: string): void {
	const roles = { main: 'editor, API, activation (leader)', worker: 'runs executions', webhook: 'production webhooks' };
	for (const p of readQueueInstance(stateDir).processes) {
		const where = p.role === 'worker' ? '' : ` http://127.0.0.1:${p.port}`;
		console.log(`${p.name.padEnd(10)} pid ${String(p.pid).padEnd(7)} ${roles[p.role]}${where}   log ${p.log}`);
	}
}

if (require.main === module) {
	const [first, second] = process.argv.slice(2);
	if (first === '--print') print(second);
	else
		setup(first).catch((error: unknown) => {
			console.error(`[queue-mode] ${error instanceof Error ? error.message : String(error)}`);
			process.exitCode = 1;
		});
}
