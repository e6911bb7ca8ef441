import { buildSipConfigBody, withTrunk } from '../../../nodes/Diga/actions/phone/updateSipConfig.operation';
import { InputError } from '../../../nodes/Diga/shared/helpers/validation';
import { byId, expectContractClean, PHONE_ID, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

const TRUNK = { terminationUri: 'sip:new-trunk.example.com:5061', username: 'acme', password: 'N3w-pass-canary' };

describe('buildSipConfigBody', () => {
	test('partial: only what was changed', () => {
		expect(buildSipConfigBody({ outboundMediaEncryption: 'require' })).toEqual({ outbound_config: { media_encryption: 'require' } });
		expect(buildSipConfigBody({ outboundMediaEncryption: 'keep', inbound: { mediaEncryption: 'require' } })).toEqual({
			inbound_config: { media_encryption: 'require' },
		});
	});

	test('an added but empty address list reopens the number to all senders', () => {
		expect(buildSipConfigBody({ outboundMediaEncryption: 'keep', inbound: { allowedAddresses: '' } })).toEqual({ inbound_config: { allowed_addresses: [] } });
	});

	test('nothing changed is an error', () => {
		expect(() => buildSipConfigBody({ outboundMediaEncryption: 'keep' })).toThrow(InputError);
	});

	test('a trunk update alone is something to send: the trunk joins when sending', () => {
		expect(buildSipConfigBody({ updateTrunk: true, outboundMediaEncryption: 'keep' })).toEqual({});
	});
});

describe('withTrunk', () => {
	test("adds the credential's trunk to the outbound settings", () => {
		expect(withTrunk({ outbound_config: { media_encryption: 'disable' }, inbound_config: { allowed_addresses: [] } }, TRUNK)).toEqual({
			outbound_config: { termination_uri: 'new-trunk.example.com:5061', username: 'acme', password: 'N3w-pass-canary', media_encryption: 'disable' },
			inbound_config: { allowed_addresses: [] },
		});
	});

	test('sends only the termination URI of a trunk without username and password, leaving Diga\'s as they are', () => {
		expect(withTrunk({}, { terminationUri: '203.0.113.7', username: '', password: '' })).toEqual({ outbound_config: { termination_uri: '203.0.113.7' } });
	});
});

const updateSipConfig = (fields: object) => ({ resource: 'phone', operation: 'updateSipConfig', phoneId: byId(PHONE_ID), ...fields });

// PATCH /v1/phone/{phone_id}/sip-config exists in the current contract only.
describeEachContract(
	'Update SIP Config',
	(server) => {
		test('sends the partial inbound and outbound config', async () => {
			const { output, error } = await runAgainst(server(), updateSipConfig({ outboundMediaEncryption: 'require', inbound: { allowedAddresses: '192.0.2.0/24' } }));
			expect(error).toBeUndefined();
			expect(output?.[0].json.id).toBeDefined();
			expectContractClean(server());
			expect(server().requests.map((r) => [r.method, r.path, r.body])).toEqual([
				[
					'PATCH',
					`/v1/phone/${PHONE_ID}/sip-config`,
					{ outbound_config: { media_encryption: 'require' }, inbound_config: { allowed_addresses: ['192.0.2.0/24'] } },
				],
			]);
		});

		test("Update From Credential sends the credential's trunk, and nothing it does not hold", async () => {
			const { output, error, run } = await runAgainst(server(), updateSipConfig({ outboundTrunk: 'credential' }), { sipTrunk: TRUNK });
			expect(error).toBeUndefined();
			expectContractClean(server());
			expect(server().requests.map((r) => r.body)).toEqual([
				{ outbound_config: { termination_uri: 'new-trunk.example.com:5061', username: 'acme', password: 'N3w-pass-canary' } },
			]);
			expect(JSON.stringify([output, run])).not.toContain('N3w-pass-canary');
		});

		test('the trunk with a new media encryption and inbound settings, in one request', async () => {
			const { error } = await runAgainst(
				server(),
				updateSipConfig({ outboundTrunk: 'credential', outboundMediaEncryption: 'disable', inbound: { mediaEncryption: 'require' } }),
				{ sipTrunk: TRUNK },
			);
			expect(error).toBeUndefined();
			expectContractClean(server());
			expect(server().requests[0].body).toEqual({
				outbound_config: { termination_uri: 'new-trunk.example.com:5061', username: 'acme', password: 'N3w-pass-canary', media_encryption: 'disable' },
				inbound_config: { media_encryption: 'require' },
			});
		});

		test('Keep Current leaves the trunk out even with a trunk in the credential', async () => {
			const { error } = await runAgainst(server(), updateSipConfig({ outboundMediaEncryption: 'allow' }), { sipTrunk: TRUNK });
			expect(error).toBeUndefined();
			expect(server().requests[0].body).toEqual({ outbound_config: { media_encryption: 'allow' } });
		});

		test('a bare IPv6 termination URI in the credential is refused before the request, asking for brackets', async () => {
			const { error } = await runAgainst(server(), updateSipConfig({ outboundTrunk: 'credential' }), { sipTrunk: { terminationUri: '2001:db8::10' } });
			expect(error?.message).toBe('Diga API credential > SIP Trunk Termination URI (item 0): "2001:db8::10" is an IPv6 address without square brackets');
			expect(error?.description).toContain('[2001:db8::10]:5060');
			expect(server().requests).toHaveLength(0);
		});

		test('Update From Credential with a credential that has no trunk fails before the request, saying what to fill in', async () => {
			const { error } = await runAgainst(server(), updateSipConfig({ outboundTrunk: 'credential' }));
			expect(error?.message).toBe('Diga API credential (item 0): has no SIP trunk');
			expect(error?.description).toMatch(/Outbound Trunk > Keep Current/);
			expect(server().requests).toHaveLength(0);
		});

		test('nothing to update fails before the request, naming the field', async () => {
			const { error } = await runAgainst(server(), updateSipConfig({}));
			expect(error?.message).toBe('Outbound Trunk (item 0): nothing to update');
			expect(server().requests).toHaveLength(0);
		});
	},
	['2026-07-22'],
);

describeEachContract(
	'Update SIP Config on an API without the endpoint',
	(server) => {
		test('the 404 for the route itself says the endpoint is missing, not that the phone does not exist', async () => {
			const { output, error } = await runAgainst(server(), {
				resource: 'phone',
				operation: 'updateSipConfig',
				phoneId: byId(PHONE_ID),
				inbound: { mediaEncryption: 'require' },
			});
			expect(output).toBeUndefined();
			expect(error?.httpCode).toBe('404');
			expect(error?.description).toMatch(/has no endpoint PATCH \/v1\/phone\/\S+\/sip-config, so nothing was changed/);
			expect(error?.description).not.toMatch(/Nothing with this ID exists/);
		});
	},
	['2026-04-07'],
);
