import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { collectionWithIds, idFrom, locator, locatorId } from '../../shared/locators';
import type { Effect, Send } from '../../shared/transport';
import { agentField, versionField } from './fields';

const properties: INodeProperties[] = [
	agentField('The agent whose version goes live'),
	versionField('The version real callers hear from now on. It takes the place of the published version of this agent, if there is one.'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			locator('phone', { name: 'inboundPhoneId', displayName: 'Inbound Phone', description: 'A number whose real incoming calls this version answers from now on' }),
			locator('phone', { name: 'outboundPhoneId', displayName: 'Outbound Phone', description: 'A number this version places its calls from' }),
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['agentVersion'], operation: ['publish'] } }, properties);

export function buildPublishBody(versionId: string, inboundPhoneId: unknown, outboundPhoneId: unknown): IDataObject {
	const body: IDataObject = { version_id: versionId };
	const inbound = idFrom(inboundPhoneId, 'phone', 'Inbound Phone', 'ifAdded');
	if (inbound) body.inbound_phone_number_id = inbound;
	const outbound = idFrom(outboundPhoneId, 'phone', 'Outbound Phone', 'ifAdded');
	if (outbound) body.outbound_phone_number_id = outbound;
	return body;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const agentId = locatorId(this, 'agentId', itemIndex, 'agent', 'Agent');
	const versionId = locatorId(this, 'versionId', itemIndex, 'agentVersion', 'Version');
	const additional = collectionWithIds(this, 'additionalFields', itemIndex, ['inboundPhoneId', 'outboundPhoneId']);
	const body = buildPublishBody(versionId, additional.inboundPhoneId, additional.outboundPhoneId);
	return async (diga) => await diga.request({ method: 'PATCH', path: `/v1/agent/${agentId}/published_version`, body, once: true });
}

/** Changes what real callers hear: reported when a run stops, never retried where Diga may have acted. */
export const effect: Effect = 'creates';

export const doneId = (published: IDataObject) => published.published_version_id;
