/**
 * The stateful heart of the sandbox: orders, payment configurations and what the customer and the
 * payment gateway do, with the webhooks each change causes. Every message is validated by the core;
 * the sandbox adds only what the core cannot know (state: uniqueness, transitions, payments).
 */
import { createHash } from 'crypto';

import {
	canCancel,
	cancelVerdict,
	canTransition,
	normalizeOrderStatus,
	paymentStage,
	readRefundRequest,
	validateOrderDetails,
	validateOrderStatus,
	type OrderStatus,
	type PaymentStatus,
	type WireAmount,
} from '../core';
import { checkoutOrdersOf, isCheckoutCarousel, validateCheckoutTemplateMessage } from '../core/checkoutTemplate';
import { isObject, locateParameters, type InteractiveType, type JsonObject } from '../core/messageShape';
import { UPI_LIMIT_MINOR } from '../core/orderRules';
import { isPaymentLinkTemplateMessage } from '../core/paymentLinks';
import { paymentConfigurationRequestErrors, type ConfigurationProvider } from '../core/paymentConfigurations';
import type { OrderOptions } from '../core/types';
import {
	CONFIGURATION_STATUSES,
	configurationUpdateValue,
	configurationView,
	describeMcc,
	describePurpose,
	seedConfigurations,
	type ConfigurationStatus,
	type PaymentConfiguration,
} from './configurations';
import { isCheckoutTemplate } from './account';
import { describeErrors, invalidParameters, malformed, metaError, unknownObject } from './metaErrors';
import { takePaymentLinkTemplate, type PaymentLinkView } from './paymentLinks';
import {
	controlView,
	createOrder,
	gatewayId,
	lookupView,
	messageId,
	newestPaymentStatus,
	PAYMENT_METHODS,
	refundedMinor,
	waIdOf,
	webhookPayment,
	type LookupReading,
	type Order,
	type PaymentMethodType,
	type Refund,
	type SentMessage,
	type Transaction,
} from './orders';
import { controlError, ok, type SandboxResponse } from './router';
import type { Channel, WebhookDispatcher } from './webhooks';

export interface SimulatorSettings {
	/** The business number the 360dialog API key stands for. */
	phoneNumberId: string;
	wabaId: string;
	displayPhoneNumber: string;
	verifiedName: string;
	/** The customer's profile name in inbound webhooks. */
	customerName: string;
	now: () => number;
	/** Base URL of the sandbox, for the OAuth links it hands out. */
	baseUrl: () => string;
	/**
	 * Called for each order a message creates (order_details, its template form, each checkout button), e.g. to
	 * start the injected lookup lag.
	 */
	orderCreated?: (referenceId: string) => void;
}

/**
 * The error webhook's title and message per market, as each market's pages word them: India in
 * receive-payments-via-payment-gateways § Step 6 (and send-order-status-template-message), Brazil in
 * brazil-orders § Errors and statuses, which gives a title and a description only (the description is sent as
 * the message).
 */
export const ORDER_STATUS_ERRORS = {
	india: {
		2046: { title: 'Invalid status transition', message: 'New order status was not correctly transitioned.' },
		2047: { title: 'Cannot cancel order', message: "Could not change order status to 'canceled'" },
	},
	brazil: {
		2046: { title: 'Order status invalid transition', message: 'The order status cannot be updated from the existing value to the new one' },
		2047: { title: 'Order cancellation failure', message: 'The order could not be cancelled' },
	},
} as const;

const PAYMENT_OUTCOMES = { success: 'captured', failed: 'failed', pending: 'pending' } as const;
/** The core's UPI limit as the page writes it: ₹5,00,000. */
const UPI_LIMIT_TEXT = `₹${(UPI_LIMIT_MINOR / 100).toLocaleString('en-IN')}`;
const OAUTH_LINK_LIFETIME_SECONDS = 3600;
/** Other messages (text, plain templates) kept for the customer's phone page; the oldest go first. */
const MAX_OTHER_MESSAGES = 1000;
const NOT_AN_OBJECT = '/: the request body must be a JSON object (type)';


const TERMS_DETAILS =
	'WhatsApp Payments Terms of Service acceptance pending for this WhatsApp Business Account. Please use the following link to accept terms of service before using Business APIs: https://fb.me/12345';

/**
 * Terms of Service not accepted. The pages disagree on the code (UNCONFIRMED): order messages answer 134011
 * (receive-upi-payments... and india-accept-payments-via-payment-links § Errors), the payment configuration
 * endpoints 131005 "Access denied" (onboarding-apis § Errors); both carry the same details.
 */
function termsPending(api: 'messages' | 'onboarding'): SandboxResponse {
	return api === 'messages'
		? metaError(400, { message: '(#134011) WhatsApp Payments terms of service has not been accepted', code: 134011, details: TERMS_DETAILS })
		: metaError(400, { message: '(#131005) Access denied', code: 131005, details: TERMS_DETAILS });
}

const noOrder = (referenceId: string): SandboxResponse => controlError(404, `no order with reference_id ${JSON.stringify(referenceId)}`);

/** The interactive type of an order message (or of an order template form); otherwise the message type. */
function messageKind(body: JsonObject): { kind: string; order?: InteractiveType } {
	if (body.type === 'template' || (body.type === undefined && body.template !== undefined)) {
		const components = isObject(body.template) && Array.isArray(body.template.components) ? body.template.components.filter(isObject) : [];
		// checkout-button-templates.md: a carousel whose cards carry checkout buttons, or the account's checkout template.
		if (isCheckoutCarousel(body) || (isCheckoutTemplate(body.template && (body.template as JsonObject).name) && components.some((c) => c.type === 'button'))) {
			return { kind: 'template/checkout', order: 'order_details' };
		}
		if (components.some((c) => c.type === 'button' && c.sub_type === 'order_details')) return { kind: 'template/order_details', order: 'order_details' };
		// send-order-status-template-message.md: the status rides on an "order_status" component.
		if (components.some((c) => c.type === 'order_status')) return { kind: 'template/order_status', order: 'order_status' };
		return { kind: 'template' };
	}
	if (body.type === 'interactive' && isObject(body.interactive)) {
		const type = body.interactive.type;
		if (type === 'order_details' || type === 'order_status') return { kind: type, order: type };
		return { kind: `interactive/${String(type)}` };
	}
	return { kind: String(body.type ?? 'unknown') };
}

/** A message that is not about an order (text, a plain template), as the customer's phone shows it. */
export interface OtherMessage extends SentMessage {
	waId: string;
	/** A payment link template (enhanced-payment-links.md): what the phone shows of it. */
	paymentLink?: PaymentLinkView;
}

/**
 * The seed's One-Click webhook names the buyer with a `from_logical_id` too (one-click-payments-brazil.txt § 2, a
 * 14-digit value, meaning not stated: UNCONFIRMED): here a stable number made from the buyer's WhatsApp ID.
 */
const logicalIdOf = (waId: string): string => String(parseInt(createHash('sha256').update(waId).digest('hex').slice(0, 12), 16) % 1e14).padStart(14, '1');

export class PaymentsSimulator {
	private readonly orders = new Map<string, Order>();
	private readonly otherMessages: OtherMessage[] = [];
	private readonly configurations = new Map<string, PaymentConfiguration>();
	/** Whether the business accepted the WhatsApp Payments Terms of Service (POST /_sandbox/terms). */
	private termsAccepted = true;
	/** Orders are checked as WhatsApp checks them on receipt: an expiration at least 300 s ahead, no margin for sending. */
	private readonly onReceipt: OrderOptions = { now: () => this.settings.now(), expirationMarginSeconds: 0 };

	constructor(
		private readonly settings: SimulatorSettings,
		private readonly webhooks: WebhookDispatcher,
	) {
		this.reset();
	}

	reset(): void {
		this.orders.clear();
		this.otherMessages.length = 0;
		this.configurations.clear();
		this.termsAccepted = true;
		for (const c of seedConfigurations(this.nowSeconds())) this.configurations.set(c.configuration_name, c);
	}

	// ------------------------------------------------------------------ Meta's API

	/** POST /{phone_number_id}/messages (and 360dialog's POST /messages). */
	sendMessage(channel: Channel, phoneNumberId: string, body: unknown): SandboxResponse {
		if (!isObject(body)) return malformed(NOT_AN_OBJECT);
		const { kind, order } = messageKind(body);
		const log = { messageType: kind } as { messageType: string; referenceId?: string };
		// Every message names its product (receive-payments-via-payment-gateways § Step 2), order messages too,
		// although the core's validators accept it missing (the seeds' examples omit it).
		if (body.messaging_product !== 'whatsapp') return { ...malformed('/messaging_product: must be "whatsapp" (required)'), log };
		if (!order) {
			// Other message types are accepted as Meta would, and only logged.
			if (typeof body.to !== 'string' || body.to === '') return malformed('/to: is required (required)');
			const paymentLink = isPaymentLinkTemplateMessage(body) ? takePaymentLinkTemplate(body) : undefined;
			if (paymentLink && 'refused' in paymentLink) return { ...paymentLink.refused, log };
			const id = messageId();
			this.otherMessages.push({ id, type: kind, at: new Date(this.settings.now()).toISOString(), waId: waIdOf(body.to), body: structuredClone(body), ...(paymentLink ? { paymentLink: paymentLink.view } : {}) });
			if (this.otherMessages.length > MAX_OTHER_MESSAGES) this.otherMessages.shift();
			return this.accepted(body.to, id, log);
		}
		if (kind === 'template/checkout') return this.sendCheckoutTemplate(channel, phoneNumberId, body, log);
		const located = locateParameters(body, order);
		const parameters = isObject(located.parameters) ? located.parameters : {};
		// An order_status is checked against its order's market: an India order's carries no payment object, nor a header.
		// An order_details against its channel too: 360dialog takes India orders only, each item with its retailer_id.
		const validation =
			order === 'order_details'
				? validateOrderDetails(body, { ...this.onReceipt, provider: channel })
				: validateOrderStatus(body, { market: this.orders.get(String(parameters.reference_id))?.market });
		if (typeof parameters.reference_id === 'string') log.referenceId = parameters.reference_id;
		if (!validation.valid) return { ...invalidParameters(validation.errors), log };
		if (!this.termsAccepted) return { ...termsPending('messages'), log };
		const referenceAt = `${located.path}/reference_id`;
		const to = String(body.to);
		const wamid = messageId();
		const message = { id: wamid, type: kind, at: new Date(this.settings.now()).toISOString(), body: structuredClone(body) };

		if (order === 'order_details') {
			if (this.orders.has(log.referenceId as string)) return { ...this.refuse(referenceAt, 'reference_id already used', 'unique'), log };
			const created = createOrder(parameters, {
				channel,
				phoneNumberId,
				wabaId: this.settings.wabaId,
				to,
				orderDetailsMessageId: wamid,
				message,
				now: new Date(this.settings.now()),
			});
			this.addOrder(created);
			return this.accepted(to, wamid, log);
		}

		const existing = this.orders.get(log.referenceId as string);
		if (!existing || existing.phoneNumberId !== phoneNumberId) {
			return { ...this.refuse(referenceAt, 'no order_details message was sent with this reference_id from this number', 'exists'), log };
		}
		existing.messages.push(message);
		this.applyOrderStatus(existing, parameters, message);
		return this.accepted(to, wamid, log);
	}

	/**
	 * A checkout button template (checkout-button-templates.md): checked by that page's rules, then one order per
	 * checkout button (one, or one per carousel card), all from the same message; a reference already used refuses
	 * the whole message.
	 */
	private sendCheckoutTemplate(channel: Channel, phoneNumberId: string, body: JsonObject, log: { messageType: string; referenceId?: string }): SandboxResponse {
		const orders = checkoutOrdersOf(body);
		if (typeof orders[0]?.parameters.reference_id === 'string') log.referenceId = orders[0].parameters.reference_id;
		const validation = validateCheckoutTemplateMessage(body, this.onReceipt);
		if (!validation.valid) return { ...invalidParameters(validation.errors), log };
		if (!this.termsAccepted) return { ...termsPending('messages'), log };
		const used = orders.find((o) => this.orders.has(String(o.parameters.reference_id)));
		if (used) return { ...this.refuse(`${used.path}/reference_id`, 'reference_id already used', 'unique'), log };
		const to = String(body.to);
		const wamid = messageId();
		const message = { id: wamid, type: log.messageType, at: new Date(this.settings.now()).toISOString(), body: structuredClone(body) };
		for (const { parameters } of orders) {
			this.addOrder(createOrder(parameters, { channel, phoneNumberId, wabaId: this.settings.wabaId, to, orderDetailsMessageId: wamid, message, now: new Date(this.settings.now()) }));
		}
		return this.accepted(to, wamid, log);
	}

	/**
	 * GET /{phone_number_id}/payments/{configuration}/{reference_id} (the newest reading) and 360dialog's
	 * /v1/payments/... (the seed's reading). Only an order sent with a payment configuration can be looked
	 * up: the path names one; any other is answered like an unknown reference (code 100, subcode 33;
	 * UNCONFIRMED). WhatsApp lists the attempts only of the payments it follows (payment gateway orders);
	 * a legacy UPI order reads as not attempted (UNCONFIRMED).
	 */
	lookup(phoneNumberId: string, configuration: string, referenceId: string, reading: LookupReading): SandboxResponse {
		const order = this.orders.get(referenceId);
		const log = { referenceId };
		if (!order || order.phoneNumberId !== phoneNumberId || order.paymentConfiguration === null) return { ...unknownObject(referenceId), log };
		if (order.paymentConfiguration !== configuration) {
			return { ...this.configurationMismatch('payment_configuration', configuration, order), log };
		}
		return ok({ payments: [lookupView(order, reading)] }, log);
	}

	/**
	 * POST /{phone_number_id}/payments_refund (receive-payments-via-payment-gateways § Step 8): a full or
	 * partial refund of a captured payment gateway payment, never above what is left. The answer is
	 * {id, status: pending | failed | completed, speed_processed}; the refund is listed in the lookup and in
	 * a payment status webhook as pending | success | failed. UNCONFIRMED how fast a refund settles: here an
	 * instant one completes at once, a normal one (or one without speed) stays pending until
	 * POST /_sandbox/orders/{reference_id}/refunds/{id} settles it. UPI intent, payment link and legacy UPI
	 * payments are refunded at the gateway, not through WhatsApp (payments-api-india § Compare); the code
	 * of that refusal is not documented (UNCONFIRMED): here 131009 naming the method.
	 */
	refund(phoneNumberId: string, body: unknown): SandboxResponse {
		if (!isObject(body)) return malformed(NOT_AN_OBJECT);
		const request = readRefundRequest(body);
		const log = { referenceId: request.referenceId || undefined };
		if (request.errors.length) return { ...invalidParameters(request.errors), log };

		const order = this.orders.get(request.referenceId);
		if (!order || order.phoneNumberId !== phoneNumberId) return { ...unknownObject(request.referenceId), log };
		if (order.paymentConfiguration !== request.configurationName) {
			return { ...this.configurationMismatch('payment_config_id', request.configurationName, order), log };
		}
		if (!order.reportedByWhatsApp) {
			const why = `refunds through WhatsApp are for payment gateway orders only; this ${order.paymentMethod} order is refunded at your payment gateway`;
			return { ...this.refuse('/reference_id', why, 'method'), log };
		}
		const captured = order.transactions.find((t) => t.status === 'success');
		if (order.paymentStatus !== 'captured' || !captured) return { ...this.refuse('/reference_id', `the payment is ${order.paymentStatus}: only a captured payment can be refunded`, 'captured'), log };
		if (request.currency !== order.currency) return { ...this.refuse('/amount/currency', `must be the order's currency ${order.currency}`, 'currency'), log };
		const left = captured.amount.value - refundedMinor(order);
		if (request.amountMinor > left) return { ...this.refuse('/amount/value', `must be at most ${left}, what is left to refund`, 'maximum'), log };

		const now = this.nowSeconds();
		const instant = request.speed === 'instant';
		const refund: Refund = {
			id: gatewayId('rfnd_'),
			amount: { value: request.amountMinor, offset: captured.amount.offset },
			speed_processed: instant ? 'instant' : 'normal',
			status: instant ? 'success' : 'pending',
			created_timestamp: now,
			updated_timestamp: now,
		};
		captured.refunds.push(refund);
		this.sendPaymentWebhook(order, captured);
		return ok({ id: refund.id, status: instant ? 'completed' : 'pending', speed_processed: refund.speed_processed }, log);
	}

	/** GET /{phone_number_id}: the credential test answers for any number. */
	phoneNumber(phoneNumberId: string): SandboxResponse {
		return ok({
			verified_name: this.settings.verifiedName,
			code_verification_status: 'VERIFIED',
			display_phone_number: this.settings.displayPhoneNumber,
			quality_rating: 'GREEN',
			platform_type: 'CLOUD_API',
			throughput: { level: 'STANDARD' },
			id: phoneNumberId,
		});
	}

	// ------------------------------------------------------------------ payment configurations

	/** GET /{waba_id}/payment_configurations: nested as data[].payment_configurations[] (onboarding-apis § Get all). */
	listConfigurations(): SandboxResponse {
		if (!this.termsAccepted) return termsPending('onboarding');
		return ok({ data: [{ payment_configurations: [...this.configurations.values()].map(configurationView) }] });
	}

	/** GET /{waba_id}/payment_configuration/{name}: {data: [configuration]}. */
	getConfiguration(name: string): SandboxResponse {
		if (!this.termsAccepted) return termsPending('onboarding');
		const c = this.configurations.get(name);
		return c ? ok({ data: [configurationView(c)] }) : this.unknownConfiguration(name);
	}

	/**
	 * POST /{waba_id}/payment_configuration (onboarding-apis § Create): only configuration_name and
	 * provider_name are required; provider_mid, which the page's table does not have, is refused (code 100). A payment gateway configuration answers {oauth_url, expiration, success}
	 * and waits for the merchant to link the gateway (Needs Connecting); a UPI VPA one answers {success: true}
	 * and has nothing to link (Active here; UNCONFIRMED which status Meta gives it).
	 */
	createConfiguration(body: unknown): SandboxResponse {
		if (!this.termsAccepted) return termsPending('onboarding');
		if (!isObject(body)) return malformed(NOT_AN_OBJECT);
		const errors = paymentConfigurationRequestErrors(body);
		if (errors.length) return metaError(400, { message: `(#100) ${errors[0].path.slice(1)}: ${errors[0].message}`, code: 100, details: describeErrors(errors) });
		const name = body.configuration_name as string;
		if (this.configurations.has(name)) return metaError(400, { message: `(#100) configuration_name: a payment configuration named "${name}" already exists`, code: 100 });
		const now = this.nowSeconds();
		const provider = body.provider_name as ConfigurationProvider;
		const codeOf = (x: unknown, fallback: string) => String(isObject(x) ? x.code : (x ?? fallback));
		const upi = provider === 'upi_vpa';
		this.configurations.set(name, {
			configuration_name: name,
			provider_name: provider,
			status: upi ? 'Active' : 'Needs Connecting',
			merchant_category_code: describeMcc(codeOf(body.merchant_category_code, '0000')),
			purpose_code: describePurpose(codeOf(body.purpose_code, '00')),
			created_timestamp: now,
			updated_timestamp: now,
			...(typeof body.redirect_url === 'string' ? { redirect_url: body.redirect_url } : {}),
			...(typeof body.merchant_vpa === 'string' ? { merchant_vpa: body.merchant_vpa } : {}),
		});
		return ok(upi ? { success: true } : { ...this.oauthLink(name), success: true });
	}

	/** POST /{waba_id}/generate_payment_configuration_oauth_link: {oauth_url, expiration}, for payment gateway configurations only. */
	generateOauthLink(body: unknown): SandboxResponse {
		if (!this.termsAccepted) return termsPending('onboarding');
		if (!isObject(body)) return malformed(NOT_AN_OBJECT);
		const name = body.configuration_name;
		if (typeof name !== 'string' || name === '') return metaError(400, { message: '(#100) configuration_name: is required', code: 100 });
		const c = this.configurations.get(name);
		if (!c) return this.unknownConfiguration(name);
		if (c.provider_name === 'upi_vpa') {
			return metaError(400, { message: `(#100) configuration_name: "${name}" is a UPI VPA configuration; only payment gateway configurations have an OAuth link`, code: 100 });
		}
		if (body.redirect_url !== undefined) {
			if (typeof body.redirect_url !== 'string' || !/^https?:\/\/\S+$/.test(body.redirect_url)) return metaError(400, { message: '(#100) redirect_url: must be an http(s) URL', code: 100 });
			c.redirect_url = body.redirect_url;
		}
		return ok(this.oauthLink(name));
	}

	deleteConfiguration(name: unknown): SandboxResponse {
		if (!this.termsAccepted) return termsPending('onboarding');
		if (typeof name !== 'string' || name === '') return metaError(400, { message: '(#100) configuration_name: is required', code: 100 });
		if (!this.configurations.delete(name)) return this.unknownConfiguration(name);
		return ok({ success: true });
	}

	// ------------------------------------------------------------------ the customer's and the gateway's side

	/** Every order and every other message sent, as the customer's phone page reads them (copies). */
	conversations(): { orders: Order[]; otherMessages: OtherMessage[] } {
		return { orders: structuredClone([...this.orders.values()]), otherMessages: structuredClone(this.otherMessages) };
	}

	listOrders(): SandboxResponse {
		return ok({ data: [...this.orders.values()].map(controlView) });
	}

	getOrder(referenceId: string): SandboxResponse {
		const order = this.orders.get(referenceId);
		return order ? ok(controlView(order), { referenceId }) : noOrder(referenceId);
	}

	/**
	 * The customer pays (India): the payment moves and a transaction records the attempt. A pending attempt
	 * is completed by the next call. Only a payment gateway order gets a payment status webhook from
	 * WhatsApp; the gateway itself tells the merchant about UPI intent, payment link and legacy UPI payments.
	 * A UPI payment above the UPI limit fails whatever outcome was asked for: "Payments with UPI enabled above this
	 * limit will fail" (receive-payments-via-payment-gateways-on-whatsapp.md § Restrict available payment options),
	 * a failed attempt, not a refusal. The page gives no error code or reason for it, and states the limit on the
	 * gateway page only; the sandbox applies it to every India UPI payment (UNCONFIRMED).
	 */
	pay(referenceId: string, body: unknown): SandboxResponse {
		const input = isObject(body) ? body : {};
		const outcome = (input.outcome ?? 'success') as keyof typeof PAYMENT_OUTCOMES;
		const method = (input.method ?? 'upi') as PaymentMethodType;
		if (!(outcome in PAYMENT_OUTCOMES)) return controlError(400, 'outcome: must be one of success, failed, pending');
		if (!PAYMENT_METHODS.includes(method)) return controlError(400, `method: must be one of ${PAYMENT_METHODS.join(', ')}`);
		const order = this.orders.get(referenceId);
		const refused = this.cannotPay(referenceId, order);
		if (refused) return refused;
		const paying = order as Order;
		if (paying.market === 'brazil') {
			return controlError(409, 'Brazil orders are paid at the merchant\'s payment provider: use one-click (offsite_card_pay) and then an order_status with payment captured');
		}
		if (!paying.payableWith.includes(method)) {
			const restricted = paying.paymentMethod === 'payment_gateway' ? ' (enabled_payment_options without "web")' : '';
			return controlError(400, `method: this ${paying.paymentMethod} order${restricted} is paid with ${paying.payableWith.join(', ')} only`);
		}
		const now = this.nowSeconds();
		const latest = paying.transactions[paying.transactions.length - 1];
		const transaction: Transaction =
			latest?.status === 'pending'
				? latest
				: {
						id: gatewayId('pay_'),
						pg_transaction_id: gatewayId('pg_'),
						type: paying.transactionType,
						status: 'pending',
						amount: { ...paying.totalAmount },
						method: { type: method },
						created_timestamp: now,
						updated_timestamp: now,
						refunds: [],
					};
		if (transaction !== latest) paying.transactions.push(transaction);
		const overUpiLimit = method === 'upi' && transaction.amount.value > UPI_LIMIT_MINOR;
		const result = overUpiLimit ? 'failed' : outcome;
		transaction.status = result;
		transaction.method = { type: method };
		transaction.updated_timestamp = now;
		if (overUpiLimit) transaction.error = { code: 'BAD_REQUEST_ERROR', reason: `UPI transactions are limited to ${UPI_LIMIT_TEXT}` };
		else if (result === 'failed') transaction.error = { code: 'BAD_REQUEST_ERROR', reason: 'payment_failed' };
		paying.paymentStatus = PAYMENT_OUTCOMES[result];
		if (paying.reportedByWhatsApp) this.sendPaymentWebhook(paying, transaction);
		return ok(controlView(paying), { referenceId });
	}

	/** The customer confirms a One-Click (offsite_card_pay) payment in Brazil: the payment_method message webhook. */
	oneClick(referenceId: string): SandboxResponse {
		const order = this.orders.get(referenceId);
		const refused = this.cannotPay(referenceId, order);
		if (refused) return refused;
		const paying = order as Order;
		if (!paying.offsiteCardPay) return controlError(409, 'the order offers no offsite_card_pay (One-Click) payment');
		const now = this.nowSeconds();
		paying.paymentStatus = 'pending';
		this.webhooks.enqueue(paying.channel, {
			wabaId: paying.wabaId,
			field: 'messages',
			value: {
				...this.messagesValue(paying.phoneNumberId),
				contacts: [{ profile: { name: this.settings.customerName }, wa_id: paying.waId }],
				messages: [
					{
						from: paying.waId,
						id: messageId(),
						timestamp: String(now),
						from_logical_id: logicalIdOf(paying.waId),
						type: 'interactive',
						interactive: {
							type: 'payment_method',
							payment_method: { payment_method: 'offsite_card_pay', payment_timestamp: now, reference_id: paying.referenceId, ...paying.offsiteCardPay },
						},
					},
				],
			},
		});
		return ok(controlView(paying), { referenceId });
	}

	/**
	 * Why the buyer cannot use the order's checkout now (list or apply coupons, submit an address), if they cannot:
	 * whenever they could not pay it, and while a payment attempt is under way, whose amount is already set.
	 */
	checkoutClosed(referenceId: string): SandboxResponse | undefined {
		const order = this.orders.get(referenceId);
		const refused = this.cannotPay(referenceId, order);
		if (refused) return refused;
		if ((order as Order).transactions.some((t) => t.status === 'pending')) return controlError(409, 'a payment of the order is under way: its amount can no longer change');
		return undefined;
	}

	/**
	 * The checkout endpoint re-priced the order (checkout-button-templates § Implement checkout endpoint logic: it
	 * "update[s] the item and order pricing"): the buyer then pays that order's total, and the payment webhook
	 * (whose `amount` is the "total amount that user has paid", receive-payments-via-payment-gateways § Step 4), the
	 * lookup and the refund limit carry it. UNCONFIRMED: no page says in so many words that the payment carries the
	 * re-priced total; it follows from the buyer paying the order the checkout shows ("Confirm payment screen ...
	 * showing the total").
	 */
	reprice(referenceId: string, orderDetails: JsonObject): SandboxResponse | undefined {
		const closed = this.checkoutClosed(referenceId);
		if (closed) return closed;
		const order = this.orders.get(referenceId) as Order;
		order.checkoutOrder = structuredClone(orderDetails);
		order.totalAmount = { ...(orderDetails.total_amount as WireAmount) };
		return undefined;
	}

	/** The gateway settles a pending refund (success or failed): a payment status webhook lists the refunds. */
	settleRefund(referenceId: string, refundId: string, body: unknown): SandboxResponse {
		const order = this.orders.get(referenceId);
		if (!order) return noOrder(referenceId);
		const outcome = isObject(body) ? (body.outcome ?? 'success') : 'success';
		if (outcome !== 'success' && outcome !== 'failed') return controlError(400, 'outcome: must be success or failed');
		const transaction = order.transactions.find((t) => t.refunds.some((r) => r.id === refundId));
		const refund = transaction?.refunds.find((r) => r.id === refundId);
		if (!transaction || !refund) return controlError(404, `order ${referenceId} has no refund ${JSON.stringify(refundId)}`);
		if (refund.status !== 'pending') return controlError(409, `the refund is already ${refund.status}`);
		refund.status = outcome;
		refund.updated_timestamp = this.nowSeconds();
		this.sendPaymentWebhook(order, transaction);
		return ok(controlView(order), { referenceId });
	}

	/** {accepted: boolean}: whether the business has accepted the WhatsApp Payments Terms of Service. */
	setTermsAccepted(body: unknown): SandboxResponse {
		const accepted = isObject(body) ? body.accepted : undefined;
		if (typeof accepted !== 'boolean') return controlError(400, 'accepted: must be true or false');
		this.termsAccepted = accepted;
		return ok({ accepted });
	}

	/**
	 * The gateway connects (or disconnects) a configuration: the payment_configuration_update webhook. Only a
	 * payment gateway configuration has a gateway account to connect, and the webhook names only gateways
	 * (payment-configuration-update-webhook-reference: provider billdesk, payu, razorpay or zaakpay).
	 */
	setConfigurationStatus(name: string, body: unknown): SandboxResponse {
		const status = isObject(body) ? body.status : undefined;
		if (!CONFIGURATION_STATUSES.includes(status as ConfigurationStatus)) return controlError(400, `status: must be one of ${CONFIGURATION_STATUSES.join(', ')}`);
		const c = this.configurations.get(name);
		if (!c) return controlError(404, `no payment configuration named ${JSON.stringify(name)}`);
		if (c.provider_name === 'upi_vpa') return controlError(409, `${JSON.stringify(name)} is a UPI VPA configuration: it has no payment gateway account to connect or disconnect`);
		// Needs Connecting means "disconnected from the payment gateway" and the webhook's provider_mid is Required
		// (payment-configuration-update-webhook-reference.md § Parameters; onboarding-apis.md § Payment Configuration
		// Webhook): a configuration never connected has no account to disconnect from and no merchant id to send, so
		// nothing happens and no webhook goes out (UNCONFIRMED: the pages give no such case).
		if (status === 'Needs Connecting' && c.provider_mid === undefined) {
			return controlError(409, `${JSON.stringify(name)} has never been connected to a gateway account, so it cannot be disconnected: it is Needs Connecting since Create; open its OAuth link to connect it`);
		}
		c.status = status as ConfigurationStatus;
		// A connected gateway account brings its merchant id (Create takes none: onboarding-apis § Create).
		const providerMid = (c.provider_mid ??= gatewayId('acc_'));
		c.updated_timestamp = this.nowSeconds();
		this.webhooks.enqueue('cloudApi', { wabaId: this.settings.wabaId, field: 'payment_configuration_update', value: configurationUpdateValue({ ...c, provider_mid: providerMid }) });
		return ok({ data: [configurationView(c)] });
	}

	// ------------------------------------------------------------------ internals

	private addOrder(order: Order): void {
		this.orders.set(order.referenceId, order);
		this.settings.orderCreated?.(order.referenceId);
	}

	private nowSeconds(): number {
		return Math.floor(this.settings.now() / 1000);
	}

	private accepted(to: string, wamid: string, log: SandboxResponse['log']): SandboxResponse {
		return ok({ messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: waIdOf(to) }], messages: [{ id: wamid }] }, log);
	}

	/** A valid-looking request the state refuses: 131009 naming the field and the rule. */
	private refuse(path: string, message: string, rule: string): SandboxResponse {
		return invalidParameters([{ path, message, rule }]);
	}

	private configurationMismatch(field: string, given: string, order: Order): SandboxResponse {
		return metaError(400, {
			message: '(#100) Invalid parameter',
			code: 100,
			details: `/${field}: ${JSON.stringify(given)} is not the order's payment configuration ${JSON.stringify(order.paymentConfiguration)} (match)`,
		});
	}

	private unknownConfiguration(name: string): SandboxResponse {
		return metaError(400, { message: `(#100) configuration_name: no payment configuration named "${name}"`, code: 100 });
	}

	private oauthLink(name: string): { oauth_url: string; expiration: number } {
		return {
			oauth_url: `${this.settings.baseUrl()}/_sandbox/configurations/${encodeURIComponent(name)}/connect`,
			expiration: this.nowSeconds() + OAUTH_LINK_LIFETIME_SECONDS,
		};
	}

	/**
	 * Why the customer cannot pay this order now, if they cannot. An order naming a payment configuration the
	 * account does not have (any more) cannot be paid (receive-payments-via-payment-gateways § Payment settings
	 * object: "When configuration_name is invalid, the customer will be unable to pay"); Meta still delivers it. A
	 * configuration that is not Active is not refused: no page says what becomes of its bills (UNCONFIRMED).
	 */
	private cannotPay(referenceId: string, order: Order | undefined): SandboxResponse | undefined {
		if (!order) return noOrder(referenceId);
		if (order.paymentConfiguration !== null && !this.configurations.has(order.paymentConfiguration)) {
			return controlError(409, `the order names the payment configuration ${JSON.stringify(order.paymentConfiguration)}, which the account does not have: the customer cannot pay it`);
		}
		if (order.status === 'canceled') return controlError(409, 'the order is canceled: the customer cannot pay it');
		if (order.paymentStatus === 'captured') return controlError(409, 'the order is already paid');
		if (order.expiresAt !== null && this.nowSeconds() > order.expiresAt) return controlError(409, 'the order has expired');
		return undefined;
	}

	private messagesValue(phoneNumberId: string): Record<string, unknown> {
		return { messaging_product: 'whatsapp', metadata: { display_phone_number: this.settings.displayPhoneNumber, phone_number_id: phoneNumberId } };
	}

	/**
	 * Whether WhatsApp lets the order be canceled (else 2047). Brazil: the payment status the merchant
	 * reports (pending, captured, failed) decides. India: what the buyer did, whichever method (every India
	 * page says a cancel fails over a successful or pending payment): any successful or pending attempt.
	 */
	private cancelCheck(order: Order, paymentStatus: PaymentStatus): { allowed: boolean; reason?: string } {
		if (order.market === 'brazil') return canCancel(paymentStatus);
		return cancelVerdict({ stage: paymentStage(paymentStatus, order.transactions), status: paymentStatus });
	}

	private sendPaymentWebhook(order: Order, transaction: Transaction): void {
		this.webhooks.enqueue(order.channel, {
			wabaId: order.wabaId,
			field: 'messages',
			value: {
				...this.messagesValue(order.phoneNumberId),
				statuses: [
					{
						id: order.orderDetailsMessageId,
						recipient_id: order.waId,
						// captured, or pending for every other state (an attempt under way or failed): Step 4's two statuses.
						status: newestPaymentStatus(order),
						timestamp: String(this.nowSeconds()),
						type: 'payment',
						payment: webhookPayment(order, transaction),
					},
				],
			},
		});
	}

	/**
	 * Meta accepts every well-formed order_status and answers a forbidden one with an error webhook:
	 * 2046 for a transition the table forbids, 2047 for canceling a paid or pending payment.
	 */
	private applyOrderStatus(order: Order, parameters: JsonObject, message: Order['messages'][number]): void {
		// Brazil's simplified order_status has no order object (brazil-orders.md § Simplified order status example):
		// only the payment changes. `captured` and `failed` pass validation (the India § Order object lists them,
		// UNCONFIRMED) but are no order status: like any status an order cannot move to, they get 2046.
		const requested = isObject(parameters.order) ? String(parameters.order.status) : order.status;
		const next = (normalizeOrderStatus(requested) ?? requested) as OrderStatus;
		const payment = isObject(parameters.payment) ? parameters.payment : undefined;
		// Brazil: the merchant's payment provider, not WhatsApp, knows the payment; the status the message
		// reports wins over the stored one (One-Click leaves it "pending" until the merchant says otherwise).
		const paymentStatus = payment && typeof payment.status === 'string' ? (payment.status as PaymentStatus) : order.paymentStatus;
		const cancel = next === 'canceled' ? this.cancelCheck(order, paymentStatus) : { allowed: true };
		let error: 2046 | 2047 | undefined;
		let details = '';
		// A payment update on an order still pending keeps it pending (Brazil; UNCONFIRMED, see core/orderStatus.ts).
		const paymentUpdateOnly = next === 'pending' && order.status === 'pending';
		if (!paymentUpdateOnly && !canTransition(order.status, next)) {
			error = 2046;
			details = `order status ${order.status} cannot change to ${next}`;
		} else if (!cancel.allowed) {
			error = 2047;
			details = cancel.reason ?? `the payment is ${paymentStatus}`;
		}
		if (error === undefined) {
			order.status = next;
			order.paymentStatus = paymentStatus;
			message.outcome = 'applied';
			return;
		}
		message.outcome = `error ${error}`;
		const { title, message: text } = ORDER_STATUS_ERRORS[order.market][error];
		this.webhooks.enqueue(order.channel, {
			wabaId: order.wabaId,
			field: 'messages',
			value: {
				...this.messagesValue(order.phoneNumberId),
				statuses: [
					{
						id: message.id,
						status: 'failed',
						timestamp: String(this.nowSeconds()),
						recipient_id: order.waId,
						errors: [{ code: error, title, message: text, error_data: { details } }],
					},
				],
			},
		});
	}
}

