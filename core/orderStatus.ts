/**
 * order_status: tell the buyer where the order stands (interactive type "order_status", action
 * "review_order"), with the status transitions and the cancel rule WhatsApp enforces (errors 2046 and
 * 2047 arrive later as webhooks; checking first avoids sending a message that will be refused).
 */
import { OrderValidationError } from './errors';
import { orderStatusParameters } from './generated/validators';
import { isObject, locateParameters, type JsonObject } from './messageShape';
import { childPath, toValidationErrors } from './schemaErrors';
import type { OrderStatus, OrderStatusInput, OrderStatusOptions, PartiallyShippedSpelling, ValidationError, ValidationResult } from './types';

export const ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'processing', 'partially_shipped', 'shipped', 'completed', 'canceled'];
const PARTIALLY_SHIPPED_SPELLINGS: readonly PartiallyShippedSpelling[] = ['partially_shipped', 'partially-shipped'];

/**
 * Where each status may go next (seed, "Supported Order Status and Transitions"):
 * - pending (the initial status, sent only in order_details) may go to any other status;
 * - processing, partially_shipped and shipped are "equivalent statuses and can transition between one
 *   another or to one of the terminal statuses". We read "equivalent" as including the same status
 *   again (a second partial shipment, a new description), which the docs neither allow nor forbid
 *   explicitly (UNCONFIRMED: if WhatsApp refuses it, the refusal arrives as a 2046 error webhook);
 * - completed and canceled are terminal: nothing follows them.
 */
const IN_PROGRESS: readonly OrderStatus[] = ['processing', 'partially_shipped', 'shipped'];
const TERMINAL: readonly OrderStatus[] = ['completed', 'canceled'];
const NEXT_STATUSES: Record<OrderStatus, readonly OrderStatus[]> = {
	pending: [...IN_PROGRESS, ...TERMINAL],
	processing: [...IN_PROGRESS, ...TERMINAL],
	partially_shipped: [...IN_PROGRESS, ...TERMINAL],
	shipped: [...IN_PROGRESS, ...TERMINAL],
	completed: [],
	canceled: [],
};

/** Spellings people type for a status, beyond the canonical ones. */
const ALIASES: Record<string, OrderStatus> = { cancelled: 'canceled' };

/**
 * A status as the canonical OrderStatus: trims, ignores case, and reads "partially-shipped" and
 * "partially shipped" as partially_shipped (and "cancelled" as canceled). Null when unknown.
 */
export function normalizeOrderStatus(s: string): OrderStatus | null {
	if (typeof s !== 'string') return null;
	const key = s.trim().toLowerCase().replace(/[\s-]+/g, '_');
	if ((ORDER_STATUSES as readonly string[]).includes(key)) return key as OrderStatus;
	return ALIASES[key] ?? null;
}

/** Whether an order in status `from` may be moved to `to` (either given in any spelling); false when either is unknown. */
export function canTransition(from: string, to: string): boolean {
	const current = normalizeOrderStatus(from);
	const next = normalizeOrderStatus(to);
	return current !== null && next !== null && NEXT_STATUSES[current].includes(next);
}

/** Payment states with money taken or on its way: lookup/webhook "captured" and "pending", transaction "success". */
const PAID_OR_PAYING = new Set(['captured', 'success', 'pending']);

/**
 * Whether an order with this payment status may be canceled. WhatsApp refuses to cancel an order with a
 * successful or pending payment (error 2047); refund it instead. No payment status (nothing known yet),
 * new, failed or canceled payments allow it. For a payment status the merchant reports (Brazil's
 * order_status payment object); a lookup's `pending` may mean no attempt at all: see cancelVerdict in payments.ts.
 */
export function canCancel(paymentStatus: string | null | undefined): { allowed: boolean; reason?: string } {
	const status = typeof paymentStatus === 'string' ? paymentStatus.trim().toLowerCase() : '';
	if (!PAID_OR_PAYING.has(status)) return { allowed: true };
	const what = status === 'pending' ? 'a pending payment' : 'a successful payment';
	return { allowed: false, reason: `the order has ${what} (${status}); WhatsApp refuses to cancel it (error 2047): refund it instead` };
}

/** The rules the schema cannot say: no pending in order_status, no cancel over a paid or pending payment. */
function checkStatusRules(parameters: JsonObject, base: string): ValidationError[] {
	const errors: ValidationError[] = [];
	const order = isObject(parameters.order) ? parameters.order : null;
	const statusPath = childPath(childPath(base, 'order'), 'status');
	if (order?.status === 'pending') {
		errors.push({ path: statusPath, message: 'must not be "pending": pending is the initial status, sent only in order_details', rule: 'status' });
	}
	const payment = isObject(parameters.payment) ? parameters.payment : null;
	if (order?.status === 'canceled' && payment && typeof payment.status === 'string') {
		const cancel = canCancel(payment.status);
		if (!cancel.allowed) errors.push({ path: statusPath, message: `cannot be "canceled": ${cancel.reason}`, rule: 'cancel' });
	}
	return errors;
}

/**
 * Validates an order_status message, its interactive object or its action parameters (object or
 * stringified JSON): the envelope (body.text <= 1024, footer <= 60, no header), the shape (status in
 * either spelling of partially shipped, description <= 120, Brazil payment status pending | captured |
 * failed) and the status rules.
 */
export function validateOrderStatus(x: unknown): ValidationResult {
	const located = locateParameters(x, 'order_status');
	const errors = located.errors;
	const parameters = located.parameters;
	if (parameters !== undefined) {
		if (!orderStatusParameters(parameters)) errors.push(...toValidationErrors(orderStatusParameters.errors, located.path));
		if (isObject(parameters)) errors.push(...checkStatusRules(parameters, located.path));
	}
	return { valid: errors.length === 0, errors };
}

/** The status to send: canonical, with partially shipped spelled as configured. Errors point into the input. */
function wireStatus(input: OrderStatusInput, options: OrderStatusOptions | undefined, errors: ValidationError[]): string | undefined {
	const spelling = options?.partiallyShippedSpelling ?? 'partially_shipped';
	if (!PARTIALLY_SHIPPED_SPELLINGS.includes(spelling)) {
		errors.push({ path: '/options/partiallyShippedSpelling', message: 'must be "partially_shipped" or "partially-shipped"', rule: 'enum' });
	}
	const status = normalizeOrderStatus(input.status);
	if (status === null) {
		errors.push({ path: '/status', message: `must be one of ${ORDER_STATUSES.filter((s) => s !== 'pending').join(', ')}`, rule: 'enum' });
		return undefined;
	}
	return status === 'partially_shipped' ? spelling : status;
}

/**
 * The exact Cloud API body of an order_status message. The status may be given in any spelling
 * (see normalizeOrderStatus); partially shipped goes out as options.partiallyShippedSpelling.
 * Throws OrderValidationError when the input or the message breaks a rule.
 */
export function buildOrderStatusMessage(input: OrderStatusInput, options?: OrderStatusOptions): JsonObject {
	if (!isObject(input)) throw new OrderValidationError([{ path: '', message: 'must be an object', rule: 'type' }], 'order_status input');
	const inputErrors: ValidationError[] = [];
	const status = wireStatus(input, options, inputErrors);
	if (inputErrors.length) throw new OrderValidationError(inputErrors, 'order_status input');
	const order: JsonObject = { status };
	if (input.description !== undefined) order.description = input.description;
	const parameters: JsonObject = { reference_id: input.referenceId, order };
	const payment: unknown = input.payment;
	// Brazil only; anything but an object is passed on for the validator to name.
	if (payment !== undefined) {
		parameters.payment = isObject(payment) ? { status: payment.status, ...(payment.timestamp === undefined ? {} : { timestamp: payment.timestamp }) } : payment;
	}
	const interactive: JsonObject = { type: 'order_status', body: { text: input.body } };
	if (input.footer !== undefined) interactive.footer = { text: input.footer };
	interactive.action = { name: 'review_order', parameters };
	const message = { messaging_product: 'whatsapp', recipient_type: 'individual', to: input.to, type: 'interactive', interactive };
	const result = validateOrderStatus(message);
	if (!result.valid) throw new OrderValidationError(result.errors, 'order_status message');
	return message;
}
