/**
 * "Never trust the webhook alone" (Meta, 360dialog): before a payment status is emitted, the payment
 * is looked up with the main credential and the authoritative result is attached to the item. A
 * disagreement is flagged, a failed lookup is reported on the item; neither drops it.
 *
 * A lookup is a safe read, so a transient failure (HTTP 5xx, Meta's transient codes, throttling such as
 * 429 or 130429, a reset or timed-out connection) is tried again a few times with short capped backoff.
 * The delivery has been answered already (WhatsApp never waits for this); only the workflow's start does.
 *
 * Total: whatever goes wrong (the Payment Configuration Name is not text, the API answers a page that is not JSON,
 * the deadline runs out) becomes the confirmation's error on the items concerned. The updates were marked as seen
 * before the lookups, so a throw here would lose them for good (WhatsApp does not resend an answered delivery).
 */
import { sleep, type IAdditionalCredentialOptions, type ICredentialDataDecryptedObject, type IHttpRequestOptions, type IWebhookFunctions } from 'n8n-workflow';

import { isNotFoundAnswer, parseApiError } from '../../core/apiErrors';
import { firstListed, normalizePaymentStatus, readPaymentLookup } from '../../core/payments';
import { apiBaseUrl, credentialProvider, DOT_SEGMENT_REFUSAL, graphIdRefusal, isDotSegment, isGraphId, paymentLookupPath } from '../../core/providers';
import { isObject } from '../../core/messageShape';
import type { NormalizedAmount, NormalizedPayment, PaymentStatusEvent } from '../../core/types';
import { credentialSecrets } from '../shared/credentialSecrets';
import { brokenAnswer, causeCode } from '../shared/causeCode';
import { mapWithLimit } from '../shared/pool';
import { requestWithCredential } from '../shared/credentialRequest';
import { CREDENTIAL_TYPE, type TriggerCredentials } from './credentials';
import type { Reading } from './parameters';

/** Parallel lookups per delivery: enough for a 1000-update batch, gentle on the API's rate limits. */
const LOOKUP_CONCURRENCY = 8;
const LOOKUP_TIMEOUT_MS = 15_000;
/**
 * How long one delivery's lookups may take in all, counted from the acknowledgement. Until the workflow starts, the
 * acknowledged updates live only in this process's memory (a restart loses them, and WhatsApp will not resend them),
 * so they must not wait there long: without a deadline, 15 s per attempt, 8 at a time, an API that accepts
 * connections and never answers held a 1000-update batch for about half an hour. When it runs out, each lookup not
 * yet answered is reported on its item at once (an attempt in flight is cut short at the deadline).
 */
export const LOOKUP_DEADLINE_MS = 60_000;
/** Attempts per lookup, the first included. */
export const LOOKUP_ATTEMPTS = 4;
/** Before the first retry; each further one waits 4x longer (Meta's advice), capped, with 50-100 % jitter. */
const FIRST_RETRY_DELAY_MS = 250;
const MAX_RETRY_DELAY_MS = 2_000;
/**
 * Retries one delivery may spend in all: when the API is down, a 1000-update batch must not wait for
 * 1000 x 3 backoffs before its workflow starts. Once spent, failures are reported as they come.
 */
const RETRIES_PER_DELIVERY = 3 * LOOKUP_CONCURRENCY;
/** Network failures worth another try: the connection broke or stalled; not a refused or unknown host. */
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET']);
/** A failure worth a second lookup: a network one, or an answer that broke off or was no HTTP. */
const isTransientNetworkCode = (code: string) => TRANSIENT_NETWORK_CODES.has(code) || brokenAnswer(code) !== null;

export interface Mismatch {
	field: 'status' | 'amount' | 'currency' | 'referenceId';
	webhook: string | number | null;
	lookup: string | number | null;
}

export interface PaymentConfirmation {
	/** The payment status according to the lookup (authoritative); null when the lookup failed. */
	status: string | null;
	/** true: the lookup confirms the webhook; false: it contradicts it (see mismatches); null: no answer. */
	agrees: boolean | null;
	mismatches: Mismatch[];
	/** The looked-up payment, normalized; null when the lookup failed or found nothing. */
	payment: NormalizedPayment | null;
	/** Why there is no (complete) answer. */
	error: { message: string; httpCode: number | null } | null;
}

/**
 * `notFound`: the API answered that there is no such payment; `otherReferences`: it answered with payments of these
 * other references only. Either contradicts the webhook.
 */
type LookupResult = { payment: NormalizedPayment | null; notFound: boolean; otherReferences: Array<string | null> | null; error: PaymentConfirmation['error'] };

/** One attempt's outcome; `retryable` when trying again may give an answer. */
type Attempt = { result: LookupResult; retryable: boolean };

function failure(message: string, httpCode: number | null = null, notFound = false): LookupResult {
	return { payment: null, notFound, otherReferences: null, error: { message, httpCode } };
}

const NAME_LABEL = 'Payment Configuration Name';

/** The configuration name the lookups use, or why there is none (reported on every payment's confirmation). */
function configurationNameOf(reading: Reading): { name: string } | { refusal: string } {
	if (!reading.ok) return { refusal: reading.error };
	const { value } = reading;
	// Numbers and booleans as written; an object or list would be looked up as "[object Object]".
	if (value !== undefined && value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
		return { refusal: `${NAME_LABEL}: must be text, not ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`}` };
	}
	const name = value === undefined || value === null ? '' : String(value).trim();
	if (name === '') return { refusal: `${NAME_LABEL}: is empty; set it to confirm payments with the lookup` };
	if (isDotSegment(name)) return { refusal: `${NAME_LABEL}: ${DOT_SEGMENT_REFUSAL}` };
	return { name };
}

async function attemptLookup(
	context: IWebhookFunctions,
	request: IHttpRequestOptions,
	credential: IAdditionalCredentialOptions,
	configurationName: string,
	referenceId: string,
): Promise<Attempt> {
	let response: { statusCode: number; body: unknown };
	try {
		response = await requestWithCredential(context, request, credential);
	} catch (error) {
		// Network-level failure. Only the error's code or message is kept: never the request (it holds the credential).
		const transient = causeCode(error, isTransientNetworkCode);
		const reason = transient ?? (error as { code?: unknown }).code ?? (error as Error).message;
		return { result: failure(`Payment lookup failed: ${String(reason)}`), retryable: transient !== null };
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const apiError = parseApiError(response.body, response.statusCode, { read: true, secrets: credentialSecrets(credential.credentialsDecrypted?.data) });
		return { result: failure(`Payment lookup failed: ${apiError.message}`, response.statusCode, isNotFoundAnswer(apiError)), retryable: apiError.retryable };
	}
	// Read as the action node reads it (core readPaymentLookup): "none" only when the API says so.
	const found = readPaymentLookup(response.body, referenceId);
	switch (found.kind) {
		case 'payment':
			return { result: { payment: found.payment, notFound: false, error: null, otherReferences: null }, retryable: false };
		case 'noPayment':
			return { result: failure(`Payment lookup found no payment "${referenceId}" in configuration "${configurationName}"`, response.statusCode, true), retryable: false };
		case 'otherReferences':
			return { result: { ...failure(`Payment lookup ${found.mismatch}`, response.statusCode), otherReferences: found.references }, retryable: false };
		default:
			// Read again like a failed read: a portal or proxy in the way may let the next attempt through.
			return { result: failure(`Payment lookup failed: the API's answer could not be read (HTTP ${response.statusCode}, no payment in it)`, response.statusCode), retryable: true };
	}
}

function retryDelayMs(retry: number): number {
	const capped = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 4 ** (retry - 1));
	return Math.round(capped * (0.5 + Math.random() / 2));
}

/** What one delivery's lookups may still spend (shared by its parallel lookups): retries, and time until the deadline. */
interface RetryBudget {
	left: number;
	/** Epoch ms (Date.now) after which no attempt starts and none waits longer. */
	deadlineMs: number;
}

const DEADLINE_REFUSAL = `Payment lookup skipped: the delivery's lookups ran out of time (${LOOKUP_DEADLINE_MS / 1000} s for all of them)`;

function afterAttempts(result: LookupResult, attempts: number): LookupResult {
	if (attempts === 1 || !result.error) return result;
	return { ...result, error: { ...result.error, message: `${result.error.message} (after ${attempts} attempts)` } };
}

/** One payment to look up: its reference, and for the Cloud API the phone number the update came to. */
interface Lookup {
	referenceId: string;
	phoneNumberId: string | undefined;
}

const lookupKey = ({ phoneNumberId, referenceId }: Lookup): string => `${phoneNumberId ?? ''}/${referenceId}`;

/**
 * Where the Cloud API keeps a payment: under the phone number its order was sent from, which is the number the
 * update names (metadata.phone_number_id). The credential's Default Phone Number ID is only the fallback for an
 * update that names none: most credentials leave it empty (docs/setup.md), and a WABA may have several numbers.
 */
function lookupOf(event: PaymentStatusEvent, credentials: TriggerCredentials): Lookup | string {
	const referenceId = event.referenceId ?? '';
	if (referenceId === '') return 'referenceId: missing in the update, nothing to look up';
	// A reference WhatsApp allows but no lookup path can hold (core/providers.ts pathSegment would throw).
	if (isDotSegment(referenceId)) return `referenceId: ${DOT_SEGMENT_REFUSAL} to be looked up`;
	if (credentialProvider(credentials) === 'dialog360') return { referenceId, phoneNumberId: undefined };
	const phoneNumberId = event.phoneNumberId || credentials.phoneNumberId || '';
	if (phoneNumberId === '') return 'phone number ID: the update names none and the credential has no Default Phone Number ID';
	if (!isGraphId(phoneNumberId)) return `phone number ID: ${graphIdRefusal(phoneNumberId)}`;
	return { referenceId, phoneNumberId };
}

async function lookUpPayment(
	context: IWebhookFunctions,
	credentials: TriggerCredentials,
	configurationName: string,
	{ referenceId, phoneNumberId }: Lookup,
	budget: RetryBudget,
): Promise<LookupResult> {
	const settings = { ...credentials, phoneNumberId };
	// The kept credential authenticates too, so that token and base URL come from the same load, and a batch's
	// lookups cost no credential load each (n8n loads one per request otherwise).
	const reference = context.getNode().credentials?.[CREDENTIAL_TYPE];
	const credential: IAdditionalCredentialOptions = {
		credentialsDecrypted: { id: reference?.id ?? '', name: reference?.name ?? CREDENTIAL_TYPE, type: CREDENTIAL_TYPE, data: credentials as unknown as ICredentialDataDecryptedObject },
	};
	const request: IHttpRequestOptions = {
		method: 'GET',
		url: apiBaseUrl(settings) + paymentLookupPath(settings, configurationName, referenceId),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	let last: LookupResult | undefined;
	for (let attempt = 1; ; attempt++) {
		const timeLeft = budget.deadlineMs - Date.now();
		if (timeLeft <= 0) return last ? afterAttempts(last, attempt - 1) : failure(DEADLINE_REFUSAL);
		// A fresh copy per attempt: n8n's helper changes the options it is given.
		const { result, retryable } = await attemptLookup(context, { ...request, timeout: Math.min(LOOKUP_TIMEOUT_MS, timeLeft) }, credential, configurationName, referenceId);
		const delay = retryDelayMs(attempt);
		if (!retryable || attempt >= LOOKUP_ATTEMPTS || budget.left <= 0 || Date.now() + delay >= budget.deadlineMs) return afterAttempts(result, attempt);
		last = result;
		budget.left--;
		await sleep(delay);
	}
}

/** The same amount, by value / offset (21000/100 is 2100/10), exactly. */
const sameAmount = (a: NormalizedAmount, b: NormalizedAmount): boolean => BigInt(a.value) * BigInt(b.offset) === BigInt(b.value) * BigInt(a.offset);

/**
 * The amounts compared by value x offset; null when they agree or the webhook carried none. An amount the
 * webhook carried but that cannot be read (negative, not an integer, a bad offset) is reported as sent, never
 * taken for an amount. Amounts show as decimals ("210.00").
 */
function amountMismatch(event: PaymentStatusEvent, payment: NormalizedPayment): Mismatch | null {
	const sentPayment = isObject(event.raw) ? event.raw.payment : undefined;
	const sent = isObject(sentPayment) ? sentPayment.amount ?? sentPayment.total_amount : undefined;
	if (sent === undefined || sent === null) return null;
	if (event.amount && payment.amount && sameAmount(event.amount, payment.amount)) return null;
	return { field: 'amount', webhook: event.amount ? event.amount.decimal : `unreadable: ${JSON.stringify(sent)}`, lookup: payment.amount?.decimal ?? null };
}

function mismatchesOf(event: PaymentStatusEvent, payment: NormalizedPayment): Mismatch[] {
	// No reference pair: readPaymentLookup gave the entry of the webhook's reference or, when none names it, one that
	// names no reference. The lookup path names the reference (receive-payments... § Step 5), so such an entry answers
	// for it and agrees; an answer naming other references only never reaches here (confirmationOf).
	const pairs: Mismatch[] = [
		{ field: 'status', webhook: event.status, lookup: payment.status },
		{ field: 'currency', webhook: event.currency, lookup: payment.currency },
	];
	// A value the webhook did not carry cannot disagree; a status or currency the lookup lacks can. Statuses compare in the
	// newest reading: a seed-style lookup's new or failed is the webhook's pending.
	const differ = (pair: Mismatch) => (pair.field === 'status' ? normalizePaymentStatus(pair.webhook) !== payment.statusNormalized : pair.webhook !== pair.lookup);
	const amount = amountMismatch(event, payment);
	return [...pairs.filter((pair) => pair.webhook !== null && differ(pair)), ...(amount ? [amount] : [])];
}

function confirmationOf(event: PaymentStatusEvent, result: LookupResult): PaymentConfirmation {
	if (result.otherReferences) {
		// The answer holds other orders' payments only: the webhook's reference is not among them. Named as the error
		// names them (a few, then "…"); a reference_id that is not text shows as null.
		const mismatch: Mismatch = { field: 'referenceId', webhook: event.referenceId, lookup: firstListed(result.otherReferences, (reference) => reference ?? 'null') };
		return { status: null, agrees: false, mismatches: [mismatch], payment: null, error: result.error };
	}
	if (!result.payment) {
		// No such payment where the webhook reports one is itself a disagreement; any other failure is no answer.
		return { status: null, agrees: result.notFound ? false : null, mismatches: [], payment: null, error: result.error };
	}
	const mismatches = mismatchesOf(event, result.payment);
	return { status: result.payment.status, agrees: mismatches.length === 0, mismatches, payment: result.payment, error: null };
}

/**
 * One confirmation per payment status event (same order). Each payment (reference_id, and phone number on the
 * Cloud API) is looked up once per delivery, however many of its statuses the delivery batches.
 */
export async function confirmPayments(
	this: IWebhookFunctions,
	events: PaymentStatusEvent[],
	credentials: TriggerCredentials,
	configurationNameRead: Reading,
): Promise<PaymentConfirmation[]> {
	if (events.length === 0) return [];
	const configuration = configurationNameOf(configurationNameRead);
	if ('refusal' in configuration) {
		const refused = failure(configuration.refusal);
		return events.map((event) => confirmationOf(event, refused));
	}
	const planned = events.map((event) => lookupOf(event, credentials));
	const lookups = new Map<string, Lookup>();
	for (const lookup of planned) if (typeof lookup !== 'string') lookups.set(lookupKey(lookup), lookup);
	const budget: RetryBudget = { left: RETRIES_PER_DELIVERY, deadlineMs: Date.now() + LOOKUP_DEADLINE_MS };
	const results = new Map<string, LookupResult>();
	await mapWithLimit([...lookups], LOOKUP_CONCURRENCY, async ([key, lookup]) => {
		try {
			results.set(key, await lookUpPayment(this, credentials, configuration.name, lookup, budget));
		} catch (error) {
			// Not expected (attemptLookup keeps every request failure); still the item's, never the delivery's.
			results.set(key, failure(`Payment lookup failed: ${(error as Error).message}`));
		}
	});
	return events.map((event, i) => {
		const lookup = planned[i];
		return confirmationOf(event, typeof lookup === 'string' ? failure(lookup) : (results.get(lookupKey(lookup)) as LookupResult));
	});
}
