import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { simplify } from '../helpers/simplify';
import { e164, flag, uuid, wholeNumber } from '../helpers/validation';
import type { Send } from '../transport';

/** The value of a resource locator (or of a plain string set by an expression); undefined when absent. */
export function locatorValue(parameter: unknown): unknown {
	if (parameter === undefined || parameter === null) return undefined;
	if (typeof parameter === 'object' && '__rl' in parameter) return (parameter as INodeParameterResourceLocator).value;
	return parameter;
}

/** How to fix a wrong ID, per kind of ID: every message that asks for one says it the same way. */
const ID_HINTS = {
	phone: 'Pick the phone from the list, or give its ID (a UUID) from Get Many Phones.',
	agent: 'Pick the agent from the list, or give its ID (a UUID) from Get Many Agents.',
	call: 'Pick the call from the list, or give its ID (a UUID) from Get Many Calls.',
	version: 'Pick an agent version from the list, or give a version ID (a UUID) from Get Many Agents.',
};

export type IdKind = keyof typeof ID_HINTS;

/** The UUID a resource locator (or an expression) gives, checked and named after its field. */
export function idOf(value: unknown, kind: IdKind, label: string): string {
	return uuid(locatorValue(value), label, ID_HINTS[kind]);
}

/** The same for a locator that may be left empty, as filters and optional fields are: undefined then. */
export function optionalIdOf(value: unknown, kind: IdKind, label: string): string | undefined {
	const id = locatorValue(value);
	return id === undefined || id === '' ? undefined : idOf(id, kind, label);
}

const LOCATED = {
	phoneId: { kind: 'phone', label: 'Phone' },
	agentId: { kind: 'agent', label: 'Agent' },
	callId: { kind: 'call', label: 'Call' },
} as const;

/** The UUID a top-level resource locator points at. */
export function locatedId(ctx: IExecuteFunctions, name: keyof typeof LOCATED, itemIndex: number): string {
	const { kind, label } = LOCATED[name];
	return idOf(ctx.getNodeParameter(name, itemIndex), kind, label);
}

export function phoneIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return locatedId(ctx, 'phoneId', itemIndex);
}

/** A phone given as its ID or, in "By Number" mode, as its E.164 number (Diga's `from_number` takes both). */
export function phoneIdOrNumber(ctx: IExecuteFunctions, itemIndex: number, label: string): string {
	const locator = ctx.getNodeParameter('phoneId', itemIndex) as INodeParameterResourceLocator;
	if (locator?.mode === 'number') return e164(locator.value, label);
	return uuid(locatorValue(locator), label, 'Pick your number from the list, give its ID, or switch to By Number and give it in E.164 (e.g. +34912345678).');
}

/** Return All / Limit as one number: Infinity when Return All is on. */
export function limitOf(ctx: IExecuteFunctions, itemIndex: number): number {
	if (flag(ctx.getNodeParameter('returnAll', itemIndex), 'Return All')) return Infinity;
	return wholeNumber(ctx.getNodeParameter('limit', itemIndex), 'Limit', 1);
}

/** The Simplify switch of a Get or Get Many. */
export function simplifyOf(ctx: IExecuteFunctions, itemIndex: number): boolean {
	return flag(ctx.getNodeParameter('simplify', itemIndex), 'Simplify');
}

/** A Get Many: the list walked up to the limit, each record simplified when Simplify is on. */
export function listSend(ctx: IExecuteFunctions, itemIndex: number, path: string, qs: IDataObject, pageSize: number, simpleFields: readonly string[]): Send {
	const limit = limitOf(ctx, itemIndex);
	const simple = simplifyOf(ctx, itemIndex);
	return async (diga) => {
		const records = await diga.requestAll({ method: 'GET', path, qs }, pageSize, limit);
		return simple ? records.map((record) => simplify(record, simpleFields)) : records;
	};
}
