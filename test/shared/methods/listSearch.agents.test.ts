import { listSearch } from '../../support/engine';
import { AGENT_ID, byId, TEST_API_KEY } from '../../support/diga';
import { startFakeDiga, type FakeDiga } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';

const credentials = (server: { url: string }) => ({ apiKey: TEST_API_KEY, baseUrl: server.url });

describeEachContract(
	'pickers of the agent operations against the current contract',
	(server) => {
		test.each([
			['searchVoices', '/v1/voice/', '50'],
			['searchTemplates', '/v1/agent/template', '100'],
			['searchConversationalPaths', '/v1/path/', '50'],
			['searchKnowledgeBases', '/v1/knowledge/base/', '100'],
			['searchKnowledgeItems', '/v1/knowledge/item/', '100'],
		])('%s reads one page of %s, within its page size, and gives IDs as values', async (method, path, limit) => {
			const result = await listSearch(method, credentials(server()));
			expect(server().requests.map((r) => [r.path, r.query.get('limit'), r.violations])).toEqual([[path, limit, []]]);
			const data = (server().requests[0].response as { data: Array<{ id: string }> }).data;
			expect(result.results.map((item) => item.value)).toEqual(data.map((record) => record.id));
		});
	},
	['2026-07-22'],
);

describe('pickers that search at Diga or read the chosen agent', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	test('voices: the search text goes to Diga, which filters; its cursor is the next page', async () => {
		const voice = { id: '5b2f7c1e-8a3d-4e6f-9b0c-2d4e6f8a0b1c', name: 'Lucía', gender: 'female', provider: 'elevenlabs' };
		fake.handler = () => ({ body: { data: [voice], has_more: true, last_id: voice.id } });
		const result = await listSearch('searchVoices', credentials(fake), ' Lucía ');
		expect(fake.requests[0].query.get('search')).toBe('Lucía');
		expect(result).toEqual({ results: [{ name: 'Lucía · female · elevenlabs', value: voice.id }], paginationToken: voice.id });
	});

	test("versions: only the chosen agent's, labelled by number, name and state", async () => {
		const versions = [
			{ version_id: '0f8fad5b-d9cb-469f-a165-70867728950e', name: 'Reception', version_number: 2, version_name: 'Summer', is_published: true, is_draft: false },
			{ version_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', name: 'Reception', version_number: 1, version_name: null, is_published: false, is_draft: false },
		];
		fake.handler = () => ({ body: { data: versions, has_more: false, last_id: versions[1].version_id } });
		const result = await listSearch('searchVersionsOfAgent', credentials(fake), undefined, undefined, {
			resource: 'agentVersion',
			operation: 'publish',
			agentId: byId(AGENT_ID),
		});
		expect(fake.requests.map((r) => r.path)).toEqual([`/v1/agent/${AGENT_ID}/version`]);
		expect(result.results).toEqual([
			{ name: 'Reception · v2 · Summer · published', value: versions[0].version_id },
			{ name: 'Reception · v1 · unpublished', value: versions[1].version_id },
		]);
	});

	test('versions with no agent chosen yet: an empty list, and no request', async () => {
		const result = await listSearch('searchVersionsOfAgent', credentials(fake), undefined, undefined, { resource: 'agentVersion', operation: 'publish' });
		expect(result.results).toEqual([]);
		expect(fake.requests).toHaveLength(0);
	});
});
