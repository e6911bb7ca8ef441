/**
 * `npm run test:editor`: the Diga node in n8n's editor, in Chromium (test/editor/*.editor.ts); refreshes
 * docs/images/. Not part of `npm test`: it runs real n8n and a browser. Set up as the end-to-end suite.
 * @type {import('jest').Config}
 */
module.exports = {
	...require('./jest.e2e.config.js'),
	roots: ['<rootDir>/test/editor'],
	testMatch: ['**/*.editor.ts'],
};
