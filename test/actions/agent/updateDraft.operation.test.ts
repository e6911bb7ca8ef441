import { buildUpdateBody } from '../../../nodes/Diga/actions/agent/updateDraft.operation';
import { mergedIds } from '../../../nodes/Diga/actions/agent/knowledge';
import { AGENT_ID, byId, expectContractClean, runAgainst } from '../../support/diga';
import { describeEachContract, type PrismServer } from '../../support/prism';

const [KB1, KB2, KB3] = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
const ITEM = '44444444-4444-4444-8444-444444444444';
const entries = (...ids: string[]) => ({ entry: ids.map((id) => ({ id: byId(id) })) });
const update = (updateFields: object) => ({ resource: 'agent', operation: 'updateDraft', agentId: byId(AGENT_ID), updateFields });

describe('mergedIds: a list field changed without losing what is there', () => {
	test('adds new IDs last, removes the given ones, keeps the others in order', () => {
		expect(mergedIds([KB1, KB2], { add: [KB3, KB1], remove: [KB2] })).toEqual([KB1, KB3]);
	});

	test('nothing changes: undefined, so the list is not sent', () => {
		expect(mergedIds([KB1], { add: [KB1], remove: [KB2] })).toBeUndefined();
		expect(mergedIds(null, { add: [], remove: [KB1] })).toBeUndefined();
	});

	test('a missing list counts as empty', () => {
		expect(mergedIds(undefined, { add: [KB1], remove: [] })).toEqual([KB1]);
	});
});

describe('buildUpdateBody', () => {
	test('only the settings added; a list only when it changes', () => {
		const draft = { knowledge_base_ids: [KB1], knowledge_item_ids: [ITEM] };
		expect(buildUpdateBody({ greeting: '', volume: 40 }, draft, { knowledge_base_ids: { add: [KB2], remove: [] }, knowledge_item_ids: { add: [ITEM], remove: [] } })).toEqual({
			greeting: '',
			volume: 40,
			knowledge_base_ids: [KB1, KB2],
		});
	});
});

/** The draft as Diga would hold it: Prism's example with these knowledge bases and items. */
function withDraft(server: PrismServer, key: string, bases: string[], items: string[]) {
	server.stamp(key, ({ method, body }) => (method === 'GET' ? { ...(body as object), knowledge_base_ids: bases, knowledge_item_ids: items } : undefined));
	return { url: server.baseUrlFor(key) };
}

describeEachContract('Update Agent Draft', (server) => {
	test('sends only the fields added, without reading the draft', async () => {
		const { output, error } = await runAgainst(server(), update({ prompt: 'New instructions', language: 'en' }));
		expect(error).toBeUndefined();
		expect(output?.[0].json.agent_id).toBeDefined();
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path, r.body])).toEqual([['PATCH', `/v1/agent/${AGENT_ID}`, { prompt: 'New instructions', language: 'en' }]]);
	});

	test('attaching and detaching reads the draft and writes the whole list, keeping the others', async () => {
		const target = withDraft(server(), 'merge', [KB1, KB2], [ITEM]);
		const { error } = await runAgainst(target, update({ addKnowledgeBaseIds: entries(KB3), removeKnowledgeBaseIds: entries(KB1) }));
		expect(error).toBeUndefined();
		const requests = server().requestsOf('merge');
		expect(requests.map((r) => [r.method, r.path, r.query.toString(), r.body])).toEqual([
			['GET', `/v1/agent/${AGENT_ID}`, '', undefined],
			['PATCH', `/v1/agent/${AGENT_ID}`, '', { knowledge_base_ids: [KB2, KB3] }],
		]);
		expect(requests.every((r) => r.violations.length === 0)).toBe(true);
	});

	test('attaching what is attached sends no update', async () => {
		const target = withDraft(server(), 'same', [KB1], [ITEM]);
		const { output, error } = await runAgainst(target, update({ addKnowledgeBaseIds: entries(KB1), removeKnowledgeItemIds: entries(KB3) }));
		expect(error).toBeUndefined();
		expect(server().requestsOf('same').map((r) => r.method)).toEqual(['GET']);
		expect(output?.[0].json.knowledge_base_ids).toEqual([KB1]);
	});

	test('an ID both attached and detached is refused before any request', async () => {
		const { error } = await runAgainst(server(), update({ addKnowledgeItemIds: entries(ITEM), removeKnowledgeItemIds: entries(ITEM) }));
		expect(error?.message).toMatch(/^Knowledge Items \(item 0\): 4444\S+ is both attached and detached$/);
		expect(server().requests).toHaveLength(0);
	});

	test('nothing to update, an emptied prompt, a language Diga does not offer: refused before any request', async () => {
		for (const [fields, message] of [
			[{}, 'Update Fields (item 0): nothing to update'],
			[{ prompt: '  ' }, 'Prompt (item 0): is empty'],
			[{ language: 'xx' }, 'Language (item 0): "xx" is not a language Diga offers'],
		] as const) {
			const { error } = await runAgainst(server(), update(fields));
			expect(error?.message).toBe(message);
		}
		expect(server().requests).toHaveLength(0);
	});
});
