import type { IDataObject } from 'n8n-workflow';

import { allowedAddresses, InputError, mediaEncryption, secret, terminationUri, text } from './validation';

/** The outbound settings as the node's fields hold them. */
export interface OutboundInput {
	terminationUri?: unknown;
	username?: unknown;
	password?: unknown;
	mediaEncryption?: unknown;
}

/** The inbound settings as the node's fields hold them. */
export interface InboundInput {
	mediaEncryption?: unknown;
	allowedAddresses?: unknown;
}

function isSet(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/**
 * Diga's `outbound_config`. A full config (Import) needs a termination URI as soon as anything else
 * is set; a partial one (Update SIP Config) carries only the fields given.
 */
export function outboundConfig(input: OutboundInput, partial = false): IDataObject | undefined {
	const config: IDataObject = {};
	if (isSet(input.terminationUri)) config.termination_uri = terminationUri(input.terminationUri);
	const username = text(input.username, 'Username');
	if (username) config.username = username;
	const password = secret(input.password, 'Password');
	if (password) config.password = password;
	if (isSet(input.mediaEncryption)) config.media_encryption = mediaEncryption(input.mediaEncryption, 'Outbound Media Encryption');
	if (Object.keys(config).length === 0) return undefined;
	if (!partial && config.termination_uri === undefined) {
		throw new InputError(
			'Termination URI',
			'is empty, but other outbound settings are set',
			'Enter the host of your SIP trunk (e.g. mytrunk.pstn.twilio.com), or remove the outbound settings to import the number for inbound calls only.',
		);
	}
	return config;
}

/** The spec-era `sip_config`: the outbound settings without media encryption. */
export function legacySipConfig(outbound: IDataObject): IDataObject {
	const { media_encryption: _ignored, ...sipConfig } = outbound;
	return sipConfig;
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
