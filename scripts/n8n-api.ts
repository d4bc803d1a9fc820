/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * A small client of a running n8n (owner set-up, API key, public REST API), shared by the e2e
 * tests (test/e2e) and scripts/demo.sh. Compiled to dist-dev/scripts/n8n-api.js; its command line:
 *
 *   node dist-dev/scripts/n8n-api.js setup <state-dir>
 *       owner + API key + the sandbox credentials -> <state-dir>/instance.json (mode 600)
 *       (reads N8N_URL, SANDBOX_URL, SANDBOX_APP_SECRET, SANDBOX_VERIFY_TOKEN from the environment)
 *   node dist-dev/scripts/n8n-api.js import <state-dir> <workflow.json>...
 *       creates each workflow exactly as written, unpublished (what a user's import gives)
 *   node dist-dev/scripts/n8n-api.js demo <state-dir> <workflow.json>...
 *       creates each workflow with stand-ins and the sandbox credentials, publishes those that run
 *       on their own, points the sandbox's Cloud API webhook at the Cloud API trigger, and prints
 *       one line per webhook: <workflow>\t<node>\t<production URL>
 */
import { writeFileSync, readFileSync } from 'fs';
import { join } from 'path';

import { TRIGGER_TYPE, webhookUrls, withStandIns, readWorkflow, type WorkflowFile } from './workflows';

export const CREDENTIAL_TYPE = 'whatsAppPaymentsApi';

/**
 * The sandbox credentials every instance gets, by the names the example workflows use: India
 * through 360dialog (the seed's provider; its trigger registers its own URL and checks a shared
 * secret header), Brazil through Meta's Cloud API (signed deliveries, URL set by the operator).
 */
export const SANDBOX_CREDENTIALS = { dialog360: 'WhatsApp Payments (360dialog)', cloudApi: 'WhatsApp Payments (Cloud API)' } as const;

export interface CredentialRef {
	id: string;
	name: string;
}

/** What a started instance looks like to its users (written by `setup`, read by tests). */
export interface Instance {
	n8nUrl: string;
	apiKey: string;
	owner: { email: string; password: string };
	/** By credential name. */
	credentials: Record<string, CredentialRef>;
	sandboxUrl: string;
	/** The sandbox signs every delivery with it; the Cloud API credential holds the same. */
	appSecret: string;
	/** The 360dialog credential's shared secret, registered with its webhook URL. */
	sharedSecret: string;
	verifyToken: string;
	/** Queue mode: the webhook processes' base URLs (production webhooks are not served by n8nUrl then). */
	webhookUrls?: string[];
}

export interface Execution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	finished: boolean;
	data?: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: unknown }>>; error?: unknown } };
}

/** The sandbox's defaults (sandbox/index.ts DEFAULTS). */
export const SANDBOX_TOKEN = 'sandbox-token';
export const SANDBOX_PHONE_NUMBER_ID = '100000000000001';
export const SANDBOX_WABA_ID = '200000000000001';
export const DEFAULT_OWNER = { email: 'owner@example.com', password: 'Sandbox-Passw0rd' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every 250 ms until it returns a value other than undefined, or fails after `timeoutMs` naming `what`. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(250);
	}
}

/** Fails with the method, URL, status and body text of an unexpected answer (bodies of n8n's errors hold no secrets). */
async function expectOk(response: Response, what: string): Promise<Response> {
	if (response.ok) return response;
	const text = (await response.text()).slice(0, 500);
	throw new Error(`${what}: HTTP ${response.status} ${text}`);
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * fetch, sent once more when the keep-alive connection it reused was closed by the server as idle at that
 * moment (undici's idle timer fires late on a starved machine): the server never read that request.
 */
async function fetchOnLiveConnection(url: string, init?: RequestInit): Promise<Response> {
	const first = await fetch(url, init).catch((error: unknown) => error as Error & { cause?: { code?: string } });
	if (first instanceof Response) return first;
	if (first.cause?.code !== 'UND_ERR_SOCKET' && first.cause?.code !== 'ECONNRESET') throw first;
	return await fetch(url, init);
}

/**
 * Logs the owner in; returns the session cookie the editor's endpoints (/rest, /types) need. n8n 2.x
 * allows 5 logins per minute per email, and a suite's files (and its browser tests) log in more often
 * than that: a refused login (429) waits for the window n8n names, then tries again.
 */
export async function login(n8nUrl: string, owner = DEFAULT_OWNER): Promise<string> {
	const post = () =>
		fetchOnLiveConnection(`${n8nUrl}/rest/login`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }) });
	let answer = await post();
	for (let retry = 0; answer.status === 429 && retry < 3; retry++) {
		const waitSeconds = Number(answer.headers.get('retry-after') ?? answer.headers.get('ratelimit-reset')) || 60;
		await answer.body?.cancel();
		await sleep(Math.min(waitSeconds, 65) * 1000 + 500);
		answer = await post();
	}
	const response = await expectOk(answer, 'POST /rest/login');
	return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

/** Creates the owner account (first run of an instance) and an API key with every scope. */
export async function createOwnerAndApiKey(n8nUrl: string, owner = DEFAULT_OWNER): Promise<string> {
	await expectOk(
		await fetchOnLiveConnection(`${n8nUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: JSON_HEADERS,
			body: JSON.stringify({ email: owner.email, firstName: 'Demo', lastName: 'Owner', password: owner.password }),
		}),
		'POST /rest/owner/setup',
	);
	const cookie = await login(n8nUrl, owner);
	const scopes = ((await (await expectOk(await fetchOnLiveConnection(`${n8nUrl}/rest/api-keys/scopes`, { headers: { cookie } }), 'GET /rest/api-keys/scopes')).json()) as { data: string[] }).data;
	const created = await expectOk(
		await fetchOnLiveConnection(`${n8nUrl}/rest/api-keys`, {
			method: 'POST',
			headers: { ...JSON_HEADERS, cookie },
			body: JSON.stringify({ label: 'whatsapp-payments', expiresAt: null, scopes }),
		}),
		'POST /rest/api-keys',
	);
	return ((await created.json()) as { data: { rawApiKey: string } }).data.rawApiKey;
}

/** The names of the node or credential types n8n has loaded (what the editor offers). */
export async function loadedTypes(n8nUrl: string, cookie: string, kind: 'nodes' | 'credentials'): Promise<string[]> {
	const response = await expectOk(await fetchOnLiveConnection(`${n8nUrl}/types/${kind}.json`, { headers: { cookie } }), `GET /types/${kind}.json`);
	return ((await response.json()) as Array<{ name: string }>).map((t) => t.name);
}

/**
 * The public REST API (/api/v1) of one instance, and the editor's endpoints (/rest, with the owner's
 * session) for credentials. Works with n8n 2.x and 1.x.
 */
export class N8nApi {
	private session?: Promise<string>;

	constructor(
		readonly baseUrl: string,
		private readonly apiKey: string,
		private readonly owner = DEFAULT_OWNER,
	) {}

	private send(method: string, path: string, body?: unknown): Promise<Response> {
		return fetchOnLiveConnection(`${this.baseUrl}/api/v1${path}`, {
			method,
			headers: { 'X-N8N-API-KEY': this.apiKey, ...(body === undefined ? {} : JSON_HEADERS) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	}

	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await expectOk(await this.send(method, path, body), `${method} /api/v1${path}`);
		return (await response.json()) as T;
	}

	/** POSTs to the first of `paths` this n8n has (n8n answers 404 or 405 for a path it does not have). */
	private async postToFirstOf<T>(paths: string[], body?: unknown): Promise<T> {
		for (const [index, path] of paths.entries()) {
			const response = await this.send('POST', path, body);
			if ((response.status === 404 || response.status === 405) && index < paths.length - 1) continue;
			await expectOk(response, `POST /api/v1${path}`);
			return (await response.json()) as T;
		}
		throw new Error('no path to POST to');
	}

	/** The editor's own REST API, as the owner; its answers wrap the result in `data`. */
	async editorRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
		this.session ??= login(this.baseUrl, this.owner);
		const response = await fetchOnLiveConnection(`${this.baseUrl}/rest${path}`, {
			method,
			headers: { cookie: await this.session, ...(body === undefined ? {} : JSON_HEADERS) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		await expectOk(response, `${method} /rest${path}`);
		return ((await response.json()) as { data: T }).data;
	}

	/**
	 * Created as the editor creates it. (n8n 1.x's public API checks credential data against a schema
	 * that requires every provider-specific field for one provider and forbids them for the other.)
	 */
	async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<CredentialRef> {
		const { id } = await this.editorRequest<CredentialRef>('POST', '/credentials', { name, type, data });
		return { id, name };
	}

	/**
	 * Creates the workflow; each node's credential is bound by its name to one of `credentials`
	 * (an export's credential ids belong to the instance it came from).
	 */
	createWorkflow(workflow: WorkflowFile, credentials: Record<string, CredentialRef>): Promise<{ id: string }> {
		const nodes = workflow.nodes.map((node) => {
			if (!node.credentials) return node;
			const bound = Object.fromEntries(
				Object.entries(node.credentials).map(([type, ref]) => {
					const credential = credentials[ref.name];
					if (!credential) throw new Error(`${workflow.name} / ${node.name}: no credential named "${ref.name}" on this instance`);
					return [type, credential];
				}),
			);
			return { ...node, credentials: bound };
		});
		// The public API takes only these fields (an export also has id, active, meta, tags...); n8n 1.x's
		// takes no pinData, so it is sent only when there is some (the stand-ins consume the examples' pins).
		const { name, connections, settings = { executionOrder: 'v1' }, pinData = {} } = workflow;
		const pins = Object.keys(pinData).length > 0 ? { pinData } : {};
		return this.request('POST', '/workflows', { name, nodes, connections, settings, ...pins });
	}

	/** The editor's credential test: it sends the stored credential with its secrets redacted, and n8n fills them in. */
	async testCredential(id: string): Promise<{ status: 'OK' | 'Error'; message: string }> {
		const { name, type, data } = await this.editorRequest<{ name: string; type: string; data: Record<string, unknown> }>('GET', `/credentials/${id}?includeData=true`);
		return this.editorRequest('POST', '/credentials/test', { credentials: { id, name, type, data } });
	}

	/** n8n 2.x publishes a workflow; n8n 1.x has no such endpoint and activates it. */
	publishWorkflow(id: string): Promise<unknown> {
		return this.postToFirstOf([`/workflows/${id}/publish`, `/workflows/${id}/activate`], {});
	}

	unpublishWorkflow(id: string): Promise<unknown> {
		return this.postToFirstOf([`/workflows/${id}/unpublish`, `/workflows/${id}/deactivate`]);
	}

	async executions(workflowId: string): Promise<Execution[]> {
		const page = await this.request<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=250`);
		return page.data;
	}

	/** Waits until the workflow has at least `count` finished executions; returns them newest first. */
	waitForExecutions(workflowId: string, count: number, timeoutMs = 30000): Promise<Execution[]> {
		return waitFor(`${count} finished execution(s) of workflow ${workflowId}`, timeoutMs, async () => {
			const finished = (await this.executions(workflowId)).filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			return finished.length >= count ? finished : undefined;
		});
	}
}

/**
 * Waits until n8n has registered a published webhook. A CORS preflight answers 204 once it is
 * registered (404 before) and never runs the workflow.
 */
export function waitForWebhook(url: string, timeoutMs = 60000): Promise<true> {
	return waitFor(`the webhook ${url} to be registered`, timeoutMs, async () => {
		const response = await fetchOnLiveConnection(url, { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1', 'Access-Control-Request-Method': 'POST' } });
		return response.status === 204 ? true : undefined;
	});
}

export interface Deployed {
	id: string;
	workflow: WorkflowFile;
	/** Production URLs of the webhook nodes, once registered. */
	webhooks: Array<{ node: string; url: string }>;
}

/** Creates the workflow, publishes it and waits until its webhooks answer (on every webhook process in queue mode). */
export async function deployWorkflow(instance: Instance, workflow: WorkflowFile, options: { publish?: boolean } = {}): Promise<Deployed> {
	const api = new N8nApi(instance.n8nUrl, instance.apiKey);
	const { id } = await api.createWorkflow(workflow, instance.credentials);
	const bases = instance.webhookUrls ?? [instance.n8nUrl];
	const webhooks = webhookUrls(bases[0], workflow);
	if (options.publish === false) return { id, workflow, webhooks: [] };
	await api.publishWorkflow(id);
	for (const base of bases) for (const hook of webhookUrls(base, workflow)) await waitForWebhook(hook.url);
	return { id, workflow, webhooks };
}

export function readInstance(stateDir: string): Instance {
	return JSON.parse(readFileSync(join(stateDir, 'instance.json'), 'utf8')) as Instance;
}

/** Sandbox control API: POST a JSON body, fail on any error answer. */
export async function sandboxPost<T = unknown>(sandboxUrl: string, path: string, body: unknown = {}): Promise<T> {
	const response = await fetchOnLiveConnection(`${sandboxUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	await expectOk(response, `POST ${path}`);
	return (await response.json()) as T;
}

function requiredEnv(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`environment variable ${name} is not set`);
	return value;
}

async function setup(stateDir: string): Promise<void> {
	const n8nUrl = requiredEnv('N8N_URL');
	const sandboxUrl = requiredEnv('SANDBOX_URL');
	const appSecret = requiredEnv('SANDBOX_APP_SECRET');
	const verifyToken = requiredEnv('SANDBOX_VERIFY_TOKEN');
	const sharedSecret = `${appSecret}-360`;
	const apiKey = await createOwnerAndApiKey(n8nUrl);
	const nodeTypes = await loadedTypes(n8nUrl, await login(n8nUrl), 'nodes');
	if (!nodeTypes.includes(TRIGGER_TYPE)) throw new Error(`n8n did not load the package: no ${TRIGGER_TYPE} among its ${nodeTypes.length} node types (see n8n.log)`);
	const api = new N8nApi(n8nUrl, apiKey);
	const cloudApi = await api.createCredential(SANDBOX_CREDENTIALS.cloudApi, CREDENTIAL_TYPE, {
		provider: 'cloudApi',
		accessToken: SANDBOX_TOKEN,
		phoneNumberId: SANDBOX_PHONE_NUMBER_ID,
		businessAccountId: SANDBOX_WABA_ID,
		baseUrl: sandboxUrl,
		appSecret,
		verifyToken,
	});
	const dialog360 = await api.createCredential(SANDBOX_CREDENTIALS.dialog360, CREDENTIAL_TYPE, {
		provider: 'dialog360',
		apiKey: SANDBOX_TOKEN,
		baseUrl: sandboxUrl,
		webhookSharedSecret: sharedSecret,
	});
	const instance: Instance = {
		n8nUrl,
		apiKey,
		owner: DEFAULT_OWNER,
		credentials: Object.fromEntries([cloudApi, dialog360].map((c) => [c.name, { id: c.id, name: c.name }])),
		sandboxUrl,
		appSecret,
		sharedSecret,
		verifyToken,
	};
	writeFileSync(join(stateDir, 'instance.json'), JSON.stringify(instance, null, 2), { mode: 0o600 });
}

/** Whether a workflow runs on its own once published (a webhook or our trigger starts it). */
const startsByWebhook = (workflow: WorkflowFile) => webhookUrls('', workflow).length > 0;

async function demo(stateDir: string, files: string[]): Promise<void> {
	const instance = readInstance(stateDir);
	for (const file of files) {
		const workflow = withStandIns(readWorkflow(file));
		const deployed = await deployWorkflow(instance, workflow, { publish: startsByWebhook(workflow) });
		if (deployed.webhooks.length === 0) console.log(`${workflow.name}\t(not published: it runs on a schedule; open it in the editor)`);
		for (const hook of deployed.webhooks) {
			console.log(`${workflow.name}\t${hook.node}\t${hook.url}`);
			const trigger = workflow.nodes.find((n) => n.name === hook.node && n.type === TRIGGER_TYPE);
			// The 360dialog trigger registered its own URL on publish; the Cloud API one is set by the operator.
			if (trigger?.credentials?.[CREDENTIAL_TYPE]?.name === SANDBOX_CREDENTIALS.cloudApi) {
				await sandboxPost(instance.sandboxUrl, '/_sandbox/webhook', { url: hook.url, appSecret: instance.appSecret, verifyToken: instance.verifyToken });
			}
		}
	}
}

async function importAsIs(stateDir: string, files: string[]): Promise<void> {
	const instance = readInstance(stateDir);
	for (const file of files) await deployWorkflow(instance, readWorkflow(file), { publish: false });
}

const COMMANDS: Record<string, (stateDir: string, files: string[]) => Promise<void>> = { setup, import: importAsIs, demo };

if (require.main === module) {
	const [command, stateDir, ...rest] = process.argv.slice(2);
	const run = COMMANDS[command]?.(stateDir, rest) ?? Promise.reject(new Error(`usage: n8n-api.js ${Object.keys(COMMANDS).join('|')} <state-dir> [workflow.json...]`));
	run.catch((error: unknown) => {
		console.error(`[n8n-api] ${error instanceof Error ? error.message : String(error)}`);
		process.exitCode = 1;
	});
}
