import type { Icon, IAuthenticateGeneric, ICredentialType, INodeProperties } from 'n8n-workflow';

/** https://, or http:// to this machine (test servers); no user name or password in the URL. */
export const SAFE_BASE_URL = '^\\s*(https://[^/@\\s]+|http://(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d+)?)(/[^@\\s]*)?\\s*$';

/**
 * One Diga account (API key, Base URL) and, optionally, the SIP trunk Diga places that account's
 * outbound calls through. The trunk lives here, not in a second credential, so that a node uses one
 * credential at a time (n8n's `single-credential-per-node` rule) and the trunk password still stays
 * out of workflows, their exports and their copies (CONTRIBUTING, "One credential").
 *
 * The Test is the nodes' `digaApiTest` (`testedBy`): a declarative test cannot say why a Base URL is
 * refused, nor check the trunk fields without sending them.
 */
export class DigaApi implements ICredentialType {
	name = 'digaApi';

	displayName = 'Diga API';

	icon: Icon = { light: 'file:../nodes/Diga/diga.svg', dark: 'file:../nodes/Diga/diga.dark.svg' };

	documentationUrl = 'https://github.com/diga-io/n8n-nodes-diga#credential';

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
		{
			displayName:
				'SIP trunk (optional): fill in only to import numbers with outbound calls or to update their trunk (Phone > Import, Phone > Update SIP Config). Diga places those calls through it.',
			name: 'sipTrunkNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'SIP Trunk Termination URI',
			name: 'sipTerminationUri',
			type: 'string',
			default: '',
			placeholder: 'e.g. mytrunk.pstn.twilio.com',
			description:
				'Host name or IP address of your SIP trunk, optionally with :port, where Diga sends outbound calls. A leading sip: is removed. Username and password go in their own fields, not in the URI.',
		},
		{
			displayName: 'SIP Trunk Username',
			name: 'sipUsername',
			type: 'string',
			default: '',
			description: 'SIP trunk username for digest authentication. Leave empty if your trunk admits Diga by IP address.',
		},
		{
			displayName: 'SIP Trunk Password',
			name: 'sipPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'SIP trunk password for digest authentication. Diga never returns it.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.apiKey}}' },
		},
	};
}
