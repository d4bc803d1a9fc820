/** Where each provider lives and how its paths are built. The one place that knows the hosts. */
export type Provider = 'cloudApi' | 'dialog360';

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

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** The URL all of this provider's paths hang off. */
export function apiBaseUrl(s: ProviderSettings): string {
	if (s.provider === 'dialog360') return trimSlash(s.baseUrl || DIALOG360_HOST);
	return `${trimSlash(s.baseUrl || CLOUD_API_HOST)}/${s.apiVersion || DEFAULT_GRAPH_API_VERSION}`;
}

/** Path of the send endpoint. */
export function messagesPath(s: ProviderSettings): string {
	return s.provider === 'dialog360' ? '/messages' : `/${s.phoneNumberId}/messages`;
}

/** Path of the payment lookup (360dialog: the /v1 form of the seed). */
export function paymentLookupPath(s: ProviderSettings, configurationName: string, referenceId: string): string {
	const tail = `payments/${encodeURIComponent(configurationName)}/${encodeURIComponent(referenceId)}`;
	return s.provider === 'dialog360' ? `/v1/${tail}` : `/${s.phoneNumberId}/${tail}`;
}
