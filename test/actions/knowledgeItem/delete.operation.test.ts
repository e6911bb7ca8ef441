import { byId, expectContractClean, runAgainst } from '../../support/diga';
import { startFakeDiga, type FakeDiga } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';
import { ITEM_ID } from '../knowledgeBase/ids';

const itemId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describeEachContract('Delete Knowledge Item', (server) => {
	test('DELETE /v1/knowledge/item/{id}; the output says what was deleted', async () => {
		const { output, error } = await runAgainst(server(), { resource: 'knowledgeItem', operation: 'delete', knowledgeItemId: byId(ITEM_ID) });
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests.map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE /v1/knowledge/item/${ITEM_ID}`]);
		expect(output?.map((item) => item.json)).toEqual([{ deleted: true, id: ITEM_ID }]);
	});
});

describe('Delete Knowledge Item: sent once, and a stopped run says what was deleted', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	const deleteEach = { resource: 'knowledgeItem', operation: 'delete', knowledgeItemId: byId('={{ $json.id }}'), options: { concurrency: 1, maxRetries: 3 } };

	test('a reset connection is not retried: Diga may have deleted it', async () => {
		fake.handler = () => ({ reset: true });
		const { error } = await runAgainst(fake, deleteEach, { items: [{ id: itemId(0) }] });
		expect(fake.requests).toHaveLength(1);
		expect(error?.description).toMatch(/Diga may have acted on the request before it failed/);
	});

	test('the stop report lists the items deleted before the failure and those never sent', async () => {
		fake.handler = (request) =>
			request.path.endsWith(itemId(1)) ? { status: 403, body: { status: 'error', error_code: 'FORBIDDEN', message: 'No write access' } } : { body: null };
		const { error } = await runAgainst(fake, deleteEach, { items: [0, 1, 2, 3].map((n) => ({ id: itemId(n) })) });
		expect(error?.message).toBe('Diga answered 403 FORBIDDEN: No write access');
		expect(error?.description).toContain(`Already done before the stop: item 0 (knowledge item ${itemId(0)}).`);
		expect(error?.description).toContain('Not sent: items 2-3.');
		expect(fake.requests.map((r) => r.path.split('/').pop())).toEqual([itemId(0), itemId(1)]);
	});
});
