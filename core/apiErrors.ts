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
	/** error_data.details, or the details of every entry of `errors[]` joined. */
	details: string | null;
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
/** Transient failures on Meta's side: the request may or may not have been processed. */
const TRANSIENT_CODES = new Set([1, 2, 131000, 131016]);
/** The API rejected one parameter; the details name it. */
const PARAMETER_CODES = new Set([100, 131008, 131009]);

const HINTS: Record<number, string> = {
	130429: 'Rate limit of the business number hit (80 messages/s by default); the node retried with backoff. Lower "Max Requests Per Second" or the concurrency.',
	131056: 'Too many messages to the same customer in a short time (pair rate limit). Wait before messaging this number again.',
	131057: 'The business number is being upgraded to higher throughput, which takes up to 1 minute and refuses every request meanwhile; the node retried with backoff. If it still failed, run it again in a minute.',
	131047: 'The customer has not messaged you in the last 24 hours. Use the "Send Order Details Template" operation with an approved order_details template.',
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

function hintFor(code: number | null, details: string | null): string | null {
	if (code === null) return null;
	if (PARAMETER_CODES.has(code)) {
		const field = details ? fieldNamedIn(details) : null;
		return field ? `Fix the field ${field} and send again.` : 'Fix the parameter named in the details and send again.';
	}
	// onboarding-apis § Errors answers unaccepted Payments Terms of Service with 131005, the order pages with 134011.
	if (code === 134011 || (code === 131005 && details !== null && /terms of service/i.test(details))) return termsOfServiceHint(details);
	return HINTS[code] ?? null;
}

/**
 * Reads an error body of either shape (an object or its JSON text). Never throws; an unknown body
 * gives a message built from the HTTP status.
 */
export function parseApiError(body: unknown, httpStatus: number | null = null): ApiErrorInfo {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			parsed = { error: { message: body.slice(0, 500) } };
		}
	}

	let code: number | null = null;
	let subcode: number | null = null;
	let message: string | null = null;
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
	}

	// HTTP 429 is how a BSP such as 360dialog throttles; Meta answers 400 with a throttling code.
	const throttled = httpStatus === 429 || (code !== null && (THROTTLING_CODES.has(code) || UNAVAILABLE_NUMBER_CODES.has(code)));
	const transient = (code !== null && TRANSIENT_CODES.has(code)) || (httpStatus !== null && httpStatus >= 500);
	return {
		code,
		subcode,
		message: message ?? (httpStatus ? `The API answered HTTP ${httpStatus}` : 'The API answered with an error'),
		details,
		fbtraceId,
		hint: hintFor(code, details),
		retryable: throttled || transient,
		notProcessed: throttled,
		httpStatus,
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
 * A lookup answered that the thing looked up does not exist: HTTP 404, or the Graph API's unknown-object
 * error (code 100, subcode 33). UNCONFIRMED for payments: Meta does not document its answer to a lookup
 * of an unknown reference_id; these are the Graph API's general "not found" answers (our sandbox gives
 * the second). Any other error is no proof of absence.
 */
export function isNotFoundAnswer(info: ApiErrorInfo): boolean {
	return info.httpStatus === 404 || (info.code === UNKNOWN_OBJECT.code && info.subcode === UNKNOWN_OBJECT.subcode);
}
