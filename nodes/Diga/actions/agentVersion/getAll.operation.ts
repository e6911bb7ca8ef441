import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllFields } from '../../shared/common.descriptions';
import { flag } from '../../shared/helpers/validation';
import { locatorId } from '../../shared/locators';
import { SIMPLE_FIELDS, simplifyField } from '../../shared/simplify';
import type { Send } from '../../shared/transport';
import { listSend } from '../parameters';
import { agentField } from './fields';

/** The largest page Diga serves for an agent's versions. */
const PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	agentField('The agent whose versions to list, newest first'),
	...returnAllFields(1000),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [{ displayName: 'Published Only', name: 'publishedOnly', type: 'boolean', default: true, description: 'Whether to keep only the published version' }],
	},
	simplifyField('versions'),
];

export const description = updateDisplayOptions({ show: { resource: ['agentVersion'], operation: ['getAll'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const agentId = locatorId(this, 'agentId', itemIndex, 'agent', 'Agent');
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = flag(filters.publishedOnly, 'Published Only') ? { is_published: true } : {};
	return listSend(this, itemIndex, `/v1/agent/${agentId}/version`, qs, PAGE_SIZE, SIMPLE_FIELDS.agent);
}
