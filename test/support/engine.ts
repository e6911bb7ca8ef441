/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * Runs workflows through n8n's own engine (n8n-core's WorkflowExecute) with the built package
 * loaded by PackageDirectoryLoader, the loader n8n uses for an installed community package.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import type {
	IBinaryKeyData,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	IConnections,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, NodeHelpers, setSafeRegexEngine, Workflow } from 'n8n-workflow';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/*
 * n8n checks parameter patterns (such as the resource locators' ID pattern) in a VM with a 250 ms
 * wall-clock guard against runaway expressions. On a busy 2-core CI machine that guard trips on
 * harmless patterns and fails unrelated tests, so the harness uses plain RegExp: these tests are
 * about the node, not about n8n's ReDoS protection.
 */
setSafeRegexEngine({
	exec: (pattern, input, flags) => new RegExp(pattern, flags).exec(input),
	test: (pattern, input, flags) => new RegExp(pattern, flags).test(input),
	replace: (pattern, input, flags, replacement) => input.replace(new RegExp(pattern, flags), replacement),
	matchAll: (pattern, input, flags) => Array.from(input.matchAll(new RegExp(pattern, flags?.includes('g') ? flags : `${flags ?? ''}g`))),
	split: (pattern, input, flags) => input.split(new RegExp(pattern, flags)),
});
export const DIGA_TYPE = 'n8n-nodes-diga.diga';
const START_TYPE = 'test.start';

/** Hands the items the test gives straight on, like a trigger would. */
class StartNode implements INodeType {
	description = {
		displayName: 'Start',
		name: 'start',
		group: ['trigger'],
		version: 1,
		description: 'Test input',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

export async function loadPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(ROOT);
		await loader.loadAll();
		return loader;
	})();
	return await loaderPromise;
}

export class TestNodeTypes implements INodeTypes {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly other?: OtherNode,
	) {}

	getByName(type: string): INodeType | IVersionedNodeType {
		if (type === START_TYPE) return new StartNode();
		if (type === this.other?.typeName) return this.other.type;
		// `digaTool` is the node as an AI agent's tool: n8n 2.41 runs the same node under that type.
		const short = type.replace(/^n8n-nodes-diga\./, '').replace(/Tool$/, '');
		return this.loader.getNode(short).type;
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(type), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** Applies the credential's generic `authenticate` block through the workflow's expression resolver. */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** How often n8n loaded and decrypted a credential (of any type): a database read each in a real n8n. */
	reads = 0;

	constructor(
		private readonly credentialType: ICredentialType,
		private readonly data: ICredentialDataDecryptedObject,
		/** The data of other credential types the node reads, by type name. */
		private readonly others: Record<string, ICredentialDataDecryptedObject> = {},
	) {
		super();
	}

	getParentTypes() {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_type: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.credentialType.authenticate;
		if (!authenticate || typeof authenticate === 'function') throw new Error('expected a generic authenticate block');
		const resolve = (value: string) =>
			String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, value));
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		for (const [key, value] of Object.entries(authenticate.properties.headers ?? {})) {
			headers[resolve(key)] = resolve(String(value));
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getCredentialsProperties() {
		return this.credentialType.properties;
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _nodeCredentials: unknown, type: string) {
		this.reads++;
		return { ...(this.others[type] ?? this.data) };
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	isCredentialUsableByNode() {
		return true;
	}
}

export interface RunOptions {
	/** The Diga node's parameters. */
	parameters: IDataObject;
	/** Input items (json). */
	items?: IDataObject[];
	/** The binary data of each input item, by index (files to upload). */
	binaries?: Array<IBinaryKeyData | undefined>;
	credentials: { apiKey: string; baseUrl: string };
	/** The SIP trunk fields of the node's Diga API credential (filled in beside the key). */
	sipTrunk?: { terminationUri?: unknown; username?: unknown; password?: unknown };
	continueOnFail?: boolean;
	/** "On Error: Continue (using error output)": failed items leave on the second output. */
	errorOutput?: boolean;
	/** The workflow's time zone setting (Workflow Settings > Timezone). */
	timezone?: string;
	/** Runs the node as an AI agent's tool would: with the type `n8n-nodes-diga.digaTool`. */
	asTool?: boolean;
	/** Runs another node type in the Diga node's place, with its own credential (the bench's HTTP Request node). */
	node?: OtherNode;
	/** Receives, once the run has started, a function that cancels it as n8n's Stop button does. */
	onStart?: (cancel: () => void) => void;
}

export interface OtherNode {
	typeName: string;
	type: INodeType | IVersionedNodeType;
	typeVersion: number;
	credentials: INode['credentials'];
	credentialsHelper: ICredentialsHelper;
}

export interface RunResult {
	run?: IRun;
	/** The Diga node's output items; undefined when the node failed. */
	output?: INodeExecutionData[];
	/** The items on the error output, with `errorOutput`. */
	errorItems?: INodeExecutionData[];
	/** How often the credential was loaded and decrypted during the run. */
	credentialReads?: number;
	/** The error the node failed with, if it did. */
	error?: { message: string; description?: string | null; httpCode?: string | null; context?: IDataObject };
}

interface TestWorkflow {
	workflow: Workflow;
	nodes: INode[];
	connections: IConnections;
	additionalData: IWorkflowExecuteAdditionalData;
}

/** A trunk as the Diga API credential stores it. */
export function trunkFields(trunk: RunOptions['sipTrunk']): ICredentialDataDecryptedObject {
	if (!trunk) return {};
	return { sipTerminationUri: trunk.terminationUri, sipUsername: trunk.username, sipPassword: trunk.password } as ICredentialDataDecryptedObject;
}

async function buildWorkflow(options: RunOptions): Promise<TestWorkflow> {
	const loader = await loadPackage();
	const credentialType = loader.getCredential('digaApi').type;
	const nodes: INode[] = [
		{ id: '1', name: 'Start', type: START_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: '2',
			name: 'Diga',
			type: options.node?.typeName ?? (options.asTool ? `${DIGA_TYPE}Tool` : DIGA_TYPE),
			typeVersion: options.node?.typeVersion ?? 1,
			position: [200, 0],
			parameters: options.parameters as INode['parameters'],
			credentials: options.node?.credentials ?? { digaApi: { id: '1', name: 'Diga account' } },
			onError: options.errorOutput ? 'continueErrorOutput' : options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
		},
	];
	const connections: IConnections = { Start: { main: [[{ node: 'Diga', type: 'main', index: 0 }]] } };
	const workflow = new Workflow({
		id: 'test',
		nodes,
		connections,
		active: false,
		nodeTypes: new TestNodeTypes(loader, options.node),
		settings: options.timezone ? { timezone: options.timezone } : {},
	});
	const hooks = new ExecutionLifecycleHooks('manual', '1', { id: 'test', name: 'test', nodes, connections } as never);
	const additionalData = testAdditionalData(
		options.node?.credentialsHelper ??
			new TestCredentialsHelper(credentialType, { ...options.credentials, ...trunkFields(options.sipTrunk) }),
		hooks,
	);
	return { workflow, nodes, connections, additionalData };
}

/** What n8n hands a node run besides the workflow: hooks, the credentials helper, the instance's URLs. */
export function testAdditionalData(credentialsHelper: ICredentialsHelper, hooks: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper,
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		restApiUrl: 'http://localhost',
		instanceBaseUrl: 'http://localhost',
		webhookBaseUrl: 'http://localhost',
		webhookWaitingBaseUrl: 'http://localhost',
		webhookTestBaseUrl: 'http://localhost',
		formWaitingBaseUrl: 'http://localhost',
		variables: {},
		userId: 'test',
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Calls one of the node's list-search methods (the resource locators' "From list") as the editor does. */
export async function listSearch(
	method: string,
	credentials: RunOptions['credentials'],
	filter?: string,
	paginationToken?: string,
	/** The node's parameters, for a picker that reads another field (the versions of the chosen agent). */
	parameters: IDataObject = { resource: 'phone', operation: 'update' },
): Promise<INodeListSearchResult> {
	const { workflow, nodes, additionalData } = await buildWorkflow({ parameters, credentials });
	// The editor sends the node's current parameters with every picker request.
	additionalData.currentNodeParameters = parameters as INodeParameters;
	const context = new LoadOptionsContext(workflow, nodes[1], additionalData, 'parameters.phoneId');
	const nodeType = workflow.nodeTypes.getByNameAndVersion(DIGA_TYPE, 1);
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`no list search method ${method}`);
	return await search.call(context, filter, paginationToken);
}

export async function runDiga(options: RunOptions): Promise<RunResult> {
	const { workflow, nodes, additionalData } = await buildWorkflow(options);
	let finished: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	additionalData.hooks?.addHandler('workflowExecuteAfter', (run) => finished(run));

	const items = (options.items ?? [{}]).map((json, index) => ({ json, ...(options.binaries?.[index] ? { binary: options.binaries[index] } : {}) }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: nodes[0], data: { main: [items] }, source: null }] },
	});
	try {
		const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
		options.onStart?.(() => execution.cancel());
		await execution;
	} catch (error) {
		// n8n refuses to start a workflow whose parameters fail their own validation (WorkflowHasIssuesError).
		return { error: error as RunResult['error'] };
	}
	const run = await done;
	const task = run.data.resultData.runData.Diga?.[0];
	const error = (task?.error ?? run.data.resultData.error) as RunResult['error'];
	const credentialReads = (additionalData.credentialsHelper as TestCredentialsHelper).reads;
	return { run, output: task?.data?.main[0] ?? undefined, errorItems: task?.data?.main[1] ?? undefined, error, credentialReads };
}
