/**
 * Upload Business Public Key in n8n's engine (flows-encryption.md § Set Business Public Key): the public half of the
 * checkout credential's key pair goes out as the page sends it, a form-urlencoded `business_public_key`, through
 * n8n's request helper, and the sandbox stores and signs it.
 */
import { createPublicKey } from 'crypto';

import { CHECKOUT_CREDENTIAL_TYPE } from '../../nodes/shared/checkoutKey';
import { businessKeyPair, PASSPHRASE } from '../fixtures/checkout';
import { throughProxy } from './lossyProxy';
import { FAST_RETRIES, NODE, PHONE_NUMBER_ID, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
	bed.harness.setCredentials(CHECKOUT_CREDENTIAL_TYPE, { privateKey: businessKeyPair().privateKey, passphrase: PASSPHRASE, appSecret: 'checkout-app-secret' });
});
afterAll(async () => {
	await bed.close();
});

const spki = (pem: string) => createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();

it('uploads the public key form-urlencoded, as flows-encryption.md shows; the sandbox stores it signed', async () => {
	const upload = { resource: 'checkout', operation: 'setBusinessPublicKey', options: FAST_RETRIES };
	const { result, received } = await throughProxy(bed, () => 'forward', async (proxy) => ({ result: await bed.run(upload), received: proxy.received }));
	expect(result.nodes[NODE].error).toBeUndefined();
	const sent = received.filter((r) => r.path.endsWith('/whatsapp_business_encryption'));
	expect(sent.map((r) => [r.method, r.contentType])).toEqual([['POST', 'application/x-www-form-urlencoded']]);
	const fields = new URLSearchParams(sent[0].body);
	expect([...fields.keys()]).toEqual(['business_public_key']);
	expect(spki(fields.get('business_public_key') ?? '')).toBe(spki(businessKeyPair().publicKey));
	const stored = (await bed.run({ resource: 'checkout', operation: 'getBusinessPublicKey', options: FAST_RETRIES })).json(NODE)[0];
	expect(stored).toMatchObject({ signatureStatus: 'VALID' });
	expect(result.json(NODE)[0]).toMatchObject({ phoneNumberId: PHONE_NUMBER_ID, success: true });
});
