import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InputError } from '../../shared/helpers/validation';
import { collectionWithIds, locator, locatorId } from '../../shared/locators';
import type { DigaClient, Effect, Send } from '../../shared/transport';
import { checkVoiceOffered } from '../voice/offered';
import { changes, checkChange, KNOWLEDGE_LISTS, type ListChange, mergedIds, pickerIds, updateKnowledgeFields } from './knowledge';
import { agentSettings, checkTogether, greetingField, languageField, promptField, SETTING_PICKERS, settingFields, voiceField } from './settings';

const properties: INodeProperties[] = [
	locator('agent', {
		name: 'agentId',
		displayName: 'Agent',
		description: 'The agent whose draft changes. Callers hear the change only once a version is launched from the draft and published.',
		required: true,
	}),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		description: 'The settings to change. Settings you do not add stay as they are.',
		options: ([
			...settingFields,
			...updateKnowledgeFields,
			{ ...greetingField, description: 'What the agent says first when a call starts. Empty removes the greeting.' },
			languageField,
			{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'A new name for the agent' },
			{ ...promptField, description: 'New instructions for the agent; it cannot be empty' },
			{ ...voiceField('The voice the agent speaks with from now on'), required: false },
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['updateDraft'] } }, properties);

/** The body of the update: the settings added, and each knowledge list that changes, whole, with the others kept. */
export function buildUpdateBody(settings: IDataObject, draft: IDataObject | undefined, knowledge: Record<string, ListChange>): IDataObject {
	const body = agentSettings(settings);
	for (const list of KNOWLEDGE_LISTS) {
		const change = knowledge[list.field];
		if (!change || !changes(change) || !draft) continue;
		const merged = mergedIds(draft[list.field], change);
		if (merged) body[list.field] = merged;
	}
	return body;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const agentId = locatorId(this, 'agentId', itemIndex, 'agent', 'Agent');
	const fields = collectionWithIds(this, 'updateFields', itemIndex, SETTING_PICKERS);
	const knowledge: Record<string, ListChange> = {};
	for (const list of KNOWLEDGE_LISTS) {
		const read = (name: string, verb: string) => (name in fields ? pickerIds(this, `updateFields.${name}`, itemIndex, list.kind, `${verb} ${list.label}`) : []);
		knowledge[list.field] = { add: read(list.add, 'Attach'), remove: read(list.remove, 'Detach') };
		checkChange(knowledge[list.field], list.label);
	}
	const settings = buildUpdateBody(fields, undefined, {});
	checkTogether(settings, false);
	const listsChange = Object.values(knowledge).some(changes);
	if (Object.keys(settings).length === 0 && !listsChange) {
		throw new InputError('Update Fields', 'nothing to update', 'Add at least one field under Update Fields.');
	}
	return async (diga: DigaClient) => {
		if (settings.voice_id) await checkVoiceOffered(this, diga, String(settings.voice_id));
		// Only the draft's lists are read (no version asked for): the draft is what the update changes.
		const draft = listsChange ? await diga.request({ method: 'GET', path: `/v1/agent/${agentId}` }) : undefined;
		const body = buildUpdateBody(fields, draft, knowledge);
		// Attaching what is attached, detaching what is not: nothing to send.
		if (Object.keys(body).length === 0) return draft as IDataObject;
		return await diga.request({ method: 'PATCH', path: `/v1/agent/${agentId}`, body });
	};
}

export const effect: Effect = 'changes';

export const doneId = (agent: IDataObject) => agent.agent_id;
