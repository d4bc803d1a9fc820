/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Issue 7, part 4: what installing the package costs n8n at start-up (loading our nodes and
 * credentials) and on disk (the packed tarball).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { figureOf, type Figure } from './measure';
import { httpRequestNodePath, n8nNodeModules, PACKAGE_ROOT, PUBLISHED_MODULES } from './paths';
import { BenchResult } from './report';

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

/** Load time over fresh processes; the warm-up runs fill the OS file cache. */
function loadTime(modules: string[]): Figure {
	const samples: number[] = [];
	for (let run = 0; run < LOAD_SAMPLING.warmup + LOAD_SAMPLING.runs; run++) {
		const ms = loadMs(modules);
		if (run >= LOAD_SAMPLING.warmup) samples.push(ms);
	}
	return figureOf(samples);
}

function benchLoad(): BenchResult {
	const name = 'Cold start: require all nodes + credentials from dist/';
	const goal = 'ours <= HTTP Request node alone (ratio = ours / baseline <= 1)';
	const missing = PUBLISHED_MODULES.filter((file) => !fs.existsSync(file));
	if (missing.length) throw new Error(`not built: ${missing.map((f) => path.relative(PACKAGE_ROOT, f)).join(', ')} (run npx gulp build)`);
	const ours = loadTime(PUBLISHED_MODULES);
	const note =
		`fresh child process per run with n8n-workflow preloaded (n8n has it loaded already); loads ${PUBLISHED_MODULES.length} modules from package.json "n8n".` +
		' Baseline: the same measurement for n8n-nodes-base\'s HTTP Request node, which users would use instead.';
	const baseline = loadTime([httpRequestNodePath(n8nNodeModules())]);
	const ratio = ours.median / baseline.median;
	return { name, ours: ours.median, baseline: baseline.median, unit: 'ms', ratio, goal, pass: ratio <= 1, spread: { ours: ours.spread, baseline: baseline.spread }, note };
}

interface PackDryRun {
	size: number;
	unpackedSize: number;
	entryCount: number;
}

function benchPackedSize(): BenchResult {
	const name = 'Packed size (npm pack)';
	const goal = 'informational';
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	const pack = JSON.parse(output)[0] as PackDryRun;
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
