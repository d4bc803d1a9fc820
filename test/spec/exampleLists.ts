/**
 * The examples of Meta's pages that test/spec/metaDocsExamples.test.ts does not simply check: EXCLUDED (not
 * ours to check, or only partly: `rules`), KNOWN_GAPS (should pass and does not yet; the area says who fixes
 * it) and COMPLETIONS (fragments checked inside a complete documented order). Keys: see metaDocs.ts.
 */
import { isObject, type JsonObject } from '../../core/messageShape';

export interface Listed {
	/** An example's key (see metaDocs.ts), or `page:<file>` for every example of a page. */
	key: string;
	reason: string;
	/**
	 * Only these validation rules are excused (the example is checked for everything else), e.g. an
	 * example whose own arithmetic contradicts its page. Without it the whole example is excluded.
	 */
	rules?: string[];
}

export interface KnownGap extends Listed {
	/** Who fixes it: the order messages (spec-orders) or lookups, refunds, configurations (spec-payments). */
	area: 'orders' | 'payments';
}

const GATEWAY_PAGE = 'a payment gateway\'s own API (merchant <-> gateway), which the package does not call';
const FLOWS_PAGE = 'WhatsApp Flows screens and syntax templates; what the checkout endpoint shares with Flows (encryption, ping, error notifications) is checked in test/core/endpointCrypto.test.ts and test/core/checkout.test.ts';

/** Examples that are not ours to check, each with the reason. */
export const EXCLUDED: Listed[] = [
	{ key: 'page:billdesk-payment-gateway-integration-guide.md', reason: GATEWAY_PAGE },
	{ key: 'page:cashfree-payment-gateway-integration-guide.md', reason: GATEWAY_PAGE },
	{ key: 'page:integrate-the-ccavenue-payment-gateway.md', reason: GATEWAY_PAGE },
	{ key: 'page:implement-endpoints-for-flows.md', reason: FLOWS_PAGE },
	{ key: 'page:flows-encryption.md', reason: 'the business public key answers ({success: true}, an unquoted VALID | MISMATCH template): read by core/checkoutSetup.ts readBusinessPublicKey, tested in test/core/checkout.test.ts' },
	{ key: 'page:whatsapp-cloud-api-business-encryption-api.md', reason: 'OpenAPI example maps ({summary, value}) of the business public key answers: read by core/checkoutSetup.ts readBusinessPublicKey, tested in test/core/checkout.test.ts' },
	{
		key: 'checkout-button-templates.md § Enabling coupons, real-time inventory, and pricing updates › Implement encryption/decryption › Sample endpoint request syntax [39d0d861]',
		reason: `${FLOWS_PAGE}; also a syntax template (unquoted keys)`,
	},
	{
		key: 'checkout-button-templates.md § Enabling coupons, real-time inventory, and pricing updates › Implement encryption/decryption › Sample endpoint response [ceb07034]',
		reason: 'an encrypted request whose key is elided ("ufA0fXD1Wz..."): nothing to decrypt; the encryption is tested in test/core/endpointCrypto.test.ts',
	},
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
		key: 'checkout-button-templates.md § Checkout buttons [557e3858]',
		reason: 'fragment: the checkout button of a template definition (template creation is done in WhatsApp Manager)',
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
export const KNOWN_GAPS: KnownGap[] = [];

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
export const COMPLETIONS: Array<{ key: string; base: string; how: string; complete: (base: JsonObject) => unknown[] }> = [
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

