/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * n8n verifies only packages published from a GitHub Action with npm provenance: the publish workflow
 * runs on version tags, may mint the OIDC token provenance needs, and publishes through n8n-node release
 * with provenance on.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const workflow = readFileSync(join(ROOT, '.github', 'workflows', 'publish.yml'), 'utf8');

test('publishes on a version tag, with provenance, after the whole test suite', () => {
	expect(workflow).toMatch(/on:\n {2}push:\n {4}tags:\n(\s+#.*\n)*\s+- '\*\.\*\.\*'/);
	expect(workflow).toMatch(/permissions:\n(\s+#.*\n)*\s+id-token: write/);
	expect(workflow).toMatch(/NPM_CONFIG_PROVENANCE: 'true'/);
	expect(workflow).toMatch(/run: \.\/run test/);
	expect(workflow).toMatch(/npm run release/);
	expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.release).toBe('n8n-node release');
});
