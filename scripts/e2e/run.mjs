#!/usr/bin/env node
// `npm run test:e2e`: the packed package installed into real n8n (the way users get it), its
// workflows run by n8n's own CLI against Prism serving each of Diga's contracts.
//
//   1. build, `npm pack`, install the tarball into a fresh user folder's .n8n/nodes;
//   2. start Prism per contract, each behind a recording proxy (scripts/e2e/support.mjs), and the
//      scripted chat model the AI-agent workflows use (scripts/e2e/fake-model.mjs);
//   3. `n8n import:credentials` once: one Diga API credential per workflow (its Base URL names the
//      workflow, so every request is attributed), a Diga SIP Trunk API credential for each workflow
//      whose nodes use one, plus a Diga API credential with a wrong key for a fake Diga;
//   4. `n8n import:workflow --separate` once: the test cases below and every file in examples/,
//      for each contract;
//   5. `n8n execute-batch` once for all of them (full run data per workflow in --snapshot), then
//      `n8n execute --id` for the wrong-key workflow, which must fail;
//   6. assert outputs, the requests Diga received and zero contract violations.
// Each n8n CLI call costs about 10 s of start-up, so there are four of them in all.
//
// Options: --contract=2026-07-22 (one contract only), --no-build (use dist/ as is), --keep (keep
// the temporary n8n user folder). The contracts are the extracts in test/contracts/;
// DIGA_CONTRACTS_DIR serves the openapi.<date>.json files of another folder instead (a contract
// missing there is skipped with a note).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { NODE_TYPE, REPO_DIR, N8N_VERSION, ensureN8n, installPackage, runN8n } from '../n8n-runtime.mjs';
import { startFakeModel } from './fake-model.mjs';
import { startPrism } from './prism.mjs';
import {
	TEST_API_KEY,
	WRONG_API_KEY,
	contracts,
	createRunner,
	missingContractReason,
	startRecordingProxy,
	startWrongKeyDiga,
	tempUserFolder,
} from './support.mjs';

const args = process.argv.slice(2);
const KEEP = args.includes('--keep');
const BUILD = !args.includes('--no-build');
const ONLY_CONTRACT = args.find((a) => a.startsWith('--contract='))?.split('=')[1];
const EXAMPLES_DIR = path.join(REPO_DIR, 'examples');

const PHONE_ID = '3c90c3cc-0d44-4b50-8888-8dd25736052a';
const VERSION_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const OTHER_VERSION_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const AGENT_ID = 'c2005220-8875-4862-b489-6532b564fa4c';
const CALL_ID = '9b31df32-1154-4639-a221-26182770bd4d';

const rl = (mode, value) => ({ __rl: true, mode, value });

/** The trunk every workflow that uses one gets, unless its case brings its own. Test values only. */
const E2E_TRUNK = { terminationUri: 'sip:trunk.example.com:5060', username: 'diga-e2e', password: 'e2e-trunk-password-canary' };
const E2E_TRUNK_SENT = { termination_uri: 'trunk.example.com:5060', username: 'diga-e2e', password: 'e2e-trunk-password-canary' };

// ---------------------------------------------------------------------------------------------
// Workflows

const TRIGGER = 'Start';

function digaNode(name, parameters, extra = {}) {
	const credentials = { digaApi: { id: 'set-per-run', name: 'set-per-run' } };
	if (parameters.outboundTrunk === 'credential') credentials.digaSipTrunkApi = { id: 'set-per-run', name: 'set-per-run' };
	return { id: `${name}-id`, name, type: NODE_TYPE, typeVersion: 1, position: [220, 0], parameters, credentials, ...extra };
}

/** Manual Trigger -> [nodes in a chain]. */
function chain(name, ...nodes) {
	const all = [{ id: 'start-id', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, ...nodes];
	const connections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

function codeNode(name, jsCode, mode) {
	return { id: `${name}-id`, name, type: 'n8n-nodes-base.code', typeVersion: 2, position: [110, 0], parameters: { jsCode, ...(mode ? { mode } : {}) } };
}

const update = (updateFields, phoneId = rl('list', PHONE_ID)) => ({ resource: 'phone', operation: 'update', phoneId, updateFields });

const BATCH_ITEMS = [
	{ number: '+34911111111', name: 'Line A' },
	{ number: '+34 912 22 22', name: 'Line B' },
	{ number: 'bob@sip.example.com', name: 'Line C' },
	{ number: '+34933333333', name: 'Line D' },
];

/**
 * The cases the issue names. check(ctx) gets {run, error, requests, contract}; `trunk`: the data of
 * the Diga SIP Trunk API credential, when not E2E_TRUNK.
 */
const CASES = [
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
		check(ctx) {
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
		title: 'Import through a SIP trunk credential, with inbound settings (a SIP user identifier, a sip: trunk URI)',
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
		check(ctx) {
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
		key: 'update-nickname',
		title: 'Update nickname',
		workflow: chain('E2E update nickname', digaNode('Diga', update({ nickname: 'Front desk' }))),
		check(ctx) {
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
		check(ctx) {
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
		check(ctx) {
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
		check(ctx) {
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
			const sent = ctx.requests.map((r) => r.body).sort((a, b) => a.nickname.localeCompare(b.nickname));
			const outbound = { sip_config: E2E_TRUNK_SENT, outbound_config: { ...E2E_TRUNK_SENT, media_encryption: 'allow' } };
			assert.deepEqual(sent, [
				{ phone_number: '+34911111111', nickname: 'Line A', ...outbound },
				{ phone_number: 'bob@sip.example.com', nickname: 'Line C', ...outbound },
				{ phone_number: '+34933333333', nickname: 'Line D', ...outbound },
			]);
		},
	},
];

// ---------------------------------------------------------------------------------------------
// The node as an AI agent's tool: n8n's AI Agent, its OpenAI Chat Model pointed at the scripted fake
// model (scripts/e2e/fake-model.mjs), and Diga tool nodes filled by the model through $fromAI.

const TOOL_TYPE = `${NODE_TYPE}Tool`;
const OTHER_PHONE_ID = '6f1c2a8e-3b4d-4e5f-9a0b-1c2d3e4f5a6b';
const OTHER_AGENT_VERSION_ID = '2d6f8a1c-5e7b-4c9d-8f0a-3b5c7d9e1f2a';

const fromAI = (key, description) => `={{ $fromAI('${key}', '${description}', 'string') }}`;

/** The tools the phone assistant gets, by node name (the tool name is the node name with underscores). */
const AGENT_TOOLS = {
	'Get many phone numbers': { resource: 'phone', operation: 'getAll' },
	'Get many agents': { resource: 'agent', operation: 'getAll' },
	'Update a phone number': {
		resource: 'phone',
		operation: 'update',
		phoneId: rl('id', fromAI('phoneId', 'The ID (a UUID) of the phone number, from Get many phone numbers')),
		updateFields: {
			nickname: fromAI('nickname', 'The new nickname'),
			inboundVersionId: rl('id', fromAI('inboundVersionId', 'The version_id (a UUID) of the agent that answers, from Get many agents')),
		},
	},
	'Import a phone number': {
		resource: 'phone',
		operation: 'import',
		phoneNumber: fromAI('phoneNumber', 'The number in E.164, e.g. +34912345678'),
	},
};

/** Manual Trigger -> Set (chatInput) -> AI Agent, with the chat model and the Diga tools attached. */
function agentWorkflow(name, chatInput) {
	const workflow = chain(
		name,
		{
			id: 'question-id',
			name: 'Question',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: { assignments: { assignments: [{ id: 'chat-input', name: 'chatInput', value: chatInput, type: 'string' }] }, options: {} },
		},
		{
			id: 'agent-id',
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3.1,
			position: [440, 0],
			parameters: { promptType: 'define', text: '={{ $json.chatInput }}', options: {} },
		},
	);
	workflow.nodes.push({
		id: 'model-id',
		name: 'OpenAI Chat Model',
		type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
		typeVersion: 1.3,
		position: [380, 220],
		parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4.1-mini' }, responsesApiEnabled: false, options: {} },
		credentials: { openAiApi: { id: 'set-per-run', name: 'set-per-run' } },
	});
	workflow.connections['OpenAI Chat Model'] = { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] };
	Object.entries(AGENT_TOOLS).forEach(([toolName, parameters], i) => {
		workflow.nodes.push({ ...digaNode(toolName, parameters), type: TOOL_TYPE, position: [520 + i * 120, 220] });
		workflow.connections[toolName] = { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] };
	});
	return workflow;
}

/**
 * An account's data on top of Prism's answers (which hold "string" placeholders), so the model has
 * numbers and agents to find: two phone numbers and two agents, each with a published version.
 */
function accountData({ method, path: urlPath, body }) {
	if (method === 'GET' && urlPath === '/v1/phone/') {
		const [sample] = body.data;
		return {
			...body,
			data: [
				{ ...sample, id: PHONE_ID, number: '+34912345678', nickname: 'Front desk', status: 'assigned' },
				{ ...sample, id: OTHER_PHONE_ID, number: '+34932345678', nickname: 'Barcelona', status: 'assigned' },
			],
			has_more: false,
		};
	}
	if (method === 'GET' && urlPath === '/v1/agent/versions-dropdown/dashboard') {
		const [sample] = body;
		const version = { ...sample.versions[0], version_name: 'v3', version_number: 3, is_published: true, is_draft: false };
		return [
			{ ...sample, agent_id: AGENT_ID, name: 'Sales', versions: [{ ...version, version_id: OTHER_AGENT_VERSION_ID }] },
			{ ...sample, name: 'Reception', versions: [{ ...version, version_id: VERSION_ID }] },
		];
	}
	return undefined;
}

const agentAnswer = (ctx) => String(output(ctx.run, 'AI Agent')[0]?.json.output);
/** The tool calls the model made, in order: {name, args}. */
const modelToolCalls = (ctx) => ctx.model.flatMap((r) => r.reply?.toolCalls ?? []);
/** What the model received as the result of each tool call: {name, content}. */
function toolResultsSeenByModel(ctx) {
	const last = ctx.model.at(-1).messages;
	const names = new Map(last.flatMap((m) => m.tool_calls ?? []).map((c) => [c.id, c.function.name]));
	return last.filter((m) => m.role === 'tool').map((m) => ({ name: names.get(m.tool_call_id), content: String(m.content) }));
}

const AGENT_CASES = [
	{
		key: 'agent-list-phones',
		title: 'AI Agent: "Which phone numbers do we have?" runs Get many phone numbers as a tool',
		workflow: agentWorkflow('E2E agent lists phone numbers', 'Which phone numbers do we have?'),
		check(ctx) {
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
		check(ctx) {
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
		check(ctx) {
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

const usesModel = (workflow) => workflow.nodes.some((node) => node.credentials?.openAiApi);

const WRONG_KEY_WORKFLOW = chain(
	'E2E wrong API key',
	digaNode('Diga', { resource: 'phone', operation: 'import', phoneNumber: '+34912345678' }),
);

/**
 * What each file in examples/ must do. An example without an entry fails the suite, so a new
 * example comes with its expectations. `requests`: the exact requests in order; `every`: all
 * requests (at least one) are this one (pagination may repeat it); `contracts`: the contract
 * versions that have the endpoint; `check(ctx)`: more assertions. Every Diga node must return
 * items without errors on its main output.
 */
const EXAMPLES = {
	'ai-agent-phone-assistant.json': {
		every: 'GET /v1/phone/',
		check(ctx) {
			assert.deepEqual(modelToolCalls(ctx), [{ name: 'Get_many_phone_numbers', args: {} }]);
			assert.equal(agentAnswer(ctx), 'We have 2 phone number(s): +34912345678, +34932345678.');
		},
	},
	'import-phone.json': {
		requests: ['POST /v1/phone/import'],
		check(ctx) {
			const body = ctx.requests[0].body;
			assert.equal(body.phone_number, '+34912345678');
			assert.deepEqual(body.sip_config, E2E_TRUNK_SENT, 'the trunk from the credential, for the 2026-04 contract');
			assert.deepEqual(body.outbound_config, { ...E2E_TRUNK_SENT, media_encryption: 'allow' }, 'and for the 2026-07 contract');
			assert.deepEqual(body.inbound_config.allowed_addresses, ['203.0.113.10', '198.51.100.0/24']);
		},
	},
	'update-phone.json': {
		requests: [`PATCH /v1/phone/${PHONE_ID}`],
		check(ctx) {
			assert.deepEqual(ctx.requests[0].body, { nickname: 'Madrid support line', inbound_version_id: VERSION_ID, outbound_version_id: OTHER_VERSION_ID });
		},
	},
	'get-phone.json': { requests: [`GET /v1/phone/${PHONE_ID}`] },
	'get-many-phones.json': {
		every: 'GET /v1/phone/',
		check(ctx) {
			assert.equal(ctx.requests[0].query.status, 'assigned');
			assert.equal(ctx.requests[0].query.limit, '20');
		},
	},
	'release-phone.json': {
		requests: [`DELETE /v1/phone/${PHONE_ID}`],
		check(ctx) {
			assert.deepEqual(output(ctx.run, 'Release phone number').map((i) => i.json), [{ deleted: true, id: PHONE_ID }]);
		},
	},
	'update-sip-config.json': {
		contracts: ['2026-07-22'],
		requests: [`PATCH /v1/phone/${PHONE_ID}/sip-config`],
		check(ctx) {
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
		check(ctx) {
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
		check(ctx) {
			assert.equal(ctx.requests[0].query.type, 'outbound');
			assert.equal(ctx.requests[0].query.start_created_date, '2026-01-01T00:00:00.000Z');
		},
	},
	'get-call-transcript.json': { every: `GET /v1/call/${CALL_ID}/message` },
	'import-numbers-and-assign-agents.json': {
		check(ctx) {
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
			assert.match(alerts[0].message, /^Diga could not set up \+34 600 000 000: Phone Number \(item 3\): .+ identifier\. Use E\.164/);
			const phoneId = imported[0].json.id;
			assert.deepEqual(
				ctx.requests.map(describeRequest),
				[...Array(3).fill('POST /v1/phone/import'), ...Array(3).fill(`PATCH /v1/phone/${phoneId}`)],
				'three imports, then three updates with the imported phone IDs',
			);
			assert.deepEqual(
				ctx.requests.slice(0, 3).map((r) => r.body).sort((a, b) => a.nickname.localeCompare(b.nickname)),
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

// ---------------------------------------------------------------------------------------------
// Assertions

function output(run, nodeName, outputIndex = 0) {
	const task = run?.data?.resultData?.runData?.[nodeName]?.[0];
	assert.ok(task, `node "${nodeName}" ran`);
	return task.data?.main?.[outputIndex] ?? [];
}

function expectSuccess(ctx) {
	assert.ok(ctx.run, `the workflow ran without error in n8n (n8n reported: ${ctx.error ?? 'no run data'})`);
	assert.equal(ctx.run.status, 'success');
}

function expectPhoneItems(items, count) {
	assert.equal(items.length, count);
	items.forEach((item, index) => {
		assert.equal(typeof item.json.id, 'string', 'a phone register with an id');
		assert.ok('number' in item.json && 'status' in item.json, 'a phone register');
		assert.deepEqual(item.pairedItem, { item: index });
	});
}

const describeRequest = (r) => `${r.method} ${r.path}`;

/** The requests Diga saw, in order, each accepted by the contract (no violation, 2xx) and authenticated. */
function expectRequests(ctx, expected) {
	assert.deepEqual(ctx.requests.map(describeRequest), expected);
	expectContractClean(ctx);
}

function expectContractClean(ctx) {
	assert.ok(ctx.requests.length > 0, 'Diga received requests');
	for (const r of ctx.requests) {
		assert.deepEqual({ request: describeRequest(r), violations: r.violations }, { request: describeRequest(r), violations: [] }, 'Prism found a contract violation');
		assert.ok(r.status >= 200 && r.status < 300, `${describeRequest(r)} answered ${r.status}`);
		assert.equal(r.authorization, `Bearer ${TEST_API_KEY}`, 'the credential authenticates the request');
	}
}

const STICKY_NOTE = 'n8n-nodes-base.stickyNote';
/** n8n draws a node as a 100 x 100 square from its position. */
const NODE_SIZE = 100;

/**
 * What a person importing the example needs, checked without running it: sticky notes with the setup
 * steps (naming the credential), clear of the other nodes and of each other, and no password anywhere.
 */
function checkExampleFile(file, workflow) {
	const notes = workflow.nodes.filter((n) => n.type === STICKY_NOTE);
	assert.ok(notes.length > 0, `${file}: a sticky note with the setup steps`);
	assert.ok(
		notes.some((n) => /\*\*Setup\*\*/.test(n.parameters.content) && n.parameters.content.includes('Diga API credential')),
		`${file}: a sticky note says which credential to choose`,
	);
	const box = (n) => {
		const [x, y] = n.position;
		return n.type === STICKY_NOTE ? [x, y, x + n.parameters.width, y + n.parameters.height] : [x, y, x + NODE_SIZE, y + NODE_SIZE];
	};
	const overlap = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
	for (const note of notes) {
		assert.ok(note.parameters.width > 0 && note.parameters.height > 0, `${file}: "${note.name}" has a size`);
		for (const other of workflow.nodes) {
			if (other !== note) assert.ok(!overlap(box(note), box(other)), `${file}: "${note.name}" overlaps "${other.name}"`);
		}
	}
	assert.doesNotMatch(JSON.stringify(workflow), /"password"/i, `${file}: holds no password`);
}

function checkExample(file, spec, ctx) {
	checkExampleFile(file, ctx.workflow);
	expectSuccess(ctx);
	if (spec.requests) expectRequests(ctx, spec.requests);
	else expectContractClean(ctx);
	if (spec.every) for (const r of ctx.requests) assert.equal(describeRequest(r), spec.every);
	for (const node of ctx.workflow.nodes.filter((n) => n.type === NODE_TYPE)) {
		const items = output(ctx.run, node.name);
		assert.ok(items.length > 0, `${file}: node "${node.name}" returned items`);
		for (const item of items) assert.equal(item.json.error, undefined, `${file}: node "${node.name}" returned an error item`);
	}
	spec.check?.(ctx);
}

// ---------------------------------------------------------------------------------------------
// The run

function loadExamples() {
	return readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

/** Points every Diga node at the given credentials, by type. */
function withCredentials(workflow, credentials) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		for (const [type, credential] of Object.entries(credentials)) {
			if (node.credentials?.[type]) node.credentials[type] = { id: credential.id, name: credential.name };
		}
	}
	return copy;
}

const usesTrunk = (workflow) => workflow.nodes.some((node) => node.credentials?.digaSipTrunkApi);

/** One `n8n execute-batch` for every planned workflow, then each one's checks. */
async function runBatch({ runner, cli, folder, planned, servers, model }) {
	const snapshots = path.join(folder.dir, 'snapshots');
	mkdirSync(snapshots, { recursive: true });
	const summaryFile = path.join(folder.dir, 'batch-summary.json');
	const batch = await cli(
		`execute-batch (${planned.length} workflows)`,
		['execute-batch', `--ids=${planned.map((p) => p.id).join(',')}`, '--retries=0', `--snapshot=${snapshots}`, `--output=${summaryFile}`],
		600_000,
	);
	if (!existsSync(summaryFile)) {
		throw new Error(`n8n execute-batch wrote no summary (exit ${batch.code}):\n${`${batch.stdout}\n${batch.stderr}`.trim().split('\n').slice(-30).join('\n')}`);
	}
	const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
	const errors = new Map([...summary.summary.errors, ...summary.summary.warnings].map((e) => [e.workflowId, e.error]));
	for (const s of servers) await s.prism.settle();

	console.log('');
	for (const p of planned) {
		const snapshotFile = path.join(snapshots, `${p.id}-snapshot.json`);
		const run = existsSync(snapshotFile) ? JSON.parse(readFileSync(snapshotFile, 'utf8')) : undefined;
		await runner.check(p.title, () =>
			p.check({ run, error: errors.get(p.id), requests: p.proxy.requests(p.id), model: model.requests(p.id), contract: p.contract, workflow: p.workflow }),
		);
	}
	for (const { contract, prism, proxy } of servers) {
		await runner.check(`${contract.name} › Prism saw no contract violation in the whole run`, () => {
			assert.deepEqual(prism.violations(), []);
			assert.deepEqual(proxy.requests(null), [], 'every request came from a workflow of this suite');
		});
	}
	await runner.check('Neither the API key nor the SIP trunk password appears in run data or n8n output', () => {
		const texts = [batch.stdout, batch.stderr, ...readdirSync(snapshots).map((f) => readFileSync(path.join(snapshots, f), 'utf8'))];
		assert.ok(texts.length > 2, 'snapshots were written');
		for (const text of texts) {
			assert.ok(!text.includes(TEST_API_KEY), 'the test API key leaked');
			assert.ok(!text.includes(E2E_TRUNK.password), 'the SIP trunk password leaked');
		}
	});
}

async function main() {
	const runner = createRunner();
	const t0 = Date.now();
	const selected = contracts().filter((c) => !ONLY_CONTRACT || c.name === ONLY_CONTRACT);
	if (selected.length === 0) throw new Error(`Unknown contract "${ONLY_CONTRACT}"`);
	const present = selected.filter((c) => c.present);
	for (const c of selected.filter((c) => !c.present)) runner.skip(`contract ${c.name} (cases and examples)`, missingContractReason(c));

	const examples = loadExamples();
	console.log(`n8n ${N8N_VERSION} end-to-end: ${CASES.length + AGENT_CASES.length} cases and ${examples.length} examples per contract, contracts: ${present.map((c) => c.name).join(', ') || 'none'}`);

	const { node } = await ensureN8n();
	const folder = tempUserFolder('e2e');
	const stoppers = [];
	let keep = KEEP;
	try {
		const [, ...servers] = await Promise.all([
			installPackage(folder.dir, { build: BUILD }),
			...present.map(async (contract) => {
				const prism = await startPrism(contract.file);
				stoppers.push(() => prism.stop());
				const proxy = await startRecordingProxy(prism.url);
				stoppers.push(() => proxy.stop());
				return { contract, prism, proxy };
			}),
		]);
		const fake = await startWrongKeyDiga();
		stoppers.push(() => fake.stop());
		const model = await startFakeModel();
		stoppers.push(() => model.stop());
		console.log(`Package installed in ${folder.dir}; Prism up for ${servers.length} contract(s) (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

		// One credential per workflow; one workflow file per case/example and contract.
		const credentials = [];
		const planned = [];
		const workflowsDir = path.join(folder.dir, 'import', 'workflows');
		mkdirSync(workflowsDir, { recursive: true });
		const plan = (id, workflow, credential, extra, trunk = E2E_TRUNK) => {
			const byType = { digaApi: { ...credential, type: 'digaApi' } };
			if (usesTrunk(workflow)) byType.digaSipTrunkApi = { id: `ts${id}`, name: `Diga SIP trunk ${id}`, type: 'digaSipTrunkApi', data: trunk };
			if (usesModel(workflow)) {
				byType.openAiApi = { id: `oa${id}`, name: `Fake model ${id}`, type: 'openAiApi', data: { apiKey: 'sk-fake-model', url: model.baseUrlFor(id) } };
				extra.proxy.stamp(id, accountData);
			}
			credentials.push(...Object.values(byType));
			const wf = { ...withCredentials(workflow, byType), id, active: false };
			writeFileSync(path.join(workflowsDir, `${id}.json`), JSON.stringify(wf, null, 2));
			planned.push({ id, workflow: wf, ...extra });
		};
		for (const { contract, proxy } of servers) {
			const tag = contract.name.slice(5).replace('-', '');
			const credentialFor = (id, label) => ({ id: `cr${id}`, name: `Diga Prism ${contract.name} ${label}`, data: { apiKey: TEST_API_KEY, baseUrl: proxy.baseUrlFor(id) } });
			[...CASES, ...AGENT_CASES].forEach((c, i) => {
				const id = `e2e${tag}c${String(i + 1).padStart(2, '0')}`;
				plan(id, c.workflow, credentialFor(id, c.key), { contract, proxy, title: `${contract.name} › ${c.title}`, check: c.check }, c.trunk);
			});
			examples.forEach(({ file, workflow }, i) => {
				const id = `e2e${tag}x${String(i + 1).padStart(2, '0')}`;
				const spec = EXAMPLES[file];
				const title = `${contract.name} › examples/${file}`;
				if (spec?.contracts && !spec.contracts.includes(contract.name)) {
					runner.skip(title, `its endpoint is not in the ${contract.name} contract (only ${spec.contracts.join(', ')})`);
					return;
				}
				plan(id, workflow, credentialFor(id, file), {
					contract,
					proxy,
					title,
					check: (ctx) => {
						assert.ok(spec, `no expectation for examples/${file}: add one to EXAMPLES in scripts/e2e/run.mjs`);
						checkExample(file, spec, ctx);
					},
				});
			});
		}
		const wrongKeyId = 'e2ewrongkey01';
		credentials.push({ id: 'crwrongkey01', name: 'Diga wrong key', type: 'digaApi', data: { apiKey: WRONG_API_KEY, baseUrl: fake.url } });
		writeFileSync(
			path.join(workflowsDir, `${wrongKeyId}.json`),
			JSON.stringify({ ...withCredentials(WRONG_KEY_WORKFLOW, { digaApi: { id: 'crwrongkey01', name: 'Diga wrong key' } }), id: wrongKeyId, active: false }),
		);

		const cli = async (what, cliArgs, timeoutMs = 180_000) => {
			const t = Date.now();
			const res = await runN8n(cliArgs, { userFolder: folder.dir, timeoutMs });
			console.log(`n8n ${what}: exit ${res.code} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
			return res;
		};
		const mustSucceed = (what, res) => {
			if (res.code !== 0) throw new Error(`n8n ${what} failed (exit ${res.code}):\n${`${res.stdout}\n${res.stderr}`.trim().split('\n').slice(-30).join('\n')}`);
		};
		const credentialsFile = path.join(folder.dir, 'import', 'credentials.json');
		writeFileSync(credentialsFile, JSON.stringify(credentials, null, 2));
		mustSucceed('import:credentials', await cli('import:credentials', ['import:credentials', `--input=${credentialsFile}`]));
		mustSucceed('import:workflow', await cli('import:workflow', ['import:workflow', '--separate', `--input=${workflowsDir}`]));

		if (planned.length > 0) await runBatch({ runner, cli, folder, planned, servers, model });

		const wrong = await cli('execute (wrong API key)', ['execute', `--id=${wrongKeyId}`], 180_000);
		await runner.check('Wrong API key: the run fails with the invalid-key message, and the key is not in the output', () => {
			const text = `${wrong.stdout}\n${wrong.stderr}`;
			assert.notEqual(wrong.code, 0, 'n8n execute exits non-zero');
			assert.match(text, /Diga answered 401 INVALID_API_KEY: Invalid API key/);
			assert.ok(!text.includes(WRONG_API_KEY), 'the API key appears in n8n output');
			assert.ok(!text.includes(WRONG_API_KEY.slice(3, 20)), 'part of the API key appears in n8n output');
			assert.deepEqual(fake.requests(), [{ method: 'POST', path: '/v1/phone/import', authorization: `Bearer ${WRONG_API_KEY}` }], 'one request, sent with the key, not retried');
		});
		console.log(`(n8n ran on ${node})`);
	} catch (error) {
		keep = true;
		await runner.check('end-to-end set-up', () => {
			throw error;
		});
	} finally {
		for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
		if (keep || runner.failed()) console.log(`\nn8n user folder kept for inspection: ${folder.dir}`);
		else folder.remove();
	}
	runner.finish();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
