import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId } from '../../shared/locators';
import type { Effect, Send } from '../../shared/transport';
import { agentField, versionField } from './fields';

const properties: INodeProperties[] = [
	agentField('The agent whose version to delete'),
	versionField('The version to delete for good. If it is the published one, real callers stop hearing it; Diga may refuse (409) to delete a version it still needs.'),
];

export const description = updateDisplayOptions({ show: { resource: ['agentVersion'], operation: ['delete'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const agentId = locatorId(this, 'agentId', itemIndex, 'agent', 'Agent');
	const versionId = locatorId(this, 'versionId', itemIndex, 'agentVersion', 'Version');
	return async (diga) => {
		await diga.request({ method: 'DELETE', path: `/v1/agent/${agentId}/version/${versionId}`, answer: 'empty', once: true });
		return { deleted: true, agent_id: agentId, version_id: versionId };
	};
}

/** Acts on real calls: reported when a run stops, never retried where Diga may have acted. */
export const effect: Effect = 'creates';

export const doneId = (result: IDataObject) => result.version_id;
