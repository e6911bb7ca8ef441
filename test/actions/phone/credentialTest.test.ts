import type { ICredentialTestFunctions, INodeType } from 'n8n-workflow';

import { loadPackage } from '../../support/engine';

/** The Test button of the Diga SIP Trunk API credential, as n8n calls it: the node's `testedBy` method. */
async function testTrunk(data: object) {
	const loader = await loadPackage();
	const node = loader.getNode('diga').type as INodeType;
	const entry = node.description.credentials?.find((credential) => credential.name === 'digaSipTrunkApi');
	const method = node.methods?.credentialTest?.[String(entry?.testedBy)];
	if (!method) throw new Error('the node has no test for the Diga SIP Trunk API credential');
	return await method.call({} as ICredentialTestFunctions, { id: '1', name: 'SIP trunk', type: 'digaSipTrunkApi', data: data as never });
}

describe('the Diga SIP Trunk API credential test', () => {
	test('passes a well-formed trunk, and says that the trunk itself is reached only by a call', async () => {
		expect(await testTrunk({ terminationUri: 'sip:mytrunk.pstn.twilio.com:5060', username: 'acme', password: 'x' })).toEqual({
			status: 'OK',
			message: expect.stringMatching(/only when it places a call/),
		});
	});

	test.each([
		[{ terminationUri: '' }, /Termination URI: is empty/],
		[{ terminationUri: '2001:db8::10' }, /\[2001:db8::10\]:5060/],
		[{ terminationUri: 'trunk.example.com/path' }, /is not a host name/],
	])('refuses %j, saying how to fix it', async (data, message) => {
		expect(await testTrunk(data)).toEqual({ status: 'Error', message: expect.stringMatching(message) });
	});

	test('never shows the password it finds in the termination URI', async () => {
		const result = await testTrunk({ terminationUri: 'sip:acme:Tr-canary-pw@trunk.example.com', password: 'Tr-canary-pw' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('"sip:acme:***@trunk.example.com" carries a user name and password');
		expect(result.message).not.toContain('Tr-canary-pw');
	});
});
