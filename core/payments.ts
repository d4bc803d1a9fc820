/**
 * Reading payment objects: the payment lookup response (GET .../payments/{configuration}/{reference_id})
 * and the `payment` of a payment status webhook share their fields. Nothing here throws: missing or
 * mistyped fields read as null.
 */
import { isNotFoundAnswer, readAnswer } from './apiErrors';
import { isObject, type JsonObject } from './messageShape';
import { MONEY_OFFSET, normalizeAmount } from './money';
import { referenceIdProblems } from './orderRules';
import type { NormalizedAmount, NormalizedPayment, PaymentStage, PaymentStatusEvent, ValidationError } from './types';

/** Ids arrive as strings, but a number is read as its digits. */
export function readText(x: unknown): string | null {
	if (typeof x === 'string') return x;
	return typeof x === 'number' && Number.isFinite(x) ? String(x) : null;
}

/** Largest epoch-seconds value a Date can hold (year 275760). */
const MAX_EPOCH_SECONDS = 8.64e12;

/** Whether text is not blank (Number() reads blank text as 0). Timestamps mostly start with a digit, which answers without trimming. */
const notBlank = (x: string): boolean => {
	const first = x.charCodeAt(0);
	return (first >= 48 && first <= 57) || x.trim() !== '';
};

/**
 * The value of a string of 1 to 15 decimal digits (an exact integer), else NaN. Webhooks quote their timestamps
 * ("1726170122"), one per update of batches of 1000: a digit loop costs a fraction of Number()'s general parse.
 */
function digitsValue(x: string): number {
	if (x.length === 0 || x.length > 15) return NaN;
	let n = 0;
	for (let i = 0; i < x.length; i++) {
		const digit = x.charCodeAt(i) - 48;
		if (digit < 0 || digit > 9) return NaN;
		n = n * 10 + digit;
	}
	return n;
}

/** Epoch seconds written as the number's own decimal digits ("1726170122": no sign, space or leading zero), else NaN. */
export function plainEpochSeconds(x: string): number {
	if (x.charCodeAt(0) === 48 && x.length > 1) return NaN;
	const n = digitsValue(x);
	return n <= MAX_EPOCH_SECONDS ? n : NaN;
}

/**
 * Epoch seconds from a number or a numeric string ("1669990000"); null when absent or unreadable. Text that is the
 * number's own digits takes plainEpochSeconds's digit loop; any other text (leading zeros, signs, spaces, exponents,
 * digits past a Date's range) Number()'s general parse, which reads the same value.
 */
export function epochSeconds(x: unknown): number | null {
	if (typeof x === 'string') {
		const plain = plainEpochSeconds(x);
		if (!Number.isNaN(plain)) return plain;
	}
	const n = typeof x === 'number' ? x : typeof x === 'string' && notBlank(x) ? Number(x) : NaN;
	return Number.isInteger(n) && Math.abs(n) <= MAX_EPOCH_SECONDS ? n : null;
}

/** The gateway's own fields echoed from the order: Razorpay receipt/notes, PayU udf1-4, BillDesk additional_info1-7, Zaakpay extra1-2. */
export const GATEWAY_FIELDS = [
	'receipt',
	'notes',
	'udf1',
	'udf2',
	'udf3',
	'udf4',
	'additional_info1',
	'additional_info2',
	'additional_info3',
	'additional_info4',
	'additional_info5',
	'additional_info6',
	'additional_info7',
	'extra1',
	'extra2',
] as const;

type GatewayField = (typeof GATEWAY_FIELDS)[number];

const hasOwn = Object.prototype.hasOwnProperty;
/** A module-level function, not a closure made per payment (one per update of a 1000-update batch). */
const owns = (payment: JsonObject, name: GatewayField): boolean => hasOwn.call(payment, name);

/**
 * The gateway fields present on a payment object (own fields, values as sent), in the order GATEWAY_FIELDS lists them
 * (not the payment's own key order). One named read per field, written out:
 * the payments of a 1000-update batch share one shape, so each read is a cached property load, where a for-in over the
 * payment's keys with a set lookup per key, or a loop over GATEWAY_FIELDS (reads by computed name), cost 3-4 times as
 * much. GATEWAY_FIELDS lists the same names (test/core/payments.test.ts checks both agree).
 */
export function pickGatewayFields(payment: JsonObject): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	if (payment.receipt !== undefined && owns(payment, 'receipt')) fields.receipt = payment.receipt;
	if (payment.notes !== undefined && owns(payment, 'notes')) fields.notes = payment.notes;
	if (payment.udf1 !== undefined && owns(payment, 'udf1')) fields.udf1 = payment.udf1;
	if (payment.udf2 !== undefined && owns(payment, 'udf2')) fields.udf2 = payment.udf2;
	if (payment.udf3 !== undefined && owns(payment, 'udf3')) fields.udf3 = payment.udf3;
	if (payment.udf4 !== undefined && owns(payment, 'udf4')) fields.udf4 = payment.udf4;
	if (payment.additional_info1 !== undefined && owns(payment, 'additional_info1')) fields.additional_info1 = payment.additional_info1;
	if (payment.additional_info2 !== undefined && owns(payment, 'additional_info2')) fields.additional_info2 = payment.additional_info2;
	if (payment.additional_info3 !== undefined && owns(payment, 'additional_info3')) fields.additional_info3 = payment.additional_info3;
	if (payment.additional_info4 !== undefined && owns(payment, 'additional_info4')) fields.additional_info4 = payment.additional_info4;
	if (payment.additional_info5 !== undefined && owns(payment, 'additional_info5')) fields.additional_info5 = payment.additional_info5;
	if (payment.additional_info6 !== undefined && owns(payment, 'additional_info6')) fields.additional_info6 = payment.additional_info6;
	if (payment.additional_info7 !== undefined && owns(payment, 'additional_info7')) fields.additional_info7 = payment.additional_info7;
	if (payment.extra1 !== undefined && owns(payment, 'extra1')) fields.extra1 = payment.extra1;
	if (payment.extra2 !== undefined && owns(payment, 'extra2')) fields.extra2 = payment.extra2;
	return fields;
}

/** A transaction's payment method: `method.type` (upi, card, netbanking, wallet), or `method` when it is a plain string. */
function methodOf(transaction: JsonObject): string | null {
	return isObject(transaction.method) ? readText(transaction.method.type) : readText(transaction.method);
}

/** A transaction of a lookup or webhook payment, camelCased. */
export function readTransaction(x: unknown): PaymentStatusEvent['transaction'] {
	if (!isObject(x)) return null;
	return {
		id: readText(x.id),
		pgTransactionId: readText(x.pg_transaction_id),
		type: readText(x.type),
		status: readText(x.status),
		method: methodOf(x),
		error: isObject(x.error) ? { code: readText(x.error.code), reason: readText(x.error.reason) } : null,
		createdTimestamp: epochSeconds(x.created_timestamp),
		updatedTimestamp: epochSeconds(x.updated_timestamp),
	};
}

/** The transaction updated last (by updated, else created timestamp; later in the list wins a tie). */
function latestTransaction(transactions: JsonObject[]): JsonObject | null {
	let latest: JsonObject | null = null;
	let latestTime = -Infinity;
	for (const t of transactions) {
		const time = epochSeconds(t.updated_timestamp) ?? epochSeconds(t.created_timestamp) ?? -Infinity;
		if (latest === null || time >= latestTime) {
			latest = t;
			latestTime = time;
		}
	}
	return latest;
}

type NormalizedRefund = NormalizedPayment['refunds'][number];

function readRefund(refund: JsonObject, transactionId: string | null): NormalizedRefund {
	return {
		id: readText(refund.id),
		status: readText(refund.status),
		amount: normalizeAmount(refund.amount),
		speedProcessed: readText(refund.speed_processed),
		transactionId,
	};
}

const objectsOf = (x: unknown): JsonObject[] => (Array.isArray(x) ? x.filter(isObject) : []);

/** Refunds of every transaction, then any listed on the payment itself (no transaction id). */
function collectRefunds(payment: JsonObject, transactions: JsonObject[]): NormalizedRefund[] {
	const refunds: NormalizedRefund[] = [];
	for (const t of transactions) for (const r of objectsOf(t.refunds)) refunds.push(readRefund(r, readText(t.id)));
	for (const r of objectsOf(payment.refunds)) refunds.push(readRefund(r, null));
	return refunds;
}

/**
 * Whether a refund status says the money went back. Refunds listed in lookups and payment webhooks say
 * `success`; the refund request's own answer says `completed` (receive-payments... § Step 8).
 */
export function refundSucceeded(status: string | null): boolean {
	return status === 'success' || status === 'completed';
}

/** Minor units refunded: the sum of the refunds that succeeded. */
function refundedMinor(refunds: NormalizedRefund[]): number {
	let sum = 0;
	for (const r of refunds) if (refundSucceeded(r.status) && r.amount) sum += r.amount.minor;
	return sum;
}

// ---------------------------------------------------------------- payment status readings

/**
 * Lookup statuses some source documents, lowercased: the newest page's and the 360dialog seed's. A switch, not a
 * Set: JSON.parse makes these short words internalized, which a switch compares by pointer where a Set hashes them
 * (once per update of a 1000-update batch, the Set cost a tenth of the whole reading).
 */
function isDocumentedPaymentStatus(s: string): boolean {
	switch (s) {
		case 'new':
		case 'pending':
		case 'captured':
		case 'failed':
		case 'canceled':
			return true;
		default:
			return false;
	}
}

/**
 * A payment status in the newest reading (receive-payments-via-payment-gateways § Step 5, May 2026):
 * `pending` (not paid yet, attempted or not) or `captured`. UNCONFIRMED which one an API answers: the
 * 360dialog seed documents `new` (no attempt yet), `pending` (an attempt under way), `failed` (an attempt
 * failed, the buyer may retry) and `canceled`; `new` and `failed` read as `pending`, `canceled` is kept.
 */
export function normalizePaymentStatus(status: unknown): string | null {
	const s = readText(status)?.trim().toLowerCase();
	if (!s) return null;
	return s === 'new' || s === 'failed' ? 'pending' : s;
}

/**
 * Where a payment stands, whichever reading its status follows. The transactions decide between the
 * readings of `pending`: none (the newest page omits the list before any attempt) or only failed ones is
 * not paid; a pending transaction is a payment under way. A success transaction is captured whatever
 * the status says (at most one transaction succeeds). The seed's `failed` ("the payment attempt failed but
 * the user can retry") is a failed attempt whatever its transactions say: the seed lists only `pending` and
 * `success` transactions, so its failed attempt shows as a pending one. UNCONFIRMED: the seed's `pending`
 * ("the user started the payment") without any transaction reads as no attempt, as the newest page says.
 * `transactions`: a lookup's list, or the one transaction a payment status webhook carries. It runs once
 * per update of a 1000-update webhook batch: one pass, no copies.
 */
export function paymentStage(status: unknown, transactions: unknown): PaymentStage {
	const s = typeof status === 'string' ? (isDocumentedPaymentStatus(status) ? status : status.trim().toLowerCase()) : (readText(status) ?? '');
	let attempts = 0;
	let failed = 0;
	let succeeded = false;
	// One loop over the list, or over the single transaction (a webhook's): no closure or array per call.
	const list = Array.isArray(transactions);
	for (let i = 0, n = list ? transactions.length : 1; i < n; i++) {
		const t: unknown = list ? transactions[i] : transactions;
		if (!isObject(t)) continue;
		attempts++;
		if (t.status === 'success') succeeded = true;
		else if (t.status === 'failed') failed++;
	}
	if (s === 'captured' || succeeded) return 'captured';
	if (s === 'canceled') return 'canceled';
	if (!isDocumentedPaymentStatus(s)) return 'unknown';
	if (s === 'failed') return 'attempt_failed';
	if (attempts > 0) return failed === attempts ? 'attempt_failed' : 'in_progress';
	return 'not_attempted';
}

/**
 * Whether WhatsApp lets an order with this payment be canceled: not when the buyer paid or is paying
 * ("the status update will fail if there is already a successful or pending payment", error 2047, on
 * every India payments page and brazil-orders § Supported order status). Nobody paid, every attempt
 * failed, or the buyer canceled: it may be. A status no source documents is refused, with the reason.
 */
export function cancelVerdict(payment: Pick<NormalizedPayment, 'stage' | 'status'>): { allowed: boolean; reason?: string } {
	switch (payment.stage) {
		case 'captured':
			return { allowed: false, reason: 'the payment is captured; WhatsApp refuses to cancel it (error 2047): refund it instead' };
		case 'in_progress':
			return { allowed: false, reason: 'a payment attempt is pending; WhatsApp refuses to cancel it (error 2047): wait for its outcome' };
		case 'unknown':
			return { allowed: false, reason: `the payment status ${JSON.stringify(payment.status)} is not one the docs describe: check the payment before canceling` };
		default:
			return { allowed: true };
	}
}

// ---------------------------------------------------------------- refunds

export const REFUND_SPEEDS = ['instant', 'normal'] as const;
export type RefundSpeed = (typeof REFUND_SPEEDS)[number];

export interface RefundInput {
	referenceId: string;
	/** The payment configuration the order was sent with (`payment_config_id`). */
	configurationName: string;
	/** The amount to refund in minor units (paise): a positive integer. */
	amountMinor: number;
	/** Optional: the gateway decides when absent, and may process another speed anyway. */
	speed?: RefundSpeed;
}

/**
 * The body of POST /{phone_number_id}/payments_refund (receive-payments... § Step 8, India only, INR).
 * The amount's value and offset are strings, as the page's request table and example write them
 * (UNCONFIRMED whether integers are accepted too: the sandbox takes both); `speed` only when chosen.
 */
export function buildRefundRequest(input: RefundInput): JsonObject {
	return {
		reference_id: input.referenceId,
		...(input.speed !== undefined ? { speed: input.speed } : {}),
		payment_config_id: input.configurationName,
		amount: { currency: 'INR', value: String(input.amountMinor), offset: String(MONEY_OFFSET) },
	};
}

/**
 * What a "Full" refund sends: the refund request needs an amount (receive-payments... § Step 8: `amount`
 * required), so "full" is the captured amount less every refund listed in the lookup that did not fail
 * (§ Step 5: `refunds`, pending ones included, since they may still go through). Only a captured payment
 * has anything to refund; the reason says why not otherwise.
 */
export function fullRefundMinor(payment: NormalizedPayment): { amountMinor: number } | { reason: string } {
	if (payment.stage !== 'captured') return { reason: `the payment is not captured (status ${JSON.stringify(payment.status)}): there is nothing to refund` };
	const captured = payment.amount && inOffset100(payment.amount);
	if (!captured) return { reason: 'the payment lookup gave no readable amount' };
	let refunded = 0;
	for (const r of payment.refunds) if (r.status !== 'failed' && r.amount) refunded += inOffset100(r.amount) ?? 0;
	const left = captured - refunded;
	return left > 0 ? { amountMinor: left } : { reason: `it is refunded already (${refunded} of ${captured} paise, pending refunds included)` };
}

/** An amount in minor units of offset 100 (paise), as the refund request writes it; null when it has no exact paise value. */
function inOffset100(amount: NormalizedAmount): number | null {
	const paise = (amount.value * MONEY_OFFSET) / amount.offset;
	return Number.isSafeInteger(paise) ? paise : null;
}

/** A positive integer given as a number or a string of digits (the documented refund request quotes it). */
function positiveInteger(x: unknown): number | null {
	const n = typeof x === 'number' ? x : typeof x === 'string' && /^\d+$/.test(x) ? Number(x) : NaN;
	return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** A refund request read back: the amount in minor units; `errors` names each field that breaks a rule. */
export interface ReadRefundRequest {
	referenceId: string;
	configurationName: string;
	speed: RefundSpeed | null;
	currency: string;
	amountMinor: number;
	errors: ValidationError[];
}

/**
 * Checks a refund request body: reference_id and payment_config_id non-empty, speed absent or
 * instant/normal, amount {currency INR, value > 0, offset 100} with value and offset as strings (the
 * newest page) or integers.
 */
export function readRefundRequest(body: unknown): ReadRefundRequest {
	const x = isObject(body) ? body : {};
	const errors: ValidationError[] = [];
	if (!isObject(body)) errors.push({ path: '/', message: 'must be a JSON object', rule: 'type' });
	const required = (field: string, ok: boolean, message: string) => {
		if (x[field] === undefined) errors.push({ path: `/${field}`, message: 'is required', rule: 'required' });
		else if (!ok) errors.push({ path: `/${field}`, message, rule: 'type' });
	};
	required('reference_id', typeof x.reference_id === 'string' && x.reference_id !== '', 'must be a non-empty string');
	required('payment_config_id', typeof x.payment_config_id === 'string' && x.payment_config_id !== '', 'must be a non-empty string');
	if (x.speed !== undefined && !(REFUND_SPEEDS as readonly unknown[]).includes(x.speed)) {
		errors.push({ path: '/speed', message: 'must be "instant" or "normal" (or left out)', rule: 'enum' });
	}
	const amount = isObject(x.amount) ? x.amount : undefined;
	required('amount', amount !== undefined, 'must be an object {currency, value, offset}');
	const value = amount ? positiveInteger(amount.value) : null;
	if (amount) {
		if (value === null) errors.push({ path: '/amount/value', message: 'must be a positive integer (minor units), as a string or a number', rule: 'type' });
		if (positiveInteger(amount.offset) !== MONEY_OFFSET) errors.push({ path: '/amount/offset', message: `must be ${MONEY_OFFSET}`, rule: 'const' });
		if (amount.currency !== 'INR') errors.push({ path: '/amount/currency', message: 'must be "INR" (refunds are India only)', rule: 'const' });
	}
	return {
		referenceId: typeof x.reference_id === 'string' ? x.reference_id : '',
		configurationName: typeof x.payment_config_id === 'string' ? x.payment_config_id : '',
		speed: x.speed === 'instant' || x.speed === 'normal' ? x.speed : null,
		currency: amount && typeof amount.currency === 'string' ? amount.currency : '',
		amountMinor: value ?? 0,
		errors,
	};
}

/**
 * The payment in a lookup response ({payments: [first, ...]}) or the payment object itself; a body that is neither
 * (e.g. {data: []} or {success: true}) is no payment, not a payment of nulls.
 */
function paymentOf(response: unknown): JsonObject | null {
	if (!isObject(response)) return null;
	if (Array.isArray(response.payments)) return isObject(response.payments[0]) ? response.payments[0] : null;
	return response.reference_id !== undefined || response.status !== undefined ? response : null;
}

/** A payment object, read (see normalizePayment). */
function readPayment(payment: JsonObject): NormalizedPayment {
	const transactions = objectsOf(payment.transactions);
	const successful = transactions.find((t) => t.status === 'success') ?? null;
	const methodSource = successful ?? latestTransaction(transactions);
	const refunds = collectRefunds(payment, transactions);
	// The newest page answers `amount`, the 360dialog seed `total_amount` (UNCONFIRMED which one an API sends).
	const amount: NormalizedAmount | null = normalizeAmount(payment.amount ?? payment.total_amount);
	const status = readText(payment.status);
	return {
		referenceId: readText(payment.reference_id),
		status,
		currency: readText(payment.currency),
		amount,
		successfulTransaction: successful,
		method: methodSource ? methodOf(methodSource) : null,
		transactions: Array.isArray(payment.transactions) ? payment.transactions : [],
		refunds,
		refundedMinor: refundedMinor(refunds),
		gatewayFields: pickGatewayFields(payment),
		statusNormalized: normalizePaymentStatus(status),
		stage: paymentStage(status, transactions),
	};
}

/**
 * A payment lookup response as one flat object: status, amount in minor units and decimal, the
 * successful transaction (at most one has status success), the method, refunds with the transaction
 * they belong to, and the gateway fields. Null when there is no payment object in it.
 * A lookup answers for the business; still reconcile with the gateway using reference_id and transaction id.
 */
export function normalizePayment(response: unknown): NormalizedPayment | null {
	try {
		const payment = paymentOf(response);
		return payment ? readPayment(payment) : null;
	} catch {
		// Only hostile non-JSON input (throwing getters, proxies) gets here.
		return null;
	}
}

/**
 * Why no order can have this reference ID (the order_details rules on its characters, not "." or ".."), or null.
 * Look Up and Refund refuse before any request what Send Order Details refuses whatever the market: the API would
 * only answer "not found". They know no market, so India's 35-character limit is not applied.
 */
export function referenceIdRefusal(referenceId: string): string | null {
	return referenceIdProblems(referenceId, null)[0] ?? null;
}

/**
 * A payment lookup's answer read for the reference asked for; every caller reads it so (Look Up, Refund, Check Payment
 * Before Canceling, Skip Orders Already Sent, the Payments Trigger), each with its own policy on top.
 * - `payment`: the payment of that reference; `entry` is its object as answered.
 * - `noPayment`: the API says there is none: an empty payments list, or its "not found" error in a 2xx body
 *   (readAnswer reads that as the error it carries, isNotFoundAnswer as not found).
 * - `otherReferences`: payments of other references only; `mismatch` names them (what the lookup "answered for ..."),
 *   `references` lists them (a reference_id that is not text as null).
 * - `unreadable`: no payment and no "none" either: not JSON, a cut body, an object that is no lookup answer, or an
 *   error other than "not found". Never "not found": that would flag or resend a real payment.
 * Every variant has `payment`, so `reading.payment` is the payment or null.
 */
export type PaymentLookupReading =
	| { kind: 'payment'; payment: NormalizedPayment; entry: JsonObject }
	| { kind: 'noPayment'; payment: null }
	| { kind: 'otherReferences'; payment: null; references: Array<string | null>; mismatch: string }
	| { kind: 'unreadable'; payment: null };

const NO_PAYMENT: PaymentLookupReading = { kind: 'noPayment', payment: null };
const UNREADABLE: PaymentLookupReading = { kind: 'unreadable', payment: null };

/** How many entries of a list a message names: a lookup may list any number of other orders' payments. */
const NAMED_ENTRIES = 3;

/** The first entries of a list as `show` writes them, then "…" when there are more. */
export function firstListed<T>(list: readonly T[], show: (entry: T) => string): string {
	return list.slice(0, NAMED_ENTRIES).map(show).join(', ') + (list.length > NAMED_ENTRIES ? ', …' : '');
}

/** The entries of a lookup answer object: its payments[] objects, or the object itself when it is a payment; null when it is neither. */
function lookupEntries(body: JsonObject): JsonObject[] | null {
	if (Array.isArray(body.payments)) return body.payments.filter(isObject);
	const payment = paymentOf(body);
	return payment ? [payment] : null;
}

/**
 * Reads a 2xx lookup answer (its JSON object or text) for `referenceId`: the entry whose reference_id is it, else one
 * that carries no reference_id (read as the one asked for, as the path names it). Entries of other references only are
 * no payment of this order: reading one would show, refund or confirm another payment. Never throws.
 */
export function readPaymentLookup(body: unknown, referenceId: string): PaymentLookupReading {
	try {
		const answer = readAnswer(body, 200);
		if (!answer.ok) return isNotFoundAnswer(answer.error) ? NO_PAYMENT : UNREADABLE;
		const { payments } = answer.body;
		if (Array.isArray(payments) && payments.length === 0) return NO_PAYMENT;
		const entries = lookupEntries(answer.body);
		if (!entries || entries.length === 0) return UNREADABLE;
		const entry = entries.find((p) => readText(p.reference_id) === referenceId) ?? entries.find((p) => p.reference_id === undefined || p.reference_id === null);
		if (entry) return { kind: 'payment', payment: readPayment(entry), entry };
		return {
			kind: 'otherReferences',
			payment: null,
			references: entries.map((p) => readText(p.reference_id)),
			mismatch: `answered for reference ID ${firstListed(entries, (p) => JSON.stringify(p.reference_id))}, not ${JSON.stringify(referenceId)}`,
		};
	} catch {
		// Only hostile non-JSON input (throwing getters, proxies) gets here.
		return UNREADABLE;
	}
}

/** Why a lookup reading holds no payment of the reference, for an error. */
export function noPaymentReason(reading: Exclude<PaymentLookupReading, { kind: 'payment' }>): string {
	if (reading.kind === 'otherReferences') return `the payment lookup ${reading.mismatch}`;
	return reading.kind === 'noPayment' ? 'the payment lookup found no payment' : 'the payment lookup answered neither a payment nor that there is none';
}
