/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/node-usable-as-tool, @n8n/community-nodes/require-node-api-error -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Engine harness: runs workflows through n8n-core's real `WorkflowExecute` and serves trigger
 * webhooks over real HTTP on 127.0.0.1, with test credentials applied by the credential type's
 * own `authenticate`. No mocks: node code, expression resolution, continueOnFail / onError,
 * `this.helpers.httpRequestWithAuthentication` and the webhook/hook contexts are n8n's own.
 *
 *   const harness = createEngineHarness({
 *     nodeTypes: [new WhatsAppPayments()],          // registered as `<packageName>.<description.name>`
 *     credentialTypes: [new WhatsAppPaymentsApi()],
 *     credentials: { whatsAppPaymentsApi: { provider: 'cloudApi', accessToken, phoneNumberId, baseUrl } },
 *   });
 *   const result = await harness.runWorkflow(
 *     { nodes: [itemsSource('Items'), { name: 'Send', type: harness.typeName('whatsAppPayments'), parameters }],
 *       connections: chain('Items', 'Send') },
 *     { items: [{ to: '911234567890' }] },
 *   );
 *   result.status;            // 'success' | 'error' | ...
 *   result.json('Send');      // output items (json) of the node's first main output
 *   result.nodes.Send.error;  // ErrorSummary when the node failed
 *
 *   const server = await harness.startWebhookServer({ nodes: [trigger, ...], connections });
 *   await server.activate();               // webhookMethods checkExists / create, like n8n's activation
 *   await fetch(server.webhookUrl('Trigger'), { method: 'POST', body });
 *   await server.settled();                // every execution the webhooks started, finished
 *   server.executions;                     // one entry per started execution
 *   await server.deactivate(); await server.close();
 *
 * Workflows: nodes need only `name` and `type`; the rest gets n8n's defaults (id, position, the type's
 * newest version, parameter defaults). A node whose type declares a credential that the harness holds
 * test data for gets that credential attached, as a user would have picked it.
 * Runs start at the start node (the one node without a main input, or `startNode`) with `items` as its
 * input. `itemsSource()` is a test-only node type that passes its input on: a stand-in for a manual trigger.
 * A webhook trigger as start node passes the items on too, as after a webhook call.
 * Logging: n8n's log lines are discarded unless N8N_LOG_LEVEL is set; errors are in the results.
 *
 * Fidelity notes (what differs from a full n8n instance): credentials are plain objects given per
 * harness (defaults of the credential type are applied like n8n does, expressions in credential values
 * are not resolved); sub-workflows, binary data storage and task runners are not available; webhooks
 * support the `onReceived` and `responseNode` response modes (a Respond node's answer is relayed through n8n's
 * `sendResponse` hook; when none answers, 500 for a failed execution, else an empty 200, like n8n); production
 * webhook URLs only (`/webhook/...`).
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQueryString } from 'node:querystring';
import {
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	HookContext,
	InstanceSettings,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	UnexpectedError,
	Workflow,
} from 'n8n-workflow';
import type {
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	IExecuteResponsePromiseData,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
	WebhookSetupMethodNames,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { name as PACKAGE_NAME } from '../../package.json';

// ---------------------------------------------------------------- public types

export type AnyNodeType = INodeType | IVersionedNodeType;

/** A workflow node: `name` and `type` are required, everything else gets n8n's defaults. */
export type NodeSpec = Pick<INode, 'name' | 'type'> & Partial<Omit<INode, 'name' | 'type'>>;

export interface WorkflowSpec {
	nodes: NodeSpec[];
	connections?: IConnections;
	settings?: IWorkflowSettings;
	id?: string;
	name?: string;
}

export interface HarnessOptions {
	/** Node types under test, registered as `<packageName>.<description.name>`. The items source is always there. */
	nodeTypes: AnyNodeType[];
	credentialTypes?: ICredentialType[];
	/** Test credential data per credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Prefix of the node type names, as n8n loads a community package. Default: this repo's package name. */
	packageName?: string;
}

export interface RunOptions {
	/** Input items (json) of the start node. Default: one empty item, like a manual trigger. */
	items?: IDataObject[];
	/** Name of the node the run starts at. Default: the only node without a main input. */
	startNode?: string;
	/** Execution mode. Default `manual`. */
	mode?: WorkflowExecuteMode;
	/** Workflow static data; the object is mutated in place, so it can be kept between runs. */
	staticData?: IDataObject;
}

/** What the n8n UI shows of an error: never the request configuration. */
export interface ErrorSummary {
	name: string;
	message: string;
	description?: string;
	httpCode?: string;
	node?: string;
}

export interface NodeRunSummary {
	status: ExecutionStatus;
	/** Items per main output of the node's last run (empty when the node produced nothing). */
	outputs: INodeExecutionData[][];
	error?: ErrorSummary;
}

export interface WorkflowRunResult {
	status: ExecutionStatus;
	/** The error that stopped the workflow, if any. */
	error?: ErrorSummary;
	/** Node names in the order they finished (a node that ran twice appears twice). */
	executedNodes: string[];
	/** Last run of each node that ran. */
	nodes: Record<string, NodeRunSummary>;
	/** The json of the items on `outputIndex` of the node's last run; throws when the node did not run. */
	json(nodeName: string, outputIndex?: number): IDataObject[];
	/** The raw run data as n8n stores it. */
	run: IRun;
}

export interface WebhookServerOptions extends Pick<RunOptions, 'staticData'> {
	/** Port on 127.0.0.1. Default 0 (any free port). */
	port?: number;
}

/** One execution a webhook request started. */
export interface WebhookExecution {
	node: string;
	webhookName: string;
	method: string;
	/** Resolves when the execution finished (the HTTP response may have been sent before). */
	result: Promise<WorkflowRunResult>;
}

export interface WebhookServer {
	/** Base URL, e.g. `http://127.0.0.1:40123`. */
	url: string;
	/** Production webhook URL of a node's webhook (by webhook name, default `default`), as n8n builds it. */
	webhookUrl(nodeName: string, webhookName?: string): string;
	/** Executions started by webhook requests, in order. */
	executions: WebhookExecution[];
	/** Waits until every execution started so far has finished. */
	settled(): Promise<WorkflowRunResult[]>;
	/** Runs the nodes' webhookMethods checkExists, then create when it does not exist (n8n's activation). */
	activate(activation?: WorkflowActivateMode): Promise<void>;
	/** Runs the nodes' webhookMethods delete (n8n's deactivation). */
	deactivate(): Promise<void>;
	/** Workflow static data, kept between activation, webhook calls and executions. */
	staticData: IDataObject;
	close(): Promise<void>;
}

// ---------------------------------------------------------------- test-only node type

export const ITEMS_SOURCE_TYPE = 'harness.itemsSource';

/** Test-only node type: emits the items it is given (the run's input items), like a manual trigger would. */
class ItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items Source (test)',
		name: 'itemsSource',
		group: ['input'],
		version: 1,
		description: 'Emits the input items of the test run',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

/** A node of the test-only items source type. */
export function itemsSource(name = 'Items'): NodeSpec {
	return { name, type: ITEMS_SOURCE_TYPE };
}

/** Connections of a straight line of nodes: each node's main output 0 to the next node's input 0. */
export function chain(...nodeNames: string[]): IConnections {
	const connections: IConnections = {};
	for (let index = 1; index < nodeNames.length; index++) {
		connections[nodeNames[index - 1]] = { main: [[{ node: nodeNames[index], type: 'main', index: 0 }]] };
	}
	return connections;
}

/**
 * Every string reachable from a value, including the non-enumerable properties of errors (message,
 * stack, cause, ...): for assertions that a secret appears nowhere in a result.
 */
export function textOf(value: unknown): string {
	const parts: string[] = [];
	const seen = new Set<unknown>();
	const visit = (current: unknown): void => {
		if (typeof current === 'string') parts.push(current);
		else if (Buffer.isBuffer(current)) parts.push(current.toString('utf8'));
		else if (typeof current === 'object' && current !== null && !seen.has(current)) {
			seen.add(current);
			const keys = current instanceof Error ? Object.getOwnPropertyNames(current) : Object.keys(current);
			if (current instanceof Error) keys.push('cause');
			for (const key of keys) visit((current as Record<string, unknown>)[key]);
		}
	};
	visit(value);
	return parts.join('\n');
}

// ---------------------------------------------------------------- node and credential types

class NodeTypeRegistry implements INodeTypes {
	private readonly types = new Map<string, AnyNodeType>();

	register(typeName: string, nodeType: AnyNodeType): void {
		this.types.set(typeName, nodeType);
	}

	getByName(nodeType: string): AnyNodeType {
		return this.get(nodeType);
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.get(nodeType), version);
	}

	getKnownTypes() {
		return {};
	}

	has(nodeType: string): boolean {
		return this.types.has(nodeType);
	}

	private get(nodeType: string): AnyNodeType {
		const found = this.types.get(nodeType);
		if (!found) throw new UnexpectedError(`Unknown node type "${nodeType}" (known: ${[...this.types.keys()].join(', ')})`);
		return found;
	}
}

/** Serves the test credentials and applies each credential type's authenticate, as n8n's CredentialsHelper. */
class TestCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	/** How often each type was loaded (getDecrypted), as n8n reads a credential from its database each time. */
	readonly loads = new Map<string, number>();

	constructor(
		credentialTypes: ICredentialType[],
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
		for (const credentialType of credentialTypes) this.types.set(credentialType.name, credentialType);
	}

	has(type: string): boolean {
		return type in this.data;
	}

	set(type: string, data: ICredentialDataDecryptedObject): void {
		this.data[type] = data;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types.get(credentialType);
		return !type?.restrictToSupportedNodes || (type.supportedNodes ?? []).includes(nodeType);
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const authenticate = this.getType(typeName).authenticate;
		if (authenticate === undefined) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		throw new UnexpectedError(`Credential type "${typeName}": only function authenticate is supported by the harness`);
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new UnexpectedError('Encrypted credentials are not available in the engine harness');
	}

	/** The test data with the credential type's defaults applied and hidden fields dropped, like n8n. */
	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _nodeCredentials: unknown, type: string): Promise<ICredentialDataDecryptedObject> {
		this.loads.set(type, (this.loads.get(type) ?? 0) + 1);
		const data = this.data[type];
		if (data === undefined) throw new UnexpectedError(`No test credentials of type "${type}" were given to the harness`);
		const withDefaults = NodeHelpers.getNodeParameters(this.getCredentialsProperties(type), data as INodeParameters, true, false, null, null);
		return { ...(withDefaults ?? {}) } as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.getType(type).properties;
	}

	private getType(name: string): ICredentialType {
		const found = this.types.get(name);
		if (!found) throw new UnexpectedError(`Unknown credential type "${name}"`);
		return found;
	}
}

// ---------------------------------------------------------------- n8n services

/** The warnings nodes logged (n8n's own log lines are discarded), oldest first. */
export const loggedWarnings: string[] = [];

/** Discards n8n's log lines (the errors are in the run results) but keeps warnings; set N8N_LOG_LEVEL to see n8n's own logger. */
const quietLogger = {
	error() {},
	warn(message: string) {
		loggedWarnings.push(message);
	},
	info() {},
	debug() {},
	scoped: () => quietLogger,
};

/**
 * The DI services n8n-core reaches for while executing that must not be built for real: the real
 * InstanceSettings reads and writes ~/.n8n/config. Set on every harness creation (they hold no test state).
 */
function registerEngineServices(): void {
	const settings: Partial<InstanceSettings> = {
		instanceId: 'engine-harness',
		hmacSignatureSecret: 'engine-harness',
		encryptionKey: 'engine-harness',
		instanceType: 'main',
		n8nFolder: '/nonexistent/.n8n',
	};
	Container.set(InstanceSettings, settings as InstanceSettings);
	if (!process.env.N8N_LOG_LEVEL) Container.set(Logger, quietLogger as unknown as Logger);
}

// ---------------------------------------------------------------- harness

const DEFAULT_BASE_URL = 'http://127.0.0.1:5678';
const DEFAULT_WORKFLOW_ID = 'harness-workflow';

export function createEngineHarness(options: HarnessOptions): EngineHarness {
	return new EngineHarness(options);
}

export class EngineHarness {
	readonly nodeTypes = new NodeTypeRegistry();

	private readonly credentialsHelper: TestCredentialsHelper;

	private readonly packageName: string;

	private executionCounter = 0;

	constructor(options: HarnessOptions) {
		registerEngineServices();
		this.packageName = options.packageName ?? PACKAGE_NAME;
		this.nodeTypes.register(ITEMS_SOURCE_TYPE, new ItemsSource());
		for (const nodeType of options.nodeTypes) this.nodeTypes.register(this.typeName(nodeType.description.name), nodeType);
		this.credentialsHelper = new TestCredentialsHelper(options.credentialTypes ?? [], { ...options.credentials });
	}

	/** The full type name of a node type of the package, e.g. `n8n-nodes-whatsapp-payments.whatsAppPayments`. */
	typeName(descriptionName: string): string {
		return `${this.packageName}.${descriptionName}`;
	}

	/** Replaces the test data of one credential type. */
	setCredentials(type: string, data: ICredentialDataDecryptedObject): void {
		this.credentialsHelper.set(type, data);
	}

	/** How many times nodes have loaded a credential of this type so far. */
	credentialLoads(type: string): number {
		return this.credentialsHelper.loads.get(type) ?? 0;
	}

	async runWorkflow(spec: WorkflowSpec, options: RunOptions = {}): Promise<WorkflowRunResult> {
		const workflow = this.createWorkflow(spec, options.staticData ?? {});
		const startNode = this.findStartNode(workflow, options.startNode);
		const items = (options.items ?? [{}]).map((json) => ({ json }));
		return await this.execute(workflow, startNode, [items], options.mode ?? 'manual', DEFAULT_BASE_URL);
	}

	async startWebhookServer(spec: WorkflowSpec, options: WebhookServerOptions = {}): Promise<WebhookServer> {
		const server = new HarnessWebhookServer(this, spec, options.staticData ?? {});
		await server.listen(options.port ?? 0);
		return server;
	}

	// ------------------------------------------------ internals shared with the webhook server

	/** A fresh n8n Workflow (n8n builds one per execution and per webhook call) sharing the given static data. */
	createWorkflow(spec: WorkflowSpec, staticData: IDataObject): Workflow {
		return new Workflow({
			id: spec.id ?? DEFAULT_WORKFLOW_ID,
			name: spec.name ?? 'Harness workflow',
			nodes: spec.nodes.map((node) => this.completeNode(node)),
			connections: structuredClone(spec.connections ?? {}),
			active: false,
			nodeTypes: this.nodeTypes,
			settings: spec.settings,
			staticData,
		});
	}

	/** Additional data as n8n's getBase() builds it, with this harness's credentials and hooks. */
	createAdditionalData(workflow: Workflow, mode: WorkflowExecuteMode, baseUrl: string): IWorkflowExecuteAdditionalData {
		const executionId = String(++this.executionCounter);
		const unsupported = (feature: string) => async (): Promise<never> => {
			throw new UnexpectedError(`${feature} is not available in the engine harness`);
		};
		return {
			credentialsHelper: this.credentialsHelper,
			hooks: new ExecutionLifecycleHooks(mode, executionId, toWorkflowBase(workflow)),
			executionId,
			executeWorkflow: unsupported('Executing sub-workflows'),
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			startRunnerTask: unsupported('The task runner'),
			externalSecretsProxy: new ExternalSecretsProxy(),
			logAiEvent: () => {},
			currentNodeExecutionIndex: 0,
			variables: {},
			userId: 'harness-user',
			workflowId: workflow.id,
			restApiUrl: `${baseUrl}/rest`,
			instanceBaseUrl: `${baseUrl}/`,
			formBaseUrl: `${baseUrl}/form`,
			formWaitingBaseUrl: `${baseUrl}/form-waiting`,
			formTestBaseUrl: `${baseUrl}/form-test`,
			webhookBaseUrl: `${baseUrl}/webhook`,
			webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
			webhookTestBaseUrl: `${baseUrl}/webhook-test`,
			mcpBaseUrl: `${baseUrl}/mcp`,
			mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		};
	}

	/** Runs the workflow from `startNode` with `input` as its main input, the way n8n starts a triggered execution. */
	async execute(
		workflow: Workflow,
		startNode: INode,
		input: INodeExecutionData[][],
		mode: WorkflowExecuteMode,
		baseUrl: string,
		resultData?: IRunExecutionData['resultData'],
		onResponse?: (response: IExecuteResponsePromiseData) => void,
	): Promise<WorkflowRunResult> {
		const additionalData = this.createAdditionalData(workflow, mode, baseUrl);
		const executedNodes: string[] = [];
		additionalData.hooks?.addHandler('nodeExecuteAfter', (nodeName) => {
			executedNodes.push(nodeName);
		});
		// A node's answer to the webhook request (n8n's sendResponse: Respond to Webhook, Respond to Checkout).
		if (onResponse) additionalData.hooks?.addHandler('sendResponse', onResponse);
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: startNode, data: { main: input }, source: null }] },
			...(resultData ? { resultData } : {}),
		});
		const run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
		return summarizeRun(run, executedNodes);
	}

	typeOf(node: INode): INodeType {
		return this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	}

	private completeNode(spec: NodeSpec): INode {
		const node: INode = {
			id: spec.name,
			position: [0, 0],
			typeVersion: this.newestVersion(spec.type),
			...structuredClone(spec),
			parameters: structuredClone(spec.parameters ?? {}),
		};
		this.attachTestCredentials(node);
		return node;
	}

	private newestVersion(typeName: string): number {
		const nodeType = this.nodeTypes.getByName(typeName);
		if ('nodeVersions' in nodeType) return nodeType.currentVersion;
		const { version } = nodeType.description;
		return Array.isArray(version) ? Math.max(...version) : version;
	}

	private attachTestCredentials(node: INode): void {
		for (const { name } of this.typeOf(node).description.credentials ?? []) {
			if (node.credentials?.[name] === undefined && this.credentialsHelper.has(name)) {
				node.credentials = { ...node.credentials, [name]: { id: `${name}-test`, name: `${name} (test)` } };
			}
		}
	}

	private findStartNode(workflow: Workflow, name: string | undefined): INode {
		if (name !== undefined) {
			const node = workflow.getNode(name);
			if (!node) throw new UnexpectedError(`startNode "${name}" is not in the workflow`);
			return node;
		}
		const roots = Object.values(workflow.nodes).filter((node) => workflow.getParentNodes(node.name, 'main', 1).length === 0);
		if (roots.length !== 1) {
			throw new UnexpectedError(`Cannot tell the start node (nodes without input: ${roots.map((node) => node.name).join(', ')}); pass startNode`);
		}
		return roots[0];
	}
}

function toWorkflowBase(workflow: Workflow): IWorkflowBase {
	const now = new Date();
	return {
		id: workflow.id,
		name: workflow.name ?? '',
		active: false,
		isArchived: false,
		createdAt: now,
		updatedAt: now,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		settings: workflow.settings,
		staticData: workflow.staticData,
		activeVersionId: null,
	};
}

function summarizeError(error: unknown): ErrorSummary {
	const { name, message, description, httpCode, node } = error as Partial<{
		name: string;
		message: string;
		description: string | null;
		httpCode: string | null;
		node: INode;
	}>;
	return {
		name: name ?? 'Error',
		message: message ?? String(error),
		...(description ? { description } : {}),
		...(httpCode ? { httpCode } : {}),
		...(node?.name ? { node: node.name } : {}),
	};
}

function summarizeRun(run: IRun, executedNodes: string[]): WorkflowRunResult {
	const nodes: Record<string, NodeRunSummary> = {};
	for (const [nodeName, taskRuns] of Object.entries(run.data.resultData.runData)) {
		const lastRun = taskRuns[taskRuns.length - 1];
		if (!lastRun) continue;
		nodes[nodeName] = {
			status: lastRun.executionStatus ?? (lastRun.error ? 'error' : 'success'),
			outputs: (lastRun.data?.main ?? []).map((items) => items ?? []),
			...(lastRun.error ? { error: summarizeError(lastRun.error) } : {}),
		};
	}
	const workflowError = run.data.resultData.error;
	return {
		status: run.status,
		...(workflowError ? { error: summarizeError(workflowError) } : {}),
		executedNodes,
		nodes,
		run,
		json(nodeName: string, outputIndex = 0): IDataObject[] {
			const node = nodes[nodeName];
			if (!node) {
				const failures = Object.entries(nodes).filter(([, summary]) => summary.error);
				const detail = failures.map(([name, summary]) => `${name}: ${summary.error?.message}`).join('; ');
				throw new UnexpectedError(`Node "${nodeName}" did not run (status ${run.status}${detail ? `; ${detail}` : ''})`);
			}
			return (node.outputs[outputIndex] ?? []).map((item) => item.json);
		},
	};
}

// ---------------------------------------------------------------- webhooks over HTTP

const WEBHOOK_PREFIX = '/webhook/';
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The request as n8n's webhook layer hands it to nodes (express request plus rawBody). */
type WebhookRequest = IncomingMessage & {
	body: unknown;
	rawBody: Buffer;
	query: Record<string, string | string[] | undefined>;
	params: Record<string, string>;
	path: string;
	contentType?: string;
	encoding: BufferEncoding;
	readRawBody(): Promise<void>;
};

/** The express-style response methods nodes use (status, send, json, set, header, type). */
type WebhookResponse = ServerResponse & {
	status(code: number): WebhookResponse;
	send(body?: unknown): WebhookResponse;
	json(body: unknown): WebhookResponse;
	set(name: string, value: string): WebhookResponse;
	header(name: string, value: string): WebhookResponse;
	type(contentType: string): WebhookResponse;
};

class HttpError extends Error {
	constructor(
		readonly statusCode: number,
		message: string,
	) {
		super(message);
	}
}

class HarnessWebhookServer implements WebhookServer {
	url = '';

	readonly executions: WebhookExecution[] = [];

	private readonly server: Server;

	constructor(
		private readonly harness: EngineHarness,
		private readonly spec: WorkflowSpec,
		readonly staticData: IDataObject,
	) {
		this.server = createServer((req, res) => {
			void this.handle(req, res);
		});
	}

	async listen(port: number): Promise<void> {
		await new Promise<void>((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, '127.0.0.1', () => resolve());
		});
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		await this.settled();
		this.server.closeAllConnections();
		await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
	}

	webhookUrl(nodeName: string, webhookName = 'default'): string {
		const webhook = this.webhooks(this.workflow()).find((entry) => entry.node === nodeName && entry.webhookDescription.name === webhookName);
		if (!webhook) throw new UnexpectedError(`Node "${nodeName}" has no webhook named "${webhookName}"`);
		return `${this.url}${WEBHOOK_PREFIX}${webhook.path}`;
	}

	async settled(): Promise<WorkflowRunResult[]> {
		return await Promise.all(this.executions.map(async (execution) => await execution.result));
	}

	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		const workflow = this.workflow();
		for (const webhook of this.webhooks(workflow)) {
			const exists = await this.runWebhookMethod('checkExists', workflow, webhook, 'webhook', activation);
			if (!exists) await this.runWebhookMethod('create', workflow, webhook, 'webhook', activation);
		}
	}

	async deactivate(): Promise<void> {
		const workflow = this.workflow();
		for (const webhook of this.webhooks(workflow)) {
			await this.runWebhookMethod('delete', workflow, webhook, 'internal', 'update');
		}
	}

	private workflow(): Workflow {
		return this.harness.createWorkflow(this.spec, this.staticData);
	}

	/** The webhooks of every enabled node, as n8n's WebhookService.getNodeWebhooks lists them. */
	private webhooks(workflow: Workflow): IWebhookData[] {
		const additionalData = this.harness.createAdditionalData(workflow, 'internal', this.url);
		const webhooks: IWebhookData[] = [];
		for (const node of Object.values(workflow.nodes)) {
			if (node.disabled) continue;
			for (const description of this.harness.typeOf(node).description.webhooks ?? []) {
				const evaluate = (value: string | boolean | undefined, fallback?: string | boolean) =>
					workflow.expression.getSimpleParameterValue(node, value, 'internal', {}, undefined, fallback);
				const nodePath = String(evaluate(description.path) ?? '').replace(/^\/|\/$/g, '');
				const isFullPath = evaluate(description.isFullPath, false) === true;
				const path = NodeHelpers.getNodeWebhookPath(workflow.id, node, nodePath, isFullPath);
				for (const httpMethod of String(evaluate(description.httpMethod, 'GET')).split(',')) {
					webhooks.push({
						httpMethod: httpMethod.trim() as IHttpRequestMethods,
						node: node.name,
						path,
						webhookDescription: description,
						workflowId: workflow.id,
						workflowExecuteAdditionalData: additionalData,
					});
				}
			}
		}
		return webhooks;
	}

	private async runWebhookMethod(
		method: WebhookSetupMethodNames,
		workflow: Workflow,
		webhook: IWebhookData,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	): Promise<boolean | undefined> {
		const node = workflow.getNode(webhook.node) as INode;
		const webhookMethod = this.harness.typeOf(node).webhookMethods?.[webhook.webhookDescription.name]?.[method];
		if (webhookMethod === undefined) return undefined;
		const context = new HookContext(workflow, node, webhook.workflowExecuteAdditionalData, mode, activation, webhook);
		return await webhookMethod.call(context);
	}

	private async handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
		const res = toWebhookResponse(outgoing);
		try {
			const requestUrl = new URL(incoming.url ?? '/', this.url);
			if (!requestUrl.pathname.startsWith(WEBHOOK_PREFIX)) throw new HttpError(404, `Not a webhook URL: ${requestUrl.pathname}`);
			const path = decodeURIComponent(requestUrl.pathname.slice(WEBHOOK_PREFIX.length)).replace(/\/$/, '');
			const workflow = this.workflow();
			const webhook = this.webhooks(workflow).find((entry) => entry.path === path && entry.httpMethod === incoming.method);
			if (!webhook) throw new HttpError(404, `The requested webhook "${incoming.method} ${path}" is not registered.`);
			const req = await toWebhookRequest(incoming, requestUrl);
			await this.runWebhook(workflow, webhook, req, res);
		} catch (error) {
			const statusCode = error instanceof HttpError ? error.statusCode : 500;
			if (!res.headersSent) res.status(statusCode).json({ code: statusCode, message: (error as Error).message });
		}
	}

	/** n8n's executeWebhook for the onReceived response mode. */
	private async runWebhook(workflow: Workflow, webhook: IWebhookData, req: WebhookRequest, res: WebhookResponse): Promise<void> {
		const node = workflow.getNode(webhook.node) as INode;
		const nodeType = this.harness.typeOf(node);
		if (nodeType.webhook === undefined) throw new UnexpectedError(`Node "${node.name}" has no webhook method`);
		const evaluate = (value: string | undefined, fallback: string | number) =>
			workflow.expression.getSimpleParameterValue(node, value, 'webhook', {}, undefined, fallback);
		const responseMode = evaluate(webhook.webhookDescription.responseMode, 'onReceived');
		if (responseMode !== 'onReceived' && responseMode !== 'responseNode') throw new UnexpectedError(`The harness supports responseMode onReceived and responseNode only, not "${String(responseMode)}"`);
		const responseCode = Number(evaluate(webhook.webhookDescription.responseCode as string | undefined, 200));

		const additionalData = this.harness.createAdditionalData(workflow, 'webhook', this.url);
		additionalData.httpRequest = req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhook, [], null);

		let webhookResult: IWebhookResponseData;
		let failure: IRunExecutionData['resultData'] | undefined;
		try {
			webhookResult = await nodeType.webhook.call(context);
		} catch (caught) {
			// Like n8n: answer 500 without the cause, and still record an execution that fails at the trigger.
			const error = caught as Error;
			if (!res.headersSent) res.status(500).json({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			failure = { runData: {}, lastNodeExecuted: node.name, error: { ...error, message: error.message, stack: error.stack } as never };
			webhookResult = { noWebhookResponse: true, workflowData: [[{ json: {} }]] };
		}

		const answered = () => webhookResult.noWebhookResponse === true || res.headersSent;
		// responseNode: a node of the execution answers; the request waits for it.
		const relay = responseMode === 'responseNode' && !answered();
		if (relay && webhookResult.workflowData === undefined) throw new UnexpectedError('The harness relays a Respond node\'s answer only for a request that starts an execution');
		if (webhookResult.workflowData === undefined) {
			if (!answered()) res.status(responseCode).send(webhookResult.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		const sendResponse = (response: IExecuteResponsePromiseData) => {
			if (res.headersSent) return;
			for (const [name, value] of Object.entries(response.headers ?? {})) res.set(name, String(value));
			res.status(Number(response.statusCode ?? 200)).send(response.body as never);
		};
		const result = this.harness.execute(workflow, node, webhookResult.workflowData, 'webhook', this.url, failure, relay ? sendResponse : undefined);
		this.executions.push({ node: node.name, webhookName: webhook.webhookDescription.name, method: webhook.httpMethod, result });
		if (relay) {
			const run = await result;
			// No node answered: n8n's answers, 500 for a failed execution, else an empty 200.
			if (!res.headersSent) {
				if (run.error || run.status === 'error') res.status(500).json({ code: 0, message: 'Error in workflow' });
				else res.status(200).send('');
			}
			return;
		}
		if (!answered()) res.status(responseCode).send(webhookResult.webhookResponse ?? { message: 'Workflow was started' });
	}
}

/** Reads the body and parses it the way n8n's body parser does (json, form-urlencoded, text/plain). */
async function toWebhookRequest(incoming: IncomingMessage, requestUrl: URL): Promise<WebhookRequest> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of incoming) {
		size += (chunk as Buffer).length;
		if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Request body too large');
		chunks.push(chunk as Buffer);
	}
	const rawBody = Buffer.concat(chunks);
	const [mediaType, ...parameters] = (incoming.headers['content-type'] ?? '').split(';');
	const charset = parameters.map((parameter) => parameter.trim().split('=')).find(([key]) => key.toLowerCase() === 'charset')?.[1];
	const req = incoming as WebhookRequest;
	req.rawBody = rawBody;
	req.contentType = mediaType.trim().toLowerCase() || undefined;
	req.encoding = (charset?.toLowerCase() ?? 'utf-8') as BufferEncoding;
	req.readRawBody = async () => {};
	req.query = parseQueryString(requestUrl.search.slice(1));
	req.params = {};
	req.path = requestUrl.pathname;
	req.body = {};
	if (rawBody.length === 0) return req;
	const text = rawBody.toString(req.encoding);
	try {
		if (req.contentType === 'application/json') req.body = JSON.parse(text) as unknown;
		else if (req.contentType === 'application/x-www-form-urlencoded') req.body = parseQueryString(text);
		else if (req.contentType === 'text/plain') req.body = text;
	} catch (error) {
		throw new HttpError(422, `Failed to parse request body: ${(error as Error).message}`);
	}
	return req;
}

/** Adds the express response methods nodes call to a plain Node response. */
function toWebhookResponse(outgoing: ServerResponse): WebhookResponse {
	const res = outgoing as WebhookResponse;
	res.status = (code) => {
		res.statusCode = code;
		return res;
	};
	res.set = (name, value) => {
		res.setHeader(name, value);
		return res;
	};
	res.header = res.set;
	res.type = (contentType) => res.set('content-type', contentType);
	res.json = (body) => {
		if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
		res.end(JSON.stringify(body));
		return res;
	};
	res.send = (body) => {
		if (body === undefined || body === null) res.end();
		else if (Buffer.isBuffer(body)) {
			if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/octet-stream');
			res.end(body);
		} else if (typeof body === 'string') {
			if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/html; charset=utf-8');
			res.end(body);
		} else res.json(body);
		return res;
	};
	return res;
}
