import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { text } from '../../shared/helpers/validation';
import { locatorId } from '../../shared/locators';
import type { Effect, Send } from '../../shared/transport';
import { agentField } from './fields';

const properties: INodeProperties[] = [
	agentField('The agent whose current draft becomes a new numbered version. Nobody hears it until it is published.'),
	{
		displayName: 'Version Name',
		name: 'versionName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Summer opening hours',
		description: 'A name for the new version. Empty: Diga names it by its number.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agentVersion'], operation: ['launch'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const agentId = locatorId(this, 'agentId', itemIndex, 'agent', 'Agent');
	const name = text(this.getNodeParameter('versionName', itemIndex, ''), 'Version Name');
	// n8n sends no body for an empty object, and Diga requires one: no name goes out as null.
	const body: IDataObject = { version_name: name || null };
	return async (diga) => await diga.request({ method: 'POST', path: `/v1/agent/${agentId}/version`, body, once: true });
}

/** A new version each time: reported when a run stops, never sent twice where Diga may have made it. */
export const effect: Effect = 'creates';

export const doneId = (version: IDataObject) => version.version_id;
