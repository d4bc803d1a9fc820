/**
 * Checkout button templates (India): a marketing template whose "Buy now" button carries an order, for one product
 * (an image or video header, the body, the button) or several (a media card carousel, one card and one checkout
 * button per product). The order on each button is an order_details order and obeys every order_details rule
 * (core/orderDetails.ts, core/orderRules.ts); this file adds only what the checkout page asks beyond them.
 * Page: checkout-button-templates.md § Send a checkout button template, § Multiple products, § Checkout buttons.
 * UNCONFIRMED: the carousel's send syntax is on Meta's media card carousel page, which our copy does not hold; the
 * carousel is sent in the Cloud API's carousel form (body, then `carousel.cards[]` of `card_index` and components).
 */
import { OrderValidationError } from './errors';
import { bodyVariablesOverflow, isObject, locateParameters, templateBodyComponent, templateMessage, type JsonObject } from './messageShape';
import { toDecimal } from './money';
import { orderParametersFrom, validateOrderDetails } from './orderDetails';
import { minorOf, totalOf } from './orderRules';
import { childPath } from './schemaErrors';
import { isApprovedTemplateStatus } from './templateStatus';
import type { TemplateChoice } from './templates';
import type { OrderDetailsInput, OrderOptions, ValidationError, ValidationResult } from './types';

/** The gateways a checkout button order may name (§ Post body parameters, `<PAYMENT_GATEWAY_NAME>`). */
export const CHECKOUT_GATEWAYS = ['razorpay', 'payu', 'zaakpay'] as const;
export type CheckoutGateway = (typeof CHECKOUT_GATEWAYS)[number];
/** `<MESSAGE_HEADER_FORMAT>`: image or video. */
export const CHECKOUT_HEADER_FORMATS = ['image', 'video'] as const;
/** § Multiple products: a carousel "showcases up to 10 products"; § Send: it "can have two or more". */
export const CAROUSEL_CARDS = { min: 2, max: 10 } as const;
/** § Single products: "up to 9 quick-reply buttons" after the checkout button. */
export const MAX_QUICK_REPLIES = 9;
/** `<ITEM_QUANTITY>` "Maximum 100 integers": read as at most 100 of the item (UNCONFIRMED). */
export const MAX_CHECKOUT_QUANTITY = 100;
/** `<MESSAGE_BODY_TEXT_VARIABLE>` "Supports text, currency, and date_time types". */
const BODY_PARAMETER_TYPES = ['text', 'currency', 'date_time'];

export interface CheckoutHeaderInput {
	format: 'image' | 'video';
	/** The uploaded media asset ID (the page's form). */
	id?: string;
	/** A public URL of the image or video (the Cloud API's media parameter form; UNCONFIRMED for this template). */
	link?: string;
}

/** One product: its own order (reference, the item, charges, expiration, the buyer's addresses) and header. */
export interface CheckoutProductInput
	extends Omit<OrderDetailsInput, 'to' | 'market' | 'payment' | 'body' | 'footer' | 'header' | 'beneficiaries' | 'catalogId' | 'quickPay' | 'amountsIn'> {
	header: CheckoutHeaderInput;
}

export interface CheckoutTemplateInput {
	to: string;
	templateName: string;
	languageCode: string;
	/** Values of the body's {{1}}, {{2}}, ... (text). */
	bodyParameters?: string[];
	/** The payment configuration (payment gateway) every product of the message is paid through. */
	payment: { gateway: CheckoutGateway; configurationName: string };
	amountsIn?: 'major' | 'minor';
	/** One product: the single-product template; 2 to 10: a carousel, one card each. */
	products: CheckoutProductInput[];
	/** The template is a carousel: then 2 to 10 products even when one is given. */
	carousel?: boolean;
	/** Single product: payloads of the template's quick-reply buttons, in order (returned in the button webhook). */
	quickReplyPayloads?: string[];
}

/** An order carried by a checkout button, and where it sits in the message. */
export interface CheckoutOrder {
	path: string;
	parameters: JsonObject;
}

const componentsOf = (x: unknown): JsonObject[] => (isObject(x) && Array.isArray(x.components) ? x.components.filter(isObject) : []);
const isCheckoutButton = (c: JsonObject) => c.type === 'button' && c.sub_type === 'order_details';

/** The carousel component of a template message and its index, if it has one. */
function carouselOf(message: unknown): { carousel: JsonObject; index: number } | undefined {
	const components = isObject(message) && isObject(message.template) && Array.isArray(message.template.components) ? message.template.components : [];
	const index = components.findIndex((c: unknown) => isObject(c) && c.type === 'carousel');
	return index < 0 ? undefined : { carousel: components[index] as JsonObject, index };
}

/** Whether a template message is a carousel whose cards carry checkout buttons (only checkout templates do). */
export function isCheckoutCarousel(message: unknown): boolean {
	const found = carouselOf(message);
	return Boolean(found && Array.isArray(found.carousel.cards) && found.carousel.cards.some((card: unknown) => componentsOf(card).some(isCheckoutButton)));
}

/** The orders of a checkout button template message: the button's, or one per carousel card. */
export function checkoutOrdersOf(message: unknown): CheckoutOrder[] {
	const found = carouselOf(message);
	if (!found) {
		const located = locateParameters(message, 'order_details');
		return isObject(located.parameters) ? [{ path: located.path, parameters: located.parameters }] : [];
	}
	const cards = Array.isArray(found.carousel.cards) ? found.carousel.cards : [];
	return cards.flatMap((card: unknown, i) => {
		const cardAt = `/template/components/${found.index}/cards/${i}/components`;
		return componentsOf(card).flatMap((c, k) => {
			const parameter = isCheckoutButton(c) && Array.isArray(c.parameters) ? c.parameters.find((p: unknown) => isObject(p) && isObject(p.action)) : undefined;
			const parameters = isObject(parameter) && isObject(parameter.action) ? parameter.action.order_details : undefined;
			return isObject(parameters) ? [{ path: `${cardAt}/${k}/parameters/0/action/order_details`, parameters }] : [];
		});
	});
}

/** Collects errors with their pointers. */
class Check {
	readonly errors: ValidationError[] = [];
	add(path: string, message: string, rule: string): void {
		this.errors.push({ path, message, rule });
	}
}

/** `<IMPORTER_POSTAL_CODE>` "6-digit postal index number"; `<IMPORTER_ZONE_CODE>` "two-letter zone code" (e.g. MH). */
const IMPORTER_PIN = /^[0-9]{6}$/;
/** Two capital letters: a state code, and (the schema's pattern) a country code. */
const IMPORTER_ZONE_CODE = /^[A-Z]{2}$/;
/**
 * The importer's country on a checkout order: the page's send syntax writes `importer_address.country_code` as the
 * fixed value "IN", not a placeholder (§ Send a checkout button template, § Post body); order_details takes any
 * ISO 3166 code. The form sends it without asking.
 */
export const CHECKOUT_IMPORTER_COUNTRY = 'IN';

/**
 * An item's importer address as the checkout page states it. The order_details pages show the same fields without
 * these limits (india-send-order-details-template-message.md even omits zone_code), so they hold here only.
 */
function checkImporterAddress(item: JsonObject, at: string, check: Check): void {
	const address = item.importer_address;
	if (!isObject(address)) return;
	if (address.zone_code === undefined) check.add(`${at}/importer_address/zone_code`, 'is required on a checkout button order (the two-letter state code, e.g. MH)', 'required');
	else if (typeof address.zone_code === 'string' && address.zone_code !== '' && !IMPORTER_ZONE_CODE.test(address.zone_code)) {
		check.add(`${at}/importer_address/zone_code`, `must be a two-letter state code in capitals, e.g. MH, not ${JSON.stringify(address.zone_code)}`, 'zone_code');
	}
	// An empty or missing one is the schema's to name.
	if (typeof address.postal_code === 'string' && address.postal_code !== '' && !IMPORTER_PIN.test(address.postal_code)) {
		check.add(`${at}/importer_address/postal_code`, `must be a 6-digit PIN code, e.g. 400051, not ${JSON.stringify(address.postal_code)}`, 'postal_code');
	}
	// Another country's code; one that is not two capital letters (or missing) is the schema's to name.
	if (typeof address.country_code === 'string' && IMPORTER_ZONE_CODE.test(address.country_code) && address.country_code !== CHECKOUT_IMPORTER_COUNTRY) {
		check.add(`${at}/importer_address/country_code`, `must be "${CHECKOUT_IMPORTER_COUNTRY}": the importer of a checkout button order is in India, not ${JSON.stringify(address.country_code)}`, 'country_code');
	}
}

/** The discount within the subtotal, not eating into tax and shipping. */
function checkDiscount(order: JsonObject, base: string, check: Check): void {
	const subtotal = minorOf(order.subtotal);
	const discount = minorOf(order.discount);
	const total = totalOf(order);
	// Reported once: beyond subtotal + tax + shipping the order_details rules already refuse it.
	if (subtotal === null || discount === null || discount <= subtotal || total === null || total < 0n) return;
	check.add(`${base}/order/discount`, `must not exceed the subtotal (${toDecimal(subtotal)}): on a checkout button order the discount applies to the order subtotal`, 'discount');
}

/**
 * What the checkout page asks of an order beyond order_details, wherever the order travels (on the button, and
 * re-priced in a checkout endpoint's answer): INR, shipping_info on physical goods ("required for physical-goods
 * type"), the shipping cost (`<SHIPPING_AMOUNT>` "Required", optional in order_details), a discount within the
 * subtotal (`<DISCOUNT_AMOUNT>` "applies to the order subtotal"), one product (§ Checkout buttons), at most 100 of it,
 * the importer's PIN, state code and country (IN). Paths are `base` + the order's own.
 */
export function checkoutPageOrderErrors(parameters: JsonObject, base: string): ValidationError[] {
	const check = new Check();
	if (parameters.currency !== undefined && parameters.currency !== 'INR') check.add(`${base}/currency`, 'must be "INR": checkout button templates are for India', 'checkout_market');
	if (parameters.type === 'physical-goods' && parameters.shipping_info === undefined) {
		check.add(`${base}/shipping_info`, 'is required for physical goods (the buyer\'s addresses you know, or an empty list)', 'shipping_info');
	}
	if (isObject(parameters.order) && parameters.order.shipping === undefined) check.add(`${base}/order/shipping`, 'is required on a checkout button order (0 when shipping is free)', 'required');
	if (isObject(parameters.order)) checkDiscount(parameters.order, base, check);
	const items = isObject(parameters.order) && Array.isArray(parameters.order.items) ? parameters.order.items : [];
	// § Checkout buttons: "Each checkout button in a template must correspond to a single product" (its quantity may vary).
	if (items.length > 1) check.add(`${base}/order/items`, `must be one product, not ${items.length}: a checkout button's order is for a single product`, 'checkout_product');
	items.forEach((item: unknown, i) => {
		if (!isObject(item)) return;
		if (typeof item.quantity === 'number' && item.quantity > MAX_CHECKOUT_QUANTITY) check.add(`${base}/order/items/${i}/quantity`, `must be at most ${MAX_CHECKOUT_QUANTITY}`, 'quantity');
		checkImporterAddress(item, `${base}/order/items/${i}`, check);
	});
	return check.errors;
}

/** A checkout button's order: the page's order rules, and one payment gateway setting of razorpay, payu or zaakpay (`<PAYMENT_GATEWAY_NAME>`). */
function checkCheckoutOrder(parameters: JsonObject, path: string, check: Check): void {
	const settings = Array.isArray(parameters.payment_settings) ? parameters.payment_settings : [];
	const gateway = settings.length === 1 && isObject(settings[0]) && settings[0].type === 'payment_gateway' && isObject(settings[0].payment_gateway) ? settings[0].payment_gateway : undefined;
	if (!gateway) check.add(`${path}/payment_settings`, 'must be one payment_gateway setting (a checkout button is paid through a payment gateway configuration)', 'checkout_payment');
	else if (!(CHECKOUT_GATEWAYS as readonly unknown[]).includes(gateway.type)) {
		check.add(`${path}/payment_settings/0/payment_gateway/type`, `must be one of ${CHECKOUT_GATEWAYS.join(', ')} for a checkout button`, 'checkout_payment');
	}
	check.errors.push(...checkoutPageOrderErrors(parameters, path));
}

/** A header component of an image or video by media ID (or link). */
function checkHeader(component: JsonObject | undefined, path: string, check: Check): void {
	if (!component) {
		check.add(path, 'needs a header component with the product\'s image or video', 'header');
		return;
	}
	const parameter = Array.isArray(component.parameters) && component.parameters.length === 1 ? component.parameters[0] : undefined;
	const at = `${path}/parameters/0`;
	if (!isObject(parameter)) return check.add(`${path}/parameters`, 'must be one image or video parameter', 'header');
	if (!(CHECKOUT_HEADER_FORMATS as readonly unknown[]).includes(parameter.type)) return check.add(`${at}/type`, 'must be "image" or "video"', 'header');
	const media = parameter[parameter.type as string];
	const hasId = isObject(media) && typeof media.id === 'string' && media.id !== '';
	const hasLink = isObject(media) && typeof media.link === 'string' && media.link !== '';
	if (hasId === hasLink) check.add(childPath(at, parameter.type as string), 'needs either a media "id" or a "link"', 'header');
}

/** The body's variables: of the types the page supports, and their texts within the body's 1024 characters together. */
function checkBody(components: JsonObject[], path: string, check: Check): void {
	components.forEach((c, k) => {
		if (c.type !== 'body' || !Array.isArray(c.parameters)) return;
		const texts: string[] = [];
		c.parameters.forEach((p: unknown, i) => {
			if (!isObject(p) || !BODY_PARAMETER_TYPES.includes(p.type as string)) check.add(`${path}/${k}/parameters/${i}/type`, `must be one of ${BODY_PARAMETER_TYPES.join(', ')}`, 'body_parameter');
			else if (p.type === 'text' && typeof p.text === 'string') texts.push(p.text);
		});
		const overflow = bodyVariablesOverflow(texts);
		if (overflow) check.add(`${path}/${k}/parameters`, overflow, 'maxLength');
	});
}

/** The single-product form: one checkout button at index 0, its header, at most 9 quick replies. */
function checkSingle(message: JsonObject, options: OrderOptions | undefined, check: Check): void {
	check.errors.push(...validateOrderDetails(message, options).errors);
	const components = componentsOf(message.template);
	const at = '/template/components';
	const buttons = components.map((c, k) => ({ c, k })).filter(({ c }) => isCheckoutButton(c));
	if (buttons.length > 1) check.add(at, 'must have one checkout button (several products: a carousel)', 'checkout_button');
	for (const { c, k } of buttons) if (String(c.index) !== '0') check.add(`${at}/${k}/index`, 'must be 0: the checkout button is the first button', 'checkout_button');
	const quickReplies = components.filter((c) => c.type === 'button' && c.sub_type === 'quick_reply');
	if (quickReplies.length > MAX_QUICK_REPLIES) check.add(at, `must have at most ${MAX_QUICK_REPLIES} quick-reply buttons`, 'quick_reply');
	const header = components.findIndex((c) => c.type === 'header');
	checkHeader(components[header], header < 0 ? at : `${at}/${header}`, check);
	for (const order of checkoutOrdersOf(message)) checkCheckoutOrder(order.parameters, order.path, check);
}

/** The envelope of a carousel message: the order_details envelope checks belong to a single button. */
function checkCarouselEnvelope(message: JsonObject, check: Check): void {
	if (message.messaging_product !== 'whatsapp') check.add('/messaging_product', 'must be "whatsapp"', 'const');
	if (typeof message.to !== 'string' || message.to === '') check.add('/to', 'is required', 'required');
	if (message.type !== 'template') check.add('/type', 'must be "template"', 'const');
	const template = isObject(message.template) ? message.template : {};
	if (typeof template.name !== 'string' || template.name === '') check.add('/template/name', 'is required', 'required');
	if (!isObject(template.language) || typeof template.language.code !== 'string' || template.language.code === '') check.add('/template/language/code', 'is required', 'required');
}

/** The carousel form: 2 to 10 cards, each a header and the checkout button first, each order its own reference. */
function checkCarousel(message: JsonObject, carousel: JsonObject, index: number, options: OrderOptions | undefined, check: Check): void {
	checkCarouselEnvelope(message, check);
	const at = `/template/components/${index}/cards`;
	const cards = Array.isArray(carousel.cards) ? carousel.cards : [];
	if (cards.length < CAROUSEL_CARDS.min || cards.length > CAROUSEL_CARDS.max) {
		check.add(at, `must have ${CAROUSEL_CARDS.min} to ${CAROUSEL_CARDS.max} cards, one per product`, 'carousel');
	}
	cards.forEach((card: unknown, i) => {
		const cardAt = `${at}/${i}`;
		if (!isObject(card) || card.card_index !== i) check.add(`${cardAt}/card_index`, `must be ${i}`, 'carousel');
		const components = componentsOf(card);
		const header = components.findIndex((c) => c.type === 'header');
		checkHeader(components[header], header < 0 ? `${cardAt}/components` : `${cardAt}/components/${header}`, check);
		const button = components.find((c) => c.type === 'button');
		if (!button || !isCheckoutButton(button) || String(button.index) !== '0') {
			check.add(`${cardAt}/components`, 'needs the checkout button (sub_type "order_details", index 0) as the first button of the card', 'checkout_button');
		}
	});
	const seen = new Map<string, string>();
	for (const { path, parameters } of checkoutOrdersOf(message)) {
		for (const e of validateOrderDetails(parameters, options).errors) check.add(`${path}${e.path}`, e.message, e.rule);
		checkCheckoutOrder(parameters, path, check);
		const reference = parameters.reference_id;
		if (typeof reference !== 'string') continue;
		if (seen.has(reference)) check.add(`${path}/reference_id`, `must differ from every other card's (${JSON.stringify(reference)} is also at ${seen.get(reference)})`, 'unique');
		else seen.set(reference, path);
	}
}

/**
 * Validates a checkout button template message, single product or carousel: every order_details rule on each
 * order, plus the checkout page's (header, one checkout button first, payment gateway, shipping info, cards).
 */
export function validateCheckoutTemplateMessage(message: unknown, options?: OrderOptions): ValidationResult {
	const check = new Check();
	if (!isObject(message)) check.add('', 'must be an object (a template message)', 'type');
	else {
		checkBody(componentsOf(message.template), '/template/components', check);
		const found = carouselOf(message);
		if (found) checkCarousel(message, found.carousel, found.index, options, check);
		else checkSingle(message, options, check);
	}
	return { valid: check.errors.length === 0, errors: check.errors };
}

// ---------------------------------------------------------------- the account's templates

/** § Checkout buttons: the button's "non-customizable syntax" when the template is created. */
export const CHECKOUT_BUTTON_TEXT = 'Buy now';

const upper = (x: unknown) => String(x).toUpperCase();
const hasCheckoutButton = (components: unknown): boolean =>
	Array.isArray(components) &&
	components.some(
		(c) => isObject(c) && upper(c.type) === 'BUTTONS' && Array.isArray(c.buttons) && c.buttons.some((b) => isObject(b) && upper(b.type) === 'ORDER_DETAILS' && b.text === CHECKOUT_BUTTON_TEXT),
	);
const carouselCards = (components: unknown): unknown[] => {
	const carousel = Array.isArray(components) ? components.find((c) => isObject(c) && upper(c.type) === 'CAROUSEL') : undefined;
	return isObject(carousel) && Array.isArray(carousel.cards) ? carousel.cards : [];
};

/** Whether a template as listed (GET message_templates) is a checkout button template, single product or carousel. */
export function isCheckoutTemplateDefinition(template: unknown): boolean {
	if (!isObject(template)) return false;
	return hasCheckoutButton(template.components) || carouselCards(template.components).some((card) => isObject(card) && hasCheckoutButton(card.components));
}

/** The approved checkout button templates of a listing (Cloud API `data` or 360dialog `waba_templates`), carousels marked. */
export function checkoutTemplates(listing: unknown): Array<TemplateChoice & { carousel: boolean }> {
	const list = isObject(listing) ? (Array.isArray(listing.data) ? listing.data : Array.isArray(listing.waba_templates) ? listing.waba_templates : []) : [];
	return list
		.filter((t): t is JsonObject => isObject(t) && isApprovedTemplateStatus(t.status) && isCheckoutTemplateDefinition(t) && typeof t.name === 'string' && typeof t.language === 'string')
		.map((t) => ({ name: String(t.name), language: String(t.language), carousel: carouselCards(t.components).length > 0 }))
		.sort((a, b) => a.name.localeCompare(b.name) || a.language.localeCompare(b.language));
}

// ---------------------------------------------------------------- builder

const headerComponent = (header: CheckoutHeaderInput): JsonObject => ({
	type: 'header',
	parameters: [{ type: header.format, [header.format]: header.id ? { id: header.id } : { link: header.link } }],
});

const checkoutButton = (orderDetails: JsonObject): JsonObject => ({
	type: 'button',
	sub_type: 'order_details',
	index: 0,
	parameters: [{ type: 'action', action: { order_details: orderDetails } }],
});

/** Input problems of the products list and headers, before any order is built (paths into the input). */
function inputErrors(input: CheckoutTemplateInput): ValidationError[] {
	const check = new Check();
	const products = Array.isArray(input.products) ? input.products : [];
	if (input.carousel && (products.length < CAROUSEL_CARDS.min || products.length > CAROUSEL_CARDS.max)) {
		check.add('/products', `must be ${CAROUSEL_CARDS.min} to ${CAROUSEL_CARDS.max} for a carousel (one card each), not ${products.length}`, 'carousel');
	} else if (products.length === 0 || products.length > CAROUSEL_CARDS.max) check.add('/products', `must be 1 product, or ${CAROUSEL_CARDS.min} to ${CAROUSEL_CARDS.max} for a carousel`, 'carousel');
	if (!(CHECKOUT_GATEWAYS as readonly unknown[]).includes(input.payment?.gateway)) check.add('/payment/gateway', `must be one of ${CHECKOUT_GATEWAYS.join(', ')} for a checkout button`, 'checkout_payment');
	products.forEach((product, i) => {
		const header = isObject(product) ? product.header : undefined;
		if (!isObject(header) || !(CHECKOUT_HEADER_FORMATS as readonly unknown[]).includes(header.format)) check.add(`/products/${i}/header/format`, 'must be "image" or "video"', 'header');
		else if (!header.id === !header.link) check.add(`/products/${i}/header`, 'needs either a media ID or a link', 'header');
	});
	if (products.length > 1 && input.quickReplyPayloads?.length) check.add('/quickReplyPayloads', 'are for single-product templates (carousel cards carry only the checkout button here)', 'quick_reply');
	if ((input.quickReplyPayloads?.length ?? 0) > MAX_QUICK_REPLIES) check.add('/quickReplyPayloads', `must be at most ${MAX_QUICK_REPLIES}`, 'quick_reply');
	return check.errors;
}

/** The order_details of one product, or its input errors with paths into `/products/{i}`. */
function productOrder(input: CheckoutTemplateInput, product: CheckoutProductInput, i: number): { order: JsonObject } | { errors: ValidationError[] } {
	let failure: unknown;
	try {
		// The header is not part of the order (the builder reads only the order's fields).
		return {
			order: orderParametersFrom({
				...product,
				goodsType: product.goodsType ?? 'physical-goods',
				// `<SHIPPING_AMOUNT>` is required on a checkout order: free shipping is sent as 0.
				shipping: product.shipping ?? { amount: 0 },
				to: input.to,
				market: 'india',
				amountsIn: input.amountsIn,
				payment: { type: 'payment_gateway', gateway: input.payment.gateway, configurationName: input.payment.configurationName },
			}),
		};
	} catch (error) {
		failure = error;
	}
	if (!(failure instanceof OrderValidationError)) throw failure;
	return { errors: failure.errors.map((e) => ({ ...e, path: `/products/${i}${e.path}` })) };
}

/**
 * The exact Cloud API body of a checkout button template message, from friendly input (amounts in currency units
 * by default): one product as the single-product template, 2 to 10 as a carousel. Throws OrderValidationError
 * naming every field (paths into the input, or into the message for rules only the whole message shows).
 */
export function buildCheckoutTemplateMessage(input: CheckoutTemplateInput, options?: OrderOptions): JsonObject {
	const problems = inputErrors(input);
	if (problems.length) throw new OrderValidationError(problems, 'checkout template input');
	const built = input.products.map((product, i) => productOrder(input, product, i));
	const inputProblems = built.flatMap((b) => ('errors' in b ? b.errors : []));
	if (inputProblems.length) throw new OrderValidationError(inputProblems, 'checkout template input');
	const orders = built.map((b) => ('order' in b ? b.order : {}));
	const bodyComponent = templateBodyComponent(input.bodyParameters, 'checkout template input');
	const body = bodyComponent ? [bodyComponent] : [];
	const components =
		!input.carousel && orders.length === 1
			? [
					headerComponent(input.products[0].header),
					...body,
					checkoutButton(orders[0]),
					...(input.quickReplyPayloads ?? []).map((payload, i) => ({ type: 'button', sub_type: 'quick_reply', index: i + 1, parameters: [{ type: 'payload', payload }] })),
				]
			: [
					...body,
					{
						type: 'carousel',
						cards: orders.map((order, i) => ({ card_index: i, components: [headerComponent(input.products[i].header), checkoutButton(order)] })),
					},
				];
	const message = templateMessage(input.to, input.templateName, input.languageCode, components);
	const result = validateCheckoutTemplateMessage(message, options);
	if (!result.valid) throw new OrderValidationError(result.errors, 'checkout button template message');
	return message;
}
