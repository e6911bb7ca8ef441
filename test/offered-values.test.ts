/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * Every value the nodes offer for a request field is one Diga's current contract accepts: read from
 * the nodes' own descriptions and checked against the contract's enums, so the next drift fails here.
 */
import { readFileSync } from 'node:fs';

import type { INodeProperties } from 'n8n-workflow';

import { Diga } from '../nodes/Diga/Diga.node';
import { DigaAgentToolTrigger } from '../nodes/Diga/DigaAgentToolTrigger.node';
import { DigaTrigger } from '../nodes/Diga/DigaTrigger.node';
import { KEEP } from '../nodes/Diga/actions/phone/sip';
import { contractFile } from './support/contracts';

type Schema = { $ref?: string; anyOf?: Schema[]; allOf?: Schema[]; enum?: unknown[]; properties?: Record<string, Schema>; items?: Schema };
interface OpenApi {
	paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; schema: Schema }>; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
	components: { schemas: Record<string, Schema> };
}

/** Choices that shape the request without being sent: which fields to send, and "leave as it is". */
const NOT_SENT: Record<string, string> = {
	'phone.import.outboundTrunk': 'chooses whether the trunk credential is sent',
	'phone.updateSipConfig.outboundTrunk': 'chooses whether the trunk credential is sent',
	'call.make.onTimeout': 'chooses what the node outputs when a call outlasts the wait',
	'digaTrigger.event': 'chooses which calls start the workflow',
	'digaAgentToolTrigger.assignTo': 'chooses whether the agent is changed',
	'digaAgentToolTrigger.responseMode': 'chooses how n8n answers the tool call',
};


/** Where each offered field lands in a request: a query parameter, or a property path in the JSON body ('[]': each item of an array). */
const WHERE: Record<string, { path: string; method: string; query?: string; body?: string[] }> = {
	'phone.getAll.filters.status': { path: '/v1/phone/', method: 'get', query: 'status' },
	'call.getAll.filters.status': { path: '/v1/call/', method: 'get', query: 'status' },
	'call.getAll.filters.type': { path: '/v1/call/', method: 'get', query: 'type' },
	'phone.import.outboundMediaEncryption': { path: '/v1/phone/import', method: 'post', body: ['outbound_config', 'media_encryption'] },
	'phone.import.inbound.mediaEncryption': { path: '/v1/phone/import', method: 'post', body: ['inbound_config', 'media_encryption'] },
	'phone.updateSipConfig.outboundMediaEncryption': { path: '/v1/phone/{phone_id}/sip-config', method: 'patch', body: ['outbound_config', 'media_encryption'] },
	'phone.updateSipConfig.inbound.mediaEncryption': { path: '/v1/phone/{phone_id}/sip-config', method: 'patch', body: ['inbound_config', 'media_encryption'] },
	'knowledgeItem.getAll.filters.category': { path: '/v1/knowledge/item/', method: 'get', query: 'category' },
	'knowledgeItem.getAll.filters.status': { path: '/v1/knowledge/item/', method: 'get', query: 'status' },
	'digaTrigger.filters.direction': { path: '/v1/call/', method: 'get', query: 'type' },
	'digaAgentToolTrigger.parameters.parameter.type': { path: '/v1/integration/{integration_id}/tool', method: 'post', body: ['body', '[]', 'data_type'] },
	...agentSettings('agent.create', 'additionalFields', 'post', '/v1/agent/'),
	'agent.create.language': { path: '/v1/agent/', method: 'post', body: ['language'] },
	...agentSettings('agent.updateDraft', 'updateFields', 'patch', '/v1/agent/{agent_id}'),
	'agent.updateDraft.updateFields.language': { path: '/v1/agent/{agent_id}', method: 'patch', body: ['language'] },
};

/** The agent settings Create and Update Draft share, each under its collection, with its field in Diga's body. */
function agentSettings(prefix: string, collection: string, method: string, path: string) {
	const fields = { backgroundAudio: 'background_audio', mode: 'mode', phoneMenuAction: 'phone_menu_action', phoneMenuNavigationMode: 'phone_menu_navigation_mode', voicemailAction: 'voicemail_action' };
	return Object.fromEntries(Object.entries(fields).map(([name, field]) => [`${prefix}.${collection}.${name}`, { path, method, body: [field] }]));
}

/**
 * Every options field of the three nodes outside Resource and Operation, keyed `resource.operation.path`
 * for the Diga node and `node.path` for the triggers, with its values.
 */
function offeredValues(): Map<string, unknown[]> {
	const found = new Map<string, unknown[]>();
	const walk = (properties: INodeProperties[], path: string[], prefixes: (show?: Record<string, unknown>) => string[], show?: Record<string, unknown>) => {
		for (const property of properties) {
			const shown = (property.displayOptions?.show as Record<string, unknown> | undefined) ?? show;
			if (property.type === 'options' && !['resource', 'operation'].includes(property.name)) {
				for (const prefix of prefixes(shown)) {
					found.set([prefix, ...path, property.name].join('.'), (property.options ?? []).map((option) => (option as { value: unknown }).value));
				}
			}
			if (property.type === 'collection') walk(property.options as INodeProperties[], [...path, property.name], prefixes, shown);
			if (property.type === 'fixedCollection') {
				for (const group of property.options as Array<{ name: string; values: INodeProperties[] }>) walk(group.values, [...path, property.name, group.name], prefixes, shown);
			}
		}
	};
	const resourceOperations = (show?: Record<string, unknown>) =>
		((show?.resource as string[] | undefined) ?? []).flatMap((resource) => ((show?.operation as string[] | undefined) ?? []).map((operation) => `${resource}.${operation}`));
	walk(new Diga().description.properties, [], resourceOperations);
	for (const { description } of [new DigaTrigger(), new DigaAgentToolTrigger()]) walk(description.properties, [], () => [description.name]);
	return found;
}

function resolve(contract: OpenApi, schema: Schema): Schema[] {
	if (schema.$ref) return resolve(contract, contract.components.schemas[schema.$ref.split('/').pop() ?? '']);
	const parts = [...(schema.anyOf ?? []), ...(schema.allOf ?? [])];
	return parts.length > 0 ? parts.flatMap((part) => resolve(contract, part)) : [schema];
}

function enumOf(contract: OpenApi, where: (typeof WHERE)[string]): unknown[] {
	const operation = contract.paths[where.path][where.method];
	let schemas = where.query
		? resolve(contract, operation.parameters?.find((parameter) => parameter.in === 'query' && parameter.name === where.query)?.schema ?? {})
		: resolve(contract, operation.requestBody?.content['application/json'].schema ?? {});
	for (const name of where.body ?? []) {
		schemas = schemas.flatMap((schema) => {
			const next = name === '[]' ? schema.items : schema.properties?.[name];
			return next ? resolve(contract, next) : [];
		});
	}
	return schemas.flatMap((schema) => schema.enum ?? []);
}

describe('values offered for request fields', () => {
	const contract = JSON.parse(readFileSync(contractFile('2026-07-22'), 'utf8')) as OpenApi;
	const offered = offeredValues();

	test('every options field of the nodes is mapped to its place in the request', () => {
		expect([...offered.keys()].sort()).toEqual([...Object.keys(WHERE), ...Object.keys(NOT_SENT)].sort());
	});

	test.each(Object.entries(WHERE))('%s offers only what the current contract accepts', (key, where) => {
		const accepted = enumOf(contract, where);
		expect(accepted.length).toBeGreaterThan(0);
		expect(offered.get(key)?.filter((value) => value !== KEEP && !accepted.includes(value))).toEqual([]);
	});
});
