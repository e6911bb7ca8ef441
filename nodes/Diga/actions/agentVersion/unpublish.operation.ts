import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId } from '../../shared/locators';
import type { Effect, Send } from '../../shared/transport';
import { agentField } from './fields';

const properties: INodeProperties[] = [
	agentField('The agent to take off the phones: its published version stops answering and placing real calls until a version is published again'),
];

export const description = updateDisplayOptions({ show: { resource: ['agentVersion'], operation: ['unpublish'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const agentId = locatorId(this, 'agentId', itemIndex, 'agent', 'Agent');
	// Diga's PublishAgentRequest: without a version_id "the current version published will be unpublished". It
	// goes out as null, because n8n sends no body for an empty object and Diga requires one.
	const body = { version_id: null };
	return async (diga) => await diga.request({ method: 'PATCH', path: `/v1/agent/${agentId}/published_version`, body, once: true });
}

/** Changes what real callers hear: reported when a run stops, never retried where Diga may have acted. */
export const effect: Effect = 'creates';

export const doneId = (published: IDataObject) => published.agent_id;
