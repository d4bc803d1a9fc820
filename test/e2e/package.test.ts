/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * The package as a user's n8n sees it after installing the npm tarball into the community
 * packages folder: its nodes and credential are offered, and the credential test reaches the API.
 */
import { CREDENTIAL_TYPE, loadedTypes, login, N8nApi, SANDBOX_CREDENTIALS } from '../../scripts/n8n-api';
import { e2eInstance } from './support';

const instance = e2eInstance();
const api = new N8nApi(instance.n8nUrl, instance.apiKey);

test('n8n offers both nodes (and the action node as an AI tool) and the credential', async () => {
	const cookie = await login(instance.n8nUrl);
	expect(await loadedTypes(instance.n8nUrl, cookie, 'nodes')).toEqual(
		expect.arrayContaining([
			'n8n-nodes-whatsapp-payments.whatsAppPayments',
			'n8n-nodes-whatsapp-payments.whatsAppPaymentsTrigger',
			'n8n-nodes-whatsapp-payments.whatsAppPaymentsTool',
		]),
	);
	expect(await loadedTypes(instance.n8nUrl, cookie, 'credentials')).toContain(CREDENTIAL_TYPE);
});

test.each(Object.values(SANDBOX_CREDENTIALS))('the credential test of "%s" succeeds against the sandbox', async (name) => {
	expect(await api.testCredential(instance.credentials[name].id)).toMatchObject({ status: 'OK' });
});

test('the credential test fails with a wrong access token, and the answer does not echo it', async () => {
	const token = 'wrong-token-e2e-secret';
	const created = await api.createCredential('e2e: wrong token', CREDENTIAL_TYPE, {
		provider: 'cloudApi',
		accessToken: token,
		phoneNumberId: '100000000000001',
		baseUrl: instance.sandboxUrl,
		appSecret: instance.appSecret,
	});
	const result = await api.testCredential(created.id);
	expect(result.status).toBe('Error');
	expect(JSON.stringify(result)).not.toContain(token);
});
