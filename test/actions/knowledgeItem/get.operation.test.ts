import { SIMPLE_FIELDS } from '../../../nodes/Diga/shared/simplify';
import { byId, expectContractClean, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';
import { ITEM_ID } from '../knowledgeBase/ids';

const get = (simplify: boolean) => ({ resource: 'knowledgeItem', operation: 'get', knowledgeItemId: byId(ITEM_ID), simplify });

describeEachContract('Get Knowledge Item', (server) => {
	test('GET /v1/knowledge/item/{id}: all of it without Simplify', async () => {
		const { output, error } = await runAgainst(server(), get(false));
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/knowledge/item/${ITEM_ID}`]);
		expect(output?.[0].json).toEqual(server().requests[0].response);
	});

	test('Simplify keeps the fields a person acts on, never the text content', async () => {
		const { output } = await runAgainst(server(), get(true));
		const full = server().requests[0].response as Record<string, unknown>;
		expect(Object.keys(output?.[0].json ?? {}).sort()).toEqual(SIMPLE_FIELDS.knowledgeItem.filter((field) => field in full).sort());
		expect(output?.[0].json).not.toHaveProperty('content');
	});
});
