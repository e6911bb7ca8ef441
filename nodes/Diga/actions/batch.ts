import type { INodeExecutionData } from 'n8n-workflow';

/**
 * Runs `task` for every index, in order, with at most `limit` in flight, until a task returns false;
 * nothing starts after that. An index starts only when it is less than `window` places ahead of the
 * lowest unfinished one, so what runs past a failing index is bounded.
 */
export async function forEachConcurrently(count: number, limit: number, window: number, task: (index: number) => Promise<boolean>) {
	let next = 0;
	let lowestUnfinished = 0;
	let stopped = false;
	const finished: boolean[] = new Array(count).fill(false);
	let waiting: Array<() => void> = [];
	const worker = async () => {
		while (!stopped && next < count) {
			const index = next++;
			while (!stopped && index - lowestUnfinished >= window) await new Promise<void>((resolve) => waiting.push(resolve));
			if (stopped) return;
			if (!(await task(index))) stopped = true;
			finished[index] = true;
			while (finished[lowestUnfinished]) lowestUnfinished++;
			const wake = waiting;
			waiting = [];
			wake.forEach((resolve) => resolve());
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
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
 * What a stopped run had already done in Diga, and what it never sent, so a rerun after the fix can
 * leave out the items that went through instead of placing those calls or imports again.
 */
export function stopReport(
	resource: string,
	outcomes: Array<'done' | 'failed' | undefined>,
	results: INodeExecutionData[][],
	failedAt: number,
	/** The ID of what a failed item had already created (a call placed, then a failed wait), by item. */
	createdBeforeFailing: Array<string | undefined> = [],
): string {
	const done = outcomes.flatMap((outcome, itemIndex) => {
		const created = createdBeforeFailing[itemIndex];
		if (outcome === 'failed' && created) return [`item ${itemIndex} (${resource} ${created}, which then failed)`];
		if (outcome !== 'done') return [];
		const ids = results[itemIndex].map((item) => item.json.id).filter((id) => id !== undefined && id !== null);
		return [ids.length > 0 ? `item ${itemIndex} (${resource} ${ids.join(', ')})` : `item ${itemIndex}`];
	});
	const indexes = outcomes.map((_, itemIndex) => itemIndex);
	const otherFailures = indexes.filter((itemIndex) => outcomes[itemIndex] === 'failed' && itemIndex !== failedAt && !createdBeforeFailing[itemIndex]);
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
