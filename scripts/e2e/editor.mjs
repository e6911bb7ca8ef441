#!/usr/bin/env node
// `npm run test:editor`: the Diga node in n8n's editor, in a real browser, the way a person meets it.
//
// Starts n8n (fresh user folder, the packed package installed in it) and Prism serving Diga's
// newest contract, creates the owner through n8n's REST API, then drives Debian's Chromium with
// playwright-core: sign in, search "Diga" in the node panel, add Import Phone, create a Diga API
// credential pointing at Prism and run its Test, add Update Phone and open its pickers. Asserts
// what a person would check, and saves light-theme screenshots to docs/images/ (node-search,
// node-actions, import-phone, credential, agent-picker, update-phone).
//
// Needs Chromium: `apt-get install -y chromium` (Debian) or CHROMIUM_PATH=/path/to/chrome.
// Options: --no-build (use dist/ as is), --keep (keep the n8n user folder), --no-screenshots.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { chromium, selectors } from 'playwright-core';

import { N8N_VERSION, REPO_DIR, ensureN8n, freePort, installPackage, spawnN8n } from '../n8n-runtime.mjs';
import { startPrism } from './prism.mjs';
import { TEST_API_KEY, contracts, createRunner, missingContractReason, tempUserFolder, waitForN8n } from './support.mjs';

const args = process.argv.slice(2);
const KEEP = args.includes('--keep');
const BUILD = !args.includes('--no-build');
const SCREENSHOTS = !args.includes('--no-screenshots');
const IMAGES_DIR = path.join(REPO_DIR, 'docs', 'images');
const OWNER = { email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Diga-e2e-Passw0rd' };
const OUTBOUND_VERSION_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
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

/** Diga's agent picker data as Prism serves it: [{agent_id, name, versions: [...]}]. */
async function prismAgents(prismUrl) {
	const res = await fetch(`${prismUrl}/v1/agent/versions-dropdown/dashboard`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
	assert.equal(res.status, 200, 'Prism serves the agent versions');
	return await res.json();
}

async function prismPhones(prismUrl) {
	const res = await fetch(`${prismUrl}/v1/phone/?limit=100`, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
	assert.equal(res.status, 200, 'Prism serves the phone list');
	return (await res.json()).data;
}

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
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
	console.log(`n8n ${N8N_VERSION} editor with the Diga node; Prism serving Diga's ${contract.name} contract; browser ${executablePath}`);

	await ensureN8n();
	const folder = tempUserFolder('editor');
	const cleanups = [];
	let keep = KEEP;
	try {
		// Prism's usual port when it is free, so the Base URL in the screenshots stays the same.
		const prismPort = (await portIsFree(4010)) ? 4010 : undefined;
		const [, prism] = await Promise.all([installPackage(folder.dir, { build: BUILD }), startPrism(contract.file, { port: prismPort })]);
		cleanups.push(() => prism.stop());

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

		const [agents, phones] = await Promise.all([prismAgents(prism.url), prismPhones(prism.url)]);
		prism.clear();

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
		const screenshot = async (name) => {
			if (!SCREENSHOTS) return;
			for (const close of await page.locator('.el-notification__closeBtn').filter({ visible: true }).all()) await close.click();
			await page.mouse.move(1100, 700);
			await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
			await page.waitForTimeout(400); // let transitions settle
			await page.screenshot({ path: path.join(IMAGES_DIR, name) });
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
					for (const action of ['Import a phone number to take real calls', 'Update a phone number']) {
						assert.ok(actions.includes(action), `"${action}" is offered; the panel lists: ${actions.join(', ')}`);
					}
					await page.getByTestId('node-creator').getByText('Update the SIP config of a phone number', { exact: true }).scrollIntoViewIfNeeded();
					await screenshot('node-actions.png');
				},
			],
			[
				'Import Phone opens with Phone Number, Additional Fields, Outbound Calls and Inbound Calls',
				async () => {
					await page.getByTestId('node-creator').getByText('Import a phone number to take real calls', { exact: true }).click();
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
				'A new Diga API credential pointing at Prism is saved and its test succeeds',
				async () => {
					await ndv.getByText('Connect to Diga', { exact: true }).click();
					const dialog = page.getByTestId('credential-edit-dialog');
					await dialog.getByTestId('parameter-input-apiKey').locator('input').fill(TEST_API_KEY);
					await dialog.getByTestId('parameter-input-baseUrl').locator('input').fill(prism.url);
					const tested = credentialTest();
					await page.getByTestId('credential-save-button').click();
					const result = await (await tested).json();
					assert.deepEqual(result.data, { status: 'OK', message: 'Connection successful!' }, 'n8n tests the credential on save');
					assert.equal(await ndv.getByTestId('node-credentials-select').locator('input').inputValue(), 'Diga account', 'the node uses the new credential');
					await screenshot('import-phone.png');
				},
			],
			[
				"The credential's Test (Retry) succeeds against Prism, which received the test request (GET /v1/phone/)",
				async () => {
					await ndv.getByTestId('credential-edit-button').click();
					const dialog = page.getByTestId('credential-edit-dialog');
					await dialog.waitFor();
					prism.clear();
					const tested = credentialTest();
					await dialog.getByRole('button', { name: 'Retry' }).click();
					const result = await (await tested).json();
					assert.equal(result.data?.status, 'OK', `the credential test answered ${JSON.stringify(result)}`);
					await dialog.getByTestId('credentials-config-container-test-success').waitFor();
					assert.match(await dialog.getByTestId('credentials-config-container-test-success').innerText(), /Connection tested successfully/);
					await prism.settle();
					assert.ok(prism.requests().includes('GET /v1/phone/'), `Prism saw the credential test (saw: ${prism.requests().join(', ')})`);
					await screenshot('credential.png');
					await page.keyboard.press('Escape');
					await dialog.waitFor({ state: 'hidden' });
				},
			],
			[
				'Update Phone: the phone picker lists the phones Prism returns',
				async () => {
					if (await ndv.isVisible()) await page.getByTestId('ndv-close-button').click();
					const importNode = page.getByTestId('canvas-node').filter({ hasText: 'Import a phone number to take real calls' });
					await importNode.getByTestId('canvas-handle-plus').click();
					await openDigaActions();
					await page.getByTestId('node-creator').getByText('Update a phone number', { exact: true }).click();
					await ndv.waitFor();
					await ndv.getByTestId('resource-locator-phoneId').getByTestId('rlc-input').click();
					const items = visible('rlc-item');
					await items.first().waitFor();
					const texts = await items.allInnerTexts();
					assert.equal(texts.length, phones.length, `one entry per phone (${texts.join(' | ')})`);
					phones.forEach((phone, i) => assert.ok(texts[i].includes(String(phone.number)), `entry ${i} shows the number ${phone.number}`));
					await items.first().click();
				},
			],
			[
				"Update Phone: the Inbound Agent picker (From list) lists the agent versions Prism returns",
				async () => {
					await addCollectionOption('Add field', 'Inbound Agent');
					await ndv.getByTestId('resource-locator-inboundVersionId').getByTestId('rlc-input').click();
					const items = visible('rlc-item');
					await items.first().waitFor();
					const texts = await items.allInnerTexts();
					const versions = agents.flatMap((agent) => agent.versions.map((version) => ({ agent, version })));
					assert.equal(texts.length, versions.length, `one entry per agent version (${texts.join(' | ')})`);
					versions.forEach(({ agent, version }, i) => {
						assert.ok(texts[i].startsWith(`${agent.name} · v${version.version_number}`), `entry ${i} "${texts[i]}" names agent "${agent.name}" and version ${version.version_number}`);
					});
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
					await fill('nickname', 'Front desk');
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
						{ mode: 'list', value: agents[0].versions[0].version_id },
					);
					assert.deepEqual({ mode: fields.outboundVersionId.mode, value: fields.outboundVersionId.value }, { mode: 'id', value: OUTBOUND_VERSION_ID });
					assert.equal(updateNode.parameters.phoneId.value, phones[0].id);
				},
			],
			[
				'Prism saw no contract violation from the editor',
				async () => {
					await prism.settle();
					assert.deepEqual(prism.violations(), []);
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
