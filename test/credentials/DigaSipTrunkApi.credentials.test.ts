/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { ICredentialType } from 'n8n-workflow';

import { DigaApi } from '../../credentials/DigaApi.credentials';
import { DigaSipTrunkApi } from '../../credentials/DigaSipTrunkApi.credentials';
import { loadPackage, ROOT } from '../support/engine';

describe('the Diga SIP Trunk API credential', () => {
	const credential: ICredentialType = new DigaSipTrunkApi();

	test('holds the trunk: Termination URI (required), Username, Password (masked)', () => {
		expect(credential.properties.map(({ displayName, name, required, typeOptions }) => ({ displayName, name, required, typeOptions }))).toEqual([
			{ displayName: 'Termination URI', name: 'terminationUri', required: true, typeOptions: undefined },
			{ displayName: 'Username', name: 'username', required: undefined, typeOptions: undefined },
			{ displayName: 'Password', name: 'password', required: undefined, typeOptions: { password: true } },
		]);
	});

	test('has nothing to authenticate with: Diga receives the trunk in the request body, never as a header', () => {
		expect(credential.authenticate).toBeUndefined();
		expect(credential.test).toBeUndefined();
	});

	test('documents itself with a full URL and shows the Diga icon', () => {
		expect(credential.documentationUrl).toMatch(/^https:\/\/github\.com\/diga-io\/n8n-nodes-diga#/);
		expect(credential.icon).toEqual(new DigaApi().icon);
	});

	test('is registered in package.json and loaded as n8n loads an installed package', async () => {
		const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { credentials: string[] } };
		expect(pkg.n8n.credentials).toContain('dist/credentials/DigaSipTrunkApi.credentials.js');
		const loader = await loadPackage();
		expect(loader.getCredential('digaSipTrunkApi').type.displayName).toBe('Diga SIP Trunk API');
	});
});
