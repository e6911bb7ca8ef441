import { dynamicVariables } from '../../../nodes/Diga/actions/call/make.operation';
import { hintFor } from '../../../nodes/Diga/shared/transport/errors';
import { byId, expectContractClean, fromList, PHONE_ID, runAgainst, VERSION_ID } from '../../support/diga';
import { startFakeDiga, type FakeDiga } from '../../support/fake-diga';
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

	test('a documented refusal (400) comes through with Diga’s code and message', async () => {
		server().preferStatus = 400;
		const { error } = await runAgainst(server(), make({ phoneId: byId(PHONE_ID), toNumber: '+14155550100' }));
		expect(server().requests).toHaveLength(1);
		const [{ status, response }] = server().requests;
		const { error_code: code, message } = response as { error_code: string; message: string };
		expect(status).toBe(400);
		expect(error?.message).toContain(`400 ${code}: ${message}`);
		expect(error?.description).toBe(hintFor({ status, code, message }));
	});

	test('a To Number that is not E.164 fails before any request', async () => {
		const { error } = await runAgainst(server(), make({ phoneId: byId(PHONE_ID), toNumber: '612 345 678' }));
		expect(error?.message).toMatch(/^To Number \(item 0\)/);
		expect(server().requests).toHaveLength(0);
	});
});

describe('Make Call: Diga refuses a non-Spanish number', () => {
	let fake: FakeDiga;
	beforeAll(async () => {
		fake = await startFakeDiga((request) => ({
			status: 400,
			body: { status: 'error', error_code: 'NON_SPANISH_PHONE_NUMBER', message: `Phone number ${(request.body as { to_number: string }).to_number} is not a Spanish phone number` },
		}));
	});
	afterAll(async () => await fake.stop());

	test('Diga’s refusal comes through with its message, and the hint says Spanish numbers only', async () => {
		const { error } = await runAgainst(fake, make({ phoneId: byId(PHONE_ID), toNumber: '+14155550100' }));
		expect(error?.message).toMatch(/400 NON_SPANISH_PHONE_NUMBER: Phone number .* is not a Spanish phone number/);
		expect(error?.description).toMatch(/Spanish numbers only/);
		expect(fake.requests.map((r) => [r.method, r.path, (r.body as { to_number: string }).to_number])).toEqual([['POST', '/v1/call/', '+14155550100']]);
	});
});
