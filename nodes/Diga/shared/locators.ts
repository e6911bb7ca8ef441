import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { ID_HINTS, withIdHint } from './helpers/errors';
import { e164, uuid, UUID_PATTERN } from './helpers/validation';

/** Every kind of record a picker points at: how it is listed, named, and where its ID comes from. */
const KINDS = {
	phone: {
		what: 'phone',
		search: 'searchPhones',
		...ID_HINTS.phone,
	},
	agent: {
		what: 'agent',
		search: 'searchAgents',
		...ID_HINTS.agent,
	},
	version: {
		what: 'agent version',
		search: 'searchAgentVersions',
		...ID_HINTS.version,
	},
	call: {
		what: 'call',
		search: 'searchCalls',
		...ID_HINTS.call,
	},
	agentVersion: { what: 'agent version', search: 'searchVersionsOfAgent', ...ID_HINTS.agentVersion },
	voice: { what: 'voice', search: 'searchVoices', ...ID_HINTS.voice },
	template: { what: 'agent template', search: 'searchTemplates', ...ID_HINTS.template },
	path: { what: 'conversational path', search: 'searchConversationalPaths', ...ID_HINTS.path },
	knowledgeBase: { what: 'knowledge base', search: 'searchKnowledgeBases', ...ID_HINTS.knowledgeBase },
	knowledgeItem: { what: 'knowledge item', search: 'searchKnowledgeItems', ...ID_HINTS.knowledgeItem },
} as const;

export type IdKind = keyof typeof KINDS;

const article = (what: string) => (/^[aeiou]/.test(what) ? `an ${what}` : `a ${what}`);

export interface LocatorField {
	name: string;
	displayName: string;
	/** What the field is for; the picker adds where its ID comes from, for a model filling it through $fromAI. */
	description: string;
	/** Left out: the field shows no required mark. */
	required?: boolean;
	/** Make Call's From Phone also takes the number itself, as Diga's `from_number` does. */
	byNumber?: boolean;
}

function listMode(what: string, method: string) {
	return {
		displayName: 'From List',
		name: 'list',
		type: 'list' as const,
		placeholder: `Select ${article(what)}...`,
		typeOptions: { searchListMethod: method, searchable: true },
	};
}

function idMode(what: string) {
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string' as const,
		placeholder: 'e.g. 3c90c3cc-0d44-4b50-8888-8dd25736052a',
		validation: [{ type: 'regex' as const, properties: { regex: UUID_PATTERN, errorMessage: `Not a valid ${what} ID (a UUID)` } }],
	};
}

const numberMode = { displayName: 'By Number', name: 'number', type: 'string' as const, placeholder: 'e.g. +34912345678' };

/** The one factory of pickers: From List (the default), By ID, and for a phone optionally By Number. */
export function locator(kind: IdKind, field: LocatorField): INodeProperties {
	const { what, search, source } = KINDS[kind];
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...(field.required === undefined ? {} : { required: field.required }),
		description: withIdHint(field.description, source),
		modes: [listMode(what, search), idMode(what), ...(field.byNumber ? [numberMode] : [])],
	};
}

/**
 * How an empty picker reads, the same for every picker: a `required` one is an error that says how
 * to fill it; an `optional` one (a filter, Get's Version) is left out; `ifAdded` (a field under
 * Additional or Update Fields) is left out until the user adds it, and then must be filled.
 */
export type WhenEmpty = 'required' | 'optional' | 'ifAdded';

/** The checked UUID a picker's plain value gives; undefined when it may be left out and is. */
export function idFrom(value: unknown, kind: IdKind, label: string, whenEmpty: WhenEmpty = 'required'): string | undefined {
	const absent = value === undefined || value === null;
	if (absent && whenEmpty === 'ifAdded') return undefined;
	if ((absent || (typeof value === 'string' && value.trim() === '')) && whenEmpty === 'optional') return undefined;
	return uuid(absent ? '' : value, label, KINDS[kind].hint);
}

/** The one reader of pickers: n8n unwraps the locator (`extractValue`), then the ID is checked. */
export function locatorId(ctx: IExecuteFunctions, path: string, itemIndex: number, kind: IdKind, label: string): string;
export function locatorId(ctx: IExecuteFunctions, path: string, itemIndex: number, kind: IdKind, label: string, whenEmpty: WhenEmpty): string | undefined;
export function locatorId(ctx: IExecuteFunctions, path: string, itemIndex: number, kind: IdKind, label: string, whenEmpty: WhenEmpty = 'required') {
	return idFrom(ctx.getNodeParameter(path, itemIndex, null, { extractValue: true }), kind, label, whenEmpty);
}

/** A phone given as its ID or, in "By Number" mode, as its E.164 number (Diga's `from_number` takes both). */
export function phoneIdOrNumber(ctx: IExecuteFunctions, itemIndex: number, label: string): string {
	const value = ctx.getNodeParameter('phoneId', itemIndex, null, { extractValue: true });
	if ((ctx.getNodeParameter('phoneId', itemIndex) as INodeParameterResourceLocator)?.mode === 'number') return e164(value, label);
	return uuid(value, label, 'Pick your number from the list, give its ID, or switch to By Number and give it in E.164 (e.g. +34912345678).');
}

/** A collection (Filters, Update Fields...) with the pickers in it unwrapped by n8n; one not added stays out. */
export function collectionWithIds(ctx: IExecuteFunctions, collection: string, itemIndex: number, pickers: string[]): IDataObject {
	const values = { ...(ctx.getNodeParameter(collection, itemIndex, {}) as IDataObject) };
	for (const name of pickers) {
		if (name in values) values[name] = ctx.getNodeParameter(`${collection}.${name}`, itemIndex, null, { extractValue: true }) as IDataObject[string];
	}
	return values;
}

/** The call picker of Get and Get Transcript. */
export const callLocator = locator('call', {
	name: 'callId',
	displayName: 'Call',
	description: 'The call to read. Choose one of the latest calls, or give its ID.',
	required: true,
});
