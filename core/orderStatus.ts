/**
 * order_status: tell the buyer where the order stands (interactive type "order_status", action
 * "review_order"), with the status transitions and the cancel rule WhatsApp enforces (errors 2046 and
 * 2047 arrive later as webhooks; checking first avoids sending a message that will be refused).
 */
import { OrderValidationError } from './errors';
import { orderStatusParameters } from './generated/validators';
import { headerPathOf, isObject, locateParameters, templateBodyComponent, templateMessage, type JsonObject } from './messageShape';
import { childPath, toValidationErrors } from './schemaErrors';
import type { OrderStatus, OrderStatusInput, OrderStatusOptions, OrderStatusTemplateInput, OrderStatusValidationOptions, PartiallyShippedSpelling, ValidationError, ValidationResult } from './types';

export const ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'processing', 'partially_shipped', 'shipped', 'completed', 'canceled'];
const PARTIALLY_SHIPPED_SPELLINGS: readonly PartiallyShippedSpelling[] = ['partially_shipped', 'partially-shipped'];

/**
 * Where each status may go next (seed, "Supported Order Status and Transitions"):
 * - pending (the initial status, set by order_details) may go to any other status, and stays pending when an
 *   order_status says pending again (UNCONFIRMED, see checkStatusRules: Brazil's table lists pending for
 *   order_status, e.g. beside a pending payment); nothing returns to pending;
 * - processing, partially_shipped and shipped are "equivalent statuses and can transition between one
 *   another or to one of the terminal statuses". We read "equivalent" as including the same status
 *   again (a second partial shipment, a new description), which the docs neither allow nor forbid
 *   explicitly (UNCONFIRMED: if WhatsApp refuses it, the refusal arrives as a 2046 error webhook);
 * - completed and canceled are terminal: nothing follows them.
 */
const IN_PROGRESS: readonly OrderStatus[] = ['processing', 'partially_shipped', 'shipped'];
const TERMINAL: readonly OrderStatus[] = ['completed', 'canceled'];
const NEXT_STATUSES: Record<OrderStatus, readonly OrderStatus[]> = {
	pending: ['pending', ...IN_PROGRESS, ...TERMINAL],
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
 * successful or pending payment (error 2047). No payment status (nothing known yet), new, failed or canceled
 * payments allow it. For a payment status the merchant reports (Brazil's order_status payment object); a
 * lookup's `pending` may mean no attempt at all: see cancelVerdict in payments.ts. The advice fits Brazil, where
 * it is used: a pending payment has an outcome to wait for, and no page gives Brazil a refund API, so a paid
 * order is settled with the buyer through the merchant's payment provider.
 */
export function canCancel(paymentStatus: string | null | undefined): { allowed: boolean; reason?: string } {
	const status = typeof paymentStatus === 'string' ? paymentStatus.trim().toLowerCase() : '';
	if (!PAID_OR_PAYING.has(status)) return { allowed: true };
	const reason =
		status === 'pending'
			? 'the order has a pending payment (pending); WhatsApp refuses to cancel it (error 2047): wait for the payment\'s outcome'
			: `the order has a successful payment (${status}); WhatsApp refuses to cancel it (error 2047): refund the buyer through your payment provider instead`;
	return { allowed: false, reason };
}

/**
 * The rules the schema cannot say: an order or a payment (or both), no cancel over a paid or pending payment.
 * An order status `pending` is accepted alone or beside a payment. UNCONFIRMED: brazil-orders.md § Supported
 * order status (the newest page) and the India pages' § Supported order status and transitions tables list
 * it, and their § Order object says an order_status status can be pending, captured or failed; the India
 * § Step 6 Parameters object names only processing … canceled. Pending is the initial status that nothing
 * returns to: sent to an order that has moved on, WhatsApp answers 2046 (a transition the rules forbid).
 */
function checkStatusRules(parameters: JsonObject, base: string, options: OrderStatusValidationOptions | undefined, template: boolean): ValidationError[] {
	const errors: ValidationError[] = [];
	const order = isObject(parameters.order) ? parameters.order : null;
	const payment = isObject(parameters.payment) ? parameters.payment : null;
	const statusPath = childPath(childPath(base, 'order'), 'status');
	const india = options?.market === 'india';
	// brazil-orders.md § Simplified order status example: only a payment object; India always has the order, and so does
	// the template form (send-order-status-template-message.md, the one page that has it, shows reference_id and order alone).
	if (parameters.order === undefined && (india || template)) {
		errors.push({ path: childPath(base, 'order'), message: template ? 'is required in an order status template' : 'is required for India orders', rule: 'required' });
	} else if (parameters.order === undefined && parameters.payment === undefined) {
		errors.push({ path: childPath(base, 'order'), message: 'is required (or, in Brazil, a payment object alone)', rule: 'required' });
	}
	// The India pages' order_status parameters are reference_id and order (receive-payments-via-payment-gateways-on-whatsapp.md
	// § Step 6 › Parameters object; the UPI intent and payment link pages' Step 7): the payment object is Brazil's, and only
	// its interactive order_status has one (brazil-orders.md § Order status); no page shows it in a template.
	if (parameters.payment !== undefined && (india || template)) {
		errors.push(
			template
				? { path: childPath(base, 'payment'), message: TEMPLATE_PAYMENT_REFUSAL, rule: 'template' }
				: { path: childPath(base, 'payment'), message: 'is for Brazil orders only: an India order_status carries the order status alone', rule: 'market' },
		);
	}
	if (order?.status === 'canceled' && payment && typeof payment.status === 'string') {
		const cancel = canCancel(payment.status);
		if (!cancel.allowed) errors.push({ path: statusPath, message: `cannot be "canceled": ${cancel.reason}`, rule: 'cancel' });
	}
	return errors;
}

/** Why an order status template carries no payment object: only the interactive order_status has one (Brazil's). */
export const TEMPLATE_PAYMENT_REFUSAL =
	'is not part of an order status template, which carries the order status alone: send a payment status with Send Order Status (the interactive message, Brazil)';

/**
 * Why an India order_status carries no header: only brazil-orders.md § Order status › Interactive object lists one;
 * the India pages' order_status (receive-payments-via-payment-gateways-on-whatsapp.md § Step 6, the 360dialog seed)
 * is type, body, footer and action.
 */
export const INDIA_STATUS_HEADER_REFUSAL = 'is for Brazil orders only: an India order status has no header (only body, footer and the status)';

/**
 * Validates an order_status message, its template form, its interactive object or its action parameters (object
 * or stringified JSON): the envelope (body.text <= 1024, footer <= 60, an image or text header), the shape (status in
 * either spelling of partially shipped, also captured or failed as the India § Order object reads, description
 * <= 120, Brazil payment status pending | captured | failed) and the status rules. With the order's market known
 * (options.market), a payment object or a header on an India order is refused.
 */
export function validateOrderStatus(x: unknown, options?: OrderStatusValidationOptions): ValidationResult {
	const located = locateParameters(x, 'order_status');
	const errors = located.errors;
	const parameters = located.parameters;
	if (options?.market === 'india' && located.header !== undefined) errors.push({ path: headerPathOf(located), message: INDIA_STATUS_HEADER_REFUSAL, rule: 'market' });
	if (parameters !== undefined) {
		if (!orderStatusParameters(parameters)) errors.push(...toValidationErrors(orderStatusParameters.errors, located.path));
		if (isObject(parameters)) errors.push(...checkStatusRules(parameters, located.path, options, located.form === 'template'));
	}
	return { valid: errors.length === 0, errors };
}

/** The status to send: canonical, with partially shipped spelled as configured. Errors point into the input. */
function wireStatus(status: string, options: OrderStatusOptions | undefined, errors: ValidationError[]): string | undefined {
	const spelling = options?.partiallyShippedSpelling ?? 'partially_shipped';
	if (!PARTIALLY_SHIPPED_SPELLINGS.includes(spelling)) {
		errors.push({ path: '/options/partiallyShippedSpelling', message: 'must be "partially_shipped" or "partially-shipped"', rule: 'enum' });
	}
	const canonical = normalizeOrderStatus(status);
	if (canonical === null) {
		errors.push({ path: '/status', message: `must be one of ${ORDER_STATUSES.join(', ')}`, rule: 'enum' });
		return undefined;
	}
	return canonical === 'partially_shipped' ? spelling : canonical;
}

/** The action parameters of an order_status (both forms); throws OrderValidationError naming input fields. */
function statusParameters(input: OrderStatusTemplateInput | OrderStatusInput, options: OrderStatusOptions | undefined): JsonObject {
	if (!isObject(input)) throw new OrderValidationError([{ path: '', message: 'must be an object', rule: 'type' }], 'order_status input');
	const inputErrors: ValidationError[] = [];
	const parameters: JsonObject = { reference_id: input.referenceId };
	if (input.status !== undefined) {
		const order: JsonObject = { status: wireStatus(input.status, options, inputErrors) };
		if (input.description !== undefined) order.description = input.description;
		parameters.order = order;
	} else if (input.description !== undefined) {
		inputErrors.push({ path: '/description', message: 'needs a status: the description belongs to the order object', rule: 'status' });
	}
	if (inputErrors.length) throw new OrderValidationError(inputErrors, 'order_status input');
	const payment: unknown = input.payment;
	// Brazil only; anything but an object is passed on for the validator to name.
	if (payment !== undefined) {
		parameters.payment = isObject(payment) ? { status: payment.status, ...(payment.timestamp === undefined ? {} : { timestamp: payment.timestamp }) } : payment;
	}
	return parameters;
}

function validated(message: JsonObject): JsonObject {
	const result = validateOrderStatus(message);
	if (!result.valid) throw new OrderValidationError(result.errors, 'order_status message');
	return message;
}

/** The interactive header of an order_status, from the friendly input. */
function wireHeader(header: OrderStatusInput['header'] | null): JsonObject | undefined {
	if (header === undefined || header === null) return undefined;
	if (header.imageUrl || header.imageId) return { type: 'image', image: header.imageUrl ? { link: header.imageUrl } : { id: header.imageId } };
	return { type: 'text', text: header.text };
}

/**
 * The exact Cloud API body of an order_status message. The status may be given in any spelling
 * (see normalizeOrderStatus); partially shipped goes out as options.partiallyShippedSpelling. Brazil may send
 * only a payment (no status). Throws OrderValidationError when the input or the message breaks a rule.
 */
export function buildOrderStatusMessage(input: OrderStatusInput, options?: OrderStatusOptions): JsonObject {
	const parameters = statusParameters(input, options);
	const interactive: JsonObject = { type: 'order_status' };
	const header = wireHeader(input.header);
	if (header) interactive.header = header;
	interactive.body = { text: input.body };
	if (input.footer !== undefined) interactive.footer = { text: input.footer };
	interactive.action = { name: 'review_order', parameters };
	return validated({ messaging_product: 'whatsapp', recipient_type: 'individual', to: input.to, type: 'interactive', interactive });
}

/**
 * The order_status template form (send-order-status-template-message.md): an approved order status template
 * whose "order_status" component carries the parameters; for customers outside the 24-hour window.
 */
export function buildOrderStatusTemplateMessage(input: OrderStatusTemplateInput, options?: OrderStatusOptions): JsonObject {
	const parameters = statusParameters(input, options);
	const components: JsonObject[] = [];
	const body = templateBodyComponent(input.bodyParameters, 'order_status input');
	if (body) components.push(body);
	components.push({ type: 'order_status', parameters: [{ type: 'order_status', order_status: parameters }] });
	return validated(templateMessage(input.to, input.templateName, input.languageCode, components));
}
