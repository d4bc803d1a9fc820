/**
 * Is this POST really from WhatsApp (Meta or 360dialog), and is it small enough to read?
 * Decided on the raw bytes before anything is parsed; a refused delivery starts no execution.
 */
import { appSecretsOf, safeEqual, verifySignatureWithRotation } from '../../core/signatures';
import { credentialProvider } from '../../core/providers';
import type { TriggerCredentials } from './credentials';

export const SIGNATURE_HEADER = 'x-hub-signature-256';
export const SHARED_SECRET_HEADER = 'x-webhook-secret';
/** Meta batches at most 1000 updates per POST, far below this. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export type DeliveryCheck = { ok: true; rawBody: Buffer } | { ok: false; status: 401 | 413; reason: string };

type Headers = Record<string, string | string[] | undefined>;

/** The request as far as the check needs it: n8n's express request with its raw-body reader. */
export interface RawRequest {
	headers: Headers;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

function singleHeader(headers: Headers, name: string): string | undefined {
	const value = headers[name];
	return typeof value === 'string' ? value : undefined;
}

/**
 * Which proof a delivery must carry: the one its sender was set up to send.
 *
 * Meta Cloud API: Meta signs every delivery with the app secret (X-Hub-Signature-256).
 *
 * 360dialog: with a Webhook Secret, activation registered it as the X-Webhook-Secret header of this URL
 * (registration.ts), so that header is what 360dialog sends, and what is checked. 360dialog does not document
 * signing number webhooks (UNCONFIRMED), so an App Secret does not decide here: a credential switched from the Cloud
 * API keeps the old App Secret in a field the 360dialog form hides, and checking signatures against it refused
 * every delivery while activation succeeded. Nor is a signature accepted instead of the header: a leftover secret
 * the merchant cannot see must not let deliveries in. Without a Webhook Secret, an App Secret is checked as on the
 * Cloud API (360dialog set-ups that sign with one). With neither there is nothing to check against, so every
 * delivery is refused (and activation fails, registration.ts).
 */
export function deliveryProof(credentials: TriggerCredentials): 'signature' | 'sharedSecret' | 'none' {
	if (credentialProvider(credentials) === 'dialog360' && credentials.webhookSharedSecret) return 'sharedSecret';
	return credentials.appSecret ? 'signature' : 'none';
}

export async function checkDelivery(request: RawRequest, credentials: TriggerCredentials, maxBodyBytes: number): Promise<DeliveryCheck> {
	// Refuse an announced oversized body before touching it.
	const declaredLength = Number(singleHeader(request.headers, 'content-length'));
	if (Number.isFinite(declaredLength) && declaredLength > maxBodyBytes) {
		return { ok: false, status: 413, reason: `body: larger than ${maxBodyBytes} bytes` };
	}
	if (!request.rawBody && request.readRawBody) await request.readRawBody();
	const rawBody = request.rawBody;
	if (!Buffer.isBuffer(rawBody)) return { ok: false, status: 401, reason: 'body: raw bytes unavailable, signature cannot be checked' };
	if (rawBody.length > maxBodyBytes) return { ok: false, status: 413, reason: `body: larger than ${maxBodyBytes} bytes` };

	switch (deliveryProof(credentials)) {
		case 'signature':
			return verifySignatureWithRotation(rawBody, singleHeader(request.headers, SIGNATURE_HEADER), appSecretsOf(credentials), Date.now())
				? { ok: true, rawBody }
				: { ok: false, status: 401, reason: `${SIGNATURE_HEADER}: missing or does not match the body` };
		case 'sharedSecret':
			return safeEqual(singleHeader(request.headers, SHARED_SECRET_HEADER) ?? '', credentials.webhookSharedSecret as string)
				? { ok: true, rawBody }
				: { ok: false, status: 401, reason: `${SHARED_SECRET_HEADER}: missing or wrong` };
		default:
			return { ok: false, status: 401, reason: 'credential: no App Secret (or 360dialog shared secret) to verify deliveries with' };
	}
}
