import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { idFrom } from './shared/locators';
import { flag, InputError } from './shared/helpers/validation';
import { digaApiTest } from './shared/credentialTest';
import { searchAgents, searchPhones } from './shared/methods/listSearch';
import { settingsFrom } from './shared/transport';
import type { TriggerEvent } from './trigger/call';
import { properties } from './trigger/description';
import { callItems, type ItemOptions } from './trigger/events';
import { onePollAtATime } from './trigger/guard';
import { latestCall, pollCalls } from './trigger/poll';
import { callSource, type CallSource } from './trigger/source';
import { LIMITS } from './trigger/state';

/** The query every list request carries: the trigger's filters, checked before the first request. */
function filterQuery(ctx: IPollFunctions): IDataObject {
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	// n8n unwraps a picker (`extractValue`) as it does for the Diga node's filters.
	const picked = (name: string) => (name in filters ? ctx.getNodeParameter(`filters.${name}`, null, { extractValue: true }) : undefined);
	const qs: IDataObject = {};
	const agent = idFrom(picked('agentId'), 'agent', 'Agent', 'optional');
	if (agent) qs.agent_id = agent;
	const phone = idFrom(picked('phoneId'), 'phone', 'Phone', 'optional');
	if (phone) qs.phone_id = phone;
	if (filters.direction) qs.type = filters.direction;
	return qs;
}

async function poll(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = ctx.getNodeParameter('event') as TriggerEvent;
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	let filters: IDataObject;
	let itemOptions: ItemOptions;
	try {
		filters = filterQuery(ctx);
		itemOptions = {
			simplify: flag(ctx.getNodeParameter('simplify', true), 'Simplify'),
			includeTranscript: flag(options.includeTranscript, 'Include Transcript'),
			includeRecordingUrl: flag(options.includeRecordingUrl, 'Include Recording URL'),
		};
	} catch (error) {
		if (error instanceof InputError) throw new NodeOperationError(ctx.getNode(), `${error.parameter}: ${error.problem}`, { description: error.hint });
		throw new NodeOperationError(ctx.getNode(), error as Error);
	}
	// One request at a time: a poll's requests follow one another (pages, re-reads, transcripts).
	const source = callSource(ctx, filters, { ...settingsFrom(options), concurrency: 1 }, LIMITS.pageSize);

	if (ctx.getMode() === 'manual') {
		const call = await latestCall(source, event);
		if (!call) {
			throw new NodeOperationError(ctx.getNode(), 'No call matches this trigger yet, so there is no test event to show', {
				description: `Make or receive a call${event === 'callEnded' ? ' and let it end' : ''}, or loosen the Filters, then fetch the test event again.`,
			});
		}
		return [ctx.helpers.returnJsonArray((await callItems([call], itemOptions, source)).items)];
	}

	const staticData = ctx.getWorkflowStaticData('node');
	const name = ctx.getNode().name;
	const waiting = () => ctx.logger.warn(`Diga Trigger "${name}": the previous poll is still running; this poll waits for it and emits nothing`);
	return await onePollAtATime(staticData, async () => await scheduledPoll(ctx, staticData, source, event, filters, itemOptions), waiting);
}

async function scheduledPoll(
	ctx: IPollFunctions,
	staticData: IDataObject,
	source: CallSource,
	event: TriggerEvent,
	filters: IDataObject,
	itemOptions: ItemOptions,
): Promise<INodeExecutionData[][] | null> {
	const name = ctx.getNode().name;
	const costly = itemOptions.includeTranscript || itemOptions.includeRecordingUrl;
	const plan = await pollCalls(source, staticData.calls, event, JSON.stringify({ event, filters }), costly ? LIMITS.maxCostlyEvents : Infinity);
	// Items are complete (transcripts, recordings) before the state moves on: a request that got no
	// answer fails the poll and leaves the state as it was, and the next poll finds the same calls again.
	const { items, failures } = await callItems(plan.outcome.calls, itemOptions, source, Date.now() + LIMITS.itemBudgetMs);
	const deferred = plan.outcome.calls.length - items.length;
	const outcome = deferred > 0 ? plan.firstEvents(items.length) : plan.outcome;
	if (deferred > 0) {
		ctx.logger.warn(`Diga Trigger "${name}" emitted ${items.length} of ${plan.outcome.calls.length} calls within its time for transcripts and recordings; the next poll emits the others`);
	}
	for (const failure of failures) {
		ctx.logger.warn(`Diga Trigger "${name}": call ${failure.callId} emitted with ${failure.field} null: ${failure.message}`);
	}
	if (outcome.dropped.length > 0) {
		ctx.logger.warn(
			`Diga Trigger "${name}" stopped watching ${outcome.dropped.length} open call(s): more than ${LIMITS.maxOpen} open at once, or open for over 24 hours; their end will not start the workflow`,
			{ callIds: outcome.dropped.slice(0, 20) },
		);
	}
	staticData.calls = outcome.state as unknown as IDataObject;
	return items.length > 0 ? [ctx.helpers.returnJsonArray(items)] : null;
}

export class DigaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Diga Trigger',
		name: 'digaTrigger',
		icon: { light: 'file:diga.svg', dark: 'file:diga.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] === "newCall" ? "New Call" : "Call Ended" }}',
		description: 'Starts the workflow when a call of your Diga project ends or is created',
		defaults: { name: 'Diga Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'digaApi', required: true, testedBy: 'digaApiTest' }],
		properties,
	};

	methods = { listSearch: { searchAgents, searchPhones }, credentialTest: { digaApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await poll(this);
	}
}
