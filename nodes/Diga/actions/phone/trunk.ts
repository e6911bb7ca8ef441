import type { IExecuteFunctions } from 'n8n-workflow';

import { TRUNK_CREDENTIAL_LABEL, type TrunkInput } from '../../helpers/sip';
import { InputError } from '../../helpers/validation';

const TRUNK_CREDENTIAL = 'digaSipTrunkApi';

const trunks = new WeakMap<IExecuteFunctions, Promise<TrunkInput>>();

async function readTrunk(ctx: IExecuteFunctions): Promise<TrunkInput> {
	if (!ctx.getNode().credentials?.[TRUNK_CREDENTIAL]) {
		throw new InputError(
			TRUNK_CREDENTIAL_LABEL,
			'none is selected',
			'Select or create a Diga SIP Trunk API credential on the node, or do without the trunk: Outbound Calls > None (Inbound Only) on Import, Outbound Trunk > Keep Current on Update SIP Config.',
		);
	}
	return await ctx.getCredentials<TrunkInput>(TRUNK_CREDENTIAL);
}

/**
 * The node's Diga SIP Trunk API credential, read once per run and shared by its items: n8n loads and
 * decrypts a credential again on every read. Credentials can only be read asynchronously, so an
 * operation reads it when sending; every item needs the same trunk, so a bad one stops them all
 * before any request.
 */
export async function sipTrunk(ctx: IExecuteFunctions): Promise<TrunkInput> {
	let trunk = trunks.get(ctx);
	if (!trunk) {
		trunk = readTrunk(ctx);
		trunks.set(ctx, trunk);
	}
	return await trunk;
}
