import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** https://, or http:// to this machine (test servers); no user name or password in the URL. */
export const SAFE_BASE_URL = '^\\s*(https://[^/@\\s]+|http://(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d+)?)(/[^@\\s]*)?\\s*$';

/** A reserved host name that never resolves (RFC 2606): where an unsafe Base URL's test goes. */
export const UNSAFE_BASE_URL = 'https://base-url-must-start-with-https.invalid';

export class DigaApi implements ICredentialType {
	name = 'digaApi';

	displayName = 'Diga API';

	icon: Icon = { light: 'file:../nodes/Diga/diga.svg', dark: 'file:../nodes/Diga/diga.dark.svg' };

	documentationUrl = 'https://github.com/diga-io/n8n-nodes-diga#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'e.g. sk-...',
			description: 'A key from the Diga dashboard (Settings > Project > API Keys; only admins can create one). Give it access to Phones, Agents and Calls as the operations you use need.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.diga.io',
			description: 'Change only to reach a Diga sandbox or a test server. Must start with https:// (http:// only for localhost).',
		},
		{
			displayName:
				'The Base URL must start with https://, because the API key travels with every request. Plain http:// is accepted only for test servers on this machine (localhost, 127.x.x.x, [::1]). The node refuses any other Base URL without sending anything.',
			name: 'baseUrlNotice',
			type: 'notice',
			default: '',
			displayOptions: { hide: { baseUrl: [{ _cnd: { regex: SAFE_BASE_URL } }] } },
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.apiKey}}' },
		},
	};

	test: ICredentialTestRequest = {
		request: {
			// An unsafe Base URL is swapped for a host that never resolves, so the key goes nowhere.
			baseURL: `={{ new RegExp(${JSON.stringify(SAFE_BASE_URL)}, "i").test($credentials.baseUrl) ? $credentials.baseUrl.replace(/\\/+$/, "") : "${UNSAFE_BASE_URL}" }}`,
			url: '/v1/phone/',
			qs: { limit: 1 },
			disableFollowRedirect: true,
		},
		// n8n's tester reads every rule by its own type; its TypeScript type lists only one kind per array.
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'Invalid API key: Diga did not accept it. Copy a current key from the Diga dashboard.' } },
			{ type: 'responseCode', properties: { value: 403, message: 'The API key lacks phone permission: give it read or write access to Phones in the Diga dashboard.' } },
			...[301, 302, 303, 307, 308].map((value) => ({
				type: 'responseCode',
				properties: { value, message: `The Base URL redirects elsewhere, and Diga's API never does: set Base URL to https://api.diga.io.` },
			})),
			{
				type: 'responseSuccessBody',
				properties: { key: 'has_more', value: undefined, message: `The Base URL answered, but not like Diga's API (no page of phones): set Base URL to https://api.diga.io.` },
			},
		] as Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody> as IAuthenticateRuleResponseCode[],
	};
}
