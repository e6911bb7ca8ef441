import { buildUrlItems } from '../../../nodes/Diga/actions/knowledgeItem/addFromUrl.operation';
import { byId, expectContractClean, rejectedAs, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';
import { BASE_ID } from '../knowledgeBase/ids';

describe('buildUrlItems', () => {
	test('each URL with its name when one is given', () => {
		expect(buildUrlItems([{ url: ' https://example.com/help ', name: 'Help' }, { url: 'http://example.com/a?b=c', name: '' }])).toEqual([
			{ url: 'https://example.com/help', name: 'Help' },
			{ url: 'http://example.com/a?b=c' },
		]);
	});

	test.each(['ftp://example.com/file', 'example.com/help', 'javascript:alert(1)', 'https://', 'https://exa mple.com'])('%s is refused: not an http(s) address', (url) => {
		expect(() => buildUrlItems([{ url }])).toThrow(rejectedAs('URL'));
	});

	test('with several URLs the message says which one', () => {
		expect(() => buildUrlItems([{ url: 'https://example.com' }, { url: 'mailto:help@example.com' }])).toThrow(rejectedAs('URLs > URL 2'));
	});
});

const addUrls = (urls: object[], fields: object = {}) => ({ resource: 'knowledgeItem', operation: 'addFromUrl', urls: { url: urls }, ...fields });

describeEachContract('Add Knowledge Items From URL(s)', (server) => {
	test('POST /v1/knowledge/item/url with the URLs and the base; each created item is an output item', async () => {
		const key = 'add-urls';
		server().stamp(key, ({ body }) => ({ ...(body as object), failed_items: [] }));
		const { output, error } = await runAgainst(
			{ url: server().baseUrlFor(key) },
			addUrls([{ url: 'https://example.com/help', name: 'Help' }], { additionalFields: { knowledgeBaseId: byId(BASE_ID) } }),
		);
		expect(error).toBeUndefined();
		expectContractClean(server());
		const [request] = server().requests;
		expect([request.method, request.path, request.body]).toEqual(['POST', '/v1/knowledge/item/url', { items: [{ url: 'https://example.com/help', name: 'Help' }], knowledge_base_id: BASE_ID }]);
		expect(output?.map((item) => item.json)).toEqual((request.response as { successful_items: unknown[] }).successful_items);
	});

	test("items Diga could not add fail the item, naming them and the items it did add", async () => {
		// Prism's example answer has one item added and one failed.
		const { error } = await runAgainst(server(), addUrls([{ url: 'https://example.com/help' }, { url: 'https://example.com/prices' }]));
		const answer = server().requests[0].response as { successful_items: Array<{ id: string }>; failed_items: Array<{ name: string; error: string }> };
		expect(error?.message).toBe(`Diga could not add 1 of 2: ${answer.failed_items[0].name}: ${answer.failed_items[0].error}`);
		expect(error?.description).toContain(`Added and kept in Diga: knowledge items ${answer.successful_items[0].id}.`);
	});

	test('a URL that is not http(s) fails before any request, naming the field, the item and the fix', async () => {
		const { error } = await runAgainst(server(), addUrls([{ url: 'www.example.com/help' }]));
		expect(error?.message).toBe('URL (item 0): "www.example.com/help" is not an http:// or https:// address');
		expect(error?.description).toMatch(/starting with https:\/\//);
		expect(server().requests).toHaveLength(0);
	});
});
