/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * `npm run bench` / `./run bench`: issue 7's measurements, side by side with the physical limit or
 * what users would do instead, written to bench/results.json and bench/RESULTS.md.
 * Not a test: figures depend on the machine; the goals are checked and reported, never thrown.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';

import { benchCheckoutEndpoint } from './checkout';
import { benchColdStart } from './coldStart';
import { benchFarApi } from './farApi';
import { benchWebhookIntake } from './intake';
import { BENCH_DIR, PACKAGE_ROOT } from './paths';
import { benchQueueMode } from './queueMode';
import { BenchResult, describeMachine, writeResults } from './report';
import { benchSending } from './sending';
import { benchTriggerPath } from './trigger';
import { benchValidation } from './validation';

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

async function main(): Promise<void> {
	const started = performance.now();
	const machine = describeMachine();
	log(`${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverage}`);
	const sections: Array<[string, () => BenchResult[] | Promise<BenchResult[]>]> = [
		['trigger path', benchTriggerPath],
		['validation', benchValidation],
		['sending through the n8n engine', () => benchSending(log)],
		['far API over HTTPS', () => benchFarApi(log)],
		['cold start and size', benchColdStart],
		['webhook intake in a real n8n', () => benchWebhookIntake(log)],
		['queue mode (Postgres, Redis, workers, webhook processes)', () => benchQueueMode(log)],
		['checkout endpoint in a real n8n', () => benchCheckoutEndpoint(log)],
	];
	// `./run bench <words>`: only the sections whose title contains one of the words (while iterating); their results go to
	// .cache/bench-partial/, so that bench/results.json only ever holds a full run.
	const only = process.argv.slice(2);
	if (only.length) sections.splice(0, sections.length, ...sections.filter(([title]) => only.some((word) => title.includes(word))));
	log('n8n (bench/n8n.sh install: once per machine, about 6 minutes)...');
	execFileSync('bash', [path.join(PACKAGE_ROOT, 'bench', 'n8n.sh'), 'install'], { stdio: ['ignore', 'inherit', 'inherit'] });
	const results: BenchResult[] = [];
	for (const [title, section] of sections) {
		log(`${title}...`);
		const rows = await section();
		for (const row of rows) log(`  ${row.name}: ours ${row.ours} ${row.unit}, baseline ${row.baseline}, ratio ${row.ratio}, pass ${row.pass}`);
		results.push(...rows);
	}
	const durationS = (performance.now() - started) / 1000;
	const outDir = only.length ? path.join(PACKAGE_ROOT, '.cache', 'bench-partial') : BENCH_DIR;
	fs.mkdirSync(outDir, { recursive: true });
	writeResults(outDir, results, machine, new Date(), durationS);
	const failed = results.filter((r) => r.pass === false);
	log(`done in ${durationS.toFixed(0)} s: ${path.relative(PACKAGE_ROOT, outDir)}/results.json and RESULTS.md; ${failed.length ? `goals missed: ${failed.map((r) => r.name).join('; ')}` : 'every goal met'}`);
}

main().catch((error: unknown) => {
	process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
