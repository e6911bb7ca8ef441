import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { SIMPLE_FIELDS, simplify, simplifyField, simplifyOf } from '../../shared/simplify';
import type { Send } from '../../shared/transport';
import { locator, locatorId } from '../../shared/locators';

const properties: INodeProperties[] = [
	locator('agent', { name: 'agentId', displayName: 'Agent', description: 'The agent to read. Choose it from the list, or give its ID.', required: true }),
	locator('version', { name: 'versionId', displayName: 'Version', description: 'Read this version of the agent. Leave empty for its current draft.' }),
	simplifyField('agent'),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['get'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const agentId = locatorId(this, 'agentId', itemIndex, 'agent', 'Agent');
	const version = locatorId(this, 'versionId', itemIndex, 'version', 'Version', 'optional');
	const qs: IDataObject = version ? { version_id: version } : {};
	const simple = simplifyOf(this, itemIndex);
	return async (diga) => {
		const agent = await diga.request({ method: 'GET', path: `/v1/agent/${agentId}`, qs });
		return simple ? simplify(agent, SIMPLE_FIELDS.agent) : agent;
	};
}
