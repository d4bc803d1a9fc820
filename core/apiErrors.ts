/**
 * Meta / 360dialog error bodies -> one normalized shape with a hint a person can act on.
 *
 * Two shapes exist:
 *   Cloud API: {"error":{"message","type","code","error_data":{"details"},"error_subcode","fbtrace_id"}}
 *   older / on-premises / 360dialog v1: {"errors":[{"code","title","details"}]}
 */
import { isObject } from './messageShape';

export interface ApiErrorInfo {
	/** Meta's error code (e.g. 131009), null when the body carries none. */
	code: number | null;
	subcode: number | null;
	message: string;
	/** error_data.details, or the details of every entry of `errors[]` joined (for a body that is not JSON, its start). */
	details: string | null;
	/** The request's field the details name, as a wire path (/amount/value) or a dotted one; null when they name none. */
	field: string | null;
	fbtraceId: string | null;
	/** What to do about it, when we know. */
	hint: string | null;
	/** A later attempt may succeed (throttling, transient failures, 5xx). */
	retryable: boolean;
	/** The API refused the request before doing anything (throttling): resending cannot duplicate it. */
	notProcessed: boolean;
	httpStatus: number | null;
}

/** Over a rate limit: refused before anything was processed. */
const THROTTLING_CODES = new Set([
	4, // application request limit
	80007, // WABA rate limit
	130429, // messages per second of the business number
	131056, // pair rate limit: too many messages to the same customer
]);
/**
 * The business number cannot be used for a while, so the request was refused: throughput.md § Higher throughput,
 * 131057 during the upgrade to higher throughput ("up to 1 minute", the number "will not be usable").
 */
const UNAVAILABLE_NUMBER_CODES = new Set([131057]);
/**
 * Transient failures on Meta's side: the request may or may not have been processed. 500: the payment lookup's
 * "Generic error" ("System error. Please try again.", receive-payments-via-payment-gateways-on-whatsapp.md § Step 5),
 * which the page gives without an HTTP status.
 */
const TRANSIENT_CODES = new Set([1, 2, 500, 131000, 131016]);
/** The API rejected one parameter; the details name it. */
const PARAMETER_CODES = new Set([100, 131008, 131009]);

const HINTS: Record<number, string> = {
	130429: 'Rate limit of the business number hit (80 messages/s by default); the node retried with backoff. Lower "Max Requests Per Second" or the concurrency.',
	131056: 'Too many messages to the same customer in a short time (pair rate limit). Wait before messaging this number again.',
	131057: 'The business number is being upgraded to higher throughput, which takes up to 1 minute and refuses every request meanwhile; the node retried with backoff. If it still failed, run it again in a minute.',
	131047: 'The customer has not messaged you in the last 24 hours: send the template form of this message: "Send Order Details Template" for a bill, "Send Order Status Template" for a status update.',
	131005: 'Access denied: the token lacks the whatsapp_business_messaging / whatsapp_business_management permission, or the phone number is not in this WhatsApp Business Account.',
	190: 'The access token is invalid or expired. Create a new (system-user) token and update the credential.',
	// brazil-orders.md § Errors and statuses: "2040 - Message is not supported".
	2040: 'This customer cannot receive this message (error 2040, "Message is not supported"): their WhatsApp cannot show order messages. Reach them another way, e.g. a payment link in a text or template message.',
};

function toCode(x: unknown): number | null {
	if (typeof x === 'number' && Number.isInteger(x)) return x;
	if (typeof x === 'string' && /^\d+$/.test(x.trim())) return Number(x.trim());
	return null;
}

const toText = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);

/** The first field-like token in a details text: a JSON pointer (/a/b/0) or a dotted path (a.b[0].c). */
function fieldNamedIn(details: string): string | null {
	const pointer = /(?:^|[\s'"(])(\/[\w.-]+(?:\/[\w.-]+)*)/.exec(details);
	if (pointer) return pointer[1];
	const dotted = /\b([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)+)\b/i.exec(details);
	return dotted ? dotted[1] : null;
}

/**
 * Unaccepted WhatsApp Payments Terms of Service: the pages' § Errors say to accept them "using the link provided in
 * the error message", which their example carries in error_data.details ("... accept terms of service before using
 * Business APIs: https://fb.me/..."). The hint names that link when the details hold one.
 */
function termsOfServiceHint(details: string | null): string {
	const link = details === null ? undefined : /https:\/\/[^\s"']*[^\s"'.,;)]/.exec(details)?.[0];
	const where = link ? `the link in the error's details (error_data.details): ${link}` : "the link in the error's details (error_data.details)";
	return `The WhatsApp Payments Terms of Service are not accepted for this WhatsApp Business Account. Accept them by opening ${where}, then try again.`;
}

/** How the request is read into words: what it did, how its fields are named, what never shows. */
export interface ApiErrorContext {
	/** The request only reads (a lookup, a list): its hints never say "send again". */
	read?: boolean;
	/** The form's name of a field the details name (a wire or dotted path); default: the path as it is. */
	fieldName?: (path: string) => string;
	/** The form's names of the request's values, to check when the API names no field. */
	fieldsToCheck?: readonly string[];
	/** Values no text read from the answer may show (the credential's secrets). */
	secrets?: readonly string[];
	/** The answer's content type, named when its body is not JSON. */
	contentType?: string;
}

/** A parameter error: the field to fix in the form's words, or what to check when the API names none. */
function parameterHint(field: string | null, { read = false, fieldName = (path) => path, fieldsToCheck = [] }: ApiErrorContext): string {
	const again = read ? '' : ' and send again';
	if (field !== null) return `${read ? 'Check' : 'Fix'} the field "${fieldName(field)}"${again}.`;
	const what = fieldsToCheck.length > 0 ? fieldsToCheck.map((name) => `"${name}"`).join(' and ') : "this operation's fields";
	return `The API named no field: check ${what}${again}.`;
}

function hintFor(code: number | null, details: string | null, field: string | null, context: ApiErrorContext): string | null {
	if (code === null) return null;
	if (PARAMETER_CODES.has(code)) return parameterHint(field, context);
	// onboarding-apis § Errors answers unaccepted Payments Terms of Service with 131005, the order pages with 134011.
	if (code === 134011 || (code === 131005 && details !== null && /terms of service/i.test(details))) return termsOfServiceHint(details);
	return HINTS[code] ?? null;
}

const REDACTED = '[redacted]';

/** A URL's query parameters that carry credentials (input_token=, access_token=, api_key=, hub.verify_token= ...). */
const SECRET_QUERY = /([?&][\w.-]*(?:token|key|secret|signature|password)[\w.-]*=)[^&#\s"'<>]+/gi;

/**
 * `text` without the secrets given, as they are or URL-encoded (the longest first, so one that contains another
 * goes whole), nor any credential-like query parameter's value (for the secrets nobody listed).
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
	const forms = [...new Set(secrets.filter((secret) => secret !== '').flatMap((secret) => [secret, encodeURIComponent(secret)]))];
	const redacted = forms.sort((a, b) => b.length - a.length).reduce((out, form) => out.split(form).join(REDACTED), text);
	return redacted.replace(SECRET_QUERY, `$1${REDACTED}`);
}

/** How much of a body that is not JSON an error quotes: enough for a proxy's or portal's title, little else. */
const EXCERPT_CHARS = 100;

/** The start of a body that is not JSON, as text (markup, scripts and styles left out), secrets redacted before it is cut. */
function excerptOf(body: string, secrets: readonly string[]): string {
	const plain = redactSecrets(body, secrets)
		.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]*>?/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > EXCERPT_CHARS ? `${plain.slice(0, EXCERPT_CHARS)}…` : plain;
}

/** What an answer that is not a JSON object was: its status, content type and start, in words. */
function unreadableBody(body: unknown, httpStatus: number | null, { contentType, secrets = [] }: ApiErrorContext): { message: string; details: string | null } {
	const type = contentType ? `${contentType.split(';')[0].trim()}, ` : '';
	const status = httpStatus !== null ? `HTTP ${httpStatus}, ` : '';
	const kind = body === undefined || body === null || body === '' ? 'an empty body' : typeof body === 'string' ? 'not JSON' : 'not a JSON object';
	const excerpt = typeof body === 'string' ? excerptOf(body, secrets) : '';
	return { message: `The API's answer could not be read (${status}${type}${kind})`, details: excerpt === '' ? null : `It begins: "${excerpt}"` };
}

/** A body's JSON text read, or the text itself when it is not JSON. */
function parsedBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/** An answer's body (an object or its JSON text) that carries an error of either shape. */
const carriesError = (parsed: unknown): parsed is Record<string, unknown> =>
	isObject(parsed) && (isObject(parsed.error) || (Array.isArray(parsed.errors) && parsed.errors.length > 0));

/**
 * Reads an error body of either shape (an object or its JSON text). Never throws; an unknown body gives a message
 * built from the HTTP status, a body that is not JSON its status, content type and a short start. Every text read
 * from the body goes through redactSecrets.
 */
export function parseApiError(body: unknown, httpStatus: number | null = null, context: ApiErrorContext = {}): ApiErrorInfo {
	const parsed = parsedBody(body);
	const redact = (text: string | null) => (text === null ? null : redactSecrets(text, context.secrets));

	let code: number | null = null;
	let subcode: number | null = null;
	let message: string | null = null;
	// The node follows no redirect (nodes/shared/credentialRequest.ts): a 3xx is answered here, nothing was carried out.
	const redirect = httpStatus !== null && httpStatus >= 300 && httpStatus < 400 && !carriesError(parsed);
	let details: string | null = null;
	let fbtraceId: string | null = null;

	if (isObject(parsed) && isObject(parsed.error)) {
		const e = parsed.error;
		code = toCode(e.code);
		subcode = toCode(e.error_subcode);
		message = toText(e.message) ?? toText(e.error_user_msg) ?? toText(e.title);
		details = (isObject(e.error_data) ? toText(e.error_data.details) : null) ?? toText(e.error_user_msg);
		fbtraceId = toText(e.fbtrace_id);
	} else if (isObject(parsed) && Array.isArray(parsed.errors) && parsed.errors.length > 0) {
		const entries = parsed.errors.filter(isObject);
		const first = entries[0] ?? {};
		code = toCode(first.code);
		message = toText(first.title) ?? toText(first.message);
		const allDetails = entries.map((e) => toText(e.details) ?? toText(e.message)).filter((d): d is string => d !== null);
		details = allDetails.length > 0 ? allDetails.join('; ') : null;
		fbtraceId = isObject(parsed.meta) ? toText(parsed.meta.fbtrace_id) : null;
	} else if (redirect) {
		message = `The API answered with a redirect (HTTP ${httpStatus}), which is not followed: the credential would go along to another address`;
	} else if (!isObject(parsed)) {
		({ message, details } = unreadableBody(parsed, httpStatus, context));
	}
	details = redact(details);
	const field = details !== null ? fieldNamedIn(details) : null;

	// HTTP 429 is how a BSP such as 360dialog throttles; Meta answers 400 with a throttling code.
	const throttled = httpStatus === 429 || (code !== null && (THROTTLING_CODES.has(code) || UNAVAILABLE_NUMBER_CODES.has(code)));
	const transient = (code !== null && TRANSIENT_CODES.has(code)) || (httpStatus !== null && httpStatus >= 500);
	return {
		code,
		subcode,
		message: redact(message) ?? (httpStatus ? `The API answered HTTP ${httpStatus}` : 'The API answered with an error'),
		details,
		field,
		fbtraceId: redact(fbtraceId),
		hint: redirect ? "Check the credential's Base URL: it must be the API's own address, which answers without redirecting" : hintFor(code, details, field, context),
		retryable: throttled || transient,
		notProcessed: throttled,
		httpStatus,
	};
}

/** An answer of the API: its JSON object, or the error it is (see readAnswer). */
export type ApiAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; error: ApiErrorInfo };

/**
 * Any answer of the API, whatever its status. A 2xx is an answer only when its body is a JSON object without an
 * error: one carrying `error` / `errors` is an API error (the payment lookup's generic error may come with any
 * status), and one that is not a JSON object (a proxy's or portal's HTML page, an empty or cut body) is unreadable:
 * retryable, never "not found" and never a success, and whether the request was carried out is unknown.
 */
export function readAnswer(body: unknown, httpStatus: number, context: ApiErrorContext = {}): ApiAnswer {
	const parsed = parsedBody(body);
	const success = httpStatus >= 200 && httpStatus < 300;
	if (success && isObject(parsed) && !carriesError(parsed)) return { ok: true, body: parsed };
	const error = parseApiError(parsed, httpStatus, context);
	if (!success || isObject(parsed)) return { ok: false, error };
	const outcome = context.read ? '' : ': whether the request was carried out is unknown';
	return {
		ok: false,
		error: {
			...error,
			message: `${error.message}${outcome}`,
			hint: context.read
				? 'A proxy, firewall or login page may have answered instead of the API: check the credential\'s Base URL and the network.'
				: 'Check whether it was carried out (look the payment or the chat up) before sending it again: a second request could act twice.',
			retryable: true,
		},
	};
}

/**
 * The answer to an order_details whose reference_id was already used. After a resend of a request
 * that may have been processed, it means the earlier attempt was delivered.
 * UNCONFIRMED: neither the seeds nor Meta's documentation say the API refuses a reused reference_id
 * (only that it is "unique per order"); this wording is our sandbox's. It is only a second guard: the
 * node decides whether to resend by looking the payment up first (nodes/WhatsAppPayments/transport).
 */
export function isDuplicateReferenceError(info: ApiErrorInfo): boolean {
	return /reference_id already used/i.test(`${info.message} ${info.details ?? ''}`);
}

/** The Graph API's "object does not exist" answer: HTTP 400, code 100, subcode 33. */
const UNKNOWN_OBJECT = { code: 100, subcode: 33 };

/**
 * A lookup answered that the thing looked up does not exist: HTTP 404 with an API error code, or the Graph API's
 * unknown-object error (code 100, subcode 33). UNCONFIRMED for payments: Meta does not document its answer to a lookup
 * of an unknown reference_id; these are the Graph API's general "not found" answers (our sandbox gives the second).
 * Any other error is no proof of absence, nor is a 404 without a code: a proxy's or a wrong Base URL's page.
 */
export function isNotFoundAnswer(info: ApiErrorInfo): boolean {
	return (info.httpStatus === 404 && info.code !== null) || (info.code === UNKNOWN_OBJECT.code && info.subcode === UNKNOWN_OBJECT.subcode);
}
