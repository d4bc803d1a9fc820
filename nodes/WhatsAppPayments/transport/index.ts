/**
 * The one way this node talks to the API: this.helpers.httpRequestWithAuthentication('whatsAppPaymentsApi')
 * on the provider's base URL, with pacing, retries and Meta errors turned into NodeApiError.
 *
 * RETRY POLICY
 * Retried with capped exponential backoff (initial delay x 4^n, Meta's advice, capped at 60 s, 50-100 %
 * jitter): throttling answers (130429 per-number rate limit, 131056 pair rate limit, 4 and 80007
 * application/account limits, HTTP 429: refused before anything was processed; 131057, the number unusable
 * during its throughput upgrade, likewise), Meta's transient codes
 * (1, 2, 131000, 131016), HTTP 5xx, and refused / reset / timed-out connections. A request that may
 * already have been processed (5xx, transient codes, a reset or timed-out connection) is never resent
 * blindly, since a second one could act twice:
 * - 'read' (GET lookups and lists): every retryable failure is retried; reading twice is harmless.
 * - 'orderDetails' (order_details and its template form): after a failure that may have been processed,
 *   the order's payment is looked up first (only possible with a payment configuration name: India
 *   payment gateway or legacy UPI). Found, whatever its status: the earlier attempt delivered the bill,
 *   and the result is a success with `deliveredByEarlierAttempt: true` (its wamid is unknown), nothing
 *   resent. A clear "not found" is not proof yet (a new order may take a while to show in the lookup): the
 *   lookup is asked again once lookupLagBoundMs has passed since the failure, and only a second "not found"
 *   means nothing was delivered; the bill is then sent again and the result says so (`resentBecause`,
 *   shown as `resent: true` on the item). Anything else, or no
 *   configuration to look it up with (Brazil, UPI intent link, payment link): the item fails with an
 *   error saying the bill may have been delivered, nothing resent. Second guard, UNCONFIRMED for Meta
 *   (our sandbox's wording): a resend answered "reference_id already used" counts as delivered too, and so
 *   does a first attempt under "Skip Orders Already Sent" (an earlier execution may have sent it).
 * - 'write' (order_status, refunds, payment configuration changes): retried only when the failure proves
 *   nothing was processed (throttling answers, connection refused); after a 5xx or a reset the error is
 *   reported and nothing is resent, since a second order_status or refund could act twice.
 * A 2xx answer that is not a JSON object (a proxy's or portal's page, an empty or cut body) is no answer: a
 * failure that may have been processed, so reads retry it and writes fail saying the outcome is unknown. A 2xx
 * carrying `error` / `errors` is the API error it carries (core/apiErrors.ts readAnswer).
 */
import type {
	IAdditionalCredentialOptions,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { isDuplicateReferenceError, readAnswer, type ApiAnswer, type ApiErrorContext, type ApiErrorInfo } from '../../../core/apiErrors';
import { isObject } from '../../../core/messageShape';
import { apiBaseUrl, credentialProvider, graphIdRefusal, isGraphId, type ProviderSettings } from '../../../core/providers';
import { brokenAnswer, causeCode } from '../../shared/causeCode';
import { credentialSecrets } from '../../shared/credentialSecrets';
import { CREDENTIAL_TYPE } from '../../shared/credentialType';
import { requestWithCredential } from '../../shared/credentialRequest';
import { pathInLabels } from '../shared/labels';
import { text } from '../shared/values';

export { CREDENTIAL_TYPE };

/** What a payment lookup says about an order_details attempt that may have been processed. */
export type DeliveryCheck = { verdict: 'delivered' } | { verdict: 'absent' } | { verdict: 'unknown'; reason: string };

/** How an order_details request finds out whether an attempt that may have been processed delivered the bill. */
export interface OrderDelivery {
	referenceId: string;
	/** Looks the order up; absent when the order has no payment configuration to look it up with. */
	check?: () => Promise<DeliveryCheck>;
	/**
	 * An earlier execution may have sent this order ("Skip Orders Already Sent" found it absent, but a bill sent
	 * within the lookup lag bound may not show yet): a "reference_id already used" answer means it did.
	 */
	mayHaveBeenSentBefore?: boolean;
}

interface RequestBase {
	method: IHttpRequestMethods;
	path: string;
	/** A JSON body. */
	body?: IDataObject;
	/** A form-urlencoded body instead (text fields), for endpoints documented with one. */
	form?: Record<string, string>;
	qs?: IDataObject;
	/** The wire paths of the request's values (/reference_id), named when the API refuses a parameter without naming it. */
	checks?: string[];
}

/** The retry policy of a request (see RETRY POLICY above); order_details also says how to check its delivery. */
export type RetryRule = { retry: 'read' } | { retry: 'write' } | { retry: 'orderDetails'; delivery: OrderDelivery };

export type ApiRequest = RequestBase & RetryRule;

/** How an order_details result was found delivered by an earlier attempt: the lookup, or the duplicate-reference answer. */
export type DeliveryEvidence = 'paymentLookup' | 'duplicateReference';

export interface ApiResponse {
	body: IDataObject;
	/** How many attempts were made (1 = no retry). */
	attempts: number;
	/** order_details only: an earlier attempt of ours delivered the bill, and this is how we know. */
	deliveredByEarlierAttempt?: DeliveryEvidence;
	/** order_details only: the bill was sent again after a failure that may have been processed, and why that was safe. */
	resentBecause?: string;
}

/** A request's end: its response, or the error it failed with (and Meta's error, when the API answered one). */
export type ApiOutcome = { ok: true; response: ApiResponse } | { ok: false; error: NodeApiError; apiError: ApiErrorInfo | null };

export interface PacingSettings {
	/** Extra attempts after the first. */
	maxRetries: number;
	/** Delay before the first retry, in ms; later ones grow 4x. */
	initialRetryDelayMs: number;
	/**
	 * order_details: how long a new order may take to show in the payment lookup (its lag bound). A "not found"
	 * counts only when the lookup still says so this long after the failed attempt.
	 */
	lookupLagBoundMs: number;
	/** Requests started per second by this node run (0 = unpaced). */
	maxRequestsPerSecond: number;
	/**
	 * Told when each request leaves; the function it returns is told when the exchange ends (`answered`: the API
	 * answered, so its time counts). The in-flight window sizes itself from these.
	 */
	onRequestSent?: () => (answered: boolean) => void;
}

/** What a run needs besides the credential. */
export interface RunSettings {
	/** The node's "Sending Phone Number"; empty: the credential's default number (credentials made before the dropdown). */
	phoneNumberId?: string;
	/** The run calls WABA endpoints (payment configurations, the dropdowns): find the account when the credential has none. */
	needsBusinessAccount?: boolean;
	/**
	 * The form's name of a field an API error names by its wire path (/amount/value), for input item `itemIndex`.
	 * Default: the path's keys in words (shared/labels.ts pathInLabels without the form's labels).
	 */
	fieldName?: (path: string, itemIndex: number) => string;
}

/**
 * maxRequestsPerSecond: a little under the 80 messages/s a business number takes by default (throughput.md), because
 * requests started exactly 1/80 s apart reach the API with the network's jitter: a second that receives 81 is answered
 * 130429 for the 81st, and its retry comes a second later. 78/s leaves room for two early arrivals in most seconds;
 * the limiter spaces the releases, and building each request (credential, HTTP client) adds its own jitter, so a
 * second may still receive 81 or 82 (measured on loopback): that request's 130429 is retried, never processed twice.
 * lookupLagBoundMs: UNCONFIRMED: Meta documents no lag for its payment lookup; 30 s is our bound (an option).
 */
export const DEFAULT_PACING: PacingSettings = { maxRetries: 4, initialRetryDelayMs: 1000, maxRequestsPerSecond: 78, lookupLagBoundMs: 30_000 };

const MAX_RETRY_DELAY_MS = 60_000;
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Transport failures: whether the request may have reached the API before the connection failed, and
 * words for the message (n8n replaces any error message that contains the code itself).
 */
const TRANSPORT_FAILURES: Record<string, { maybeSent: boolean; words: string }> = {
	ECONNREFUSED: { maybeSent: false, words: 'connection refused' },
	ENOTFOUND: { maybeSent: false, words: 'host not found' },
	EAI_AGAIN: { maybeSent: false, words: 'DNS lookup failed' },
	EHOSTUNREACH: { maybeSent: false, words: 'host unreachable' },
	ENETUNREACH: { maybeSent: false, words: 'network unreachable' },
	ENETDOWN: { maybeSent: false, words: 'network down' },
	ECONNRESET: { maybeSent: true, words: 'connection reset' },
	ECONNABORTED: { maybeSent: true, words: 'connection aborted' },
	EPIPE: { maybeSent: true, words: 'connection closed while sending' },
	ETIMEDOUT: { maybeSent: true, words: 'timed out' },
	ESOCKETTIMEDOUT: { maybeSent: true, words: 'timed out' },
	UND_ERR_SOCKET: { maybeSent: true, words: 'connection closed' },
};

/** The table's entry of a failure code (one isTransportFailure takes), or, for an answer that broke off or was no HTTP, one made for it. */
function transportFailure(code: string): { maybeSent: boolean; words: string } {
	const broken = brokenAnswer(code);
	return broken === null ? TRANSPORT_FAILURES[code] : { maybeSent: true, words: broken };
}

const isTransportFailure = (code: string) => brokenAnswer(code) !== null || Object.prototype.hasOwnProperty.call(TRANSPORT_FAILURES, code);

type ApiContext = IExecuteFunctions | ILoadOptionsFunctions;

function checkGraphIds(ctx: ApiContext, settings: ProviderSettings, numberFromNode: boolean): void {
	const ids: Array<[string | undefined, string]> = [
		[settings.phoneNumberId, numberFromNode ? 'Sending Phone Number Name or ID' : 'Credential › Default Phone Number ID'],
		[settings.businessAccountId, 'Credential › WhatsApp Business Account ID'],
	];
	for (const [id, label] of ids) {
		if (id !== undefined && !isGraphId(id)) throw new NodeOperationError(ctx.getNode(), `${label}: ${graphIdRefusal(id)}`);
	}
}

/**
 * Keeps a node run under the number's messages-per-second limit: request starts are spaced evenly, and never more
 * than `perSecond` of them start within one second (for a rate that is not a whole number, its next whole number
 * within as many seconds as that takes at the rate). The second rule is for stalls: while the process is held up
 * (garbage collection, a busy CPU), the starts that fall due all fire together when it resumes, and the API, which
 * counts per second, would get them on top of the next second's own and answer 130429. Held back, they wait for
 * the earliest starts of the second before to leave it: the stall costs its own time, never the API's limit.
 */
export class RateLimiter {
	private nextSlotMs = 0;

	/** When the last `ceil(perSecond)` requests started, a ring whose oldest entry is at `oldest`. */
	private readonly starts: number[];

	private oldest = 0;

	private readonly windowMs: number;

	constructor(private readonly perSecond: number) {
		const capacity = perSecond > 0 ? Math.ceil(perSecond) : 0;
		this.starts = new Array<number>(capacity).fill(-Infinity);
		this.windowMs = perSecond > 0 ? (capacity * 1000) / perSecond : 0;
	}

	/** Resolves when the next request may start, with the time it starts (ms since the epoch; now when unlimited). */
	async wait(): Promise<number> {
		if (this.perSecond <= 0) return Date.now();
		const now = Date.now();
		const slot = Math.max(now, this.nextSlotMs);
		this.nextSlotMs = slot + 1000 / this.perSecond;
		if (slot > now) await sleep(slot - now);
		for (let held = this.heldMs(); held > 0; held = this.heldMs()) await sleep(held);
		const start = Date.now();
		this.starts[this.oldest] = start;
		this.oldest = (this.oldest + 1) % this.starts.length;
		return start;
	}

	/** How long until the oldest of the last starts leaves the window. */
	private heldMs(): number {
		return this.starts[this.oldest] + this.windowMs - Date.now();
	}
}

type Attempt =
	| { ok: true; body: IDataObject }
	| { ok: false; kind: 'api'; info: ApiErrorInfo }
	| { ok: false; kind: 'transport'; code: string };

type Failure = Exclude<Attempt, { ok: true }>;

/** Transient API errors (5xx, codes 1, 2 ...) and some transport failures leave it open whether the API acted. */
const mayHaveBeenProcessed = (failure: Failure) =>
	failure.kind === 'api' ? failure.info.retryable && !failure.info.notProcessed : transportFailure(failure.code).maybeSent;

/** One HTTP exchange through n8n's helper, authenticated with the node's credential. */
type AuthenticatedSend = (options: IHttpRequestOptions) => Promise<{ statusCode: number; body: unknown; headers?: Record<string, unknown> }>;

/** An answer read with core's readAnswer, the credential's secrets redacted from every text taken from it. */
type AnswerReader = (body: unknown, httpStatus: number, context: ApiErrorContext) => ApiAnswer;

export class WhatsAppApi {
	private readonly limiter: RateLimiter;

	private readonly baseURL: string;

	private constructor(
		private readonly ctx: ApiContext,
		readonly settings: ProviderSettings,
		private readonly pacing: PacingSettings,
		private readonly send: AuthenticatedSend,
		private readonly answerOf: AnswerReader,
		private readonly fieldName: (path: string, itemIndex: number) => string,
	) {
		this.limiter = new RateLimiter(pacing.maxRequestsPerSecond);
		this.baseURL = apiBaseUrl(settings);
	}

	/**
	 * Reads the node's credential once for the whole run: the provider settings for the paths, and the
	 * decrypted credential handed to httpRequestWithAuthentication with every request, so n8n does not
	 * fetch and decrypt it again per request. The secrets stay inside `send` and `answerOf`, out of the object's fields.
	 */
	static async create(ctx: ApiContext, pacing: PacingSettings = DEFAULT_PACING, run: RunSettings = {}): Promise<WhatsAppApi> {
		const c = await ctx.getCredentials(CREDENTIAL_TYPE);
		const settings: ProviderSettings = {
			provider: credentialProvider(c),
			phoneNumberId: text(run.phoneNumberId) ?? text(c.phoneNumberId),
			businessAccountId: text(c.businessAccountId),
			apiVersion: text(c.apiVersion),
			baseUrl: text(c.baseUrl),
		};
		if (settings.provider === 'cloudApi') checkGraphIds(ctx, settings, text(run.phoneNumberId) !== undefined);
		const reference = ctx.getNode().credentials?.[CREDENTIAL_TYPE];
		const credential: IAdditionalCredentialOptions = {
			credentialsDecrypted: { id: reference?.id ?? '', name: reference?.name ?? CREDENTIAL_TYPE, type: CREDENTIAL_TYPE, data: c },
		};
		const send: AuthenticatedSend = async (options) =>
			await requestWithCredential(ctx, options, credential);
		const secrets = credentialSecrets(c);
		const answerOf: AnswerReader = (body, httpStatus, context) => readAnswer(body, httpStatus, { ...context, secrets });
		const fieldName = run.fieldName ?? ((path: string) => pathInLabels(path, new Map()));
		const api = new WhatsAppApi(ctx, settings, pacing, send, answerOf, fieldName);
		if (run.needsBusinessAccount && settings.provider === 'cloudApi' && !settings.businessAccountId) {
			settings.businessAccountId = await api.tokenBusinessAccount(String(c.accessToken ?? ''));
		}
		return api;
	}

	/**
	 * The WhatsApp Business Account the access token reaches (GET /debug_token: the accounts of its
	 * whatsapp_business_management scope; UNCONFIRMED, outside Meta's payments pages). Exactly one is needed:
	 * with none or several, the error says to set it under the credential's Advanced Settings.
	 */
	private async tokenBusinessAccount(accessToken: string): Promise<string> {
		const advice = 'Set "WhatsApp Business Account ID" under the credential\'s Advanced Settings (WhatsApp Manager > Account tools > Phone numbers shows it).';
		const outcome = await this.tryRequest({ method: 'GET', path: '/debug_token', qs: { input_token: accessToken }, retry: 'read' });
		const data = outcome.ok && isObject(outcome.response.body.data) ? (outcome.response.body.data as IDataObject) : {};
		const scopes = Array.isArray(data.granular_scopes) ? (data.granular_scopes as IDataObject[]) : [];
		const management = scopes.find((scope) => isObject(scope) && scope.scope === 'whatsapp_business_management');
		const accounts = Array.isArray(management?.target_ids) ? [...new Set((management.target_ids as unknown[]).map(String))] : [];
		if (accounts.length === 1) return accounts[0];
		const found = !outcome.ok
			? `the access token could not be checked (${outcome.error.message})`
			: accounts.length === 0
				? 'the access token reaches no WhatsApp Business Account (it needs the whatsapp_business_management permission)'
				: `the access token reaches ${accounts.length} WhatsApp Business Accounts`;
		throw new NodeOperationError(this.ctx.getNode(), `Could not tell which WhatsApp Business Account to use: ${found}`, { description: advice });
	}

	/** Sends one request under the retry policy; throws NodeApiError with Meta's code, details and hint. */
	async request(req: ApiRequest, itemIndex = 0): Promise<ApiResponse> {
		const outcome = await this.tryRequest(req, itemIndex);
		if (!outcome.ok) throw outcome.error;
		return outcome.response;
	}

	/** Like `request`, but a failure is returned with Meta's error, for callers that tell answers apart (e.g. "not found"). */
	async tryRequest(req: ApiRequest, itemIndex = 0): Promise<ApiOutcome> {
		const failed = (failure: Failure, attempts: number, description?: string): ApiOutcome => ({
			ok: false,
			error: this.toNodeError(failure, itemIndex, attempts, description),
			apiError: failure.kind === 'api' ? failure.info : null,
		});
		let resentBecause: string | undefined;
		for (let attempt = 1; ; attempt++) {
			await this.limiter.wait();
			const result = await this.attempt(req, itemIndex);
			const failedAtMs = Date.now();
			const marks = resentBecause === undefined ? {} : { resentBecause };
			if (result.ok) return { ok: true, response: { body: result.body, attempts: attempt, ...marks } };
			const earlierAttemptPossible = resentBecause !== undefined || (req.retry === 'orderDetails' && req.delivery.mayHaveBeenSentBefore === true);
			if (req.retry === 'orderDetails' && earlierAttemptPossible && result.kind === 'api' && isDuplicateReferenceError(result.info)) {
				return { ok: true, response: { body: {}, attempts: attempt, deliveredByEarlierAttempt: 'duplicateReference', ...marks } };
			}
			const retryable = result.kind === 'transport' || result.info.retryable;
			if (!retryable) return failed(result, attempt);
			let note: string | undefined;
			if (mayHaveBeenProcessed(result)) {
				if (req.retry === 'write') return failed(result, attempt);
				if (req.retry === 'orderDetails') {
					const { referenceId } = req.delivery;
					const found = await this.lookUpDelivery(req.delivery, failedAtMs);
					if (found.verdict === 'delivered') {
						return { ok: true, response: { body: {}, attempts: attempt, deliveredByEarlierAttempt: 'paymentLookup', ...marks } };
					}
					if (found.verdict === 'unknown') return { ok: false, error: this.mayHaveBeenDelivered(result, itemIndex, attempt, referenceId, found.reason), apiError: null };
					note = `The payment lookup found no order ${referenceId}, also ${this.pacing.lookupLagBoundMs} ms (the lookup lag bound) after the failure: the bill was not delivered.`;
					resentBecause = `Attempt ${attempt} failed (${WhatsAppApi.headline(result, 1)}) after it may have reached the API; ${note.charAt(0).toLowerCase()}${note.slice(1)} So it was sent again.`;
				}
			}
			if (attempt > this.pacing.maxRetries) return failed(result, attempt, note);
			await sleep(this.backoffMs(attempt));
		}
	}

	/**
	 * Whether an order_details attempt that failed at `failedAtMs` delivered its bill. A new order may take up to
	 * lookupLagBoundMs to show in the lookup, so a first "not found" is asked again once that much time has passed
	 * since the failure; only a second "not found" counts as absent.
	 */
	private async lookUpDelivery(delivery: OrderDelivery, failedAtMs: number): Promise<DeliveryCheck> {
		if (!delivery.check) return { verdict: 'unknown', reason: 'The order has no payment configuration to look it up with' };
		const first = await delivery.check();
		const { lookupLagBoundMs } = this.pacing;
		if (first.verdict !== 'absent' || lookupLagBoundMs === 0) return first;
		const wait = failedAtMs + lookupLagBoundMs - Date.now();
		if (wait > 0) await sleep(wait);
		return await delivery.check();
	}

	private backoffMs(attempt: number): number {
		const capped = Math.min(MAX_RETRY_DELAY_MS, this.pacing.initialRetryDelayMs * 4 ** (attempt - 1));
		return Math.round(capped * (0.5 + Math.random() / 2));
	}

	private async attempt(req: ApiRequest, itemIndex: number): Promise<Attempt> {
		const options: IHttpRequestOptions = {
			method: req.method,
			baseURL: this.baseURL,
			url: req.path,
			qs: req.qs,
			// n8n's request helper sends a string body as it is, with the content type given (an object under
			// this content type is re-encoded by axios), so the form is encoded here.
			...(req.form ? { body: new URLSearchParams(req.form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } } : { body: req.body }),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: REQUEST_TIMEOUT_MS,
		};
		let response: Awaited<ReturnType<AuthenticatedSend>>;
		const exchangeEnded = this.pacing.onRequestSent?.();
		try {
			response = await this.send(options);
			exchangeEnded?.(true);
		} catch (error) {
			exchangeEnded?.(false);
			const code = causeCode(error, isTransportFailure);
			// Not a transport failure (e.g. a missing credential): nothing to retry, and the raw error
			// may carry request headers, so only its message travels on.
			if (!code) throw new NodeOperationError(this.ctx.getNode(), (error as Error).message ?? 'The request failed');
			return { ok: false, kind: 'transport', code };
		}
		const fieldName = (path: string) => this.fieldName(path, itemIndex);
		const contentType = response.headers?.['content-type'];
		const answer = this.answerOf(response.body, response.statusCode, {
			read: req.retry === 'read',
			fieldName,
			fieldsToCheck: req.checks?.map(fieldName),
			contentType: typeof contentType === 'string' ? contentType : undefined,
		});
		return answer.ok ? { ok: true, body: answer.body as IDataObject } : { ok: false, kind: 'api', info: answer.error };
	}

	/** What failed, in words: the transport failure or Meta's code and message. */
	private static headline(failure: Failure, attempts: number): string {
		const tried = attempts > 1 ? ` (after ${attempts} attempts)` : '';
		if (failure.kind === 'transport') return `The WhatsApp API could not be reached: ${transportFailure(failure.code).words}${tried}`;
		const info = failure.info;
		const head = info.code !== null ? `(#${info.code}) ${info.message.replace(/^\(#\d+\)\s*/, '')}` : info.message;
		return `WhatsApp API error ${head}${tried}`;
	}

	/** The failure as NodeApiError; `description` replaces the default one (the details, hint and fbtrace_id). */
	private toNodeError(failure: Failure, itemIndex: number, attempts: number, description?: string): NodeApiError {
		const node = this.ctx.getNode();
		const message = WhatsAppApi.headline(failure, attempts);
		if (failure.kind === 'transport') {
			return new NodeApiError(node, { transportError: failure.code, attempts } as JsonObject, {
				message,
				description:
					description ??
					(transportFailure(failure.code).maybeSent
						? 'The request may have reached the API before the connection failed; it was not resent because doing so could act twice.'
						: undefined),
				itemIndex,
			});
		}
		const info = failure.info;
		const errorResponse: JsonObject = {
			code: info.code,
			error_subcode: info.subcode,
			message: info.message,
			details: info.details,
			fbtrace_id: info.fbtraceId,
			hint: info.hint,
			httpStatus: info.httpStatus,
			attempts,
		};
		return new NodeApiError(node, errorResponse, {
			message,
			description: description ?? ([info.details, info.hint, info.fbtraceId ? `fbtrace_id: ${info.fbtraceId}` : null].filter(Boolean).join(' | ') || undefined),
			httpCode: info.httpStatus !== null ? String(info.httpStatus) : undefined,
			itemIndex,
		});
	}

	/** An order_details attempt that may have been processed, and nothing proves whether it delivered the bill. */
	private mayHaveBeenDelivered(failure: Failure, itemIndex: number, attempts: number, referenceId: string, reason: string): NodeApiError {
		const error = this.toNodeError(
			failure,
			itemIndex,
			attempts,
			`${WhatsAppApi.headline(failure, attempts)}, after the request may have reached the API. ${reason}, so it was not resent: ` +
				'a second bill could reach the customer twice. Look the payment up, or check the chat, before sending it again.',
		);
		error.message = `Order ${referenceId} may have been delivered: look up reference ${referenceId} before sending it again`;
		return error;
	}
}

