/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * What each file in examples/ must do when n8n runs it (see ExampleSpec). An example without an entry
 * fails the suite, so a new example comes with its expectations.
 */
import assert from 'node:assert/strict';

import { AGENT_ID, CALL_ID, OTHER_VERSION_ID, PHONE_ID, VERSION_ID } from '../support/diga';
import { agentAnswer, bodyOf, describeRequest, modelToolCalls, output, type Ctx, type ExampleSpec } from './checks';
import { callEndingOnSecondRead } from './calls';
import { E2E_TRUNK_SENT } from './workflows';

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

