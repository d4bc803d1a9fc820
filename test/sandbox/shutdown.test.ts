/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Stopping the sandbox never waits on a webhook delivery: not on one waiting for its retry (the receiver
 * refused), nor on one whose receiver never answers, nor on keep-alive connections of its clients.
 * Both ways: startSandbox().close() and SIGTERM to the command line (npm run sandbox).
 */
import { spawn, type ChildProcess } from 'child_process';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { createInterface } from 'readline';
import { startSandbox } from '../../sandbox';
import { controlClient } from './helpers';

/**
 * A shutdown takes milliseconds; one that waits on a delivery never ends. Only the shutdown is held to this limit,
 * never the start: on a loaded machine, starting the command line (it transpiles the sandbox's source) alone took
 * more than 15 s.
 */
const HANG_LIMIT_MS = 60_000;
/** Each test: a generous start (two minutes) plus the shutdown's limit. */
const TEST_LIMIT_MS = 120_000 + HANG_LIMIT_MS;
/** Long enough that a retry never comes due while a test runs. */
const FAR_RETRY = { attempts: 4, delaysMs: [600_000] };
const ROOT = path.join(__dirname, '..', '..');

/** A URL nothing listens on: every delivery is refused (ECONNREFUSED). */
/**
 * A webhook URL nothing listens on. Not a port freed after listening: the sandbox started next (port 0) may be
 * given that same port and answer its own delivery. Port 1 on loopback is never served here.
 */
const REFUSING_URL = 'http://127.0.0.1:1/webhook';

/** A receiver that reads each delivery and never answers it. */
async function hangingReceiver(): Promise<{ url: string; received: Promise<void>; close(): Promise<void> }> {
	let arrived: () => void = () => undefined;
	const received = new Promise<void>((resolve) => (arrived = resolve));
	const server = http.createServer((req) => {
		req.resume();
		req.on('end', arrived);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook`,
		received,
		close: () => {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

/** Resolves as `shutdown` does, or fails naming `what` when it has not settled within HANG_LIMIT_MS: it hangs. */
async function withoutHanging<T>(what: string, shutdown: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const hang = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} has not settled ${HANG_LIMIT_MS / 1000} s later: it hangs`)), HANG_LIMIT_MS);
	});
	try {
		return await Promise.race([shutdown, hang]);
	} finally {
		clearTimeout(timer);
	}
}

/** A payment configuration changes status: one payment_configuration_update webhook is pending. */
async function queueWebhook(sandboxUrl: string): Promise<void> {
	const res = await controlClient(sandboxUrl).post('/configurations/payu-sandbox/status', { status: 'Active' });
	expect(res.status).toBe(200);
}

describe('stopping the sandbox', () => {
	it('close() resolves while a refused delivery waits for its retry', async () => {
		const sandbox = await startSandbox({ port: 0, webhookUrl: REFUSING_URL, webhookBatchMs: 600_000, webhookRetry: FAR_RETRY });
		await queueWebhook(sandbox.url);
		const [record] = await sandbox.flushWebhooks();
		expect(record.attempts).toEqual([expect.objectContaining({ error: 'ECONNREFUSED' })]);
		await withoutHanging('close()', sandbox.close());
	}, TEST_LIMIT_MS);

	it('close() resolves while a delivery waits for a receiver that never answers', async () => {
		const receiver = await hangingReceiver();
		try {
			const sandbox = await startSandbox({ port: 0, webhookUrl: receiver.url, webhookBatchMs: 600_000, webhookRetry: FAR_RETRY, webhookTimeoutMs: 600_000 });
			await queueWebhook(sandbox.url);
			const flushed = sandbox.flushWebhooks();
			await receiver.received;
			await withoutHanging('close()', sandbox.close());
			await withoutHanging('the flush', flushed);
		} finally {
			await receiver.close();
		}
	}, TEST_LIMIT_MS);

	it('reset() abandons a delivery waiting for its retry, so webhooksIdle() resolves', async () => {
		const sandbox = await startSandbox({ port: 0, webhookUrl: REFUSING_URL, webhookBatchMs: 600_000, webhookRetry: FAR_RETRY });
		try {
			await queueWebhook(sandbox.url);
			await sandbox.flushWebhooks();
			sandbox.reset();
			await withoutHanging('webhooksIdle() after reset()', sandbox.webhooksIdle());
			expect((await controlClient(sandbox.url).get('/webhooks')).data.data).toEqual([]);
		} finally {
			await sandbox.close();
		}
	}, TEST_LIMIT_MS);

	describe('the command line, on SIGTERM', () => {
		let child: ChildProcess | undefined;
		afterEach(() => {
			if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			child = undefined;
		});

		/** Node 22.6+ could strip the .ts itself instead of runTypeScript.js compiling it; Node 20 knows no such flag. */
		const NO_STRIP_TYPES = process.allowedNodeEnvironmentFlags.has('--experimental-strip-types') ? ['--no-experimental-strip-types'] : [];

		/** Starts `npm run sandbox` from the source; resolves with its URL once it listens. */
		async function startCli(flags: string[]): Promise<{ url: string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
			const started = spawn(
				process.execPath,
				[...NO_STRIP_TYPES, '-r', path.join(__dirname, 'runTypeScript.js'), path.join(ROOT, 'sandbox', 'cli.ts'), '--port', '0', '--quiet', ...flags],
				{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
			);
			child = started;
			let output = '';
			started.stderr.on('data', (c: Buffer) => (output += c.toString()));
			const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => started.once('exit', (code, signal) => resolve({ code, signal })));
			const url = await new Promise<string>((resolve, reject) => {
				const lines = createInterface({ input: started.stdout });
				lines.on('line', (line) => {
					output += `${line}\n`;
					const match = /listening on (\S+)/.exec(line);
					if (match) resolve(match[1]);
				});
				void exited.then(({ code }) => reject(new Error(`the sandbox exited (code ${code}) before it listened:\n${output}`)));
			});
			return { url, exited };
		}

		it('exits 0 while a refused delivery waits for its retry', async () => {
			const cli = await startCli(['--webhook-url', REFUSING_URL, '--webhook-batch-ms', '600000', '--webhook-retry-ms', String(FAR_RETRY.delaysMs[0])]);
			await queueWebhook(cli.url);
			const flushed = await controlClient(cli.url).post('/webhooks/flush');
			expect(flushed.data.data[0]).toMatchObject({ state: 'pending', attempts: [{ error: 'ECONNREFUSED' }] });
			child?.kill('SIGTERM');
			expect(await withoutHanging('the command line after SIGTERM', cli.exited)).toEqual({ code: 0, signal: null });
		}, TEST_LIMIT_MS);

		it('exits 0 while a delivery waits for a receiver that never answers', async () => {
			const receiver = await hangingReceiver();
			try {
				const cli = await startCli(['--webhook-url', receiver.url, '--webhook-batch-ms', '0', '--webhook-retry-ms', String(FAR_RETRY.delaysMs[0]), '--webhook-timeout-ms', '600000']);
				await queueWebhook(cli.url);
				await receiver.received;
				child?.kill('SIGTERM');
				expect(await withoutHanging('the command line after SIGTERM', cli.exited)).toEqual({ code: 0, signal: null });
			} finally {
				await receiver.close();
			}
		}, TEST_LIMIT_MS);
	});
});
