import { buildSipConfigBody } from '../../../nodes/Diga/actions/phone/updateSipConfig.operation';
import { InputError } from '../../../nodes/Diga/helpers/validation';
import { byId, expectContractClean, PHONE_ID, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

describe('buildSipConfigBody', () => {
	test('partial: only what was set', () => {
		expect(buildSipConfigBody({ username: 'acme' }, {})).toEqual({ outbound_config: { username: 'acme' } });
		expect(buildSipConfigBody({}, { mediaEncryption: 'require' })).toEqual({ inbound_config: { media_encryption: 'require' } });
	});

	test('an added but empty address list reopens the number to all senders', () => {
		expect(buildSipConfigBody({}, { allowedAddresses: '' })).toEqual({ inbound_config: { allowed_addresses: [] } });
	});

	test('nothing set is an error', () => {
		expect(() => buildSipConfigBody({}, {})).toThrow(InputError);
	});
});

// PATCH /v1/phone/{phone_id}/sip-config exists in the current contract only.
describeEachContract(
	'Update SIP Config',
	(server) => {
		test('sends the partial inbound and outbound config', async () => {
			const { output, error } = await runAgainst(server(), {
				resource: 'phone',
				operation: 'updateSipConfig',
				phoneId: byId(PHONE_ID),
				outbound: { terminationUri: 'sip:new-trunk.example.com:5061', password: 'n3w-pass' },
				inbound: { allowedAddresses: '192.0.2.0/24' },
			});
			expect(error).toBeUndefined();
			expect(output?.[0].json.id).toBeDefined();
			expectContractClean(server());
			expect(server().requests.map((r) => [r.method, r.path, r.body])).toEqual([
				[
					'PATCH',
					`/v1/phone/${PHONE_ID}/sip-config`,
					{ outbound_config: { termination_uri: 'new-trunk.example.com:5061', password: 'n3w-pass' }, inbound_config: { allowed_addresses: ['192.0.2.0/24'] } },
				],
			]);
			expect(JSON.stringify(output)).not.toContain('n3w-pass');
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
