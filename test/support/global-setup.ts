/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
import type { ChildProcess } from 'node:child_process';

import { CONTRACT_NAMES } from './contracts';
import { prismEnvName, startPrism } from './prism';

declare global {
	var digaPrismChildren: ChildProcess[] | undefined;
}

/** One Prism per contract for the whole run; each test file puts its own recording proxy in front. */
export default async function globalSetup(): Promise<void> {
	const started = await Promise.all(CONTRACT_NAMES.map(async (contract) => ({ contract, ...(await startPrism(contract)) })));
	globalThis.digaPrismChildren = started.map(({ child }) => child);
	for (const { contract, url } of started) process.env[prismEnvName(contract)] = url;
}
