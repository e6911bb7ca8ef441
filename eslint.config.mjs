import { buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';
import tseslint from 'typescript-eslint';

// The same rules n8n's submission scanner applies (eslint-plugin-n8n-nodes-base's community,
// credentials and nodes sets plus @n8n/eslint-plugin-community-nodes' recommended set), and
// typescript-eslint's recommended rules for all TypeScript here.
export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.n8n-runtime/**', '.tmp/**', 'docs/**', '**/*.js', '**/*.mjs'] },
	...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
	// Scoped to what ships: the rules are about code that runs inside n8n, not about tests and scripts.
	...(await buildScanConfig()).map((config) => ({
		...config,
		files: config.files ?? ['nodes/**/*.ts', 'credentials/**/*.ts', 'nodes/**/*.json', 'package.json'],
		ignores: [...(config.ignores ?? []), 'test/**', 'scripts/**'],
	})),
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
		rules: { 'no-console': 'off' },
	},
];
