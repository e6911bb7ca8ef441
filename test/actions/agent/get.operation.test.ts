import { SIMPLE_FIELDS } from '../../../nodes/Diga/shared/simplify';
import { byId, expectContractClean, fetchJson, fromList, OTHER_VERSION_ID, runAgainst, VERSION_ID } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

const AGENT_ID = 'a3bb189e-8bf9-3888-9912-ace4e6543002';

describeEachContract('Get Agent', (server) => {
	test('simplified by default, current draft when no version is chosen', async () => {
		const full = await fetchJson<Record<string, unknown>>(server(), `/v1/agent/${AGENT_ID}`);
		server().requests.length = 0;
		const { output, error } = await runAgainst(server(), { resource: 'agent', operation: 'get', agentId: fromList(AGENT_ID) });
		expect(error).toBeUndefined();
		expect(Object.keys(output?.[0].json ?? {}).sort()).toEqual(SIMPLE_FIELDS.agent.filter((field) => field in full).sort());
		expect(server().requests.map((r) => [r.path, r.query.toString()])).toEqual([[`/v1/agent/${AGENT_ID}`, '']]);
		expectContractClean(server());
	});

	test('a chosen version goes out as version_id; Simplify off returns everything', async () => {
		const full = await fetchJson(server(), `/v1/agent/${AGENT_ID}?version_id=${VERSION_ID}`);
		server().requests.length = 0;
		const { output } = await runAgainst(server(), { resource: 'agent', operation: 'get', agentId: byId(AGENT_ID), versionId: byId(VERSION_ID), simplify: false });
		expect(output?.[0].json).toEqual(full);
		expect(server().requests[0].query.get('version_id')).toBe(VERSION_ID);
		expectContractClean(server());
	});

	test('a version ID from an expression that is not a UUID fails before any request', async () => {
		const { error } = await runAgainst(server(), { resource: 'agent', operation: 'get', agentId: byId(AGENT_ID), versionId: byId(`={{ "${OTHER_VERSION_ID}x" }}`) });
		expect(error?.message).toMatch(/^Version \(item 0\)/);
		expect(server().requests).toHaveLength(0);
	});
});
