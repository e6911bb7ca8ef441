import type { IExecuteFunctions, INodeParameterResourceLocator } from 'n8n-workflow';

import { uuid } from '../helpers/validation';

/** The value of a resource locator (or of a plain string set by an expression); undefined when absent. */
export function locatorValue(parameter: unknown): unknown {
	if (parameter === undefined || parameter === null) return undefined;
	if (typeof parameter === 'object' && '__rl' in parameter) return (parameter as INodeParameterResourceLocator).value;
	return parameter;
}

export function phoneIdOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return uuid(
		locatorValue(ctx.getNodeParameter('phoneId', itemIndex)),
		'Phone',
		'Pick the phone from the list, or give its ID (a UUID) from Get Many Phones.',
	);
}
