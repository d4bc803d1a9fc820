import type { ProviderSettings } from '../../core/providers';

export { CREDENTIAL_TYPE } from '../shared/credentialType';

/** The decrypted whatsAppPaymentsApi credential, as far as the trigger reads it. */
export interface TriggerCredentials extends ProviderSettings {
	appSecret?: string;
	/** While the app secret is reset: the old one, accepted until previousAppSecretValidUntil (see core/signatures.ts). */
	previousAppSecret?: string;
	previousAppSecretValidUntil?: string;
	verifyToken?: string;
	webhookSharedSecret?: string;
	/** Meta only, both optional: the app whose webhook subscription the trigger manages (see appSubscription.ts). */
	appId?: string;
	appAccessToken?: string;
}
