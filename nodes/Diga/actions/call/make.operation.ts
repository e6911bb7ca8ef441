import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse, updateDisplayOptions } from 'n8n-workflow';

import { e164, InputError } from '../../shared/helpers/validation';
import type { Effect, Send } from '../../shared/transport';
import { collectionWithIds, idFrom, locator, phoneIdOrNumber } from '../../shared/locators';
import { waitForEnd, waitProperties, waitSettingsOf } from './wait';

const properties: INodeProperties[] = [
	locator('phone', {
		name: 'phoneId',
		displayName: 'From Phone',
		description: 'Your Diga number the call is placed from: from the list, by ID, or by its E.164 number',
		required: true,
		byNumber: true,
	}),
	{
		displayName: 'To Number',
		name: 'toNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +34612345678',
		description: 'The number to call, in E.164. Diga calls Spanish numbers (+34) only.',
	},
	...waitProperties,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			locator('version', { name: 'agentVersionId', displayName: 'Agent', description: 'The agent version that talks. Leave out to use the outbound agent of the From Phone.' }),
			{
				displayName: 'Dynamic Variables (JSON)',
				name: 'variablesJson',
				type: 'json',
				default: '{}',
				description: 'Values the agent can use in its prompt, as a JSON object, e.g. {"name": "Ana"}. Merged with the key/value pairs.',
			},
			{
				displayName: 'Dynamic Variables',
				name: 'variables',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add variable',
				default: {},
				description: 'Values the agent can use in its prompt, such as the name of the person called',
				options: [
					{
						displayName: 'Variable',
						name: 'variable',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'e.g. name' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. Ana' },
						],
					},
				],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['make'] } }, properties);

/** Key/value pairs and a JSON object, merged; pairs win on the same key. */
export function dynamicVariables(json: unknown, pairs: Array<{ key?: unknown; value?: unknown }>): IDataObject | undefined {
	const parameter = 'Dynamic Variables (JSON)';
	let variables: unknown = json ?? {};
	if (typeof variables === 'string') {
		variables = variables.trim() === '' ? {} : jsonParse(variables, { fallbackValue: null });
	}
	if (typeof variables !== 'object' || variables === null || Array.isArray(variables)) {
		throw new InputError(parameter, 'is not a JSON object', 'Give an object of names and values, e.g. {"name": "Ana", "debt": 120}.');
	}
	const merged: IDataObject = { ...(variables as IDataObject) };
	for (const { key, value } of pairs) {
		const name = typeof key === 'string' ? key.trim() : '';
		if (!name) throw new InputError('Dynamic Variables', 'has a variable without a key', 'Give every variable a key, or remove it.');
		merged[name] = value as IDataObject[string];
	}
	return Object.keys(merged).length > 0 ? merged : undefined;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const additional = collectionWithIds(this, 'additionalFields', itemIndex, ['agentVersionId']);
	const body: IDataObject = {
		from_number: phoneIdOrNumber(this, itemIndex, 'From Phone'),
		to_number: e164(this.getNodeParameter('toNumber', itemIndex), 'To Number'),
	};
	const version = idFrom(additional.agentVersionId, 'version', 'Agent', 'ifAdded');
	if (version) body.agent_version_id = version;
	const pairs = ((additional.variables as IDataObject | undefined)?.variable ?? []) as Array<{ key?: unknown; value?: unknown }>;
	const variables = dynamicVariables(additional.variablesJson, pairs);
	if (variables) body.dynamic_variables = variables;
	const wait = waitSettingsOf(this, itemIndex);
	return async (diga) => {
		const call = await diga.request({ method: 'POST', path: '/v1/call/', body, once: true });
		return wait ? await waitForEnd(this, diga, call, wait) : call;
	};
}

/** Acts in the real world: reported when a run stops, never retried where Diga may have acted. */
export const effect: Effect = 'creates';
