/**
 * `npm run test:e2e`: real n8n runs the end-to-end cases and every example against Prism (test/e2e/*.e2e.ts).
 * Not part of `npm test`: it installs n8n 2.41.1 on the first run and takes minutes.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testTimeout: 60000,
	verbose: true,
};
