import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locator, locatorId } from '../../shared/locators';
import type { Effect, Send } from '../../shared/transport';

const properties: INodeProperties[] = [
	locator('agent', {
		name: 'agentId',
		displayName: 'Agent',
		description:
			'The agent to delete for good, with its versions. If a version of it answers or places real calls, those calls stop reaching it. Diga refuses (409) to delete an agent it still needs.',
		required: true,
	}),
];

export const description = updateDisplayOptions({ show: { resource: ['agent'], operation: ['delete'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const id = locatorId(this, 'agentId', itemIndex, 'agent', 'Agent');
	return async (diga) => {
		await diga.request({ method: 'DELETE', path: `/v1/agent/${id}`, answer: 'empty', once: true });
		return { deleted: true, agent_id: id };
	};
}

/** Acts on real calls: reported when a run stops, never retried where Diga may have acted. */
export const effect: Effect = 'creates';

export const doneId = (result: IDataObject) => result.agent_id;
