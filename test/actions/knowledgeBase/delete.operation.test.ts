import { byId, expectContractClean, runAgainst } from '../../support/diga';
import { startFakeDiga, type FakeDiga } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';
import { BASE_ID } from './ids';

const deleteBase = (fields: object = {}) => ({ resource: 'knowledgeBase', operation: 'delete', knowledgeBaseId: byId(BASE_ID), ...fields });

describeEachContract('Delete Knowledge Base', (server) => {
	test('DELETE /v1/knowledge/base/{id} without force; the output says what was deleted', async () => {
		const { output, error } = await runAgainst(server(), deleteBase());
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path, r.query.get('force')])).toEqual([['DELETE', `/v1/knowledge/base/${BASE_ID}`, null]]);
		expect(output?.map((item) => item.json)).toEqual([{ deleted: true, id: BASE_ID }]);
	});

	test('Delete Its Items Too sends force=true', async () => {
		const { error } = await runAgainst(server(), deleteBase({ deleteItems: true }));
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests[0].query.get('force')).toBe('true');
	});
});

describe('Delete Knowledge Base: never sent twice', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());

	test('a 503 is not retried even with retries allowed, and the error says Diga may have acted', async () => {
		fake.handler = () => ({ status: 503, body: { status: 'error', message: 'Service unavailable' } });
		const { error } = await runAgainst(fake, deleteBase({ options: { maxRetries: 3 } }));
		expect(fake.requests).toHaveLength(1);
		expect(error?.message).toMatch(/^Diga answered 503/);
		expect(error?.description).toMatch(/Diga may have acted on the request before it failed/);
	});

	test("Diga's 409 for a base that still holds items comes through", async () => {
		fake.requests.length = 0;
		fake.handler = () => ({ status: 409, body: { status: 'error', error_code: 'KNOWLEDGE_BASE_NOT_EMPTY', message: 'Knowledge base has items' } });
		const { error } = await runAgainst(fake, deleteBase({ options: { maxRetries: 0 } }));
		expect(error?.message).toBe('Diga answered 409 KNOWLEDGE_BASE_NOT_EMPTY: Knowledge base has items');
	});
});
