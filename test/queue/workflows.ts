/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * The workflows the queue-mode suite (and bench/queue.ts) imports: the examples of examples/, each with its
 * Diga credential pointed at its stand-in, and a Webhook trigger instead of the Manual Trigger where the
 * example has one. In queue mode only the editor's manual runs stay on the main; a production webhook is
 * answered by the webhook processor and its execution runs on a worker, as a scheduled or app-triggered
 * run of the example would.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Workflow, WorkflowNode } from '../e2e/workflows';
import { AGENT_ID } from '../support/hooks';
import { NODE_TYPE, REPO_DIR } from '../support/n8n';
import { phoneIdAt } from '../support/diga';
import { CREDENTIAL } from './diga';

export const example = (file: string) => JSON.parse(readFileSync(path.join(REPO_DIR, 'examples', file), 'utf8')) as Workflow;

/** Every Diga node of the workflow uses this credential. */
export function withCredential(workflow: Workflow, credentialId: string): Workflow {
	for (const node of workflow.nodes) if (node.credentials?.digaApi) node.credentials = { ...node.credentials, digaApi: { id: credentialId, name: credentialId } };
	return workflow;
}

export const webhookNode = (name: string, webhookPath: string): WorkflowNode => ({
	id: `${webhookPath}-trigger`,
	name,
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: webhookPath,
	parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
});

/** The example's Manual Trigger becomes a Webhook trigger at `webhook/<webhookPath>` (POST). */
export function withWebhookTrigger(workflow: Workflow, webhookPath: string): Workflow {
	const manual = workflow.nodes.findIndex((node) => node.type === 'n8n-nodes-base.manualTrigger');
	if (manual < 0) throw new Error(`${workflow.name} has no Manual Trigger`);
	const { name, position } = workflow.nodes[manual];
	workflow.nodes[manual] = { ...webhookNode('Webhook', webhookPath), position };
	workflow.connections.Webhook = workflow.connections[name];
	delete workflow.connections[name];
	return workflow;
}

export const BULK_IMPORT_ID = 'queuebulkimp01';
export const UPDATE_MANY_ID = 'queueupdate001';
export const TRIGGER_ID = 'queuetrigger01';
export const MAKE_CALL_ID = 'queuemakecall1';
export const AGENT_TOOL_ID = 'queueagenttool';

export const BULK_IMPORT_PATH = 'queue-bulk-import';
export const UPDATE_MANY_PATH = 'queue-update-many';
export const MAKE_CALL_PATH = 'queue-make-call';
/** How many Update Phone items; a run takes ?from=&count= to do a slice of them (the bench splits it in 4). */
export const UPDATE_ITEMS = 1000;

/** examples/import-numbers-and-assign-agents.json, started by a webhook. */
export const bulkImport = (): Workflow & { id: string } => ({ ...withCredential(withWebhookTrigger(example('import-numbers-and-assign-agents.json'), BULK_IMPORT_PATH), CREDENTIAL.phones), id: BULK_IMPORT_ID });

/** Webhook -> Code (items from..from+count of UPDATE_ITEMS, a nickname each) -> Update Phone (phone IDs of phoneIdAt). */
export function updateMany(credentialId: string, concurrency?: number): Workflow & { id: string } {
	const code = `const { from = 0, count = ${UPDATE_ITEMS} } = $json.query ?? {};
return Array.from({ length: Number(count) }, (_, i) => ({ json: { index: Number(from) + i } }));`;
	const nodes: WorkflowNode[] = [
		webhookNode('Webhook', UPDATE_MANY_PATH),
		{ id: 'items', name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: code } },
		{
			id: 'update',
			name: 'Update phones',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [440, 0],
			parameters: {
				resource: 'phone',
				operation: 'update',
				phoneId: { __rl: true, mode: 'id', value: `={{ '${phoneIdAt(0).slice(0, -12)}' + String($json.index).padStart(12, '0') }}` },
				updateFields: { nickname: '=Line {{ $json.index }}' },
				options: concurrency === undefined ? {} : { concurrency },
			},
			credentials: { digaApi: { id: credentialId, name: credentialId } },
		},
	];
	return {
		id: UPDATE_MANY_ID,
		name: 'Update 1,000 phone numbers',
		nodes,
		connections: { Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] }, Items: { main: [[{ node: 'Update phones', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** examples/call-ended-transcript-to-spreadsheet.json: the Diga Trigger, polling on the main. */
export const callEnded = (): Workflow & { id: string } => ({ ...withCredential(example('call-ended-transcript-to-spreadsheet.json'), CREDENTIAL.calls), id: TRIGGER_ID });

/**
 * examples/make-call-and-wait.json, started by a webhook, with Get Recording after the call. `leak`: a
 * value its summary writes into its output (to break the secrets check's premise on purpose).
 */
export function makeCall(leak?: string): Workflow & { id: string } {
	const workflow = withWebhookTrigger(example('make-call-and-wait.json'), MAKE_CALL_PATH);
	if (leak) {
		const summary = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.set')!;
		(summary.parameters.assignments as { assignments: unknown[] }).assignments.push({ id: 'leak', name: 'leak', value: leak, type: 'string' });
	}
	const call = workflow.nodes.find((node) => node.type === NODE_TYPE)!;
	workflow.nodes.push({
		id: 'get-recording',
		name: 'Get recording',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [call.position[0] + 220, call.position[1] + 200],
		parameters: { resource: 'call', operation: 'getRecording', callId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
		credentials: { digaApi: { id: 'set-below', name: 'set-below' } },
	});
	workflow.connections[call.name].main[0].push({ node: 'Get recording', type: 'main', index: 0 });
	return { ...withCredential(workflow, CREDENTIAL.calls), id: MAKE_CALL_ID };
}

/** examples/agent-tool-check-availability.json, assigned to the fake's agent. */
export function agentTool(): Workflow & { id: string } {
	const workflow = withCredential(example('agent-tool-check-availability.json'), CREDENTIAL.tools);
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-diga.digaAgentToolTrigger')!;
	trigger.parameters.agentId = { __rl: true, mode: 'id', value: AGENT_ID };
	return { ...workflow, id: AGENT_TOOL_ID };
}

export const webhookIdOf = (workflow: Workflow, type: string) => String(workflow.nodes.find((node) => node.type === type)?.webhookId);
