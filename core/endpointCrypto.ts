/**
 * The encryption of WhatsApp's data-exchange endpoints (checkout endpoint, Flows), with Node's own `crypto`:
 * each request carries a fresh 128-bit AES key wrapped with the business public key (RSA-OAEP, SHA-256 for
 * the hash and MGF1), its payload is AES-128-GCM with a 128-bit IV and the 16-byte tag appended, and the
 * answer is AES-128-GCM under the same key with every bit of the IV flipped
 * (implement-endpoints-for-flows.md § Request decryption and encryption).
 *
 * Both sides live here: the business's (decryptRequest, encryptResponse) and the WhatsApp client's
 * (encryptRequest, decryptResponse), which the sandbox and the tests play. Errors never carry key material.
 */
import { constants, createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, randomBytes, type KeyObject } from 'crypto';

import { isObject } from './messageShape';

const AES_KEY_BYTES = 16;
const TAG_BYTES = 16;
/** The pages call it a 128-bit initialization vector. */
const IV_BYTES = 16;
const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;

/** The result of `step`, or undefined when it throws (the callers name the failure without its details, which may hold key material). */
function attempt<T>(step: () => T): T | undefined {
	try {
		return step();
	} catch {
		return undefined;
	}
}

/** The encrypted body WhatsApp POSTs (checkout-button-templates.md § Implement encryption/decryption). */
export interface EncryptedRequest {
	encrypted_flow_data: string;
	encrypted_aes_key: string;
	initial_vector: string;
}

/** A decrypted request and what its answer is encrypted with. The key stays in memory, never in items or logs. */
export interface DecryptedRequest {
	payload: unknown;
	aesKey: Buffer;
	iv: Buffer;
}

/** A request that cannot be decrypted: the endpoint answers HTTP 421 so that the client fetches the public key again. */
export class DecryptionError extends Error {
	constructor(reason: string) {
		super(`cannot decrypt the request: ${reason}`);
		this.name = 'DecryptionError';
	}
}

/** The business private key cannot be read (wrong passphrase, not a PEM RSA key). The message names no key material. */
export class PrivateKeyError extends Error {
	constructor(reason: string) {
		super(`Private Key: ${reason}`);
		this.name = 'PrivateKeyError';
	}
}

/**
 * The business private key from PEM (PKCS#1 "RSA PRIVATE KEY", PKCS#8, or encrypted with a passphrase as
 * `openssl genrsa -des3` writes it: flows-encryption.md § Generating a 2048-bit RSA Key Pair). It must be RSA.
 */
export function loadPrivateKey(pem: string, passphrase?: string): KeyObject {
	if (typeof pem !== 'string' || !pem.includes('-----BEGIN')) throw new PrivateKeyError('must be a PEM key ("-----BEGIN ... PRIVATE KEY-----")');
	const key = attempt(() => createPrivateKey({ key: pem.replace(/\\n/g, '\n').trim(), format: 'pem', passphrase: passphrase || undefined }));
	if (!key) throw new PrivateKeyError(passphrase ? 'cannot be read with this passphrase (or is not a PEM private key)' : 'cannot be read: a passphrase is needed, or it is not a PEM private key');
	if (key.asymmetricKeyType !== 'rsa') throw new PrivateKeyError(`must be an RSA key, not ${key.asymmetricKeyType ?? 'unknown'}`);
	return key;
}

/** The public half of the business key pair, as the PEM that is uploaded to /{phone-number-id}/whatsapp_business_encryption. */
export function publicKeyPem(privateKey: KeyObject): string {
	return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 (the client may escape "/" as "\/" the way the page's curl shows it); null when it is not base64. */
function base64Bytes(value: unknown): Buffer | null {
	if (typeof value !== 'string') return null;
	const text = value.replace(/\\\//g, '/').replace(/\s+/g, '');
	return text !== '' && BASE64.test(text) ? Buffer.from(text, 'base64') : null;
}

/** The three base64 fields of an encrypted request body (object or JSON text), or why not. */
export function readEncryptedRequest(body: unknown): EncryptedRequest {
	const parsed: unknown = typeof body === 'string' || Buffer.isBuffer(body) ? attempt(() => JSON.parse(body.toString())) : body;
	if (!isObject(parsed)) throw new DecryptionError('the body is not an object');
	for (const field of ['encrypted_flow_data', 'encrypted_aes_key', 'initial_vector'] as const) {
		if (!base64Bytes(parsed[field])) throw new DecryptionError(`${field} is missing or not base64`);
	}
	return parsed as unknown as EncryptedRequest;
}

/** AES-128-GCM with the 16-byte tag appended to the ciphertext, empty AAD. */
function aesGcm(direction: 'encrypt' | 'decrypt', key: Buffer, iv: Buffer, data: Buffer): Buffer {
	if (direction === 'encrypt') {
		const cipher = createCipheriv('aes-128-gcm', key, iv);
		return Buffer.concat([cipher.update(data), cipher.final(), cipher.getAuthTag()]);
	}
	const decipher = createDecipheriv('aes-128-gcm', key, iv);
	decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
	return Buffer.concat([decipher.update(data.subarray(0, data.length - TAG_BYTES)), decipher.final()]);
}

/** The answer's IV: each byte of the request's IV XOR 0xFF. */
export const flipIv = (iv: Buffer): Buffer => Buffer.from(iv.map((byte) => byte ^ 0xff));

/** The AES key of a request, unwrapped with the private key; DecryptionError when it is not a 128-bit key wrapped for this key pair. */
export function unwrapAesKey(request: Pick<EncryptedRequest, 'encrypted_aes_key' | 'initial_vector'>, privateKey: KeyObject): { aesKey: Buffer; iv: Buffer } {
	const wrapped = base64Bytes(request.encrypted_aes_key);
	const iv = base64Bytes(request.initial_vector);
	if (!wrapped || !iv) throw new DecryptionError('encrypted_aes_key or initial_vector is missing or not base64');
	if (iv.length !== IV_BYTES) throw new DecryptionError(`initial_vector must be ${IV_BYTES} bytes, not ${iv.length}`);
	const aesKey = attempt(() => privateDecrypt({ key: privateKey, ...OAEP }, wrapped));
	if (!aesKey) throw new DecryptionError('encrypted_aes_key was not encrypted with this business public key');
	if (aesKey.length !== AES_KEY_BYTES) throw new DecryptionError(`the AES key must be ${AES_KEY_BYTES * 8} bits`);
	return { aesKey, iv };
}

/** Decrypts a request body (object or JSON text); DecryptionError (answer 421) on anything that does not decrypt to JSON. */
export function decryptRequest(body: unknown, privateKey: KeyObject): DecryptedRequest {
	const request = readEncryptedRequest(body);
	const { aesKey, iv } = unwrapAesKey(request, privateKey);
	const data = base64Bytes(request.encrypted_flow_data) as Buffer;
	if (data.length <= TAG_BYTES) throw new DecryptionError('encrypted_flow_data is shorter than its authentication tag');
	const clear = attempt(() => aesGcm('decrypt', aesKey, iv, data));
	if (!clear) throw new DecryptionError('encrypted_flow_data does not authenticate (tampered, or another key)');
	const payload = attempt(() => JSON.parse(clear.toString('utf8')) as unknown);
	if (payload === undefined) throw new DecryptionError('the decrypted payload is not JSON');
	return { payload, aesKey, iv };
}

/** The answer's body: the JSON payload, AES-GCM with the request's key and the flipped IV, tag appended, base64 (sent as text/plain). */
export function encryptResponse(payload: unknown, aesKey: Buffer, iv: Buffer): string {
	return aesGcm('encrypt', aesKey, flipIv(iv), Buffer.from(JSON.stringify(payload), 'utf8')).toString('base64');
}

// ---------------------------------------------------------------- the WhatsApp client's side

/** Encrypts a request as the WhatsApp client does, with a fresh key and IV unless given (tests pin them). */
export function encryptRequest(payload: unknown, publicKey: string | KeyObject, fixed: { aesKey?: Buffer; iv?: Buffer } = {}): { body: EncryptedRequest; aesKey: Buffer; iv: Buffer } {
	const aesKey = fixed.aesKey ?? randomBytes(AES_KEY_BYTES);
	const iv = fixed.iv ?? randomBytes(IV_BYTES);
	const body: EncryptedRequest = {
		encrypted_flow_data: aesGcm('encrypt', aesKey, iv, Buffer.from(JSON.stringify(payload), 'utf8')).toString('base64'),
		encrypted_aes_key: publicEncrypt({ key: publicKey, ...OAEP }, aesKey).toString('base64'),
		initial_vector: iv.toString('base64'),
	};
	return { body, aesKey, iv };
}

/** Decrypts an endpoint's answer as the client does; throws when it does not authenticate or is not JSON. */
export function decryptResponse(text: string, aesKey: Buffer, iv: Buffer): unknown {
	const data = base64Bytes(text.trim());
	if (!data || data.length <= TAG_BYTES) throw new DecryptionError('the answer is not base64 of an AES-GCM payload');
	const answer = attempt(() => JSON.parse(aesGcm('decrypt', aesKey, flipIv(iv), data).toString('utf8')) as unknown);
	if (answer === undefined) throw new DecryptionError('the answer does not decrypt with the request key and the flipped IV');
	return answer;
}
