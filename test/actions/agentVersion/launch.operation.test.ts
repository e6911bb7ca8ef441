import { AGENT_ID, byId, expectContractClean, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

const launch = (fields: object = {}) => ({ resource: 'agentVersion', operation: 'launch', agentId: byId(AGENT_ID), ...fields });

describeEachContract('Launch Agent Version', (server) => {
	test('one POST from the draft, with the name when given', async () => {
		const { output, error } = await runAgainst(server(), launch({ versionName: ' Summer hours ' }));
		expect(error).toBeUndefined();
		expect(output?.[0].json.version_id).toBeDefined();
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path, r.body])).toEqual([['POST', `/v1/agent/${AGENT_ID}/version`, { version_name: 'Summer hours' }]]);
	});

	test('without a name the name goes out as null: Diga numbers the version', async () => {
		const { error } = await runAgainst(server(), launch());
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests[0].body).toEqual({ version_name: null });
	});

	test('a 500 is not retried: a second POST would make a second version', async () => {
		server().preferStatus = 500;
		const { error } = await runAgainst(server(), launch({ options: { maxRetries: 3 } }));
		expect(error?.httpCode).toBe('500');
		expect(server().requests).toHaveLength(1);
	});

	test('an agent ID from an expression that is not a UUID is refused before any request', async () => {
		const { error } = await runAgainst(server(), { ...launch(), agentId: byId('={{ "reception" }}') });
		expect(error?.message).toMatch(/^Agent \(item 0\): "reception" is not a valid ID/);
		expect(server().requests).toHaveLength(0);
	});
});
