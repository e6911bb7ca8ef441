/**
 * Runs the Diga Trigger's poll the way n8n 2.41 runs a polling node: n8n-core's PollTriggerExecutor
 * drives a PollContext; activation runs a first poll that must not fail, then saves the workflow's
 * static data; a scheduled poll that emits items saves it again, one that returns nothing leaves it
 * in memory only. `saved` is what n8n's database would hold, so `restart()` + `activate('init')` is
 * an n8n restart: the running workflow is dropped and rebuilt from the saved static data.
 * Polls started together overlap as n8n 2.41 lets them: one workflow, one static data object.
 * `expressionIsolate` models n8n's default expression engine as n8n-workflow's Expression and
 * @n8n/expression-runtime's evaluator behave: a scheduled poll acquires the workflow's isolate (an
 * acquire while it is held answers "already held") and releases it when it returns, whoever holds it;
 * an expression (the credential's header) rendered in a scheduled poll without it fails.
 */
import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, PollContext, PollTriggerExecutor, WorkflowExecute } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, IRun, IWorkflowExecuteAdditionalData, WorkflowActivateMode } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { TEST_API_KEY } from './diga';
import { loadPackage, TestCredentialsHelper, TestNodeTypes, testAdditionalData } from './engine';

export const TRIGGER_TYPE = 'n8n-nodes-diga.digaTrigger';
const NODE_NAME = 'Diga Trigger';

export interface PollRun {
	/** The items the poll emitted (json only); undefined when it emitted none. */
	items?: IDataObject[];
	error?: Error & { description?: string | null; httpCode?: string | null };
}

interface Running {
	workflow: Workflow;
	node: INode;
	additionalData: IWorkflowExecuteAdditionalData;
}

export class TriggerHarness {
	/** The workflow's static data as n8n's database holds it (JSON, as n8n stores it). */
	saved: IDataObject = {};
	/** What the node logged as warnings, across polls. */
	warnings: string[] = [];
	/** Models n8n's default expression engine (see the header); off: the legacy engine, which has no isolate. */
	expressionIsolate = false;
	private running?: Running;
	private isolate = { held: false, scheduled: false };

	constructor(
		public parameters: IDataObject,
		private readonly server: { url: string },
	) {}

	private async build(): Promise<Running> {
		const loader = await loadPackage();
		const node: INode = {
			id: 'trigger',
			name: NODE_NAME,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...this.parameters } as INode['parameters'],
			credentials: { digaApi: { id: '1', name: 'Diga account' } },
		};
		const workflow = new Workflow({
			id: 'poll-test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: new TestNodeTypes(loader),
			staticData: JSON.parse(JSON.stringify(this.saved)) as IDataObject,
			settings: {},
		});
		const credentials = new TestCredentialsHelper(loader.getCredential('digaApi').type, { apiKey: TEST_API_KEY, baseUrl: this.server.url });
		const hooks = new ExecutionLifecycleHooks('trigger', '1', { id: 'poll-test', name: 'poll-test', nodes: [node], connections: {} } as never);
		if (this.expressionIsolate) this.modelIsolate(workflow);
		return { workflow, node, additionalData: testAdditionalData(credentials, hooks) };
	}

	private modelIsolate(workflow: Workflow): void {
		const { expression } = workflow;
		const isolate = this.isolate;
		expression.acquireIsolate = async () => (isolate.held ? false : (isolate.held = true));
		expression.releaseIsolate = async () => void (isolate.held = false);
		const render = expression.getSimpleParameterValue.bind(expression);
		expression.getSimpleParameterValue = (...args: Parameters<typeof render>) => {
			if (isolate.scheduled && !isolate.held) throw new Error('No bridge acquired for this context. Call acquire() first.');
			return render(...args);
		};
	}

	/** What n8n's WorkflowStaticDataService does: store the static data when the node changed it. */
	private save(workflow: Workflow): void {
		if (workflow.staticData.__dataChanged !== true) return;
		this.saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		workflow.staticData.__dataChanged = false;
	}

	private async run(running: Running, activation: WorkflowActivateMode, testing: boolean): Promise<PollRun> {
		const result: PollRun = {};
		const context = new PollContext(
			running.workflow,
			running.node,
			running.additionalData,
			'trigger',
			activation,
			(data: INodeExecutionData[][]) => {
				result.items = data[0].map((item) => item.json);
				this.save(running.workflow);
			},
			(error: Error) => (result.error = error),
		);
		// n8n's logger, read from a context of its own: a context's `logger` cannot be replaced once read.
		const logger = new PollContext(running.workflow, running.node, running.additionalData, 'trigger', activation).logger;
		Object.defineProperty(context, 'logger', {
			value: Object.assign(Object.create(logger) as typeof logger, { warn: (message: string) => this.warnings.push(message) }),
		});
		const execute = Container.get(PollTriggerExecutor).create(running.workflow, running.node, context, () => true);
		try {
			await execute(testing);
		} catch (error) {
			result.error = error as PollRun['error'];
		}
		return result;
	}

	/** Activation (or n8n starting with the workflow active, `init`): a first poll, then a save. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<PollRun> {
		this.running = await this.build();
		const result = await this.run(this.running, activation, true);
		if (result.error) this.running = undefined;
		else this.save(this.running.workflow);
		return result;
	}

	/** One scheduled poll of the running workflow. */
	async poll(): Promise<PollRun> {
		if (!this.running) throw new Error('activate() first');
		this.isolate.scheduled = true;
		return await this.run(this.running, 'activate', false);
	}

	/** n8n stops: whatever was not saved is gone. */
	restart(): void {
		this.running = undefined;
		this.isolate = { held: false, scheduled: false };
	}

	/** The trigger's own state, as saved. */
	savedState(): IDataObject | undefined {
		return (this.saved[`node:${NODE_NAME}`] as IDataObject | undefined)?.calls as IDataObject | undefined;
	}

	/** Fetch Test Event: the workflow run in manual mode from the trigger, as the editor does. */
	async manual(): Promise<PollRun> {
		const { workflow, node, additionalData } = await this.build();
		let finished: (run: IRun) => void = () => {};
		const done = new Promise<IRun>((resolve) => (finished = resolve));
		additionalData.hooks?.addHandler('workflowExecuteAfter', (run) => finished(run));
		const runData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: [[{ json: {} }]] }, source: null }] },
		});
		await new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
		const task = (await done).data.resultData.runData[NODE_NAME]?.[0];
		const error = (task?.error ?? undefined) as PollRun['error'];
		const items = task?.data?.main[0]?.map((item) => item.json);
		return { items: items && items.length > 0 ? items : undefined, error };
	}
}
