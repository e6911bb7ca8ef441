import type { IDataObject } from 'n8n-workflow';

import { mediaEncryption, type MediaEncryption } from '../../shared/helpers/validation';
import { allowedAddresses } from '../../shared/helpers/addresses';
import { trunkConfig, type TrunkInput } from '../../shared/trunk';

export { trunkConfig, type TrunkInput } from '../../shared/trunk';

/** The inbound settings as the node's fields hold them. */
export interface InboundInput {
	mediaEncryption?: unknown;
	allowedAddresses?: unknown;
}

/** The value of the Update SIP Config fields that leave a setting as it is. */
export const KEEP = 'keep';

function isSet(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/**
 * Import's outbound settings, once per contract with the same values: the spec-era `sip_config` (the
 * trunk) and the current `outbound_config` (the trunk and its media encryption).
 */
export function importOutbound(trunk: TrunkInput, encryption: MediaEncryption): IDataObject {
	const config = trunkConfig(trunk);
	return { sip_config: config, outbound_config: { ...config, media_encryption: encryption } };
}

/** An Outbound Media Encryption field; undefined when it says to keep Diga's current setting. */
export function outboundMediaEncryption(value: unknown): MediaEncryption | undefined {
	return value === KEEP ? undefined : mediaEncryption(value, 'Outbound Media Encryption');
}

/**
 * Diga's `inbound_config`. On Import an empty Allowed Addresses field is left out; on a partial
 * update an added but empty field is sent as `[]`. Both mean the same to Diga: accept all senders.
 */
export function inboundConfig(input: InboundInput, partial = false): IDataObject | undefined {
	const config: IDataObject = {};
	if (isSet(input.mediaEncryption)) config.media_encryption = mediaEncryption(input.mediaEncryption, 'Inbound Media Encryption');
	if (isSet(input.allowedAddresses) || (partial && input.allowedAddresses !== undefined)) {
		config.allowed_addresses = allowedAddresses(input.allowedAddresses);
	}
	return Object.keys(config).length === 0 ? undefined : config;
}
