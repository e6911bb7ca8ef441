import { locator } from '../../shared/locators';

/** The agent whose versions an operation acts on; the version pickers list its versions only. */
export const agentField = (description: string) => locator('agent', { name: 'agentId', displayName: 'Agent', description, required: true });

export const versionField = (description: string) => locator('agentVersion', { name: 'versionId', displayName: 'Version', description, required: true });
