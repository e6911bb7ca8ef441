import { buildItemQuery } from '../../../nodes/Diga/actions/knowledgeItem/getAll.operation';
import { byId, expectContractClean, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';
import { BASE_ID } from '../knowledgeBase/ids';

describe('buildItemQuery', () => {
	test('only the filters set, under their names in Diga', () => {
		expect(buildItemQuery({})).toEqual({});
		expect(buildItemQuery({ category: 'txt', status: 'error', name: 'hours', knowledgeBaseId: BASE_ID })).toEqual({
			category: 'txt',
			status: 'error',
			name: 'hours',
			knowledge_base_id: BASE_ID,
		});
	});
});

describeEachContract('Get Many Knowledge Items', (server) => {
	test('the filters on every page, each page asking only for what the Limit still lacks', async () => {
		const { output, error } = await runAgainst(server(), {
			resource: 'knowledgeItem',
			operation: 'getAll',
			limit: 3,
			filters: { category: 'txt', status: 'uploaded', name: 'hours', knowledgeBaseId: byId(BASE_ID) },
			simplify: true,
		});
		expect(error).toBeUndefined();
		expectContractClean(server());
		const filters = { category: 'txt', status: 'uploaded', name: 'hours', knowledge_base_id: BASE_ID };
		const [first, ...next] = server().requests;
		expect(Object.fromEntries(first.query)).toEqual({ limit: '3', ...filters });
		// Prism's page holds one record and says there are more: the next asks for the rest after its last_id.
		const page = first.response as { data: unknown[]; last_id: string };
		expect(next.map((r) => Object.fromEntries(r.query))[0]).toEqual({ limit: String(3 - page.data.length), after: page.last_id, ...filters });
		expect(output?.length).toBeGreaterThan(0);
		for (const item of output ?? []) expect(item.json).not.toHaveProperty('content');
	});
});
