/**
 * Reading payment objects: the payment lookup response (GET .../payments/{configuration}/{reference_id})
 * and the `payment` of a payment status webhook share their fields. Nothing here throws: missing or
 * mistyped fields read as null.
 */
import { isObject, type JsonObject } from './messageShape';
import { normalizeAmount } from './money';
import type { NormalizedAmount, NormalizedPayment, PaymentStatusEvent } from './types';

/** Ids arrive as strings, but a number is read as its digits. */
export function readText(x: unknown): string | null {
	if (typeof x === 'string') return x;
	return typeof x === 'number' && Number.isFinite(x) ? String(x) : null;
}

/** Largest epoch-seconds value a Date can hold (year 275760). */
const MAX_EPOCH_SECONDS = 8.64e12;

/** Epoch seconds from a number or a numeric string ("1669990000"); null when absent or unreadable. */
export function epochSeconds(x: unknown): number | null {
	const n = typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN;
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

const GATEWAY_FIELD_NAMES: ReadonlySet<string> = new Set(GATEWAY_FIELDS);

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * The gateway fields present on a payment object, as sent. It walks the payment's few own keys, not the
 * 15 names, and with for-in rather than Object.keys: no key array per payment of a 1000-update batch.
 */
export function pickGatewayFields(payment: JsonObject): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const name in payment) {
		if (GATEWAY_FIELD_NAMES.has(name) && hasOwn.call(payment, name) && payment[name] !== undefined) fields[name] = payment[name];
	}
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

/** Minor units refunded: the sum of the refunds whose status is success. */
function refundedMinor(refunds: NormalizedRefund[]): number {
	let sum = 0;
	for (const r of refunds) if (r.status === 'success' && r.amount) sum += r.amount.minor;
	return sum;
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

/**
 * A payment lookup response as one flat object: status, amount in minor units and decimal, the
 * successful transaction (at most one has status success), the method, refunds with the transaction
 * they belong to, and the gateway fields. Null when there is no payment object in it.
 * A lookup answers for the business; still reconcile with the gateway using reference_id and transaction id.
 */
export function normalizePayment(response: unknown): NormalizedPayment | null {
	try {
		const payment = paymentOf(response);
		if (!payment) return null;
		const transactions = objectsOf(payment.transactions);
		const successful = transactions.find((t) => t.status === 'success') ?? null;
		const methodSource = successful ?? latestTransaction(transactions);
		const refunds = collectRefunds(payment, transactions);
		const amount: NormalizedAmount | null = normalizeAmount(payment.total_amount ?? payment.amount);
		return {
			referenceId: readText(payment.reference_id),
			status: readText(payment.status),
			currency: readText(payment.currency),
			amount,
			successfulTransaction: successful,
			method: methodSource ? methodOf(methodSource) : null,
			transactions: Array.isArray(payment.transactions) ? payment.transactions : [],
			refunds,
			refundedMinor: refundedMinor(refunds),
			gatewayFields: pickGatewayFields(payment),
		};
	} catch {
		// Only hostile non-JSON input (throwing getters, proxies) gets here.
		return null;
	}
}
