/** Where each provider lives and how its paths are built. The one place that knows the hosts. */
export type Provider = 'cloudApi' | 'dialog360';

/** The provider a credential names: 360dialog when it says so, the Cloud API otherwise (unset or anything else). */
export const credentialProvider = (credential: { provider?: unknown }): Provider => (credential.provider === 'dialog360' ? 'dialog360' : 'cloudApi');

export const DEFAULT_GRAPH_API_VERSION = 'v23.0';
export const CLOUD_API_HOST = 'https://graph.facebook.com';
export const DIALOG360_HOST = 'https://waba-v2.360dialog.io';

export interface ProviderSettings {
	provider: Provider;
	phoneNumberId?: string;
	businessAccountId?: string;
	apiVersion?: string;
	/** Overrides the real host (e.g. the local sandbox). */
	baseUrl?: string;
}

/**
 * The Meta app's own access token, for its webhook subscription: the one set in the credential, else built
 * from the App ID and App Secret ("app-id|app-secret", Meta's app access token form). Empty when neither.
 */
export function appAccessTokenOf(c: { appId?: unknown; appSecret?: unknown; appAccessToken?: unknown }): string {
	if (typeof c.appAccessToken === 'string' && c.appAccessToken !== '') return c.appAccessToken;
	const id = typeof c.appId === 'string' ? c.appId.trim() : '';
	const secret = typeof c.appSecret === 'string' ? c.appSecret : '';
	return id !== '' && secret !== '' ? `${id}|${secret}` : '';
}

/** Graph object IDs go into request paths as written: digits only, so that no value ("..", "1/x") points a request elsewhere. */
export const isGraphId = (id: string): boolean => /^\d+$/.test(id);

/** What a value refused by isGraphId needs, showing the value (IDs are not secret). */
export const graphIdRefusal = (id: string): string => `must be an ID of digits only, not ${JSON.stringify(id)}`;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** The URL all of this provider's paths hang off. */
export function apiBaseUrl(s: ProviderSettings): string {
	if (s.provider === 'dialog360') return trimSlash(s.baseUrl || DIALOG360_HOST);
	return `${trimSlash(s.baseUrl || CLOUD_API_HOST)}/${s.apiVersion || DEFAULT_GRAPH_API_VERSION}`;
}

/**
 * 360dialog carries payments for India only: "The Payments API feature is available only for Indian businesses using
 * the 360dialog WhatsApp Business API with phone numbers only from India" (payments-gateway-india-360dialog.txt, l.2).
 */
export const DIALOG360_INDIA_ONLY = '360dialog payments are for India only (its Payments API documentation: Indian businesses with Indian phone numbers)';

/** Path of the send endpoint. */
export function messagesPath(s: ProviderSettings): string {
	return s.provider === 'dialog360' ? '/messages' : `/${s.phoneNumberId}/messages`;
}

/**
 * Whether a value would not stay one segment of a request path: encoding keeps its slashes in, but "." and ".."
 * are resolved by URL parsing (/payments/{configuration}/.. is /payments/). Reference IDs and configuration names
 * "." and ".." are refused for it; three dots or more are an ordinary segment (and a reference_id the pages allow).
 */
export const isDotSegment = (segment: string): boolean => /^\.{1,2}$/.test(segment);

/** What a value refused by isDotSegment needs. */
export const DOT_SEGMENT_REFUSAL = 'must contain a letter, digit, "_" or "-"';

/**
 * A value as one segment of a request path, encoded; "." or ".." throws, naming `parameter` (the node's
 * parameter, so that the error reads in the form's words). The forms refuse such values earlier, item by item; this
 * keeps every other caller (the cancel guard's lookup, the trigger's confirmation) on the path it meant.
 */
function pathSegment(value: string, parameter: string): string {
	if (isDotSegment(value)) throw new Error(`${parameter}: ${DOT_SEGMENT_REFUSAL}`);
	return encodeURIComponent(value);
}

/** Path of the payment lookup (360dialog: the /v1 form of the seed). */
export function paymentLookupPath(s: ProviderSettings, configurationName: string, referenceId: string): string {
	const tail = `payments/${pathSegment(configurationName, 'paymentConfiguration')}/${pathSegment(referenceId, 'referenceId')}`;
	return s.provider === 'dialog360' ? `/v1/${tail}` : `/${s.phoneNumberId}/${tail}`;
}

/** Path of the refund endpoint (India). 360dialog: the Cloud path without the phone id (UNCONFIRMED). */
export function refundPath(s: ProviderSettings): string {
	return s.provider === 'dialog360' ? '/payments_refund' : `/${s.phoneNumberId}/payments_refund`;
}

/** The payment configuration endpoints of the Cloud API, all under the WhatsApp Business Account. */
export type PaymentConfigurationEndpoint = 'list' | 'get' | 'create' | 'oauthLink' | 'delete';

/**
 * Path of a payment configuration endpoint. Only the Cloud API has them (360dialog numbers are set up in
 * WhatsApp Manager or by 360dialog support): throws when the provider or the WABA id does not allow them.
 */
export function paymentConfigurationPath(s: ProviderSettings, endpoint: PaymentConfigurationEndpoint, configurationName = ''): string {
	if (s.provider !== 'cloudApi') {
		throw new Error('Payment configurations can only be managed through the Meta Cloud API; for 360dialog numbers use WhatsApp Manager or 360dialog support');
	}
	if (!s.businessAccountId) throw new Error('The credential needs the WhatsApp Business Account ID for payment configuration operations');
	const waba = `/${s.businessAccountId}`;
	switch (endpoint) {
		case 'list':
			return `${waba}/payment_configurations`;
		case 'get':
			return `${waba}/payment_configuration/${pathSegment(configurationName, 'paymentConfiguration')}`;
		case 'oauthLink':
			return `${waba}/generate_payment_configuration_oauth_link`;
		case 'create':
		case 'delete':
			return `${waba}/payment_configuration`;
	}
}

/** The business account's phone numbers (Cloud API; a 360dialog key stands for one number). */
export function phoneNumbersPath(s: ProviderSettings): string {
	if (!s.businessAccountId) throw new Error('The WhatsApp Business Account ID is needed to list phone numbers');
	return `/${s.businessAccountId}/phone_numbers`;
}

/** The business account's message templates: Cloud API under the WABA, 360dialog under its config paths. */
export function messageTemplatesPath(s: ProviderSettings): string {
	if (s.provider === 'dialog360') return '/v1/configs/templates';
	if (!s.businessAccountId) throw new Error('The WhatsApp Business Account ID is needed to list templates');
	return `/${s.businessAccountId}/message_templates`;
}
