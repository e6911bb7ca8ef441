import { AGENT_ID, byId, expectContractClean, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

describeEachContract('Unpublish Agent', (server) => {
	test('one PATCH with no version (null), which Diga reads as "unpublish"', async () => {
		const { output, error } = await runAgainst(server(), { resource: 'agentVersion', operation: 'unpublish', agentId: byId(AGENT_ID) });
		expect(error).toBeUndefined();
		expect(output?.[0].json.agent_id).toBeDefined();
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path, r.body])).toEqual([['PATCH', `/v1/agent/${AGENT_ID}/published_version`, { version_id: null }]]);
	});
});
