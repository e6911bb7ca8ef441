import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The SIP trunk Diga places outbound calls through, sent to Diga by Import and Update SIP Config. A
 * credential, so the trunk password stays out of workflows, their exports and their copies. It has no
 * API of its own to call: the Diga node checks its fields (`testedBy`). The `Api` suffixes are the
 * naming n8n's community lint rules require of every credential.
 */
export class DigaSipTrunkApi implements ICredentialType {
	name = 'digaSipTrunkApi';

	displayName = 'Diga SIP Trunk API';

	icon: Icon = { light: 'file:../nodes/Diga/diga.svg', dark: 'file:../nodes/Diga/diga.dark.svg' };

	documentationUrl = 'https://github.com/diga-io/n8n-nodes-diga#your-sip-trunk';

	properties: INodeProperties[] = [
		{
			displayName: 'Termination URI',
			name: 'terminationUri',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. mytrunk.pstn.twilio.com',
			description:
				'Host name or IP address of your SIP trunk, optionally with :port, where Diga sends outbound calls. A leading sip: is removed. Username and password go in their own fields, not in the URI.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			description: 'SIP trunk username for digest authentication. Leave empty if your trunk admits Diga by IP address.',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'SIP trunk password for digest authentication. Diga never returns it.',
		},
	];
}
