/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console -- test code that drives real n8n and Chromium from Node under Jest, not code that n8n loads */
/**
 * `npm run test:editor`: the Diga node in n8n's editor, in a real browser, the way a person meets it.
 *
 * Starts n8n (fresh user folder, the packed package installed in it) and a fake Diga with a believable
 * project behind it (test/support/realistic-diga.ts: Spanish numbers with nicknames, agents with published
 * and draft versions), so the screenshots show what a user will see. Every request the fake answers is
 * also sent to Prism serving Diga's newest contract, which checks it. Creates the owner through n8n's REST
 * API, then drives Debian's Chromium with playwright-core: sign in, search "Diga" in the node panel, add
 * Import Phone, create a Diga API credential with its SIP trunk (shown with its default Base URL; its Test
 * run with an http:// Base URL, then pointed at the fake), send outbound calls through that trunk, add
 * Update Phone and open its pickers; import the import-and-assign example through the REST API and run it
 * from the canvas; run Get Many Phones; run Update SIP Config from the credential's trunk; fetch the Diga
 * Trigger's test event; open the Diga Agent Tool Trigger and its agent picker. Asserts what a person would
 * check, and saves light-theme screenshots to docs/images/ (node-search, node-actions, credential,
 * import-phone, agent-picker, update-phone, example-workflow, get-many-phones, update-sip-config,
 * ai-agent, diga-trigger, agent-tool-trigger). Each step builds on the one before: after a failure the rest fail at once.
 *
 * Needs Chromium: `apt-get install -y chromium` (Debian) or CHROMIUM_PATH=/path/to/chrome.
 * Environment: E2E_NO_BUILD=1 (use dist/ as is), E2E_KEEP=1 (keep the n8n user folder),
 * E2E_NO_SCREENSHOTS=1.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { chromium, selectors, type Browser, type Page } from 'playwright-core';

import { servedContracts } from '../support/contracts';
import { OTHER_VERSION_ID as OUTBOUND_VERSION_ID, TEST_API_KEY } from '../support/diga';
import { ensureN8n, installPackage, N8N_VERSION, REPO_DIR, tempUserFolder } from '../support/n8n';
import { OWNER, startN8n, type N8nServer } from '../support/n8n-server';
import { startPrism } from '../support/prism';
import { AGENTS, CALLS, PHONES, startRealisticDiga, type RealisticDiga } from '../support/realistic-diga';
import { checkedByPrism, CHROMIUM_ARGS, findChromium, type Checked } from './browser';

/** The few browser globals the page scripts below use (this project compiles without the DOM library). */
declare const document: { activeElement: { blur?: () => void } | null; body: { innerText: string } };
declare const window: { getSelection(): { removeAllRanges(): void } | null };
declare const localStorage: { setItem(key: string, value: string): void };

const BUILD = !process.env.E2E_NO_BUILD;
const SCREENSHOTS = !process.env.E2E_NO_SCREENSHOTS;
const IMAGES_DIR = path.join(REPO_DIR, 'docs', 'images');
/** A SIP trunk for the screenshots; the password must never show. */
const TRUNK = { terminationUri: 'madrid.pstn.example.net', username: 'diga-madrid', password: `trunk-${'5ec2e7'.repeat(4)}` };
const EXAMPLE = path.join(REPO_DIR, 'examples', 'import-numbers-and-assign-agents.json');
const IMPORT_ACTION = 'Import a phone number over your SIP trunk to take real calls';
const AGENT_EXAMPLE = path.join(REPO_DIR, 'examples', 'ai-agent-phone-assistant.json');
/** What the pickers list for the fake's records, in Diga's order. */
const PHONE_ENTRIES = [
	'+34911234567 · Madrid front desk',
	'+34931234567 · Barcelona sales',
	'+34955123456 · Sevilla support',
	'+34963456789 · Valencia bookings',
	'+34600123456 · Old marketing line',
];
const VERSION_ENTRIES = [
	'Reception · v3 · published',
	'Reception · v4 · Summer hours · draft',
	'Sales follow-up · v2 · published',
	'Sales follow-up · v1 · Shorter greeting · unpublished',
	'Appointment reminders · v1 · published',
];


const contract = [...servedContracts()].reverse().find((each) => !each.missing);
const folder = tempUserFolder('editor');
const cleanups: Array<() => Promise<unknown>> = [];
let n8n: N8nServer;
let base: string;
let diga: RealisticDiga;
let answered: Checked[];
let browser: Browser;
let page: Page;
let ndv: ReturnType<Page['getByTestId']>;
/** Screenshots saved by the current step. */
const saved: string[] = [];
let broken = false;

beforeAll(async () => {
	if (!contract) return;
	const executablePath = findChromium();
	if (!executablePath || !existsSync(executablePath)) {
		throw new Error('Chromium not found: install it (Debian: `apt-get install -y chromium`) or set CHROMIUM_PATH to a Chrome or Chromium binary.');
	}
	console.log(`n8n ${N8N_VERSION} editor with the Diga node; a fake Diga with realistic records, checked by Prism on Diga's ${contract.name} contract; browser ${executablePath}`);
	await ensureN8n();
	const [, prism, fake] = await Promise.all([installPackage(folder.dir, { build: BUILD }), startPrism(contract.file), startRealisticDiga(TEST_API_KEY)]);
	cleanups.push(prism.stop, fake.stop);
	diga = fake;
	answered = checkedByPrism(diga, prism);
	const t0 = Date.now();
	n8n = await startN8n({ userFolder: folder.dir });
	cleanups.push(n8n.stop);
	base = n8n.baseUrl;
	console.log(`n8n ready at ${base} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

	selectors.setTestIdAttribute('data-test-id');
	browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
	cleanups.push(async () => await browser.close());
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
	await context.addInitScript(() => localStorage.setItem('N8N_THEME', 'light'));
	context.setDefaultTimeout(30_000);
	page = await context.newPage();
	ndv = page.getByTestId('ndv');
	if (SCREENSHOTS) mkdirSync(IMAGES_DIR, { recursive: true });
}, 20 * 60_000);

afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
	if (process.env.E2E_KEEP || broken) console.log(`n8n user folder kept for inspection: ${folder.dir}`);
	else folder.remove();
});

/** The requests the fake received, as 'GET /v1/phone/?limit=1', since the last clear. */
const digaSaw = () => diga.requests.map((r) => `${r.method} ${r.path}${r.query.size ? `?${r.query}` : ''}`);
const clearDiga = () => diga.requests.splice(0);
const rest = async <T = Record<string, unknown>>(method: string, route: string, body?: unknown) => await n8n.rest<T>(method, route, body);
const visible = (testId: string) => page.getByTestId(testId).filter({ visible: true });
type Credential = { id: string; name: string; type?: string };
type ExampleWorkflow = { nodes: Array<{ name: string; type: string; credentials?: Record<string, Credential> }>; connections: Record<string, { ai_tool?: Array<Array<{ node: string }>> }> };

/**
 * Imports an example through the REST API with this n8n's Diga account (and any other credential given by
 * type), opens it, and checks the canvas shows every node of the file.
 */
async function openExample(file: string, others: Record<string, Credential> = {}): Promise<ExampleWorkflow> {
	const account = (await rest<Credential[]>('GET', 'credentials')).find((c) => c.name === 'Diga account' && c.type === 'digaApi');
	assert.ok(account, 'the Diga account credential is listed');
	const byType: Record<string, Credential> = { digaApi: account, ...others };
	const workflow = JSON.parse(readFileSync(file, 'utf8')) as ExampleWorkflow;
	for (const node of workflow.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) if (byType[type]) node.credentials![type] = { id: byType[type].id, name: byType[type].name };
	}
	const created = await rest<{ id: string }>('POST', 'workflows', workflow);
	await page.goto(`${base}/workflow/${created.id}`);
	const nodes = page.getByTestId('canvas-node');
	await nodes.first().waitFor({ timeout: 60_000 });
	const names = workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => n.name);
	assert.deepEqual((await nodes.evaluateAll((els) => els.map((el) => (el as unknown as { dataset: Record<string, string> }).dataset.nodeName))).sort(), names.sort());
	return workflow;
}

// `height`: a taller page for this one picture; `mouse`: where the pointer rests, off the subject.
async function screenshot(name: string, { height, mouse = [1100, 700] }: { height?: number; mouse?: [number, number] } = {}): Promise<void> {
	if (!SCREENSHOTS) return;
	// A notification may close on its own between finding it and clicking it.
	for (const close of await page.locator('.el-notification__closeBtn').filter({ visible: true }).all()) await close.click({ timeout: 2000 }).catch(() => undefined);
	if (height) await page.setViewportSize({ width: 1280, height });
	await page.mouse.move(...mouse);
	await page.evaluate(() => {
		document.activeElement?.blur?.();
		window.getSelection()?.removeAllRanges();
	});
	await page.waitForTimeout(400); // let transitions settle
	const text = await page.evaluate(() => document.body.innerText);
	for (const secret of [TEST_API_KEY, TRUNK.password]) assert.ok(!text.includes(secret), `${name}: a secret is on the page`);
	await page.screenshot({ path: path.join(IMAGES_DIR, name) });
	if (height) await page.setViewportSize({ width: 1280, height: 800 });
	saved.push(`docs/images/${name}`);
}
const addCollectionOption = async (placeholder: string, option: string) => {
	await ndv.getByPlaceholder(placeholder, { exact: true }).click();
	await visible('collection-parameter-option').getByText(option, { exact: true }).click();
};
const fill = async (parameter: string, value: string) => await ndv.getByTestId(`parameter-input-${parameter}`).locator('input, textarea').first().fill(value);
/**
 * Opens the Diga node's actions with the Phone group shown: with seven resources n8n's panel listed the
 * Phone header without its actions (seen in CI), so the header is clicked open when they are not shown.
 */
const openDigaActions = async () => {
	await page.getByTestId('node-creator-search-bar').fill('Diga');
	await page.getByTestId('node-creator').getByTestId('item-iterator-item').filter({ hasText: 'Diga' }).first().click();
	const importAction = page.getByTestId('node-creator').getByText(IMPORT_ACTION, { exact: true });
	await page.getByTestId('node-creator').getByText(/^Phone Actions$/i).first().waitFor();
	if (!(await importAction.isVisible())) await page.getByTestId('node-creator').getByText(/^Phone Actions$/i).first().click();
	await importAction.waitFor({ timeout: 10_000 });
};
/**
 * On an empty canvas n8n's panel offers triggers (the Diga Trigger's events); the Diga node's actions
 * come once the workflow has a trigger. From an open panel: add a Manual Trigger, open the panel again.
 */
const startWithManualTrigger = async () => {
	await page.getByTestId('node-creator-search-bar').fill('Manual');
	await page.getByTestId('node-creator').getByTestId('item-iterator-item').filter({ hasText: /Trigger manually|Manual Trigger/ }).first().click();
	await page.getByTestId('node-creator').waitFor({ state: 'hidden' });
	await page.keyboard.press('Escape');
	await page.getByTestId('node-creator-plus-button').click();
};
/** Reads until the value passes `ok` (up to 10 s), for what the editor lays out a moment after an action; returns the last read. */
async function settled<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
	const deadline = Date.now() + 10_000;
	let value = await read();
	while (!ok(value) && Date.now() < deadline) {
		await page.waitForTimeout(100);
		value = await read();
	}
	return value;
}
const credentialTest = () => page.waitForResponse((r) => r.url().endsWith('/rest/credentials/test') && r.request().method() === 'POST');

const steps: Array<[string, () => Promise<void>]> = [
	[
		'Sign in as the owner created through the REST API',
		async () => {
			await page.goto(`${base}/signin`);
			await page.getByTestId('emailOrLdapLoginId').locator('input').fill(OWNER.email);
			await page.getByTestId('password').locator('input').fill(OWNER.password);
			await page.getByTestId('form-submit-button').click();
			await page.waitForURL(/\/home\//, { timeout: 60_000 });
		},
	],
	[
		'The node panel finds the Diga node by searching "Diga" (and by its codex alias "telephony")',
		async () => {
			await page.goto(`${base}/workflow/new`);
			// The first load of the editor compiles a large bundle: slow on a small machine.
			await page.getByTestId('canvas-plus-button').click({ timeout: 90_000 });
			const item = page.getByTestId('node-creator').getByTestId('item-iterator-item').filter({ hasText: 'Diga' }).first();
			// An alias from the codex file (Diga.node.json) finds it too: n8n loaded the codex.
			await page.getByTestId('node-creator-search-bar').fill('telephony');
			await item.waitFor({ timeout: 10_000 }).catch(() => {
				throw new Error('Searching "telephony" (an alias in Diga.node.json) does not find Diga: n8n did not load the codex file');
			});
			await page.getByTestId('node-creator-search-bar').fill('Diga');
			await item.waitFor();
			// On an empty canvas n8n lists apps by their trigger: the Diga Trigger's description stands for
			// the app, and the Diga node's actions are inside it.
			assert.match(await item.innerText(), /^Diga\s+Starts the workflow when a call of your Diga project ends or is created/);
			await screenshot('node-search.png');
		},
	],
	[
		'The Diga node offers Import and Update phone actions',
		async () => {
			await startWithManualTrigger();
			await openDigaActions();
			const actions = await page.getByTestId('node-creator').getByTestId('item-iterator-item').allInnerTexts();
			for (const action of ['Import a phone number over your SIP trunk to take real calls', 'Update a phone number with a new nickname or agents']) {
				assert.ok(actions.includes(action), `"${action}" is offered; the panel lists: ${actions.join(', ')}`);
			}
			await page.getByTestId('node-creator').getByText('Update the SIP config of an imported phone number', { exact: true }).scrollIntoViewIfNeeded();
			await screenshot('node-actions.png');
		},
	],
	[
		'Import Phone opens with Phone Number, Additional Fields, Outbound Calls and Inbound Calls',
		async () => {
			await page.getByTestId('node-creator').getByText('Import a phone number over your SIP trunk to take real calls', { exact: true }).click();
			await ndv.waitFor();
			const text = await ndv.getByTestId('node-parameters').innerText();
			for (const label of ['Phone Number', 'Additional Fields', 'Outbound Calls', 'Inbound Calls', 'Options']) {
				assert.ok(text.includes(label), `Import Phone shows "${label}"`);
			}
			await fill('phoneNumber', '+34912345678');
			await ndv.getByRole('button', { name: 'Add field' }).click();
			await fill('nickname', 'Madrid support line');
			await addCollectionOption('Add inbound setting', 'Allowed Addresses');
			await fill('allowedAddresses', '203.0.113.10, 198.51.100.0/24');
		},
	],
	[
		'A new Diga API credential opens with the default Base URL (https://api.diga.io) and the optional SIP trunk; with an http:// Base URL its Test says it must start with https:// and sends nothing; pointed at the fake, it is saved and its test succeeds without sending the trunk',
		async () => {
			await ndv.getByText('Connect to Diga', { exact: true }).click();
			const dialog = page.getByTestId('credential-edit-dialog');
			const input = (name: string) => dialog.getByTestId(`parameter-input-${name}`).locator('input');
			assert.equal(await input('baseUrl').inputValue(), 'https://api.diga.io', "Base URL starts at Diga's API");
			await input('apiKey').fill(TEST_API_KEY);
			assert.equal(await input('apiKey').getAttribute('type'), 'password', 'the API key is masked');
			await input('sipTerminationUri').fill(TRUNK.terminationUri);
			await input('sipUsername').fill(TRUNK.username);
			await input('sipPassword').fill(TRUNK.password);
			assert.equal(await input('sipPassword').getAttribute('type'), 'password', 'the trunk password is masked');
			await screenshot('credential.png', { height: 1000 });
			clearDiga();
			await input('baseUrl').fill('http://api.diga.io');
			await dialog.getByText('The Base URL must start with https://', { exact: false }).first().waitFor();
			const refused = credentialTest();
			await page.getByTestId('credential-save-button').click();
			const refusal = await (await refused).json();
			assert.equal(refusal.data?.status, 'Error', `the test of an http:// Base URL answered ${JSON.stringify(refusal)}`);
			assert.match(refusal.data?.message, /^The Base URL of the Diga API credential must start with https:\/\//, 'the Test result itself says why');
			await dialog.getByText('must start with https://', { exact: false }).first().waitFor();
			assert.deepEqual(digaSaw(), [], 'nothing was sent');
			// The node takes http:// only on this machine: the run's credential points at the fake.
			await input('baseUrl').fill(diga.url);
			const tested = credentialTest();
			await page.getByTestId('credential-save-button').click();
			const result = await (await tested).json();
			assert.deepEqual(
				result.data,
				{ status: 'OK', message: 'Diga accepted the API key. The SIP trunk fields are well formed; Diga reaches the trunk only when it places a call.' },
				'n8n tests the credential on save',
			);
			assert.deepEqual(digaSaw(), ['GET /v1/phone/?limit=1'], 'the test asked the fake for one phone');
			assert.ok(!JSON.stringify(diga.requests).includes(TRUNK.password), 'the test sent the trunk nowhere');
			if (await dialog.isVisible()) await page.keyboard.press('Escape');
			await dialog.waitFor({ state: 'hidden' });
			assert.equal(await ndv.getByTestId('node-credentials-select').locator('input').inputValue(), 'Diga account', 'the node uses the new credential');
		},
	],
	[
		"The credential's Test (Retry) succeeds against the fake, which received the test request (GET /v1/phone/?limit=1)",
		async () => {
			// n8n may also test the credential by itself as the dialog opens, before or after the Retry: the fake
			// is cleared first, so whichever test answers below, its request is among those it saw.
			clearDiga();
			await ndv.getByTestId('credential-edit-button').click();
			const dialog = page.getByTestId('credential-edit-dialog');
			await dialog.waitFor();
			const tested = credentialTest();
			await dialog.getByRole('button', { name: 'Retry' }).click();
			const result = await (await tested).json();
			assert.equal(result.data?.status, 'OK', `the credential test answered ${JSON.stringify(result)}`);
			await dialog.getByTestId('credentials-config-container-test-success').waitFor();
			assert.match(await dialog.getByTestId('credentials-config-container-test-success').innerText(), /Connection tested successfully/);
			// Each test, n8n's own and the Retry, is this one request.
			const seen = await settled(async () => digaSaw(), (requests) => requests.length >= 1);
			assert.ok(seen.length >= 1 && seen.every((request) => request === 'GET /v1/phone/?limit=1'), `the fake received the credential test: ${seen.join(', ')}`);
			await page.keyboard.press('Escape');
			await dialog.waitFor({ state: 'hidden' });
		},
	],
	[
		'Import Phone: Outbound Calls "Through a SIP Trunk" asks for Outbound Media Encryption and no second credential: the trunk is the Diga API credential\'s',
		async () => {
			// Escape closed the credential dialog and, with it, the node's panel.
			if (!(await ndv.isVisible())) await page.getByTestId('canvas-node').filter({ hasText: IMPORT_ACTION }).dblclick();
			const before = await ndv.getByTestId('node-parameters').innerText();
			assert.ok(!/Outbound Media Encryption/.test(before), 'inbound only by default');
			clearDiga();
			await ndv.getByTestId('parameter-input-outboundTrunk').click();
			await page.locator('.el-select-dropdown__item').filter({ visible: true }).getByText('Through a SIP Trunk', { exact: true }).click();
			await ndv.getByTestId('parameter-input-outboundMediaEncryption').waitFor();
			const text = await ndv.getByTestId('node-parameters').innerText();
			assert.ok(!/SIP Trunk API|Connect to Diga SIP/.test(text), 'no second credential is asked for');
			const selected = await ndv.getByTestId('node-credentials-select').locator('input').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
			assert.deepEqual(selected, ['Diga account'], 'the node uses one credential');
			assert.equal(await ndv.getByTestId('parameter-input-outboundMediaEncryption').locator('input').inputValue(), 'Allow');
			assert.deepEqual(digaSaw(), [], 'choosing the trunk sends nothing to Diga');
			await screenshot('import-phone.png', { height: 1000 });
		},
	],
	[
		"Update Phone: the phone picker lists the fake's phones by number and nickname",
		async () => {
			if (await ndv.isVisible()) await page.getByTestId('ndv-close-button').click();
			const importNode = page.getByTestId('canvas-node').filter({ hasText: IMPORT_ACTION });
			await importNode.getByTestId('canvas-handle-plus').click();
			await openDigaActions();
			await page.getByTestId('node-creator').getByText('Update a phone number with a new nickname or agents', { exact: true }).click();
			await ndv.waitFor();
			await ndv.getByTestId('resource-locator-phoneId').getByTestId('rlc-input').click();
			const items = visible('rlc-item');
			await items.first().waitFor();
			assert.deepEqual((await items.allInnerTexts()).map((t) => t.trim()), PHONE_ENTRIES);
			await items.first().click();
		},
	],
	[
		"Update Phone: the Inbound Agent picker (From list) lists every agent version, named, numbered and with its state",
		async () => {
			await addCollectionOption('Add field', 'Inbound Agent');
			await ndv.getByTestId('resource-locator-inboundVersionId').getByTestId('rlc-input').click();
			const items = visible('rlc-item');
			await items.first().waitFor();
			assert.deepEqual((await items.allInnerTexts()).map((t) => t.trim()), VERSION_ENTRIES);
			await screenshot('agent-picker.png');
			await items.first().click();
		},
	],
	[
		'Update Phone: Nickname and an Outbound Agent given By ID',
		async () => {
			await addCollectionOption('Add field', 'Outbound Agent');
			const outbound = ndv.getByTestId('resource-locator-outboundVersionId');
			await outbound.getByTestId('rlc-mode-selector').click();
			await page.locator('.el-select-dropdown__item').filter({ visible: true }).getByText('By ID', { exact: true }).click();
			await outbound.getByTestId('rlc-input').fill(OUTBOUND_VERSION_ID);
			await addCollectionOption('Add field', 'Nickname');
			await fill('nickname', 'Madrid front desk (24 h)');
			const text = await ndv.getByTestId('node-parameters').innerText();
			assert.ok(!/Not a valid agent version ID/.test(text), 'the version ID passes the By ID check');
			await screenshot('update-phone.png');
		},
	],
	[
		'Saving the workflow stores the picked version ID (From list) and the typed one (By ID)',
		async () => {
			await page.getByTestId('ndv-close-button').click();
			const saved = page.waitForRequest((r) => /\/rest\/workflows(\/[^/?]+)?$/.test(new URL(r.url()).pathname) && ['POST', 'PATCH'].includes(r.method()));
			await page.keyboard.press('Control+s');
			const body = (await saved).postDataJSON();
			type Locator = { mode: string; value: string };
			type SavedNode = { credentials?: Record<string, Credential>; parameters: { operation?: string; phoneId: Locator; updateFields: Record<string, Locator> } };
			const updateNode = (body as { nodes: SavedNode[] }).nodes.find((n) => n.parameters?.operation === 'update');
			assert.ok(updateNode, 'the saved workflow has the Update Phone node');
			// Import is the Phone resource's default operation, which n8n does not save: found by its name.
			const importNode = (body as { nodes: Array<SavedNode & { name: string; parameters: { outboundTrunk?: string } }> }).nodes.find((n) => n.name === IMPORT_ACTION);
			assert.equal(importNode?.parameters.outboundTrunk, 'credential', 'Import sends the trunk');
			assert.deepEqual(Object.keys(importNode?.credentials ?? {}), ['digaApi'], 'through its one credential');
			assert.ok(!JSON.stringify(body).includes(TRUNK.password), 'the saved workflow holds no trunk password');
			assert.equal(updateNode.credentials?.digaApi?.name, 'Diga account');
			const fields = updateNode.parameters.updateFields;
			assert.deepEqual(
				{ mode: fields.inboundVersionId.mode, value: fields.inboundVersionId.value },
				{ mode: 'list', value: AGENTS[0].versions[0].version_id },
			);
			assert.deepEqual({ mode: fields.outboundVersionId.mode, value: fields.outboundVersionId.value }, { mode: 'id', value: OUTBOUND_VERSION_ID });
			assert.equal(updateNode.parameters.phoneId.value, PHONES[0].id);
		},
	],
	[
		'The import-and-assign example, imported through the REST API with the new credential, opens on the canvas without a warning',
		async () => {
			await openExample(EXAMPLE);
			assert.equal(await page.getByTestId('canvas-node-status-warning').count(), 0, 'no node warns (credential found, parameters complete)');
		},
	],
	[
		'Run from the canvas against the fake: three numbers imported and given the Reception agent, the malformed row on the error output',
		async () => {
			clearDiga();
			const run = page.waitForResponse((r) => /\/rest\/workflows\/[^/]+\/run$/.test(new URL(r.url()).pathname));
			await page.getByTestId('execute-workflow-button').click();
			assert.equal((await run).status(), 200);
			await page.getByText('Workflow executed successfully').waitFor();
			assert.equal(await page.getByTestId('canvas-node-status-success').count(), 5, 'every node ran');
			const label = async (from: string, to: string) => await page.locator(`[data-test-id="edge-label"][data-source-node-name="${from}"][data-target-node-name="${to}"]`).innerText();
			assert.deepEqual(
				{
					rows: await label('Numbers to import', 'Import numbers'),
					imported: await label('Import numbers', 'Assign agents'),
					failedImports: await label('Import numbers', 'Prepare failure alert'),
					failedAssignments: await label('Assign agents', 'Prepare failure alert'),
				},
				{ rows: '4 items', imported: '3 items', failedImports: '1 item', failedAssignments: '' },
			);
			const imported = diga.phones.filter((p) => !PHONES.some((known) => known.id === p.id));
			assert.deepEqual(
				imported.map((p) => `${p.number} · ${p.nickname} · ${p.inbound_agent_id}`).sort(),
				['+34912345678 · Madrid reception', '+34932345678 · Barcelona reception', 'reception@sip.example.com · SIP reception'].map((p) => `${p} · ${AGENTS[0].agent_id}`),
				'the fake holds the three new numbers, answered by Reception',
			);
			assert.deepEqual(
				digaSaw().sort(),
				[...Array(3).fill('POST /v1/phone/import'), ...imported.map((p) => `PATCH /v1/phone/${p.id}`)].sort(),
				'three imports, then an update of each imported number',
			);
			await screenshot('example-workflow.png');
		},
	],
	[
		"Get Many Phones with Return All, run from its panel (the README's quick start): the output table lists every phone, the example's three among them",
		async () => {
			await page.goto(`${base}/workflow/new`);
			await page.getByTestId('canvas-plus-button').click();
			await startWithManualTrigger();
			await openDigaActions();
			await page.getByTestId('node-creator').getByText('Get many phone numbers with their agents', { exact: true }).click();
			await ndv.waitFor();
			assert.equal(await ndv.getByTestId('node-credentials-select').locator('input').inputValue(), 'Diga account', 'n8n picks the only Diga API credential');
			await ndv.getByTestId('parameter-input-returnAll').locator('.el-switch').click();
			await ndv.getByTestId('parameter-input-limit').waitFor({ state: 'detached' });
			clearDiga();
			await ndv.getByTestId('node-execute-button').click();
			const output = ndv.getByTestId('output-panel');
			await output.getByTestId('node-run-status-success').waitFor();
			assert.deepEqual(digaSaw(), ['GET /v1/phone/?limit=100'], 'one page of 100 holds them all');
			assert.equal(diga.phones.length, PHONES.length + 3, "the fake's phones, and the three the example imported");
			assert.match(await output.getByTestId('ndv-items-count').innerText(), new RegExp(`^${diga.phones.length} items`));
			const table = await output.locator('table').innerText();
			for (const phone of diga.phones) assert.ok(table.includes(String(phone.number)) && table.includes(String(phone.nickname)), `the table shows ${phone.number} · ${phone.nickname}`);
			// Give the output the room of the input panel, as a person would to read the table.
			const handle = await page.getByTestId('panel-drag-button').boundingBox();
			assert.ok(handle, 'the panel has a drag handle');
			await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
			await page.mouse.down();
			await page.mouse.move(handle.x - 600, handle.y + handle.height / 2, { steps: 20 });
			await page.mouse.up();
			await screenshot('get-many-phones.png', { mouse: [900, 45] });
		},
	],
	[
		"Update SIP Config from the credential's trunk, run from its panel: the fake receives the trunk, and neither the page, the saved workflow nor the saved execution holds its password",
		async () => {
			await page.goto(`${base}/workflow/new`);
			await page.getByTestId('canvas-plus-button').click();
			await startWithManualTrigger();
			await openDigaActions();
			await page.getByTestId('node-creator').getByText('Update the SIP config of an imported phone number', { exact: true }).click();
			await ndv.waitFor();
			await ndv.getByTestId('resource-locator-phoneId').getByTestId('rlc-input').click();
			const items = visible('rlc-item');
			await items.first().waitFor();
			await items.first().click();
			await ndv.getByTestId('parameter-input-outboundTrunk').click();
			await page.locator('.el-select-dropdown__item').filter({ visible: true }).getByText('Update From Credential', { exact: true }).click();
			clearDiga();
			await ndv.getByTestId('node-execute-button').click();
			await ndv.getByTestId('output-panel').getByTestId('node-run-status-success').waitFor();
			const [request] = diga.requests;
			assert.deepEqual(digaSaw(), [`PATCH /v1/phone/${String(diga.phones[0].id)}/sip-config`], 'one request, to the picked phone');
			assert.deepEqual(request.body, { outbound_config: { termination_uri: TRUNK.terminationUri, username: TRUNK.username, password: TRUNK.password } }, "the credential's trunk");
			await screenshot('update-sip-config.png');
			await page.getByTestId('ndv-close-button').click();
			const saved = page.waitForRequest((r) => /\/rest\/workflows(\/[^/?]+)?$/.test(new URL(r.url()).pathname) && ['POST', 'PATCH'].includes(r.method()));
			await page.keyboard.press('Control+s');
			const workflow = (await saved).postDataJSON() as { nodes: Array<{ parameters: { operation?: string }; credentials?: Record<string, Credential> }> };
			assert.deepEqual(Object.keys(workflow.nodes.find((n) => n.parameters?.operation === 'updateSipConfig')?.credentials ?? {}), ['digaApi']);
			assert.ok(!JSON.stringify(workflow).includes(TRUNK.password), 'the saved workflow holds no trunk password');
			const executions = await rest<{ results?: Array<{ id: string }> } | Array<{ id: string }>>('GET', 'executions');
			const list = Array.isArray(executions) ? executions : (executions.results ?? []);
			assert.ok(list.length > 0, `n8n saved the manual executions: ${JSON.stringify(executions).slice(0, 200)}`);
			for (const { id } of list) {
				const execution = await rest('GET', `executions/${id}`);
				assert.ok(!JSON.stringify(execution).includes(TRUNK.password), `execution ${id} holds no trunk password`);
			}
		},
	],
	[
		"The AI-agent example opens on the canvas: the agent, its chat model and the Diga tools connected to it",
		async () => {
			const model = await rest<Credential>('POST', 'credentials', { name: 'OpenAI account', type: 'openAiApi', data: { apiKey: 'sk-editor-test-not-a-key', url: 'https://api.openai.com/v1' } });
			const workflow = await openExample(AGENT_EXAMPLE, { openAiApi: model });
			const tools = workflow.nodes.filter((n) => n.type === 'n8n-nodes-diga.digaTool').map((n) => n.name);
			assert.ok(tools.length >= 3, 'the example gives the agent several Diga tools');
			for (const tool of tools) assert.deepEqual(workflow.connections[tool]?.ai_tool?.[0]?.map((c) => c.node), ['AI Agent'], `${tool} is a tool of the AI Agent`);
			await screenshot('ai-agent.png');
		},
	],
	[
		"The Diga Trigger's Call Ended event, from the app's trigger events: Fetch Test Event shows the latest ended call",
		async () => {
			await page.goto(`${base}/workflow/new`);
			await page.getByTestId('canvas-plus-button').click();
			await page.getByTestId('node-creator-search-bar').fill('Diga');
			// The app's item, described by the Diga Trigger (the Diga Agent Tool Trigger is listed beside it).
			await page.getByTestId('node-creator').getByTestId('item-iterator-item').filter({ hasText: 'Starts the workflow when a call of your Diga project' }).first().click();
			// n8n names the trigger's events after its Event options: "On call ended", "On new call".
			await page.getByTestId('node-creator').getByText('On call ended', { exact: true }).click();
			await ndv.waitFor();
			assert.equal(await ndv.getByTestId('parameter-input-event').locator('input').inputValue(), 'Call Ended');
			clearDiga();
			await ndv.getByTestId('node-execute-button').click();
			const output = ndv.getByTestId('output-panel');
			await output.getByTestId('node-run-status-success').waitFor();
			assert.deepEqual(digaSaw(), ['GET /v1/call/?order=desc&status=completed&limit=1'], 'one request: the newest ended call');
			const latest = CALLS[0];
			const expected = [String(latest.id), String(latest.end_reason)];
			// The table fills in a moment after the run's status shows.
			const shown = await settled(async () => await output.innerText(), (text) => expected.every((value) => text.includes(value)));
			for (const value of expected) assert.ok(shown.includes(value), `the test event shows ${value}`);
			await screenshot('diga-trigger.png');
			await page.getByTestId('ndv-close-button').click();
		},
	],
	[
		'The Diga Agent Tool Trigger opens with its fields; its agent picker lists the agents by name',
		async () => {
			await page.goto(`${base}/workflow/new`);
			await page.getByTestId('canvas-plus-button').click();
			await page.getByTestId('node-creator-search-bar').fill('Diga Agent Tool');
			await page.getByTestId('node-creator').getByTestId('item-iterator-item').filter({ hasText: 'Diga Agent Tool Trigger' }).first().click();
			// A community node without actions opens n8n's details of the package's node first.
			await page.getByTestId('node-creator').getByRole('button', { name: 'Add to workflow' }).click();
			await ndv.waitFor();
			const text = await ndv.getByTestId('node-parameters').innerText();
			for (const label of ['Tool Name', 'Description for the Agent', 'Parameters', 'Ask the Caller First', 'Response Timeout (Seconds)', 'Assign To', 'Agent', 'Respond']) {
				assert.ok(text.includes(label), `the trigger shows "${label}"`);
			}
			assert.equal(await ndv.getByTestId('node-credentials-select').locator('input').inputValue(), 'Diga account', 'n8n picks the only Diga API credential');
			// The button the README and the notice name for the test URL.
			await ndv.getByText('Test this trigger', { exact: true }).waitFor();
			assert.match(text, /"Test this trigger" registers it with the test URL/);
			await fill('toolName', 'check_availability');
			await fill('toolDescription', 'Use this when the caller asks for an appointment: says whether the day and time are free.');
			await ndv.getByRole('button', { name: 'Add Parameter' }).click();
			await fill('name', 'date');
			await fill('description', 'The day the caller wants, as YYYY-MM-DD');
			await ndv.getByTestId('resource-locator-agentId').getByTestId('rlc-input').click();
			const items = visible('rlc-item');
			await items.first().waitFor();
			assert.deepEqual((await items.allInnerTexts()).map((t) => t.trim()).sort(), AGENTS.map((agent) => agent.name).sort());
			await items.first().click();
			// Tall enough for every field at once, from the notice at the top to Respond.
			await ndv.getByTestId('parameter-input-toolName').scrollIntoViewIfNeeded();
			await screenshot('agent-tool-trigger.png', { height: 1450 });
			await page.getByTestId('ndv-close-button').click();
		},
	],
	[
		'Prism, sent every request the fake answered, saw no contract violation; the fake knew every request',
		async () => {
			assert.deepEqual(answered.flatMap((each) => each.violations), []);
			assert.deepEqual(
				answered.filter((each) => typeof each.prism !== 'number' || each.prism >= 300),
				[],
				'Prism received each request the fake answered, and accepted it (a path, method or key outside the contract gets no 2xx)',
			);
			assert.deepEqual(answered.filter((each) => each.status !== 200), [], 'the fake answered each with 200');
			const routes = new Set(answered.map(({ route }) => route.replace(/\/[0-9a-f-]{36}(?=\/|$)/, '/{id}')));
			assert.deepEqual([...routes].sort(), [
				'GET /v1/agent/versions-dropdown/dashboard',
				'GET /v1/call/',
				'GET /v1/phone/',
				'PATCH /v1/phone/{id}',
				'PATCH /v1/phone/{id}/sip-config',
				'POST /v1/phone/import',
			]);
		},
	],
];


describe(`n8n ${N8N_VERSION} editor with the Diga node`, () => {
	if (!contract) {
		test.skip(`no Diga contract to serve with Prism: ${servedContracts().map((each) => each.missing).join('; ')}`, () => undefined);
		return;
	}
	for (const [name, fn] of steps) {
		test(
			name,
			async () => {
				if (broken) throw new Error('not run: an earlier step failed');
				try {
					await fn();
					for (const file of saved.splice(0)) console.log(`saved ${file}`);
				} catch (error) {
					broken = true;
					await page?.screenshot({ path: path.join(folder.dir, 'failure.png') }).catch(() => undefined);
					console.log(`page at failure: ${path.join(folder.dir, 'failure.png')}`);
					throw error;
				}
			},
			5 * 60_000,
		);
	}
});
