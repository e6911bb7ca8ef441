import type { INodeProperties } from 'n8n-workflow';

import { Diga } from '../../../nodes/Diga/Diga.node';
import { buildImportBody, description } from '../../../nodes/Diga/actions/phone/import.operation';
import { InputError } from '../../../nodes/Diga/shared/helpers/validation';
import { expectContractClean, runAgainst, TEST_API_KEY } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

const importPhone = (fields: object) => ({ resource: 'phone', operation: 'import', ...fields });
const TRUNK = { terminationUri: 'sips:trunk.example.com:5061', username: 'acme', password: ' Trunk-pass-canary ' };
const throughTrunk = (fields: object = {}) => importPhone({ phoneNumber: '+34912345678', outboundTrunk: 'credential', ...fields });

describe('buildImportBody', () => {
	test('inbound-only: just the number', () => {
		expect(buildImportBody({ phoneNumber: ' +34912345678 ' })).toEqual({ phone_number: '+34912345678' });
	});

	test('inbound settings', () => {
		expect(
			buildImportBody({ phoneNumber: 'alice@sip.example.com', inbound: { allowedAddresses: '203.0.113.10, 2001:db8::/32', mediaEncryption: 'disable' } }),
		).toEqual({
			phone_number: 'alice@sip.example.com',
			inbound_config: { allowed_addresses: ['203.0.113.10', '2001:db8::/32'], media_encryption: 'disable' },
		});
	});

	test.each([
		[{ phoneNumber: '' }, 'Phone Number'],
		[{ phoneNumber: '+34 912 345 678' }, 'Phone Number'],
		[{ phoneNumber: '+34912345678', inbound: { allowedAddresses: '10.0.0.0/33' } }, 'Allowed Addresses'],
	])('rejects %j naming %s', (input, parameter) => {
		expect(() => buildImportBody(input)).toThrow(InputError);
		try {
			buildImportBody(input);
		} catch (error) {
			expect((error as InputError).parameter).toBe(parameter);
		}
	});
});

describe('the trunk password is no node parameter', () => {
	/** Every parameter of the form, at any depth (collections, fixed collections). */
	function parameters(properties: readonly INodeProperties[]): INodeProperties[] {
		return properties.flatMap((property) => [
			property,
			...parameters((property.options ?? []).flatMap((option) => ('values' in option ? option.values : 'type' in option ? [option] : []))),
		]);
	}

	test('no field of the node is a password: secrets live in credentials', () => {
		const all = parameters(new Diga().description.properties);
		expect(all.filter((property) => property.typeOptions?.password).map((property) => property.name)).toEqual([]);
		expect(parameters(description).map((property) => property.name)).not.toContain('password');
	});

	test('Outbound Calls "Through a SIP Trunk" uses the trunk of the one Diga API credential: no second credential appears', () => {
		expect(new Diga().description.credentials?.map((credential) => credential.name)).toEqual(['digaApi']);
		const selector = description.find((property) => property.name === 'outboundTrunk');
		expect(selector).toMatchObject({ displayName: 'Outbound Calls', default: 'none' });
		expect(selector?.options?.map((option) => ('value' in option ? option.value : undefined))).toEqual(['none', 'credential']);
	});
});

describeEachContract('Import Phone in n8n against Diga contracts', (server) => {

	test('inbound-only', async () => {
		const { output, error } = await runAgainst(server(), importPhone({ phoneNumber: '+34912345678', additionalFields: { nickname: 'Madrid' } }));
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output?.[0].json.id).toEqual(expect.any(String));
		expect(output?.[0].pairedItem).toEqual({ item: 0 });
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path])).toEqual([['POST', '/v1/phone/import']]);
		expect(server().requests[0].body).toEqual({ phone_number: '+34912345678', nickname: 'Madrid' });
	});

	test('inbound-only by default, even with a trunk in the credential', async () => {
		const { error } = await runAgainst(server(), importPhone({ phoneNumber: '+34912345678' }), { sipTrunk: TRUNK });
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests[0].body).toEqual({ phone_number: '+34912345678' });
	});

	test('through a SIP trunk: the credential\'s trunk as sip_config and outbound_config, the media encryption from the node', async () => {
		const { output, error, run } = await runAgainst(
			server(),
			throughTrunk({ outboundMediaEncryption: 'require', inbound: { allowedAddresses: '203.0.113.0/24\n2001:db8::1', mediaEncryption: 'allow' } }),
			{ sipTrunk: TRUNK },
		);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expectContractClean(server());
		const trunk = { termination_uri: 'trunk.example.com:5061', username: 'acme', password: ' Trunk-pass-canary ' };
		expect(server().requests[0].body).toEqual({
			phone_number: '+34912345678',
			inbound_config: { allowed_addresses: ['203.0.113.0/24', '2001:db8::1'], media_encryption: 'allow' },
			sip_config: trunk,
			outbound_config: { ...trunk, media_encryption: 'require' },
		});
		expect(JSON.stringify(output)).not.toContain('Trunk-pass-canary');
		// The workflow n8n ran (its nodes are on the execution stack) holds no password either.
		expect(JSON.stringify(run)).not.toContain('Trunk-pass-canary');
	});

	test('a trunk without digest authentication: only the termination URI, media encryption Allow by default', async () => {
		const { error } = await runAgainst(server(), throughTrunk(), { sipTrunk: { terminationUri: '203.0.113.7', username: '', password: '' } });
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests[0].body).toEqual({
			phone_number: '+34912345678',
			sip_config: { termination_uri: '203.0.113.7' },
			outbound_config: { termination_uri: '203.0.113.7', media_encryption: 'allow' },
		});
	});

	test('the trunk credential is read once for the whole run', async () => {
		const items = [{ number: '+34910000001' }, { number: '+34910000002' }, { number: '+34910000003' }];
		const { output, error, credentialReads } = await runAgainst(server(), throughTrunk({ phoneNumber: '={{ $json.number }}' }), { items, sipTrunk: TRUNK });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(3);
		expect(server().requests.map((request) => (request.body as { outbound_config: { username: string } }).outbound_config.username)).toEqual(['acme', 'acme', 'acme']);
		// The trunk is part of the Diga API credential: one read serves the key and the trunk.
		expect(credentialReads).toBe(1);
	});

	test('a bad termination URI in the credential stops every item before any request, naming the credential field and the item', async () => {
		const sipTrunk = { ...TRUNK, terminationUri: 'sip:acme:Trunk-pass-canary@trunk.example.com' };
		const items = [{ number: '+34910000001' }, { number: '+34910000002' }];
		const { error, output } = await runAgainst(server(), throughTrunk({ phoneNumber: '={{ $json.number }}' }), { items, sipTrunk });
		expect(output).toBeUndefined();
		expect(error?.message).toBe('Diga API credential > SIP Trunk Termination URI (item 0): "sip:acme:***@trunk.example.com" carries a user name and password');
		expect(error?.description).toMatch(/credential's SIP Trunk Username and SIP Trunk Password fields/);
		expect(server().requests).toHaveLength(0);

		const itemized = await runAgainst(server(), throughTrunk({ phoneNumber: '={{ $json.number }}' }), { items, sipTrunk, continueOnFail: true });
		expect(itemized.output?.map((item) => item.json.error)).toEqual([
			expect.stringMatching(/^Diga API credential > SIP Trunk Termination URI \(item 0\)/),
			expect.stringMatching(/^Diga API credential > SIP Trunk Termination URI \(item 1\)/),
		]);
		expect(server().requests).toHaveLength(0);
		expect(JSON.stringify([error, itemized.output])).not.toContain('Trunk-pass-canary');
	});

	test('Through a SIP Trunk with a credential that has no trunk fails before any request, saying what to fill in', async () => {
		const { error, output } = await runAgainst(server(), throughTrunk());
		expect(output).toBeUndefined();
		expect(error?.message).toBe('Diga API credential (item 0): has no SIP trunk');
		expect(error?.description).toMatch(/SIP Trunk Termination URI/);
		expect(error?.description).toMatch(/Outbound Calls > None \(Inbound Only\)/);
		expect(server().requests).toHaveLength(0);
	});

	test('with inbound addresses only, for a SIP user identifier', async () => {
		const { error } = await runAgainst(server(), importPhone({ phoneNumber: 'alice@sip.example.com', inbound: { allowedAddresses: '198.51.100.7' } }));
		expect(error).toBeUndefined();
		expect(server().requests[0].body).toEqual({ phone_number: 'alice@sip.example.com', inbound_config: { allowed_addresses: ['198.51.100.7'] } });
		// The spec-era contract declares `format: phone`, which Prism does not enforce; both accept it.
		expectContractClean(server());
	});

	test('expressions resolve per item, output keeps order and pairing', async () => {
		const items = [{ number: '+34910000001', name: 'One' }, { number: '+34910000002', name: 'Two' }, { number: '+34910000003', name: 'Three' }];
		const { output, error } = await runAgainst(
			server(),
			importPhone({ phoneNumber: '={{ $json.number }}', additionalFields: { nickname: '={{ $json.name }}' } }),
			{ items },
		);
		expect(error).toBeUndefined();
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expectContractClean(server());
		const sent = server().requests.map((r) => r.body as { phone_number: string; nickname: string });
		expect(sent.map((b) => b.phone_number).sort()).toEqual(items.map((i) => i.number));
		expect(sent.every((b) => items.find((i) => i.number === b.phone_number)?.name === b.nickname)).toBe(true);
	});

	test('a bad item fails before its request is sent, naming the field and the item', async () => {
		const { error, output } = await runAgainst(server(), importPhone({ phoneNumber: '={{ $json.number }}' }), {
			items: [{ number: 'not a number' }],
		});
		expect(output).toBeUndefined();
		expect(error?.message).toMatch(/^Phone Number \(item 0\): "not a number"/);
		expect(error?.description).toMatch(/E\.164/);
		expect(server().requests).toHaveLength(0);
	});

	test('one bad item in a batch stops the run before any item is sent', async () => {
		const { error } = await runAgainst(server(), importPhone({ phoneNumber: '={{ $json.number }}' }), {
			items: [{ number: '+34910000001' }, { number: '+34910000002' }, { number: '+34 91' }],
		});
		expect(error?.message).toMatch(/^Phone Number \(item 2\)/);
		expect(server().requests).toHaveLength(0);
	});

	test('continue on fail: the bad item becomes an error item, the others go on', async () => {
		const { output, error } = await runAgainst(server(), importPhone({ phoneNumber: '={{ $json.number }}' }), {
			items: [{ number: '+34910000001' }, { number: 'sip:broken' }, { number: '+34910000003' }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(output).toHaveLength(3);
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output?.[0].json.id).toBeDefined();
		expect(output?.[1].json.error).toMatch(/Phone Number \(item 1\)/);
		expect(output?.[2].json.id).toBeDefined();
		expect(server().requests).toHaveLength(2);
		expectContractClean(server());
		expect(JSON.stringify(output)).not.toContain(TEST_API_KEY);
	});
});
