/**
 * The customer's phone: every conversation the sandbox holds, one chat per customer (wa_id), as WhatsApp
 * shows it: bills as order cards with what their payment sheet offers, order statuses as status bubbles,
 * other messages (text, templates), the customer's own payments, and the errors (2046, 2047) with which
 * Meta refuses an order status (the business gets them by webhook; the customer sees nothing).
 * Everything here is read from the simulator's state; the page (./page) only draws it.
 */
import { normalizeOrderStatus, toDecimal } from '../../core';
import { checkoutOrdersOf } from '../../core/checkoutTemplate';
import { isObject, locateParameters, type JsonObject } from '../../core/messageShape';
import type { Order, PaymentMethodType, SentMessage } from '../orders';
import type { PaymentLinkView } from '../paymentLinks';
import { ORDER_STATUS_ERRORS, type OtherMessage } from '../simulator';

/** An amount as the customer reads it, with its description when the bill gives one. */
export interface Charge {
	amount: string;
	description?: string;
}

/** What "Review and pay" offers, from the bill's payment settings. */
export interface PaymentSheet {
	market: 'india' | 'brazil';
	/** India: a payment gateway (UPI apps, cards, netbanking, wallets through it). */
	gateway?: { provider: string; methods: PaymentMethodType[] };
	/** India: a UPI intent link (upi://pay...), paid in a UPI app. */
	upiIntentLink?: string;
	/** India's legacy form: UPI through a payment configuration. */
	upiConfiguration?: string;
	paymentLink?: string;
	/** India: the methods the payment link's gateway page takes (the order's payableWith); Brazil's page only shows the link. */
	paymentLinkMethods?: PaymentMethodType[];
	pix?: { code: string; merchantName?: string; key?: string; keyType?: string };
	boleto?: { digitableLine: string };
	oneClick?: { lastFourDigits: string };
}

/** An address of the buyer as checkout-button-templates.md's samples give it (name, phone_number, address, city, state, in_pin_code, ...). */
export type ShippingAddress = Record<string, string>;

/** What the checkout panel of a checkout button template's bill offers (checkout-button-templates.md § Enabling coupons ...). */
export interface CheckoutPanel {
	/** The buyer's addresses the bill carries (shipping_info.addresses), to start the address form from. */
	addresses: ShippingAddress[];
	/** The address the shop last priced the shipping to. */
	selectedAddress?: ShippingAddress;
	/** Whether the shop's checkout endpoint has re-priced the order: the card then shows the order as re-priced. */
	repriced: boolean;
}

export interface OrderCard {
	kind: 'order';
	id: string;
	at: string;
	referenceId: string;
	/** "name (language)" when the bill came inside a template. */
	template?: string;
	headerImage?: string;
	body?: string;
	footer?: string;
	items: Array<{ name: string; quantity: number; price: string; salePrice?: string }>;
	subtotal?: string;
	discount?: Charge;
	shipping?: Charge;
	tax?: Charge;
	/** The coupon the shop applied at checkout, with its discount. */
	coupon?: { code: string; amount: string };
	total: string;
	expiry?: { at: string; description?: string };
	orderStatus: string;
	paymentStatus: string;
	sheet: PaymentSheet;
	/** A checkout button template's bill: coupons and the shipping address, priced by the shop's checkout endpoint. */
	checkout?: CheckoutPanel;
	/** Why the customer cannot pay now (paid, canceled, expired, waiting for the shop); absent when they can. */
	closed?: string;
}

export interface StatusBubble {
	kind: 'status';
	id: string;
	at: string;
	referenceId: string;
	/** The order status it announces (absent in Brazil's payment-only form). */
	status?: string;
	description?: string;
	body?: string;
	/** Brazil: the payment status the business reports. */
	payment?: string;
	template?: string;
	/** Meta refused it (2046, 2047): the customer never sees it. */
	error?: { code: number; title: string; message: string };
}

/** What the customer did: a payment attempt (India) or the card chosen for One-Click (Brazil). */
export interface CustomerAction {
	kind: 'payment';
	at: string;
	referenceId: string;
	outcome: 'success' | 'failed' | 'pending' | 'card chosen';
	method: string;
	amount: string;
}

export interface TextBubble {
	kind: 'message';
	id: string;
	at: string;
	text: string;
	template?: string;
	/** A payment link template: the payment bubble (or plain link button) the phone draws. */
	paymentLink?: PaymentLinkView;
}

export type Bubble = OrderCard | StatusBubble | CustomerAction | TextBubble;

export interface Chat {
	waId: string;
	/** When the newest bubble was sent. */
	lastAt: string;
	bubbles: Bubble[];
}

const LOCALES: Record<string, string> = { INR: 'en-IN', BRL: 'pt-BR' };

/** {value, offset} in the currency's local format, e.g. ₹668.00 or R$ 89,90 (display only). */
export function formatMoney(amount: unknown, currency: string): string | undefined {
	if (!isObject(amount) || typeof amount.value !== 'number' || !Number.isSafeInteger(amount.value)) return undefined;
	const offset = typeof amount.offset === 'number' ? amount.offset : 100;
	const decimal = toDecimal(amount.value, offset);
	const digits = decimal.includes('.') ? decimal.split('.')[1].length : 0;
	try {
		return new Intl.NumberFormat(LOCALES[currency] ?? 'en', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(decimal));
	} catch {
		return `${currency} ${decimal}`;
	}
}

const text = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);
const objects = (x: unknown): JsonObject[] => (Array.isArray(x) ? x.filter(isObject) : []);

function charge(x: unknown, currency: string): Charge | undefined {
	const amount = formatMoney(x, currency);
	if (amount === undefined || !isObject(x)) return undefined;
	return { amount, ...(text(x.description) ? { description: x.description as string } : {}) };
}

/** A template's name and language, and the texts of its body parameters. */
function templateParts(body: unknown): { template?: string; bodyTexts: string[]; headerImage?: string } {
	const template = isObject(body) && isObject(body.template) ? body.template : undefined;
	if (!template) return { bodyTexts: [] };
	const language = isObject(template.language) ? text(template.language.code) : text(template.language);
	const components = objects(template.components);
	const parametersOf = (type: string) => objects(components.find((c) => c.type === type)?.parameters);
	const image = parametersOf('header').find((p) => p.type === 'image');
	return {
		template: `${String(template.name)}${language ? ` (${language})` : ''}`,
		bodyTexts: parametersOf('body').map((p) => text(p.text)).filter((t): t is string => t !== undefined),
		headerImage: image && isObject(image.image) ? text(image.image.link) : undefined,
	};
}

/** The interactive object's header image, body and footer texts. */
function interactiveParts(body: unknown): { body?: string; footer?: string; headerImage?: string } {
	const interactive = isObject(body) && isObject(body.interactive) ? body.interactive : {};
	const header = isObject(interactive.header) ? interactive.header : {};
	return {
		body: isObject(interactive.body) ? text(interactive.body.text) : undefined,
		footer: isObject(interactive.footer) ? text(interactive.footer.text) : undefined,
		headerImage: header.type === 'image' && isObject(header.image) ? text(header.image.link) : undefined,
	};
}

/** What each payment setting of the bill lets the customer do. */
function paymentSheet(parameters: JsonObject, order: Order): PaymentSheet {
	const sheet: PaymentSheet = { market: order.market };
	for (const setting of objects(parameters.payment_settings)) {
		const value = isObject(setting[String(setting.type)]) ? (setting[String(setting.type)] as JsonObject) : {};
		if (setting.type === 'payment_gateway') sheet.gateway = { provider: String(value.type), methods: [...order.payableWith] };
		else if (setting.type === 'upi_intent_link') sheet.upiIntentLink = text(value.link);
		else if (setting.type === 'payment_link') {
			sheet.paymentLink = text(value.uri);
			if (order.market === 'india') sheet.paymentLinkMethods = [...order.payableWith];
		}
		else if (setting.type === 'pix_dynamic_code') {
			sheet.pix = { code: String(value.code), merchantName: text(value.merchant_name), key: text(value.key), keyType: text(value.key_type) };
		} else if (setting.type === 'boleto') sheet.boleto = { digitableLine: String(value.digitable_line) };
		else if (setting.type === 'offsite_card_pay') sheet.oneClick = { lastFourDigits: String(value.last_four_digits) };
	}
	if (!parameters.payment_settings && text(parameters.payment_configuration)) sheet.upiConfiguration = parameters.payment_configuration as string;
	return sheet;
}

/** Why the customer cannot pay the order now, if they cannot (the same rules the control API applies). */
function closedReason(order: Order, nowSeconds: number): string | undefined {
	if (order.status === 'canceled') return 'The order was canceled';
	if (order.paymentStatus === 'captured') return 'Paid';
	if (order.expiresAt !== null && nowSeconds > order.expiresAt) return 'The bill has expired';
	if (order.market === 'brazil' && order.paymentStatus === 'pending' && order.offsiteCardPay) return 'Card chosen: the shop is charging it';
	return undefined;
}

const addressOf = (x: unknown): ShippingAddress | undefined =>
	isObject(x) ? Object.fromEntries(Object.entries(x).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : undefined;

function checkoutPanel(shown: JsonObject, repriced: boolean): CheckoutPanel {
	const shipping = isObject(shown.shipping_info) ? shown.shipping_info : {};
	const selectedAddress = addressOf(shipping.selected_address);
	return { addresses: objects(shipping.addresses).map((a) => addressOf(a) as ShippingAddress), ...(selectedAddress ? { selectedAddress } : {}), repriced };
}

function couponOf(shown: JsonObject, currency: string): OrderCard['coupon'] {
	const coupon = isObject(shown.coupon) ? shown.coupon : undefined;
	const amount = coupon && formatMoney(coupon.discount, currency);
	return coupon && amount !== undefined ? { code: String(coupon.code), amount } : undefined;
}

function orderCard(order: Order, message: SentMessage, nowSeconds: number): OrderCard {
	// One message may carry several orders: a checkout carousel has one per card.
	const parameters = checkoutOrdersOf(message.body).find((o) => o.parameters.reference_id === order.referenceId)?.parameters ?? {};
	// What the buyer pays: the order as the shop's checkout endpoint last re-priced it, else as sent.
	const shown = order.checkoutOrder ?? parameters;
	const details = isObject(shown.order) ? shown.order : {};
	const currency = order.currency;
	const fromTemplate = templateParts(message.body);
	const fromInteractive = interactiveParts(message.body);
	const expiration = isObject(details.expiration) ? details.expiration : undefined;
	const closed = closedReason(order, nowSeconds);
	return {
		kind: 'order',
		id: message.id,
		at: message.at,
		referenceId: order.referenceId,
		...(fromTemplate.template ? { template: fromTemplate.template } : {}),
		headerImage: fromInteractive.headerImage ?? fromTemplate.headerImage,
		body: fromInteractive.body ?? (fromTemplate.bodyTexts.join(' ') || undefined),
		footer: fromInteractive.footer,
		items: objects(details.items).map((item) => ({
			name: String(item.name),
			quantity: Number(item.quantity),
			price: formatMoney(item.amount, currency) ?? '',
			...(item.sale_amount ? { salePrice: formatMoney(item.sale_amount, currency) } : {}),
		})),
		subtotal: formatMoney(details.subtotal, currency),
		discount: charge(details.discount, currency),
		shipping: charge(details.shipping, currency),
		tax: charge(details.tax, currency),
		coupon: couponOf(shown, currency),
		total: formatMoney(order.totalAmount, currency) ?? '',
		...(order.expiresAt !== null ? { expiry: { at: new Date(order.expiresAt * 1000).toISOString(), description: expiration ? text(expiration.description) : undefined } } : {}),
		orderStatus: order.status,
		paymentStatus: order.paymentStatus,
		sheet: paymentSheet(parameters, order),
		...(message.type === 'template/checkout' ? { checkout: checkoutPanel(shown, order.checkoutOrder !== null) } : {}),
		...(closed ? { closed } : {}),
	};
}

function statusBubble(order: Order, message: SentMessage): StatusBubble {
	const located = locateParameters(message.body, 'order_status');
	const parameters = isObject(located.parameters) ? located.parameters : {};
	const details = isObject(parameters.order) ? parameters.order : undefined;
	const payment = isObject(parameters.payment) ? text(parameters.payment.status) : undefined;
	const fromTemplate = templateParts(message.body);
	const errorCode = /^error (\d+)/.exec(message.outcome ?? '')?.[1];
	const known = errorCode ? ORDER_STATUS_ERRORS[order.market][Number(errorCode) as keyof (typeof ORDER_STATUS_ERRORS)['india']] : undefined;
	return {
		kind: 'status',
		id: message.id,
		at: message.at,
		referenceId: order.referenceId,
		...(details ? { status: normalizeOrderStatus(String(details.status)) ?? String(details.status), description: text(details.description) } : {}),
		body: interactiveParts(message.body).body ?? (fromTemplate.bodyTexts.join(' ') || undefined),
		...(payment ? { payment } : {}),
		...(fromTemplate.template ? { template: fromTemplate.template } : {}),
		...(errorCode ? { error: { code: Number(errorCode), title: known?.title ?? 'Error', message: known?.message ?? '' } } : {}),
	};
}

function customerActions(order: Order): CustomerAction[] {
	const amount = formatMoney(order.totalAmount, order.currency) ?? '';
	const billAt = order.messages[0].at;
	// Transactions keep whole seconds: a payment made within the bill's second still shows after the bill.
	const laterOf = (at: string) => (at < billAt ? billAt : at);
	const actions: CustomerAction[] = order.transactions.map((t) => ({
		kind: 'payment',
		at: laterOf(new Date(t.updated_timestamp * 1000).toISOString()),
		referenceId: order.referenceId,
		outcome: t.status,
		method: t.method.type,
		// Each attempt at its own amount: a checkout order re-priced after a failed attempt shows both totals.
		amount: formatMoney(t.amount, order.currency) ?? '',
	}));
	// One-Click leaves no transaction: the card the customer chose shows once the payment moved from "new".
	if (order.offsiteCardPay && order.paymentStatus !== 'new') {
		// When it was chosen is not recorded: right after the bill (the sort keeps it after the card).
		actions.push({ kind: 'payment', at: billAt, referenceId: order.referenceId, outcome: 'card chosen', method: `card ending ${order.offsiteCardPay.last_four_digits}`, amount });
	}
	return actions;
}

function otherBubble(message: OtherMessage): TextBubble {
	const body = isObject(message.body) ? message.body : {};
	const fromTemplate = templateParts(body);
	const plain = isObject(body.text) ? text(body.text.body) : undefined;
	return {
		kind: 'message',
		id: message.id,
		at: message.at,
		text: message.paymentLink?.text ?? plain ?? interactiveParts(body).body ?? (fromTemplate.bodyTexts.join(' ') || `(${message.type} message)`),
		...(fromTemplate.template ? { template: fromTemplate.template } : {}),
		...(message.paymentLink ? { paymentLink: message.paymentLink } : {}),
	};
}

/** Every customer's chat, the most recently active first; bubbles oldest first. */
export function chats(orders: Order[], otherMessages: OtherMessage[], nowMs: number): Chat[] {
	const byCustomer = new Map<string, Bubble[]>();
	const add = (waId: string, bubble: Bubble) => byCustomer.set(waId, [...(byCustomer.get(waId) ?? []), bubble]);
	const nowSeconds = Math.floor(nowMs / 1000);
	for (const order of orders) {
		for (const message of order.messages) {
			// The bill: order_details, its template form, or a checkout button template (template/checkout).
			add(order.waId, message.type.endsWith('order_status') ? statusBubble(order, message) : orderCard(order, message, nowSeconds));
		}
		for (const action of customerActions(order)) add(order.waId, action);
	}
	for (const message of otherMessages) add(message.waId, otherBubble(message));
	return [...byCustomer.entries()]
		.map(([waId, bubbles]) => {
			// A stable sort: bubbles sent in the same millisecond keep the order they were added in.
			const sorted = bubbles.sort((a, b) => a.at.localeCompare(b.at));
			return { waId, lastAt: sorted[sorted.length - 1].at, bubbles: sorted };
		})
		.sort((a, b) => b.lastAt.localeCompare(a.lastAt));
}
