import { SIMPLE_FIELDS } from '../../../nodes/Diga/shared/simplify';
import { byId, expectContractClean, fetchJson, fromList, runAgainst } from '../../support/diga';
import { phoneRegister, startFakeDiga } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';

const CALL_ID = 'b5d6a7e8-1f2a-4b3c-8d4e-5f6a7b8c9d0e';

describeEachContract('Get Call', (server) => {
	test('simplified by default', async () => {
		const full = await fetchJson<Record<string, unknown>>(server(), `/v1/call/${CALL_ID}`);
		server().requests.length = 0;
		const { output, error } = await runAgainst(server(), { resource: 'call', operation: 'get', callId: fromList(CALL_ID) });
		expect(error).toBeUndefined();
		expect(Object.keys(output?.[0].json ?? {}).sort()).toEqual(SIMPLE_FIELDS.call.filter((field) => field in full).sort());
		expectContractClean(server());
	});

	test('raw when Simplify is off', async () => {
		const full = await fetchJson(server(), `/v1/call/${CALL_ID}`);
		const { output } = await runAgainst(server(), { resource: 'call', operation: 'get', callId: byId(CALL_ID), simplify: false });
		expect(output?.[0].json).toEqual(full);
	});
});

test('a call status Diga adds later passes through unchanged', async () => {
	const fake = await startFakeDiga(() => ({ body: { ...phoneRegister(CALL_ID), status: 'ringing_back', type: 'outbound' } }));
	try {
		const { output } = await runAgainst(fake, { resource: 'call', operation: 'get', callId: byId(CALL_ID) });
		expect(output?.[0].json.status).toBe('ringing_back');
	} finally {
		await fake.stop();
	}
});
