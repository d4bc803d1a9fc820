/**
 * Payment configurations of the WABA (onboarding-apis.md): the seeded ones and the views the Graph API
 * and the payment_configuration_update webhook give of them.
 */
import type { ConfigurationProvider } from '../core/paymentConfigurations';

export type ConfigurationStatus = 'Active' | 'Needs Connecting' | 'Needs Testing';
export const CONFIGURATION_STATUSES: ConfigurationStatus[] = ['Active', 'Needs Connecting', 'Needs Testing'];

/** A code and its description, as the list and get answers write merchant_category_code and purpose_code. */
export interface DescribedCode {
	code: string;
	description: string;
}

export interface PaymentConfiguration {
	configuration_name: string;
	provider_name: ConfigurationProvider;
	/** The gateway's merchant id; none for a UPI VPA configuration. */
	provider_mid?: string;
	status: ConfigurationStatus;
	merchant_category_code: DescribedCode;
	purpose_code: DescribedCode;
	created_timestamp: number;
	updated_timestamp: number;
	redirect_url?: string;
	merchant_vpa?: string;
}

/** Descriptions of the codes the sandbox knows; others are described as such. UNCONFIRMED: Meta's own texts are not in our sources. */
const MCC_DESCRIPTIONS: Record<string, string> = { '0000': 'Test MCC Code', '5399': 'Miscellaneous General Merchandise', '5411': 'Grocery Stores, Supermarkets' };
const PURPOSE_DESCRIPTIONS: Record<string, string> = { '00': 'Test Purpose Code' };

export const describeMcc = (code: string): DescribedCode => ({ code, description: MCC_DESCRIPTIONS[code] ?? `Merchant category ${code}` });
export const describePurpose = (code: string): DescribedCode => ({ code, description: PURPOSE_DESCRIPTIONS[code] ?? `Purpose ${code}` });

/**
 * A configuration as GET .../payment_configurations and .../payment_configuration/{name} list it. The
 * status is spelled with an underscore there (onboarding-apis: "Needs_Connecting", "Needs_Testing"),
 * with a space in the webhook (payment-configuration-update-webhook-reference); readers accept both.
 */
export function configurationView(c: PaymentConfiguration): Record<string, unknown> {
	return {
		configuration_name: c.configuration_name,
		merchant_category_code: { ...c.merchant_category_code },
		purpose_code: { ...c.purpose_code },
		status: c.status.replace(' ', '_'),
		...(c.provider_mid !== undefined ? { provider_mid: c.provider_mid } : {}),
		provider_name: c.provider_name,
		...(c.merchant_vpa !== undefined ? { merchant_vpa: c.merchant_vpa } : {}),
		created_timestamp: c.created_timestamp,
		updated_timestamp: c.updated_timestamp,
	};
}

/**
 * The value of a payment_configuration_update webhook (payment gateway configurations only): the six documented
 * fields, provider_mid Required (onboarding-apis.md § Payment Configuration Webhook), so only a configuration
 * that has been connected to a gateway account has one.
 */
export function configurationUpdateValue(c: PaymentConfiguration & { provider_mid: string }): Record<string, unknown> {
	return {
		configuration_name: c.configuration_name,
		provider_name: c.provider_name,
		provider_mid: c.provider_mid,
		status: c.status,
		created_timestamp: c.created_timestamp,
		updated_timestamp: c.updated_timestamp,
	};
}

export function seedConfigurations(nowSeconds: number): PaymentConfiguration[] {
	const seeded = (name: string, provider: ConfigurationProvider, status: ConfigurationStatus, mid: string): PaymentConfiguration => ({
		configuration_name: name,
		provider_name: provider,
		...(provider === 'upi_vpa' ? { merchant_vpa: mid } : { provider_mid: mid }),
		status,
		merchant_category_code: describeMcc('0000'),
		purpose_code: describePurpose('00'),
		created_timestamp: nowSeconds,
		updated_timestamp: nowSeconds,
	});
	return [
		seeded('razorpay-sandbox', 'razorpay', 'Active', 'rzp_sandbox_mid'),
		seeded('payu-sandbox', 'payu', 'Active', 'payu_sandbox_mid'),
		seeded('billdesk-sandbox', 'billdesk', 'Active', 'billdesk_sandbox_mid'),
		seeded('zaakpay-sandbox', 'zaakpay', 'Active', 'zaakpay_sandbox_mid'),
		// Nothing to connect: Active, as Create makes a UPI VPA configuration.
		seeded('upi-sandbox', 'upi_vpa', 'Active', 'sandbox@upi'),
	];
}
