import fc from 'fast-check';

import { allowedAddresses, isIpOrCidr, terminationUri } from '../../../nodes/Diga/shared/helpers/addresses';
import { InputError } from '../../../nodes/Diga/shared/helpers/validation';
import { rejectedAs } from '../../support/diga';

describe('isIpOrCidr', () => {
	test.each([
		'0.0.0.0',
		'203.0.113.10',
		'255.255.255.255',
		'198.51.100.0/24',
		'10.0.0.0/8',
		'0.0.0.0/0',
		'192.0.2.1/32',
		'::',
		'::1',
		'::/0',
		'2001:db8::',
		'2001:db8::/32',
		'2001:DB8::1',
		'fe80::1:2:3:4',
		'2001:db8:0:0:0:0:0:1',
		'1:2:3:4:5:6:7::',
		'::2:3:4:5:6:7:8',
		'2001:db8::1/128',
		'::ffff:192.0.2.1',
		'::ffff:192.0.2.0/120',
		'64:ff9b::192.0.2.33',
		'1:2:3:4:5:6:192.0.2.1',
	])('accepts %s', (value) => {
		expect(isIpOrCidr(value)).toBe(true);
	});

	test.each([
		'',
		'/',
		'localhost',
		'256.0.0.1',
		'1.2.3',
		'1.2.3.4.5',
		'01.2.3.4',
		'1.2.3.4/',
		'1.2.3.4/33',
		'1.2.3.4/-1',
		'1.2.3.4/24/8',
		'1.2.3.4/a',
		' 1.2.3.4',
		':::',
		':1:2:3:4:5:6:7',
		'1:2:3:4:5:6:7:8:9',
		'1:2:3:4:5:6:7',
		'1::2::3',
		'1:2:3:4:5:6:7:8::',
		'12345::',
		'g::1',
		'2001:db8::/129',
		'::ffff:192.0.2.256',
		'1:2:3:4:5:6:7:192.0.2.1',
		'192.0.2.1::',
		'fe80::1%eth0',
		'[::1]',
	])('rejects %j', (value) => {
		expect(isIpOrCidr(value)).toBe(false);
	});

	test('accepts every generated IPv4 and IPv6 address, with or without a valid prefix', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.tuple(fc.ipV4(), fc.option(fc.integer({ min: 0, max: 32 }))),
					fc.tuple(fc.ipV6(), fc.option(fc.integer({ min: 0, max: 128 }))),
				),
				([address, prefix]) => {
					expect(isIpOrCidr(prefix === null ? address : `${address}/${prefix}`)).toBe(true);
				},
			),
		);
	});
});

describe('allowedAddresses', () => {
	test.each([
		['203.0.113.10, 198.51.100.0/24', ['203.0.113.10', '198.51.100.0/24']],
		['203.0.113.10\n2001:db8::/32\r\n::1', ['203.0.113.10', '2001:db8::/32', '::1']],
		[' 203.0.113.10 ,, ,\n\n198.51.100.7,', ['203.0.113.10', '198.51.100.7']],
		[['203.0.113.10', ' 2001:db8::1 ', '', null], ['203.0.113.10', '2001:db8::1']],
		['', []],
		[' , \n ', []],
		[[], []],
	])('reads %j as %j', (input, expected) => {
		expect(allowedAddresses(input)).toEqual(expected);
	});

	test.each([
		['203.0.113.10, 10.0.0.300', '"10.0.0.300"'],
		['203.0.113.10\nexample.com', '"example.com"'],
		['203.0.113.10; 198.51.100.7', '"203.0.113.10; 198.51.100.7"'],
		['10.0.0.0/33', '"10.0.0.0/33"'],
		[['203.0.113.10', '2001:db8::/129'], '"2001:db8::/129"'],
		[['203.0.113.10, 198.51.100.7'], '"203.0.113.10, 198.51.100.7"'],
	])('rejects %j naming %s', (input, named) => {
		expect(() => allowedAddresses(input)).toThrow(rejectedAs('Allowed Addresses'));
		expect(() => allowedAddresses(input)).toThrow(expect.objectContaining({ problem: expect.stringContaining(named) }));
	});

	test.each([[[{ ip: '203.0.113.10' }]], [true], [{ list: '203.0.113.10' }]])('rejects a non-text value %j', (input) => {
		expect(() => allowedAddresses(input)).toThrow(rejectedAs('Allowed Addresses'));
	});
});

describe('terminationUri', () => {
	test.each([
		['mytrunk.pstn.twilio.com', 'mytrunk.pstn.twilio.com'],
		['mytrunk.pstn.twilio.com:5060', 'mytrunk.pstn.twilio.com:5060'],
		['localhost', 'localhost'],
		['203.0.113.10', '203.0.113.10'],
		['203.0.113.10:5061', '203.0.113.10:5061'],
		['[2001:db8::1]', '[2001:db8::1]'],
		['[2001:db8::1]:5060', '[2001:db8::1]:5060'],
		['[::ffff:192.0.2.1]:5060', '[::ffff:192.0.2.1]:5060'],
		['sip:mytrunk.pstn.twilio.com', 'mytrunk.pstn.twilio.com'],
		['SIP:mytrunk.pstn.twilio.com:5060', 'mytrunk.pstn.twilio.com:5060'],
		['sips:203.0.113.10:5061', '203.0.113.10:5061'],
		['Sips:[2001:db8::1]:5061', '[2001:db8::1]:5061'],
		['  sip:trunk.example.com  ', 'trunk.example.com'],
		['trunk.example.com:1', 'trunk.example.com:1'],
		['trunk.example.com:65535', 'trunk.example.com:65535'],
	])('accepts %j as %j', (input, expected) => {
		expect(terminationUri(input)).toBe(expected);
	});

	test.each([
		[''],
		['   '],
		['sip:'],
		[undefined],
		['trunk.example.com/path'],
		['trunk.example.com;transport=tcp'],
		['sip:trunk.example.com;transport=tls'],
		['alice@trunk.example.com'],
		['sip:alice@trunk.example.com'],
		['trunk.example.com:0'],
		['trunk.example.com:65536'],
		['trunk.example.com:'],
		['trunk.example.com:sip'],
		['trunk.example.com:5060:5060'],
		['http://trunk.example.com'],
		['sip:sip:trunk.example.com'],
		['trunk example.com'],
		['-trunk.example.com'],
		['trunk.example.com.'],
		['256.0.0.1'],
		['1.2.3'],
		['2001:db8::1'],
		['[2001:db8::zz]:5060'],
		['[203.0.113.10]:5060'],
		[5060],
	])('rejects %j', (input) => {
		expect(() => terminationUri(input)).toThrow(rejectedAs('Termination URI'));
	});

	test.each([
		['sip:user:pass@host.example.com', '"sip:user:***@host.example.com" carries a user name and password'],
		['acme:S3cr3t@trunk.example.com:5060', '"acme:***@trunk.example.com:5060" carries a user name and password'],
		['sips:acme:p@ss:w@rd@trunk.example.com', '"sips:acme:***@trunk.example.com" carries a user name and password'],
		['sip:acme:@trunk.example.com', '"sip:acme:***@trunk.example.com" carries a user name and password'],
		['sip:alice@trunk.example.com:5060', '"sip:alice@trunk.example.com:5060" carries a user name'],
	])('refuses %j with its password masked: %s', (input, problem) => {
		expect(() => terminationUri(input)).toThrow(expect.objectContaining({ problem }));
	});

	test("sends a user name or password found in the URI to the credential's own fields", () => {
		expect(() => terminationUri('sip:user:pass@host.example.com')).toThrow(
			expect.objectContaining({ hint: expect.stringMatching(/credential's SIP Trunk Username and SIP Trunk Password fields/) }),
		);
	});

	test('never shows the password, however long, nor the start of it', () => {
		const password = 'pw-'.repeat(30);
		let error: InputError | undefined;
		try {
			terminationUri(`sip:acme:${password}@trunk.example.com`);
		} catch (thrown) {
			error = thrown as InputError;
		}
		expect(error).toBeInstanceOf(InputError);
		expect(`${error?.message} ${error?.hint}`).not.toContain('pw-');
	});

	test.each([
		['2001:db8::10', '[2001:db8::10]:5060'],
		['sip:2001:db8::10', '[2001:db8::10]:5060'],
		['::1', '[::1]:5060'],
	])('asks for square brackets around the bare IPv6 address %j', (input, bracketed) => {
		expect(() => terminationUri(input)).toThrow(
			expect.objectContaining({ problem: expect.stringMatching(/IPv6 address without square brackets/), hint: expect.stringContaining(bracketed) }),
		);
	});

	test('accepts any generated host name, IPv4 or bracketed IPv6, with an optional port and scheme', () => {
		const host = fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6().map((address) => `[${address}]`));
		fc.assert(
			fc.property(
				fc.constantFrom('', 'sip:', 'sips:', 'SIP:'),
				host,
				fc.option(fc.integer({ min: 1, max: 65535 })),
				(scheme, name, port) => {
					const expected = port === null ? name : `${name}:${port}`;
					expect(terminationUri(`${scheme}${expected}`)).toBe(expected);
				},
			),
		);
	});
});
