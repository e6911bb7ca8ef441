import { expectContractClean, fetchJson, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

interface DropdownAgent {
	agent_id: string;
	name: string;
	versions: Array<{ version_id: string; version_number: number; is_published: boolean }>;
}

describeEachContract('Get Many Agents', (server) => {
	test('one item per agent, with every version and the IDs phones and calls take', async () => {
		const agents = await fetchJson<DropdownAgent[]>(server(), '/v1/agent/versions-dropdown/dashboard');
		server().requests.length = 0;
		const { output, error } = await runAgainst(server(), { resource: 'agent', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(output?.map((item) => item.json.agent_id)).toEqual(agents.map((agent) => agent.agent_id));
		expect(output?.[0].json.versions).toEqual(
			agents[0].versions.map((version) =>
				expect.objectContaining({ version_id: version.version_id, version_number: version.version_number, is_published: version.is_published }),
			),
		);
		expectContractClean(server());
	});

	test('Published Only keeps published versions and the agents that have one', async () => {
		const agents = await fetchJson<DropdownAgent[]>(server(), '/v1/agent/versions-dropdown/dashboard');
		const { output } = await runAgainst(server(), { resource: 'agent', operation: 'getAll', returnAll: true, filters: { publishedOnly: true } });
		const published = agents.filter((agent) => agent.versions.some((version) => version.is_published));
		expect(output?.map((item) => item.json.agent_id)).toEqual(published.map((agent) => agent.agent_id));
		output?.forEach((item) => expect((item.json.versions as Array<{ is_published: boolean }>).every((v) => v.is_published)).toBe(true));
	});
});
