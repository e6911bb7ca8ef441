/**
 * The wording of a run's own failures: bad input, the router's item messages, the stop report and
 * the ID hints, built from plain values. What a request to Diga says when it fails is worded in
 * transport/errors.ts; neither imports anything of the node.
 */
export class InputError extends Error {
	constructor(
		readonly parameter: string,
		readonly problem: string,
		readonly hint: string,
	) {
		super(`${parameter}: ${problem}`);
		this.name = 'InputError';
	}
}

/** An AI agent's model reads only the message: as a tool, it carries the fix and no item number. */
export function inputMessage(error: InputError, itemIndex: number, asTool: boolean): string {
	return asTool ? `${error.parameter}: ${error.problem}. ${error.hint}` : `${error.parameter} (item ${itemIndex}): ${error.problem}`;
}

export const unsupportedOperation = (resource: string, operation: string) => `The operation "${operation}" of resource "${resource}" is not supported`;

/** For an item left unsent because Diga refused the API key for an earlier item of the run. */
export const notSentNote = (description: string | undefined) =>
	`${description ?? ''} Not sent: Diga had already refused this API key for an earlier item.`.trim();

/** Where each kind of ID comes from: for a model filling a picker, and for the fix of a bad ID. */
export const ID_HINTS = {
	phone: { source: 'the id that Phone > Get Many returns', hint: 'Pick the phone from the list, or give its ID (a UUID) from Get Many Phones.' },
	agent: { source: 'the agent_id that Agent > Get Many returns', hint: 'Pick the agent from the list, or give its ID (a UUID) from Get Many Agents.' },
	version: {
		source: 'a version_id that Agent > Get Many returns',
		hint: 'Pick an agent version from the list, or give a version ID (a UUID) from Get Many Agents.',
	},
	call: { source: 'the id that Call > Get Many returns', hint: 'Pick the call from the list, or give its ID (a UUID) from Get Many Calls.' },
	agentVersion: {
		source: "a version_id that Agent Version > Get Many returns for this agent",
		hint: 'Pick a version of the chosen agent from the list, or give its version ID (a UUID) from Get Many Agent Versions.',
	},
	voice: { source: 'the id that Voice > Get Many returns', hint: 'Pick a voice from the list, or give its ID (a UUID) from Get Many Voices.' },
	template: { source: "the id of one of Diga's agent templates", hint: 'Pick a template from the list, or give its ID (a UUID).' },
	path: { source: 'the id of a conversational path of your Diga project', hint: 'Pick a conversational path from the list, or give its ID (a UUID).' },
	knowledgeBase: { source: 'the id that Knowledge Base > Get Many returns', hint: 'Pick a knowledge base from the list, or give its ID (a UUID) from Get Many Knowledge Bases.' },
	knowledgeItem: { source: 'the id that Knowledge Item > Get Many returns', hint: 'Pick a knowledge item from the list, or give its ID (a UUID) from Get Many Knowledge Items.' },
} as const;

/** A picker's description with where its ID comes from, for a model filling it through $fromAI. */
export function withIdHint(description: string, source: string): string {
	return `${description.replace(/\.?$/, '.')} Its ID is a UUID: ${source}.`;
}

/** `item 4`, `items 1, 3-5, 9`: item indexes, as ranges. */
function itemList(indexes: number[]): string {
	const ranges: string[] = [];
	for (let start = 0; start < indexes.length; ) {
		let end = start;
		while (end + 1 < indexes.length && indexes[end + 1] === indexes[end] + 1) end++;
		ranges.push(end > start ? `${indexes[start]}-${indexes[end]}` : `${indexes[start]}`);
		start = end + 1;
	}
	return `${indexes.length > 1 ? 'items' : 'item'} ${ranges.join(', ')}`;
}

/**
 * What a stopped run had already done in Diga (each item with the IDs it created or changed), and
 * what it never sent, so a rerun after the fix can leave out the items that went through.
 */
export function stopReport(
	resource: string,
	outcomes: Array<'done' | 'failed' | undefined>,
	doneIds: unknown[][],
	failedAt: number,
	/** The ID of what a failed item had already created (a call placed, then a failed wait), by item. */
	createdBeforeFailing: Array<string | undefined> = [],
): string {
	// `knowledgeItem` reads as "knowledge item".
	const what = resource.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
	const done = outcomes.flatMap((outcome, itemIndex) => {
		const created = createdBeforeFailing[itemIndex];
		if (outcome === 'failed' && created) return [`item ${itemIndex} (${what} ${created}, which then failed)`];
		if (outcome !== 'done') return [];
		const ids = doneIds[itemIndex].filter((id) => id !== undefined && id !== null);
		return [ids.length > 0 ? `item ${itemIndex} (${what} ${ids.join(', ')})` : `item ${itemIndex}`];
	});
	const indexes = outcomes.map((_, itemIndex) => itemIndex);
	const otherFailures = indexes.filter(
		(itemIndex) => outcomes[itemIndex] === 'failed' && itemIndex !== failedAt && !createdBeforeFailing[itemIndex],
	);
	const notRun = indexes.filter((itemIndex) => outcomes[itemIndex] === undefined);
	return [
		done.length > 0 ? `Already done before the stop: ${done.join(', ')}.` : 'Nothing was done in Diga before the stop.',
		otherFailures.length > 0 ? `Also failed: ${itemList(otherFailures)}.` : '',
		notRun.length > 0 ? `Not sent: ${itemList(notRun)}.` : '',
		'Leave out the items already done before you run the node again, or set On Error to "Continue (using error output)" so every item reports its own outcome.',
	]
		.filter(Boolean)
		.join(' ');
}
