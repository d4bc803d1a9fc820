import { constants, createCipheriv, createDecipheriv, createPrivateKey, generateKeyPairSync, privateDecrypt, publicEncrypt, randomBytes } from 'crypto';
import {
	decryptRequest,
	decryptResponse,
	DecryptionError,
	encryptRequest,
	encryptResponse,
	loadPrivateKey,
	PrivateKeyError,
	publicKeyPem,
	readEncryptedRequest,
} from '../../core/endpointCrypto';
import { businessKeyPair, PASSPHRASE } from '../fixtures/checkout';

const REQUEST = { version: '3.0', action: 'ping' };

describe('endpoint encryption (implement-endpoints-for-flows.md § Request decryption and encryption)', () => {
	const { privateKey, publicKey } = businessKeyPair();
	const key = loadPrivateKey(privateKey, PASSPHRASE);

	it('the docs\' NodeJS script: an AES key encrypted with the public key (OAEP, SHA-256) decrypts with the passphrase-protected private key', () => {
		const clearKey = randomBytes(16);
		const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, clearKey).toString('base64');
		const { body } = encryptRequest(REQUEST, publicKey);
		const { aesKey } = decryptRequest({ ...body, encrypted_aes_key: wrapped, encrypted_flow_data: reencrypt(body, clearKey) }, key);
		expect(aesKey.equals(clearKey)).toBe(true);
	});

	/** The request payload encrypted again under another AES key, the way the client would. */
	function reencrypt(body: { initial_vector: string }, aesKey: Buffer): string {
		const cipher = createCipheriv('aes-128-gcm', aesKey, Buffer.from(body.initial_vector, 'base64'));
		return Buffer.concat([cipher.update(JSON.stringify(REQUEST)), cipher.final(), cipher.getAuthTag()]).toString('base64');
	}

	it('the docs\' Node.js Express example decrypts what encryptRequest sends, and reads what encryptResponse answers', () => {
		const { body } = encryptRequest(REQUEST, publicKey);
		// decryptRequest of the page's example, step by step.
		const aesKey = privateDecrypt(
			{ key: createPrivateKey({ key: privateKey, passphrase: PASSPHRASE }), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
			Buffer.from(body.encrypted_aes_key, 'base64'),
		);
		const data = Buffer.from(body.encrypted_flow_data, 'base64');
		const iv = Buffer.from(body.initial_vector, 'base64');
		const decipher = createDecipheriv('aes-128-gcm', aesKey, iv);
		decipher.setAuthTag(data.subarray(-16));
		expect(JSON.parse(Buffer.concat([decipher.update(data.subarray(0, -16)), decipher.final()]).toString('utf-8'))).toEqual(REQUEST);
		// encryptResponse of the page's example: the IV flipped byte by byte (~), the tag appended, base64.
		const flipped = Buffer.from([...iv.entries()].map(([, byte]) => ~byte));
		const cipher = createCipheriv('aes-128-gcm', aesKey, flipped);
		const theirs = Buffer.concat([cipher.update(JSON.stringify({ data: { status: 'active' } }), 'utf-8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
		expect(encryptResponse({ data: { status: 'active' } }, aesKey, iv)).toBe(theirs);
		expect(decryptResponse(theirs, aesKey, iv)).toEqual({ data: { status: 'active' } });
	});

	it('round-trips a request and its answer, also given as JSON text with escaped slashes as in the page\'s curl', () => {
		const { body, aesKey, iv } = encryptRequest({ action: 'data_exchange', data: { note: 'ä/€' } }, publicKey);
		const text = JSON.stringify(body).replace(/\//g, '\\\\/');
		const decrypted = decryptRequest(text, key);
		expect(decrypted.payload).toEqual({ action: 'data_exchange', data: { note: 'ä/€' } });
		expect(decrypted.aesKey.equals(aesKey)).toBe(true);
		expect(decryptResponse(encryptResponse({ ok: 1 }, decrypted.aesKey, decrypted.iv), aesKey, iv)).toEqual({ ok: 1 });
	});

	it('reads the private key as PKCS#1 with a passphrase, and as unencrypted PKCS#8; gives the public key to upload', () => {
		const pkcs8 = key.export({ type: 'pkcs8', format: 'pem' }).toString();
		expect(publicKeyPem(loadPrivateKey(pkcs8))).toBe(publicKeyPem(key));
		expect(publicKeyPem(key).replace(/\s+/g, '')).toBe(publicKey.replace(/\s+/g, ''));
	});

	it('refuses a wrong passphrase or a non-key without naming the key or the passphrase', () => {
		for (const attempt of [() => loadPrivateKey(privateKey, 'wrong-passphrase'), () => loadPrivateKey(privateKey), () => loadPrivateKey('not a key')]) {
			expect(attempt).toThrow(PrivateKeyError);
			try {
				attempt();
			} catch (e) {
				const message = (e as Error).message;
				expect(message).toMatch(/^Private Key: /);
				expect(message).not.toContain('wrong-passphrase');
				expect(message).not.toContain('BEGIN RSA');
			}
		}
	});

	it.each([
		['a tampered payload', (b: Record<string, string>) => ({ ...b, encrypted_flow_data: flipLastByte(b.encrypted_flow_data) })],
		['a tampered IV', (b: Record<string, string>) => ({ ...b, initial_vector: flipLastByte(b.initial_vector) })],
		['an AES key wrapped for another key pair', (b: Record<string, string>) => ({ ...b, encrypted_aes_key: encryptRequest(REQUEST, otherPublicKey()).body.encrypted_aes_key })],
		['a field missing', (b: Record<string, string>) => ({ encrypted_flow_data: b.encrypted_flow_data, initial_vector: b.initial_vector })],
		['a field that is not base64', (b: Record<string, string>) => ({ ...b, initial_vector: 'not base64!' })],
		['a body that is not JSON', () => '{"encrypted_flow_data":'],
	])('%s cannot be decrypted (DecryptionError: the endpoint answers 421)', (_name, tamper) => {
		const { body } = encryptRequest(REQUEST, publicKey);
		expect(() => decryptRequest(tamper(body as unknown as Record<string, string>), key)).toThrow(DecryptionError);
	});

	it('an answer that is not for this key and IV does not decrypt', () => {
		const { aesKey, iv } = encryptRequest(REQUEST, publicKey);
		const answer = encryptResponse({ ok: 1 }, aesKey, iv);
		expect(() => decryptResponse(answer, aesKey, Buffer.from(iv.map((b) => b ^ 1)))).toThrow(DecryptionError);
		expect(() => readEncryptedRequest([])).toThrow(DecryptionError);
	});
});

function flipLastByte(base64: string): string {
	const bytes = Buffer.from(base64, 'base64');
	bytes[bytes.length - 1] ^= 1;
	return bytes.toString('base64');
}

let other: string | undefined;
function otherPublicKey(): string {
	other ??= generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }).publicKey;
	return other;
}
