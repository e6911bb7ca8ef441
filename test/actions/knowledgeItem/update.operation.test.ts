import { byId, expectContractClean, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';
import { ITEM_ID } from '../knowledgeBase/ids';

describeEachContract('Update Knowledge Item', (server) => {
	test('PATCH /v1/knowledge/item/{id} with the new name', async () => {
		const { output, error } = await runAgainst(server(), { resource: 'knowledgeItem', operation: 'update', knowledgeItemId: byId(ITEM_ID), name: 'Opening hours 2026' });
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path, r.body])).toEqual([['PATCH', `/v1/knowledge/item/${ITEM_ID}`, { name: 'Opening hours 2026' }]]);
		expect(output?.[0].json).toEqual(server().requests[0].response);
	});
});
