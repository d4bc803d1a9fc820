/**
 * "Never trust the webhook alone" (Meta, 360dialog): before a payment status is emitted, the payment
 * is looked up with the main credential and the authoritative result is attached to the item. A
 * disagreement is flagged, a failed lookup is reported on the item; neither drops it.
 */
import type { IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';

import { parseApiError } from '../../core/apiErrors';
import { normalizePayment } from '../../core/payments';
import { apiBaseUrl, paymentLookupPath } from '../../core/providers';
import type { NormalizedPayment, PaymentStatusEvent } from '../../core/types';
import { CREDENTIAL_TYPE, type TriggerCredentials } from './credentials';

/** Parallel lookups per delivery: enough for a 1000-update batch, gentle on the API's rate limits. */
const LOOKUP_CONCURRENCY = 8;
const LOOKUP_TIMEOUT_MS = 15_000;
/** The Graph API's "object does not exist" (HTTP 400): for a lookup, no payment with this reference_id. */
const GRAPH_UNKNOWN_OBJECT = { code: 100, subcode: 33 };

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

/** `notFound`: the API answered that there is no such payment (which contradicts the webhook). */
type LookupResult = { payment: NormalizedPayment | null; notFound: boolean; error: PaymentConfirmation['error'] };

function failure(message: string, httpCode: number | null = null, notFound = false): LookupResult {
	return { payment: null, notFound, error: { message, httpCode } };
}

async function lookUpPayment(
	context: IWebhookFunctions,
	credentials: TriggerCredentials,
	configurationName: string,
	referenceId: string,
): Promise<LookupResult> {
	const request: IHttpRequestOptions = {
		method: 'GET',
		url: apiBaseUrl(credentials) + paymentLookupPath(credentials, configurationName, referenceId),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: LOOKUP_TIMEOUT_MS,
	};
	let response: { statusCode: number; body: unknown };
	try {
		response = await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request);
	} catch (error) {
		// Network-level failure. Only the error's code or message is kept: never the request (it holds the credential).
		const reason = (error as { code?: unknown }).code ?? (error as Error).message;
		return failure(`Payment lookup failed: ${String(reason)}`);
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		const apiError = parseApiError(response.body, response.statusCode);
		const notFound = response.statusCode === 404 || (apiError.code === GRAPH_UNKNOWN_OBJECT.code && apiError.subcode === GRAPH_UNKNOWN_OBJECT.subcode);
		return failure(`Payment lookup failed: ${apiError.message}`, response.statusCode, notFound);
	}
	const payment = normalizePayment(response.body);
	if (!payment) return failure(`Payment lookup found no payment "${referenceId}" in configuration "${configurationName}"`, response.statusCode, true);
	return { payment, notFound: false, error: null };
}

function mismatchesOf(event: PaymentStatusEvent, payment: NormalizedPayment): Mismatch[] {
	const pairs: Mismatch[] = [
		{ field: 'status', webhook: event.status, lookup: payment.status },
		{ field: 'amount', webhook: event.amount?.minor ?? null, lookup: payment.amount?.minor ?? null },
		{ field: 'currency', webhook: event.currency, lookup: payment.currency },
		{ field: 'referenceId', webhook: event.referenceId, lookup: payment.referenceId },
	];
	// A value the webhook did not carry cannot disagree; a value the lookup lacks can.
	return pairs.filter((pair) => pair.webhook !== null && pair.webhook !== pair.lookup);
}

function confirmationOf(event: PaymentStatusEvent, result: LookupResult): PaymentConfirmation {
	if (!result.payment) {
		// No such payment where the webhook reports one is itself a disagreement; any other failure is no answer.
		return { status: null, agrees: result.notFound ? false : null, mismatches: [], payment: null, error: result.error };
	}
	const mismatches = mismatchesOf(event, result.payment);
	return { status: result.payment.status, agrees: mismatches.length === 0, mismatches, payment: result.payment, error: null };
}

/** Runs `task` over `inputs` with at most `limit` running at once. */
async function mapWithLimit<T, R>(inputs: T[], limit: number, task: (input: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await task(inputs[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
	return results;
}

/**
 * One confirmation per payment status event (same order). Each reference_id is looked up once per
 * delivery, however many of its statuses the delivery batches.
 */
export async function confirmPayments(
	this: IWebhookFunctions,
	events: PaymentStatusEvent[],
	credentials: TriggerCredentials,
	configurationName: string,
): Promise<PaymentConfirmation[]> {
	if (events.length === 0) return [];
	if (configurationName.trim() === '') {
		const missing = failure('paymentConfigurationName: empty; set "Payment Configuration Name" to confirm payments with the lookup');
		return events.map((event) => confirmationOf(event, missing));
	}
	const references = [...new Set(events.map((event) => event.referenceId).filter((ref): ref is string => ref !== null && ref !== ''))];
	const results = await mapWithLimit(references, LOOKUP_CONCURRENCY, async (ref) => lookUpPayment(this, credentials, configurationName, ref));
	const byReference = new Map(references.map((ref, i) => [ref, results[i]]));
	const noReference = failure('referenceId: missing in the update, nothing to look up');
	return events.map((event) => confirmationOf(event, byReference.get(event.referenceId ?? '') ?? noReference));
}
