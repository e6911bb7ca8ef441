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
