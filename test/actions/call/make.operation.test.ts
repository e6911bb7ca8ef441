import { dynamicVariables } from '../../../nodes/Diga/actions/call/make.operation';
import { byId, expectContractClean, fromList, PHONE_ID, runAgainst, VERSION_ID } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

const make = (fields: object) => ({ resource: 'call', operation: 'make', toNumber: '+34612345678', ...fields });

describe('dynamicVariables', () => {
	test('JSON and pairs merge, pairs win', () => {
		expect(dynamicVariables('{"name": "Ana", "debt": 120}', [{ key: 'name', value: 'Eva' }])).toEqual({ name: 'Eva', debt: 120 });
		expect(dynamicVariables({ a: 1 }, [])).toEqual({ a: 1 });
		expect(dynamicVariables('{}', [])).toBeUndefined();
	});

	test.each([['[1,2]'], ['not json'], ['"text"']])('%s is refused naming the JSON field', (json) => {
		expect(() => dynamicVariables(json, [])).toThrow(/Dynamic Variables \(JSON\)/);
	});

	test('a pair without key is refused', () => {
		expect(() => dynamicVariables('{}', [{ key: ' ', value: 'x' }])).toThrow(/without a key/);
	});
});

describeEachContract('Make Call', (server) => {
	test.each([
		['from a listed phone, with agent and variables', { phoneId: fromList(PHONE_ID), additionalFields: { agentVersionId: fromList(VERSION_ID), variables: { variable: [{ key: 'name', value: 'Ana' }] } } }, { from_number: PHONE_ID, to_number: '+34612345678', agent_version_id: VERSION_ID, dynamic_variables: { name: 'Ana' } }],
		['from a number', { phoneId: { __rl: true, mode: 'number', value: '+34912345678' } }, { from_number: '+34912345678', to_number: '+34612345678' }],
		['from a phone ID with JSON variables', { phoneId: byId(PHONE_ID), additionalFields: { variablesJson: '{"debt": 120}' } }, { from_number: PHONE_ID, to_number: '+34612345678', dynamic_variables: { debt: 120 } }],
	])('%s', async (_name, fields, body) => {
		const { output, error } = await runAgainst(server(), make(fields));
		expect(error).toBeUndefined();
		expect(output?.[0].json.id).toBeDefined();
		expect(server().requests.map((r) => [r.method, r.path, r.status, r.body])).toEqual([['POST', '/v1/call/', 201, body]]);
		expectContractClean(server());
	});

	test('Diga’s refusal of a non-Spanish number comes through with its message', async () => {
		server().preferStatus = 400;
		const { error } = await runAgainst(server(), make({ phoneId: byId(PHONE_ID), toNumber: '+14155550100' }));
		expect(error?.message).toMatch(/400 NON_SPANISH_PHONE_NUMBER: Phone number .* is not a Spanish phone number/);
		expect(error?.description).toMatch(/Spanish numbers only/);
		expect(server().requests).toHaveLength(1);
	});

	test('a To Number that is not E.164 fails before any request', async () => {
		const { error } = await runAgainst(server(), make({ phoneId: byId(PHONE_ID), toNumber: '612 345 678' }));
		expect(error?.message).toMatch(/^To Number \(item 0\)/);
		expect(server().requests).toHaveLength(0);
	});
});
