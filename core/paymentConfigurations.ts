/**
 * Payment configurations (onboarding-apis.md): reading the list and get answers, and the create request's
 * rules. Nothing here throws: a mistyped field reads as null.
 */
import { isObject, textLength, type JsonObject } from './messageShape';
import { upiIntentAttributes } from './orderRules';
import { DOT_SEGMENT_REFUSAL, isDotSegment } from './providers';
import { epochSeconds, readText } from './payments';
import { normalizeConfigurationStatus } from './webhooks';
import type { PaymentGatewayType, ValidationError } from './types';

/** A code with its description: merchant_category_code and purpose_code of a listed configuration. */
export interface DescribedCode {
	code: string | null;
	description: string | null;
}

export interface NormalizedPaymentConfiguration {
	configurationName: string | null;
	providerName: string | null;
	providerMid: string | null;
	/** As sent: "Active", "Needs_Connecting", "Needs Testing" ... */
	status: string | null;
	/** active | needs_connecting | needs_testing | other lowercased with underscores. */
	statusNormalized: string | null;
	merchantCategoryCode: DescribedCode | null;
	purposeCode: DescribedCode | null;
	merchantVpa: string | null;
	createdTimestamp: number | null;
	updatedTimestamp: number | null;
}

/**
 * The configurations of a list answer (GET /{waba_id}/payment_configurations): nested as
 * `data[].payment_configurations[]` (onboarding-apis § Get all payment configurations), or, in the older
 * reading, flat in `data[]` (UNCONFIRMED; both are read). A get answer (`data: [configuration]`) reads the same.
 */
export function paymentConfigurationsOf(body: unknown): JsonObject[] {
	const data = isObject(body) && Array.isArray(body.data) ? body.data.filter(isObject) : [];
	const configurations: JsonObject[] = [];
	for (const entry of data) {
		if (Array.isArray(entry.payment_configurations)) configurations.push(...entry.payment_configurations.filter(isObject));
		else if (entry.configuration_name !== undefined) configurations.push(entry);
	}
	return configurations;
}

/** `{code, description}` as listed; a bare code (the create request's form) reads as a code without description. */
function describedCode(x: unknown): DescribedCode | null {
	if (isObject(x)) return { code: readText(x.code), description: readText(x.description) };
	const code = readText(x);
	return code === null ? null : { code, description: null };
}

/** One listed configuration, camelCased, with its status normalized (the list writes Needs_Connecting, the webhook Needs Connecting). */
export function normalizePaymentConfiguration(c: JsonObject): NormalizedPaymentConfiguration {
	const status = readText(c.status);
	return {
		configurationName: readText(c.configuration_name),
		providerName: readText(c.provider_name),
		providerMid: readText(c.provider_mid),
		status,
		statusNormalized: normalizeConfigurationStatus(status),
		merchantCategoryCode: describedCode(c.merchant_category_code),
		purposeCode: describedCode(c.purpose_code),
		merchantVpa: readText(c.merchant_vpa),
		createdTimestamp: epochSeconds(c.created_timestamp),
		updatedTimestamp: epochSeconds(c.updated_timestamp),
	};
}

/** provider_name values a create request may send (onboarding-apis § Create a payment configuration: "Must be one of"). */
export const CONFIGURATION_PROVIDERS = ['upi_vpa', 'razorpay', 'payu', 'zaakpay'] as const;
/**
 * A configuration's provider as lists and webhooks give it: also BillDesk (payment-configuration-update-webhook-reference
 * § Parameters; bills may name a BillDesk gateway), linked in WhatsApp Manager since the create request does not take it.
 */
export type ConfigurationProvider = (typeof CONFIGURATION_PROVIDERS)[number] | 'billdesk';

/**
 * What is wrong with a configuration name, or null: onboarding-apis § Create sets no character rule, and an order's
 * configuration_name is at most 60 characters (receive-payments-via-payment-gateways-on-whatsapp.md § Payment settings
 * object). It becomes a segment of request paths (get, data endpoint, lookups) and the node trims the names it reads,
 * so it is not "." or ".." and has no space at either end; control characters are no name anyone types.
 */
function configurationNameProblem(name: string): string | null {
	if (name === '') return 'must not be empty';
	if (textLength(name) > 60) return 'must be at most 60 characters';
	if (isDotSegment(name)) return DOT_SEGMENT_REFUSAL;
	if (name.trim() !== name) return 'must not start or end with a space';
	return /\p{Cc}/u.test(name) ? 'must not contain control characters (line breaks, tabs)' : null;
}

const HTTP_URL = /^https?:\/\/\S+$/;
const UPI_VPA = /^[A-Za-z0-9._-]{2,256}@[A-Za-z0-9.-]{2,64}$/;

/**
 * Problems of a create request (POST /{waba_id}/payment_configuration): configuration_name and
 * provider_name are required; merchant_category_code, purpose_code, merchant_vpa and redirect_url are
 * optional (onboarding-apis § Create). `provider_mid` is no parameter of it: the gateway's merchant ID comes
 * with linking the gateway (the OAuth link) and then appears in the list and the webhook. UNCONFIRMED: the code and VPA formats (4-digit MCC, 2-digit purpose
 * code, a name@handle VPA) follow the UPI specification (the name: configurationNameProblem); the codes are accepted as a string (the page's examples) or as
 * `{code}` (the object form the list answers with).
 */
export function paymentConfigurationRequestErrors(body: unknown): ValidationError[] {
	if (!isObject(body)) return [{ path: '/', message: 'must be a JSON object', rule: 'type' }];
	const errors: ValidationError[] = [];
	const check = (field: string, value: unknown, pattern: RegExp, message: string, required = false) => {
		if (value === undefined) {
			if (required) errors.push({ path: `/${field}`, message: 'is required', rule: 'required' });
		} else if (typeof value !== 'string' || !pattern.test(value)) errors.push({ path: `/${field}`, message, rule: 'pattern' });
	};
	const codeOf = (x: unknown) => (isObject(x) ? x.code : x);
	const name = body.configuration_name;
	const nameProblem = name === undefined ? 'is required' : typeof name === 'string' ? configurationNameProblem(name) : 'must be text';
	if (nameProblem) errors.push({ path: '/configuration_name', message: nameProblem, rule: name === undefined ? 'required' : 'pattern' });
	if (body.provider_name === undefined) errors.push({ path: '/provider_name', message: 'is required', rule: 'required' });
	else if (!(CONFIGURATION_PROVIDERS as readonly unknown[]).includes(body.provider_name)) {
		const billdesk = body.provider_name === 'billdesk' ? ': a BillDesk configuration is not created through the API, link BillDesk in WhatsApp Manager' : '';
		errors.push({ path: '/provider_name', message: `must be one of ${CONFIGURATION_PROVIDERS.join(', ')}${billdesk}`, rule: 'enum' });
	}
	check('merchant_category_code', codeOf(body.merchant_category_code), /^\d{4}$/, 'must be 4 digits');
	check('purpose_code', codeOf(body.purpose_code), /^\d{2}$/, 'must be 2 digits');
	check('redirect_url', body.redirect_url, HTTP_URL, 'must be an http(s) URL');
	check('merchant_vpa', body.merchant_vpa, UPI_VPA, 'must be a UPI VPA like name@bank');
	if (body.provider_mid !== undefined) {
		errors.push({ path: '/provider_mid', message: "is not a parameter of the create request: the gateway's merchant ID comes with linking the gateway", rule: 'unknown' });
	}
	return errors;
}

// ---------------------------------------------------------------- the gateway of an order_details bill

const GATEWAYS: ReadonlySet<string> = new Set<PaymentGatewayType>(['razorpay', 'payu', 'billdesk', 'zaakpay']);

/**
 * The payment gateway (`payment_gateway.type` of order_details) a configuration is linked to: its
 * provider_name (onboarding-apis § Get all payment configurations), compared lowercased. Null for a UPI VPA
 * configuration, a provider we do not know, or none (the list's provider_name is optional).
 */
export function gatewayOfConfiguration(providerName: string | null): PaymentGatewayType | null {
	const provider = (providerName ?? '').toLowerCase();
	return GATEWAYS.has(provider) ? (provider as PaymentGatewayType) : null;
}

export const GATEWAY_NAMES: Record<PaymentGatewayType, string> = { razorpay: 'Razorpay', payu: 'PayU', billdesk: 'BillDesk', zaakpay: 'Zaakpay' };

/** A provider_name as a merchant reads it: "Razorpay", "UPI VPA"; an unknown one as sent. */
export function providerLabel(providerName: string | null): string {
	const gateway = gatewayOfConfiguration(providerName);
	if (gateway) return GATEWAY_NAMES[gateway];
	return isUpiVpaProvider(providerName) ? 'UPI VPA' : (providerName ?? 'unknown provider');
}

/** Whether a configuration's provider_name says UPI VPA (any case): such a configuration links no gateway. */
function isUpiVpaProvider(providerName: string | null): boolean {
	return providerName?.toLowerCase() === 'upi_vpa';
}

/** The configuration of the account's list named `configurationName` to the letter (not trimmed, case counts), or undefined. */
function configurationNamed(configurations: NormalizedPaymentConfiguration[], configurationName: string): NormalizedPaymentConfiguration | undefined {
	return configurations.find((c) => c.configurationName === configurationName);
}

/** What the merchant chose as the gateway: one of them, or "the one the configuration is linked to". */
export type GatewayChoice = PaymentGatewayType | 'fromConfiguration';

/** A gateway settled, or the field to blame (`gateway` or `paymentConfiguration`) and why. */
export type GatewaySettlement = { gateway: PaymentGatewayType } | { field: 'gateway' | 'paymentConfiguration'; message: string };

/**
 * The gateway of a payment gateway bill. `configurations` is the account's list, or a string saying why it
 * could not be read (360dialog has no such list; a token without whatsapp_business_management). A chosen
 * gateway must match the configuration's provider when the list says it; a configuration missing from a list
 * that was read is refused, since Meta takes any name and the customer could then not pay
 * (receive-payments-via-payment-gateways § Step 1: "When configuration_name is invalid, the customer will be
 * unable to pay"). A UPI VPA configuration is refused. Without a list, or when the list names no gateway for
 * the configuration (provider_name is optional in onboarding-apis § Get all payment configurations, or one we
 * do not know), a chosen gateway is taken as it is and "from the configuration" is an error on the Gateway
 * field. `form` says what the form offers: the gateways (checkout: not BillDesk; a choice or a linked gateway
 * outside them is refused, a mapped value such as "Stripe" too), and whether UPI (Legacy) is a payment method to
 * point a UPI VPA configuration at (checkout has none).
 */
export function settleGateway(
	choice: GatewayChoice,
	configurationName: string,
	configurations: NormalizedPaymentConfiguration[] | string,
	form: { gateways?: readonly PaymentGatewayType[]; upiLegacyOffered?: boolean } = {},
): GatewaySettlement {
	const { gateways = Object.keys(GATEWAY_NAMES) as PaymentGatewayType[], upiLegacyOffered = true } = form;
	const offered = gateways.map((g) => GATEWAY_NAMES[g]).join(', ');
	const unknownGateway = (reason: string): GatewaySettlement => ({ field: 'gateway', message: `${reason}: choose the gateway here` });
	if (choice !== 'fromConfiguration' && !gateways.includes(choice)) {
		return { field: 'gateway', message: `${JSON.stringify(choice) ?? String(choice)} is not a gateway to choose here: choose "From the Payment Configuration" or one of ${offered}` };
	}
	if (typeof configurations === 'string') {
		if (choice !== 'fromConfiguration') return { gateway: choice };
		return unknownGateway(`the gateway of "${configurationName}" could not be read (${configurations})`);
	}
	const configuration = configurationNamed(configurations, configurationName);
	if (!configuration) {
		const names = configurations.map((c) => c.configurationName).filter((n): n is string => Boolean(n));
		return {
			field: 'paymentConfiguration',
			message: `"${configurationName}" is not a payment configuration of this WhatsApp Business Account (it has ${names.length > 0 ? names.map((n) => `"${n}"`).join(', ') : 'none'})`,
		};
	}
	if (isUpiVpaProvider(configuration.providerName)) {
		const advice = upiLegacyOffered ? 'for a UPI VPA configuration choose the Payment Method "UPI (Legacy)"' : 'choose a payment gateway configuration';
		return { field: 'paymentConfiguration', message: `"${configurationName}" is linked to UPI VPA, not to a payment gateway: ${advice}` };
	}
	const linked = gatewayOfConfiguration(configuration.providerName);
	if (linked === null) {
		if (choice !== 'fromConfiguration') return { gateway: choice };
		const provider = configuration.providerName === null ? 'no provider' : `the provider "${configuration.providerName}", which is no gateway we know`;
		return unknownGateway(`the list of payment configurations does not name the gateway of "${configurationName}" (it gives ${provider})`);
	}
	if (!gateways.includes(linked)) {
		return { field: 'paymentConfiguration', message: `"${configurationName}" is linked to ${GATEWAY_NAMES[linked]}; here the buyer pays through ${offered} only` };
	}
	if (choice !== 'fromConfiguration' && choice !== linked) {
		return {
			field: 'gateway',
			message: `${GATEWAY_NAMES[choice]} does not match the Payment Configuration "${configurationName}", which is linked to ${GATEWAY_NAMES[linked]}: choose ${GATEWAY_NAMES[linked]} or "From the Payment Configuration"`,
		};
	}
	return { gateway: linked };
}

/**
 * Why a UPI (Legacy) bill (payment_type upi) cannot name `configurationName`, or null: one the account's list links to a
 * payment gateway would send the buyer a UPI VPA payment through a gateway's configuration. A list that could not be
 * read, or a configuration it lacks or links to no gateway we know, is left to WhatsApp.
 */
export function upiLegacyConfigurationRefusal(configurationName: string, configurations: NormalizedPaymentConfiguration[] | string): string | null {
	if (typeof configurations === 'string') return null;
	const configuration = configurationNamed(configurations, configurationName);
	const linked = configuration ? gatewayOfConfiguration(configuration.providerName) : null;
	return linked ? `"${configurationName}" is linked to ${GATEWAY_NAMES[linked]}, not to UPI VPA: for a gateway configuration choose the Payment Method "Payment Gateway"` : null;
}

/**
 * Why a UPI intent link cannot be sent with the payment configuration `configurationName`, or null. The configuration is
 * the UPI VPA one whose VPA the intent pays (`pa`); one that does not match means the payment must not go on
 * (cashfree-payment-gateway-integration-guide.md and billdesk-payment-gateway-integration-guide.md § Parsing the
 * response). A list that could not be read, or a configuration it lacks or lists without a VPA, is left to WhatsApp.
 */
export function upiIntentConfigurationRefusal(link: string, configurationName: string, configurations: NormalizedPaymentConfiguration[] | string): string | null {
	if (typeof configurations === 'string') return null;
	const configuration = configurationNamed(configurations, configurationName);
	if (!configuration) return null;
	const linked = gatewayOfConfiguration(configuration.providerName);
	if (linked) return `"${configurationName}" is linked to ${GATEWAY_NAMES[linked]}, not to a UPI VPA: name the configuration of the VPA the link pays (its pa=)`;
	const payee = upiIntentAttributes(link).get('pa');
	const vpa = configuration.merchantVpa;
	if (payee !== undefined && vpa !== null && payee.toLowerCase() !== vpa.toLowerCase()) {
		return `the link pays ${payee} but "${configurationName}" has the VPA ${vpa}: ask the gateway which VPA it pays, and name the configuration of that VPA`;
	}
	return null;
}
