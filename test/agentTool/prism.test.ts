import { TEST_API_KEY } from '../support/diga';
import { TOOL_PARAMETERS, triggerHarness } from '../support/hooks';
import { describeEachContract } from '../support/prism';

const route = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '{id}');

describeEachContract(
	'Diga Agent Tool Trigger against the current contract (Prism)',
	(server) => {
		it('sends only requests the contract accepts, through activation, an update in place and a test registration’s removal', async () => {
			const trigger = await triggerHarness(TOOL_PARAMETERS, { apiKey: TEST_API_KEY, baseUrl: server().url });
			await trigger.activate();
			// Prism's generated records never match this workflow's URL, so the second activation updates the
			// first in place (PATCH); the editor's test registration is removed at once when n8n takes it down.
			await trigger.activate({ activation: 'init' });
			await trigger.activate({ test: true });
			await trigger.deactivate({ test: true });

			// Prism also reports its own generated answers: for a tool's recursive body parameters it builds
			// one that breaks the schema. Only what the node sent is the node's to answer for.
			const sent = server().requests.map((request) => ({
				request: `${request.method} ${request.path}`,
				violations: request.violations.filter((violation) => violation.location?.[0] === 'request'),
				bearer: request.headers.authorization === `Bearer ${TEST_API_KEY}`,
				ok: request.status < 300,
			}));
			expect(sent).toEqual(sent.map(({ request }) => ({ request, violations: [], bearer: true, ok: true })));
			const seen = new Set(server().requests.map((request) => `${request.method} ${route(request.path)}`));
			expect([...seen].sort()).toEqual(
				expect.arrayContaining([
					'GET /v1/integration',
					'POST /v1/integration',
					'POST /v1/integration/{id}/tool',
					'GET /v1/integration/{id}',
					'PATCH /v1/integration/{id}',
					'PATCH /v1/integration/{id}/tool/{id}',
					'GET /v1/agent/{id}',
					'PATCH /v1/agent/{id}',
					'DELETE /v1/integration/{id}/tool/{id}',
					'DELETE /v1/integration/{id}',
				]),
			);
			const patch = server().requests.find((request) => request.method === 'PATCH');
			// Every assignment the agent had is sent back with the new one.
			const before = server().requests.find((request) => request.method === 'GET' && request.path.startsWith('/v1/agent/'))?.response as { integrations: unknown[] };
			expect((patch?.body as { integrations: unknown[] }).integrations).toHaveLength(before.integrations.length + 1);
		});
	},
	['2026-07-22'],
);
