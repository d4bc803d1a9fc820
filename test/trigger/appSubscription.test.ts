/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Meta Cloud API with an app token: activating the trigger subscribes the Meta app's WhatsApp webhook
 * to the trigger's production URL (the sandbox verifies it with a GET first, as Meta does), deliveries
 * then arrive there, and deactivating removes the subscription, only when it is the trigger's own.
 * Served by the engine harness (n8n's hook and webhook contexts) with the sandbox as Meta.
 */
import type { IDataObject } from 'n8n-workflow';

import { WhatsAppPaymentsApi } from '../../credentials/WhatsAppPaymentsApi.credentials';
import { DEFAULTS, type Sandbox } from '../../sandbox';
import { textOf } from '../engine/harness';
import { startReceiver } from '../sandbox/helpers';
import { ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN, startSenderSandbox, startTrigger, type TriggerUnderTest } from './triggerHarness';

const APP_ID = '424242424242';
const APP_TOKEN = 'test-app-token-91c7';
const SECRETS = [APP_SECRET, VERIFY_TOKEN, ACCESS_TOKEN, APP_TOKEN];

let sandbox: Sandbox;
let trigger: TriggerUnderTest | undefined;

beforeEach(async () => {
	sandbox = await startSenderSandbox({ appId: APP_ID, appAccessToken: APP_TOKEN });
});

afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
	await sandbox.close();
});

const appCredentials = (extra: IDataObject = {}) => ({ baseUrl: sandbox.url, phoneNumberId: DEFAULTS.phoneNumberId, appId: APP_ID, appAccessToken: APP_TOKEN, ...extra });

async function sandboxJson(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<IDataObject> {
	const response = await fetch(sandbox.url + path, {
		method,
		headers: { 'content-type': 'application/json', ...headers },
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
	return (await response.json()) as IDataObject;
}

/** The app's subscriptions as Meta (the sandbox) has them. */
async function subscriptions(): Promise<IDataObject[]> {
	return (await sandboxJson('GET', `/v23.0/${APP_ID}/subscriptions`, undefined, { authorization: `Bearer ${APP_TOKEN}` })).data as IDataObject[];
}

/** Method and path of each API request the sandbox received. */
async function apiRequests(): Promise<string[]> {
	const log = (await sandboxJson('GET', '/_sandbox/requests')).data as IDataObject[];
	return log.map((entry) => `${entry.method} ${entry.path}`);
}

function expectNoSecrets(value: unknown): void {
	const text = textOf(value);
	for (const secret of SECRETS) expect(text).not.toContain(secret);
}

const SUBSCRIPTIONS_PATH = `/v23.0/${APP_ID}/subscriptions`;

describe('Meta app webhook subscription (App ID + App Access Token)', () => {
	it('subscribes the production URL on activation, receives the deliveries there, and unsubscribes on deactivation', async () => {
		trigger = await startTrigger({}, appCredentials());
		await trigger.server.activate();
		expect(await apiRequests()).toEqual([`GET ${SUBSCRIPTIONS_PATH}`, `GET ${SUBSCRIPTIONS_PATH}`, `POST ${SUBSCRIPTIONS_PATH}`]);
		expect(await subscriptions()).toEqual([
			{
				object: 'whatsapp_business_account',
				callback_url: trigger.url,
				active: true,
				fields: [
					{ name: 'messages', version: 'v23.0' },
					{ name: 'payment_configuration_update', version: 'v23.0' },
				],
			},
		]);
		// The verification GET reached the trigger, which answered it; it started no execution.
		expect(trigger.server.executions).toHaveLength(0);

		// Deliveries go to the subscribed URL, signed with the app secret.
		await sandboxJson('POST', '/_sandbox/configurations/payu-sandbox/status', { status: 'Active' });
		const [record] = await sandbox.flushWebhooks();
		expect(record).toMatchObject({ url: trigger.url, state: 'delivered', signed: true });
		const [[item]] = await trigger.emitted(1);
		expect(item).toMatchObject({ kind: 'payment_configuration_update', configurationName: 'payu-sandbox', status: 'Active' });
		expectNoSecrets(item);
		expect(trigger.server.staticData).toEqual({ 'node:Trigger': { metaAppSubscription: { appId: APP_ID, callbackUrl: trigger.url } } });

		await trigger.server.deactivate();
		expect((await apiRequests()).slice(-2)).toEqual([`GET ${SUBSCRIPTIONS_PATH}`, `DELETE ${SUBSCRIPTIONS_PATH}`]);
		expect(await subscriptions()).toEqual([]);
		expect(trigger.server.staticData).toEqual({ 'node:Trigger': {} });
	});

	it('only checks on a later activation (n8n restarting) when the subscription is in place', async () => {
		trigger = await startTrigger({}, appCredentials());
		await trigger.server.activate();
		await trigger.server.activate('init');
		expect((await apiRequests()).filter((request) => request.startsWith('POST'))).toHaveLength(1);
	});

	it('leaves the subscription alone while the editor listens for a test event', async () => {
		trigger = await startTrigger({}, appCredentials());
		await trigger.server.activate('manual');
		expect(await apiRequests()).toEqual([]);
		await trigger.server.deactivate();
		expect(await apiRequests()).toEqual([]);
	});

	it("refuses to take over another URL's subscription, and does not remove a subscription that is not its own", async () => {
		const other = await startReceiver();
		try {
			await sandboxJson('POST', '/_sandbox/webhook', { url: other.url });
			trigger = await startTrigger({}, appCredentials());
			const activation = trigger.server.activate();
			await expect(activation).rejects.toThrow(`The Meta app's WhatsApp webhook already goes to ${new URL(other.url).origin}, which this node did not set.`);
			expectNoSecrets(await activation.catch((error: unknown) => error));
			expect((await apiRequests()).filter((request) => request.startsWith('POST'))).toEqual([]);

			// Ours at first; then someone points the app elsewhere: deactivation must not remove theirs.
			await sandboxJson('DELETE', `${SUBSCRIPTIONS_PATH}?object=whatsapp_business_account`, undefined, { authorization: `Bearer ${APP_TOKEN}` });
			await trigger.server.activate();
			await sandboxJson('POST', '/_sandbox/webhook', { url: other.url });
			const before = (await apiRequests()).length;
			await trigger.server.deactivate();
			expect((await apiRequests()).slice(before)).toEqual([`GET ${SUBSCRIPTIONS_PATH}`]);
			expect((await subscriptions()).map((subscription) => subscription.callback_url)).toEqual([other.url]);
		} finally {
			await other.close();
		}
	});

	it('names the token problem without showing a token', async () => {
		trigger = await startTrigger({}, appCredentials({ appAccessToken: 'expired-app-token' }));
		const activation = trigger.server.activate();
		await expect(activation).rejects.toThrow(/^Meta app webhook subscription \(GET \/\{app-id\}\/subscriptions\): Invalid OAuth access token/);
		const error = await activation.catch((caught: unknown) => caught);
		expect(error).toMatchObject({ description: 'The App Access Token is invalid or expired.' });
		expectNoSecrets(error);
		expect(textOf(error)).not.toContain('expired-app-token');
	});

	it('without a verify token in the credential, Meta checks the URL with the node\'s own', async () => {
		trigger = await startTrigger({}, appCredentials({ verifyToken: '' }));
		await trigger.server.activate();
		expect((await subscriptions()).map((subscription) => subscription.callback_url)).toEqual([trigger.url]);
	});

	it('builds the app access token from the App ID and App Secret when none is set ("app-id|app-secret")', async () => {
		trigger = await startTrigger({}, appCredentials({ appAccessToken: '' }));
		await trigger.server.activate();
		expect((await subscriptions()).map((subscription) => subscription.callback_url)).toEqual([trigger.url]);
		await trigger.server.deactivate();
		expect(await subscriptions()).toEqual([]);
	});

	it('without an App ID, makes no call (the dashboard steps apply)', async () => {
		trigger = await startTrigger({}, appCredentials({ appId: '', appAccessToken: '' }));
		await trigger.server.activate();
		await trigger.server.deactivate();
		expect(await apiRequests()).toEqual([]);
	});
});

describe('the credential authenticate', () => {
	const credential = new WhatsAppPaymentsApi();
	const data = { provider: 'cloudApi', accessToken: ACCESS_TOKEN, appAccessToken: APP_TOKEN };

	it('keeps the Authorization of a request that brings the app access token (the subscription calls)', async () => {
		const request = await credential.authenticate(data, { url: '/x', headers: { Authorization: `Bearer ${APP_TOKEN}` } });
		expect(request.headers).toEqual({ Authorization: `Bearer ${APP_TOKEN}` });
	});

	it('puts the system-user token on every other request, replacing any other Authorization', async () => {
		expect((await credential.authenticate(data, { url: '/x' })).headers).toEqual({ Authorization: `Bearer ${ACCESS_TOKEN}` });
		expect((await credential.authenticate(data, { url: '/x', headers: { Authorization: 'Bearer something-else' } })).headers).toEqual({ Authorization: `Bearer ${ACCESS_TOKEN}` });
		// Without an app token configured, nothing a request brings is kept.
		expect((await credential.authenticate({ ...data, appAccessToken: '' }, { url: '/x', headers: { Authorization: 'Bearer ' } })).headers).toEqual({ Authorization: `Bearer ${ACCESS_TOKEN}` });
	});
});
