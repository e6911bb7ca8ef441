import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { flag } from './helpers/validation';

/** The fields of each Diga record that a person acts on; Simplify keeps these. */
export const SIMPLE_FIELDS = {
	phone: ['id', 'number', 'nickname', 'status', 'telephony_provider', 'inbound_agent_id', 'outbound_agent_id', 'assigned_at', 'scheduled_release_at'],
	agent: ['agent_id', 'name', 'version_id', 'version_number', 'version_name', 'is_published', 'is_draft', 'language', 'mode', 'modified_at'],
	call: ['id', 'status', 'type', 'end_reason', 'created_date', 'start_time', 'end_time', 'duration', 'agent_id', 'phone_register_id', 'contact'],
	// Everything but a text item's `content`, which may be pages long.
	knowledgeItem: ['id', 'name', 'category', 'status', 'size_bytes', 'knowledge_base_id', 'url', 'created_date'],
} as const;

export function simplify(record: IDataObject, fields: readonly string[]): IDataObject {
	const result: IDataObject = {};
	for (const field of fields) if (field in record) result[field] = record[field];
	return result;
}

export function simplifyField(what: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return a simplified version of the ${what} instead of the raw data`,
	};
}

/** The Simplify switch of a Get or Get Many. */
export function simplifyOf(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return flag(ctx.getNodeParameter('simplify', itemIndex), 'Simplify');
}
