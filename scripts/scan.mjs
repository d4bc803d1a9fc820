// n8n's community-package scanner (@n8n/scan-community-package, a pinned dev dependency), offline.
// For a published version the scanner checks npm provenance, then lints two things: the source the
// provenance names (package.json, nodes/, credentials/) and the unpacked npm tarball (every .js and
// package.json). This runs the same two lint passes, with the scanner's own rule set, on the working
// tree and on `npm pack`'s tarball (dist/ must be built). Exits non-zero on any finding.
//   node scripts/scan.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The scanner's tarball pass: compiled code and the published package.json.
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function unpackedTarball(workDir) {
	execFileSync('npm', ['pack', '--silent', '--pack-destination', workDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = readdirSync(workDir).find((file) => file.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack wrote no tarball');
	const packageDir = join(workDir, 'package');
	mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', join(workDir, tarball), '-C', packageDir, '--strip-components=1']);
	return packageDir;
}

const workDir = mkdtempSync(join(tmpdir(), 'scan-community-package-'));
// The scanner makes a download folder when loaded; inside workDir it goes away with it.
process.env.TMPDIR = workDir;
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import('@n8n/scan-community-package/scanner/scanner.mjs');
let failed = false;
try {
	const passes = [
		['sources', root, SOURCE_FILE_PATTERNS],
		['tarball', unpackedTarball(workDir), TARBALL_FILE_PATTERNS],
	];
	for (const [name, dir, patterns] of passes) {
		const result = await analyzePackage(dir, patterns);
		console.log(`[scan] ${name} (${patterns.join(', ')}): ${result.passed ? 'no problems' : result.message}`);
		if (!result.passed) {
			failed = true;
			if (result.details) console.log(result.details);
		}
	}
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
