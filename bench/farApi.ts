/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Issue 13: sending to an API that is far away, as the real Graph API is. The sandbox serves HTTPS with a
 * certificate of a local CA made for this run (openssl; the keys live in a temporary folder and are deleted
 * after the run), and answers each request one round trip late, plus the handshakes' round trips on a new
 * connection (sandbox option rttMs). n8n's HTTP helper opens a new connection for every request, so each bill
 * pays about three round trips. Our node sends 400 bills through n8n's engine with its default options at
 * each round-trip time; the sender runs in a child process started with NODE_EXTRA_CA_CERTS (Node reads it
 * at start-up only), which is how users make n8n trust a private CA too.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';

import { DEFAULT_PACING } from '../nodes/WhatsAppPayments/transport';
import { makeLocalCa, type LocalCa } from '../sandbox/localCa';
import { median, spread } from './measure';
import { startRemoteSandbox } from './remoteSandbox';
import { BenchResult } from './report';
import { acceptedPerSecond, API_LIMIT_PER_SECOND, apiSidePerSecond, clean, describeErrors, measureRun, PHONE_NUMBER_ID, RATE_LIMIT_CODE, senders, TOKEN, type SendRun } from './sending';

type Log = (message: string) => void;

const ROUND_TRIPS_MS = [0, 50, 150];
const BILLS = 400;
const SAMPLING = { warmup: 1, runs: 3 };

/** The wall-clock rate of a perfect sender at the limit: the bills' own time at the limit, plus one bill's three round trips (TCP, TLS, the request). */
const wallClockCeiling = (rttMs: number) => BILLS / (BILLS / API_LIMIT_PER_SECOND + (3 * rttMs) / 1000);

function row(rttMs: number, runs: SendRun[]): BenchResult {
	const rates = runs.map(apiSidePerSecond);
	const achieved = median(rates);
	const wallClock = runs.map(acceptedPerSecond);
	const ratio = achieved / API_LIMIT_PER_SECOND;
	const rateLimited = runs.reduce((sum, run) => sum + run.rateLimited, 0);
	return {
		name: `Far API: ${BILLS} bills over HTTPS at RTT ${rttMs} ms, default options`,
		ours: achieved,
		baseline: API_LIMIT_PER_SECOND,
		unit: 'bills/s accepted as the API received them, first to last (not the wall clock, which is in the note)',
		ratio,
		goal: `achieved / limit >= 0.95, no ${RATE_LIMIT_CODE} reaches the user`,
		pass: ratio >= 0.95 && runs.every(clean),
		spread: { ours: spread(rates) },
		note:
			`Items -> WhatsApp Payments (Send Order Details, fields from expressions, every option at its default: Max Requests Per Second ${DEFAULT_PACING.maxRequestsPerSecond}, Concurrency automatic) through n8n's engine ` +
			`to the sandbox limited to ${API_LIMIT_PER_SECOND} msg/s, over HTTPS (local CA trusted through NODE_EXTRA_CA_CERTS), ${rttMs} ms round trip, ` +
			`a new TCP + TLS connection per request as n8n's HTTP helper makes it (about ${rttMs * 3} ms per bill); ${SAMPLING.runs} runs after ${SAMPLING.warmup} warm-up; ` +
			`rate = accepted bills over the time from the first to the last of them reaching the sandbox (its request log). ` +
			`Over the whole workflow run (wall clock, which adds preparing the ${BILLS} items and the last bill's round trips): ${wallClock.map((r) => r.toFixed(1)).join(', ')} bills/s, ` +
			`where even a perfect sender at the limit gets at most ${wallClockCeiling(rttMs).toFixed(1)}; ` +
			`${rateLimited} x ${RATE_LIMIT_CODE} answered and retried inside the node; ${describeErrors(runs)}.`,
	};
}

/** In the child process: the rows, measured. */
async function measure(certificates: LocalCa, log: Log): Promise<BenchResult[]> {
	const tls = { key: fs.readFileSync(certificates.keyFile, 'utf8'), cert: fs.readFileSync(certificates.certFile, 'utf8') };
	const rows: BenchResult[] = [];
	for (const rttMs of ROUND_TRIPS_MS) {
		const sandbox = await startRemoteSandbox({ token: TOKEN, phoneNumberId: PHONE_NUMBER_ID, rateLimit: API_LIMIT_PER_SECOND, rttMs, tls });
		try {
			const send = senders(sandbox, null).ourNode({});
			const runs: SendRun[] = [];
			for (let run = 0; run < SAMPLING.warmup + SAMPLING.runs; run++) {
				const result = await measureRun(sandbox, send, BILLS);
				log(`    RTT ${rttMs} ms: ${result.accepted}/${result.sent} accepted in ${result.ms.toFixed(0)} ms (${apiSidePerSecond(result).toFixed(1)}/s as the API saw them, over ${result.acceptedSpanMs} ms), ${result.rateLimited} x ${RATE_LIMIT_CODE} retried, ${result.userErrors.length} user errors`);
				if (run >= SAMPLING.warmup) runs.push(result);
			}
			rows.push(row(rttMs, runs));
		} finally {
			await sandbox.close();
		}
	}
	return rows;
}

/** In the bench: makes the certificates, runs `measure` in a child that trusts their CA, deletes them. */
export async function benchFarApi(log: Log): Promise<BenchResult[]> {
	const certificates = makeLocalCa();
	try {
		const child = spawn(process.execPath, [__filename, JSON.stringify(certificates)], {
			env: { ...process.env, NODE_EXTRA_CA_CERTS: certificates.caFile },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach((line) => log(line)));
		const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
		if (code !== 0) throw new Error(`the far-API bench process exited with ${code}`);
		return JSON.parse(out) as BenchResult[];
	} finally {
		fs.rmSync(certificates.dir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	measure(JSON.parse(process.argv[2]) as LocalCa, (message) => process.stderr.write(`${message}\n`)).then(
		(rows) => process.stdout.write(JSON.stringify(rows)),
		(error: unknown) => {
			process.stderr.write(`far API bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
			process.exit(1);
		},
	);
}
