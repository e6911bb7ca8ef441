#!/usr/bin/env node
// `npm run test:editor`: the Diga node in n8n's editor, in a real browser, the way a person meets it.
//
// Starts n8n (fresh user folder, the packed package installed in it) and a fake Diga with a
// believable project behind it (test/support/realistic-diga.ts: Spanish numbers with nicknames,
// agents with published and draft versions), so the screenshots show what a user will see. Every
// request the fake answers is also sent to Prism serving Diga's newest contract, which checks it.
// Creates the owner through n8n's REST API, then drives Debian's Chromium with playwright-core:
// sign in, search "Diga" in the node panel, add Import Phone, create a Diga API credential (shown
// with its default Base URL, then pointed at the fake) and run its Test, send outbound calls
// through a new Diga SIP Trunk API credential, add Update Phone and open its pickers; import the
// import-and-assign example through the REST API and run it from the canvas; run Get Many Phones.
// Asserts what a person would check, and saves light-theme screenshots to docs/images/ (node-search,
// node-actions, credential, import-phone, agent-picker, update-phone, example-workflow,
// get-many-phones).
//
// Needs Chromium: `apt-get install -y chromium` (Debian) or CHROMIUM_PATH=/path/to/chrome.
// Options: --no-build (use dist/ as is), --keep (keep the n8n user folder), --no-screenshots.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { chromium, selectors } from 'playwright-core';

import { N8N_VERSION, REPO_DIR, ensureN8n, freePort, installPackage, spawnN8n } from '../n8n-runtime.mjs';
import { startPrism } from './prism.mjs';
import { TEST_API_KEY, contracts, createRunner, missingContractReason, tempUserFolder, waitForN8n } from './support.mjs';

// The fake's records are TypeScript test support, loaded through tsx (the project's TypeScript runner).
const require = createRequire(import.meta.url);
require('tsx/cjs');
const { AGENTS, PHONES, startRealisticDiga } = require('../../test/support/realistic-diga.ts');

const args = process.argv.slice(2);
const KEEP = args.includes('--keep');
const BUILD = !args.includes('--no-build');
const SCREENSHOTS = !args.includes('--no-screenshots');
const IMAGES_DIR = path.join(REPO_DIR, 'docs', 'images');
const OWNER = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Diga-e2e-Passw0rd' };
const OUTBOUND_VERSION_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7'; // Sales follow-up v2 in the fake
/** A SIP trunk for the screenshots; the password must never show. */
const TRUNK = { terminationUri: 'madrid.pstn.example.net', username: 'diga-madrid', password: `trunk-${'5ec2e7'.repeat(4)}` };
const EXAMPLE = path.join(REPO_DIR, 'examples', 'import-numbers-and-assign-agents.json');
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
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

function findChromium() {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
		try {
			return execFileSync('which', [name], { encoding: 'utf8' }).trim();
		} catch {
			// not on PATH
		}
	}
	return undefined;
}

/**
 * The fake answers; Prism checks. Each request the fake receives is first sent to Prism as it came,
 * so Prism's log holds any contract violation; the fake's own answer goes back to n8n. Returns the
 * [route, status] of each answer, to prove the fake knew every request.
 */
function checkedByPrism(diga, prism) {
	const answered = [];
	const answer = diga.handler;
	diga.handler = async (request, seen) => {
		const query = request.query.size ? `?${request.query}` : '';
		const checked = await fetch(`${prism.url}${request.path}${query}`, {
			method: request.method,
			headers: {
				...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
				...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: request.body === undefined ? undefined : JSON.stringify(request.body),
		}).then(
			() => true,
			(error) => `Prism unreachable: ${error.message}`,
		);
		const reply = await answer(request, seen);
		answered.push([`${request.method} ${request.path}`, checked === true ? (reply.status ?? 200) : checked]);
		return reply;
	};
	return answered;
}

async function stopN8n(child) {
	if (child.exitCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
	await exited;
	clearTimeout(timer);
}

async function main() {
	const runner = createRunner();
	const contract = [...contracts()].reverse().find((c) => c.present);
	if (!contract) {
		runner.skip('n8n editor with the Diga node', `no Diga contract to serve with Prism: ${contracts().map(missingContractReason).join('; ')}`);
		runner.finish();
		return;
	}
	const executablePath = findChromium();
	if (!executablePath || !existsSync(executablePath)) {
		throw new Error('Chromium not found: install it (Debian: `apt-get install -y chromium`) or set CHROMIUM_PATH to a Chrome or Chromium binary.');
	}
	console.log(`n8n ${N8N_VERSION} editor with the Diga node; a fake Diga with realistic records, checked by Prism on Diga's ${contract.name} contract; browser ${executablePath}`);

	await ensureN8n();
	const folder = tempUserFolder('editor');
	const cleanups = [];
	let keep = KEEP;
	try {
		const [, prism, diga] = await Promise.all([installPackage(folder.dir, { build: BUILD }), startPrism(contract.file), startRealisticDiga(TEST_API_KEY)]);
		cleanups.push(() => prism.stop(), () => diga.stop());
		const answered = checkedByPrism(diga, prism);
		/** The requests the fake received, as 'GET /v1/phone/?limit=1', since the last clear. */
		const digaSaw = () => diga.requests.map((r) => `${r.method} ${r.path}${r.query.size ? `?${r.query}` : ''}`);
		const clearDiga = () => diga.requests.splice(0);

		const port = await freePort();
		const base = `http://localhost:${port}`;
		const n8nLog = [];
		const child = spawnN8n(['start'], {
			userFolder: folder.dir,
			env: { N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stdout.on('data', (d) => n8nLog.push(String(d)));
		child.stderr.on('data', (d) => n8nLog.push(String(d)));
		cleanups.push(() => stopN8n(child));
		const t0 = Date.now();
		await waitForN8n(base, child).catch((error) => {
			throw new Error(`${error.message}\n${n8nLog.join('').split('\n').slice(-30).join('\n')}`);
		});
		console.log(`n8n ready at ${base} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

		const setup = await fetch(`${base}/rest/owner/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) });
		assert.equal(setup.status, 200, `owner setup through n8n's REST API answered ${setup.status}: ${await setup.text()}`);
		// The owner's session, for the REST calls below (the browser signs in on its own).
		const rest = async (method, route, body) => {
			const res = await fetch(`${base}/rest/${route}`, {
				method,
				headers: { cookie: setup.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			assert.equal(res.status, 200, `${method} /rest/${route} answered ${res.status}: ${await res.clone().text()}`);
			return (await res.json()).data;
		};
		/**
		 * Imports an example through the REST API with this n8n's Diga account (and any other credential
		 * given by type), opens it, and checks the canvas shows every node of the file.
		 */
		const openExample = async (file, others = {}) => {
			const account = (await rest('GET', 'credentials')).find((c) => c.name === 'Diga account' && c.type === 'digaApi');
			assert.ok(account, 'the Diga account credential is listed');
			const byType = { digaApi: account, ...others };
			const workflow = JSON.parse(readFileSync(file, 'utf8'));
			for (const node of workflow.nodes) {
				for (const type of Object.keys(node.credentials ?? {})) if (byType[type]) node.credentials[type] = { id: byType[type].id, name: byType[type].name };
			}
			const created = await rest('POST', 'workflows', workflow);
			await page.goto(`${base}/workflow/${created.id}`);
			const nodes = page.getByTestId('canvas-node');
			await nodes.first().waitFor({ timeout: 60_000 });
			const names = workflow.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').map((n) => n.name);
			assert.deepEqual((await nodes.evaluateAll((els) => els.map((el) => el.dataset.nodeName))).sort(), names.sort());
			return workflow;
		};

		selectors.setTestIdAttribute('data-test-id');
		const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
		cleanups.push(() => browser.close());
		const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
		await context.addInitScript(() => localStorage.setItem('N8N_THEME', 'light'));
		context.setDefaultTimeout(30_000);
		const page = await context.newPage();
		const ndv = page.getByTestId('ndv');
		const visible = (testId) => page.getByTestId(testId).filter({ visible: true });

		if (SCREENSHOTS) mkdirSync(IMAGES_DIR, { recursive: true });
		const saved = [];
		// `height`: a taller page for this one picture; `mouse`: where the pointer rests, off the subject.
		const screenshot = async (name, { height, mouse = [1100, 700] } = {}) => {
			if (!SCREENSHOTS) return;
			for (const close of await page.locator('.el-notification__closeBtn').filter({ visible: true }).all()) await close.click();
			if (height) await page.setViewportSize({ width: 1280, height });
			await page.mouse.move(...mouse);
			await page.evaluate(() => {
				if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
				window.getSelection()?.removeAllRanges();
			});
			await page.waitForTimeout(400); // let transitions settle
			const text = await page.evaluate(() => document.body.innerText);
			for (const secret of [TEST_API_KEY, TRUNK.password]) assert.ok(!text.includes(secret), `${name}: a secret is on the page`);
			await page.screenshot({ path: path.join(IMAGES_DIR, name) });
			if (height) await page.setViewportSize({ width: 1280, height: 800 });
			saved.push(`docs/images/${name}`);
		};
		const addCollectionOption = async (placeholder, option) => {
			await ndv.getByPlaceholder(placeholder, { exact: true }).click();
			await visible('collection-parameter-option').getByText(option, { exact: true }).click();
		};
		const fill = (parameter, value) => ndv.getByTestId(`parameter-input-${parameter}`).locator('input, textarea').first().fill(value);
		const openDigaActions = async () => {
			await page.getByTestId('node-creator-search-bar').fill('Diga');
			await page.getByTestId('node-creator').getByTestId('item-iterator-item').filter({ hasText: 'Diga' }).first().click();
		};
		const credentialTest = () => page.waitForResponse((r) => r.url().endsWith('/rest/credentials/test') && r.request().method() === 'POST');

		// Each step builds on the one before: after a failure the rest are skipped.
		const steps = [
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
					assert.match(await item.innerText(), /^Diga\s+Manage the phone numbers, voice-AI agents and calls of your Diga project/);
					await screenshot('node-search.png');
				},
			],
			[
				'The Diga node offers Import and Update phone actions',
				async () => {
					await page.getByTestId('node-creator').getByTestId('item-iterator-item').filter({ hasText: 'Diga' }).first().click();
					const actions = await page.getByTestId('node-creator').getByTestId('item-iterator-item').allInnerTexts();
					for (const action of ['Import a phone number (E.164) to take real calls', 'Update a phone number with a new nickname or agents']) {
						assert.ok(actions.includes(action), `"${action}" is offered; the panel lists: ${actions.join(', ')}`);
					}
					await page.getByTestId('node-creator').getByText('Update the SIP config of an imported phone number', { exact: true }).scrollIntoViewIfNeeded();
					await screenshot('node-actions.png');
				},
			],
			[
				'Import Phone opens with Phone Number, Additional Fields, Outbound Calls and Inbound Calls',
				async () => {
					await page.getByTestId('node-creator').getByText('Import a phone number (E.164) to take real calls', { exact: true }).click();
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
				'A new Diga API credential opens with the default Base URL (https://api.diga.io); pointed at the fake, it is saved and its test succeeds',
				async () => {
					await ndv.getByText('Connect to Diga', { exact: true }).click();
					const dialog = page.getByTestId('credential-edit-dialog');
					const apiKey = dialog.getByTestId('parameter-input-apiKey').locator('input');
					const baseUrl = dialog.getByTestId('parameter-input-baseUrl').locator('input');
					assert.equal(await baseUrl.inputValue(), 'https://api.diga.io', "Base URL starts at Diga's API");
					await apiKey.fill(TEST_API_KEY);
					assert.equal(await apiKey.getAttribute('type'), 'password', 'the API key is masked');
					await screenshot('credential.png');
					// The node takes http:// only on this machine: the run's credential points at the fake.
					await baseUrl.fill(diga.url);
					clearDiga();
					const tested = credentialTest();
					await page.getByTestId('credential-save-button').click();
					const result = await (await tested).json();
					assert.deepEqual(result.data, { status: 'OK', message: 'Connection successful!' }, 'n8n tests the credential on save');
					assert.deepEqual(digaSaw(), ['GET /v1/phone/?limit=1'], 'the test asked the fake for one phone');
					assert.equal(await ndv.getByTestId('node-credentials-select').locator('input').inputValue(), 'Diga account', 'the node uses the new credential');
				},
			],
			[
				"The credential's Test (Retry) succeeds against the fake, which received the test request (GET /v1/phone/?limit=1)",
				async () => {
					await ndv.getByTestId('credential-edit-button').click();
					const dialog = page.getByTestId('credential-edit-dialog');
					await dialog.waitFor();
					clearDiga();
					const tested = credentialTest();
					await dialog.getByRole('button', { name: 'Retry' }).click();
					const result = await (await tested).json();
					assert.equal(result.data?.status, 'OK', `the credential test answered ${JSON.stringify(result)}`);
					await dialog.getByTestId('credentials-config-container-test-success').waitFor();
					assert.match(await dialog.getByTestId('credentials-config-container-test-success').innerText(), /Connection tested successfully/);
					assert.deepEqual(digaSaw(), ['GET /v1/phone/?limit=1'], 'the fake received the credential test');
					await page.keyboard.press('Escape');
					await dialog.waitFor({ state: 'hidden' });
				},
			],
			[
				'Import Phone: Outbound Calls "Through a SIP Trunk" asks for a Diga SIP Trunk API credential and Outbound Media Encryption; a new trunk credential is saved and checked without a request to Diga',
				async () => {
					// Escape closed the credential dialog and, with it, the node's panel.
					if (!(await ndv.isVisible())) await page.getByTestId('canvas-node').filter({ hasText: 'Import a phone number (E.164) to take real calls' }).dblclick();
					const before = await ndv.getByTestId('node-parameters').innerText();
					assert.ok(!/Diga SIP Trunk|Outbound Media Encryption/.test(before), 'inbound only by default: no trunk asked for');
					await ndv.getByTestId('parameter-input-outboundTrunk').click();
					await page.locator('.el-select-dropdown__item').filter({ visible: true }).getByText('Through a SIP Trunk', { exact: true }).click();
					await ndv.getByText('Connect to Diga SIP Trunk', { exact: true }).click();
					const dialog = page.getByTestId('credential-edit-dialog');
					await dialog.waitFor();
					const input = (name) => dialog.getByTestId(`parameter-input-${name}`).locator('input');
					await input('terminationUri').fill(TRUNK.terminationUri);
					await input('username').fill(TRUNK.username);
					await input('password').fill(TRUNK.password);
					assert.equal(await input('password').getAttribute('type'), 'password', 'the trunk password is masked');
					clearDiga();
					const tested = credentialTest();
					await page.getByTestId('credential-save-button').click();
					const result = await (await tested).json();
					assert.deepEqual(result.data, { status: 'OK', message: 'The fields are well formed. Diga reaches the trunk only when it places a call.' });
					await dialog.waitFor({ state: 'hidden' });
					const text = await ndv.getByTestId('node-parameters').innerText();
					for (const label of ['Credential for Diga SIP Trunk API', 'Outbound Media Encryption']) assert.ok(text.includes(label), `Import Phone shows "${label}"`);
					const selected = await ndv.getByTestId('node-credentials-select').locator('input').evaluateAll((inputs) => inputs.map((i) => i.value));
					assert.deepEqual(selected, ['Diga account', 'Diga SIP Trunk account'], 'the node uses both credentials');
					assert.equal(await ndv.getByTestId('parameter-input-outboundMediaEncryption').locator('input').inputValue(), 'Allow');
					assert.deepEqual(digaSaw(), [], 'checking the trunk sends nothing to Diga');
					// Reopened, as a person comes back to it: the new credential's name is laid out anew.
					await page.getByTestId('ndv-close-button').click();
					await page.getByTestId('canvas-node').filter({ hasText: 'Import a phone number (E.164) to take real calls' }).dblclick();
					await ndv.getByTestId('parameter-input-outboundMediaEncryption').waitFor();
					await screenshot('import-phone.png', { height: 1000 });
				},
			],
			[
				"Update Phone: the phone picker lists the fake's phones by number and nickname",
				async () => {
					if (await ndv.isVisible()) await page.getByTestId('ndv-close-button').click();
					const importNode = page.getByTestId('canvas-node').filter({ hasText: 'Import a phone number (E.164) to take real calls' });
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
					const updateNode = body.nodes.find((n) => n.parameters?.operation === 'update');
					assert.ok(updateNode, 'the saved workflow has the Update Phone node');
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
					const label = (from, to) => page.locator(`[data-test-id="edge-label"][data-source-node-name="${from}"][data-target-node-name="${to}"]`).innerText();
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
					for (const phone of diga.phones) assert.ok(table.includes(phone.number) && table.includes(phone.nickname), `the table shows ${phone.number} · ${phone.nickname}`);
					// Give the output the room of the input panel, as a person would to read the table.
					const handle = await page.getByTestId('panel-drag-button').boundingBox();
					await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
					await page.mouse.down();
					await page.mouse.move(handle.x - 600, handle.y + handle.height / 2, { steps: 20 });
					await page.mouse.up();
					await screenshot('get-many-phones.png', { mouse: [900, 45] });
				},
			],
			[
				"The AI-agent example opens on the canvas: the agent, its chat model and the Diga tools connected to it",
				async () => {
					const model = await rest('POST', 'credentials', { name: 'OpenAI account', type: 'openAiApi', data: { apiKey: 'sk-editor-test-not-a-key', url: 'https://api.openai.com/v1' } });
					const workflow = await openExample(AGENT_EXAMPLE, { openAiApi: model });
					const tools = workflow.nodes.filter((n) => n.type === 'n8n-nodes-diga.digaTool').map((n) => n.name);
					assert.ok(tools.length >= 3, 'the example gives the agent several Diga tools');
					for (const tool of tools) assert.deepEqual(workflow.connections[tool]?.ai_tool?.[0]?.map((c) => c.node), ['AI Agent'], `${tool} is a tool of the AI Agent`);
					await screenshot('ai-agent.png');
				},
			],
			[
				'Prism, sent every request the fake answered, saw no contract violation; the fake knew every request',
				async () => {
					await prism.settle();
					assert.deepEqual(prism.violations(), []);
					assert.equal(prism.requests().length, answered.length, 'Prism received each request the fake answered');
					assert.deepEqual(answered.filter(([, status]) => status !== 200), [], 'Prism checked every request, and the fake answered each with 200');
					const routes = new Set(answered.map(([route]) => route.replace(/\/[0-9a-f-]{36}$/, '/{id}')));
					assert.deepEqual([...routes].sort(), ['GET /v1/agent/versions-dropdown/dashboard', 'GET /v1/phone/', 'PATCH /v1/phone/{id}', 'POST /v1/phone/import']);
				},
			],
		];

		let broken = false;
		for (const [name, fn] of steps) {
			if (broken) runner.skip(name, 'an earlier step failed');
			else if (await runner.check(name, fn)) {
				for (const file of saved.splice(0)) console.log(`      saved ${file}`);
			} else {
				broken = true;
				await page.screenshot({ path: path.join(folder.dir, 'failure.png') }).catch(() => undefined);
				console.log(`      page at failure: ${path.join(folder.dir, 'failure.png')}`);
			}
		}
	} catch (error) {
		keep = true;
		await runner.check('editor set-up', () => {
			throw error;
		});
	} finally {
		for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
		if (keep || runner.failed()) console.log(`\nn8n user folder kept for inspection: ${folder.dir}`);
		else folder.remove();
	}
	runner.finish();
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
