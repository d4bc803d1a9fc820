/**
 * The stateful heart of the sandbox: orders, payment configurations and what the customer and the
 * payment gateway do, with the webhooks each change causes. Every message is validated by the core;
 * the sandbox adds only what the core cannot know (state: uniqueness, transitions, payments).
 */
import {
	canCancel,
	canTransition,
	normalizeOrderStatus,
	validateOrderDetails,
	validateOrderStatus,
	type OrderStatus,
	type PaymentStatus,
	type ValidationError,
} from '../core';
import { isObject, locateParameters, type InteractiveType, type JsonObject } from '../core/messageShape';
import {
	CONFIGURATION_STATUSES,
	configurationView,
	newConfigurationErrors,
	seedConfigurations,
	type ConfigurationStatus,
	type PaymentConfiguration,
} from './configurations';
import { invalidParameters, malformed, metaError, unknownObject } from './metaErrors';
import {
	controlView,
	createOrder,
	gatewayId,
	lookupView,
	messageId,
	refundedMinor,
	waIdOf,
	webhookPayment,
	type Order,
	type PaymentMethodType,
	type Refund,
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
}

const ORDER_STATUS_ERRORS = {
	2046: { title: 'Invalid status transition', message: 'New order status was not correctly transitioned.' },
	2047: { title: 'Cannot cancel order', message: "Could not change order status to 'canceled'" },
} as const;

const PAYMENT_OUTCOMES = { success: 'captured', failed: 'failed', pending: 'pending' } as const;
const PAYMENT_METHODS: PaymentMethodType[] = ['upi', 'card', 'netbanking', 'wallet'];
const OAUTH_LINK_LIFETIME_SECONDS = 3600;
const NOT_AN_OBJECT = '/: the request body must be a JSON object (type)';


const noOrder = (referenceId: string): SandboxResponse => controlError(404, `no order with reference_id ${JSON.stringify(referenceId)}`);

/** The interactive type of an order message (or of an order template form); otherwise the message type. */
function messageKind(body: JsonObject): { kind: string; order?: InteractiveType } {
	if (body.type === 'template' || (body.type === undefined && body.template !== undefined)) {
		const components = isObject(body.template) && Array.isArray(body.template.components) ? body.template.components.filter(isObject) : [];
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

export class PaymentsSimulator {
	private readonly orders = new Map<string, Order>();
	private readonly configurations = new Map<string, PaymentConfiguration>();

	constructor(
		private readonly settings: SimulatorSettings,
		private readonly webhooks: WebhookDispatcher,
	) {
		this.reset();
	}

	reset(): void {
		this.orders.clear();
		this.configurations.clear();
		for (const c of seedConfigurations(this.nowSeconds())) this.configurations.set(c.configuration_name, c);
	}

	// ------------------------------------------------------------------ Meta's API

	/** POST /{phone_number_id}/messages (and 360dialog's POST /messages). */
	sendMessage(channel: Channel, phoneNumberId: string, body: unknown): SandboxResponse {
		if (!isObject(body)) return malformed(NOT_AN_OBJECT);
		const { kind, order } = messageKind(body);
		const log = { messageType: kind } as { messageType: string; referenceId?: string };
		if (!order) {
			// Other message types are accepted as Meta would, and only logged.
			if (body.messaging_product !== 'whatsapp') return malformed('/messaging_product: must be "whatsapp" (required)');
			if (typeof body.to !== 'string' || body.to === '') return malformed('/to: is required (required)');
			return this.accepted(body.to, messageId(), log);
		}
		const validation = order === 'order_details' ? validateOrderDetails(body, { now: this.settings.now }) : validateOrderStatus(body);
		const located = locateParameters(body, order);
		const parameters = isObject(located.parameters) ? located.parameters : {};
		if (typeof parameters.reference_id === 'string') log.referenceId = parameters.reference_id;
		if (!validation.valid) return { ...invalidParameters(validation.errors), log };
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
			this.orders.set(created.referenceId, created);
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

	/** GET /{phone_number_id}/payments/{configuration}/{reference_id} (and 360dialog's /v1/payments/...). */
	lookup(phoneNumberId: string, configuration: string, referenceId: string): SandboxResponse {
		const order = this.orders.get(referenceId);
		const log = { referenceId };
		if (!order || order.phoneNumberId !== phoneNumberId) return { ...unknownObject(referenceId), log };
		if (order.paymentConfiguration !== null && order.paymentConfiguration !== configuration) {
			return { ...this.configurationMismatch('payment_configuration', configuration, order), log };
		}
		return ok({ payments: [lookupView(order)] }, log);
	}

	/**
	 * POST /{phone_number_id}/payments_refund: a full or partial refund of a captured payment, never above
	 * what is left. UNCONFIRMED: Meta's response and webhook for refunds are not in our sources; the
	 * refund is answered with its id and status and delivered as a payment status webhook listing the refunds.
	 */
	refund(phoneNumberId: string, body: unknown): SandboxResponse {
		if (!isObject(body)) return malformed(NOT_AN_OBJECT);
		const errors: ValidationError[] = [];
		const need = (field: string, valid: boolean, message: string) => {
			if (body[field] === undefined) errors.push({ path: `/${field}`, message: 'is required', rule: 'required' });
			else if (!valid) errors.push({ path: `/${field}`, message, rule: 'type' });
		};
		need('reference_id', typeof body.reference_id === 'string' && body.reference_id !== '', 'must be a non-empty string');
		need('speed', body.speed === 'instant' || body.speed === 'normal', 'must be "instant" or "normal"');
		need('payment_config_id', typeof body.payment_config_id === 'string' && body.payment_config_id !== '', 'must be a non-empty string');
		const amount = isObject(body.amount) ? body.amount : undefined;
		need('amount', amount !== undefined, 'must be an object {currency, value, offset}');
		if (amount) {
			if (!Number.isSafeInteger(amount.value) || (amount.value as number) <= 0) errors.push({ path: '/amount/value', message: 'must be a positive integer (minor units)', rule: 'type' });
			if (amount.offset !== 100) errors.push({ path: '/amount/offset', message: 'must be 100', rule: 'const' });
		}
		const referenceId = typeof body.reference_id === 'string' ? body.reference_id : undefined;
		const log = { referenceId };
		if (errors.length) return { ...invalidParameters(errors), log };

		const order = this.orders.get(referenceId as string);
		if (!order || order.phoneNumberId !== phoneNumberId) return { ...unknownObject(referenceId as string), log };
		if (order.paymentConfiguration !== null && order.paymentConfiguration !== body.payment_config_id) {
			return { ...this.configurationMismatch('payment_config_id', String(body.payment_config_id), order), log };
		}
		const captured = order.transactions.find((t) => t.status === 'success');
		if (order.paymentStatus !== 'captured' || !captured) return { ...this.refuse('/reference_id', `the payment is ${order.paymentStatus}: only a captured payment can be refunded`, 'captured'), log };
		const refundAmount = amount as { value: number; offset: number; currency?: unknown };
		if (refundAmount.currency !== order.currency) return { ...this.refuse('/amount/currency', `must be the order's currency ${order.currency}`, 'currency'), log };
		const left = order.totalAmount.value - refundedMinor(order);
		if (refundAmount.value > left) return { ...this.refuse('/amount/value', `must be at most ${left}, what is left to refund`, 'maximum'), log };

		const now = this.nowSeconds();
		const refund: Refund = {
			id: gatewayId('rfnd_'),
			amount: { value: refundAmount.value, offset: refundAmount.offset },
			speed_processed: body.speed as Refund['speed_processed'],
			status: 'success',
			created_timestamp: now,
			updated_timestamp: now,
		};
		captured.refunds.push(refund);
		this.sendPaymentWebhook(order, captured);
		return ok({ id: refund.id, status: refund.status, speed_processed: refund.speed_processed, amount: { ...refund.amount, currency: order.currency }, reference_id: order.referenceId }, log);
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

	listConfigurations(): SandboxResponse {
		return ok({ data: [...this.configurations.values()].map(configurationView) });
	}

	getConfiguration(name: string): SandboxResponse {
		const c = this.configurations.get(name);
		return c ? ok({ data: [configurationView(c)] }) : this.unknownConfiguration(name);
	}

	createConfiguration(body: unknown): SandboxResponse {
		if (!isObject(body)) return malformed(NOT_AN_OBJECT);
		const errors = newConfigurationErrors(body);
		if (errors.length) return metaError(400, { message: `(#100) ${errors[0]}`, code: 100, details: errors.join('; ') });
		const name = body.configuration_name as string;
		if (this.configurations.has(name)) return metaError(400, { message: `(#100) configuration_name: a payment configuration named "${name}" already exists`, code: 100 });
		const now = this.nowSeconds();
		this.configurations.set(name, {
			configuration_name: name,
			provider_name: body.provider_name as PaymentConfiguration['provider_name'],
			provider_mid: typeof body.provider_mid === 'string' ? body.provider_mid : typeof body.merchant_vpa === 'string' ? body.merchant_vpa : '',
			status: 'Needs Connecting',
			merchant_category_code: body.merchant_category_code as string,
			purpose_code: body.purpose_code as string,
			created_timestamp: now,
			updated_timestamp: now,
			redirect_url: body.redirect_url as string,
			...(typeof body.merchant_vpa === 'string' ? { merchant_vpa: body.merchant_vpa } : {}),
		});
		return ok(this.oauthLink(name));
	}

	generateOauthLink(body: unknown): SandboxResponse {
		if (!isObject(body)) return malformed(NOT_AN_OBJECT);
		const name = body.configuration_name;
		if (typeof name !== 'string' || name === '') return metaError(400, { message: '(#100) configuration_name: is required', code: 100 });
		const c = this.configurations.get(name);
		if (!c) return this.unknownConfiguration(name);
		if (body.redirect_url !== undefined) {
			if (typeof body.redirect_url !== 'string' || !/^https?:\/\/\S+$/.test(body.redirect_url)) return metaError(400, { message: '(#100) redirect_url: must be an http(s) URL', code: 100 });
			c.redirect_url = body.redirect_url;
		}
		return ok(this.oauthLink(name));
	}

	deleteConfiguration(name: unknown): SandboxResponse {
		if (typeof name !== 'string' || name === '') return metaError(400, { message: '(#100) configuration_name: is required', code: 100 });
		if (!this.configurations.delete(name)) return this.unknownConfiguration(name);
		return ok({ success: true });
	}

	// ------------------------------------------------------------------ the customer's and the gateway's side

	listOrders(): SandboxResponse {
		return ok({ data: [...this.orders.values()].map(controlView) });
	}

	getOrder(referenceId: string): SandboxResponse {
		const order = this.orders.get(referenceId);
		return order ? ok(controlView(order), { referenceId }) : noOrder(referenceId);
	}

	/**
	 * The customer pays (India): the payment moves, a transaction records the attempt and the payment
	 * status webhook goes out. A pending attempt is completed by the next call.
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
						method: { type: method },
						created_timestamp: now,
						updated_timestamp: now,
						refunds: [],
					};
		if (transaction !== latest) paying.transactions.push(transaction);
		transaction.status = outcome;
		transaction.method = { type: method };
		transaction.updated_timestamp = now;
		if (outcome === 'failed') transaction.error = { code: 'BAD_REQUEST_ERROR', reason: 'payment_failed' };
		paying.paymentStatus = PAYMENT_OUTCOMES[outcome];
		this.sendPaymentWebhook(paying, transaction);
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

	/** The gateway connects (or disconnects) a configuration: the payment_configuration_update webhook. */
	setConfigurationStatus(name: string, body: unknown): SandboxResponse {
		const status = isObject(body) ? body.status : undefined;
		if (!CONFIGURATION_STATUSES.includes(status as ConfigurationStatus)) return controlError(400, `status: must be one of ${CONFIGURATION_STATUSES.join(', ')}`);
		const c = this.configurations.get(name);
		if (!c) return controlError(404, `no payment configuration named ${JSON.stringify(name)}`);
		c.status = status as ConfigurationStatus;
		c.updated_timestamp = this.nowSeconds();
		this.webhooks.enqueue('cloudApi', { wabaId: this.settings.wabaId, field: 'payment_configuration_update', value: configurationView(c) });
		return ok({ data: [configurationView(c)] });
	}

	// ------------------------------------------------------------------ internals

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

	/** Why the customer cannot pay this order now, if they cannot. */
	private cannotPay(referenceId: string, order: Order | undefined): SandboxResponse | undefined {
		if (!order) return noOrder(referenceId);
		if (order.status === 'canceled') return controlError(409, 'the order is canceled: the customer cannot pay it');
		if (order.paymentStatus === 'captured') return controlError(409, 'the order is already paid');
		if (order.expiresAt !== null && this.nowSeconds() > order.expiresAt) return controlError(409, 'the order has expired');
		return undefined;
	}

	private messagesValue(phoneNumberId: string): Record<string, unknown> {
		return { messaging_product: 'whatsapp', metadata: { display_phone_number: this.settings.displayPhoneNumber, phone_number_id: phoneNumberId } };
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
						status: order.paymentStatus,
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
		// Validation passed, so the status is one of the known spellings; Brazil's simplified order_status has no
		// order object (brazil-orders.md § Simplified order status example): only the payment changes.
		const next = isObject(parameters.order) ? (normalizeOrderStatus(String(parameters.order.status)) as OrderStatus) : order.status;
		const payment = isObject(parameters.payment) ? parameters.payment : undefined;
		// Brazil: the merchant's payment provider, not WhatsApp, knows the payment; the status the message
		// reports wins over the stored one (One-Click leaves it "pending" until the merchant says otherwise).
		const paymentStatus = payment && typeof payment.status === 'string' ? (payment.status as PaymentStatus) : order.paymentStatus;
		const cancel = next === 'canceled' ? canCancel(paymentStatus) : { allowed: true };
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
		const { title, message: text } = ORDER_STATUS_ERRORS[error];
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

