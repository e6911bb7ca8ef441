import type { IDataObject } from 'n8n-workflow';

import { mediaEncryption, type MediaEncryption, secret, text } from '../../shared/helpers/validation';
import { allowedAddresses, terminationUri } from '../../shared/helpers/addresses';

/** The Diga SIP Trunk API credential's fields, as n8n hands them over. */
export interface TrunkInput {
	terminationUri?: unknown;
	username?: unknown;
	password?: unknown;
}

/** The inbound settings as the node's fields hold them. */
export interface InboundInput {
	mediaEncryption?: unknown;
	allowedAddresses?: unknown;
}

/** How errors name the trunk's credential and its fields, so the user knows where to fix them. */
export const TRUNK_CREDENTIAL_LABEL = 'Diga SIP Trunk API credential';
const TRUNK_FIELD = (field: string) => `${TRUNK_CREDENTIAL_LABEL} > ${field}`;

/** The value of the Update SIP Config fields that leave a setting as it is. */
export const KEEP = 'keep';

function isSet(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/**
 * The trunk as Diga's API names its fields: `termination_uri`, and `username` / `password` when the
 * trunk uses digest authentication. The same three fields in both contracts, inside `sip_config`
 * (2026-04) and `outbound_config` (2026-07).
 */
export function trunkConfig(trunk: TrunkInput): IDataObject {
	const config: IDataObject = { termination_uri: terminationUri(trunk.terminationUri, TRUNK_FIELD('Termination URI')) };
	const username = text(trunk.username, TRUNK_FIELD('Username'));
	if (username) config.username = username;
	const password = secret(trunk.password, TRUNK_FIELD('Password'));
	if (password) config.password = password;
	return config;
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
