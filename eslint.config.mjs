import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';

// The published code: nodes, credentials and the pure core they import.
export default [
	{ ignores: ['dist/**', 'dist-dev/**', 'node_modules/**', 'core/generated/**', '.cache/**', '.toolchain/**', 'coverage/**'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'core/**/*.ts', 'index.ts', 'package.json'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] } },
	},
	{ ...n8nCommunityNodesPlugin.configs.recommended, files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'core/**/*.ts', 'index.ts', 'package.json'] },
];
