import type { IDataObject } from 'n8n-workflow';

/** The fields of each Diga record that a person acts on; Simplify keeps these. */
export const SIMPLE_FIELDS = {
	phone: ['id', 'number', 'nickname', 'status', 'telephony_provider', 'inbound_agent_id', 'outbound_agent_id', 'assigned_at', 'scheduled_release_at'],
	agent: ['agent_id', 'name', 'version_id', 'version_number', 'version_name', 'is_published', 'is_draft', 'language', 'mode', 'modified_at'],
	call: ['id', 'status', 'type', 'end_reason', 'created_date', 'start_time', 'end_time', 'duration', 'agent_id', 'phone_register_id', 'contact'],
} as const;

export function simplify(record: IDataObject, fields: readonly string[]): IDataObject {
	const result: IDataObject = {};
	for (const field of fields) if (field in record) result[field] = record[field];
	return result;
}
