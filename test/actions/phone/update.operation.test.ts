/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code that runs in Node under Jest, not code that n8n loads */
import { buildUpdateBody } from '../../../nodes/Diga/actions/phone/update.operation';
import { InputError } from '../../../nodes/Diga/shared/helpers/validation';
import { expectContractClean, OTHER_VERSION_ID, PHONE_ID, runAgainst, VERSION_ID } from '../../support/diga';
import { describeEachContract } from '../../support/prism';
import { phoneRegister, startFakeDiga } from '../../support/fake-diga';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const update = (updateFields: object, phoneId: object = fromList(PHONE_ID)) => ({ resource: 'phone', operation: 'update', phoneId, updateFields });

function parameterOf(run: () => unknown): string | undefined {
	try {
		run();
	} catch (error) {
		if (error instanceof InputError) return error.parameter;
		throw error;
	}
	return undefined;
}

describe('buildUpdateBody', () => {
	test('sends only the fields that were set', () => {
		expect(buildUpdateBody({ nickname: ' Sales ' })).toEqual({ nickname: 'Sales' });
		expect(buildUpdateBody({ inboundVersionId: VERSION_ID.toUpperCase() })).toEqual({ inbound_version_id: VERSION_ID });
		expect(buildUpdateBody({ outboundVersionId: VERSION_ID })).toEqual({ outbound_version_id: VERSION_ID });
	});

	test('unassign sends null', () => {
		expect(buildUpdateBody({ unassignInbound: true, unassignOutbound: true })).toEqual({ inbound_version_id: null, outbound_version_id: null });
		expect(buildUpdateBody({ unassignInbound: false, nickname: 'x' })).toEqual({ nickname: 'x' });
	});

	test.each([
		[{}, 'Update Fields'],
		[{ unassignInbound: false }, 'Update Fields'],
		[{ nickname: '  ' }, 'Nickname'],
		[{ inboundVersionId: 'v3' }, 'Inbound Agent'],
		[{ outboundVersionId: '' }, 'Outbound Agent'],
		[{ inboundVersionId: VERSION_ID, unassignInbound: true }, 'Inbound Agent'],
	])('rejects %j naming %s', (input, parameter) => {
		expect(parameterOf(() => buildUpdateBody(input))).toBe(parameter);
	});
});

describeEachContract('Update Phone in n8n against Diga contracts', (server) => {

	test.each([
		['nickname alone', { nickname: 'Front desk' }, { nickname: 'Front desk' }],
		['inbound agent alone, from the list', { inboundVersionId: fromList(VERSION_ID) }, { inbound_version_id: VERSION_ID }],
		['outbound agent alone, by ID', { outboundVersionId: byId(OTHER_VERSION_ID) }, { outbound_version_id: OTHER_VERSION_ID }],
		['unassign inbound', { unassignInbound: true }, { inbound_version_id: null }],
		['unassign both', { unassignInbound: true, unassignOutbound: true }, { inbound_version_id: null, outbound_version_id: null }],
		[
			'everything at once',
			{ nickname: 'Main', inboundVersionId: fromList(VERSION_ID), outboundVersionId: byId(OTHER_VERSION_ID) },
			{ nickname: 'Main', inbound_version_id: VERSION_ID, outbound_version_id: OTHER_VERSION_ID },
		],
	])('%s', async (_name, fields, body) => {
		const { output, error } = await runAgainst(server(), update(fields));
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output?.[0].json).toHaveProperty('id');
		expect(output?.[0].pairedItem).toEqual({ item: 0 });
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path, r.body])).toEqual([['PATCH', `/v1/phone/${PHONE_ID}`, body]]);
	});

	test('phone given by ID and fields from expressions, per item', async () => {
		const items = [
			{ phone: PHONE_ID, name: 'A', version: VERSION_ID },
			{ phone: '7d444840-9dc0-11d1-b245-5ffdce74fad2', name: 'B', version: OTHER_VERSION_ID },
		];
		const { output, error } = await runAgainst(
			server(),
			update({ nickname: '={{ $json.name }}', inboundVersionId: byId('={{ $json.version }}') }, byId('={{ $json.phone }}')),
			{ items },
		);
		expect(error).toBeUndefined();
		expect(output?.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expectContractClean(server());
		const sent = server().requests.map((r) => [r.path, r.body]).sort();
		expect(sent).toEqual(
			items.map((item) => [`/v1/phone/${item.phone}`, { nickname: item.name, inbound_version_id: item.version }]).sort(),
		);
	});

	test.each([
		['nothing to update', update({}), /^Update Fields \(item 0\): nothing to update/],
		['a typed phone ID that is not a UUID', update({ nickname: 'x' }, byId('+34910000000')), /Not a valid phone ID/],
		['a phone ID from an expression that is not a UUID', update({ nickname: 'x' }, byId('={{ "+34910000000" }}')), /^Phone \(item 0\): "\+34910000000" is not a valid ID/],
		['an agent version from an expression that is not a UUID', update({ outboundVersionId: byId('={{ "latest" }}') }), /^Outbound Agent \(item 0\): "latest" is not a valid ID/],
	])('%s is an error before any request', async (_name, parameters, message) => {
		const { error } = await runAgainst(server(), parameters);
		expect(`${error?.message}${(error as { description?: string })?.description ?? ''}`).toMatch(message);
		expect(server().requests).toHaveLength(0);
	});
});

describe('Update Phone: switches from expressions', () => {
	test('Unassign set to "false" by an expression leaves the agent alone', async () => {
		const fake = await startFakeDiga((request) => ({ status: 200, body: phoneRegister(PHONE_ID, { nickname: (request.body as { nickname?: string }).nickname }) }));
		try {
			const { error } = await runAgainst(fake, {
				resource: 'phone',
				operation: 'update',
				phoneId: byId(PHONE_ID),
				updateFields: { nickname: 'Front desk', unassignInbound: '={{ "false" }}', unassignOutbound: '={{ "true" }}' },
			});
			expect(error).toBeUndefined();
			expect(fake.requests.map((request) => request.body)).toEqual([{ nickname: 'Front desk', outbound_version_id: null }]);
		} finally {
			await fake.stop();
		}
	});
});
