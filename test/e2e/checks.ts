/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/** What the end-to-end cases assert on a run: n8n's run data, the requests Diga received, what the model saw. */
import assert from 'node:assert/strict';

import type { Contract } from '../support/contracts';
import { TEST_API_KEY } from '../support/diga';
import type { ModelRequest } from '../support/fake-model';
import { NODE_TYPE } from '../support/n8n';
import type { RecordedRequest, Stamp } from '../support/prism';
import type { Json, Workflow } from './workflows';

export interface Item {
	json: Json;
	pairedItem?: unknown;
}
/** n8n's run data of one workflow, as `execute-batch --snapshot` writes it. */
export interface Run {
	status: string;
	data: { resultData: { runData: Record<string, Array<{ data?: { main?: Array<Item[] | null> } }>> } };
}
export interface Ctx {
	run?: Run;
	/** What n8n reported for the workflow, when it failed. */
	error?: string;
	requests: RecordedRequest[];
	model: ModelRequest[];
	contract: Contract;
	workflow: Workflow;
}

export function output(run: Run | undefined, nodeName: string, outputIndex = 0): Item[] {
	const task = run?.data?.resultData?.runData?.[nodeName]?.[0];
	assert.ok(task, `node "${nodeName}" ran`);
	return task.data?.main?.[outputIndex] ?? [];
}

export function expectSuccess(ctx: Ctx): void {
	assert.ok(ctx.run, `the workflow ran without error in n8n (n8n reported: ${ctx.error ?? 'no run data'})`);
	assert.equal(ctx.run.status, 'success');
}

export function expectPhoneItems(items: Item[], count: number): void {
	assert.equal(items.length, count);
	items.forEach((item, index) => {
		assert.equal(typeof item.json.id, 'string', 'a phone register with an id');
		assert.ok('number' in item.json && 'status' in item.json, 'a phone register');
		assert.deepEqual(item.pairedItem, { item: index });
	});
}

export const describeRequest = (request: RecordedRequest) => `${request.method} ${request.path}`;
/** A recorded request's JSON body. */
export const bodyOf = (request: RecordedRequest) => request.body as Json;

/** The requests Diga saw, in order, each accepted by the contract (no violation, 2xx) and authenticated. */
export function expectRequests(ctx: Ctx, expected: string[]): void {
	assert.deepEqual(ctx.requests.map(describeRequest), expected);
	expectContractClean(ctx);
}

export function expectContractClean(ctx: Ctx): void {
	assert.ok(ctx.requests.length > 0, 'Diga received requests');
	for (const request of ctx.requests) {
		const described = describeRequest(request);
		assert.deepEqual({ request: described, violations: request.violations }, { request: described, violations: [] }, 'Prism found a contract violation');
		assert.ok(request.status >= 200 && request.status < 300, `${described} answered ${request.status}`);
		assert.equal(request.headers.authorization, `Bearer ${TEST_API_KEY}`, 'the credential authenticates the request');
	}
}

export const agentAnswer = (ctx: Ctx) => String(output(ctx.run, 'AI Agent')[0]?.json.output);
/** The tool calls the model made, in order: {name, args}. */
export const modelToolCalls = (ctx: Ctx) => ctx.model.flatMap((request) => request.reply?.toolCalls ?? []);
/** What the model received as the result of each tool call: {name, content}. */
export function toolResultsSeenByModel(ctx: Ctx): Array<{ name?: string; content: string }> {
	const last = ctx.model.at(-1)?.messages ?? [];
	const names = new Map(last.flatMap((message) => message.tool_calls ?? []).map((call) => [call.id, call.function.name]));
	return last.filter((message) => message.role === 'tool').map((message) => ({ name: names.get(message.tool_call_id ?? ''), content: String(message.content) }));
}

const STICKY_NOTE = 'n8n-nodes-base.stickyNote';
/** n8n draws a node as a 100 x 100 square from its position. */
const NODE_SIZE = 100;

/**
 * What a person importing the example needs, checked without running it: sticky notes with the setup
 * steps (naming the credential), clear of the other nodes and of each other, and no password anywhere.
 */
export function checkExampleFile(file: string, workflow: Workflow): void {
	const notes = workflow.nodes.filter((node) => node.type === STICKY_NOTE);
	assert.ok(notes.length > 0, `${file}: a sticky note with the setup steps`);
	const content = (note: Workflow['nodes'][number]) => String(note.parameters.content);
	assert.ok(
		notes.some((note) => /\*\*Setup\*\*/.test(content(note)) && content(note).includes('Diga API credential')),
		`${file}: a sticky note says which credential to choose`,
	);
	const box = (node: Workflow['nodes'][number]) => {
		const [x, y] = node.position;
		return node.type === STICKY_NOTE ? [x, y, x + Number(node.parameters.width), y + Number(node.parameters.height)] : [x, y, x + NODE_SIZE, y + NODE_SIZE];
	};
	const overlap = (a: number[], b: number[]) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
	for (const note of notes) {
		assert.ok(Number(note.parameters.width) > 0 && Number(note.parameters.height) > 0, `${file}: "${note.name}" has a size`);
		for (const other of workflow.nodes) {
			if (other !== note) assert.ok(!overlap(box(note), box(other)), `${file}: "${note.name}" overlaps "${other.name}"`);
		}
	}
	assert.doesNotMatch(JSON.stringify(workflow), /"password"/i, `${file}: holds no password`);
}

/**
 * What an example must do. `requests`: the exact requests in order; `every`: all requests (at least one)
 * are this one (pagination may repeat it); `contracts`: the contract versions that have the endpoint;
 * `check(ctx)`: more assertions. Every Diga node must return items without errors on its main output.
 */
export interface ExampleSpec {
	requests?: string[];
	every?: string;
	contracts?: string[];
	/** What Diga's answers look like for this example instead of Prism's placeholders (its workflow id given). */
	stamp?: (workflowId: string) => Stamp;
	check?: (ctx: Ctx) => void;
	/** The workflow as the suite runs it, e.g. a web address pointed at the suite's own host (which is up by then). */
	prepare?: (workflow: Workflow) => Workflow;
	/** An example that starts with a trigger, not a Manual Trigger: the suite file that activates it in a running n8n. */
	activatedBy?: string;
}

export function checkExample(file: string, spec: ExampleSpec, ctx: Ctx): void {
	checkExampleFile(file, ctx.workflow);
	expectSuccess(ctx);
	if (spec.requests) expectRequests(ctx, spec.requests);
	else expectContractClean(ctx);
	if (spec.every) for (const request of ctx.requests) assert.equal(describeRequest(request), spec.every);
	for (const node of ctx.workflow.nodes.filter((each) => each.type === NODE_TYPE)) {
		const items = output(ctx.run, node.name);
		assert.ok(items.length > 0, `${file}: node "${node.name}" returned items`);
		for (const item of items) assert.equal(item.json.error, undefined, `${file}: node "${node.name}" returned an error item`);
	}
	spec.check?.(ctx);
}
