/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test values of a made-up SIP trunk, which the suite proves never leak */
/**
 * The workflows of the end-to-end suite, as n8n's import files: a Manual Trigger feeding Diga nodes, Code
 * nodes, or n8n's AI Agent with Diga tools; and the account data the recording proxy stamps on Prism's
 * placeholder answers for the AI-agent workflows.
 */
import { NODE_TYPE, TOOL_TYPE } from '../support/n8n';
import { AGENT_ID, OTHER_AGENT_VERSION_ID, OTHER_PHONE_ID, PHONE_ID, VERSION_ID } from '../support/diga';
import type { Stamp } from '../support/prism';

export type Json = Record<string, unknown>;
export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Json;
	credentials?: Record<string, { id: string; name: string }>;
	[extra: string]: unknown;
}
export interface Workflow {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }>>>>;
	settings?: Json;
	[extra: string]: unknown;
}

export const rl = (mode: string, value: string) => ({ __rl: true, mode, value });

/** The trunk every workflow that uses one gets, unless its case brings its own. Test values only. */
export const E2E_TRUNK = { terminationUri: 'sip:trunk.example.com:5060', username: 'diga-e2e', password: 'e2e-trunk-password-canary' };
export const E2E_TRUNK_SENT = { termination_uri: 'trunk.example.com:5060', username: 'diga-e2e', password: 'e2e-trunk-password-canary' };

/** A trunk as the Diga API credential stores it, beside the key. */
export const trunkFields = (trunk: Json) => ({ sipTerminationUri: trunk.terminationUri, sipUsername: trunk.username, sipPassword: trunk.password });

export function digaNode(name: string, parameters: Json, extra: Json = {}): WorkflowNode {
	const credentials: WorkflowNode['credentials'] = { digaApi: { id: 'set-per-run', name: 'set-per-run' } };
	return { id: `${name}-id`, name, type: NODE_TYPE, typeVersion: 1, position: [220, 0], parameters, credentials, ...extra };
}

/** Manual Trigger -> [nodes in a chain]. */
export function chain(name: string, ...nodes: WorkflowNode[]): Workflow {
	const all: WorkflowNode[] = [{ id: 'start-id', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, ...nodes];
	const connections: Workflow['connections'] = {};
	for (let i = 0; i < all.length - 1; i++) connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	return { name, nodes: all, connections, settings: { executionOrder: 'v1' } };
}

export function codeNode(name: string, jsCode: string, mode?: string): WorkflowNode {
	return { id: `${name}-id`, name, type: 'n8n-nodes-base.code', typeVersion: 2, position: [110, 0], parameters: { jsCode, ...(mode ? { mode } : {}) } };
}

export const update = (updateFields: Json, phoneId = rl('list', PHONE_ID)) => ({ resource: 'phone', operation: 'update', phoneId, updateFields });

const fromAI = (key: string, description: string) => `={{ $fromAI('${key}', '${description}', 'string') }}`;

/** The tools the phone assistant gets, by node name (the tool name is the node name with underscores). */
const AGENT_TOOLS: Record<string, Json> = {
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

/**
 * Manual Trigger -> Set (chatInput) -> AI Agent, with n8n's OpenAI Chat Model (pointed at the scripted
 * model, test/support/fake-model.ts) and the Diga tools attached.
 */
export function agentWorkflow(name: string, chatInput: string): Workflow {
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
export const accountData: Stamp = ({ method, path, body }) => {
	if (method === 'GET' && path === '/v1/phone/') {
		const page = body as { data: Json[] };
		const [sample] = page.data;
		return {
			...page,
			data: [
				{ ...sample, id: PHONE_ID, number: '+34912345678', nickname: 'Front desk', status: 'assigned' },
				{ ...sample, id: OTHER_PHONE_ID, number: '+34932345678', nickname: 'Barcelona', status: 'assigned' },
			],
			has_more: false,
		};
	}
	if (method === 'GET' && path === '/v1/agent/versions-dropdown/dashboard') {
		const [sample] = body as Array<Json & { versions: Json[] }>;
		const version = { ...sample.versions[0], version_name: 'v3', version_number: 3, is_published: true, is_draft: false };
		return [
			{ ...sample, agent_id: AGENT_ID, name: 'Sales', versions: [{ ...version, version_id: OTHER_AGENT_VERSION_ID }] },
			{ ...sample, name: 'Reception', versions: [{ ...version, version_id: VERSION_ID }] },
		];
	}
	return undefined;
};

/** Whether a Diga node sends the SIP trunk of its Diga API credential (Import, Update SIP Config). */
export const usesTrunk = (workflow: Workflow) => workflow.nodes.some((node) => node.credentials?.digaApi && (node.parameters as Json | undefined)?.outboundTrunk === 'credential');
export const usesModel = (workflow: Workflow) => workflow.nodes.some((node) => node.credentials?.openAiApi);

/** Points every node at the given credentials, by type. */
export function withCredentials(workflow: Workflow, credentials: Record<string, { id: string; name: string }>): Workflow {
	const copy = JSON.parse(JSON.stringify(workflow)) as Workflow; // not structuredClone: its arrays come from another realm under Jest
	for (const node of copy.nodes) {
		for (const [type, credential] of Object.entries(credentials)) {
			if (node.credentials?.[type]) node.credentials[type] = { id: credential.id, name: credential.name };
		}
	}
	return copy;
}

export const WRONG_KEY_WORKFLOW = chain('E2E wrong API key', digaNode('Diga', { resource: 'phone', operation: 'import', phoneNumber: '+34912345678' }));
