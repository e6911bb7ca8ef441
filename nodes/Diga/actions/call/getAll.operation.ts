import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SIMPLE_FIELDS, simplifyField } from '../../shared/simplify';
import { dateTime } from '../../shared/helpers/dates';
import type { Send } from '../../shared/transport';
import { dateRangeFilters, returnAllFields } from '../../shared/common.descriptions';
import { collectionWithIds, idFrom } from '../../shared/locators';
import { CALL_DIRECTIONS, CALL_FILTERS } from '../../shared/calls';
import { listSend } from '../parameters';

/** The largest page Diga serves for calls. */
const CALL_PAGE_SIZE = 1000;

const properties: INodeProperties[] = [
	...returnAllFields(10000),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			CALL_FILTERS.agent,
			...dateRangeFilters('Created', 'created', 'calls created'),
			CALL_FILTERS.phone,
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'completed',
				// Only the states Diga's current API accepts (outcomes such as no answer moved to end_reason);
				// a value typed as an expression is passed on.
				options: [
					{ name: 'Completed', value: 'completed' },
					{ name: 'Dialing', value: 'dialing' },
					{ name: 'In Progress', value: 'in_progress' },
					{ name: 'In Queue', value: 'in_queue' },
				],
				description: 'Only calls in this state. How a completed call ended (no answer, transferred...) is in its end_reason.',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				default: 'outbound',
				options: CALL_DIRECTIONS,
				description: 'Only inbound or only outbound calls',
			},
		],
	},
	simplifyField('calls'),
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['getAll'] } }, properties);

/** `timeZone`: the workflow's, for dates written without an offset. */
export function buildCallQuery(filters: IDataObject, timeZone: string): IDataObject {
	const qs: IDataObject = {};
	const agent = idFrom(filters.agentId, 'agent', 'Agent', 'optional');
	if (agent) qs.agent_id = agent;
	const phone = idFrom(filters.phoneId, 'phone', 'Phone', 'optional');
	if (phone) qs.phone_id = phone;
	if (filters.status) qs.status = filters.status;
	if (filters.type) qs.type = filters.type;
	if (filters.createdFrom) qs.start_created_date = dateTime(filters.createdFrom, 'Created From', timeZone);
	if (filters.createdTo) qs.end_created_date = dateTime(filters.createdTo, 'Created To', timeZone);
	return qs;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const qs = buildCallQuery(collectionWithIds(this, 'filters', itemIndex, ['agentId', 'phoneId']), this.getTimezone());
	return listSend(this, itemIndex, '/v1/call/', qs, CALL_PAGE_SIZE, SIMPLE_FIELDS.call);
}
