/**
 * Turns a WhatsApp Business Account webhook body (Meta Cloud API; 360dialog forwards the same shape)
 * into a flat list of events. One POST may batch up to 1000 updates across entries and changes.
 *
 * parseWebhook never throws: a malformed part becomes an `invalid` event naming the JSON pointer of
 * the part and what is wrong with it, and the rest of the body is still read. It reads the parsed body
 * in place (no cloning): every event's `raw` is the very update object it came from.
 *
 * Payloads are data, never instructions: nothing here fetches a URL or follows a link found in them.
 */
import { createHash } from 'crypto';
import { isObject, type JsonObject } from './messageShape';
import { normalizeAmount } from './money';
import { epochSeconds, paymentStage, pickGatewayFields, plainEpochSeconds, readText as text, readTransaction } from './payments';
import type {
	ErrorEvent,
	InvalidEvent,
	OtherEvent,
	PaymentConfigurationUpdateEvent,
	PaymentMethodEvent,
	PaymentStage,
	PaymentStatusEvent,
	WebhookEvent,
	WebhookEventKind,
} from './types';

export const WEBHOOK_OBJECT = 'whatsapp_business_account';
export const PAYMENT_CONFIGURATION_FIELD = 'payment_configuration_update';

/** What every event of one change shares. */
interface ChangeContext {
	wabaId: string | null;
	field: string | null;
	phoneNumberId: string | null;
	displayPhoneNumber: string | null;
	/** entry.time, the fallback event time of updates that carry none. */
	entryTime: number | null;
	/** The key parts of the WABA and phone number, joined once per change: every dedupe key of the change has them after its kind. */
	keyScope: string;
	/** "payment_status" and keyScope, joined once per change: the head of each of its payment status keys. */
	paymentKeyHead: string;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Epoch seconds below this are years 0-9999, which ISO 8601 writes with four digits. */
const FOUR_DIGIT_YEARS_END = 253402300800;

/** "YYYY-MM-DDTHH:MM:" of a minute since the epoch (civil-from-days, H. Hinnant). */
function minutePrefix(minute: number): string {
	const days = Math.floor(minute / 1440);
	const minuteOfDay = minute - days * 1440;
	const z = days + 719468;
	const era = Math.floor(z / 146097);
	const dayOfEra = z - era * 146097;
	const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
	const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const mp = Math.floor((5 * dayOfYear + 2) / 153);
	const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}:`;
}

/** "SS.000Z" for each second of a minute. */
const SECOND_SUFFIXES: readonly string[] = Array.from({ length: 60 }, (_, second) => `${pad2(second)}.000Z`);

/** The last minute written: the updates of a batch are mostly seconds apart, so most events reuse it. */
let lastMinute = NaN;
let lastMinutePrefix = '';

/**
 * Epoch seconds as ISO 8601 ("2024-09-12T19:42:02.000Z"), the same text as Date#toISOString; null when
 * absent or beyond what a Date holds. It runs once per event of batches of up to 1000, so whole seconds
 * of years 0-9999 take a cheaper way (the minute's text is kept); the rest go through Date.
 */
export function isoOf(seconds: number | null): string | null {
	if (seconds === null) return null;
	if (!(seconds >= 0 && seconds < FOUR_DIGIT_YEARS_END && Number.isInteger(seconds))) {
		const date = new Date(seconds * 1000);
		return Number.isNaN(date.getTime()) ? null : date.toISOString();
	}
	const minute = Math.floor(seconds / 60);
	if (minute !== lastMinute) {
		lastMinutePrefix = minutePrefix(minute);
		lastMinute = minute;
	}
	return lastMinutePrefix + SECOND_SUFFIXES[seconds - minute * 60];
}

/** Error codes are numbers, sometimes quoted ("2046"). */
function errorCode(x: unknown): number | null {
	const n = typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN;
	return Number.isFinite(n) ? n : null;
}

/** "|<n>:", the head of a string key part of length n, made once for the lengths parts mostly have. */
const STRING_PART_HEADS: readonly string[] = Array.from({ length: 256 }, (_, n) => `|${n}:`);

/**
 * A key part is "|" and the value: null and numbers as text, strings length-prefixed ("|8:captured") so that no two
 * lists of values join alike. partHead is "|<length>:" of a string (the table makes it one lookup), or the whole part
 * of null or a number; partTail is what follows it, the string itself or nothing.
 */
function partHead(x: string | number | null): string {
	if (typeof x !== 'string') return `|${x}`;
	return x.length < STRING_PART_HEADS.length ? STRING_PART_HEADS[x.length] : `|${x.length}:`;
}

const partTail = (x: string | number | null): string => (typeof x === 'string' ? x : '');

const keyPart = (x: string | number | null): string => partHead(x) + partTail(x);

/** The key parts of an update's identifying values, joined: "|part|part...". */
function identityOf(...parts: Array<string | number | null>): string {
	let identity = '';
	for (const part of parts) identity += keyPart(part);
	return identity;
}

/** What every event of one change shares, its key scope and payment key head joined once. */
function changeContext(wabaId: string | null, field: string | null, phoneNumberId: string | null, displayPhoneNumber: string | null, entryTime: number | null): ChangeContext {
	const keyScope = identityOf(wabaId, phoneNumberId);
	return { wabaId, field, phoneNumberId, displayPhoneNumber, entryTime, keyScope, paymentKeyHead: 'payment_status' + keyScope };
}

const NO_CONTEXT = changeContext(null, null, null, null, null);

/** Keys up to this length are kept as joined text; longer ones are hashed to stay bounded. */
const MAX_PLAIN_KEY_LENGTH = 256;

/**
 * Same update -> same key, across retried deliveries (they resend the same content); different
 * updates -> different keys. The key joins the update's identifying values (never its position in
 * the batch); a long one becomes "<kind>|#<sha256 hex>" so that a dedupe store holds bounded keys.
 * Joining instead of always hashing keeps a 1000-update batch well under JSON.parse's own time.
 */
function dedupeKey(kind: WebhookEventKind, context: ChangeContext, identity: string): string {
	return boundedKey(kind, kind + context.keyScope + identity);
}

/** A joined key as it is, or its hash when long. */
function boundedKey(kind: WebhookEventKind, joined: string): string {
	return joined.length <= MAX_PLAIN_KEY_LENGTH ? joined : `${kind}|#${createHash('sha256').update(joined).digest('hex')}`;
}

/** JSON text of a value for a content key; values JSON cannot hold (never produced by JSON.parse) give a marker. */
function contentOf(x: unknown): string {
	try {
		return JSON.stringify(x) ?? typeof x;
	} catch {
		return typeof x;
	}
}

/**
 * The fields every event starts with. Builders of the rare kinds spread it; paymentStatusEvent, which
 * runs up to 1000 times per POST, writes the same fields out in one literal instead.
 */
function baseEvent<K extends WebhookEventKind>(kind: K, context: ChangeContext, source: string, raw: unknown, timestamp: number | null, identity: string) {
	return {
		kind,
		dedupeKey: dedupeKey(kind, context, identity),
		source,
		wabaId: context.wabaId,
		field: context.field,
		phoneNumberId: context.phoneNumberId,
		displayPhoneNumber: context.displayPhoneNumber,
		timestamp,
		timestampIso: isoOf(timestamp),
		raw,
	};
}

function invalidEvent(context: ChangeContext, source: string, raw: unknown, reason: string): InvalidEvent {
	return { ...baseEvent('invalid', context, source, raw, null, identityOf(source, reason, contentOf(raw))), reason };
}

/** Collects the events of one body. */
class EventList {
	readonly events: WebhookEvent[] = [];

	push(event: WebhookEvent): void {
		this.events.push(event);
	}

	invalid(context: ChangeContext, source: string, raw: unknown, reason: string): void {
		this.events.push(invalidEvent(context, source, raw, reason));
	}

	/** The array at parent[key]; undefined when absent; an invalid event when it is there but not an array. */
	array(parent: JsonObject, key: string, source: string, context: ChangeContext): unknown[] | undefined {
		const value = parent[key];
		if (value === undefined || Array.isArray(value)) return value;
		this.invalid(context, `${source}/${key}`, value, `${key} must be an array`);
		return undefined;
	}
}

// ---------------------------------------------------------------- statuses[]

/** Each refund's id and status, so that a refund update of a payment is a new update. */
function refundKey(refunds: unknown[]): string {
	let key = '';
	for (const r of refunds) key += isObject(r) ? `${identityOf(text(r.id), text(r.status))};` : ';';
	return key;
}

/** The words statuses and transactions mostly carry (payment status webhook and lookup pages). */
const COMMON_WORDS = ['new', 'pending', 'captured', 'failed', 'canceled', 'success'] as const;

/**
 * A word's place in COMMON_WORDS, or -1. A switch, not a Map: JSON.parse makes these short words internalized,
 * which a switch compares by pointer where a Map hashes them, twice per update.
 */
function commonWordIndex(word: string): number {
	switch (word) {
		case 'new':
			return 0;
		case 'pending':
			return 1;
		case 'captured':
			return 2;
		case 'failed':
			return 3;
		case 'canceled':
			return 4;
		case 'success':
			return 5;
		default:
			return -1;
	}
}

/** Each common word's key part followed by `after`, made once, in COMMON_WORDS order. */
const commonPartsThen = (after: string): readonly string[] => COMMON_WORDS.map((word) => keyPart(word) + after);

/** The part of a common word followed by `after` (see commonPartsThen), or undefined for any other word. */
function commonPartThen(partsThen: readonly string[], word: string | null): string | undefined {
	const index = word === null ? -1 : commonWordIndex(word);
	return index < 0 ? undefined : partsThen[index];
}

/** A status's part and the head of a time part ("|8:captured|"), the time's own digits follow. */
const STATUS_THEN_TIME = commonPartsThen('|');
/** A transaction status's part and the part of no refunds ("|7:success|0:"), the key's end. */
const TRANSACTION_STATUS_THEN_NO_REFUNDS = commonPartsThen(keyPart(refundKey([])));

/**
 * `plainTime`: the timestamp as sent when it is the number's own digits (its key part is "|" and them), else null.
 * The dedupe key is the kind, keyScope and identityOf(id, status, timestamp, reference, transaction id and status,
 * refundKey) written out as few strings as it takes: each string made here stays in the event (a batch makes up to
 * 1000), so the parts of the common words come made, joined to what follows them.
 */
function paymentStatusEvent(status: JsonObject, payment: JsonObject, context: ChangeContext, source: string, timestamp: number | null, plainTime: string | null): PaymentStatusEvent {
	const id = text(status.id);
	const state = text(status.status);
	const referenceId = text(payment.reference_id);
	const transaction = readTransaction(payment.transaction);
	const refunds = Array.isArray(payment.refunds)
		? payment.refunds
		: isObject(payment.transaction) && Array.isArray(payment.transaction.refunds)
			? payment.transaction.refunds
			: [];
	const transactionId = transaction?.id ?? null;
	const transactionStatus = transaction?.status ?? null;
	const statusThenTime = plainTime !== null ? commonPartThen(STATUS_THEN_TIME, state) : undefined;
	const statusAndTime = statusThenTime !== undefined ? statusThenTime + plainTime : keyPart(state) + (plainTime !== null ? `|${plainTime}` : keyPart(timestamp));
	const ending = refunds.length === 0 ? commonPartThen(TRANSACTION_STATUS_THEN_NO_REFUNDS, transactionStatus) : undefined;
	const key =
		context.paymentKeyHead + partHead(id) + partTail(id) + statusAndTime + partHead(referenceId) + partTail(referenceId) + partHead(transactionId) +
		partTail(transactionId) + (ending ?? keyPart(transactionStatus) + keyPart(refundKey(refunds)));
	return {
		kind: 'payment_status',
		dedupeKey: boundedKey('payment_status', key),
		source,
		wabaId: context.wabaId,
		field: context.field,
		phoneNumberId: context.phoneNumberId,
		displayPhoneNumber: context.displayPhoneNumber,
		timestamp,
		timestampIso: isoOf(timestamp),
		raw: status,
		id,
		status: state,
		waId: text(status.recipient_id),
		referenceId,
		amount: normalizeAmount(payment.amount ?? payment.total_amount),
		currency: text(payment.currency),
		transaction,
		refunds,
		refundUpdate: refunds.length > 0,
		gatewayFields: pickGatewayFields(payment),
		stage: paymentStage(state, payment.transaction),
	};
}

/**
 * The payment stages each status word of a filter stands for. A payment status webhook says only
 * `captured` or `pending` (receive-payments-via-payment-gateways § Step 4): a failed attempt is `pending`
 * with a failed transaction, so "failed" means that stage, and "pending" an attempt not (yet) failed.
 */
const STAGES_OF_STATUS: Readonly<Record<string, readonly PaymentStage[]>> = {
	captured: ['captured'],
	pending: ['in_progress', 'not_attempted'],
	failed: ['attempt_failed'],
	new: ['not_attempted'],
	canceled: ['canceled'],
};

/** The filter word of the updates a captured payment's refunds cause; "captured" is the payment itself, without them. */
export const REFUND_UPDATE = 'refund';

/** Whether a payment status event is one of the wanted status words (none wanted: all); other words match the status as sent. */
export function paymentStatusWanted(event: Pick<PaymentStatusEvent, 'status' | 'stage' | 'refundUpdate'>, wanted: readonly string[]): boolean {
	if (wanted.length === 0) return true;
	if (event.refundUpdate) return wanted.includes(REFUND_UPDATE);
	return wanted.some((word) => (STAGES_OF_STATUS[word] ? STAGES_OF_STATUS[word].includes(event.stage) : word === event.status));
}

/** One error object (value.errors[] or statuses[].errors[]) as an event. */
function errorEvent(
	error: JsonObject,
	context: ChangeContext,
	source: string,
	timestamp: number | null,
	status: { id: string | null; waId: string | null; referenceId: string | null; state: string | null } | null,
	index: number,
): ErrorEvent {
	const code = errorCode(error.code);
	const title = text(error.title);
	const message = text(error.message);
	const details = isObject(error.error_data) ? text(error.error_data.details) : text(error.details);
	// The position in its errors list tells apart two identical entries (they carry no id); a retried delivery
	// repeats the same bytes, so it stays stable.
	const identity = identityOf(status?.id ?? null, status?.state ?? null, timestamp, code, title, message, details, index);
	return {
		...baseEvent('error', context, source, error, timestamp, identity),
		code,
		title,
		message,
		details,
		statusId: status?.id ?? null,
		waId: status?.waId ?? null,
		referenceId: status?.referenceId ?? null,
	};
}

function readErrors(list: EventList, errors: unknown[], context: ChangeContext, source: string, timestamp: number | null, status: Parameters<typeof errorEvent>[4]): void {
	for (let i = 0; i < errors.length; i++) {
		const error = errors[i];
		if (isObject(error)) list.push(errorEvent(error, context, `${source}/${i}`, timestamp, status, i));
		else list.invalid(context, `${source}/${i}`, error, 'an error must be an object');
	}
}

/**
 * A payment status gives a payment_status event; each error a status carries gives an error event
 * (an order_status refused with 2046/2047 arrives as a failed status with errors); any other status
 * is kept whole as an `other` event.
 */
function readStatus(list: EventList, status: unknown, context: ChangeContext, source: string): void {
	if (!isObject(status)) {
		list.invalid(context, source, status, 'a status must be an object');
		return;
	}
	// Meta quotes timestamps ("1726170122"): text that is the number's own digits is read once, and is its own key part.
	const sent = status.timestamp;
	const plainSeconds = typeof sent === 'string' ? plainEpochSeconds(sent) : NaN;
	const plain = !Number.isNaN(plainSeconds);
	const timestamp = plain ? plainSeconds : (epochSeconds(sent) ?? context.entryTime);
	const isPayment = status.type === 'payment';
	const payment = isObject(status.payment) ? status.payment : null;
	if (isPayment) {
		if (payment) list.push(paymentStatusEvent(status, payment, context, source, timestamp, plain ? (sent as string) : null));
		else list.invalid(context, `${source}/payment`, status.payment, 'a payment status needs a payment object');
	}
	const errors = list.array(status, 'errors', source, context);
	if (errors && errors.length > 0) {
		const referenceId = payment ? text(payment.reference_id) : null;
		const about = { id: text(status.id), waId: text(status.recipient_id), referenceId, state: text(status.status) };
		readErrors(list, errors, context, `${source}/errors`, timestamp, about);
	} else if (!isPayment) {
		list.push(otherEvent(context, source, status, timestamp, identityOf(text(status.id), text(status.status), timestamp, text(status.recipient_id))));
	}
}

// ---------------------------------------------------------------- messages[]

/** The contact (name) of the sender: the one with the sender's wa_id, else the only one. */
function contactOf(contacts: unknown, from: string | null): JsonObject | null {
	if (!Array.isArray(contacts)) return null;
	const match = contacts.find((c) => isObject(c) && from !== null && text(c.wa_id) === from);
	if (match) return match as JsonObject;
	return contacts.length === 1 && isObject(contacts[0]) ? contacts[0] : null;
}

/** One-Click (Brazil): the buyer confirmed the card; the merchant charges it through its PSP. */
function paymentMethodEvent(message: JsonObject, method: JsonObject, contacts: unknown, context: ChangeContext, source: string): PaymentMethodEvent {
	const messageId = text(message.id);
	const from = text(message.from);
	const contact = contactOf(contacts, from);
	const timestamp = epochSeconds(message.timestamp) ?? context.entryTime;
	const paymentTimestamp = epochSeconds(method.payment_timestamp);
	const referenceId = text(method.reference_id);
	const credentialId = text(method.credential_id);
	return {
		...baseEvent('payment_method', context, source, message, timestamp, identityOf(messageId, timestamp, referenceId, credentialId, paymentTimestamp)),
		messageId,
		from,
		waId: contact ? text(contact.wa_id) ?? from : from,
		profileName: contact && isObject(contact.profile) ? text(contact.profile.name) : null,
		referenceId,
		paymentMethod: text(method.payment_method),
		credentialId,
		lastFourDigits: text(method.last_four_digits),
		paymentTimestamp,
		paymentTimestampIso: isoOf(paymentTimestamp),
	};
}

function readMessage(list: EventList, message: unknown, contacts: unknown, context: ChangeContext, source: string): void {
	if (!isObject(message)) {
		list.invalid(context, source, message, 'a message must be an object');
		return;
	}
	const interactive = message.interactive;
	if (message.type === 'interactive' && isObject(interactive) && interactive.type === 'payment_method') {
		if (isObject(interactive.payment_method)) list.push(paymentMethodEvent(message, interactive.payment_method, contacts, context, source));
		else list.invalid(context, `${source}/interactive/payment_method`, interactive.payment_method, 'a payment_method message needs a payment_method object');
		return;
	}
	const timestamp = epochSeconds(message.timestamp) ?? context.entryTime;
	list.push(otherEvent(context, source, message, timestamp, identityOf(text(message.id), timestamp)));
}

// ---------------------------------------------------------------- other kinds

function otherEvent(context: ChangeContext, source: string, raw: unknown, timestamp: number | null, identity: string): OtherEvent {
	return baseEvent('other', context, source, raw, timestamp, identity);
}

/** "Needs Connecting", "Needs_Connecting", "needs-connecting" -> "needs_connecting". */
export function normalizeConfigurationStatus(status: string | null): string | null {
	if (status === null) return null;
	const normalized = status.trim().toLowerCase().replace(/[\s_-]+/g, '_');
	return normalized === '' ? null : normalized;
}

/** payment-configuration-update-webhook-reference § Syntax: name, provider, merchant id, status and the two timestamps. */
function configurationUpdateEvent(value: JsonObject, context: ChangeContext, source: string): PaymentConfigurationUpdateEvent {
	const createdTimestamp = epochSeconds(value.created_timestamp);
	const updatedTimestamp = epochSeconds(value.updated_timestamp);
	const timestamp = updatedTimestamp ?? createdTimestamp ?? context.entryTime;
	const configurationName = text(value.configuration_name);
	const status = text(value.status);
	const providerMid = text(value.provider_mid);
	return {
		...baseEvent('payment_configuration_update', context, source, value, timestamp, identityOf(configurationName, providerMid, status, timestamp)),
		configurationName,
		providerName: text(value.provider_name),
		providerMid,
		status,
		statusNormalized: normalizeConfigurationStatus(status),
		createdTimestamp,
		updatedTimestamp,
	};
}

// ---------------------------------------------------------------- body, entries, changes

function readChange(list: EventList, change: unknown, entryContext: ChangeContext, source: string): void {
	if (!isObject(change)) {
		list.invalid(entryContext, source, change, 'a change must be an object');
		return;
	}
	const value = change.value;
	const field = text(change.field);
	const metadata = isObject(value) && isObject(value.metadata) ? value.metadata : null;
	const phoneNumberId = metadata ? text(metadata.phone_number_id) : null;
	const context = changeContext(entryContext.wabaId, field, phoneNumberId, metadata ? text(metadata.display_phone_number) : null, entryContext.entryTime);
	const valueSource = `${source}/value`;
	if (!isObject(value)) {
		list.invalid(context, valueSource, value, 'value must be an object');
		return;
	}
	if (field === PAYMENT_CONFIGURATION_FIELD) {
		list.push(configurationUpdateEvent(value, context, valueSource));
		return;
	}
	const statuses = list.array(value, 'statuses', valueSource, context);
	const messages = list.array(value, 'messages', valueSource, context);
	const errors = list.array(value, 'errors', valueSource, context);
	if (statuses) {
		const statusesSource = `${valueSource}/statuses/`;
		for (let i = 0; i < statuses.length; i++) readStatus(list, statuses[i], context, statusesSource + i);
	}
	if (messages) {
		const messagesSource = `${valueSource}/messages/`;
		for (let i = 0; i < messages.length; i++) readMessage(list, messages[i], value.contacts, context, messagesSource + i);
	}
	if (errors) readErrors(list, errors, context, `${valueSource}/errors`, context.entryTime, null);
	const hasUpdates = 'statuses' in value || 'messages' in value || 'errors' in value;
	if (!hasUpdates) list.push(otherEvent(context, valueSource, value, context.entryTime, identityOf(field, contentOf(value))));
}

function readEntry(list: EventList, entry: unknown, source: string): void {
	if (!isObject(entry)) {
		list.invalid(NO_CONTEXT, source, entry, 'an entry must be an object');
		return;
	}
	const wabaId = text(entry.id);
	const context = changeContext(wabaId, null, null, null, epochSeconds(entry.time));
	const changes = list.array(entry, 'changes', source, context);
	if (!changes) {
		if (entry.changes === undefined) list.invalid(context, `${source}/changes`, undefined, 'changes is required');
		return;
	}
	for (let i = 0; i < changes.length; i++) {
		const changeSource = `${source}/changes/${i}`;
		try {
			readChange(list, changes[i], context, changeSource);
		} catch {
			// Only hostile non-JSON input (throwing getters, proxies) gets here.
			list.invalid(context, changeSource, changes[i], 'the change could not be read');
		}
	}
}

/** The parsed body: JSON text (string, Buffer or other byte array) is parsed, anything else is taken as parsed. */
function readBody(body: unknown): { ok: true; value: unknown } | { ok: false; json: string } {
	let json: string;
	if (typeof body === 'string') json = body;
	else if (body instanceof Uint8Array) json = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
	else return { ok: true, value: body };
	try {
		return { ok: true, value: JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json) };
	} catch {
		return { ok: false, json };
	}
}

/**
 * Every update of a webhook body as an event, in body order (per change: statuses, then messages,
 * then errors). See WebhookEvent in core/types.ts for the fields.
 */
export function parseWebhook(body: unknown): WebhookEvent[] {
	const list = new EventList();
	try {
		const read = readBody(body);
		if (!read.ok) {
			list.invalid(NO_CONTEXT, '', read.json, 'the body is not valid JSON');
			return list.events;
		}
		const root = read.value;
		if (!isObject(root)) {
			list.invalid(NO_CONTEXT, '', root, 'the body must be a JSON object');
			return list.events;
		}
		if (root.object !== undefined && root.object !== WEBHOOK_OBJECT) {
			list.invalid(NO_CONTEXT, '/object', root.object, `object must be "${WEBHOOK_OBJECT}"`);
			return list.events;
		}
		const entries = list.array(root, 'entry', '', NO_CONTEXT);
		if (!entries) {
			if (root.entry === undefined) list.invalid(NO_CONTEXT, '/entry', undefined, 'entry is required');
			return list.events;
		}
		for (let i = 0; i < entries.length; i++) readEntry(list, entries[i], `/entry/${i}`);
	} catch {
		list.invalid(NO_CONTEXT, '', undefined, 'the body could not be read');
	}
	return list.events;
}
