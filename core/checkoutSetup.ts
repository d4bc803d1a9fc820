/**
 * Setting the checkout endpoint up: the business public key of a phone number (flows-encryption.md § Set Business
 * Public Key and § Get Business Public Key; whatsapp-cloud-api-business-encryption-api.md) and the data endpoint
 * URL of a payment configuration (onboarding-apis.md § Link or update data endpoint).
 */
import { createPublicKey } from 'crypto';

import { isObject, type JsonObject } from './messageShape';
import type { ProviderSettings } from './providers';
import type { ValidationError } from './types';

/** The business key pair is 2048-bit RSA (flows-encryption.md § Generating a 2048-bit RSA Key Pair). */
export const BUSINESS_KEY_BITS = 2048;

/** Path of the business public key of the credential's phone number (Cloud API only). */
export function businessEncryptionPath(s: ProviderSettings): string {
	if (s.provider !== 'cloudApi') throw new Error('The business public key is set through the Meta Cloud API (POST /{phone-number-id}/whatsapp_business_encryption)');
	if (!s.phoneNumberId) throw new Error('Sending Phone Number: choose the number whose business public key this is');
	return `/${s.phoneNumberId}/whatsapp_business_encryption`;
}

/** Problems of a public key to upload: it must be a PEM RSA public key of 2048 bits. */
export function publicKeyErrors(pem: unknown, path = '/business_public_key'): ValidationError[] {
	if (typeof pem !== 'string' || !pem.includes('-----BEGIN PUBLIC KEY-----')) {
		return [{ path, message: 'must be a PEM public key ("-----BEGIN PUBLIC KEY-----")', rule: 'business_public_key' }];
	}
	try {
		const key = createPublicKey(pem.replace(/\\n/g, '\n').trim());
		const bits = key.asymmetricKeyDetails?.modulusLength;
		if (key.asymmetricKeyType !== 'rsa') return [{ path, message: `must be an RSA key, not ${key.asymmetricKeyType}`, rule: 'business_public_key' }];
		if (bits !== BUSINESS_KEY_BITS) return [{ path, message: `must be a ${BUSINESS_KEY_BITS}-bit RSA key, not ${bits}-bit`, rule: 'business_public_key' }];
		return [];
	} catch {
		return [{ path, message: 'cannot be read as a PEM public key', rule: 'business_public_key' }];
	}
}

export interface BusinessPublicKey {
	publicKey: string | null;
	/** VALID or MISMATCH (the stored key's signature). */
	signatureStatus: string | null;
}

/**
 * The GET answer, in both documented readings: flat {business_public_key, business_public_key_signature_status}
 * (flows-encryption.md § Get Business Public Key) or {data: [{...}]} (whatsapp-cloud-api-business-encryption-api.md).
 * UNCONFIRMED which one the API gives: both are read.
 */
export function readBusinessPublicKey(body: unknown): BusinessPublicKey {
	const entry = isObject(body) && Array.isArray(body.data) && isObject(body.data[0]) ? body.data[0] : isObject(body) ? body : {};
	const key = typeof entry.business_public_key === 'string' && entry.business_public_key.trim() !== '' ? entry.business_public_key : null;
	const status = typeof entry.business_public_key_signature_status === 'string' ? entry.business_public_key_signature_status : null;
	return { publicKey: key, signatureStatus: status };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The body that links (or updates) the data endpoint of a payment configuration: {data_endpoint_url} (onboarding-apis.md §
 * Link or update data endpoint). UNCONFIRMED: the page's table spells the field data-endpoint-url, its example
 * data_endpoint_url; the example's spelling is sent (the Graph API's parameters are snake_case, and both spellings
 * come from the same page, so the precedence rule picks neither); the sandbox accepts both.
 * The URL must be HTTPS (checkout-button-templates.md § Set up the endpoint); plain HTTP only on a loopback host, for
 * local tests against the sandbox. `null` removes the link: the page names a delete but shows no request for it, so
 * an empty URL is sent (UNCONFIRMED).
 */
export function dataEndpointRequest(url: string | null): { body: JsonObject; errors: ValidationError[] } {
	if (url === null) return { body: { data_endpoint_url: '' }, errors: [] };
	const path = '/data_endpoint_url';
	let parsed: URL;
	try {
		parsed = new URL(url.trim());
	} catch {
		return { body: {}, errors: [{ path, message: 'must be a URL (https://...)', rule: 'format' }] };
	}
	const local = parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname);
	if (parsed.protocol !== 'https:' && !local) return { body: {}, errors: [{ path, message: 'must use HTTPS', rule: 'https' }] };
	return { body: { data_endpoint_url: parsed.toString() }, errors: [] };
}
