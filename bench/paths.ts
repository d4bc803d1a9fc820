/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/** Where the bench finds the package, its build output and the real n8n install. */
import * as fs from 'fs';
import * as path from 'path';

/**
 * The package root: the nearest folder above this file with our package.json and the bench's sources
 * (works from bench/ and dist-dev/bench/; dist-dev/ holds a copy of package.json but no sources).
 */
function findPackageRoot(start: string): string {
	for (let dir = start; ; dir = path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		const isOurs = fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'n8n-nodes-whatsapp-payments';
		if (isOurs && fs.existsSync(path.join(dir, 'bench', 'run.ts'))) return dir;
		if (path.dirname(dir) === dir) throw new Error(`no n8n-nodes-whatsapp-payments package.json above ${start}`);
	}
}

export const PACKAGE_ROOT = findPackageRoot(__dirname);
export const BENCH_DIR = path.join(PACKAGE_ROOT, 'bench');

interface PackageManifest {
	devDependencies: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
}

export const MANIFEST: PackageManifest = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8'));

/** The compiled nodes and credentials n8n loads (package.json "n8n"), as absolute paths. */
export const PUBLISHED_MODULES = [...MANIFEST.n8n.nodes, ...MANIFEST.n8n.credentials].map((file) => path.join(PACKAGE_ROOT, file));

/**
 * node_modules of the real n8n that scripts/n8n.sh installs (.cache/n8n-<version>, linked only once the
 * install is complete; bench/run.ts has bench/n8n.sh install it first). The version is n8n-core's, as scripts/n8n.sh pins.
 */
export function n8nNodeModules(): string {
	const version = process.env.N8N_VERSION || MANIFEST.devDependencies['n8n-core'];
	const nodeModules = path.join(PACKAGE_ROOT, '.cache', `n8n-${version}`, 'node_modules');
	if (!fs.existsSync(path.join(nodeModules, 'n8n-nodes-base', 'package.json'))) throw new Error(`n8n ${version} is not installed (bash bench/n8n.sh install)`);
	return nodeModules;
}

/** n8n's HTTP Request node (the versioned wrapper n8n registers), from the real install. */
export function httpRequestNodePath(nodeModules: string): string {
	return path.join(nodeModules, 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');
}
