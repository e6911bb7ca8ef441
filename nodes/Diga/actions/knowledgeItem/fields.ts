import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { locator, locatorId } from '../../shared/locators';
import { apiError, type DigaContext } from '../../shared/transport';

/** The Knowledge Base field of Add From URL(s) and Add From Text. */
export const knowledgeBaseOption = locator('knowledgeBase', {
	name: 'knowledgeBaseId',
	displayName: 'Knowledge Base',
	description: 'The knowledge base to put the new items into; agents that use the base find them once Diga has indexed them',
});

/** The base ID of an item's Additional Fields, left out unless the user added the field. */
export function knowledgeBaseOf(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const added = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (!('knowledgeBaseId' in added)) return undefined;
	return locatorId(ctx, 'additionalFields.knowledgeBaseId', itemIndex, 'knowledgeBase', 'Knowledge Base', 'ifAdded');
}

/**
 * Diga's answer to an upload (`successful_items`, `failed_items`): the items it created, or an error
 * that names what failed and what was created before, so a rerun does not add them twice.
 */
export function uploaded(ctx: DigaContext, answer: IDataObject): IDataObject[] {
	const created = (Array.isArray(answer.successful_items) ? answer.successful_items : []) as IDataObject[];
	const failed = (Array.isArray(answer.failed_items) ? answer.failed_items : []) as IDataObject[];
	if (failed.length === 0) return created;
	const reasons = failed.map((item) => `${String(item.name)}: ${String(item.error)}`).join('; ');
	const ids = created.map((item) => String(item.id));
	const error = apiError(ctx, {
		message: `Diga could not add ${failed.length} of ${failed.length + created.length}: ${reasons}`,
		description: ids.length > 0 ? `Added and kept in Diga: knowledge items ${ids.join(', ')}. Leave those out when you run this item again.` : 'Nothing was added.',
	});
	if (ids.length > 0) error.context.placedId = ids.join(', ');
	throw error;
}
