import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { locatorId } from '../../shared/locators';
import type { Send } from '../../shared/transport';
import { voiceField } from '../agent/settings';

const properties: INodeProperties[] = [voiceField('The voice to read: its name, gender, provider and preview recordings')];

export const description = updateDisplayOptions({ show: { resource: ['voice'], operation: ['get'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const id = locatorId(this, 'voiceId', itemIndex, 'voice', 'Voice');
	return async (diga) => await diga.request({ method: 'GET', path: `/v1/voice/${id}` });
}
