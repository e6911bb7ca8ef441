import { importOutbound, inboundConfig, outboundMediaEncryption, trunkConfig } from '../../../nodes/Diga/actions/phone/sip';
import { rejectedAs } from '../../support/diga';

const credentialField = (field: string) => `Diga API credential > SIP Trunk ${field}`;

describe('trunkConfig', () => {
	test('maps the credential to Diga\'s field names, normalising the termination URI and trimming the username', () => {
		expect(trunkConfig({ terminationUri: ' sip:mytrunk.pstn.twilio.com:5060 ', username: ' trunk-user ', password: 's3cret' })).toEqual({
			termination_uri: 'mytrunk.pstn.twilio.com:5060',
			username: 'trunk-user',
			password: 's3cret',
		});
	});

	test('keeps the password verbatim, spaces included', () => {
		expect(trunkConfig({ terminationUri: 'trunk.example.com', password: '  pass word  ' })).toEqual({
			termination_uri: 'trunk.example.com',
			password: '  pass word  ',
		});
	});

	test('leaves out an empty username and password: a trunk that admits Diga by IP address', () => {
		expect(trunkConfig({ terminationUri: '203.0.113.10', username: '', password: '' })).toEqual({ termination_uri: '203.0.113.10' });
		expect(trunkConfig({ terminationUri: '203.0.113.10' })).toEqual({ termination_uri: '203.0.113.10' });
	});

	test.each([
		[{}, 'Termination URI'],
		[{ terminationUri: '  ', username: 'trunk-user', password: 's3cret' }, 'Termination URI'],
		[{ terminationUri: 'alice@trunk.example.com' }, 'Termination URI'],
		[{ terminationUri: 'trunk.example.com', username: { name: 'x' } }, 'Username'],
		[{ terminationUri: 'trunk.example.com', password: { user: 'x' } }, 'Password'],
	])('refuses %j, naming the credential and its field %s', (input, field) => {
		expect(() => trunkConfig(input)).toThrow(rejectedAs(credentialField(field)));
	});

	test('refuses a termination URI that holds the password without showing it, pointing to the credential\'s fields', () => {
		let error: Error | undefined;
		try {
			trunkConfig({ terminationUri: 'sip:acme:S3cret-pw@trunk.example.com', password: 'S3cret-pw' });
		} catch (thrown) {
			error = thrown as Error;
		}
		expect(error).toEqual(rejectedAs(credentialField('Termination URI')));
		expect(error?.message).toBe(`${credentialField('Termination URI')}: "sip:acme:***@trunk.example.com" carries a user name and password`);
		expect(JSON.stringify({ ...error, message: error?.message })).not.toContain('S3cret-pw');
	});
});

describe('importOutbound', () => {
	test('the trunk as sip_config and as outbound_config, the latter with its media encryption', () => {
		expect(importOutbound({ terminationUri: 'sips:trunk.example.com', username: 'acme', password: ' p ' }, 'require')).toEqual({
			sip_config: { termination_uri: 'trunk.example.com', username: 'acme', password: ' p ' },
			outbound_config: { termination_uri: 'trunk.example.com', username: 'acme', password: ' p ', media_encryption: 'require' },
		});
	});

	test('a trunk without digest authentication', () => {
		expect(importOutbound({ terminationUri: '[2001:db8::10]:5060' }, 'allow')).toEqual({
			sip_config: { termination_uri: '[2001:db8::10]:5060' },
			outbound_config: { termination_uri: '[2001:db8::10]:5060', media_encryption: 'allow' },
		});
	});
});

describe('outboundMediaEncryption', () => {
	test.each(['disable', 'allow', 'require'])('takes %s', (value) => {
		expect(outboundMediaEncryption(value)).toBe(value);
	});

	test('Keep Current sends nothing', () => {
		expect(outboundMediaEncryption('keep')).toBeUndefined();
	});

	test.each([[''], ['on'], [undefined]])('refuses %j', (value) => {
		expect(() => outboundMediaEncryption(value)).toThrow(rejectedAs('Outbound Media Encryption'));
	});
});

describe('inboundConfig', () => {
	test.each([[{}], [{ mediaEncryption: '', allowedAddresses: '' }], [{ mediaEncryption: null, allowedAddresses: null }]])(
		'is undefined for %j',
		(input) => {
			expect(inboundConfig(input)).toBeUndefined();
		},
	);

	test('maps both fields to their API names', () => {
		expect(inboundConfig({ mediaEncryption: 'disable', allowedAddresses: '203.0.113.10,\n2001:db8::/32' })).toEqual({
			media_encryption: 'disable',
			allowed_addresses: ['203.0.113.10', '2001:db8::/32'],
		});
	});

	test('carries only the media encryption when no addresses are given', () => {
		expect(inboundConfig({ mediaEncryption: 'allow' })).toEqual({ media_encryption: 'allow' });
	});

	test('carries an address list from an expression', () => {
		expect(inboundConfig({ allowedAddresses: ['198.51.100.0/24'] })).toEqual({ allowed_addresses: ['198.51.100.0/24'] });
	});

	test.each([[''], [null], [undefined]])('leaves an empty address list %j out on Import, where Diga then accepts all', (allowedAddresses) => {
		expect(inboundConfig({ allowedAddresses, mediaEncryption: 'allow' })).toEqual({ media_encryption: 'allow' });
	});

	test.each([[''], [[]], [' ,\n']])('in partial mode sends an added but empty list %j as [] (reopens to all senders)', (allowedAddresses) => {
		expect(inboundConfig({ allowedAddresses }, true)).toEqual({ allowed_addresses: [] });
	});

	test('in partial mode leaves out a list that was not added', () => {
		expect(inboundConfig({ mediaEncryption: 'require' }, true)).toEqual({ media_encryption: 'require' });
		expect(inboundConfig({}, true)).toBeUndefined();
	});

	test.each([
		[{ mediaEncryption: 'always' }, 'Inbound Media Encryption'],
		[{ allowedAddresses: '203.0.113.10, not-an-ip' }, 'Allowed Addresses'],
	])('refuses %j', (input, parameter) => {
		expect(() => inboundConfig(input)).toThrow(rejectedAs(parameter));
	});
});
