/**
 * `npm run test:queue`: the package in n8n's queue mode (test/queue/*.queue.ts): Postgres and Redis
 * (Debian's packages, installed with apt-get when missing), n8n 2.41.1 as main, workers and webhook processor.
 * Not part of `npm test`: it installs n8n on the first run and takes minutes.
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.queue.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testTimeout: 300000,
	verbose: true,
};
