/**
 * Webhook authenticity: Meta's X-Hub-Signature-256 HMAC, the subscribe challenge, and a constant-time
 * comparison for shared-secret headers (360dialog's number webhooks are not documented as signed, so a
 * secret header set with POST /v1/configs/webhook is the alternative). None of these functions throws.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';

const SIGNATURE_PREFIX = 'sha256=';
/**
 * "sha256=" + 64 hex digits. Hex digits are accepted in either case (both encode the same bytes), and
 * so is the label; surrounding whitespace is ignored. Anything else is malformed.
 */
const SIGNATURE_HEADER = /^sha256=([0-9a-f]{64})$/i;

const sha256 = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Compares two strings in constant time. Both are hashed first so that neither their contents nor
 * their lengths leak through timing; non-strings never match.
 */
export function safeEqual(a: string, b: string): boolean {
	if (typeof a !== 'string' || typeof b !== 'string') return false;
	return timingSafeEqual(sha256(a), sha256(b));
}

function isRawBody(x: unknown): x is Buffer | string {
	return typeof x === 'string' || Buffer.isBuffer(x);
}

function hmacSha256(rawBody: Buffer | string, appSecret: string): Buffer {
	return createHmac('sha256', appSecret).update(rawBody).digest();
}

/**
 * The X-Hub-Signature-256 value Meta would send for this body: "sha256=<lowercase hex>".
 * The HMAC covers the exact bytes; a string body is taken as UTF-8.
 */
export function signBody(rawBody: Buffer | string, appSecret: string): string {
	return SIGNATURE_PREFIX + hmacSha256(rawBody, appSecret).toString('hex');
}

/**
 * True when `header` is a well-formed "sha256=<hex>" HMAC-SHA256 of the raw request bytes under the
 * app secret. The body must be the bytes as received: re-serialized JSON does not verify.
 * False for a missing or malformed header, an empty secret, or a body that is not a string or Buffer.
 */
export function verifySignature(rawBody: Buffer | string, header: string | undefined, appSecret: string): boolean {
	try {
		if (typeof appSecret !== 'string' || appSecret === '' || !isRawBody(rawBody) || typeof header !== 'string') return false;
		const match = SIGNATURE_HEADER.exec(header.trim());
		if (!match) return false;
		return timingSafeEqual(Buffer.from(match[1], 'hex'), hmacSha256(rawBody, appSecret));
	} catch {
		return false;
	}
}

/** A query value as one string: frameworks give repeated parameters as arrays (the first one counts). */
function queryString(x: unknown): string | undefined {
	const first = Array.isArray(x) ? x[0] : x;
	return typeof first === 'string' ? first : undefined;
}

/** Reads `hub.<name>` from a flat query (`{"hub.mode": ...}`) or a nested one (`{hub: {mode: ...}}`). */
function hubParameter(query: Record<string, unknown>, name: 'mode' | 'verify_token' | 'challenge'): string | undefined {
	const flat = queryString(query[`hub.${name}`]);
	if (flat !== undefined) return flat;
	const hub = query.hub;
	return hub !== null && typeof hub === 'object' && !Array.isArray(hub) ? queryString((hub as Record<string, unknown>)[name]) : undefined;
}

/** The token and challenge of a query shaped like Meta's verification GET (hub.mode "subscribe"); undefined otherwise. */
function subscribeCheckOf(query: Record<string, unknown>): { token: string; challenge: string } | undefined {
	try {
		if (query === null || typeof query !== 'object') return undefined;
		const token = hubParameter(query, 'verify_token');
		const challenge = hubParameter(query, 'challenge');
		if (hubParameter(query, 'mode') !== 'subscribe' || token === undefined || challenge === undefined) return undefined;
		return { token, challenge };
	} catch {
		return undefined;
	}
}

/** Whether a GET is shaped like Meta's verification (mode, token and challenge), whatever its token. */
export const isSubscribeCheck = (query: Record<string, unknown>): boolean => subscribeCheckOf(query) !== undefined;

/**
 * Answers Meta's verification GET: ok when hub.mode is "subscribe" and hub.verify_token equals the
 * configured token (constant time); the challenge is returned to be echoed as the response body.
 * An empty configured token never matches.
 */
export function verifyChallenge(query: Record<string, unknown>, verifyToken: string): { ok: boolean; challenge?: string } {
	if (typeof verifyToken !== 'string' || verifyToken === '') return { ok: false };
	const check = subscribeCheckOf(query);
	return check && safeEqual(check.token, verifyToken) ? { ok: true, challenge: check.challenge } : { ok: false };
}

/**
 * The app secrets a delivery may be signed with while the app secret is being reset without downtime
 * (meta-docs implement-endpoints-for-flows.md § Resetting the app secret): the new one always, the old one
 * only until `previousValidUntil` (and not after it).
 */
export interface AppSecrets {
	current: string;
	previous?: string;
	/** An ISO date-time (or epoch ms); a date without a time zone is read as the machine's local time. */
	previousValidUntil?: string | number;
}

/** The app secrets of a credential's fields: the current one and, while a reset is under way, the previous one with its end date. */
export function appSecretsOf(credentials: { appSecret?: string; previousAppSecret?: string; previousAppSecretValidUntil?: string }): AppSecrets {
	return {
		current: credentials.appSecret ?? '',
		previous: credentials.previousAppSecret || undefined,
		previousValidUntil: credentials.previousAppSecretValidUntil || undefined,
	};
}

/** Epoch ms of a "valid until" value, or null when it is missing or not a date. */
export function validUntilMs(value: string | number | undefined): number | null {
	if (value === undefined || value === '') return null;
	const ms = typeof value === 'number' ? value : Date.parse(value);
	return Number.isFinite(ms) ? ms : null;
}

/**
 * verifySignature with the current app secret, or with the previous one while `nowMs` is before its
 * "valid until" date. A previous secret without a readable date is never accepted. Never throws.
 */
export function verifySignatureWithRotation(rawBody: Buffer | string, header: string | undefined, secrets: AppSecrets, nowMs: number): boolean {
	if (verifySignature(rawBody, header, secrets.current)) return true;
	const until = validUntilMs(secrets.previousValidUntil);
	return typeof secrets.previous === 'string' && until !== null && nowMs < until && verifySignature(rawBody, header, secrets.previous);
}
