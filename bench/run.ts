/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * `npm run bench` / `./run bench`: issue 7's measurements, side by side with the physical limit or
 * what users would do instead, written to bench/results.json and bench/RESULTS.md.
 * Not a test: figures depend on the machine; the goals are checked and reported, never thrown.
 */
import { performance } from 'perf_hooks';

import { benchColdStart } from './coldStart';
import { BENCH_DIR } from './paths';
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
		['cold start and size', benchColdStart],
		['queue mode (Postgres, Redis, workers, webhook processes)', () => benchQueueMode(log)],
	];
	const results: BenchResult[] = [];
	for (const [title, section] of sections) {
		log(`${title}...`);
		const rows = await section();
		for (const row of rows) log(`  ${row.name}: ours ${row.ours} ${row.unit}, baseline ${row.baseline}, ratio ${row.ratio}, pass ${row.pass}`);
		results.push(...rows);
	}
	const durationS = (performance.now() - started) / 1000;
	writeResults(BENCH_DIR, results, machine, new Date(), durationS);
	const failed = results.filter((r) => r.pass === false);
	log(`done in ${durationS.toFixed(0)} s: bench/results.json, bench/RESULTS.md; ${failed.length ? `goals missed: ${failed.map((r) => r.name).join('; ')}` : 'every goal met'}`);
}

main().catch((error: unknown) => {
	process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
