/**
 * The sandbox's order record and its views: what the payment lookup answers, what a payment webhook
 * carries, and what the control API shows. Orders are created from validated order_details parameters.
 */
import { randomBytes } from 'crypto';
import { toDecimal, type Market, type OrderStatus, type PaymentStatus, type WireAmount } from '../core';
import { isObject, type JsonObject } from '../core/messageShape';
import { marketOf } from '../core/orderRules';
import { pickGatewayFields } from '../core/payments';
import type { Channel } from './webhooks';

export type PaymentMethodType = 'upi' | 'card' | 'netbanking' | 'wallet';
export const PAYMENT_METHODS: PaymentMethodType[] = ['upi', 'card', 'netbanking', 'wallet'];
export type TransactionStatus = 'pending' | 'success' | 'failed';

export interface Refund {
	id: string;
	amount: WireAmount;
	speed_processed: 'instant' | 'normal';
	status: 'pending' | 'success' | 'failed';
	created_timestamp: number;
	updated_timestamp: number;
}

export interface Transaction {
	id: string;
	pg_transaction_id: string;
	type: string;
	status: TransactionStatus;
	/**
	 * What the attempt was for: the order's total when the buyer made it. A checkout order re-priced after a failed
	 * attempt keeps that attempt at its own amount.
	 */
	amount: WireAmount;
	method: { type: PaymentMethodType };
	created_timestamp: number;
	updated_timestamp: number;
	error?: { code: string; reason: string };
	refunds: Refund[];
}

export interface SentMessage {
	id: string;
	/** order_details, order_status or the template form of order_details. */
	type: string;
	at: string;
	/** What became of an order_status: applied, or the error webhook it got. */
	outcome?: string;
	body: unknown;
}

export interface Order {
	referenceId: string;
	channel: Channel;
	phoneNumberId: string;
	wabaId: string;
	to: string;
	waId: string;
	market: Market;
	currency: string;
	/** What the customer pays: the order's total_amount as sent, or as last re-priced at checkout (checkoutOrder). */
	totalAmount: WireAmount;
	/**
	 * A checkout button template's order as the checkout endpoint last re-priced it (a coupon, the shipping to the
	 * buyer's address), without payment settings; null until then (sandbox/checkout/client.ts).
	 */
	checkoutOrder: JsonObject | null;
	/** The payment configuration named by the order (payment gateway or legacy UPI), if any. */
	paymentConfiguration: string | null;
	/** The transaction type: the gateway (razorpay, payu, ...) or the payment setting's type. */
	transactionType: string;
	/**
	 * How the order asks to be paid: the payment setting's type (payment_gateway, upi_intent_link,
	 * payment_link, pix_dynamic_code, boleto, offsite_card_pay), or `upi` for the legacy form that names only a payment configuration.
	 */
	paymentMethod: string;
	/**
	 * The methods the customer can pay with: UPI only for UPI intent links and legacy UPI, and for a gateway order
	 * whose `enabled_payment_options` leave out "web" (receive-payments-via-payment-gateways § Restrict available
	 * payment options: "upi" shows only UPI apps; "web" the gateway's page, with whatever the merchant's gateway
	 * account offers, read here as all four).
	 */
	payableWith: PaymentMethodType[];
	/**
	 * Whether WhatsApp itself follows the payment: payment status webhooks, transactions in the lookup and
	 * refunds. Only payment gateway orders (payments-api-india § Compare the integration models: "UPI Intent
	 * Mode" has neither webhooks nor refunds; the UPI intent and payment link pages send the merchant to
	 * the gateway's own webhooks). UNCONFIRMED for the legacy UPI form, read as UPI intent mode.
	 */
	reportedByWhatsApp: boolean;
	offsiteCardPay: { last_four_digits: string; credential_id: string } | null;
	gatewayFields: Record<string, unknown>;
	/** Epoch seconds after which the customer can no longer pay, if the order expires. */
	expiresAt: number | null;
	status: OrderStatus;
	paymentStatus: PaymentStatus;
	orderDetailsMessageId: string;
	transactions: Transaction[];
	messages: SentMessage[];
	createdAt: string;
}

const ALPHANUMERICS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** An id in the style of the payment gateways: prefix + 14 alphanumerics (base64 with its + and / dropped could give fewer). */
export const gatewayId = (prefix: string): string => prefix + Array.from(randomBytes(14), (b) => ALPHANUMERICS[b % ALPHANUMERICS.length]).join('');

/** A unique message id in Meta's style. */
export const messageId = (): string => `wamid.${randomBytes(24).toString('base64')}`;

/** The wa_id of a recipient as Meta reports it: the digits of the number. */
export const waIdOf = (to: string): string => to.replace(/\D/g, '');

const settingsOf = (parameters: JsonObject): JsonObject[] =>
	Array.isArray(parameters.payment_settings) ? parameters.payment_settings.filter(isObject) : [];

export interface NewOrder {
	channel: Channel;
	phoneNumberId: string;
	wabaId: string;
	to: string;
	orderDetailsMessageId: string;
	message: SentMessage;
	now: Date;
}

function payableWith(gateway: JsonObject | undefined, settings: JsonObject[]): PaymentMethodType[] {
	const options = gateway?.enabled_payment_options;
	const upiOnly = gateway ? Array.isArray(options) && !options.includes('web') : settings.length === 0 || settings[0].type === 'upi_intent_link';
	return upiOnly ? ['upi'] : [...PAYMENT_METHODS];
}

/** A new order from the parameters of an order_details message that passed validation. */
export function createOrder(parameters: JsonObject, n: NewOrder): Order {
	const settings = settingsOf(parameters);
	const gatewaySetting = settings.find((s) => s.type === 'payment_gateway');
	const gateway = gatewaySetting && isObject(gatewaySetting.payment_gateway) ? gatewaySetting.payment_gateway : undefined;
	const offsite = settings.find((s) => s.type === 'offsite_card_pay')?.offsite_card_pay;
	const order = isObject(parameters.order) ? parameters.order : {};
	const expiration = isObject(order.expiration) ? Number(order.expiration.timestamp) : NaN;
	const gatewayType = gateway && typeof gateway.type === 'string' ? gateway.type : undefined;
	return {
		referenceId: String(parameters.reference_id),
		channel: n.channel,
		phoneNumberId: n.phoneNumberId,
		wabaId: n.wabaId,
		to: n.to,
		waId: waIdOf(n.to),
		// Validation guarantees a market; India is the fallback of the type only.
		market: marketOf(parameters) ?? 'india',
		currency: String(parameters.currency),
		totalAmount: { ...(parameters.total_amount as WireAmount) },
		checkoutOrder: null,
		paymentConfiguration: gateway ? String(gateway.configuration_name) : typeof parameters.payment_configuration === 'string' ? parameters.payment_configuration : null,
		transactionType: gatewayType ?? (typeof settings[0]?.type === 'string' ? settings[0].type : 'upi'),
		paymentMethod: gateway ? 'payment_gateway' : typeof settings[0]?.type === 'string' ? settings[0].type : 'upi',
		payableWith: payableWith(gateway, settings),
		reportedByWhatsApp: gateway !== undefined,
		offsiteCardPay: isObject(offsite) ? { last_four_digits: String(offsite.last_four_digits), credential_id: String(offsite.credential_id) } : null,
		gatewayFields: gatewayType && isObject(gateway?.[gatewayType]) ? pickGatewayFields(gateway[gatewayType] as JsonObject) : {},
		expiresAt: Number.isFinite(expiration) ? expiration : null,
		status: 'pending',
		paymentStatus: 'new',
		orderDetailsMessageId: n.orderDetailsMessageId,
		transactions: [],
		messages: [n.message],
		createdAt: n.now.toISOString(),
	};
}

/** Minor units refunded or on their way back: every refund that has not failed. */
export const refundedMinor = (order: Order): number =>
	order.transactions.reduce((sum, t) => sum + t.refunds.filter((r) => r.status !== 'failed').reduce((s, r) => s + r.amount.value, 0), 0);

/**
 * Which documented shape a lookup answers in. `newest` (receive-payments-via-payment-gateways § Step 5,
 * the Cloud API): status pending | captured, `amount`, `transactions` only once a payment was attempted.
 * `seed` (the 360dialog seed, authoritative for its /v1/payments path): status new | pending | captured |
 * failed, `total_amount`, `transactions` always. UNCONFIRMED which one each API really answers.
 */
export type LookupReading = 'newest' | 'seed';

/** What WhatsApp knows of the order's payment attempts: nothing unless it follows the payment itself. */
const reportedTransactions = (order: Order): Transaction[] => (order.reportedByWhatsApp ? order.transactions : []);

/** The payment status in the newest reading, the one payment webhooks and Cloud API lookups carry. */
export const newestPaymentStatus = (order: Order): 'pending' | 'captured' =>
	reportedTransactions(order).some((t) => t.status === 'success') ? 'captured' : 'pending';

/**
 * A transaction as listed: refunds only when there are some (the field is optional). The newest reading's "Payment
 * successful" and "Payment failed" examples list each transaction with its amount, the order's amount and the
 * currency: here both amounts are the attempt's, the order as it was when the buyer made it (UNCONFIRMED: the page's
 * examples never re-price an order). The seed's transactions carry no amounts, and their status "can be one of
 * pending or success": a failed attempt is listed as pending (the payment's own status says `failed`), without the
 * error the seed does not list.
 */
function transactionView(t: Transaction, reading: LookupReading, currency: string): Record<string, unknown> {
	const { refunds, amount, error, ...rest } = structuredClone(t);
	const listed = refunds.length ? { refunds } : {};
	if (reading === 'newest') return { ...rest, ...(error ? { error } : {}), amount, order_amount: { ...amount }, currency, ...listed };
	return { ...rest, status: t.status === 'success' ? 'success' : 'pending', ...listed };
}

/** One payment of the lookup response, in the given reading. */
export function lookupView(order: Order, reading: LookupReading): Record<string, unknown> {
	const transactions = reportedTransactions(order);
	if (reading === 'seed') {
		return {
			reference_id: order.referenceId,
			status: order.reportedByWhatsApp ? order.paymentStatus : 'new',
			currency: order.currency,
			total_amount: { ...order.totalAmount },
			transactions: transactions.map((t) => transactionView(t, reading, order.currency)),
			...structuredClone(order.gatewayFields),
		};
	}
	return {
		reference_id: order.referenceId,
		status: newestPaymentStatus(order),
		currency: order.currency,
		amount: { ...order.totalAmount },
		...(transactions.length ? { transactions: transactions.map((t) => transactionView(t, reading, order.currency)) } : {}),
		...structuredClone(order.gatewayFields),
	};
}

/** The `payment` object of a payment status webhook for one transaction (refunds listed when any), at the attempt's amount. */
export function webhookPayment(order: Order, transaction: Transaction): Record<string, unknown> {
	const { refunds, amount, ...rest } = structuredClone(transaction);
	return {
		reference_id: order.referenceId,
		amount,
		currency: order.currency,
		transaction: { ...rest, amount: { ...amount }, currency: order.currency },
		...structuredClone(order.gatewayFields),
		...(refunds.length ? { refunds } : {}),
	};
}

/** The control API's view: everything the sandbox knows about the order. */
export function controlView(order: Order): Record<string, unknown> {
	const refunded = refundedMinor(order);
	return {
		reference_id: order.referenceId,
		channel: order.channel,
		market: order.market,
		phone_number_id: order.phoneNumberId,
		waba_id: order.wabaId,
		to: order.to,
		wa_id: order.waId,
		currency: order.currency,
		total_amount: { ...order.totalAmount },
		total: toDecimal(order.totalAmount.value, order.totalAmount.offset),
		refunded: toDecimal(refunded, order.totalAmount.offset),
		checkout_order_details: structuredClone(order.checkoutOrder),
		payment_configuration: order.paymentConfiguration,
		payment_method: order.paymentMethod,
		payment_reported_by_whatsapp: order.reportedByWhatsApp,
		order_status: order.status,
		payment_status: order.paymentStatus,
		order_details_message_id: order.orderDetailsMessageId,
		expires_at: order.expiresAt,
		transactions: structuredClone(order.transactions),
		messages: structuredClone(order.messages),
		created_at: order.createdAt,
	};
}
