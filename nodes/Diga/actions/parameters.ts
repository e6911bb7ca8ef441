import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplify, simplifyOf } from '../shared/simplify';
import { flag, wholeNumber } from '../shared/helpers/validation';
import type { Send } from '../shared/transport';

/** Return All / Limit as one number: Infinity when Return All is on. */
export function limitOf(ctx: IExecuteFunctions, itemIndex: number): number {
	if (flag(ctx.getNodeParameter('returnAll', itemIndex), 'Return All')) return Infinity;
	return wholeNumber(ctx.getNodeParameter('limit', itemIndex), 'Limit', 1);
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
