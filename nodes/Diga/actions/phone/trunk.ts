import type { IExecuteFunctions } from 'n8n-workflow';

import { TRUNK_CREDENTIAL_LABEL, type TrunkInput } from './sip';
import { InputError } from '../../shared/helpers/validation';
import { credentialOnce } from '../../shared/transport';

const TRUNK_CREDENTIAL = 'digaSipTrunkApi';

/**
 * The node's Diga SIP Trunk API credential, read once per run and shared by its items. Credentials
 * can only be read asynchronously, so an operation reads it when sending; every item needs the same
 * trunk, so a bad one stops them all before any request.
 */
export async function sipTrunk(ctx: IExecuteFunctions): Promise<TrunkInput> {
	if (!ctx.getNode().credentials?.[TRUNK_CREDENTIAL]) {
		throw new InputError(
			TRUNK_CREDENTIAL_LABEL,
			'none is selected',
			'Select or create a Diga SIP Trunk API credential on the node, or do without the trunk: Outbound Calls > None (Inbound Only) on Import, Outbound Trunk > Keep Current on Update SIP Config.',
		);
	}
	return await credentialOnce<TrunkInput>(ctx, TRUNK_CREDENTIAL);
}

