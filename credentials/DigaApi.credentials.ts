import type { IAuthenticateGeneric, Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

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
			description: 'A key from the Diga dashboard (Settings > API Keys). Give it access to Phones, and to Agents for the agent pickers.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.diga.io',
			description: 'Change only to reach a Diga sandbox or a test server',
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
			baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
			url: '/v1/phone/',
			qs: { limit: 1 },
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: 'Invalid API key: Diga did not accept it. Copy a current key from the Diga dashboard.' } },
			{ type: 'responseCode', properties: { value: 403, message: 'The API key lacks phone permission: give it read or write access to Phones in the Diga dashboard.' } },
		],
	};
}
