/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * docs/spec.md traces every documented field, rule and shape of Meta's payments pages to the code that
 * enforces or produces it and the test that proves it. This test keeps the table true: each page it names
 * exists, each code location exists (and holds the names given in backticks), and each test file exists and
 * holds the test named. The engineers' row files (docs/spec-*-rows.md) are held to these rules once folded
 * into spec.md.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { EXCLUDED, KNOWN_GAPS } from './exampleLists';
import { allExamples, META_DOCS_DIR, REPO_ROOT } from './metaDocs';

export interface TraceRow {
	file: string;
	line: number;
	page: string;
	rule: string;
	code: string;
	test: string;
	/** done, UNCONFIRMED or not implemented; undefined in row files without the column. */
	status: string | undefined;
}

export const STATUSES = ['done', 'UNCONFIRMED', 'not implemented'];
const NONE = /^(–|-|none|)$/i;
const SHARED_DIR = join(META_DOCS_DIR, '..');

/** Splits a table row into cells; `\|` stays inside a cell. */
function cells(line: string): string[] {
	return line
		.trim()
		.replace(/^\|/, '')
		.replace(/\|$/, '')
		.split(/(?<!\\)\|/)
		.map((c) => c.trim());
}

/** The rows of every trace table (header: page § section | rule | code | test [| status]) of a markdown file. */
export function traceRows(relativePath: string): TraceRow[] {
	const lines = readFileSync(join(REPO_ROOT, relativePath), 'utf8').split('\n');
	const rows: TraceRow[] = [];
	let columns: string[] | null = null;
	lines.forEach((line, i) => {
		if (!line.trim().startsWith('|')) {
			columns = null;
			return;
		}
		const row = cells(line);
		if (columns === null) {
			columns = row[0].toLowerCase().startsWith('page') && row.includes('test') ? row.map((c) => c.toLowerCase()) : [];
			return;
		}
		if (columns.length === 0 || /^:?-+:?$/.test(row[0])) return;
		const at = (name: string) => (columns!.indexOf(name) >= 0 ? row[columns!.indexOf(name)] : undefined);
		rows.push({ file: relativePath, line: i + 1, page: at(columns[0]) ?? '', rule: at('rule') ?? '', code: at('code') ?? '', test: at('test') ?? '', status: at('status') });
	});
	return rows;
}

const readText = (path: string) => readFileSync(path, 'utf8');
const backticked = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

/** The pages a row may cite: Meta's pages, the seeds, API-NOTES.md. */
function pagePath(name: string): string | null {
	for (const dir of [META_DOCS_DIR, join(SHARED_DIR, 'seeds'), SHARED_DIR]) if (existsSync(join(dir, name))) return join(dir, name);
	return null;
}

/** Problems of one "page § section § section" citation ("§ A and § B" names two sections). */
function citationProblems(citation: string): string[] {
	const [name, ...sections] = citation.split('§').map((s) => s.trim());
	if (!/\.(md|txt)$/.test(name)) return [];
	const path = pagePath(name);
	if (!path) return [`page ${name} does not exist`];
	// Each section's words before any parenthesis, without markup, must be on the page.
	const page = readText(path).replace(/[`*\\]/g, '').toLowerCase();
	return sections
		.map((section) => section.replace(/\(.*$/, '').replace(/\s+and$/, '').replace(/[`*\\]/g, '').trim().toLowerCase())
		.filter((words) => words && !page.includes(words))
		.map((words) => `section "${words}" is not on ${name}`);
}

/** A row may cite several pages, separated by ";". */
const pageProblems = (row: TraceRow): string[] => row.page.split(/;\s*(?=[\w.-]+\.(?:md|txt)\b)/).flatMap(citationProblems);

function codeProblems(row: TraceRow): string[] {
	if (NONE.test(row.code)) return row.status === 'not implemented' ? [] : ['names no code'];
	return row.code.split(';').flatMap((segment) => {
		const path = segment.trim().split(/\s+/)[0].replace(/[`,]/g, '');
		const full = join(REPO_ROOT, path);
		if (!existsSync(full)) return [`code file ${path} does not exist`];
		const text = readText(full);
		return backticked(segment)
			.map((name) => name.replace(/\(.*$/, '').trim())
			.filter((name) => !text.includes(name))
			.map((name) => `${path} has no ${name}`);
	});
}

let exampleKeys: Set<string> | undefined;

/** A test of metaDocsExamples.test.ts is an example key: the example must exist and be checked, not excused. */
function exampleProblems(key: string): string[] {
	exampleKeys ??= new Set(allExamples().map((e) => e.key));
	if (!exampleKeys.has(key)) return [`no example ${key}`];
	if (KNOWN_GAPS.some((g) => g.key === key)) return [`example ${key} is a known gap, not a passing test`];
	if (EXCLUDED.some((e) => e.key === key && !e.rules)) return [`example ${key} is excluded, not checked`];
	return [];
}

function testProblems(row: TraceRow): string[] {
	if (NONE.test(row.test)) return row.status === 'not implemented' ? [] : ['names no test'];
	return row.test.split(/;\s*(?=test\/)/).flatMap((reference) => {
		const [path, ...names] = reference.split('›').map((s) => s.trim());
		const full = join(REPO_ROOT, path);
		if (!existsSync(full)) return [`test file ${path} does not exist`];
		if (names.length === 0) return [`${path}: no test named`];
		if (path.endsWith('metaDocsExamples.test.ts')) return exampleProblems(names.join(' › '));
		const text = readText(full).replace(/\\(['"])/g, '$1');
		return names.filter((name) => !text.includes(name.replace(/\\\|/g, '|'))).map((name) => `${path} has no test "${name}"`);
	});
}

/** Everything wrong with one row, each prefixed with where the row is. */
export function rowProblems(row: TraceRow): string[] {
	const problems = [...pageProblems(row), ...codeProblems(row), ...testProblems(row)];
	if (row.status !== undefined && !STATUSES.includes(row.status)) problems.push(`status "${row.status}" is not one of ${STATUSES.join(', ')}`);
	if (row.rule === '') problems.push('states no rule');
	return problems.map((p) => `${row.file}:${row.line}: ${p}`);
}

describe('docs/spec.md, the trace of Meta\'s pages to code and tests', () => {
	const rows = traceRows('docs/spec.md');

	it('has a row with a status for each documented field, rule and shape', () => {
		expect(rows.length).toBeGreaterThanOrEqual(150);
		expect(rows.filter((r) => r.status === undefined).map((r) => r.line)).toEqual([]);
	});

	it('names pages, code and tests that exist', () => {
		expect(rows.flatMap(rowProblems)).toEqual([]);
	});
});
