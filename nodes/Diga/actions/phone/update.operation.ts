import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { flag, InputError, requiredText } from '../../shared/helpers/validation';
import type { Effect, Send } from '../../shared/transport';
import { collectionWithIds, idFrom, locator, locatorId } from '../../shared/locators';

const properties: INodeProperties[] = [
	locator('phone', { name: 'phoneId', displayName: 'Phone', description: 'The Diga phone number to act on. Choose it from the list, or give its ID.', required: true }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			locator('version', {
				name: 'inboundVersionId',
				displayName: 'Inbound Agent',
				description: 'The agent version that answers calls to this number. Assigning a version publishes it.',
			}),
			{
				displayName: 'Nickname',
				name: 'nickname',
				type: 'string',
				default: '',
				placeholder: 'e.g. Madrid support line',
				description: 'A new name for the number',
			},
			locator('version', {
				name: 'outboundVersionId',
				displayName: 'Outbound Agent',
				description: 'The agent version that places calls from this number. Assigning a version publishes it.',
			}),
			{
				displayName: 'Unassign Inbound Agent',
				name: 'unassignInbound',
				type: 'boolean',
				default: true,
				description: 'Whether to remove the agent that answers calls to this number',
			},
			{
				displayName: 'Unassign Outbound Agent',
				name: 'unassignOutbound',
				type: 'boolean',
				default: true,
				description: 'Whether to remove the agent that places calls from this number',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['phone'], operation: ['update'] } }, properties);

export interface UpdateInput {
	nickname?: unknown;
	inboundVersionId?: unknown;
	outboundVersionId?: unknown;
	unassignInbound?: boolean;
	unassignOutbound?: boolean;
}

function assignment(
	versionId: unknown,
	unassign: boolean | undefined,
	parameter: string,
	unassignParameter: string,
): string | null | undefined {
	if (unassign && versionId !== undefined) {
		throw new InputError(parameter, `is set together with ${unassignParameter}`, `Keep either ${parameter} or ${unassignParameter}, not both.`);
	}
	if (unassign) return null;
	return idFrom(versionId, 'version', parameter, 'ifAdded');
}

/** Only what the user set is sent; an explicit unassign sends null, which Diga reads as "no agent". */
export function buildUpdateBody(input: UpdateInput): IDataObject {
	const body: IDataObject = {};
	if (input.nickname !== undefined) {
		body.nickname = requiredText(input.nickname, 'Nickname', 'Enter a nickname, or remove the Nickname field to keep the current one.');
	}
	const inbound = assignment(input.inboundVersionId, input.unassignInbound, 'Inbound Agent', 'Unassign Inbound Agent');
	if (inbound !== undefined) body.inbound_version_id = inbound;
	const outbound = assignment(input.outboundVersionId, input.unassignOutbound, 'Outbound Agent', 'Unassign Outbound Agent');
	if (outbound !== undefined) body.outbound_version_id = outbound;
	if (Object.keys(body).length === 0) {
		throw new InputError('Update Fields', 'nothing to update', 'Add at least one field under Update Fields: Nickname, Inbound Agent, Outbound Agent or an Unassign option.');
	}
	return body;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Send {
	const fields = collectionWithIds(this, 'updateFields', itemIndex, ['inboundVersionId', 'outboundVersionId']);
	const body = buildUpdateBody({
		nickname: fields.nickname,
		inboundVersionId: fields.inboundVersionId,
		outboundVersionId: fields.outboundVersionId,
		unassignInbound: flag(fields.unassignInbound, 'Unassign Inbound Agent'),
		unassignOutbound: flag(fields.unassignOutbound, 'Unassign Outbound Agent'),
	});
	const phoneId = locatorId(this, 'phoneId', itemIndex, 'phone', 'Phone');
	return async (diga) => await diga.request({ method: 'PATCH', path: `/v1/phone/${phoneId}`, body });
}

export const effect: Effect = 'changes';
