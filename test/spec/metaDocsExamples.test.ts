/**
 * Every JSON example of Meta's payments pages (../shared/meta-docs/) against the core: order_details and
 * order_status sends must validate, webhooks must parse into the events the page describes, lookup,
 * refund, configuration and error answers must read as the page says.
 *
 * An example is either checked, or listed once: in EXCLUDED (with why it is not ours to check: another
 * API, a syntax template, a fragment) or in KNOWN_GAPS (it should pass and does not yet; the area says
 * who fixes it). The lists stay honest: a listed example that is gone, or a known gap that now passes,
 * fails the test, and so does an unlisted example that fails.
 */
import * as core from '../../core';
import { parseApiError, parseWebhook, normalizePayment, validateOrderDetails, validateOrderStatus, type ValidationResult } from '../../core';
import { isObject, type JsonObject } from '../../core/messageShape';
import { allExamples, parseExample, type DocExample } from './metaDocs';

interface Listed {
	/** An example's key (see metaDocs.ts), or `page:<file>` for every example of a page. */
	key: string;
	reason: string;
	/**
	 * Only these validation rules are excused (the example is checked for everything else), e.g. an
	 * example whose own arithmetic contradicts its page. Without it the whole example is excluded.
	 */
	rules?: string[];
}

interface KnownGap extends Listed {
	/** Who fixes it: the order messages (spec-orders) or lookups, refunds, configurations (spec-payments). */
	area: 'orders' | 'payments';
}

const GATEWAY_PAGE = 'a payment gateway\'s own API (merchant <-> gateway), which the package does not call';
const FLOWS_PAGE = 'the encrypted checkout/Flows endpoint protocol, which the package does not implement';

/** Examples that are not ours to check, each with the reason. */
export const EXCLUDED: Listed[] = [
	{ key: 'page:billdesk-payment-gateway-integration-guide.md', reason: GATEWAY_PAGE },
	{ key: 'page:cashfree-payment-gateway-integration-guide.md', reason: GATEWAY_PAGE },
	{ key: 'page:integrate-the-ccavenue-payment-gateway.md', reason: GATEWAY_PAGE },
	{ key: 'page:implement-endpoints-for-flows.md', reason: FLOWS_PAGE },
	{ key: 'page:flows-encryption.md', reason: `${FLOWS_PAGE} (business public key upload)` },
	{ key: 'page:whatsapp-cloud-api-business-encryption-api.md', reason: `${FLOWS_PAGE} (business encryption API)` },
	{
		key: 'checkout-button-templates.md § Enabling coupons, real-time inventory, and pricing updates › Implement encryption/decryption › Sample endpoint request syntax [39d0d861]',
		reason: `${FLOWS_PAGE}; also a syntax template (unquoted keys)`,
	},
	{
		key: 'checkout-button-templates.md § Enabling coupons, real-time inventory, and pricing updates › Implement encryption/decryption › Sample endpoint response [ceb07034]',
		reason: FLOWS_PAGE,
	},
	...[
		'Get coupons - endpoint sample request [1fbc2c76]',
		'Get coupons - endpoint sample response [86e56112]',
		'Apply coupon - endpoint sample request [b554d666]',
		'Apply coupon - endpoint sample response [8ba9066c]',
		'Remove coupon - endpoint sample request [30003fbf]',
		'Remove coupon - endpoint sample response [7d9c5986]',
		'Apply shipping - endpoint sample request [ab7bbaca]',
		'Apply shipping - endpoint sample response [f1dfa02c]',
	].map((tail) => ({ key: `checkout-button-templates.md § Send a checkout button template › ${tail}`, reason: `the checkout endpoint's coupon/shipping exchange: ${FLOWS_PAGE}` })),
	{
		key: 'checkout-button-templates.md § Creating checkout button templates › Post body [65e3b033]',
		reason: 'template creation (POST /{waba}/message_templates) is done in WhatsApp Manager, not by the package; also a syntax template',
	},
	{
		key: 'checkout-button-templates.md § Creating checkout button templates › Example request [ed33804c]',
		reason: 'template creation (POST /{waba}/message_templates) is done in WhatsApp Manager, not by the package',
	},
	{
		key: 'checkout-button-templates.md § Send a checkout button template › Post body [61cc335e]',
		reason: 'syntax template (unquoted <MESSAGE_BODY_TEXT_VARIABLE> placeholders); its filled-in form is the Example request of the same section, which is checked',
	},
	{
		key: 'brazil-send-order-details-template-message.md § Creating an order details template using template creation APIs › Request body [84b4ea7b]',
		reason: 'template creation (POST /{waba}/message_templates) is done in WhatsApp Manager, not by the package',
	},
	{
		key: 'payment-configuration-update-webhook-reference.md § Syntax [a6d6746b]',
		reason: 'syntax template (unquoted <PLACEHOLDER> values); the Example payload of the same page is checked',
	},
	{
		key: 'enhanced-payment-links.md § Sending Payment Links › Example [e320f2e2]',
		reason: 'a marketing/utility template with a URL button (enhanced payment links): no order_details or order_status in it; the package sends only order templates',
	},
	{
		key: 'enhanced-payment-links.md § Sending Payment Links › Button Component [fb7e756d]',
		reason: 'fragment of a URL-button template (enhanced payment links), no order message',
	},
	{
		key: 'checkout-button-templates.md § Checkout buttons [557e3858]',
		reason: 'fragment: the checkout button of a template definition (template creation is done in WhatsApp Manager)',
	},
	{
		key: 'onboarding-apis.md § Link or update data endpoint › Sample request › Payment gateway type configuration [ea95c534]',
		reason: 'data_endpoint_url belongs to the checkout endpoint (coupons, shipping), which the package does not implement',
	},
	...[
		'brazil-orders.md § Sending order messages › Message response [869b7730]',
		'india-accept-payments-via-payment-links.md § Integration steps › Step 4: Make a POST call to messages endpoint [869b7730]',
		'receive-upi-payments-through-whatsapp-recommended.md § Integration steps › Step 4: Make a POST call to messages endpoint [869b7730]',
		'receive-payments-via-payment-gateways-on-whatsapp.md § Integration steps › Step 3: Make a POST call to messages endpoint [e28256da]',
		'brazil-send-order-details-template-message.md § Sending order details template message › Request body [712a5552]',
		'india-send-order-details-template-message.md § Sending order details template message [712a5552]',
	].map((key) => ({
		key,
		reason: 'the Cloud API\'s generic send answer (contacts[].wa_id, messages[].id): nothing payments-specific; the node returns messages[0].id as wamid (nodes/WhatsAppPayments/shared/sendMessage.ts)',
	})),
	...[
		'india-accept-payments-via-payment-links.md § Integration steps › Step 3: Add common message parameters [9e6f98bc]',
		'receive-payments-via-payment-gateways-on-whatsapp.md § Integration steps › Step 2: Add common message parameters [9e6f98bc]',
		'receive-upi-payments-through-whatsapp-recommended.md § Integration steps › Step 3: Add common message parameters [9e6f98bc]',
	].map((key) => ({ key, reason: 'fragment: the message envelope with the interactive object elided ({...}); the full messages of the same page are checked' })),
	{
		key: 'receive-payments-via-payment-gateways-on-whatsapp.md § Third party validation with Razorpay and PayU payment gateways › Updates to order details payload to support TPV for Razorpay merchants [9e6091b1]',
		reason: 'the bank account before encryption: the merchant encrypts it with the gateway\'s key into encrypted_payment_gateway_data; it never reaches the package in clear',
	},
	{
		key: 'receive-payments-via-payment-gateways-on-whatsapp.md § Third party validation with Razorpay and PayU payment gateways › Updates to order details payload to support TPV for PayU merchants [d2d11f55]',
		reason: 'the beneficiary details before encryption: the merchant encrypts them with the gateway\'s key into encrypted_payment_gateway_data; they never reach the package in clear',
	},
	...[
		'onboarding-apis.md § Create a payment configuration › Sample response › Payment gateway type configuration [74ba0d35]',
		'onboarding-apis.md § Regenerate payment configuration OAuth link › Sample response [ea17ce12]',
		'onboarding-apis.md § Create a payment configuration › Sample response › UPI VPA type configuration [c955e577]',
		'onboarding-apis.md § Remove a payment configuration › Sample response [c955e577]',
	].map((key) => ({ key, reason: 'an answer ({oauth_url, expiration} or {success: true}) the node returns as is: no core reading; the node\'s handling is tested in test/node/paymentConfiguration.test.ts' })),
	...[
		'onboarding-apis.md § Regenerate payment configuration OAuth link › Sample request [b9418030]',
		'onboarding-apis.md § Remove a payment configuration › Sample request [7ab839b4]',
	].map((key) => ({ key, reason: 'a request of configuration_name (and redirect_url) alone, which the node builds from its two fields; nothing for the core to check' })),
	...[
		'receive-payments-via-payment-gateways-on-whatsapp.md § Integration steps › Step 1: Send order details interactive message › Item image object [224597cf]',
		'receive-payments-via-payment-gateways-on-whatsapp.md § Integration steps › Step 1: Send order details interactive message › Item image object [7d339263]',
		'india-accept-payments-via-payment-links.md § Integration steps › Step 2: Assemble the interactive object › Item image object [a5d1a6a0]',
		'receive-upi-payments-through-whatsapp-recommended.md § Integration steps › Step 2: Assemble the interactive object › Item image object [ba938b65]',
	].map((key) => ({
		key,
		rules: ['subtotal'],
		reason: 'its own arithmetic contradicts its page: one item of amount 10000 (sale_amount 100) × 1 with a subtotal of 20000, which no reading of the page\'s subtotal rule gives; every other rule is checked',
	})),
	{
		key: 'receive-payments-via-payment-gateways-on-whatsapp.md § Third party validation with Razorpay and PayU payment gateways › Updates to order details payload to support TPV for Razorpay merchants [5948ccf1]',
		rules: ['subtotal'],
		reason: 'completed on the Step 1 Razorpay example (see COMPLETIONS), whose subtotal contradicts its page (above); every other rule is checked',
	},
];

/** Examples that should pass and do not yet; this list must end empty. */
export const KNOWN_GAPS: KnownGap[] = [
	...[
		'brazil-orders.md § Sending order messages › Simplified order details message › Request body [3f1e738b]',
		'brazil-payment-links.md § Integration steps › 1. Send an order details message › Simplified payload example [3f1e738b]',
		'offsite-pix-payments.md § Integration steps › 1. Send an order details message › Simplified payload example [d2c403b1]',
	].map((key) => ({ key, area: 'orders' as const, reason: 'Brazil simplified order_details: no order object (only total_amount), refused with "order is required"' })),
	{
		key: 'brazil-orders.md § Sending order messages › Simplified order status example › Request body [c7b1aef5]',
		area: 'orders',
		reason: 'Brazil simplified order_status: only a payment object {status, timestamp}, no order; refused with "order is required"',
	},
	{
		key: 'send-order-status-template-message.md § Sending order status template message [3c38714b]',
		area: 'orders',
		reason: 'order_status template form (component type order_status, parameters[].order_status) is refused: "type must be interactive" (checked once per status the page lists)',
	},
	...['checkout-button-templates.md § Checkout buttons [bb372f2a]', 'checkout-button-templates.md § Send a checkout button template › Example request [df384103]'].map((key) => ({
		key,
		area: 'orders' as const,
		reason: 'checkout button orders carry shipping_info {country, addresses[]}: refused as an unknown field',
	})),
	{
		key: 'india-send-order-details-template-message.md § Sending order details template message [90e8a61b]',
		area: 'orders',
		reason: 'importer_address without zone_code is refused (required); upi_intent_link payment_settings together with payment_configuration and payment_type "upi" are refused (legacy UPI rule)',
	},
	...[
		'india-accept-payments-via-payment-links.md § Integration steps › Step 2: Assemble the interactive object › Item image object [f3948c17]',
		'receive-payments-via-payment-gateways-on-whatsapp.md § Integration steps › Step 1: Send order details interactive message › Item image object [6cb542ac]',
		'receive-payments-via-payment-gateways-on-whatsapp.md § Integration steps › Step 1: Send order details interactive message › Item image object [bb262e72]',
	].map((key) => ({
		key,
		area: 'orders' as const,
		reason: 'subtotal: the page\'s table says sum of amount × quantity, its sale_amount text says sale_amount is used; these examples use amount × quantity with sale_amount present, and only the sale_amount reading is accepted (accept both, UNCONFIRMED)',
	})),
	{
		key: 'receive-payments-via-payment-gateways-on-whatsapp.md § Merchant preferred UPI payment method › Updates to order details payload [0604a452]',
		area: 'orders',
		reason: 'payment_gateway.preferred_payment_methods [{method}] refused as an unknown field (and the base example\'s subtotal reading, above)',
	},
	{
		key: 'receive-payments-via-payment-gateways-on-whatsapp.md § Restrict available payment options › Updates to order details payload [12e1bc48]',
		area: 'orders',
		reason: 'payment_gateway.enabled_payment_options ["upi"] / ["web"] refused as an unknown field (and the base example\'s subtotal reading, above)',
	},
	...['Razorpay merchants [5948ccf1]', 'PayU merchants [47c1dbc5]'].map((tail) => ({
		key: `receive-payments-via-payment-gateways-on-whatsapp.md § Third party validation with Razorpay and PayU payment gateways › Updates to order details payload to support TPV for ${tail}`,
		area: 'orders' as const,
		reason: 'TPV encrypted_payment_gateway_data refused in both readings (a {type: razorpay|payu} setting, or inside payment_gateway.razorpay|payu)',
	})),
	...[
		'onboarding-apis.md § Get all payment configurations › Sample response [1ef4bcaa]',
		'onboarding-apis.md § Get a specific payment configuration › Sample response [67a334f8]',
	].map((key) => ({ key, area: 'payments' as const, reason: 'no core reader of the configuration list/get answer (nested data[].payment_configurations[], merchant_category_code as {code, description})' })),
	...[
		'onboarding-apis.md § Create a payment configuration › Sample request › Payment gateway type configuration [2c9e8c75]',
		'onboarding-apis.md § Create a payment configuration › Sample request › UPI VPA type configuration [aea22aa9]',
	].map((key) => ({ key, area: 'payments' as const, reason: 'no core check of the create request (most fields optional; upi_vpa with merchant_vpa)' })),
	{
		key: 'receive-payments-via-payment-gateways-on-whatsapp.md § Integration steps › Step 8: Refunds [1b6bbef9]',
		area: 'payments',
		reason: 'no core reader of the refund request (string amounts, optional speed)',
	},
	{
		key: 'receive-payments-via-payment-gateways-on-whatsapp.md § Integration steps › Step 8: Refunds [26ae947c]',
		area: 'payments',
		reason: 'no core reading of the refund answer\'s statuses (pending / failed / completed)',
	},
];

// ---------------------------------------------------------------- fragments completed

const GATEWAY_PAGE_STEP1 = 'receive-payments-via-payment-gateways-on-whatsapp.md § Integration steps › Step 1: Send order details interactive message › Item image object';
const TPV_SECTION = 'receive-payments-via-payment-gateways-on-whatsapp.md § Third party validation with Razorpay and PayU payment gateways › Updates to order details payload to support TPV for';

/** A deep copy of a documented message with its payment gateway setting changed. */
function withGateway(base: JsonObject, change: (gateway: JsonObject, settings: JsonObject[]) => void): JsonObject {
	const copy = JSON.parse(JSON.stringify(base)) as JsonObject;
	const parameters = ((copy.interactive as JsonObject).action as JsonObject).parameters as JsonObject;
	const settings = parameters.payment_settings as JsonObject[];
	change(settings[0].payment_gateway as JsonObject, settings);
	return copy;
}

/**
 * Fragments that show one documented field inside an elided order ("order": ..): each is checked as the
 * field put into a complete documented order of the same page (`base`), once per documented value.
 */
const COMPLETIONS: Array<{ key: string; base: string; how: string; complete: (base: JsonObject) => unknown[] }> = [
	{
		key: 'receive-payments-via-payment-gateways-on-whatsapp.md § Merchant preferred UPI payment method › Updates to order details payload [0604a452]',
		base: `${GATEWAY_PAGE_STEP1} [6cb542ac]`,
		how: 'preferred_payment_methods [{method}] in the payment gateway setting, once per UPI app id the page lists',
		complete: (base) =>
			['gpay', 'phonepe', 'paytm', 'bhim', 'amazonpay', 'cred', 'mobikwik'].map((method) =>
				withGateway(base, (gateway) => {
					gateway.preferred_payment_methods = [{ method }];
				}),
			),
	},
	{
		key: 'receive-payments-via-payment-gateways-on-whatsapp.md § Restrict available payment options › Updates to order details payload [12e1bc48]',
		base: `${GATEWAY_PAGE_STEP1} [6cb542ac]`,
		how: 'enabled_payment_options ["upi"] and ["web"] in the payment gateway setting',
		complete: (base) =>
			[['upi'], ['web']].map((options) =>
				withGateway(base, (gateway) => {
					gateway.enabled_payment_options = options;
				}),
			),
	},
	...(['Razorpay merchants [5948ccf1]', 'PayU merchants [47c1dbc5]'] as const).map((tail) => {
		const gatewayName = tail.startsWith('Razorpay') ? 'razorpay' : 'payu';
		return {
			key: `${TPV_SECTION} ${tail}`,
			base: `${GATEWAY_PAGE_STEP1} [${gatewayName === 'razorpay' ? '7d339263' : '6cb542ac'}]`,
			how: `encrypted_payment_gateway_data read both ways the page allows: a {type: "${gatewayName}"} payment setting beside the gateway's, and inside payment_gateway.${gatewayName}`,
			complete: (base: JsonObject) => [
				withGateway(base, (_gateway, settings) => {
					settings.push({ type: gatewayName, [gatewayName]: { encrypted_payment_gateway_data: 'encrypted-data' } });
				}),
				withGateway(base, (gateway) => {
					gateway[gatewayName] = { ...(isObject(gateway[gatewayName]) ? gateway[gatewayName] : {}), encrypted_payment_gateway_data: 'encrypted-data' };
				}),
			],
		};
	}),
];

// ---------------------------------------------------------------- checks

/** Problems found in one example, each ending in "(rule)" when a validation rule found it; empty when it holds. */
type Problems = string[];

/** Core functions another change is adding: looked up by name until they are on main, then imported. */
function coreFunction<T extends (...args: never[]) => unknown>(name: string): T | undefined {
	const value = (core as unknown as Record<string, unknown>)[name];
	return typeof value === 'function' ? (value as T) : undefined;
}

const problemsOf = (result: ValidationResult): Problems => result.errors.map((e) => `${e.path || '/'}: ${e.message} (${e.rule})`);

const arrayOf = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/** The order message kind an example sends, from the interactive object or a template's order button/component. */
function orderKind(x: JsonObject): 'order_details' | 'order_status' | null {
	const interactive = isObject(x.interactive) ? x.interactive : x;
	if (interactive.type === 'order_details' || interactive.type === 'order_status') return interactive.type;
	const template = isObject(x.template) ? x.template : null;
	for (const component of arrayOf(template?.components)) {
		if (!isObject(component)) continue;
		if (component.sub_type === 'order_details') return 'order_details';
		if (component.type === 'order_status') return 'order_status';
	}
	return null;
}

function checkWebhook(body: JsonObject): Problems {
	const events = parseWebhook(body);
	const problems: Problems = events.filter((e) => e.kind === 'invalid').map((e) => `invalid part ${e.source}: ${'reason' in e ? e.reason : ''}`);
	for (const entry of arrayOf(body.entry)) {
		for (const change of arrayOf(isObject(entry) ? entry.changes : undefined)) {
			if (!isObject(change) || !isObject(change.value)) continue;
			const value = change.value;
			if (change.field === 'payment_configuration_update') {
				const found = events.find((e) => e.kind === 'payment_configuration_update' && e.configurationName === value.configuration_name);
				if (!found) problems.push(`no payment_configuration_update event for ${String(value.configuration_name)}`);
			}
			for (const status of arrayOf(value.statuses)) {
				if (!isObject(status) || !isObject(status.payment)) continue;
				const payment = status.payment;
				const event = events.find((e) => e.kind === 'payment_status' && e.referenceId === payment.reference_id);
				if (!event || event.kind !== 'payment_status') {
					problems.push(`no payment_status event for reference ${String(payment.reference_id)}`);
					continue;
				}
				const amount = isObject(payment.amount) ? payment.amount : null;
				if (amount && event.amount?.minor !== amount.value) problems.push(`amount read as ${JSON.stringify(event.amount)}, the page has ${JSON.stringify(amount)}`);
				if (event.status !== status.status) problems.push(`status read as ${event.status}, the page has ${String(status.status)}`);
			}
		}
	}
	if (events.length === 0) problems.push('no events');
	return problems;
}

function checkLookup(body: JsonObject): Problems {
	const payment = normalizePayment(body);
	const raw = arrayOf(body.payments)[0];
	if (!payment || !isObject(raw)) return ['not read as a payment'];
	const problems: Problems = [];
	if (payment.referenceId !== raw.reference_id) problems.push(`reference_id read as ${payment.referenceId}`);
	if (payment.status !== raw.status) problems.push(`status read as ${payment.status}, the page has ${String(raw.status)}`);
	const amount = isObject(raw.amount) ? raw.amount : isObject(raw.total_amount) ? raw.total_amount : null;
	if (amount && payment.amount?.minor !== amount.value) problems.push(`amount read as ${JSON.stringify(payment.amount)}`);
	const listedRefunds = arrayOf(raw.transactions).reduce<number>((n, t) => n + arrayOf(isObject(t) ? t.refunds : undefined).length, arrayOf(raw.refunds).length);
	if (payment.refunds.length !== listedRefunds) problems.push(`${payment.refunds.length} refunds read, the page lists ${listedRefunds}`);
	return problems;
}

function checkApiError(body: JsonObject): Problems {
	const info = parseApiError(body);
	const first = isObject(body.error) ? body.error : isObject(arrayOf(body.errors)[0]) ? (arrayOf(body.errors)[0] as JsonObject) : {};
	return info.code === first.code ? [] : [`code read as ${info.code}, the page has ${String(first.code)}`];
}

function checkRefundRequest(body: JsonObject): Problems {
	const read = coreFunction<(b: unknown) => { errors: Array<{ path: string; message: string; rule: string }> }>('readRefundRequest');
	if (!read) return ['the core has no refund request reader (readRefundRequest)'];
	return read(body).errors.map((e) => `${e.path}: ${e.message} (${e.rule})`);
}

function checkRefundAnswer(body: JsonObject): Problems {
	const succeeded = coreFunction<(status: string | null) => boolean>('refundSucceeded');
	if (!succeeded) return ['the core has no reader of refund statuses (refundSucceeded)'];
	const status = typeof body.status === 'string' ? body.status : null;
	return succeeded(status) === (status === 'completed') ? [] : [`refund status ${status} misread`];
}

function checkConfigurationRequest(body: JsonObject): Problems {
	const errorsOf = coreFunction<(b: unknown) => Array<{ path: string; message: string; rule: string }>>('paymentConfigurationRequestErrors');
	if (!errorsOf) return ['the core has no payment configuration request check (paymentConfigurationRequestErrors)'];
	return errorsOf(body).map((e) => `${e.path}: ${e.message} (${e.rule})`);
}

function checkConfigurationAnswer(body: JsonObject): Problems {
	const list = coreFunction<(b: unknown) => JsonObject[]>('paymentConfigurationsOf');
	const normalize = coreFunction<(c: JsonObject) => { configurationName: string | null; statusNormalized: string | null }>('normalizePaymentConfiguration');
	if (!list || !normalize) return ['the core has no payment configuration list reader (paymentConfigurationsOf, normalizePaymentConfiguration)'];
	const listed = arrayOf(body.data).flatMap((d) => (isObject(d) && Array.isArray(d.payment_configurations) ? d.payment_configurations : [d]));
	const read = list(body).map(normalize);
	const problems: Problems = [];
	if (read.length !== listed.length) problems.push(`${read.length} configurations read, the page lists ${listed.length}`);
	for (const c of read) if (!c.configurationName || !c.statusNormalized) problems.push(`configuration read as ${JSON.stringify(c)}`);
	return problems;
}

/** Sends are checked at a time the example was valid: an hour before its earliest expiration (else now). */
function sendOptions(x: unknown): { now: () => number } {
	const expirations = [...JSON.stringify(x).matchAll(/"expiration":\{"timestamp":"?(\d+)"?/g)].map((m) => Number(m[1]));
	const now = expirations.length ? (Math.min(...expirations) - 3600) * 1000 : Date.now();
	return { now: () => now };
}

/** A template message around one template component, the way a checkout button component is sent. */
function inTemplate(component: JsonObject): JsonObject {
	return { messaging_product: 'whatsapp', to: '919000090000', type: 'template', template: { name: 'checkout', language: { policy: 'deterministic', code: 'en' }, components: [component] } };
}

/** What an example is, and the check that proves the core handles it as its page says. */
function classify(x: unknown): { kind: string; check: (x: JsonObject) => Problems } | null {
	if (!isObject(x)) return null;
	// "Assemble the interactive object": the page shows {interactive} alone, the envelope comes in a later step.
	if (x.to === undefined && x.type === undefined && isObject(x.interactive) && orderKind(x) !== null) {
		const inner = classify(x.interactive);
		return inner && { kind: `${inner.kind} (interactive object)`, check: (m) => inner.check(m.interactive as JsonObject) };
	}
	if (x.type === 'button' && x.sub_type === 'order_details') return { kind: 'order_details template button', check: (m) => problemsOf(validateOrderDetails(inTemplate(m), sendOptions(m))) };
	if (Array.isArray(x.entry)) return { kind: 'webhook', check: checkWebhook };
	if (Array.isArray(x.payments)) return { kind: 'payment lookup answer', check: checkLookup };
	if (isObject(x.error) || Array.isArray(x.errors)) return { kind: 'error answer', check: checkApiError };
	const order = orderKind(x);
	if (order === 'order_details') return { kind: 'order_details send', check: (m) => problemsOf(validateOrderDetails(m, sendOptions(m))) };
	if (order === 'order_status') return { kind: 'order_status send', check: (m) => problemsOf(validateOrderStatus(m)) };
	if (x.payment_config_id !== undefined) return { kind: 'refund request', check: checkRefundRequest };
	if (x.speed_processed !== undefined) return { kind: 'refund answer', check: checkRefundAnswer };
	if (Array.isArray(x.data)) return { kind: 'payment configuration answer', check: checkConfigurationAnswer };
	if (x.provider_name !== undefined) return { kind: 'payment configuration create request', check: checkConfigurationRequest };
	return null;
}

/**
 * A string value written as alternatives ("processing | partially_shipped | shipped") stands for each of
 * them: the example is checked once per alternative.
 */
function variants(x: unknown): unknown[] {
	const text = JSON.stringify(x);
	const match = /"((?:[a-z_-]+ \| )+[a-z_-]+)"/.exec(text);
	if (!match) return [x];
	return match[1].split(' | ').flatMap((choice) => variants(JSON.parse(text.replace(match[0], JSON.stringify(choice)))));
}

/** Values for placeholders ("<REFERENCE_ID>", "utc_timestamp_in_seconds") where a field has a format; other placeholders stay. */
const PLACEHOLDER_FILLS: Record<string, unknown> = { reference_id: 'ref-0001', country_code: 'IN', timestamp: '1780000000', to: '919000090000' };
const isPlaceholder = (v: unknown) => typeof v === 'string' && (/^<[^>]+>$/.test(v) || v === 'utc_timestamp_in_seconds' || v === 'notification_timestamp');

function fillPlaceholders(x: unknown): unknown {
	if (Array.isArray(x)) return x.map(fillPlaceholders);
	if (!isObject(x)) return x;
	const out: JsonObject = {};
	for (const [k, v] of Object.entries(x)) out[k] = isPlaceholder(v) && k in PLACEHOLDER_FILLS ? PLACEHOLDER_FILLS[k] : fillPlaceholders(v);
	return out;
}

/** The problems of one example as found on its page (placeholders filled), or as completed (COMPLETIONS). */
function problemsOfValue(value: unknown): Problems {
	const filled = fillPlaceholders(value);
	const what = classify(filled);
	if (!what) return ['not a request, answer or webhook shape this test knows'];
	return variants(filled).flatMap((v) => what.check(v as JsonObject).map((p) => `${what.kind}: ${p}`));
}

function problemsOfExample(example: DocExample, byKey: Map<string, DocExample>): Problems {
	const completion = COMPLETIONS.find((c) => c.key === example.key);
	if (completion) {
		const base = byKey.get(completion.base);
		const parsedBase = base && parseExample(base.text);
		if (!parsedBase) return [`the base example ${completion.base} is gone`];
		return completion.complete(parsedBase.value as JsonObject).flatMap(problemsOfValue);
	}
	const parsed = parseExample(example.text);
	return parsed ? problemsOfValue(parsed.value) : ['not JSON, even read leniently'];
}

// ---------------------------------------------------------------- the test

const examples = allExamples();
const byKey = new Map(examples.map((e) => [e.key, e]));
const listing = (list: Listed[], example: DocExample) => list.find((l) => l.key === example.key || l.key === `page:${example.file}`);

describe("Meta's JSON examples (../shared/meta-docs/)", () => {
	it('finds the pages and their examples', () => {
		expect(examples.length).toBeGreaterThan(50);
		expect(new Set(examples.map((e) => e.key)).size).toBe(examples.length);
	});

	it.each(examples.map((e) => [e.key, e] as const))('%s', (_key, example) => {
		const excluded = listing(EXCLUDED, example);
		const gap = listing(KNOWN_GAPS, example);
		expect({ excludedAndAGap: Boolean(excluded && !excluded.rules && gap) }).toEqual({ excludedAndAGap: false });
		if (excluded && !excluded.rules) return;
		const excused = new Set(excluded?.rules ?? []);
		const problems = problemsOfExample(example, byKey).filter((p) => !excused.has(/\((\w+)\)$/.exec(p)?.[1] ?? ''));
		if (gap) {
			// A known gap that now passes must leave the list.
			expect({ stillAGap: problems.length > 0, key: example.key }).toEqual({ stillAGap: true, key: example.key });
		} else {
			expect({ key: example.key, line: example.line, problems }).toEqual({ key: example.key, line: example.line, problems: [] });
		}
	});

	it('lists only examples that exist, each once, with a reason', () => {
		const keys = new Set(examples.map((e) => e.key));
		const files = new Set(examples.map((e) => e.file));
		const listed = [...EXCLUDED, ...KNOWN_GAPS];
		const missing = listed.filter((l) => (l.key.startsWith('page:') ? !files.has(l.key.slice(5)) : !keys.has(l.key))).map((l) => l.key);
		expect(missing).toEqual([]);
		expect(listed.filter((l) => l.reason.trim() === '').map((l) => l.key)).toEqual([]);
		for (const list of [EXCLUDED, KNOWN_GAPS]) expect(new Set(list.map((l) => l.key)).size).toBe(list.length);
	});
});
