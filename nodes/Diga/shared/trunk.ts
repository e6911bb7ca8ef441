import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { terminationUri } from './helpers/addresses';
import { secret, text } from './helpers/validation';

/** The optional SIP trunk of the Diga API credential, under the names the node reads it by. */
export interface TrunkInput {
	terminationUri?: unknown;
	username?: unknown;
	password?: unknown;
}

/** How errors name the credential and its trunk fields, so the user knows where to fix them. */
export const TRUNK_CREDENTIAL_LABEL = 'Diga API credential';
const TRUNK_FIELD = (field: string) => `${TRUNK_CREDENTIAL_LABEL} > SIP Trunk ${field}`;

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

/** The trunk fields of a Diga API credential's data. */
export function trunkFromCredential(data: ICredentialDataDecryptedObject): TrunkInput {
	return { terminationUri: data.sipTerminationUri, username: data.sipUsername, password: data.sipPassword };
}

/** Whether the credential holds a trunk at all: any of its fields filled in. */
export function hasTrunk(trunk: TrunkInput): boolean {
	return isSet(trunk.terminationUri) || isSet(trunk.username) || isSet(trunk.password);
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
