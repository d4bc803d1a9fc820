/**
 * The checkout endpoint of checkout button templates (India): what WhatsApp asks once decrypted (a health check,
 * an error notification, or one of four sub-actions about the order), and what the business may answer. The
 * order in both directions is the order_details parameters without the payment settings, and an answered order
 * obeys the same rules as an order_details send (core/orderRules.ts): nothing re-implemented here.
 * Pages: checkout-button-templates.md § Implement checkout endpoint logic (and its sample requests and
 * responses), implement-endpoints-for-flows.md § Health check request and § Error notification request.
 */
import { checkoutPageOrderErrors } from './checkoutTemplate';
import { checkoutCoupons, checkoutOrderDetails } from './generated/validators';
import { isObject, type JsonObject } from './messageShape';
import { MONEY_OFFSET } from './money';
import { checkCheckoutOrderRules, couponDiscountOf, subtotalOf, totalOf } from './orderRules';
import { toValidationErrors } from './schemaErrors';
import type { ValidationError, ValidationResult } from './types';

export const CHECKOUT_SUB_ACTIONS = ['get_coupons', 'apply_coupon', 'remove_coupon', 'apply_shipping'] as const;
export type CheckoutSubAction = (typeof CHECKOUT_SUB_ACTIONS)[number];

/**
 * HTTP statuses of the endpoint. 421: a request that cannot be decrypted (the page's rule; the client then fetches
 * the public key again). UNCONFIRMED, from Meta's checkout endpoint sample (linked from checkout-button-templates.md
 * § Implement checkout endpoint logic) and the Flows endpoint error codes it cites, which our copy of the pages does
 * not hold: 432 when X-Hub-Signature-256 does not verify, 427 with an encrypted {error_msg} that the buyer sees when
 * the business refuses (an unknown coupon, an address it does not deliver to, an item out of stock).
 */
export const CHECKOUT_STATUS = { cannotDecrypt: 421, refused: 427, badSignature: 432 } as const;

/** The buyer and what they did: `user_id` always, the coupon for apply_coupon, the address for apply_shipping. */
export interface CheckoutInput {
	userId: string;
	coupon?: JsonObject & { code: string };
	selectedAddress?: JsonObject;
}

export interface CheckoutSubActionRequest {
	kind: 'sub_action';
	subAction: CheckoutSubAction;
	version: string;
	/** The order as WhatsApp holds it now (reference, items, amounts, shipping info, applied coupon). */
	orderDetails: JsonObject;
	input: CheckoutInput;
}

export type CheckoutRequest =
	| { kind: 'ping'; version?: string }
	| { kind: 'error_notification'; version?: string; error: string; errorMessage?: string }
	| CheckoutSubActionRequest
	| { kind: 'invalid'; errors: ValidationError[] };

const text = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);

/** Reads a decrypted request; anything the pages do not describe is `invalid` with the field and the rule. */
export function readCheckoutRequest(payload: unknown): CheckoutRequest {
	if (!isObject(payload)) return { kind: 'invalid', errors: [{ path: '', message: 'must be an object', rule: 'type' }] };
	const version = text(payload.version);
	if (payload.action === 'ping') return { kind: 'ping', version };
	const data = isObject(payload.data) ? payload.data : undefined;
	if (data && typeof data.error === 'string') return { kind: 'error_notification', version, error: data.error, errorMessage: text(data.error_message) };
	const errors: ValidationError[] = [];
	const add = (path: string, message: string, rule: string) => errors.push({ path, message, rule });
	if (payload.action !== 'data_exchange') add('/action', 'must be "ping" or "data_exchange"', 'action');
	const subAction = payload.sub_action as CheckoutSubAction;
	if (!CHECKOUT_SUB_ACTIONS.includes(subAction)) add('/sub_action', `must be one of ${CHECKOUT_SUB_ACTIONS.join(', ')}`, 'sub_action');
	const orderDetails = data?.order_details;
	if (!isObject(orderDetails) || !isObject(orderDetails.order)) add('/data/order_details', 'must be the order (an object with order)', 'order_details');
	const input = isObject(data?.input) ? data.input : {};
	const userId = text(input.user_id);
	if (!userId) add('/data/input/user_id', 'is required (the buyer\'s phone number)', 'required');
	const coupon = isObject(input.coupon) && text(input.coupon.code) ? (input.coupon as CheckoutInput['coupon']) : undefined;
	if (subAction === 'apply_coupon' && !coupon) add('/data/input/coupon/code', 'is required for apply_coupon', 'required');
	const selectedAddress = isObject(input.selected_address) ? input.selected_address : undefined;
	if (subAction === 'apply_shipping' && !selectedAddress) add('/data/input/selected_address', 'is required for apply_shipping', 'required');
	if (errors.length) return { kind: 'invalid', errors };
	return {
		kind: 'sub_action',
		subAction,
		version: version ?? '1.0',
		orderDetails: orderDetails as JsonObject,
		input: { userId: userId as string, ...(coupon ? { coupon } : {}), ...(selectedAddress ? { selectedAddress } : {}) },
	};
}

/** The health check answer (implement-endpoints-for-flows.md § Health check request). */
export const PING_ANSWER = { data: { status: 'active' } };
/** The answer to an error notification (implement-endpoints-for-flows.md § Error notification request). */
export const ERROR_NOTIFICATION_ANSWER = { data: { acknowledged: true } };

/** A sub-action's answer: the request's version and sub_action around the business's data. */
export function checkoutAnswer(request: CheckoutSubActionRequest, data: JsonObject): JsonObject {
	return { version: request.version, sub_action: request.subAction, data };
}

/** The encrypted body of a refusal (status 427, UNCONFIRMED: see CHECKOUT_STATUS): the message the buyer sees. */
export function refusalAnswer(message: string): JsonObject {
	return { error_msg: message };
}

function sameJson(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * An order as the checkout endpoint exchanges it (order parameters without payment settings, with the coupon and the
 * selected address): its shape, then the order_details rules of core/orderRules.ts and what the checkout page adds to
 * them (core/checkoutTemplate.ts: shipping, at most 100 of an item, the importer's PIN and state). `base` prefixes the paths.
 */
export function checkoutOrderErrors(orderDetails: unknown, base = ''): ValidationError[] {
	const shapeErrors = checkoutOrderDetails(orderDetails) ? [] : toValidationErrors(checkoutOrderDetails.errors, base);
	if (!isObject(orderDetails)) return shapeErrors;
	const faulted = (path: string) => shapeErrors.some((e) => e.path === path || e.path.startsWith(`${path}/`));
	return [...shapeErrors, ...[...checkCheckoutOrderRules(orderDetails, base), ...checkoutPageOrderErrors(orderDetails, base)].filter((e) => !faulted(e.path))];
}

/** The order of an answer against the request's: the same order, re-priced, with the coupon the sub-action asks for. */
function orderAnswerErrors(request: CheckoutSubActionRequest, data: JsonObject): ValidationError[] {
	const base = '/data/order_details';
	const orderDetails = data.order_details;
	const errors: ValidationError[] = Object.keys(data)
		.filter((key) => key !== 'order_details')
		.map((key) => ({ path: `/data/${key}`, message: `is not part of a ${request.subAction} answer`, rule: 'additionalProperties' }));
	if (!isObject(orderDetails)) return [...errors, { path: base, message: `is required: ${request.subAction} answers with the re-priced order`, rule: 'required' }];
	errors.push(...checkoutOrderErrors(orderDetails, base));
	for (const key of ['reference_id', 'currency', 'type'] as const) {
		if (orderDetails[key] !== undefined && !sameJson(orderDetails[key], request.orderDetails[key])) {
			errors.push({ path: `${base}/${key}`, message: `must stay ${JSON.stringify(request.orderDetails[key])}, as in the request`, rule: key });
		}
	}
	const coupon = isObject(orderDetails.coupon) ? orderDetails.coupon : undefined;
	if (request.subAction === 'apply_coupon') {
		if (!coupon) errors.push({ path: `${base}/coupon`, message: 'is required: apply_coupon attaches the coupon to the order (or refuse the coupon with a message)', rule: 'coupon' });
		else if (coupon.code !== request.input.coupon?.code) errors.push({ path: `${base}/coupon/code`, message: `must be the coupon the buyer applied (${JSON.stringify(request.input.coupon?.code)})`, rule: 'coupon' });
	}
	if (request.subAction === 'remove_coupon' && orderDetails.coupon !== undefined) {
		errors.push({ path: `${base}/coupon`, message: 'must be absent: remove_coupon removes the coupon from the order', rule: 'coupon' });
	}
	return errors;
}

/**
 * Checks the data a business answers a sub-action with, before it is encrypted: get_coupons a list of coupons
 * {code, id, description}; the others the re-priced order (checkout-button-templates.md § Implement checkout
 * endpoint logic). Paths point into the answer (`/data/...`).
 */
export function validateCheckoutAnswer(request: CheckoutSubActionRequest, data: unknown): ValidationResult {
	let errors: ValidationError[];
	if (!isObject(data)) errors = [{ path: '/data', message: 'must be an object', rule: 'type' }];
	else if (request.subAction === 'get_coupons') errors = checkoutCoupons(data) ? [] : toValidationErrors(checkoutCoupons.errors, '/data');
	else errors = orderAnswerErrors(request, data);
	return { valid: errors.length === 0, errors };
}

/** What a business changes when it re-prices (amounts in minor units). */
export interface CheckoutPricing {
	/** The shipping charge for the order (e.g. 0 above a free-shipping threshold). */
	shippingMinor?: number;
	/** apply_coupon: the coupon's discount on the order; apply_shipping: the order's own coupon, re-priced. */
	coupon?: { code: string; id?: string; discountMinor: number };
	/** The order as changed by the workflow (items, quantities, prices); default the request's. */
	orderDetails?: JsonObject;
}

/**
 * The answer's order: the request's (or the workflow's) order with the selected address (apply_shipping), the
 * shipping charge, the coupon attached (apply_coupon) or removed (remove_coupon), and the subtotal and total computed
 * by the same rules as an order_details send (subtotalOf, totalOf, minus the coupon). Unreadable amounts are left as
 * they are, for validateCheckoutAnswer to name.
 */
export function repriceCheckoutOrder(request: CheckoutSubActionRequest, pricing: CheckoutPricing = {}): JsonObject {
	const orderDetails = JSON.parse(JSON.stringify(pricing.orderDetails ?? request.orderDetails)) as JsonObject;
	const order = isObject(orderDetails.order) ? orderDetails.order : undefined;
	if (request.subAction === 'apply_shipping' && request.input.selectedAddress) {
		const shippingInfo = isObject(orderDetails.shipping_info) ? orderDetails.shipping_info : { country: 'IN', addresses: [] };
		orderDetails.shipping_info = { ...shippingInfo, selected_address: request.input.selectedAddress };
	}
	if (order && pricing.shippingMinor !== undefined) {
		order.shipping = { ...(isObject(order.shipping) ? order.shipping : {}), value: pricing.shippingMinor, offset: MONEY_OFFSET };
	}
	if (request.subAction === 'remove_coupon') delete orderDetails.coupon;
	// apply_shipping may re-price the coupon the order already has (the caller names it).
	if (pricing.coupon && (request.subAction === 'apply_coupon' || (request.subAction === 'apply_shipping' && isObject(orderDetails.coupon)))) {
		const { code, id, discountMinor } = pricing.coupon;
		orderDetails.coupon = { code, ...(id ? { id } : {}), discount: { value: discountMinor, offset: MONEY_OFFSET } };
	}
	if (!order) return orderDetails;
	const subtotal = subtotalOf(order.items);
	if (subtotal !== null) order.subtotal = { value: Number(subtotal), offset: MONEY_OFFSET };
	const total = totalOf(order);
	const coupon = couponDiscountOf(orderDetails);
	if (total !== null && coupon !== null) orderDetails.total_amount = { value: Number(total - BigInt(coupon)), offset: MONEY_OFFSET };
	return orderDetails;
}
