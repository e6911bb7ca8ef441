import { AGENT_ID, byId, expectContractClean, runAgainst, VERSION_ID } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

const deleteVersion = (options: object = {}) => ({ resource: 'agentVersion', operation: 'delete', agentId: byId(AGENT_ID), versionId: byId(VERSION_ID), options });

describeEachContract('Delete Agent Version', (server) => {
	test('one DELETE; the output names the agent and the version', async () => {
		const { output, error } = await runAgainst(server(), deleteVersion());
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path])).toEqual([['DELETE', `/v1/agent/${AGENT_ID}/version/${VERSION_ID}`]]);
		expect(output?.[0].json).toEqual({ deleted: true, agent_id: AGENT_ID, version_id: VERSION_ID });
	});

	test('a 500 is not retried', async () => {
		server().preferStatus = 500;
		const { error } = await runAgainst(server(), deleteVersion({ maxRetries: 2 }));
		expect(error?.httpCode).toBe('500');
		expect(server().requests).toHaveLength(1);
	});
});
