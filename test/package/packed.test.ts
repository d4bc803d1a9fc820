/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * What users install: `npm pack` of the built package (run after `gulp build`, as `./run test` does).
 * No runtime dependencies, and its JS requires nothing but n8n-workflow, its own files and Node built-ins
 * (the JSON Schema validators are ajv standalone code with no ajv at run time).
 */
import { execFileSync } from 'child_process';
import { builtinModules } from 'module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

describe('the packed package', () => {
	let unpacked: string;
	let work: string;

	beforeAll(() => {
		if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `./run build` first');
		work = mkdtempSync(join(tmpdir(), 'wa-pack-'));
		const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
		execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work]);
		unpacked = join(work, 'package');
	});
	afterAll(() => rmSync(work, { recursive: true, force: true }));

	it('has no dependencies and lists n8n-workflow as a peer', () => {
		const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(Object.keys(pkg.peerDependencies)).toEqual(['n8n-workflow']);
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(existsSync(join(unpacked, file))).toBe(true);
	});

	it('ships only built code, icons and docs: no sources, tests, sandbox or schemas needing ajv', () => {
		const files = filesUnder(unpacked).map((f) => f.slice(unpacked.length + 1));
		expect(files.filter((f) => !/^(dist\/.*\.(js|d\.ts|svg)|package\.json|README\.md|LICENSE.*)$/.test(f))).toEqual([]);
		expect(files.some((f) => f.startsWith('dist/core/generated/validators.js'))).toBe(true);
	});

	it('carries the MIT licence: the LICENSE file and the package.json field', () => {
		expect(JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')).license).toBe('MIT');
		expect(readFileSync(join(unpacked, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} .+\n\nPermission is hereby granted, free of charge/);
	});

	it('requires nothing but n8n-workflow, its own files and Node built-ins', () => {
		const allowed = new Set(['n8n-workflow', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
		const outside = new Set<string>();
		for (const file of filesUnder(unpacked).filter((f) => f.endsWith('.js'))) {
			for (const [, target] of readFileSync(file, 'utf8').matchAll(/require\(["'`]([^"'`]+)["'`]\)/g)) {
				if (!target.startsWith('.') && !allowed.has(target)) outside.add(target);
			}
		}
		expect([...outside]).toEqual([]);
	});
});
