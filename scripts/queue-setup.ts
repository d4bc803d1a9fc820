/**
 * The queue-mode part of an instance's description (scripts/queue.sh, after `n8n-api.js setup`):
 * adds to <state-dir>/instance.json the webhook processes' URLs, every process (role, pid, log) and
 * a Postgres credential for the merchant's own tables (database `shop`), and creates the table of the
 * idempotent fulfilment example (examples/05-idempotent-fulfilment.json).
 *
 *   PG_PORT=<port> node dist-dev/scripts/queue-setup.js <state-dir>
 */
import { execFileSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

import { N8nApi, readInstance, type CredentialRef, type Instance } from './n8n-api';

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

async function setup(stateDir: string): Promise<void> {
	const pgPort = Number(process.env.PG_PORT);
	if (!pgPort) throw new Error('PG_PORT is not set');
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
			console.error(`[queue-setup] ${error instanceof Error ? error.message : String(error)}`);
			process.exitCode = 1;
		});
}
