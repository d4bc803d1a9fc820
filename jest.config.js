/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json', isolatedModules: true }] },
	moduleFileExtensions: ['ts', 'js', 'json'],
	testTimeout: 60000,
	// e2e tests (real n8n) run on their own: see README.
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', '/test/e2e-queue/'],
};
