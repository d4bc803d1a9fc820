import type { ProviderSettings } from '../../core/providers';

export { CREDENTIAL_TYPE } from '../shared/credentialType';

/** The decrypted whatsAppPaymentsApi credential, as far as the trigger reads it. */
export interface TriggerCredentials extends ProviderSettings {
	appSecret?: string;
	verifyToken?: string;
	webhookSharedSecret?: string;
	/** Meta only, both optional: the app whose webhook subscription the trigger manages (see appSubscription.ts). */
	appId?: string;
	appAccessToken?: string;
}
