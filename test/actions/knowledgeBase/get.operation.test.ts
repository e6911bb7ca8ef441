import { byId, expectContractClean, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';
import { BASE_ID } from './ids';

describeEachContract('Get Knowledge Base', (server) => {
	test('GET /v1/knowledge/base/{id}: the base as Diga gives it', async () => {
		const { output, error } = await runAgainst(server(), { resource: 'knowledgeBase', operation: 'get', knowledgeBaseId: byId(BASE_ID) });
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/knowledge/base/${BASE_ID}`]);
		expect(output?.map((item) => item.json)).toEqual([server().requests[0].response]);
	});

	test('an ID that is not a UUID fails before any request', async () => {
		const { error } = await runAgainst(server(), { resource: 'knowledgeBase', operation: 'get', knowledgeBaseId: byId('={{ "help" }}') });
		expect(error?.message).toMatch(/^Knowledge Base \(item 0\): "help" is not a valid ID/);
		expect(error?.description).toMatch(/Get Many Knowledge Bases/);
		expect(server().requests).toHaveLength(0);
	});
});
