import { checkAgainstTemplate, templateVariables } from '../../../nodes/Diga/actions/agent/createFromTemplate.operation';
import { byId, expectContractClean, rejectedAs, runAgainst } from '../../support/diga';
import { describeEachContract, type PrismServer } from '../../support/prism';

const TEMPLATE_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const pairs = (values: Record<string, string>) => ({ variable: Object.entries(values).map(([name, value]) => ({ name, value })) });
const fromTemplate = (fields: object) => ({ resource: 'agent', operation: 'createFromTemplate', templateId: byId(TEMPLATE_ID), ...fields });

describe('template variables', () => {
	test('pairs become an object; << >> around a name are dropped', () => {
		expect(templateVariables([{ name: '<<business>>', value: 'Clínica Sol' }, { name: 'city', value: 'Madrid' }])).toEqual({ business: 'Clínica Sol', city: 'Madrid' });
	});

	test('a name given twice or left empty is refused', () => {
		expect(() => templateVariables([{ name: 'a', value: '1' }, { name: 'a', value: '2' }])).toThrow(rejectedAs('Template Variables'));
		expect(() => templateVariables([{ name: ' ', value: '1' }])).toThrow(rejectedAs('Template Variables (variable 1)'));
	});

	test("every placeholder of the template needs a value, and only the template's", () => {
		expect(() => checkAgainstTemplate({ business: 'x' }, ['business'])).not.toThrow();
		expect(() => checkAgainstTemplate({ business: 'x' }, ['business', 'city'])).toThrow(/no value for city/);
		expect(() => checkAgainstTemplate({ business: 'x', typo: 'y' }, ['business'])).toThrow(/has no placeholder typo/);
	});
});

/** The template as Diga would hold it: Prism's example with these placeholders. */
function withTemplate(server: PrismServer, key: string, variables: string[]) {
	server.stamp(key, ({ method, body }) => (method === 'GET' ? { ...(body as object), variables } : undefined));
	return { url: server.baseUrlFor(key) };
}

describeEachContract(
	'Create Agent From Template',
	(server) => {
		test("reads the template, checks its placeholders, then copies it once with the name and values", async () => {
			const target = withTemplate(server(), 'copy', ['business', 'city']);
			const { output, error } = await runAgainst(target, fromTemplate({ agentName: 'Sol', variables: pairs({ business: 'Clínica Sol', city: 'Madrid' }) }));
			expect(error).toBeUndefined();
			expect(output?.[0].json.agent_id).toBeDefined();
			expectContractClean({ requests: server().requestsOf('copy') });
			expect(server().requestsOf('copy').map((r) => [r.method, r.path, r.body])).toEqual([
				['GET', `/v1/agent/template/${TEMPLATE_ID}`, undefined],
				['POST', `/v1/agent/template/${TEMPLATE_ID}/copy`, { agent_name: 'Sol', variables: { business: 'Clínica Sol', city: 'Madrid' } }],
			]);
		});

		test('a placeholder left without a value: nothing is created', async () => {
			const target = withTemplate(server(), 'missing', ['business', 'city']);
			const { error } = await runAgainst(target, fromTemplate({ variables: pairs({ business: 'Clínica Sol' }) }));
			expect(error?.message).toBe('Template Variables (item 0): no value for city');
			expect(error?.description).toMatch(/Nothing was created/);
			expect(server().requestsOf('missing').map((r) => r.method)).toEqual(['GET']);
		});
	},
	['2026-07-22'],
);

describeEachContract(
	'Create Agent From Template on an API without the endpoint',
	(server) => {
		test('says the operation needs the API of July 2026, and nothing is created', async () => {
			const { output, error } = await runAgainst(server(), fromTemplate({}));
			expect(output).toBeUndefined();
			expect(error?.httpCode).toBe('404');
			expect(error?.description).toMatch(/has no endpoint GET \/v1\/agent\/template\/\S+, so nothing was changed\. Create Agent From Template .*July 2026/);
			expect(server().requests.map((r) => r.method)).toEqual(['GET']);
		});
	},
	['2026-04-07'],
);
