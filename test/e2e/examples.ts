/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * What each file in examples/ must do when n8n runs it (see ExampleSpec). An example without an entry
 * fails the suite, so a new example comes with its expectations.
 */
import assert from 'node:assert/strict';

import { AGENT_ID, CALL_ID, OTHER_VERSION_ID, PHONE_ID, VERSION_ID } from '../support/diga';
import { agentAnswer, bodyOf, describeRequest, modelToolCalls, output, type Ctx, type ExampleSpec } from './checks';
import { callEndingOnSecondRead, HELP_PAGE, storage } from './calls';
import { E2E_TRUNK_SENT, type Json, type Workflow } from './workflows';

/** The knowledge item the sync example replaces: one more of the same name beside the one it adds. */
const OLD_ITEM_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

/** Prism's agent IDs are placeholders ("string"): a launched version and a copied agent get real ones. */
const launchedVersion = ({ method, path, body }: { method: string; path: string; body: unknown }) =>
	method === 'POST' && /^\/v1\/agent\/[^/]+\/version$/.test(path) ? { ...(body as Json), agent_id: AGENT_ID, version_id: VERSION_ID } : undefined;

/** The page the sync example reads, on the suite's own storage host. */
const withHelpPage = (workflow: Workflow): Workflow => ({
	...workflow,
	nodes: workflow.nodes.map((node) =>
		node.name === 'Settings'
			? { ...node, parameters: JSON.parse(JSON.stringify(node.parameters).replace('https://example.com/help/opening-hours', `${storage.fake?.url}/help/opening-hours.txt`)) as Json }
			: node,
	),
});

export const EXAMPLES: Record<string, ExampleSpec> = {
	'call-ended-transcript-to-spreadsheet.json': { activatedBy: 'test/e2e/trigger.e2e.ts' },
	'agent-tool-check-availability.json': { activatedBy: 'test/e2e/agent-tool.e2e.ts' },
	'ai-agent-phone-assistant.json': {
		every: 'GET /v1/phone/',
		check(ctx: Ctx) {
			assert.deepEqual(modelToolCalls(ctx), [{ name: 'Get_many_phone_numbers', args: {} }]);
			assert.equal(agentAnswer(ctx), 'We have 2 phone number(s): +34912345678, +34932345678.');
		},
	},
	'import-phone.json': {
		requests: ['POST /v1/phone/import'],
		check(ctx: Ctx) {
			const body = bodyOf(ctx.requests[0]);
			assert.equal(body.phone_number, '+34912345678');
			assert.deepEqual(body.sip_config, E2E_TRUNK_SENT, 'the trunk from the credential, for the 2026-04 contract');
			assert.deepEqual(body.outbound_config, { ...E2E_TRUNK_SENT, media_encryption: 'allow' }, 'and for the 2026-07 contract');
			assert.deepEqual((body.inbound_config as Record<string, unknown>).allowed_addresses, ['203.0.113.10', '198.51.100.0/24']);
		},
	},
	'update-phone.json': {
		requests: [`PATCH /v1/phone/${PHONE_ID}`],
		check(ctx: Ctx) {
			assert.deepEqual(ctx.requests[0].body, { nickname: 'Madrid support line', inbound_version_id: VERSION_ID, outbound_version_id: OTHER_VERSION_ID });
		},
	},
	'get-phone.json': { requests: [`GET /v1/phone/${PHONE_ID}`] },
	'get-many-phones.json': {
		every: 'GET /v1/phone/',
		check(ctx: Ctx) {
			assert.equal(ctx.requests[0].query.get('status'), 'assigned');
			assert.equal(ctx.requests[0].query.get('limit'), '20');
		},
	},
	'release-phone.json': {
		requests: [`DELETE /v1/phone/${PHONE_ID}`],
		check(ctx: Ctx) {
			assert.deepEqual(output(ctx.run, 'Release phone number').map((i) => i.json), [{ deleted: true, id: PHONE_ID }]);
		},
	},
	'update-sip-config.json': {
		contracts: ['2026-07-22'],
		requests: [`PATCH /v1/phone/${PHONE_ID}/sip-config`],
		check(ctx: Ctx) {
			assert.deepEqual(ctx.requests[0].body, {
				outbound_config: { ...E2E_TRUNK_SENT, media_encryption: 'require' },
				inbound_config: { allowed_addresses: ['203.0.113.0/24'] },
			});
		},
	},
	'get-agent.json': { requests: [`GET /v1/agent/${AGENT_ID}`] },
	'get-many-agents.json': { requests: ['GET /v1/agent/versions-dropdown/dashboard'] },
	'make-call.json': {
		requests: ['POST /v1/call/'],
		check(ctx: Ctx) {
			assert.deepEqual(ctx.requests[0].body, {
				from_number: '+34912345678',
				to_number: '+34612345678',
				agent_version_id: VERSION_ID,
				dynamic_variables: { name: 'Ana', appointment: 'Tuesday 10:00' },
			});
		},
	},
	'get-call.json': { requests: [`GET /v1/call/${CALL_ID}`] },
	'get-many-calls.json': {
		every: 'GET /v1/call/',
		check(ctx: Ctx) {
			assert.equal(ctx.requests[0].query.get('type'), 'outbound');
			assert.equal(ctx.requests[0].query.get('start_created_date'), '2026-01-01T00:00:00.000Z');
		},
	},
	'get-call-transcript.json': { every: `GET /v1/call/${CALL_ID}/message` },
	'make-call-and-wait.json': {
		stamp: () => callEndingOnSecondRead(),
		check(ctx: Ctx) {
			const [call] = output(ctx.run, 'Call and wait');
			const id = String(call.json.id);
			const requests = ctx.requests.map(describeRequest);
			const pages = requests.filter((request) => request === `GET /v1/call/${id}/message`).length;
			assert.ok(pages > 0, 'the transcript was read');
			assert.deepEqual(
				requests,
				['POST /v1/call/', `GET /v1/call/${id}`, `GET /v1/call/${id}`, ...Array<string>(pages).fill(`GET /v1/call/${id}/message`)],
				'placed once, read until it ended, then its transcript',
			);
			assert.deepEqual(bodyOf(ctx.requests[0]), { from_number: '+34912345678', to_number: '+34612345678', dynamic_variables: { name: 'Ana' } });
			const [summary] = output(ctx.run, 'Summarize the call');
			assert.deepEqual({ ...summary.json, transcript: undefined }, { call_id: id, ended: true, outcome: 'user_hangup', duration_seconds: 42, transcript: undefined });
			assert.match(String(summary.json.transcript), /^\w+: /, 'the transcript as lines of "role: text"');
		},
	},
	'knowledge-sync-and-publish.json': {
		prepare: withHelpPage,
		stamp: () => (answer) => {
			if (answer.method === 'GET' && answer.path === '/v1/knowledge/item/') {
				const page = answer.body as { data: Json[] };
				return { ...page, data: [page.data[0], { ...page.data[0], id: OLD_ITEM_ID }], has_more: false };
			}
			return launchedVersion(answer);
		},
		check(ctx: Ctx) {
			const added = String(output(ctx.run, 'Add the new text')[0].json.id);
			assert.notEqual(added, OLD_ITEM_ID);
			assert.deepEqual(
				ctx.requests.map(describeRequest),
				['POST /v1/knowledge/item/text', 'GET /v1/knowledge/item/', `DELETE /v1/knowledge/item/${OLD_ITEM_ID}`, `POST /v1/agent/${AGENT_ID}/version`, `PATCH /v1/agent/${AGENT_ID}/published_version`],
				'the new text added, the old item of that name deleted (not the new one), then a version launched and published',
			);
			assert.deepEqual(bodyOf(ctx.requests[0]), { name: 'Help centre: opening hours', content: HELP_PAGE, knowledge_base_id: '5b3a9c1e-2f4d-4a6b-8c7d-9e0f1a2b3c4d' }, "the page's text, exactly, into the base");
			assert.equal(ctx.requests[1].query.get('name'), 'Help centre: opening hours');
			assert.match(String(bodyOf(ctx.requests[3]).version_name), /^Knowledge sync \d{4}-\d{2}-\d{2}$/);
			assert.deepEqual(bodyOf(ctx.requests[4]), { version_id: VERSION_ID }, 'the version just launched is published');
		},
	},
	'agent-per-client.json': {
		contracts: ['2026-07-22'],
		stamp: () => (answer) => {
			if (answer.method === 'GET' && /^\/v1\/agent\/template\/[^/]+$/.test(answer.path)) return { ...(answer.body as Json), variables: ['business_name'] };
			if (answer.method === 'POST' && answer.path.endsWith('/copy')) return { ...(answer.body as Json), agent_id: AGENT_ID };
			return launchedVersion(answer);
		},
		check(ctx: Ctx) {
			const kinds = ctx.requests.map((request) => describeRequest(request).replace(/[0-9a-f-]{36}/g, '{id}'));
			// The two clients go side by side within a node, so their template reads and copies may interleave.
			assert.deepEqual(kinds.slice(0, 4).sort(), ['GET /v1/agent/template/{id}', 'GET /v1/agent/template/{id}', 'POST /v1/agent/template/{id}/copy', 'POST /v1/agent/template/{id}/copy']);
			assert.deepEqual(
				kinds.slice(4),
				['POST /v1/phone/import', 'POST /v1/phone/import', 'POST /v1/agent/{id}/version', 'POST /v1/agent/{id}/version', 'PATCH /v1/agent/{id}/published_version', 'PATCH /v1/agent/{id}/published_version'],
				'per client: the template read, the agent created, the number imported, a version launched and published',
			);
			const copies = ctx.requests.filter((request) => request.path.endsWith('/copy')).map(bodyOf);
			assert.deepEqual(
				copies.sort((a, b) => String(a.agent_name).localeCompare(String(b.agent_name))),
				[
					{ variables: { business_name: 'Clínica Sol' }, agent_name: 'Clínica Sol reception' },
					{ variables: { business_name: 'Taller Ruiz' }, agent_name: 'Taller Ruiz reception' },
				],
			);
			const imported = output(ctx.run, 'Import number').map((item) => item.json.id);
			const published = output(ctx.run, 'Publish on number');
			assert.equal(published.length, 2);
			for (const request of ctx.requests.filter((each) => each.path.endsWith('/published_version'))) {
				const body = bodyOf(request);
				assert.equal(body.version_id, VERSION_ID);
				assert.ok(imported.includes(body.inbound_phone_number_id), 'published on the number just imported');
			}
		},
	},
	'import-numbers-and-assign-agents.json': {
		check(ctx: Ctx) {
			const imported = output(ctx.run, 'Import numbers', 0);
			const failed = output(ctx.run, 'Import numbers', 1);
			assert.equal(imported.length, 3, 'three numbers on the success output');
			assert.deepEqual(failed.map((i) => i.pairedItem), [{ item: 3 }], 'the malformed row (item 3) on the error output');
			assert.match(String(failed[0].json.error), /^Phone Number \(item 3\)/);
			assert.equal(output(ctx.run, 'Assign agents', 0).length, 3);
			assert.deepEqual(output(ctx.run, 'Assign agents', 1), [], 'no assignment failed');
			const alerts = output(ctx.run, 'Prepare failure alert').map((i) => i.json);
			assert.equal(alerts.length, 1, 'one alert, for the malformed row');
			assert.equal(alerts[0].number, '+34 600 000 000', 'the alert names the row it is about');
			assert.match(String(alerts[0].message), /^Diga could not set up \+34 600 000 000: Phone Number \(item 3\): .+ identifier\. Use E\.164/);
			const phoneId = imported[0].json.id;
			assert.deepEqual(
				ctx.requests.map(describeRequest),
				[...Array(3).fill('POST /v1/phone/import'), ...Array(3).fill(`PATCH /v1/phone/${phoneId}`)],
				'three imports, then three updates with the imported phone IDs',
			);
			assert.deepEqual(
				ctx.requests.slice(0, 3).map(bodyOf).sort((a, b) => String(a.nickname).localeCompare(String(b.nickname))),
				[
					{ phone_number: '+34932345678', nickname: 'Barcelona reception' },
					{ phone_number: '+34912345678', nickname: 'Madrid reception' },
					{ phone_number: 'reception@sip.example.com', nickname: 'SIP reception' },
				],
				'each row imported with its nickname, inbound only',
			);
			for (const r of ctx.requests.slice(3)) assert.deepEqual(r.body, { inbound_version_id: VERSION_ID });
		},
	},
};

