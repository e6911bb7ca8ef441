export default async function globalTeardown(): Promise<void> {
	for (const child of globalThis.digaPrismChildren ?? []) child.kill();
}
