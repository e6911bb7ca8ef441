/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * n8n logs every node error it handles, and the tests cause hundreds on purpose: its log would bury
 * the test report. test/secrets.test.ts turns it back on, at debug level, to search it for secrets.
 */
process.env.N8N_LOG_LEVEL ??= 'silent';
