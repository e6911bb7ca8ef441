/*
 * One poll at a time per trigger. n8n 2.41 starts a poll on every tick of the schedule without waiting
 * for the previous one, and both polls share the workflow's static data (the same object in memory).
 * A poll that starts while another is running waits for it and then emits nothing; the next poll
 * goes on from the state the running one stored. It waits rather than returning at once because n8n
 * gives a scheduled poll the workflow's expression isolate and releases it when that poll returns,
 * even when it was the running poll's: returning early would leave the running poll unable to
 * render its credential ("No bridge acquired for this context"). After waiting it sends nothing.
 */

const running = new WeakMap<object, Promise<unknown>>();

/** Runs `poll` unless a poll for the same static data is running; then waits for that one and returns null. */
export async function onePollAtATime<T>(staticData: object, poll: () => Promise<T>, onWait: () => void): Promise<T | null> {
	const current = running.get(staticData);
	if (current) {
		onWait();
		await current.catch(() => undefined);
		return null;
	}
	const run = poll();
	running.set(staticData, run);
	try {
		return await run;
	} finally {
		running.delete(staticData);
	}
}
