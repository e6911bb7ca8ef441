/**
 * `npm run test:editor`: the Diga node in n8n's editor, in Chromium (test/editor/*.editor.ts); refreshes
 * docs/images/. Not part of `npm test`: it runs real n8n and a browser.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/editor'],
	testMatch: ['**/*.editor.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testTimeout: 60000,
	verbose: true,
};
