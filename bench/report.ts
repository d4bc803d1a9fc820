/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/** The bench's output: bench/results.json (machine-readable) and bench/RESULTS.md (the table for people). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface BenchResult {
	name: string;
	/** Our figure, in `unit`; null when the row was skipped. */
	ours: number | null;
	/** The physical limit or the alternative, in `unit`; null when there is none or it could not run. */
	baseline: number | null;
	unit: string;
	/** How the two compare; what it divides is spelled out in `goal`. */
	ratio: number | null;
	goal: string;
	/** null: informational row, or skipped. */
	pass: boolean | null;
	/** Smallest and largest figure over the measured runs, of ours and of the baseline. */
	spread?: { ours?: [number, number]; baseline?: [number, number] };
	/** What was measured, or why the row was skipped. */
	note?: string;
}

export interface Machine {
	cpus: number;
	cpuModel: string;
	node: string;
	platform: string;
	memoryGiB: number;
	/** One-minute load average when the bench started: other processes on the machine move the figures. */
	loadAverage: number;
}

export function describeMachine(): Machine {
	const cpus = os.cpus();
	return {
		cpus: cpus.length,
		cpuModel: cpus[0]?.model.trim() ?? 'unknown',
		node: process.version,
		platform: `${os.platform()} ${os.release()} ${os.arch()}`,
		memoryGiB: Math.round(os.totalmem() / 2 ** 30),
		loadAverage: Number(os.loadavg()[0].toFixed(2)),
	};
}

/** A row that could not run: it stays in the table with the reason instead of failing the bench. */
export function skipped(name: string, unit: string, goal: string, reason: string): BenchResult {
	return { name, ours: null, baseline: null, unit, ratio: null, goal, pass: null, note: `skipped: ${reason}` };
}

/** Rounds to a few significant digits so the JSON reads like the table. */
function round(value: number | null): number | null {
	if (value === null || !Number.isFinite(value)) return value;
	if (value === 0) return 0;
	const digits = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(value))));
	return Number(value.toFixed(Math.min(digits, 6)));
}

function formatNumber(value: number | null): string {
	if (value === null) return '-';
	const rounded = round(value) as number;
	return Math.abs(rounded) >= 1000 ? Math.round(rounded).toLocaleString('en-US') : String(rounded);
}

function formatPass(pass: boolean | null): string {
	if (pass === null) return '-';
	return pass ? 'yes' : '**no**';
}

const formatSpread = (range: [number, number] | undefined) => (range ? `${formatNumber(range[0])}-${formatNumber(range[1])}` : '-');

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(results: BenchResult[], machine: Machine, finishedAt: Date, durationS: number): string {
	const lines = [
		'# Benchmarks',
		'',
		`Run ${finishedAt.toISOString()} with \`./run bench\` (${Math.round(durationS)} s) on ${machine.cpus} x ${machine.cpuModel}, ` +
			`${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}; load average ${machine.loadAverage} when it started. ` +
			'Everything on 127.0.0.1; the sandbox (the API) runs in its own process. Most figures are the median of several runs (each row\'s note says how it was sampled), ' +
			'and competing implementations take turns, so background load hits them alike; the ratios are steadier than the absolute figures.',
		'',
		'| Benchmark | Ours | Baseline | Unit | Ratio | Goal | Pass | Spread over runs (ours; baseline) |',
		'|---|---:|---:|---|---:|---|---|---|',
		...results.map((r) =>
			`| ${escapeCell(r.name)} | ${formatNumber(r.ours)} | ${formatNumber(r.baseline)} | ${escapeCell(r.unit)} | ${formatNumber(r.ratio)} | ${escapeCell(r.goal)} | ${formatPass(r.pass)} | ${formatSpread(r.spread?.ours)}; ${formatSpread(r.spread?.baseline)} |`,
		),
		'',
		'## What each row measures',
		'',
		...results.filter((r) => r.note).map((r) => `- **${r.name}**: ${r.note}`),
		'',
	];
	return lines.join('\n');
}

export function writeResults(dir: string, results: BenchResult[], machine: Machine, finishedAt: Date, durationS: number): void {
	const roundRange = (range: [number, number] | undefined) => range && (range.map(round) as [number, number]);
	const rows = results.map((r) => ({
		...r,
		ours: round(r.ours),
		baseline: round(r.baseline),
		ratio: round(r.ratio),
		...(r.spread ? { spread: { ours: roundRange(r.spread.ours), baseline: roundRange(r.spread.baseline) } } : {}),
	}));
	fs.writeFileSync(path.join(dir, 'results.json'), JSON.stringify(rows, null, '\t') + '\n');
	fs.writeFileSync(path.join(dir, 'RESULTS.md'), renderMarkdown(results, machine, finishedAt, durationS));
}
