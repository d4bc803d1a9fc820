/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * The checkout endpoint's kept credential (nodes/shared/credentialCache.ts), in n8n's engine over real HTTP on
 * 127.0.0.1: WhatsApp's side (encrypted, signed pings) against the trigger while the test changes the credential the
 * engine serves. Forged requests are refused without spoiling the kept credential; a new App Secret or key pair is
 * picked up after a refusal, at most one reload in 10 s (the clock is moved, not waited for).
 */
import { generateKeyPairSync } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { WhatsAppCheckoutEndpointApi } from '../../credentials/WhatsAppCheckoutEndpointApi.credentials';
import { PING_ANSWER } from '../../core/checkout';
import { decryptResponse, encryptRequest } from '../../core/endpointCrypto';
import { signBody } from '../../core/signatures';
import { WhatsAppCheckoutTrigger } from '../../nodes/WhatsAppCheckoutTrigger/WhatsAppCheckoutTrigger.node';
import { CHECKOUT_CREDENTIAL_TYPE } from '../../nodes/shared/checkoutKey';
import { throttledLog } from '../../nodes/shared/throttledLog';
import { createEngineHarness, loggedWarnings, textOf, type EngineHarness, type WebhookServer } from '../engine/harness';
import { businessKeyPair, PASSPHRASE } from '../fixtures/checkout';

const FIRST_SECRET = 'checkout-app-secret-first-9c2e';
const NEW_SECRET = 'checkout-app-secret-new-41d7';
const ENDPOINT = 'Endpoint';
/** The cache's reload limit after a refusal (nodes/shared/credentialCache.ts). */
const RELOAD_AFTER_REFUSAL_MS = 10_000;

/** A second business key pair, unencrypted PKCS#8 (the credential's other documented form). */
const newKeyPair = generateKeyPairSync('rsa', {
	modulusLength: 2048,
	publicKeyEncoding: { type: 'spki', format: 'pem' },
	privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

let harness: EngineHarness;
let server: WebhookServer;
let workflowCounter = 0;
/** How far the test moved the clock. */
let shiftMs = 0;

const firstCredential = (): ICredentialDataDecryptedObject => ({ privateKey: businessKeyPair().privateKey, passphrase: PASSPHRASE, appSecret: FIRST_SECRET });

beforeEach(async () => {
	const realNow = Date.now.bind(Date);
	shiftMs = 0;
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shiftMs);
	harness = createEngineHarness({
		nodeTypes: [new WhatsAppCheckoutTrigger()],
		credentialTypes: [new WhatsAppCheckoutEndpointApi()],
		credentials: { [CHECKOUT_CREDENTIAL_TYPE]: firstCredential() },
	});
	// A workflow of its own per test: the kept credential is per workflow + node + credential.
	server = await harness.startWebhookServer({
		id: `checkout-endpoint-test-${++workflowCounter}`,
		nodes: [{ name: ENDPOINT, type: harness.typeName('whatsAppCheckoutTrigger'), typeVersion: 1, parameters: {} }],
	});
});
afterEach(async () => {
	await server.close();
	jest.restoreAllMocks();
});

/**
 * A ping as WhatsApp sends it: encrypted for `publicKey`, signed with `secret` (null: unsigned); `tamper` spoils the
 * ciphertext after signing it. Answers the status and, for a 200, the decrypted answer.
 */
async function ping(options: { secret?: string | null; publicKey?: string; tamper?: boolean } = {}): Promise<{ status: number; answer?: unknown }> {
	const { body, aesKey, iv } = encryptRequest({ version: '3.0', action: 'ping' }, options.publicKey ?? businessKeyPair().publicKey);
	if (options.tamper) {
		// One bit of the ciphertext flipped (replacing its first character could leave it as it was).
		const bytes = Buffer.from(body.encrypted_flow_data, 'base64');
		bytes[0] ^= 1;
		body.encrypted_flow_data = bytes.toString('base64');
	}
	const text = JSON.stringify(body);
	const secret = options.secret === undefined ? FIRST_SECRET : options.secret;
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (secret !== null) headers['x-hub-signature-256'] = signBody(text, secret);
	const response = await fetch(server.webhookUrl(ENDPOINT), { method: 'POST', body: text, headers });
	const answer = await response.text();
	return response.status === 200 ? { status: 200, answer: decryptResponse(answer, aesKey, iv) } : { status: response.status };
}

const ACTIVE = { status: 200, answer: PING_ANSWER };

describe('checkout endpoint: the kept credential', () => {
	it('forged requests (unsigned, wrong secret, tampered) are refused and the next valid request is answered', async () => {
		expect(await ping()).toEqual(ACTIVE);
		expect(await ping({ secret: null })).toEqual({ status: 432 });
		expect(await ping({ secret: 'guessed-secret' })).toEqual({ status: 432 });
		expect(await ping({ tamper: true })).toEqual({ status: 421 });
		expect(await ping()).toEqual(ACTIVE);
		// Past the reload limit a forgery loads the credential again (unchanged): still refused, and still the valid one answered.
		shiftMs += RELOAD_AFTER_REFUSAL_MS;
		expect(await ping({ secret: 'guessed-secret' })).toEqual({ status: 432 });
		expect(await ping()).toEqual(ACTIVE);
		expect(server.executions).toHaveLength(0);
	});

	it('a new App Secret counts from the first request after a refusal, at most one reload in 10 s', async () => {
		expect(await ping()).toEqual(ACTIVE);
		harness.setCredentials(CHECKOUT_CREDENTIAL_TYPE, { ...firstCredential(), appSecret: NEW_SECRET });
		// Loaded less than 10 s ago: the kept credential answers, with the old secret.
		expect(await ping({ secret: NEW_SECRET })).toEqual({ status: 432 });
		expect(await ping()).toEqual(ACTIVE);
		shiftMs += RELOAD_AFTER_REFUSAL_MS;
		expect(await ping({ secret: NEW_SECRET })).toEqual(ACTIVE);
		// The old secret is refused from then on (the credential was just loaded: no reload brings it back).
		expect(await ping()).toEqual({ status: 432 });
		expect(await ping({ secret: NEW_SECRET })).toEqual(ACTIVE);
	});

	it('while the app secret is reset, requests signed with the previous one are accepted until its date, then refused', async () => {
		// implement-endpoints-for-flows.md § Resetting the app secret: either the old or the new secret, for a while.
		// Valid for 10 s: the last test counts on no test moving the clock further.
		const validUntil = new Date(Date.now() + RELOAD_AFTER_REFUSAL_MS).toISOString();
		harness.setCredentials(CHECKOUT_CREDENTIAL_TYPE, { ...firstCredential(), appSecret: NEW_SECRET, previousAppSecret: FIRST_SECRET, previousAppSecretValidUntil: validUntil });
		expect(await ping({ secret: NEW_SECRET })).toEqual(ACTIVE);
		expect(await ping({ secret: FIRST_SECRET })).toEqual(ACTIVE);
		expect(await ping({ secret: 'guessed-secret' })).toEqual({ status: 432 });
		shiftMs += RELOAD_AFTER_REFUSAL_MS;
		expect(await ping({ secret: FIRST_SECRET })).toEqual({ status: 432 });
		expect(await ping({ secret: NEW_SECRET })).toEqual(ACTIVE);
	});

	it('a new key pair (an unencrypted PKCS#8 key) counts from the first request encrypted for it after a refusal (421)', async () => {
		expect(await ping()).toEqual(ACTIVE);
		harness.setCredentials(CHECKOUT_CREDENTIAL_TYPE, { privateKey: newKeyPair.privateKey, passphrase: '', appSecret: FIRST_SECRET });
		expect(await ping({ publicKey: newKeyPair.publicKey })).toEqual({ status: 421 });
		shiftMs += RELOAD_AFTER_REFUSAL_MS;
		expect(await ping({ publicKey: newKeyPair.publicKey })).toEqual(ACTIVE);
		// Requests for the old public key now get 421, which makes WhatsApp fetch the new one.
		expect(await ping()).toEqual({ status: 421 });
	});

	it('a key that does not load answers 500; once the credential is fixed, it is picked up like a new key', async () => {
		harness.setCredentials(CHECKOUT_CREDENTIAL_TYPE, { ...firstCredential(), passphrase: 'not the passphrase' });
		expect(await ping({ secret: null })).toEqual({ status: 432 });
		expect(await ping()).toEqual({ status: 500 });
		harness.setCredentials(CHECKOUT_CREDENTIAL_TYPE, firstCredential());
		shiftMs += RELOAD_AFTER_REFUSAL_MS;
		expect(await ping()).toEqual(ACTIVE);
	});

	it('logs no secret: the refusals name the header, never a secret or key', async () => {
		const warningsBefore = loggedWarnings.length;
		// Unsigned requests are logged once a minute with their count: move past the minute since any earlier test's
		// line (those moved the clock by 10 s at most), so that this one's is written.
		shiftMs += throttledLog.interval + RELOAD_AFTER_REFUSAL_MS;
		expect(await ping({ secret: null })).toEqual({ status: 432 });
		const logged = loggedWarnings.slice(warningsBefore);
		expect(logged).toEqual([expect.stringContaining('X-Hub-Signature-256 missing or not matching the body')]);
		const text = textOf(logged);
		for (const secret of [FIRST_SECRET, PASSPHRASE, 'PRIVATE KEY']) expect(text).not.toContain(secret);
	});
});
