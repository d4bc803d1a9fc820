/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Activation in queue mode runs on the leader (the main) only: publishing a trigger workflow registers
 * the 360dialog webhook, or subscribes the Meta app, exactly once, whatever the number of workers and
 * webhook processes, with the production URL of the webhook processes (N8N_WEBHOOK_URL).
 */
import { CREDENTIAL_TYPE, deployWorkflow, N8nApi, SANDBOX_CREDENTIALS, SANDBOX_PHONE_NUMBER_ID, SANDBOX_TOKEN, SANDBOX_WABA_ID, waitFor } from '../../scripts/n8n-api';
import { example } from '../e2e/support';
import { queueInstance, report, sandboxRequests } from './support';

const instance = queueInstance();
const api = new N8nApi(instance.n8nUrl, instance.apiKey);
/** The sandbox's Meta app (sandbox/index.ts DEFAULTS). */
const APP = { appId: '300000000000001', appAccessToken: 'sandbox-app-token' };

const count = (from: number, method: string, pathEnd: string) => sandboxRequests().slice(from).filter((r) => r.method === method && r.path.split('?')[0].endsWith(pathEnd) && r.status === '200').length;
/** n8n 2.41 activates after the publish call answers: waits for the first such request, then a while for any second one. */
async function settledCount(from: number, method: string, pathEnd: string): Promise<number> {
	await waitFor(`${method} ...${pathEnd}`, 60_000, async () => (count(from, method, pathEnd) > 0 ? true : undefined));
	await new Promise((resolve) => setTimeout(resolve, 3000));
	return count(from, method, pathEnd);
}

test('360dialog: publishing registers the webhook once, with the webhook processes URL', async () => {
	const from = sandboxRequests().length;
	const deployed = await deployWorkflow(instance, example('02-payment-received.json'));
	const registrations = await settledCount(from, 'POST', '/v1/configs/webhook');
	const registered = (await (await fetch(`${instance.sandboxUrl}/v1/configs/webhook`, { headers: { 'D360-API-KEY': SANDBOX_TOKEN } })).json()) as { url: string };
	expect(registered.url).toBe(deployed.webhooks[0].url);
	expect(registered.url.startsWith(instance.webhookUrls[0])).toBe(true);
	expect(registrations).toBe(1);
	await api.unpublishWorkflow(deployed.id);
	// Still one, counted again after the unpublish: no other process registered it late.
	expect(count(from, 'POST', '/v1/configs/webhook')).toBe(1);
	report('activation360dialog', { processes: instance.processes.length, registrations, registeredUrl: registered.url });
});

test('Meta Cloud API: publishing subscribes the app once (Meta verifies the URL on a webhook process); unpublishing removes it once', async () => {
	const credential = await api.createCredential('WhatsApp Payments (Cloud API, app token)', CREDENTIAL_TYPE, {
		provider: 'cloudApi',
		accessToken: SANDBOX_TOKEN,
		phoneNumberId: SANDBOX_PHONE_NUMBER_ID,
		businessAccountId: SANDBOX_WABA_ID,
		baseUrl: instance.sandboxUrl,
		appSecret: instance.appSecret,
		verifyToken: instance.verifyToken,
		...APP,
	});
	const withAppToken = { ...instance, credentials: { ...instance.credentials, [credential.name]: credential } };
	const from = sandboxRequests().length;
	const deployed = await deployWorkflow(
		withAppToken,
		example('03-brazil-one-click.json', (workflow) => {
			for (const node of workflow.nodes) if (node.credentials?.whatsAppPaymentsApi?.name === SANDBOX_CREDENTIALS.cloudApi) node.credentials.whatsAppPaymentsApi = { id: null, name: credential.name };
		}),
	);
	const subscriptions = await settledCount(from, 'POST', `/${APP.appId}/subscriptions`);
	expect(subscriptions).toBe(1);
	await api.unpublishWorkflow(deployed.id);
	const removals = await settledCount(from, 'DELETE', `/${APP.appId}/subscriptions`);
	expect(removals).toBe(1);
	expect(count(from, 'POST', `/${APP.appId}/subscriptions`)).toBe(1);
	report('activationMetaSubscription', { subscriptions, removals });
});
