import { buildBaseUpdate, mergedItemIds } from '../../../nodes/Diga/actions/knowledgeBase/update.operation';
import { byId, expectContractClean, rejectedAs, runAgainst } from '../../support/diga';
import { startFakeDiga, type FakeDiga } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';
import { BASE_ID, ITEM_ID, OTHER_ITEM_ID } from './ids';

const KEPT = '99999999-9999-4999-8999-999999999999';

describe('mergedItemIds', () => {
	test('keeps the current items, adds the new ones once, takes out the removed ones', () => {
		expect(mergedItemIds([KEPT, OTHER_ITEM_ID], [ITEM_ID, KEPT], [OTHER_ITEM_ID])).toEqual([KEPT, ITEM_ID]);
	});

	test('an item both added and removed ends up out; a base without items starts empty', () => {
		expect(mergedItemIds(undefined, [ITEM_ID], [ITEM_ID])).toEqual([]);
		expect(mergedItemIds(null, [ITEM_ID], [])).toEqual([ITEM_ID]);
	});
});

describe('buildBaseUpdate', () => {
	test('only the fields added', () => {
		expect(buildBaseUpdate({ description: '' })).toEqual({ description: '' });
		expect(buildBaseUpdate({ name: 'FAQ' })).toEqual({ name: 'FAQ' });
	});

	test('an added but empty name is refused', () => {
		expect(() => buildBaseUpdate({ name: ' ' })).toThrow(rejectedAs('Name'));
	});
});

const items = (...ids: string[]) => ({ item: ids.map((id) => ({ knowledgeItemId: byId(id) })) });
const update = (fields: object) => ({ resource: 'knowledgeBase', operation: 'update', knowledgeBaseId: byId(BASE_ID), ...fields });

describeEachContract('Update Knowledge Base', (server) => {
	test('a rename is one PATCH with the name alone', async () => {
		const { error } = await runAgainst(server(), update({ updateFields: { name: 'FAQ' } }));
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path, r.body])).toEqual([['PATCH', `/v1/knowledge/base/${BASE_ID}`, { name: 'FAQ' }]]);
	});

	test('items added and removed: the base is read, and its list written back with the others kept', async () => {
		const { error } = await runAgainst(server(), update({ addItems: items(ITEM_ID), removeItems: items(OTHER_ITEM_ID) }));
		expect(error).toBeUndefined();
		expectContractClean(server());
		const [read, write] = server().requests;
		expect([read.method, read.path, write.method, write.path]).toEqual(['GET', `/v1/knowledge/base/${BASE_ID}`, 'PATCH', `/v1/knowledge/base/${BASE_ID}`]);
		const current = (read.response as { knowledge_item_ids: string[] }).knowledge_item_ids;
		expect(write.body).toEqual({ knowledge_item_ids: [...current.filter((id) => id !== OTHER_ITEM_ID && id !== ITEM_ID), ITEM_ID] });
	});

	test('nothing to update fails before any request', async () => {
		const { error } = await runAgainst(server(), update({}));
		expect(error?.message).toBe('Update Fields (item 0): nothing to update');
		expect(server().requests).toHaveLength(0);
	});

	test('an item ID that is not a UUID fails before any request, naming its place in the list', async () => {
		const { error } = await runAgainst(server(), update({ addItems: items(ITEM_ID, '={{ "faq" }}') }));
		expect(error?.message).toMatch(/^Items to Add 2 \(item 0\): "faq" is not a valid ID/);
		expect(server().requests).toHaveLength(0);
	});
});

describe('Update Knowledge Base against a base that holds items', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga()));
	afterAll(async () => await fake.stop());

	test('Items to Add keeps every item the base holds', async () => {
		fake.handler = (request) => ({ body: { id: BASE_ID, name: 'FAQ', knowledge_item_ids: request.method === 'GET' ? [KEPT, OTHER_ITEM_ID] : [], item_count: 2 } });
		const { error } = await runAgainst(fake, update({ addItems: items(ITEM_ID), updateFields: { name: 'FAQ 2026' } }));
		expect(error).toBeUndefined();
		expect(fake.requests.map((r) => [r.method, r.body])).toEqual([
			['GET', undefined],
			['PATCH', { name: 'FAQ 2026', knowledge_item_ids: [KEPT, OTHER_ITEM_ID, ITEM_ID] }],
		]);
	});
});
