import { SIMPLE_FIELDS } from '../../../nodes/Diga/shared/simplify';
import { byId, expectContractClean, fetchJson, fromList, PHONE_ID, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

describeEachContract('Get Phone', (server) => {
	test('simplified by default: only the fields a person acts on', async () => {
		const full = await fetchJson<Record<string, unknown>>(server(), `/v1/phone/${PHONE_ID}`);
		server().requests.length = 0;
		const { output, error } = await runAgainst(server(), { resource: 'phone', operation: 'get', phoneId: fromList(PHONE_ID) });
		expect(error).toBeUndefined();
		expect(Object.keys(output?.[0].json ?? {}).sort()).toEqual(SIMPLE_FIELDS.phone.filter((field) => field in full).sort());
		expect(output?.[0].json.id).toBe(full.id);
		expectContractClean(server());
		expect(server().requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/phone/${PHONE_ID}`]);
	});

	test('raw when Simplify is off', async () => {
		const full = await fetchJson(server(), `/v1/phone/${PHONE_ID}`);
		const { output } = await runAgainst(server(), { resource: 'phone', operation: 'get', phoneId: byId(PHONE_ID), simplify: false });
		expect(output?.[0].json).toEqual(full);
	});
});
