import type { INodeProperties } from 'n8n-workflow';

import { locator } from '../shared/locators';
import { PARAMETER_TYPES, TIMEOUT_DEFAULT_S, TIMEOUT_MAX_S } from './tool';

const TYPE_LABELS: Record<(typeof PARAMETER_TYPES)[number], string> = {
	string: 'String',
	integer: 'Integer',
	number: 'Number',
	boolean: 'Boolean',
	object: 'Object',
};

export const properties: INodeProperties[] = [
	{
		displayName:
			'Publish (activate) the workflow to offer this tool to your Diga agent: n8n registers it in Diga with this workflow\'s production URL and removes it when the workflow is deactivated. "Test this trigger" registers it with the test URL until the first call.',
		name: 'activationNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Tool Name',
		name: 'toolName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. check_availability',
		description: 'The name the agent calls the tool by: letters, digits, "_" or "-"',
	},
	{
		displayName: 'Description for the Agent',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. Use this when the caller wants an appointment: checks whether the requested day and time are free and offers alternatives',
		description: 'When the agent should use the tool, what it needs and what it gives back. The agent decides from this text alone.',
	},
	{
		displayName: 'Parameters',
		name: 'parameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Parameter',
		default: {},
		description: 'The values the agent takes from the conversation and sends along; the workflow receives them as the fields of its item',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. preferred_date', description: 'The field name in the item' },
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'string',
						options: PARAMETER_TYPES.map((value) => ({ name: TYPE_LABELS[value], value })),
					},
					{ displayName: 'Required', name: 'required', type: 'boolean', default: true, description: 'Whether the agent must have this value before it calls the tool' },
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						placeholder: 'e.g. The day the caller asks for, as YYYY-MM-DD',
						description: 'What the value is and how the agent gets it; the agent reads this',
					},
				],
			},
		],
	},
	{
		displayName: 'Ask the Caller First',
		name: 'approval',
		type: 'boolean',
		default: false,
		description: 'Whether the agent asks the caller to confirm before it runs the tool',
	},
	{
		displayName: 'Response Timeout (Seconds)',
		name: 'responseTimeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: TIMEOUT_MAX_S, numberPrecision: 0 },
		default: TIMEOUT_DEFAULT_S,
		description: 'How long the agent waits for the workflow\'s answer; after it the tool call fails, and the agent goes on as its prompt says. The caller hears silence meanwhile: keep the workflow fast, and start n8n with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true so that n8n adds no more to each call than for its own Webhook node.',
	},
	{
		displayName: 'Assign To',
		name: 'assignTo',
		type: 'options',
		noDataExpression: true,
		default: 'agent',
		options: [
			{ name: 'An Agent', value: 'agent', description: "Adds the tool to the agent's draft; other integrations of the agent stay as they are" },
			{ name: "Don't Assign", value: 'none', description: "Only registers the tool; assign it to agents in Diga's dashboard" },
		],
	},
	{
		...locator('agent', { name: 'agentId', displayName: 'Agent', description: 'The agent that may use the tool during its calls', required: true }),
		displayOptions: { show: { assignTo: ['agent'] } },
	},
	{
		displayName: 'Respond',
		name: 'responseMode',
		type: 'options',
		noDataExpression: true,
		default: 'lastNode',
		options: [
			{ name: 'Immediately', value: 'onReceived', description: 'The agent hears only that the workflow started' },
			{ name: 'When Last Node Finishes', value: 'lastNode', description: "The first item of the last node that runs is the agent's answer" },
			{ name: "Using 'Respond to Webhook' Node", value: 'responseNode', description: 'That node sends the answer' },
		],
	},
	{
		displayName:
			"Add a 'Respond to Webhook' node of version 1 (copy it from this package's README): n8n's newer versions answer only n8n's own Webhook trigger and fail here. Write the answer as something the agent can say aloud, e.g. {\"result\": \"Tuesday at 10:00 is free\"}.",
		name: 'responseNodeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { responseMode: ['responseNode'] } },
	},
];
