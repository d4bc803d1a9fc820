/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * The WhatsApp Payments sandbox: a local, stateful simulator of the payments API (Cloud API and
 * 360dialog paths), with signed webhooks, the customer's side and fault injection. Node's own http.
 *
 *   const sandbox = await startSandbox({ port: 0, webhookUrl: 'http://127.0.0.1:5678/webhook' });
 *   // ... drive it at sandbox.url ...
 *   await sandbox.close();
 */
import http from 'http';
import https from 'https';
import type { AddressInfo } from 'net';
import { safeEqual } from '../core/signatures';
import type { JsonObject } from '../core/messageShape';
import { BusinessAccount } from './account';
import { CheckoutClient, orderDetailsParametersOf } from './checkout/client';
import { DEFAULT_FAULTS, FaultInjector, type FaultSettings } from './faults';
import { formFields } from './formBody';
import { appTokenRequired, invalidToken, malformed, transientError } from './metaErrors';
import { RateLimiter } from './rateLimit';
import { buildRouter, unknownPath, unsupportedMethod, type RequestLogEntry } from './routes';
import { controlError, controlRequestRefusal, type FoundRoute, type RouteGroup, type SandboxRequest, type SandboxResponse } from './router';
import { addPhoneRoutes } from './phone/routes';
import { PaymentsSimulator } from './simulator';
import { WebhookDispatcher, webhookHeadersError, webhookUrlError, type DeliveryRecord, type RetryPolicy } from './webhooks';

export interface SandboxOptions {
	/** Default 8790; 0 picks a free port. */
	port?: number;
	/** Default 127.0.0.1: the sandbox is not meant to be reachable from elsewhere. */
	host?: string;
	/** Bearer token of the Cloud API paths. Default "sandbox-token". */
	token?: string;
	/** D360-API-KEY of the 360dialog paths. Default: the token. */
	dialog360ApiKey?: string;
	/** Signs every webhook (X-Hub-Signature-256). Default "sandbox-app-secret". */
	appSecret?: string;
	/** The Meta app whose webhook subscriptions are served at /{version}/{appId}/subscriptions. Default "300000000000001". */
	appId?: string;
	/** The app access token those subscription calls need (not the token). Default "sandbox-app-token". */
	appAccessToken?: string;
	/** Where webhooks go (the app's webhook). Also settable with POST /_sandbox/webhook. */
	webhookUrl?: string;
	/** A shared secret header added to every delivery, e.g. {name: "X-Webhook-Secret", value: "..."}. */
	webhookSecretHeader?: { name: string; value: string };
	/** How long updates wait to be batched into one delivery. Default 200 ms. */
	webhookBatchMs?: number;
	/** Default: 4 attempts, 1 s, 4 s, 16 s apart. */
	webhookRetry?: RetryPolicy;
	/** Per delivery attempt. Default 5000 ms. */
	webhookTimeoutMs?: number;
	/** Messages per second per business number. Default 80. */
	rateLimit?: number;
	faults?: Partial<FaultSettings>;
	phoneNumberId?: string;
	wabaId?: string;
	displayPhoneNumber?: string;
	verifiedName?: string;
	customerName?: string;
	/**
	 * Makes the API sit "far away" (benchmarks): every API answer waits this round-trip time, and the first
	 * request on a new connection also waits the handshakes' round trips (TCP, plus TLS 1.3 with `tls`), so a
	 * client that opens a connection per request pays about three round trips over HTTPS, as with the real Graph API.
	 * The waits happen before the request is handled; the client sees the same total time.
	 */
	rttMs?: number;
	/** Serve HTTPS with this PEM key and certificate (e.g. one issued by a local CA the client trusts). */
	tls?: { key: string; cert: string };
	/** The sandbox's clock (epoch ms): timestamps, expirations and rate windows. Default Date.now. */
	now?: () => number;
	/** The clock the lookup lag fault is measured on (monotonic ms). Default performance.now; tests step it by hand. */
	lagClock?: () => number;
	/** Called with one line per request (method, path, status, type, reference); never a credential. */
	onRequest?: (line: string) => void;
}

export interface Sandbox {
	/** http://host:port, without a trailing slash. */
	url: string;
	port: number;
	/** The Cloud API base for a version, e.g. `${url}/v23.0`. */
	cloudApiUrl(version?: string): string;
	/** Sends all pending webhook updates now; resolves after each delivery's first attempt. */
	flushWebhooks(): Promise<DeliveryRecord[]>;
	/** Resolves when no webhook is pending, in flight or waiting for a retry. */
	webhooksIdle(): Promise<void>;
	/** Forgets orders, configurations (back to the seeded ones), logs, rate windows and the fault sequence. */
	reset(): void;
	close(): Promise<void>;
}

export const DEFAULTS = {
	port: 8790,
	host: '127.0.0.1',
	token: 'sandbox-token',
	appSecret: 'sandbox-app-secret',
	appId: '300000000000001',
	appAccessToken: 'sandbox-app-token',
	phoneNumberId: '100000000000001',
	wabaId: '200000000000001',
	displayPhoneNumber: '919876543210',
	verifiedName: 'Sandbox Store',
	customerName: 'Sandbox Customer',
	rateLimit: 80,
	webhookBatchMs: 200,
	webhookRetry: { attempts: 4, delaysMs: [1000, 4000, 16000] } as RetryPolicy,
	webhookTimeoutMs: 5000,
};

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_LOGGED_REQUESTS = 1000;

function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** The JSON body (undefined when empty), or null when the bytes are not JSON. */
function parseJson(raw: Buffer): { body: unknown } | null {
	if (raw.length === 0) return { body: undefined };
	try {
		return { body: JSON.parse(raw.toString('utf8')) };
	} catch {
		return null;
	}
}

const NOT_JSON = '/: the request body is not valid JSON (type)';
const NOT_FORM = '/: the request body is not the multipart/form-data its content type says (type)';

function writeResponse(res: http.ServerResponse, response: SandboxResponse): void {
	const { body } = response;
	const isRaw = typeof body === 'string' || Buffer.isBuffer(body);
	const payload = body === undefined ? '' : isRaw ? body : JSON.stringify(body);
	res.writeHead(response.status, {
		'content-type': isRaw ? response.contentType ?? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(payload),
	});
	res.end(payload);
}

function checkOptions(o: SandboxOptions): void {
	if (o.webhookUrl !== undefined) {
		const problem = webhookUrlError(o.webhookUrl);
		if (problem) throw new TypeError(`webhookUrl: ${problem.replace(/^url: /, '')}`);
	}
	for (const key of ['token', 'dialog360ApiKey', 'appSecret', 'appId', 'appAccessToken'] as const) {
		if (o[key] !== undefined && (typeof o[key] !== 'string' || o[key] === '')) throw new TypeError(`${key}: must be a non-empty string`);
	}
	if (o.webhookSecretHeader !== undefined) {
		const { name, value } = o.webhookSecretHeader;
		const problem = webhookHeadersError({ [name]: value });
		if (problem) throw new TypeError(`webhookSecretHeader: ${problem}`);
	}
	if (o.rttMs !== undefined && !(Number.isInteger(o.rttMs) && o.rttMs >= 0 && o.rttMs <= 60000)) throw new RangeError('rttMs: must be an integer from 0 to 60000');
	if (o.webhookRetry && !(Number.isInteger(o.webhookRetry.attempts) && o.webhookRetry.attempts >= 1 && o.webhookRetry.attempts <= 10)) {
		throw new RangeError('webhookRetry.attempts: must be an integer from 1 to 10');
	}
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	checkOptions(options);
	const now = options.now ?? Date.now;
	const token = options.token ?? DEFAULTS.token;
	const dialog360ApiKey = options.dialog360ApiKey ?? token;
	const appSecret = options.appSecret ?? DEFAULTS.appSecret;
	const appAccessToken = options.appAccessToken ?? DEFAULTS.appAccessToken;
	const phoneNumberId = options.phoneNumberId ?? DEFAULTS.phoneNumberId;
	let baseUrl = '';

	const faults = new FaultInjector({ ...DEFAULT_FAULTS, ...options.faults }, options.lagClock);
	const rateLimiter = new RateLimiter(options.rateLimit ?? DEFAULTS.rateLimit, now);
	const webhooks = new WebhookDispatcher({
		batchWindowMs: options.webhookBatchMs ?? DEFAULTS.webhookBatchMs,
		retry: options.webhookRetry ?? DEFAULTS.webhookRetry,
		timeoutMs: options.webhookTimeoutMs ?? DEFAULTS.webhookTimeoutMs,
		secretHeader: options.webhookSecretHeader,
		now,
	});
	if (options.webhookUrl) webhooks.setTarget('cloudApi', { url: options.webhookUrl, appSecret });
	const simulator = new PaymentsSimulator(
		{
			phoneNumberId,
			wabaId: options.wabaId ?? DEFAULTS.wabaId,
			displayPhoneNumber: options.displayPhoneNumber ?? DEFAULTS.displayPhoneNumber,
			verifiedName: options.verifiedName ?? DEFAULTS.verifiedName,
			customerName: options.customerName ?? DEFAULTS.customerName,
			now,
			baseUrl: () => baseUrl,
			orderCreated: (referenceId) => faults.orderCreated(referenceId),
		},
		webhooks,
	);
	const appId = options.appId ?? DEFAULTS.appId;
	const account = new BusinessAccount({
		wabaId: options.wabaId ?? DEFAULTS.wabaId,
		phoneNumberId,
		displayPhoneNumber: options.displayPhoneNumber ?? DEFAULTS.displayPhoneNumber,
		verifiedName: options.verifiedName ?? DEFAULTS.verifiedName,
		appId,
		token,
	});
	const requestLog: RequestLogEntry[] = [];
	const checkout = new CheckoutClient({
		appSecret,
		configurationProvider: (name) => {
			const found = simulator.getConfiguration(name);
			return found.status === 200 ? (found.body as { data: Array<{ provider_name: string }> }).data[0].provider_name : undefined;
		},
		orderParameters: (referenceId) => {
			const found = simulator.getOrder(referenceId);
			type View = { messages: Array<{ body: unknown }>; checkout_order_details: JsonObject | null; phone_number_id: string; payment_configuration: string | null; to: string };
			const order = found.status === 200 ? (found.body as View) : undefined;
			const parameters = order && orderDetailsParametersOf(order.messages[0]?.body, referenceId);
			return order && parameters && { parameters, repriced: order.checkout_order_details, phoneNumberId: order.phone_number_id, configuration: order.payment_configuration, to: order.to };
		},
		checkoutClosed: (referenceId) => simulator.checkoutClosed(referenceId),
		reprice: (referenceId, orderDetails) => simulator.reprice(referenceId, orderDetails),
	});
	const reset = () => {
		checkout.reset();
		simulator.reset();
		webhooks.clear();
		rateLimiter.clear();
		faults.restart();
		requestLog.length = 0;
	};
	const router = buildRouter({
		simulator,
		account,
		webhooks,
		faults,
		rateLimiter,
		requestLog,
		dialog360PhoneNumberId: phoneNumberId,
		appSecret,
		appId,
		reset,
		checkout,
	});
	addPhoneRoutes(router, simulator, now);

	const latencyTimers = new Map<NodeJS.Timeout, () => void>();
	const delay = (ms: number) =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				latencyTimers.delete(timer);
				resolve();
			}, ms);
			latencyTimers.set(timer, resolve);
		});

	const bearer = (headers: http.IncomingHttpHeaders): string | undefined => /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];

	/** Why a request's credential is refused, if it is: each group has its own credential. */
	const refusal = (group: RouteGroup, method: string, headers: http.IncomingHttpHeaders): SandboxResponse | undefined => {
		if (group === 'control') return controlRequestRefusal(method, headers);
		if (group === 'cloudApi') {
			const presented = bearer(headers);
			return presented !== undefined && safeEqual(presented, token) ? undefined : invalidToken();
		}
		if (group === 'app') {
			const presented = bearer(headers);
			// The app's token as the sandbox was given it, or built the way Meta accepts it: "app-id|app-secret".
			if (presented !== undefined && (safeEqual(presented, appAccessToken) || safeEqual(presented, `${appId}|${appSecret}`))) return undefined;
			// Meta's answer when a user or system-user token calls an app-token endpoint.
			return presented !== undefined && safeEqual(presented, token) ? appTokenRequired() : invalidToken();
		}
		if (group === 'dialog360') {
			const key = headers['d360-api-key'];
			return typeof key === 'string' && safeEqual(key, dialog360ApiKey) ? undefined : invalidToken();
		}
		return undefined;
	};

	const record = (entry: RequestLogEntry) => {
		requestLog.push(entry);
		if (requestLog.length > MAX_LOGGED_REQUESTS) requestLog.shift();
		options.onRequest?.(
			[entry.method, entry.path, entry.status, entry.message_type, entry.reference_id && `ref=${entry.reference_id}`, entry.fault && `fault=${entry.fault}`]
				.filter(Boolean)
				.join(' '),
		);
	};

	/** The answer to a routed request: an injected fault, 401, a body that is not JSON, or the handler's. */
	const answer = async (match: FoundRoute, req: http.IncomingMessage, url: URL, raw: Buffer, entry: RequestLogEntry): Promise<SandboxResponse | 'reset'> => {
		if (match.group !== 'control') {
			const fault = faults.next();
			const { latencyMs } = faults.current();
			if (latencyMs > 0) await delay(latencyMs);
			if (fault.kind === 'reset') return 'reset';
			// Processed below like any request; handle() then drops the connection instead of answering.
			if (fault.kind === 'drop') entry.fault = 'drop';
			if (fault.kind === 'error') {
				entry.fault = `error ${fault.code}`;
				return transientError(fault.code);
			}
		}
		const refused = refusal(match.group, entry.method, req.headers);
		if (refused) return refused;
		const form = match.takesForm ? formFields(raw, req.headers['content-type']) : undefined;
		if (form === null) return malformed(NOT_FORM);
		const parsed = form ? { body: form } : parseJson(raw);
		if (!parsed) return match.group === 'control' ? controlError(400, NOT_JSON) : malformed(NOT_JSON);
		const request: SandboxRequest = { method: entry.method, path: url.pathname, params: match.params, query: url.searchParams, headers: req.headers, rawBody: raw, body: parsed.body };
		return match.handler(request);
	};

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
		const time = new Date(now()).toISOString();
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', 'http://sandbox');
		// The log keeps the path only: a query string may carry an access token.
		const entry: RequestLogEntry = { time, method, path: url.pathname, status: 500 };
		const raw = await readBody(req);
		const match = router.match(method, url.pathname);
		if (!(match.kind === 'found' && match.group === 'control')) await farAway(req);
		let response: SandboxResponse | 'reset';
		if (raw === undefined) response = controlError(413, `the request body is larger than ${MAX_BODY_BYTES} bytes`);
		else if (match.kind === 'notFound') response = unknownPath(url.pathname);
		else if (match.kind === 'methodNotAllowed') response = unsupportedMethod(method);
		else response = await answer(match, req, url, raw, entry);
		if (response === 'reset') {
			record({ ...entry, status: 'reset', fault: 'reset' });
			req.socket.destroy();
			return;
		}
		entry.status = response.status;
		if (response.log?.referenceId !== undefined) entry.reference_id = response.log.referenceId;
		if (response.log?.messageType !== undefined) entry.message_type = response.log.messageType;
		// The log is of the API the sandbox simulates; its own control requests would only drown it.
		if (match.kind !== 'found' || match.group !== 'control') record(entry);
		if (entry.fault === 'drop') req.socket.destroy();
		else writeResponse(res, response);
	};

	// The network between the client and a far-away API (options.rttMs): sockets that already carried a request.
	const rttMs = options.rttMs ?? 0;
	const handshakeRoundTrips = options.tls ? 2 : 1;
	const usedConnections = new WeakSet<object>();
	const farAway = async (req: http.IncomingMessage): Promise<void> => {
		if (rttMs === 0) return;
		const isNewConnection = !usedConnections.has(req.socket);
		usedConnections.add(req.socket);
		await delay(rttMs * (1 + (isNewConnection ? handshakeRoundTrips : 0)));
	};

	const listener: http.RequestListener = (req, res) => {
		handle(req, res).catch((e: unknown) => {
			// A bug in the sandbox: answer 500 without details that could carry request data.
			options.onRequest?.(`internal error: ${(e as Error)?.message ?? String(e)}`);
			if (!res.headersSent) writeResponse(res, { status: 500, body: { error: { message: 'sandbox internal error', code: 1, type: 'OAuthException' } } });
			else res.destroy();
		});
	};
	const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
	const host = options.host ?? DEFAULTS.host;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? DEFAULTS.port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	baseUrl = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;

	return {
		url: baseUrl,
		port,
		cloudApiUrl: (version = 'v23.0') => `${baseUrl}/${version}`,
		flushWebhooks: () => webhooks.flush(),
		webhooksIdle: () => webhooks.idle(),
		reset,
		close: async () => {
			// Stop accepting first, so that nothing new starts while the rest winds down.
			const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
			for (const [timer, resolve] of latencyTimers) {
				clearTimeout(timer);
				resolve();
			}
			latencyTimers.clear();
			await webhooks.close();
			// Keep-alive connections and requests still being answered would hold server.close() open.
			server.closeAllConnections();
			await stopped;
		},
	};
}

export type { DeliveryRecord, RetryPolicy } from './webhooks';
export type { FaultSettings } from './faults';
export type { RequestLogEntry } from './routes';
