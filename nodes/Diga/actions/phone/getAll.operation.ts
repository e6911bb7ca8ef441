import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SIMPLE_FIELDS, simplifyField } from '../../shared/simplify';
import { dateTime } from '../../shared/helpers/dates';
import type { Send } from '../../shared/transport';
import { dateRangeFilters, returnAllFields } from '../../shared/common.descriptions';
import { collectionWithIds, idFrom, locator } from '../../shared/locators';
import { listSend } from '../parameters';

/** The largest page Diga serves for phones. */
export const PHONE_PAGE_SIZE = 100;

const agentFilter = (name: string, displayName: string, description: string): INodeProperties =>
	locator('agent', { name, displayName, description, required: false });

const properties: INodeProperties[] = [
	...returnAllFields(1000),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			...dateRangeFilters('Assigned', 'assigned', 'numbers assigned'),
			agentFilter('inboundAgentId', 'Inbound Agent', 'Only numbers whose calls this agent answers'),
			agentFilter('outboundAgentId', 'Outbound Agent', 'Only numbers this agent places calls from'),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'assigned',
				options: [
					{ name: 'Assigned', value: 'assigned' },
					{ name: 'Finished', value: 'finished' },
					{ name: 'Pending Verification', value: 'pending_verification' },
					{ name: 'Released', value: 'released' },
					{ name: 'Reserved', value: 'reserved' },
				],
				description: 'Only numbers in this state',
			},
		],
	},
	simplifyField('phones'),
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['getAll'] } }, properties);

/** Diga's query for the filters the user set; nothing else is sent. */
/** `timeZone`: the workflow's, for dates written without an offset. */
export function buildPhoneQuery(filters: IDataObject, timeZone: string): IDataObject {
	const qs: IDataObject = {};
	if (filters.status) qs.status = filters.status;
	const inbound = idFrom(filters.inboundAgentId, 'agent', 'Inbound Agent', 'optional');
	if (inbound) qs.inbound_agent_id = inbound;
	const outbound = idFrom(filters.outboundAgentId, 'agent', 'Outbound Agent', 'optional');
	if (outbound) qs.outbound_agent_id = outbound;
	if (filters.assignedFrom) qs.start_assigned_at = dateTime(filters.assignedFrom, 'Assigned From', timeZone);
	if (filters.assignedTo) qs.end_assigned_at = dateTime(filters.assignedTo, 'Assigned To', timeZone);
	return qs;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const qs = buildPhoneQuery(collectionWithIds(this, 'filters', itemIndex, ['inboundAgentId', 'outboundAgentId']), this.getTimezone());
	return listSend(this, itemIndex, '/v1/phone/', qs, PHONE_PAGE_SIZE, SIMPLE_FIELDS.phone);
}
