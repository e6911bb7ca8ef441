import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplify, SIMPLE_FIELDS } from '../../helpers/simplify';
import type { Send } from '../../transport';
import { agentLocator, agentVersionLocator, simplifyField } from '../common.descriptions';
import { locatedId, optionalIdOf, simplifyOf } from '../parameters';

const properties: INodeProperties[] = [
	agentLocator('The agent to read. Choose it from the list, or give its ID.'),
	agentVersionLocator('versionId', 'Version', 'Read this version of the agent. Leave empty for its current draft.'),
	simplifyField('agent'),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['get'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const agentId = locatedId(this, 'agentId', itemIndex);
	const version = optionalIdOf(this.getNodeParameter('versionId', itemIndex, ''), 'version', 'Version');
	const qs: IDataObject = version ? { version_id: version } : {};
	const simple = simplifyOf(this, itemIndex);
	return async (diga) => {
		const agent = await diga.request({ method: 'GET', path: `/v1/agent/${agentId}`, qs });
		return simple ? simplify(agent, SIMPLE_FIELDS.agent) : agent;
	};
}
