import { listSearch } from '../../support/engine';
import { fetchJson, TEST_API_KEY } from '../../support/diga';
import { phoneRegister, startFakeDiga, type FakeDiga } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';

const credentials = (server: { url: string }) => ({ apiKey: TEST_API_KEY, baseUrl: server.url });

describeEachContract('pickers against Diga contracts', (server) => {

	test('phones: number and nickname, the phone ID as value, the cursor as pagination token', async () => {
		const page = (await fetchJson(server(), '/v1/phone/?limit=100')) as { data: Array<Record<string, string>>; has_more: boolean; last_id: string };
		server().requests.length = 0;
		const result = await listSearch('searchPhones', credentials(server()));
		expect(result.results).toEqual(page.data.map((phone) => ({ name: `${phone.number} · ${phone.nickname}`, value: phone.id })));
		expect(result.paginationToken).toBe(page.has_more ? page.last_id : undefined);
		expect(server().requests.map((r) => [r.path, r.query.get('limit'), r.violations])).toEqual([['/v1/phone/', '100', []]]);
	});

	test('agent versions: every version of every agent, labelled with agent name, number and state', async () => {
		const agents = (await fetchJson(server(), '/v1/agent/versions-dropdown/dashboard')) as Array<{
			name: string;
			versions: Array<{ version_id: string; version_number: number; is_published: boolean }>;
		}>;
		server().requests.length = 0;
		const result = await listSearch('searchAgentVersions', credentials(server()));
		const versions = agents.flatMap((agent) => agent.versions.map((version) => ({ agent, version })));
		expect(versions.length).toBeGreaterThan(0);
		expect(result.results.map((item) => item.value)).toEqual(versions.map(({ version }) => version.version_id));
		result.results.forEach((item, index) => {
			const { agent, version } = versions[index];
			expect(item.name.startsWith(`${agent.name} · v${version.version_number} · `)).toBe(true);
			expect(item.name.endsWith(version.is_published ? ' · published' : 'unpublished') || item.name.endsWith(' · draft')).toBe(true);
		});
		expect(server().requests.every((r) => r.violations.length === 0)).toBe(true);
	});

	test.each([
		['searchKnowledgeBases', '/v1/knowledge/base/', (record: Record<string, string>) => record.name],
		['searchKnowledgeItems', '/v1/knowledge/item/', (record: Record<string, string>) => `${record.name} · ${record.category}`],
	])('%s: each record named, its ID as value, the cursor as pagination token', async (method, path, label) => {
		const page = (await fetchJson(server(), `${path}?limit=100`)) as { data: Array<Record<string, string>>; has_more: boolean; last_id: string };
		server().requests.length = 0;
		const result = await listSearch(method, credentials(server()));
		expect(page.data.length).toBeGreaterThan(0);
		expect(result.results).toEqual(page.data.map((record) => ({ name: label(record), value: record.id })));
		expect(result.paginationToken).toBe(page.has_more ? page.last_id : undefined);
		expect(server().requests.map((r) => [r.path, r.query.get('limit'), r.violations])).toEqual([[path, '100', []]]);
	});
});

describe('pickers: search, paging and fallback', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	test('phones are searched by number and nickname, and the next page follows the cursor', async () => {
		const phones = [
			phoneRegister('11111111-1111-4111-8111-111111111111', { number: '+34910000001', nickname: 'Madrid support' }),
			phoneRegister('22222222-2222-4222-8222-222222222222', { number: '+34930000002', nickname: 'Barcelona sales' }),
		];
		fake.handler = () => ({ body: { data: phones, has_more: true, last_id: phones[1].id } });
		const byNickname = await listSearch('searchPhones', credentials(fake), 'madrid');
		expect(byNickname.results.map((r) => r.value)).toEqual([phones[0].id]);
		expect(byNickname.paginationToken).toBe(phones[1].id);
		const byNumber = await listSearch('searchPhones', credentials(fake), '+3493', byNickname.paginationToken as string);
		expect(byNumber.results.map((r) => r.name)).toEqual(['+34930000002 · Barcelona sales']);
		expect(fake.requests[1].query.get('after')).toBe(phones[1].id);
	});

	test('agent versions fall back to the agent endpoints when the picker endpoint refuses the key', async () => {
		const agents = [
			{ agent_id: 'a1a1a1a1-0000-4000-8000-000000000001', name: 'Reception' },
			{ agent_id: 'a2a2a2a2-0000-4000-8000-000000000002', name: 'Collections' },
		];
		fake.handler = (request) => {
			if (request.path === '/v1/agent/versions-dropdown/dashboard') {
				return { status: 403, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'Missing required permissions' } };
			}
			if (request.path === '/v1/agent/') {
				const second = request.query.get('after') === agents[0].agent_id;
				return { body: { data: [second ? agents[1] : agents[0]], has_more: !second, last_id: second ? agents[1].agent_id : agents[0].agent_id } };
			}
			const agentId = request.path.split('/')[3];
			return {
				body: {
					data: [
						{ agent_id: agentId, version_id: `${agentId.slice(0, 8)}-1111-4111-8111-111111111111`, version_number: 2, is_published: true, is_draft: false },
						{ agent_id: agentId, version_id: `${agentId.slice(0, 8)}-2222-4222-8222-222222222222`, version_number: 3, is_published: false, is_draft: true },
					],
					has_more: false,
				},
			};
		};
		const result = await listSearch('searchAgentVersions', credentials(fake), 'collections');
		expect(result.results).toEqual([
			{ name: 'Collections · v2 · published', value: 'a2a2a2a2-1111-4111-8111-111111111111' },
			{ name: 'Collections · v3 · draft', value: 'a2a2a2a2-2222-4222-8222-222222222222' },
		]);
		expect(fake.requests.map((r) => r.path)).toEqual(
			expect.arrayContaining(['/v1/agent/versions-dropdown/dashboard', '/v1/agent/', `/v1/agent/${agents[1].agent_id}/version`]),
		);
	});

	test('other failures of the picker endpoint are reported, not hidden by the fallback', async () => {
		fake.handler = () => ({ status: 500, body: { status: 'error', error_code: 'INTERNAL_SERVER_ERROR', message: 'boom' } });
		await expect(listSearch('searchAgentVersions', credentials(fake))).rejects.toThrow(/500 INTERNAL_SERVER_ERROR: boom/);
		expect(fake.requests.map((r) => r.path)).not.toContain('/v1/agent/');
	});
});
