import { buildTextBody } from '../../../nodes/Diga/actions/knowledgeItem/addFromText.operation';
import { byId, expectContractClean, rejectedAs, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';
import { BASE_ID } from '../knowledgeBase/ids';

describe('buildTextBody', () => {
	test('the text as written, line breaks and all; the base only when given', () => {
		expect(buildTextBody('Hours', 'Mon-Fri\n  9:00-18:00\n')).toEqual({ name: 'Hours', content: 'Mon-Fri\n  9:00-18:00\n' });
		expect(buildTextBody('Hours', 'Mon-Fri', BASE_ID)).toEqual({ name: 'Hours', content: 'Mon-Fri', knowledge_base_id: BASE_ID });
	});

	test('an empty text or name is refused', () => {
		expect(() => buildTextBody('Hours', ' \n ')).toThrow(rejectedAs('Text'));
		expect(() => buildTextBody('', 'Mon-Fri')).toThrow(rejectedAs('Name'));
	});
});

describeEachContract('Add Knowledge Item From Text', (server) => {
	test('POST /v1/knowledge/item/text with name, text and base; the new item is the output', async () => {
		const { output, error } = await runAgainst(server(), {
			resource: 'knowledgeItem',
			operation: 'addFromText',
			name: 'Opening hours',
			content: '={{ $json.page }}',
			additionalFields: { knowledgeBaseId: byId(BASE_ID) },
		}, { items: [{ page: 'Open Monday to Friday, 9:00 to 18:00.' }] });
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/v1/knowledge/item/text', { name: 'Opening hours', content: 'Open Monday to Friday, 9:00 to 18:00.', knowledge_base_id: BASE_ID }],
		]);
		expect(output?.map((item) => item.json)).toEqual([server().requests[0].response]);
	});

	test('an empty text from an expression fails before any request', async () => {
		const { error } = await runAgainst(server(), { resource: 'knowledgeItem', operation: 'addFromText', name: 'Hours', content: '={{ $json.page }}' }, { items: [{ page: '' }] });
		expect(error?.message).toBe('Text (item 0): is empty');
		expect(server().requests).toHaveLength(0);
	});
});
