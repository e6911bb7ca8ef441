import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionWithIds } from '../../shared/locators';
import type { Effect, Send } from '../../shared/transport';
import { checkVoiceOffered } from '../voice/offered';
import { createKnowledgeFields, KNOWLEDGE_LISTS, pickerIds } from './knowledge';
import { agentSettings, checkTogether, greetingField, languageField, promptField, SETTING_PICKERS, settingFields, voiceField } from './settings';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Clínica Sol reception',
		description: 'The name of the new agent, as the Diga dashboard and the pickers show it',
	},
	voiceField('The voice the agent speaks with. Choose one of the voices Diga offers, or give its ID.'),
	{ ...languageField, required: true },
	{ ...promptField, required: true },
	greetingField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: ([
			...settingFields,
			...createKnowledgeFields,
			{ displayName: 'Version Name', name: 'versionName', type: 'string', default: '', description: 'A name for the first version of the agent' },
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['create'] } }, properties);

/** Diga's AgentRequest from the node's values: the main fields, then only the additional fields added. */
export function buildCreateBody(main: IDataObject, additional: IDataObject, knowledge: Record<string, string[]>): IDataObject {
	const { versionName, ...settings } = additional;
	const body = agentSettings({ ...settings, ...main });
	// Empty text fields of a new agent are left to Diga's defaults.
	for (const field of ['greeting', 'description']) if (body[field] === '') delete body[field];
	for (const list of KNOWLEDGE_LISTS) if (knowledge[list.field]?.length) body[list.field] = knowledge[list.field];
	if (versionName !== undefined && String(versionName).trim() !== '') body.version_name = String(versionName).trim();
	checkTogether(body, true);
	return body;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const main: IDataObject = { greeting: this.getNodeParameter('greeting', itemIndex, '') };
	for (const name of ['name', 'language', 'prompt']) main[name] = this.getNodeParameter(name, itemIndex);
	main.voiceId = this.getNodeParameter('voiceId', itemIndex, null, { extractValue: true }) ?? '';
	const additional = collectionWithIds(this, 'additionalFields', itemIndex, SETTING_PICKERS);
	const knowledge = Object.fromEntries(
		KNOWLEDGE_LISTS.map((list) => [list.field, list.set in additional ? pickerIds(this, `additionalFields.${list.set}`, itemIndex, list.kind, list.label) : []]),
	);
	const body = buildCreateBody(main, additional, knowledge);
	return async (diga) => {
		await checkVoiceOffered(this, diga, String(body.voice_id));
		return await diga.request({ method: 'POST', path: '/v1/agent/', body, once: true });
	};
}

/** A new agent: reported when a run stops, never sent twice where Diga may have created it. */
export const effect: Effect = 'creates';

export const doneId = (agent: IDataObject) => agent.agent_id;
