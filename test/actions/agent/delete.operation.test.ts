import { AGENT_ID, byId, expectContractClean, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

const OTHER_AGENT = 'd4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f70';
const deleteAgent = (agentId: string, options: object = {}) => ({ resource: 'agent', operation: 'delete', agentId: byId(agentId), options });

describeEachContract('Delete Agent', (server) => {
	test('one DELETE, and the output names the agent', async () => {
		const { output, error } = await runAgainst(server(), deleteAgent(AGENT_ID));
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path])).toEqual([['DELETE', `/v1/agent/${AGENT_ID}`]]);
		expect(output?.[0].json).toEqual({ deleted: true, agent_id: AGENT_ID });
	});

	test('a 500 is not retried: Diga may have deleted the agent', async () => {
		server().preferStatus = 500;
		const { error } = await runAgainst(server(), deleteAgent(AGENT_ID, { maxRetries: 3 }));
		expect(error?.httpCode).toBe('500');
		expect(error?.description).toMatch(/Diga may have acted on the request/);
		expect(server().requests).toHaveLength(1);
	});

	test('Diga refusing (409) an agent it still needs is reported with its message', async () => {
		server().preferStatus = 409;
		const { error } = await runAgainst(server(), deleteAgent(OTHER_AGENT));
		expect(error?.httpCode).toBe('409');
		expect(server().requests).toHaveLength(1);
	});
});
