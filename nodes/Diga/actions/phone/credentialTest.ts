import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { trunkConfig, type TrunkInput } from './sip';
import type { InputError } from '../../shared/helpers/validation';

/**
 * The Test of the Diga SIP Trunk API credential. A SIP trunk has no HTTP API to ask, and Diga's API
 * has no endpoint that checks a trunk, so this checks what the node checks before sending it to Diga:
 * the fields' shapes. Whether the trunk accepts the calls shows on the first call.
 */
export async function digaSipTrunkApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	try {
		trunkConfig((credential.data ?? {}) as TrunkInput);
	} catch (error) {
		// The validators throw nothing but InputError.
		const { message, hint } = error as InputError;
		return { status: 'Error', message: `${message}. ${hint}` };
	}
	return { status: 'OK', message: 'The fields are well formed. Diga reaches the trunk only when it places a call.' };
}
