import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../shared/helpers/validation';
import { credentialOnce } from '../../shared/transport';
import { hasTrunk, TRUNK_CREDENTIAL_LABEL, trunkFromCredential, type TrunkInput } from '../../shared/trunk';

/**
 * The SIP trunk of the node's Diga API credential, read once per run and shared by its items (the
 * same read as the API key's). Credentials can only be read asynchronously, so an operation reads it
 * when sending; every item needs the same trunk, so a missing or bad one stops them all before any
 * request.
 */
export async function sipTrunk(ctx: IExecuteFunctions): Promise<TrunkInput> {
	const trunk = trunkFromCredential(await credentialOnce(ctx, 'digaApi'));
	if (!hasTrunk(trunk)) {
		throw new InputError(
			TRUNK_CREDENTIAL_LABEL,
			'has no SIP trunk',
			'Fill in SIP Trunk Termination URI (and the username and password if your trunk asks for them) in the Diga API credential, or do without the trunk: Outbound Calls > None (Inbound Only) on Import, Outbound Trunk > Keep Current on Update SIP Config.',
		);
	}
	return trunk;
}
