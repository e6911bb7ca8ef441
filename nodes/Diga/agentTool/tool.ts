import type { IDataObject } from 'n8n-workflow';

import { idFrom } from '../shared/locators';
import { InputError } from '../shared/helpers/validation';

/** Diga's parameter data types (`DataTypes` in the contract). */
export const PARAMETER_TYPES = ['string', 'integer', 'number', 'boolean', 'object'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** A caller waits in silence meanwhile: Diga's own during-call flows must answer within 60 s. */
export const TIMEOUT_DEFAULT_S = 10;
export const TIMEOUT_MAX_S = 60;

/** Names a model can call: letters, digits, `_` and `-`, as function names for language models allow. */
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface ToolParameter {
	name: string;
	type: ParameterType;
	required: boolean;
	description: string;
}

/** What the user set on the node, read and checked before anything is sent to Diga. */
export interface ToolSpec {
	name: string;
	description: string;
	parameters: ToolParameter[];
	approval: boolean;
	timeoutSeconds: number;
	/** The agent to offer the tool to; undefined leaves the assignment to Diga's dashboard. */
	agentId?: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function readSpec(raw: IDataObject): ToolSpec {
	const name = text(raw.toolName);
	if (!TOOL_NAME.test(name)) {
		throw new InputError('Tool Name', `"${name}" is not a name a voice agent can call`, 'Use 1 to 64 letters, digits, "_" or "-", e.g. check_availability.');
	}
	const description = text(raw.toolDescription);
	if (!description) {
		throw new InputError('Description for the Agent', 'is empty', 'Say when the agent should use the tool and what it gives back: the agent decides from this text alone.');
	}
	const rows = ((raw.parameters as IDataObject | undefined)?.parameter ?? []) as IDataObject[];
	const seen = new Set<string>();
	const parameters = rows.map((row, index): ToolParameter => {
		const parameterName = text(row.name);
		if (!PARAMETER_NAME.test(parameterName) || seen.has(parameterName)) {
			const problem = seen.has(parameterName) ? 'appears twice' : 'is not a valid parameter name';
			throw new InputError('Parameters', `the name "${parameterName}" of parameter ${index + 1} ${problem}`, 'Give each parameter its own name of letters, digits and "_", starting with a letter, e.g. preferred_date.');
		}
		seen.add(parameterName);
		const type = (PARAMETER_TYPES as readonly string[]).includes(String(row.type)) ? (row.type as ParameterType) : 'string';
		return { name: parameterName, type, required: row.required !== false, description: text(row.description) };
	});
	const timeoutSeconds = Number(raw.responseTimeout ?? TIMEOUT_DEFAULT_S);
	if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > TIMEOUT_MAX_S) {
		throw new InputError('Response Timeout (Seconds)', `${String(raw.responseTimeout)} is out of range`, `Use a whole number of seconds from 1 to ${TIMEOUT_MAX_S}.`);
	}
	const agentId = raw.assignTo === 'agent' ? idFrom(raw.agentId, 'agent', 'Agent') : undefined;
	return { name, description, parameters, approval: raw.approval === true, timeoutSeconds, agentId };
}

/** This workflow's webhook URL, as Diga's integration (`base_url`) and tool (`endpoint_path`) hold it. */
export function splitWebhookUrl(url: string): { baseUrl: string; endpointPath: string } {
	const cut = url.lastIndexOf('/');
	return { baseUrl: url.slice(0, cut), endpointPath: url.slice(cut) };
}

/** The header Diga sends with every tool call; its value is the secret only this workflow knows. */
export const SECRET_HEADER = 'x-diga-tool-secret';

export function integrationBody(spec: ToolSpec, url: string, secret: string, workflowName: string): IDataObject {
	return {
		name: `n8n: ${workflowName || 'workflow'} (${spec.name})`.slice(0, 120),
		description: 'Registered by an n8n workflow (Diga Agent Tool Trigger); removed when the workflow is deactivated.',
		base_url: splitWebhookUrl(url).baseUrl,
		integration_type: 'HTTP',
		headers: { [SECRET_HEADER]: secret },
	};
}

export function toolBody(spec: ToolSpec, url: string): IDataObject {
	return {
		name: spec.name,
		description: spec.description,
		endpoint_path: splitWebhookUrl(url).endpointPath,
		method: 'POST',
		body: spec.parameters.map((parameter) => ({
			name: parameter.name,
			data_type: parameter.type,
			description: parameter.description || null,
			required: parameter.required,
			value_source: 'llm',
		})),
		query: [],
		timeout: spec.timeoutSeconds,
		approval_required: spec.approval,
	};
}
