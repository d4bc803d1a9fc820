import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { loadPrivateKey, PrivateKeyError } from '../../core/endpointCrypto';
import type { KeyObject } from 'crypto';

/** The credential of the checkout endpoint (credentials/WhatsAppCheckoutEndpointApi.credentials.ts). */
export const CHECKOUT_CREDENTIAL_TYPE = 'whatsAppCheckoutEndpointApi';

/** The checkout trigger's node type name, as the Respond to Checkout operation finds it among its parents. */
export const CHECKOUT_TRIGGER_NAME = 'whatsAppCheckoutTrigger';

export interface CheckoutCredentials {
	privateKey?: string;
	passphrase?: string;
	appSecret?: string;
	/** While the app secret is reset: the old one, accepted until previousAppSecretValidUntil (core/signatures.ts). */
	previousAppSecret?: string;
	previousAppSecretValidUntil?: string;
}

/** The business private key of the credential; PrivateKeyError names the field, never its value. */
export function checkoutPrivateKey(credentials: CheckoutCredentials): KeyObject {
	return loadPrivateKey(credentials.privateKey ?? '', credentials.passphrase);
}

/** The credential test: the key must load with the passphrase, and an app secret must be there to verify requests. */
export async function checkoutKeyTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as CheckoutCredentials;
	try {
		checkoutPrivateKey(data);
	} catch (error) {
		return { status: 'Error', message: error instanceof PrivateKeyError ? error.message : 'Private Key: cannot be read' };
	}
	if (!data.appSecret) return { status: 'Error', message: 'App Secret: needed to verify that requests come from WhatsApp' };
	return { status: 'OK', message: 'The private key loads with this passphrase' };
}
