/** Payment configurations of the WABA: the seeded ones, creation rules and the Graph API views. */

export type ConfigurationStatus = 'Active' | 'Needs Connecting' | 'Needs Testing';
export const CONFIGURATION_STATUSES: ConfigurationStatus[] = ['Active', 'Needs Connecting', 'Needs Testing'];
export const PROVIDERS = ['razorpay', 'payu', 'zaakpay', 'billdesk', 'upi_vpa'] as const;

export interface PaymentConfiguration {
	configuration_name: string;
	provider_name: (typeof PROVIDERS)[number];
	provider_mid: string;
	status: ConfigurationStatus;
	merchant_category_code: string;
	purpose_code: string;
	created_timestamp: number;
	updated_timestamp: number;
	redirect_url?: string;
	merchant_vpa?: string;
}

/** The fields the Graph API lists for a configuration. */
export function configurationView(c: PaymentConfiguration): Record<string, unknown> {
	const { configuration_name, provider_name, provider_mid, status, merchant_category_code, purpose_code, created_timestamp, updated_timestamp } = c;
	return { configuration_name, provider_name, provider_mid, status, merchant_category_code, purpose_code, created_timestamp, updated_timestamp };
}

export function seedConfigurations(nowSeconds: number): PaymentConfiguration[] {
	const seeded = (name: string, provider: PaymentConfiguration['provider_name'], status: ConfigurationStatus, mid: string): PaymentConfiguration => ({
		configuration_name: name,
		provider_name: provider,
		provider_mid: mid,
		status,
		merchant_category_code: '0000',
		purpose_code: '00',
		created_timestamp: nowSeconds,
		updated_timestamp: nowSeconds,
	});
	return [
		seeded('razorpay-sandbox', 'razorpay', 'Active', 'rzp_sandbox_mid'),
		seeded('payu-sandbox', 'payu', 'Active', 'payu_sandbox_mid'),
		seeded('upi-sandbox', 'upi_vpa', 'Needs Connecting', 'sandbox@upi'),
	];
}

const NAME = /^[A-Za-z0-9_-]{1,60}$/;

/**
 * Problems of a POST /{waba_id}/payment_configuration body, each "field: rule".
 * UNCONFIRMED: the exact formats of merchant_category_code (4 digits) and purpose_code (2 digits) follow
 * the UPI specification; Meta's own limits are not in our sources.
 */
export function newConfigurationErrors(body: Record<string, unknown>): string[] {
	const errors: string[] = [];
	const text = (field: string, pattern: RegExp, rule: string, required = true) => {
		const v = body[field];
		if (v === undefined) {
			if (required) errors.push(`${field}: is required`);
		} else if (typeof v !== 'string' || !pattern.test(v)) errors.push(`${field}: ${rule}`);
	};
	text('configuration_name', NAME, 'must be 1-60 letters, digits, "_" or "-"');
	if (body.provider_name === undefined) errors.push('provider_name: is required');
	else if (!(PROVIDERS as readonly unknown[]).includes(body.provider_name)) errors.push(`provider_name: must be one of ${PROVIDERS.join(', ')}`);
	text('merchant_category_code', /^\d{4}$/, 'must be 4 digits');
	text('purpose_code', /^\d{2}$/, 'must be 2 digits');
	text('redirect_url', /^https?:\/\/\S+$/, 'must be an http(s) URL');
	text('provider_mid', /^\S{1,100}$/, 'must be 1-100 characters without spaces', false);
	text('merchant_vpa', /^[A-Za-z0-9._-]{2,256}@[A-Za-z0-9.-]{2,64}$/, 'must be a UPI VPA like name@bank', body.provider_name === 'upi_vpa');
	return errors;
}
