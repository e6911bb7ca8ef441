/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * The end-to-end cases: workflows a user builds with the Diga node (and the node as an AI agent's tool),
 * each with what n8n's run, Diga and the model must show afterwards. check(ctx) gets the run, the requests
 * Diga received and the model's requests; `trunk`: the SIP trunk fields of the Diga API credential, when
 * not E2E_TRUNK.
 */
import assert from 'node:assert/strict';

import { AGENT_ID, OTHER_VERSION_ID, PHONE_ID, VERSION_ID } from '../support/diga';
import {
	agentAnswer,
	bodyOf,
	describeRequest,
	expectContractClean,
	expectPhoneItems,
	expectRequests,
	expectSuccess,
	modelToolCalls,
	output,
	toolResultsSeenByModel,
	type Ctx,
} from './checks';
import type { Stamp } from '../support/prism';
import { agentWorkflow, chain, codeNode, digaNode, E2E_TRUNK_SENT, rl, update, type Json, type Workflow } from './workflows';

export interface Case {
	key: string;
	title: string;
	workflow: Workflow;
	trunk?: Json;
	/** What Diga's answers look like for this workflow instead of Prism's placeholders (its id given). */
	stamp?: (workflowId: string) => Stamp;
	check: (ctx: Ctx) => void;
}

const BATCH_ITEMS = [
	{ number: '+34911111111', name: 'Line A' },
	{ number: '+34 912 22 22', name: 'Line B' },
	{ number: 'bob@sip.example.com', name: 'Line C' },
	{ number: '+34933333333', name: 'Line D' },
];

export const CASES: Case[] = [
	{
		key: 'import-inbound-only',
		title: 'Import, inbound only',
		workflow: chain(
			'E2E import inbound only',
			digaNode('Diga', {
				resource: 'phone',
				operation: 'import',
				phoneNumber: '+34912345678',
				additionalFields: { nickname: 'Madrid support line' },
				inbound: { allowedAddresses: '203.0.113.10, 198.51.100.0/24', mediaEncryption: 'require' },
			}),
		),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			expectRequests(ctx, ['POST /v1/phone/import']);
			assert.deepEqual(ctx.requests[0].body, {
				phone_number: '+34912345678',
				nickname: 'Madrid support line',
				inbound_config: { media_encryption: 'require', allowed_addresses: ['203.0.113.10', '198.51.100.0/24'] },
			});
			expectPhoneItems(output(ctx.run, 'Diga'), 1);
		},
	},
	{
		key: 'import-outbound-inbound',
		title: 'Import through the SIP trunk of the Diga API credential, with inbound settings (a SIP user identifier, a sip: trunk URI)',
		trunk: { terminationUri: 'sip:mytrunk.pstn.twilio.com:5060', username: 'diga', password: 'trunk pass ' },
		workflow: chain(
			'E2E import outbound and inbound',
			digaNode('Diga', {
				resource: 'phone',
				operation: 'import',
				phoneNumber: 'alice@sip.example.com',
				outboundTrunk: 'credential',
				outboundMediaEncryption: 'require',
				inbound: { allowedAddresses: '203.0.113.10\n2001:db8::/32', mediaEncryption: 'disable' },
			}),
		),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			expectRequests(ctx, ['POST /v1/phone/import']);
			const sip = { termination_uri: 'mytrunk.pstn.twilio.com:5060', username: 'diga', password: 'trunk pass ' };
			assert.deepEqual(ctx.requests[0].body, {
				phone_number: 'alice@sip.example.com',
				sip_config: sip,
				outbound_config: { ...sip, media_encryption: 'require' },
				inbound_config: { media_encryption: 'disable', allowed_addresses: ['203.0.113.10', '2001:db8::/32'] },
			});
			expectPhoneItems(output(ctx.run, 'Diga'), 1);
		},
	},
	{
		key: 'launch-and-publish',
		title: "Launch a version from an agent's draft, then publish it on a number (the Agent Tool Trigger's one-node alternative)",
		workflow: chain(
			'E2E launch and publish',
			digaNode('Launch', { resource: 'agentVersion', operation: 'launch', agentId: rl('list', AGENT_ID), versionName: 'Nightly' }),
			digaNode('Publish', {
				resource: 'agentVersion',
				operation: 'publish',
				agentId: rl('id', AGENT_ID),
				versionId: rl('id', '={{ $json.version_id }}'),
				additionalFields: { inboundPhoneId: rl('list', PHONE_ID) },
			}),
		),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			expectRequests(ctx, [`POST /v1/agent/${AGENT_ID}/version`, `PATCH /v1/agent/${AGENT_ID}/published_version`]);
			assert.deepEqual(ctx.requests[0].body, { version_name: 'Nightly' });
			const launched = output(ctx.run, 'Launch')[0].json.version_id;
			assert.deepEqual(ctx.requests[1].body, { version_id: launched, inbound_phone_number_id: PHONE_ID });
			assert.equal(output(ctx.run, 'Publish').length, 1);
		},
	},
	{
		key: 'update-nickname',
		title: 'Update nickname',
		workflow: chain('E2E update nickname', digaNode('Diga', update({ nickname: 'Front desk' }))),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			expectRequests(ctx, [`PATCH /v1/phone/${PHONE_ID}`]);
			assert.deepEqual(ctx.requests[0].body, { nickname: 'Front desk' });
			expectPhoneItems(output(ctx.run, 'Diga'), 1);
		},
	},
	{
		key: 'update-agents',
		title: 'Update agents chosen "From list" (inbound) and "By ID" (outbound), phone by ID',
		workflow: chain(
			'E2E update agents',
			digaNode('Diga', update({ inboundVersionId: rl('list', VERSION_ID), outboundVersionId: rl('id', OTHER_VERSION_ID) }, rl('id', PHONE_ID))),
		),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			expectRequests(ctx, [`PATCH /v1/phone/${PHONE_ID}`]);
			assert.deepEqual(ctx.requests[0].body, { inbound_version_id: VERSION_ID, outbound_version_id: OTHER_VERSION_ID });
			expectPhoneItems(output(ctx.run, 'Diga'), 1);
		},
	},
	{
		key: 'unassign',
		title: 'Unassign both agents (sends null)',
		workflow: chain('E2E unassign', digaNode('Diga', update({ unassignInbound: true, unassignOutbound: true }))),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			expectRequests(ctx, [`PATCH /v1/phone/${PHONE_ID}`]);
			assert.deepEqual(ctx.requests[0].body, { inbound_version_id: null, outbound_version_id: null });
			expectPhoneItems(output(ctx.run, 'Diga'), 1);
		},
	},
	{
		key: 'batch-continue-on-fail',
		title: 'Batch of 4 items with per-item expressions, item 1 bad, continue on fail, concurrency 3',
		workflow: chain(
			'E2E batch continue on fail',
			codeNode('Items', `return ${JSON.stringify(BATCH_ITEMS)}.map((json) => ({ json }));`),
			digaNode(
				'Diga',
				{
					resource: 'phone',
					operation: 'import',
					phoneNumber: '={{ $json.number }}',
					additionalFields: { nickname: '={{ $json.name }}' },
					outboundTrunk: 'credential',
					options: { concurrency: 3 },
				},
				{ onError: 'continueRegularOutput' },
			),
			// Resolves each output item's input through n8n's own paired-item tracking.
			codeNode(
				'Pairing',
				"return { json: { input: $('Items').item.json.name, id: $json.id ?? null, error: $json.error ?? null } };",
				'runOnceForEachItem',
			),
		),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			const items = output(ctx.run, 'Diga');
			assert.equal(items.length, 4, 'one output item per input item');
			assert.deepEqual(items.map((i) => i.pairedItem), [0, 1, 2, 3].map((item) => ({ item })));
			assert.match(String(items[1].json.error), /^Phone Number \(item 1\): "\+34 912 22 22" is neither an E\.164 number nor a SIP user identifier/);
			assert.ok(items[1].json.details, 'the error item says how to fix it');
			for (const i of [0, 2, 3]) {
				assert.equal(items[i].json.error, undefined, `item ${i} succeeded`);
				assert.equal(typeof items[i].json.id, 'string', `item ${i} is a phone register`);
			}
			const paired = output(ctx.run, 'Pairing').map((i) => i.json);
			assert.deepEqual(paired.map((p) => p.input), BATCH_ITEMS.map((b) => b.name), 'order and pairing kept');
			assert.deepEqual(paired.map((p) => p.error !== null), [false, true, false, false]);

			expectRequests(ctx, ['POST /v1/phone/import', 'POST /v1/phone/import', 'POST /v1/phone/import']);
			const sent = ctx.requests.map(bodyOf).sort((a, b) => String(a.nickname).localeCompare(String(b.nickname)));
			const outbound = { sip_config: E2E_TRUNK_SENT, outbound_config: { ...E2E_TRUNK_SENT, media_encryption: 'allow' } };
			assert.deepEqual(sent, [
				{ phone_number: '+34911111111', nickname: 'Line A', ...outbound },
				{ phone_number: 'bob@sip.example.com', nickname: 'Line C', ...outbound },
				{ phone_number: '+34933333333', nickname: 'Line D', ...outbound },
			]);
		},
	},
];

export const AGENT_CASES: Case[] = [
	{
		key: 'agent-list-phones',
		title: 'AI Agent: "Which phone numbers do we have?" runs Get many phone numbers as a tool',
		workflow: agentWorkflow('E2E agent lists phone numbers', 'Which phone numbers do we have?'),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			expectContractClean(ctx);
			for (const r of ctx.requests) assert.equal(describeRequest(r), 'GET /v1/phone/');
			assert.deepEqual(modelToolCalls(ctx), [{ name: 'Get_many_phone_numbers', args: {} }]);
			assert.match(toolResultsSeenByModel(ctx)[0].content, /\+34912345678/, 'the tool result reached the model');
			assert.equal(agentAnswer(ctx), 'We have 2 phone number(s): +34912345678, +34932345678.');
		},
	},
	{
		key: 'agent-update-phone',
		title: 'AI Agent: "Give +34912345678 the nickname Madrid and let agent Reception answer it" finds the IDs, then Update sends what the model asked',
		workflow: agentWorkflow('E2E agent updates a phone number', 'Give +34912345678 the nickname Madrid and let agent Reception answer it'),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			expectRequests(ctx, ['GET /v1/phone/', 'GET /v1/agent/versions-dropdown/dashboard', `PATCH /v1/phone/${PHONE_ID}`]);
			const update = modelToolCalls(ctx).at(-1);
			assert.deepEqual(update, { name: 'Update_a_phone_number', args: { phoneId: PHONE_ID, nickname: 'Madrid', inboundVersionId: VERSION_ID } });
			assert.deepEqual(ctx.requests[2].body, { nickname: update.args.nickname, inbound_version_id: update.args.inboundVersionId }, 'the PATCH body is what the model asked for');
			assert.equal(agentAnswer(ctx), 'Done: +34912345678 is now "Madrid" and agent Reception answers it.');
		},
	},
	{
		key: 'agent-import-corrects-itself',
		title: 'AI Agent: a refused number comes back to the model as a tool error with the fix; the corrected import is made once',
		workflow: agentWorkflow('E2E agent imports after a refused number', 'Import +34 600 000 000 as a new number'),
		check(ctx: Ctx) {
			expectSuccess(ctx);
			expectRequests(ctx, ['POST /v1/phone/import']);
			assert.deepEqual(ctx.requests[0].body, { phone_number: '+34600000000' });
			assert.deepEqual(modelToolCalls(ctx), [
				{ name: 'Import_a_phone_number', args: { phoneNumber: '+34 600 000 000' } },
				{ name: 'Import_a_phone_number', args: { phoneNumber: '+34600000000' } },
			]);
			const [refused, imported] = toolResultsSeenByModel(ctx);
			assert.deepEqual(JSON.parse(refused.content), [
				{
					error:
						'Phone Number: "+34 600 000 000" is neither an E.164 number nor a SIP user identifier. Use E.164: a plus sign, the country code and the number, no spaces (e.g. +34912345678), or a SIP user identifier (e.g. alice@sip.example.com).',
				},
			]);
			assert.match(imported.content, /"id"/, 'the second attempt returned the imported number');
			assert.equal(agentAnswer(ctx), 'Imported +34600000000.');
		},
	},
];

