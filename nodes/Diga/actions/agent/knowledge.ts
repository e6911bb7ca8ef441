/**
 * The knowledge bases and items of an agent. In Diga's AgentUpdateRequest each list replaces the whole
 * list, so Update Draft reads the draft first, adds and removes the given IDs, and keeps every other.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../shared/helpers/validation';
import { idFrom } from '../../shared/locators';
import { pickerList } from './settings';

type Kind = 'knowledgeBase' | 'knowledgeItem';

/** The two lists: their field in Diga's body, and the label of the parameters that change them. */
export const KNOWLEDGE_LISTS = [
	{ kind: 'knowledgeBase', field: 'knowledge_base_ids', label: 'Knowledge Bases', add: 'addKnowledgeBaseIds', remove: 'removeKnowledgeBaseIds', set: 'knowledgeBaseIds' },
	{ kind: 'knowledgeItem', field: 'knowledge_item_ids', label: 'Knowledge Items', add: 'addKnowledgeItemIds', remove: 'removeKnowledgeItemIds', set: 'knowledgeItemIds' },
] as const;

/** Create's fields: the lists the new agent starts with. */
export const createKnowledgeFields: INodeProperties[] = KNOWLEDGE_LISTS.map((list) =>
	pickerList(list.kind, list.set, list.label, `The ${list.label.toLowerCase()} the agent answers from`),
);

/** Update Draft's fields: what to add and what to remove; the others stay attached. */
export const updateKnowledgeFields: INodeProperties[] = KNOWLEDGE_LISTS.flatMap((list) => [
	pickerList(list.kind, list.add, `Attach ${list.label}`, `${list.label} to attach to the draft. Those already attached stay.`),
	pickerList(list.kind, list.remove, `Detach ${list.label}`, `${list.label} to detach from the draft. The others stay attached.`),
]);

/** The checked IDs of a list of pickers under a collection (`updateFields.addKnowledgeBaseIds`); none when not added. */
export function pickerIds(ctx: IExecuteFunctions, path: string, itemIndex: number, kind: Kind, label: string): string[] {
	const entries = (ctx.getNodeParameter(`${path}.entry`, itemIndex, []) as IDataObject[]) ?? [];
	return entries.map((_, index) => idFrom(ctx.getNodeParameter(`${path}.entry[${index}].id`, itemIndex, null, { extractValue: true }), kind, `${label} (entry ${index + 1})`) as string);
}

export interface ListChange {
	add: string[];
	remove: string[];
}

export const changes = (change: ListChange) => change.add.length > 0 || change.remove.length > 0;

/** An ID both attached and detached in one update has no meaning: refused before any request. */
export function checkChange(change: ListChange, label: string): void {
	const both = change.add.find((id) => change.remove.includes(id));
	if (both) throw new InputError(label, `${both} is both attached and detached`, `Keep ${both} under either Attach ${label} or Detach ${label}, not both.`);
}

/** The list after the change, in its order, new IDs last; undefined when nothing would change. */
export function mergedIds(current: unknown, change: ListChange): string[] | undefined {
	const before = Array.isArray(current) ? current.map(String) : [];
	const after = [...before.filter((id) => !change.remove.includes(id)), ...change.add.filter((id) => !before.includes(id))];
	const same = after.length === before.length && after.every((id, index) => id === before[index]);
	return same ? undefined : [...new Set(after)];
}
