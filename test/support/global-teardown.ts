/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code that runs in Node under Jest, not code that n8n loads */
export default async function globalTeardown(): Promise<void> {
	for (const child of globalThis.digaPrismChildren ?? []) child.kill();
}
