import type { IDataObject } from 'n8n-workflow';

import { locator } from './locators';

/** What the Diga node's Call resource and the two triggers share about calls. */

/**
 * Statuses that end a call: `completed` in Diga's current contract, where the outcome moved to
 * `end_reason`, and the outcomes the April 2026 contract gave as statuses. Any other value, known or
 * new, means the call is still open.
 */
const ENDED = new Set(['completed', 'failed', 'transferred', 'no_answer']);

export const isEnded = (call: IDataObject): boolean => ENDED.has(String(call.status));

/** Diga's call types (the `type` filter of GET /v1/call/), offered by Get Many Calls and the Diga Trigger. */
export const CALL_DIRECTIONS = [
	{ name: 'Inbound', value: 'inbound' },
	{ name: 'Outbound', value: 'outbound' },
];

/** The agent and phone filters of GET /v1/call/, offered by Get Many Calls and the Diga Trigger. */
export const CALL_FILTERS = {
	agent: locator('agent', { name: 'agentId', displayName: 'Agent', description: 'Only calls handled by this agent', required: false }),
	phone: locator('phone', { name: 'phoneId', displayName: 'Phone', description: 'Only calls to or from this number', required: false }),
};
