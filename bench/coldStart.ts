/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Issue 7, part 4: what installing the package costs n8n at start-up (loading our nodes and
 * credentials) and on disk (the packed tarball).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { median } from './measure';
import { httpRequestNodePath, N8N_NOT_INSTALLED, n8nNodeModules, PACKAGE_ROOT, PUBLISHED_MODULES } from './paths';
import { BenchResult, skipped } from './report';

const LOAD_SAMPLING = { warmup: 2, runs: 9 };

/**
 * Runs in a fresh Node process: loads n8n-workflow first (n8n has it loaded long before it loads
 * community nodes), then times requiring the given modules, and prints the milliseconds.
 */
const CHILD_SCRIPT = `
const { performance } = require('perf_hooks');
const modules = process.argv.slice(1);
require(require.resolve('n8n-workflow', { paths: [require('path').dirname(modules[0])] }));
const start = performance.now();
for (const file of modules) require(file);
process.stdout.write(String(performance.now() - start));
`;

function loadMs(modules: string[]): number {
	return Number(execFileSync(process.execPath, ['-e', CHILD_SCRIPT, ...modules], { encoding: 'utf8' }));
}

/** Median load time over fresh processes; the warm-up runs fill the OS file cache. */
function medianLoadMs(modules: string[]): number {
	const samples: number[] = [];
	for (let run = 0; run < LOAD_SAMPLING.warmup + LOAD_SAMPLING.runs; run++) {
		const ms = loadMs(modules);
		if (run >= LOAD_SAMPLING.warmup) samples.push(ms);
	}
	return median(samples);
}

function benchLoad(): BenchResult {
	const name = 'Cold start: require all nodes + credentials from dist/';
	const goal = 'ours <= HTTP Request node alone (ratio = ours / baseline <= 1)';
	const missing = PUBLISHED_MODULES.filter((file) => !fs.existsSync(file));
	if (missing.length) return skipped(name, 'ms', goal, `not built: ${missing.map((f) => path.relative(PACKAGE_ROOT, f)).join(', ')} (run npx gulp build)`);
	const ours = medianLoadMs(PUBLISHED_MODULES);
	const nodeModules = n8nNodeModules();
	const note =
		`fresh child process per run with n8n-workflow preloaded (n8n has it loaded already); loads ${PUBLISHED_MODULES.length} modules from package.json "n8n".` +
		' Baseline: the same measurement for n8n-nodes-base\'s HTTP Request node, which users would use instead.';
	if (!nodeModules) return { name, ours, baseline: null, unit: 'ms', ratio: null, goal, pass: null, note: `${note} Baseline skipped: ${N8N_NOT_INSTALLED}.` };
	const baseline = medianLoadMs([httpRequestNodePath(nodeModules)]);
	const ratio = ours / baseline;
	return { name, ours, baseline, unit: 'ms', ratio, goal, pass: ratio <= 1, note };
}

interface PackDryRun {
	size: number;
	unpackedSize: number;
	entryCount: number;
}

function benchPackedSize(): BenchResult {
	const name = 'Packed size (npm pack)';
	const goal = 'informational';
	let pack: PackDryRun;
	try {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
		pack = JSON.parse(output)[0];
	} catch (error) {
		return skipped(name, 'KB', goal, `npm pack --dry-run failed: ${(error as Error).message.split('\n')[0]}`);
	}
	return {
		name,
		ours: pack.size / 1024,
		baseline: null,
		unit: 'KB',
		ratio: null,
		goal,
		pass: null,
		note: `npm pack --dry-run --json: ${pack.entryCount} files, ${(pack.unpackedSize / 1024).toFixed(0)} KB unpacked; the package has no runtime dependencies (n8n-workflow is a peer).`,
	};
}

export function benchColdStart(): BenchResult[] {
	return [benchLoad(), benchPackedSize()];
}
