import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import type { InputError } from './helpers/validation';
import { networkWording, readFailure, type Wording } from './transport/errors';
import { networkCode } from './transport/retry';
import { refusedBaseUrl, safeBaseUrl } from './transport/send';
import { hasTrunk, trunkConfig, trunkFromCredential } from './trunk';

const TIMEOUT_MS = 30_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NOT_DIGA = `The Base URL answered, but not like Diga's API (no page of phones): set Base URL to https://api.diga.io.`;

const error = (message: string): INodeCredentialTestResult => ({ status: 'Error', message });
const worded = ({ message, description }: Wording) => error(`${message}. ${description}`);

/** What Diga's answer to the key says, as the Test shows it; undefined when the key works. */
function keyProblem(statusCode: number, body: unknown): string | undefined {
	if (statusCode === 401) return 'Invalid API key: Diga did not accept it. Copy a current key from the Diga dashboard.';
	if (statusCode === 403) return 'The API key lacks phone permission: give it read or write access to Phones in the Diga dashboard.';
	if (REDIRECTS.has(statusCode)) return `The Base URL redirects elsewhere, and Diga's API never does: set Base URL to https://api.diga.io.`;
	if (statusCode < 200 || statusCode >= 300) return `Diga answered ${statusCode}: ${readFailure(statusCode, body).message}`;
	const page = body as { has_more?: unknown } | null;
	return typeof page === 'object' && page !== null && page.has_more !== undefined ? undefined : NOT_DIGA;
}

/**
 * The Test of the Diga API credential (every Diga node names it in `testedBy`). In order: the Base URL
 * must be safe before the key goes anywhere; the SIP trunk, when filled in, must be well formed (it is
 * checked here and sent nowhere: Diga reaches a trunk only when it places a call); then Diga must
 * accept the key, asked for one phone (GET /v1/phone/?limit=1) without following redirects.
 */
export async function digaApiTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = safeBaseUrl(data.baseUrl);
	if (!baseUrl) return worded(refusedBaseUrl(data.baseUrl));
	const trunk = trunkFromCredential(data);
	if (hasTrunk(trunk)) {
		try {
			trunkConfig(trunk);
		} catch (caught) {
			// The validators throw nothing but InputError.
			const { message, hint } = caught as InputError;
			return error(`${message}. ${hint}`);
		}
	}
	// n8n gives a credential test no helper but the legacy `request` (n8n-core's CredentialTestContext,
	// 2.41): `httpRequest`, which n8n's lint asks for instead, does not exist in this context.
	const { request } = this.helpers;
	let response: { statusCode: number; body: unknown };
	try {
		response = (await request({
			method: 'GET',
			uri: `${baseUrl}/v1/phone/`,
			qs: { limit: 1 },
			headers: { Authorization: `Bearer ${String(data.apiKey ?? '')}` },
			json: true,
			followRedirect: false,
			simple: false,
			resolveWithFullResponse: true,
			timeout: TIMEOUT_MS,
		})) as { statusCode: number; body: unknown };
	} catch (caught) {
		const code = networkCode(caught) ?? '';
		if (code === 'ETIMEDOUT') return error(`Diga did not answer within ${TIMEOUT_MS / 1000} s. Try again later.`);
		return worded(networkWording(code, false, TIMEOUT_MS, ''));
	}
	const problem = keyProblem(response.statusCode, response.body);
	if (problem) return error(problem);
	const trunkNote = hasTrunk(trunk) ? ' The SIP trunk fields are well formed; Diga reaches the trunk only when it places a call.' : '';
	return { status: 'OK', message: `Diga accepted the API key.${trunkNote}` };
}
