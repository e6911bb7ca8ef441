import { byId, expectContractClean, fromList, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

const VOICE_ID = '5b2f7c1e-8a3d-4e6f-9b0c-2d4e6f8a0b1c';

describeEachContract('Get Voice', (server) => {
	test('one GET by the picked voice', async () => {
		const { output, error } = await runAgainst(server(), { resource: 'voice', operation: 'get', voiceId: fromList(VOICE_ID) });
		expect(error).toBeUndefined();
		expect(output?.[0].json.id).toBeDefined();
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path])).toEqual([['GET', `/v1/voice/${VOICE_ID}`]]);
	});

	test('a voice ID that is not a UUID is refused before any request', async () => {
		const { error } = await runAgainst(server(), { resource: 'voice', operation: 'get', voiceId: byId('={{ "Lucía" }}') });
		expect(error?.message).toMatch(/^Voice \(item 0\): "Lucía" is not a valid ID/);
		expect(error?.description).toMatch(/Get Many Voices/);
		expect(server().requests).toHaveLength(0);
	});
});
