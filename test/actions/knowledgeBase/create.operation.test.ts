import { buildBaseBody } from '../../../nodes/Diga/actions/knowledgeBase/create.operation';
import { expectContractClean, rejectedAs, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

describe('buildBaseBody', () => {
	test('the name, and the description only when added', () => {
		expect(buildBaseBody(' Help centre ', {})).toEqual({ name: 'Help centre' });
		expect(buildBaseBody('Help centre', { description: 'FAQ pages' })).toEqual({ name: 'Help centre', description: 'FAQ pages' });
	});

	test('an empty name is refused', () => {
		expect(() => buildBaseBody('  ', {})).toThrow(rejectedAs('Name'));
	});
});

describeEachContract('Create Knowledge Base', (server) => {
	test('POST /v1/knowledge/base/ with the name and description; the new base is the output', async () => {
		const { output, error } = await runAgainst(server(), { resource: 'knowledgeBase', operation: 'create', name: 'Help centre', additionalFields: { description: 'FAQ pages' } });
		expect(error).toBeUndefined();
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path, r.body])).toEqual([['POST', '/v1/knowledge/base/', { name: 'Help centre', description: 'FAQ pages' }]]);
		expect(output?.map((item) => item.json)).toEqual([server().requests[0].response]);
	});

	test('an empty name from an expression fails before any request, naming the field and the item', async () => {
		const { error } = await runAgainst(server(), { resource: 'knowledgeBase', operation: 'create', name: '={{ $json.client }}' }, { items: [{ client: 'Acme' }, { client: ' ' }] });
		expect(error?.message).toBe('Name (item 1): is empty');
		expect(server().requests).toHaveLength(0);
	});
});
