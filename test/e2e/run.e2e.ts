/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console -- test code that runs real n8n in Node under Jest, not code that n8n loads */
/**
 * `npm run test:e2e`: the packed package installed into real n8n (the way users get it), its workflows
 * run by n8n's own CLI against Prism serving each of Diga's contracts.
 *
 *   1. build, `npm pack`, install the tarball into a fresh user folder's .n8n/nodes;
 *   2. start Prism per contract, each behind a recording proxy, and the scripted chat model the AI-agent
 *      workflows use (test/support/fake-model.ts);
 *   3. `n8n import:credentials` once: one Diga API credential per workflow (its Base URL names the
 *      workflow, so every request is attributed; with the SIP trunk fields for each workflow whose nodes
 *      send the trunk), plus a Diga API credential with a wrong key for a fake Diga;
 *   4. `n8n import:workflow --separate` once: the cases (cases.ts) and every file in examples/
 *      (expectations in examples.ts), for each contract;
 *   5. `n8n execute-batch` once for all of them, then `n8n execute --id` for the wrong-key workflow;
 *   6. one test per case and example: outputs, the requests Diga received, zero contract violations.
 *
 * Environment: E2E_CONTRACT=2026-07-22 (one contract only), E2E_NO_BUILD=1 (use dist/ as is), E2E_KEEP=1
 * (keep the n8n user folder); DIGA_CONTRACTS_DIR serves the openapi.<date>.json files of another folder.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { servedContracts, type Contract } from '../support/contracts';
import { TEST_API_KEY, WRONG_API_KEY } from '../support/diga';
import { startFakeDiga, type FakeDiga } from '../support/fake-diga';
import { startFakeModel, type FakeModel } from '../support/fake-model';
import { ensureN8n, executeBatch, exportedWorkflowsAndExecutions, importIntoN8n, installPackage, N8N_VERSION, REPO_DIR, runN8n, tempUserFolder, type CredentialFile, type RunResult } from '../support/n8n';
import { startPrism, startRecordingProxy, type RecordingProxy, type Stamp } from '../support/prism';
import { CALL_CASES, startRecordingStorage } from './calls';
import { AGENT_CASES, CASES } from './cases';
import { checkExample, type Ctx, type Run } from './checks';
import { EXAMPLES } from './examples';
import { accountData, E2E_TRUNK, trunkFields, usesModel, usesTrunk, withCredentials, WRONG_KEY_WORKFLOW, type Json, type Workflow } from './workflows';

const ONLY_CONTRACT = process.env.E2E_CONTRACT;
const BUILD = !process.env.E2E_NO_BUILD;
const EXAMPLES_DIR = path.join(REPO_DIR, 'examples');
const WRONG_KEY_ID = 'e2ewrongkey01';

const selected = servedContracts().filter((contract) => !ONLY_CONTRACT || contract.name === ONLY_CONTRACT);
if (selected.length === 0) throw new Error(`Unknown contract "${ONLY_CONTRACT}"`);
const present = selected.filter((contract) => !contract.missing);
const examples = readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json'))
	.sort()
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) as Workflow }));

/** One workflow of the batch: its id, what it runs, against which contract, and its checks. */
interface Planned {
	id: string;
	title: string;
	/** Names its credential. */
	label: string;
	contract: Contract;
	workflow: Workflow;
	trunk?: Json;
	stamp?: (workflowId: string) => Stamp;
	prepare?: (workflow: Workflow) => Workflow;
	check: (ctx: Ctx) => void;
}

/** The plan is known before anything starts, so each case and example is its own test. */
const plan = present.map((contract) => {
	const tag = contract.name.slice(5).replace('-', '');
	const planned: Planned[] = [...CASES, ...AGENT_CASES, ...CALL_CASES].map((c, i) => ({
		id: `e2e${tag}c${String(i + 1).padStart(2, '0')}`,
		title: c.title,
		label: c.key,
		contract,
		workflow: c.workflow,
		trunk: c.trunk,
		stamp: c.stamp,
		check: c.check,
	}));
	const skipped: Array<{ title: string; why: string }> = [];
	examples.forEach(({ file, workflow }, i) => {
		const spec = EXAMPLES[file];
		const title = `examples/${file}`;
		// `n8n execute` runs a workflow from a Manual Trigger; a trigger's example runs activated, in its own suite file.
		if (spec?.activatedBy) return;
		if (spec?.contracts && !spec.contracts.includes(contract.name)) {
			skipped.push({ title, why: `its endpoint is not in the ${contract.name} contract (only ${spec.contracts.join(', ')})` });
			return;
		}
		planned.push({
			id: `e2e${tag}x${String(i + 1).padStart(2, '0')}`,
			title,
			label: file,
			contract,
			workflow,
			stamp: spec?.stamp,
			prepare: spec?.prepare,
			check: (ctx) => {
				assert.ok(spec, `no expectation for examples/${file}: add one to EXAMPLES in test/e2e/examples.ts`);
				checkExample(file, spec, ctx);
			},
		});
	});
	return { contract, planned, skipped };
});

interface Outcome {
	proxies: Map<string, RecordingProxy>;
	model: FakeModel;
	wrongKeyDiga: FakeDiga;
	/** The workflows as imported (with their credentials), by id. */
	imported: Map<string, Workflow>;
	batch: Awaited<ReturnType<typeof executeBatch>>;
	wrongKey: RunResult;
	/** Every SIP trunk password a credential of the run held. */
	trunkPasswords: string[];
	exported: Awaited<ReturnType<typeof exportedWorkflowsAndExecutions>>;
}

const folder = tempUserFolder('e2e');
const stoppers: Array<() => Promise<void>> = [];
let outcome: Outcome | undefined;
let setupError: unknown;
let failures = 0;

/** Everything n8n does in this suite, once: its tests then read the outcome. */
async function runEverything(): Promise<Outcome> {
	const t0 = Date.now();
	const { node } = await ensureN8n();
	const [, ...servers] = await Promise.all([
		installPackage(folder.dir, { build: BUILD }),
		...present.map(async (contract) => {
			const prism = await startPrism(contract.file);
			stoppers.push(prism.stop);
			const proxy = await startRecordingProxy(prism.url);
			stoppers.push(proxy.stop);
			return [contract.name, proxy] as const;
		}),
	]);
	const proxies = new Map(servers);
	const wrongKeyDiga = await startFakeDiga((request) =>
		request.headers.authorization === `Bearer ${WRONG_API_KEY}`
			? { status: 401, body: { status: 'error', error_code: 'INVALID_API_KEY', message: 'Invalid API key' } }
			: { status: 500, body: { status: 'error', error_code: 'UNEXPECTED', message: 'The fake Diga did not expect this request' } },
	);
	stoppers.push(wrongKeyDiga.stop);
	const model = await startFakeModel();
	stoppers.push(model.stop);
	stoppers.push((await startRecordingStorage()).stop);
	console.log(`n8n ${N8N_VERSION} on ${node}: package installed in ${folder.dir}; Prism up for ${proxies.size} contract(s) (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

	// One credential per workflow, so every request is attributed to the workflow that sent it.
	const credentials: CredentialFile[] = [];
	const imported = new Map<string, Workflow>();
	for (const { contract, planned } of plan) {
		const proxy = proxies.get(contract.name)!;
		for (const p of planned) {
			const byType: Record<string, CredentialFile> = {
				digaApi: {
					id: `cr${p.id}`,
					name: `Diga Prism ${contract.name} ${p.label}`,
					type: 'digaApi',
					data: { apiKey: TEST_API_KEY, baseUrl: proxy.baseUrlFor(p.id), ...(usesTrunk(p.workflow) ? trunkFields(p.trunk ?? E2E_TRUNK) : {}) },
				},
			};
			if (usesModel(p.workflow)) {
				byType.openAiApi = { id: `oa${p.id}`, name: `Fake model ${p.id}`, type: 'openAiApi', data: { apiKey: 'sk-fake-model', url: model.baseUrlFor(p.id) } };
				proxy.stamp(p.id, accountData);
			} else if (p.stamp) proxy.stamp(p.id, p.stamp(p.id));
			credentials.push(...Object.values(byType));
			imported.set(p.id, { ...withCredentials(p.prepare ? p.prepare(p.workflow) : p.workflow, byType), id: p.id, active: false });
		}
	}
	credentials.push({ id: 'crwrongkey01', name: 'Diga wrong key', type: 'digaApi', data: { apiKey: WRONG_API_KEY, baseUrl: wrongKeyDiga.url } });
	const wrongKeyWorkflow = { ...withCredentials(WRONG_KEY_WORKFLOW, { digaApi: { id: 'crwrongkey01', name: 'Diga wrong key' } }), id: WRONG_KEY_ID, active: false };
	await importIntoN8n(folder.dir, { credentials, workflows: [...imported.values(), wrongKeyWorkflow] as Array<Workflow & { id: string }> });

	const t1 = Date.now();
	const batch = await executeBatch(folder.dir, [...imported.keys()]);
	console.log(`n8n execute-batch (${imported.size} workflows): exit ${batch.result.code} (${((Date.now() - t1) / 1000).toFixed(1)} s)`);
	const wrongKey = await runN8n(['execute', `--id=${WRONG_KEY_ID}`], { userFolder: folder.dir, timeoutMs: 180_000 });
	const trunkPasswords = [...new Set(credentials.map((credential) => credential.data.sipPassword).filter((password): password is string => typeof password === 'string' && password !== ''))];
	const exported = await exportedWorkflowsAndExecutions(folder.dir);
	return { proxies, model, wrongKeyDiga, imported, batch, wrongKey, trunkPasswords, exported };
}

beforeAll(async () => {
	try {
		outcome = await runEverything();
	} catch (error) {
		setupError = error;
	}
}, 30 * 60_000);

afterAll(async () => {
	for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
	if (process.env.E2E_KEEP || setupError || failures > 0) console.log(`n8n user folder kept for inspection: ${folder.dir}`);
	else folder.remove();
});

/** A test that reads the outcome; a failed set-up fails it with the set-up's error. */
function check(title: string, fn: (outcome: Outcome) => void): void {
	test(title, () => {
		try {
			if (!outcome) throw setupError ?? new Error('the end-to-end set-up did not run');
			fn(outcome);
		} catch (error) {
			failures++;
			throw error;
		}
	});
}

describe(`n8n ${N8N_VERSION} end to end`, () => {
	for (const contract of selected.filter((each) => each.missing)) test.skip(`contract ${contract.name} (cases and examples): ${contract.missing}`, () => undefined);

	describe.each(plan)('contract $contract.name', ({ contract, planned, skipped }) => {
		for (const p of planned) {
			check(p.title, ({ proxies, model, imported, batch }) =>
				p.check({
					run: batch.runs.get(p.id) as Run | undefined,
					error: batch.errors.get(p.id),
					requests: proxies.get(contract.name)!.requestsOf(p.id),
					model: model.requests(p.id),
					contract,
					workflow: imported.get(p.id)!,
				}),
			);
		}
		for (const { title, why } of skipped) test.skip(`${title}: ${why}`, () => undefined);

		check('Prism saw no contract violation in the whole run', ({ proxies }) => {
			const proxy = proxies.get(contract.name)!;
			assert.deepEqual(proxy.requests.flatMap((request) => request.violations), []);
			const refused = proxy.requests.filter((request) => request.status < 200 || request.status >= 300);
			assert.deepEqual(refused.map((request) => `${request.method} ${request.path}: ${request.status}`), [], 'Prism answered every request with 2xx (a path, method or key outside the contract gets none)');
			assert.deepEqual(proxy.requestsOf(null), [], 'every request came from a workflow of this suite');
		});
	});

	check('Neither the API key nor the SIP trunk password appears in run data or n8n output', ({ batch }) => {
		const texts = [batch.result.stdout, batch.result.stderr, ...batch.snapshots];
		assert.ok(texts.length > 2, 'snapshots were written');
		for (const text of texts) {
			assert.ok(!text.includes(TEST_API_KEY), 'the test API key leaked');
			assert.ok(!text.includes(E2E_TRUNK.password), 'the SIP trunk password leaked');
		}
	});

	check('No SIP trunk password in any workflow n8n exports or any execution it saved (the trunk is in the encrypted credential)', ({ trunkPasswords, exported, imported }) => {
		assert.ok(trunkPasswords.includes(E2E_TRUNK.password) && trunkPasswords.length >= 2, `the run's credentials held trunk passwords: ${trunkPasswords.length}`);
		const trunkWorkflows = [...imported.values()].filter(usesTrunk).length;
		assert.ok(trunkWorkflows >= 4, `workflows sent a trunk (Import, Update SIP Config, examples): ${trunkWorkflows}`);
		assert.ok(exported.executions.length >= imported.size, `n8n saved the executions: ${exported.executions.length} of ${imported.size}`);
		assert.match(exported.workflows, /"outboundTrunk":\s*"credential"/, 'the export holds the workflows that use the trunk');
		for (const password of trunkPasswords) {
			assert.ok(!exported.workflows.includes(password), 'a SIP trunk password is in the exported workflows');
			assert.ok(!exported.executions.some((execution) => execution.includes(password)), 'a SIP trunk password is in a saved execution');
		}
	});

	check('Wrong API key: the run fails with the invalid-key message, and the key is not in the output', ({ wrongKey, wrongKeyDiga }) => {
		const text = `${wrongKey.stdout}\n${wrongKey.stderr}`;
		assert.notEqual(wrongKey.code, 0, 'n8n execute exits non-zero');
		assert.match(text, /Diga answered 401 INVALID_API_KEY: Invalid API key/);
		assert.ok(!text.includes(WRONG_API_KEY), 'the API key appears in n8n output');
		assert.ok(!text.includes(WRONG_API_KEY.slice(3, 20)), 'part of the API key appears in n8n output');
		assert.deepEqual(
			wrongKeyDiga.requests.map((request) => ({ method: request.method, path: request.path, authorization: request.headers.authorization })),
			[{ method: 'POST', path: '/v1/phone/import', authorization: `Bearer ${WRONG_API_KEY}` }],
			'one request, sent with the key, not retried',
		);
	});
});
