/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * Generated input, well-formed shapes mixed with junk: the node either builds a body Diga's contracts
 * accept or refuses with an InputError naming a field the user can find on the form.
 */
import fc from 'fast-check';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { DigaApi } from '../credentials/DigaApi.credentials';
import { buildImportBody, description as importDescription, type ImportInput } from '../nodes/Diga/actions/phone/import.operation';
import { buildUpdateBody, description as updateDescription, type UpdateInput } from '../nodes/Diga/actions/phone/update.operation';
import { importOutbound, inboundConfig, type TrunkInput, trunkConfig } from '../nodes/Diga/actions/phone/sip';
import { e164, InputError, MEDIA_ENCRYPTION, mediaEncryption, phoneNumber, uuid } from '../nodes/Diga/shared/helpers/validation';
import { allowedAddresses, isIpOrCidr, terminationUri } from '../nodes/Diga/shared/helpers/addresses';
import { CONTRACTS, requestBodyValidator } from './support/contracts';

const IMPORT_PARAMETERS = ['Phone Number', 'Nickname', 'Outbound Media Encryption', 'Inbound Media Encryption', 'Allowed Addresses'];
const TRUNK_CREDENTIAL = 'Diga API credential';
const TRUNK_PARAMETERS = ['SIP Trunk Termination URI', 'SIP Trunk Username', 'SIP Trunk Password'].map((field) => `${TRUNK_CREDENTIAL} > ${field}`);
const UPDATE_PARAMETERS = ['Nickname', 'Inbound Agent', 'Outbound Agent', 'Update Fields'];

const RUNS = { numRuns: 400 };

// Well-formed shapes.
const digits = (minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });
const e164Number = fc.tuple(fc.integer({ min: 1, max: 9 }), digits(6, 14)).map(([first, rest]) => `+${first}${rest}`);
const sipUser = fc
	.tuple(fc.string({ unit: fc.constantFrom(...'abcXYZ019._~!$&\'*+=%-'), minLength: 1, maxLength: 12 }), fc.domain())
	.map(([user, domain]) => `${user}@${domain}`);
const host = fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6().map((address) => `[${address}]`));
const termination = fc
	.tuple(fc.constantFrom('', 'sip:', 'SIPS:'), host, fc.option(fc.integer({ min: 1, max: 65535 })))
	.map(([scheme, name, port]) => `${scheme}${name}${port === null ? '' : `:${port}`}`);
const ipOrCidr = fc.oneof(
	fc.ipV4(),
	fc.ipV6(),
	fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([address, prefix]) => `${address}/${prefix}`),
	fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([address, prefix]) => `${address}/${prefix}`),
);
const encryption = fc.constantFrom(...MEDIA_ENCRYPTION);
const padded = (valid: fc.Arbitrary<string>) =>
	fc.tuple(fc.constantFrom('', ' ', '\t', '\n  '), valid, fc.constantFrom('', ' ', '\r\n')).map(([before, value, after]) => before + value + after);
const addressList = (entry: fc.Arbitrary<string>) =>
	fc.oneof(
		fc.array(entry, { maxLength: 4 }),
		fc.tuple(fc.array(entry, { maxLength: 4 }), fc.constantFrom(',', ', ', '\n', ' ,\n')).map(([entries, separator]) => entries.join(separator)),
	);

// Near misses and junk.
const tricky = fc.constantFrom(
	'',
	' ',
	'sip:',
	'+',
	'+0123456789',
	'+34 912 345 678',
	'alice@',
	'@host',
	'a@b@c',
	'1.2.3.4/33',
	'::/129',
	'::ffff:1.2.3.256',
	'[::1',
	'host:0',
	'host:65536',
	'host;transport=tcp',
	'user@host',
	'host/path',
	'ALLOW',
	'null',
	'undefined',
	'3c90c3cc-0d44-4b50-8888-8dd25736052',
	'\u0000',
	'é@example.com',
);
const mutated = (valid: fc.Arbitrary<string>) =>
	fc.tuple(valid, fc.nat(), fc.string({ maxLength: 2 })).map(([value, at, insert]) => {
		const index = at % (value.length + 1);
		return value.slice(0, index) + insert + value.slice(index);
	});
const junkText = fc.oneof(tricky, fc.string());
const junk = fc.oneof(junkText, fc.anything());

/** Mostly the valid shape, often padded or slightly broken, sometimes any text. */
const textField = (valid: fc.Arbitrary<string>) =>
	fc.oneof(
		{ arbitrary: valid, weight: 4 },
		{ arbitrary: padded(valid), weight: 2 },
		{ arbitrary: mutated(valid), weight: 2 },
		{ arbitrary: junkText, weight: 1 },
	);
/** As textField, and now and then any value an expression could produce. */
const field = (valid: fc.Arbitrary<string>) =>
	fc.oneof({ arbitrary: textField(valid), weight: 8 }, { arbitrary: fc.anything(), weight: 1 });
const optional = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined });

const mixedTrunk: fc.Arbitrary<TrunkInput> = fc.record(
	{
		terminationUri: optional(field(termination)),
		username: optional(fc.oneof(fc.string(), junk)),
		password: optional(fc.oneof(junkText, fc.double(), junk)),
	},
	{ requiredKeys: [] },
);

const wellFormedTrunk: fc.Arbitrary<TrunkInput> = fc.record(
	{ terminationUri: padded(termination), username: optional(fc.string()), password: optional(fc.string()) },
	{ requiredKeys: ['terminationUri'] },
);

const mixedImport: fc.Arbitrary<ImportInput> = fc.record(
	{
		phoneNumber: field(fc.oneof(e164Number, sipUser)),
		nickname: optional(fc.oneof(fc.string(), junk)),
		inbound: optional(
			fc.record(
				{
					mediaEncryption: optional(field(encryption)),
					allowedAddresses: optional(fc.oneof(addressList(textField(ipOrCidr)), fc.array(junk, { maxLength: 3 }), junk)),
				},
				{ requiredKeys: [] },
			),
		),
	},
	{ requiredKeys: ['phoneNumber'] },
);

const wellFormedImport: fc.Arbitrary<ImportInput> = fc.record(
	{
		phoneNumber: padded(fc.oneof(e164Number, sipUser)),
		nickname: optional(fc.string()),
		inbound: optional(
			fc.record({ mediaEncryption: optional(encryption), allowedAddresses: optional(addressList(padded(ipOrCidr))) }, { requiredKeys: [] }),
		),
	},
	{ requiredKeys: ['phoneNumber'] },
);

const versionId = field(fc.uuid().chain((id) => fc.constantFrom(id, id.toUpperCase())));

const mixedUpdate: fc.Arbitrary<UpdateInput> = fc.record(
	{
		nickname: fc.oneof(fc.string(), junk),
		inboundVersionId: versionId,
		outboundVersionId: versionId,
		unassignInbound: fc.boolean(),
		unassignOutbound: fc.boolean(),
	},
	{ requiredKeys: [] },
);

const assignment = fc.oneof(
	fc.constant({}),
	fc.uuid().map((id) => ({ versionId: id })),
	fc.constant({ unassign: true }),
	fc.uuid().map((id) => ({ versionId: id, unassign: false })),
);
const wellFormedUpdate: fc.Arbitrary<UpdateInput> = fc
	.tuple(optional(fc.string().filter((name) => name.trim() !== '')), assignment, assignment)
	.map(([nickname, inbound, outbound]) => {
		const input: UpdateInput = {};
		if (nickname !== undefined) input.nickname = nickname;
		if ('versionId' in inbound) input.inboundVersionId = inbound.versionId;
		if ('unassign' in inbound) input.unassignInbound = inbound.unassign;
		if ('versionId' in outbound) input.outboundVersionId = outbound.versionId;
		if ('unassign' in outbound) input.unassignOutbound = outbound.unassign;
		return input;
	})
	.filter((input) => input.nickname !== undefined || input.inboundVersionId !== undefined || input.unassignInbound || input.outboundVersionId !== undefined || input.unassignOutbound === true);

/** The built body, or undefined after checking that the refusal names one of `parameters` and says how to fix it. */
function attempt<T>(build: () => T, parameters: readonly string[]): T | undefined {
	try {
		return build();
	} catch (error) {
		if (!(error instanceof InputError)) throw error;
		expect(parameters).toContain(error.parameter);
		expect(error.hint).toMatch(/\S/);
		return undefined;
	}
}

/**
 * Names a user can find on the form: a field's display name, or a field inside the Inbound Calls
 * collection qualified by that direction ("Inbound Media Encryption").
 */
function namesOnForm(properties: INodeProperties[]): Set<string> {
	const names = new Set<string>();
	for (const property of properties) {
		names.add(property.displayName);
		for (const option of property.options ?? []) {
			if (!('displayName' in option) || !('type' in option)) continue;
			names.add(option.displayName);
			names.add(`${property.displayName.split(' ')[0]} ${option.displayName}`);
		}
	}
	return names;
}

describe('field names in errors', () => {
	test.each([
		['Import', IMPORT_PARAMETERS, importDescription],
		['Update', UPDATE_PARAMETERS, updateDescription],
	])('every name %s reports is on its form', (_operation, parameters, properties) => {
		const names = namesOnForm(properties);
		for (const parameter of parameters) expect(names).toContain(parameter);
	});

	test('every name the trunk reports is a SIP trunk field of the Diga API credential', () => {
		const credential = new DigaApi();
		expect(credential.displayName).toBe(TRUNK_CREDENTIAL.replace(/ credential$/, ''));
		const fields = credential.properties.filter((property) => property.type !== 'notice').map((property) => `${TRUNK_CREDENTIAL} > ${property.displayName}`);
		expect(fields).toEqual(expect.arrayContaining(TRUNK_PARAMETERS));
	});
});

describe('validators on generated input', () => {
	const anyText = textField(fc.oneof(e164Number, sipUser, termination, ipOrCidr, fc.uuid(), encryption));
	const parameter = 'Field';

	test.each([
		['phoneNumber', (value: unknown) => phoneNumber(value, parameter)],
		['e164', (value: unknown) => e164(value, parameter)],
		['uuid', (value: unknown) => uuid(value, parameter, 'Use a UUID.')],
		['allowedAddresses', (value: unknown) => allowedAddresses(value, parameter)],
		['terminationUri', (value: unknown) => terminationUri(value, parameter)],
		['mediaEncryption', (value: unknown) => mediaEncryption(value, parameter)],
	])('%s accepts or throws an InputError naming the field', (_name, validate) => {
		fc.assert(
			fc.property(fc.oneof(anyText, addressList(anyText), junk, fc.array(junk, { maxLength: 3 })), (value) => {
				attempt(() => validate(value), [parameter]);
			}),
			RUNS,
		);
	});

	test('isIpOrCidr answers true or false for any text', () => {
		fc.assert(fc.property(fc.oneof(ipOrCidr, padded(ipOrCidr), mutated(ipOrCidr), tricky, fc.string()), (value) => expect(typeof isIpOrCidr(value)).toBe('boolean')), RUNS);
	});

	test('trunkConfig and inboundConfig accept or throw an InputError naming a credential or Import field', () => {
		fc.assert(
			fc.property(mixedTrunk, mixedImport, fc.boolean(), (trunk, input, partial) => {
				attempt(() => trunkConfig(trunk), TRUNK_PARAMETERS);
				attempt(() => inboundConfig(input.inbound ?? {}, partial), IMPORT_PARAMETERS);
			}),
			RUNS,
		);
	});
});

describe('builders on generated input', () => {
	test('buildImportBody accepts or refuses naming an Import field, and sees both outcomes', () => {
		const outcomes = { accepted: 0, refused: 0 };
		fc.assert(
			fc.property(mixedImport, (input) => {
				outcomes[attempt(() => buildImportBody(input), IMPORT_PARAMETERS) ? 'accepted' : 'refused']++;
			}),
			RUNS,
		);
		expect(outcomes.accepted).toBeGreaterThan(0);
		expect(outcomes.refused).toBeGreaterThan(0);
	});

	test('buildImportBody accepts every well-formed input, importOutbound every well-formed trunk', () => {
		fc.assert(fc.property(wellFormedImport, (input) => expect(() => buildImportBody(input)).not.toThrow()), RUNS);
		fc.assert(fc.property(wellFormedTrunk, encryption, (trunk, media) => expect(() => importOutbound(trunk, media)).not.toThrow()), RUNS);
	});

	test('buildUpdateBody accepts or refuses naming an Update field, and sees both outcomes', () => {
		const outcomes = { accepted: 0, refused: 0 };
		fc.assert(
			fc.property(mixedUpdate, (input) => {
				outcomes[attempt(() => buildUpdateBody(input), UPDATE_PARAMETERS) ? 'accepted' : 'refused']++;
			}),
			RUNS,
		);
		expect(outcomes.accepted).toBeGreaterThan(0);
		expect(outcomes.refused).toBeGreaterThan(0);
	});

	test('buildUpdateBody accepts every well-formed input', () => {
		fc.assert(fc.property(wellFormedUpdate, (input) => expect(() => buildUpdateBody(input)).not.toThrow()), RUNS);
	});
});

describe("built bodies against both of Diga's contracts", () => {
	const validators = (method: string, path: string) =>
		CONTRACTS.map((contract) => ({ name: contract.name, validate: requestBodyValidator(contract, method, path) }));

	function expectValid(body: IDataObject, against: ReturnType<typeof validators>): void {
		for (const { name, validate } of against) expect({ contract: name, violations: validate(body) }).toEqual({ contract: name, violations: [] });
	}

	describe('POST /v1/phone/import', () => {
		const importValidators = validators('post', '/v1/phone/import');

		test.each([
			['mixed', mixedImport, mixedTrunk],
			['well-formed', wellFormedImport, wellFormedTrunk],
		])('every accepted %s input yields a valid body, inbound only or through a trunk', (_kind, inputs, trunks) => {
			fc.assert(
				fc.property(inputs, fc.option(fc.tuple(trunks, encryption), { nil: undefined }), (input, outbound) => {
					const body = attempt(() => buildImportBody(input), IMPORT_PARAMETERS);
					const trunk = outbound && attempt(() => importOutbound(...outbound), TRUNK_PARAMETERS);
					if (body) expectValid(outbound ? { ...body, ...trunk } : body, importValidators);
				}),
				RUNS,
			);
		});

		test('the validators do catch a body Diga would refuse', () => {
			for (const { validate } of importValidators) {
				expect(validate({ phone_number: 42, outbound_config: { username: 'x' }, sip_config: {} })).not.toEqual([]);
			}
		});
	});

	describe('PATCH /v1/phone/{phone_id}', () => {
		const updateValidators = validators('patch', '/v1/phone/{phone_id}');

		test.each([
			['mixed', mixedUpdate],
			['well-formed', wellFormedUpdate],
		])('every accepted %s input yields a valid body', (_kind, inputs) => {
			fc.assert(
				fc.property(inputs, (input) => {
					const body = attempt(() => buildUpdateBody(input), UPDATE_PARAMETERS);
					if (body) expectValid(body, updateValidators);
				}),
				RUNS,
			);
		});

		test('the validators do catch a body Diga would refuse', () => {
			for (const { validate } of updateValidators) {
				expect(validate({ inbound_version_id: 'not-a-uuid', nickname: 7 })).not.toEqual([]);
			}
		});
	});
});
