import fc from 'fast-check';

import { e164, mediaEncryption, phoneNumber, uuid } from '../../../nodes/Diga/shared/helpers/validation';
import { rejectedAs } from '../../support/diga';

describe('phoneNumber', () => {
	test.each([
		['+34912345678', '+34912345678'],
		['+14155550123', '+14155550123'],
		['+1234567', '+1234567'],
		['+123456789012345', '+123456789012345'],
		['alice@sip.example.com', 'alice@sip.example.com'],
		['+34912345678@trunk.example.com', '+34912345678@trunk.example.com'],
		['user.name-1@host', 'user.name-1@host'],
		['  +34912345678  ', '+34912345678'],
		['\talice@sip.example.com\n', 'alice@sip.example.com'],
	])('accepts %j as %j', (input, expected) => {
		expect(phoneNumber(input)).toBe(expected);
	});

	test.each([
		[''],
		['   '],
		[undefined],
		[null],
		['34912345678'],
		['+0912345678'],
		['+123456'],
		['+1234567890123456'],
		['+34 912 345 678'],
		['+34-912-345-678'],
		['alice @sip.example.com'],
		['alice@'],
		['@sip.example.com'],
		['alice@sip.example.com.'],
		['alice@-sip.example.com'],
		['sip:alice@sip.example.com'],
		['alice@bob@sip.example.com'],
		[34912345678],
		[true],
		[{ number: '+34912345678' }],
	])('rejects %j', (input) => {
		expect(() => phoneNumber(input)).toThrow(rejectedAs('Phone Number'));
	});

	test('names the parameter it is given', () => {
		expect(() => phoneNumber('nope', 'From Number')).toThrow(rejectedAs('From Number'));
	});
});

describe('e164', () => {
	test.each([
		['+34912345678', '+34912345678'],
		[' +14155550123 ', '+14155550123'],
	])('accepts %j as %j', (input, expected) => {
		expect(e164(input, 'To Number')).toBe(expected);
	});

	test.each([[''], ['  '], ['alice@sip.example.com'], ['0034912345678'], ['+34 912345678'], ['+0123456789'], [undefined]])(
		'rejects %j',
		(input) => {
			expect(() => e164(input, 'To Number')).toThrow(rejectedAs('To Number'));
		},
	);
});

describe('uuid', () => {
	const hint = 'Pick it from the list.';

	test.each([
		['3c90c3cc-0d44-4b50-8888-8dd25736052a', '3c90c3cc-0d44-4b50-8888-8dd25736052a'],
		['3C90C3CC-0D44-4B50-8888-8DD25736052A', '3c90c3cc-0d44-4b50-8888-8dd25736052a'],
		[' 3c90c3cc-0d44-4b50-8888-8dd25736052a\n', '3c90c3cc-0d44-4b50-8888-8dd25736052a'],
	])('accepts %j as %j', (input, expected) => {
		expect(uuid(input, 'Phone', hint)).toBe(expected);
	});

	test('accepts every generated UUID, lowercased', () => {
		fc.assert(
			fc.property(fc.uuid(), fc.boolean(), (id, upper) => {
				expect(uuid(upper ? id.toUpperCase() : id, 'Phone', hint)).toBe(id.toLowerCase());
			}),
		);
	});

	test.each([
		[''],
		['  '],
		['3c90c3cc0d444b5088888dd25736052a'],
		['3c90c3cc-0d44-4b50-8888-8dd25736052'],
		['3c90c3cc-0d44-4b50-8888-8dd25736052a0'],
		['{3c90c3cc-0d44-4b50-8888-8dd25736052a}'],
		['urn:uuid:3c90c3cc-0d44-4b50-8888-8dd25736052a'],
		['3c90c3cc-0d44-4b50-8888-8dd25736052g'],
		[42],
	])('rejects %j', (input) => {
		expect(() => uuid(input, 'Phone', hint)).toThrow(rejectedAs('Phone'));
	});
});

describe('mediaEncryption', () => {
	test.each(['disable', 'allow', 'require'])('accepts %s', (value) => {
		expect(mediaEncryption(value, 'Inbound Media Encryption')).toBe(value);
	});

	test.each([[''], ['Allow'], [' allow'], ['enabled'], [undefined], [null], [1]])('rejects %j', (value) => {
		expect(() => mediaEncryption(value, 'Inbound Media Encryption')).toThrow(rejectedAs('Inbound Media Encryption'));
	});
});
