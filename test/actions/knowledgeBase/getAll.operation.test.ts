import { BASE_PAGE_SIZE, buildBaseQuery } from '../../../nodes/Diga/actions/knowledgeBase/getAll.operation';
import { AGENT_ID, byId, expectContractClean, runAgainst } from '../../support/diga';
import { startFakeDiga, type FakeDiga } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';

describe('buildBaseQuery', () => {
	test('only the filters set', () => {
		expect(buildBaseQuery({})).toEqual({});
		expect(buildBaseQuery({ name: ' faq ', agentId: AGENT_ID })).toEqual({ name: 'faq', agent_id: AGENT_ID });
	});
});

describeEachContract('Get Many Knowledge Bases', (server) => {
	test('a Limit asks Diga for that many, with the filters', async () => {
		const { output, error } = await runAgainst(server(), { resource: 'knowledgeBase', operation: 'getAll', limit: 7, filters: { name: 'faq', agentId: byId(AGENT_ID) } });
		expect(error).toBeUndefined();
		expectContractClean(server());
		const [request] = server().requests;
		expect(Object.fromEntries(request.query)).toEqual({ limit: '7', name: 'faq', agent_id: AGENT_ID });
		expect(output?.length).toBeGreaterThan(0);
	});
});

describe('Get Many Knowledge Bases: paging', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());

	test('Return All walks the cursor with full pages of 100 and stops when Diga has no more', async () => {
		const base = (n: number) => ({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, name: `Base ${n}`, knowledge_item_ids: [], item_count: 0 });
		fake.handler = (request) => {
			const start = request.query.get('after') ? 100 : 0;
			const data = Array.from({ length: start === 0 ? 100 : 30 }, (_, i) => base(start + i));
			return { body: { data, has_more: start === 0, last_id: data.at(-1)?.id } };
		};
		const { output, error } = await runAgainst(fake, { resource: 'knowledgeBase', operation: 'getAll', returnAll: true });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(130);
		expect(fake.requests.map((r) => [r.query.get('limit'), r.query.get('after')])).toEqual([
			[String(BASE_PAGE_SIZE), null],
			[String(BASE_PAGE_SIZE), base(99).id],
		]);
	});
});
