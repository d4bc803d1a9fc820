import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

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

/**
 * The verify token of this node for Meta's URL check: its "Verify Token" parameter (by default made from the
 * node's ID, as n8n's own WhatsApp trigger does), else the node's ID (version 1 nodes have no parameter).
 */
export function nodeVerifyToken(context: IHookFunctions | IWebhookFunctions): string {
	const token = context.getNodeParameter('webhookVerification', '') as string;
	return typeof token === 'string' && token !== '' ? token : context.getNode().id;
}

/** The token Meta is told to send when the trigger subscribes the app: the credential's, when it sets one. */
export const subscriptionVerifyToken = (context: IHookFunctions, credentials: TriggerCredentials): string =>
	credentials.verifyToken || nodeVerifyToken(context);
