import { buildImportBody } from '../../../nodes/Diga/actions/phone/import.operation';
import { InputError } from '../../../nodes/Diga/helpers/validation';
import { expectContractClean, runAgainst, TEST_API_KEY } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

const importPhone = (fields: object) => ({ resource: 'phone', operation: 'import', ...fields });

describe('buildImportBody', () => {
	test('inbound-only: just the number', () => {
		expect(buildImportBody({ phoneNumber: ' +34912345678 ' })).toEqual({ phone_number: '+34912345678' });
	});

	test('outbound settings go out as both sip_config and outbound_config', () => {
		const body = buildImportBody({
			phoneNumber: '+34912345678',
			outbound: { terminationUri: 'sip:trunk.example.com:5060', username: 'acme', password: ' s3cret ', mediaEncryption: 'require' },
		});
		expect(body.sip_config).toEqual({ termination_uri: 'trunk.example.com:5060', username: 'acme', password: ' s3cret ' });
		expect(body.outbound_config).toEqual({
			termination_uri: 'trunk.example.com:5060',
			username: 'acme',
			password: ' s3cret ',
			media_encryption: 'require',
		});
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
		[{ phoneNumber: '+34912345678', outbound: { username: 'acme' } }, 'Termination URI'],
		[{ phoneNumber: '+34912345678', outbound: { terminationUri: 'trunk.example.com/path' } }, 'Termination URI'],
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

	test('with outbound and inbound settings', async () => {
		const { output, error } = await runAgainst(
			server(),
			importPhone({
				phoneNumber: '+34912345678',
				outbound: { terminationUri: 'sips:trunk.example.com', username: 'acme', password: 'trunk-pass', mediaEncryption: 'require' },
				inbound: { allowedAddresses: '203.0.113.0/24\n2001:db8::1', mediaEncryption: 'allow' },
			}),
		);
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expectContractClean(server());
		const body = server().requests[0].body as Record<string, Record<string, unknown>>;
		expect(body.sip_config.termination_uri).toBe('trunk.example.com');
		expect(body.outbound_config.media_encryption).toBe('require');
		expect(body.inbound_config.allowed_addresses).toEqual(['203.0.113.0/24', '2001:db8::1']);
		expect(JSON.stringify(output)).not.toContain('trunk-pass');
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
