// End-to-end tests against a REAL n8n with this package installed: run by scripts/e2e.sh
// (./run test), which starts n8n and the sandbox and passes them in E2E_STATE.
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', isolatedModules: true }] },
	moduleFileExtensions: ['ts', 'js', 'json'],
	verbose: true,
	// One n8n serves every test file: run them one after another.
	maxWorkers: 1,
	testTimeout: 90000,
};
