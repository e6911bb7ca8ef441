import type { IDataObject, IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { simplify } from '../helpers/simplify';
import { e164, uuid } from '../helpers/validation';
import type { Send } from '../transport';

/** The value of a resource locator (or of a plain string set by an expression); undefined when absent. */
export function locatorValue(parameter: unknown): unknown {
	if (parameter === undefined || parameter === null) return undefined;
	if (typeof parameter === 'object' && '__rl' in parameter) return (parameter as INodeParameterResourceLocator).value;
	return parameter;
}

const LOCATED = {
	phoneId: { label: 'Phone', hint: 'Pick the phone from the list, or give its ID (a UUID) from Get Many Phones.' },
	agentId: { label: 'Agent', hint: 'Pick the agent from the list, or give its ID (a UUID) from Get Many Agents.' },
	callId: { label: 'Call', hint: 'Pick the call from the list, or give its ID (a UUID) from Get Many Calls.' },
};

/** The UUID a top-level resource locator points at. */
export function locatedId(ctx: IExecuteFunctions, name: keyof typeof LOCATED, itemIndex: number): string {
	const { label, hint } = LOCATED[name];
	return uuid(locatorValue(ctx.getNodeParameter(name, itemIndex)), label, hint);
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
	return ctx.getNodeParameter('returnAll', itemIndex) ? Infinity : (ctx.getNodeParameter('limit', itemIndex) as number);
}

/** A Get Many: the list walked up to the limit, each record simplified when Simplify is on. */
export function listSend(ctx: IExecuteFunctions, itemIndex: number, path: string, qs: IDataObject, pageSize: number, simpleFields: readonly string[]): Send {
	const limit = limitOf(ctx, itemIndex);
	const simple = ctx.getNodeParameter('simplify', itemIndex) as boolean;
	return async (diga) => {
		const records = await diga.requestAll({ method: 'GET', path, qs }, pageSize, limit);
		return simple ? records.map((record) => simplify(record, simpleFields)) : records;
	};
}
