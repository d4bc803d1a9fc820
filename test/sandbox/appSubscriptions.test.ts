/**
 * The Meta app's webhook subscriptions in the sandbox (/{version}/{app-id}/subscriptions): the app
 * token only, Meta's verification GET before a callback URL is saved, deliveries to it for the
 * subscribed fields only, and removal.
 */
import { verifySignature } from '../../core/signatures';
import { DEFAULTS, startSandbox, type Sandbox } from '../../sandbox';
import { APP_SECRET, HELD, client, controlClient, startReceiver, TOKEN, type Receiver } from './helpers';

const APP_TOKEN = DEFAULTS.appAccessToken;
const VERIFY_TOKEN = 'receiver-verify-token';
const SUBSCRIPTIONS = `/${DEFAULTS.appId}/subscriptions`;

describe('Meta app webhook subscriptions', () => {
	let sandbox: Sandbox;
	let receiver: Receiver;
	const app = (token = APP_TOKEN) => client(`${sandbox.url}/v23.0`, { Authorization: `Bearer ${token}` });
	const subscription = (overrides: Record<string, unknown> = {}) => ({
		object: 'whatsapp_business_account',
		callback_url: receiver.url,
		verify_token: VERIFY_TOKEN,
		fields: 'messages,payment_configuration_update',
		...overrides,
	});

	beforeEach(async () => {
		receiver = await startReceiver(VERIFY_TOKEN);
		sandbox = await startSandbox({ port: 0, webhookBatchMs: HELD, webhookRetry: { attempts: 1, delaysMs: [0] } });
	});
	afterEach(async () => {
		await sandbox.close();
		await receiver.close();
	});

	it('saves a verified callback URL, lists it, delivers signed webhooks there, and removes it', async () => {
		expect((await app().get(SUBSCRIPTIONS)).data).toEqual({ data: [] });
		const created = await app().post(SUBSCRIPTIONS, subscription());
		expect(created.status).toBe(200);
		expect(created.data).toEqual({ success: true });
		expect((await app().get(SUBSCRIPTIONS)).data).toEqual({
			data: [
				{
					object: 'whatsapp_business_account',
					callback_url: receiver.url,
					active: true,
					fields: [
						{ name: 'messages', version: 'v23.0' },
						{ name: 'payment_configuration_update', version: 'v23.0' },
					],
				},
			],
		});
		// The same webhook the control API shows.
		expect((await controlClient(sandbox.url).get('/webhook')).data).toEqual({ url: receiver.url, signed: true });

		await controlClient(sandbox.url).post('/configurations/razorpay-sandbox/status', { status: 'Active' });
		await sandbox.flushWebhooks();
		const [delivery] = await receiver.waitFor(1);
		expect(delivery.body.entry[0].changes[0].field).toBe('payment_configuration_update');
		expect(verifySignature(delivery.raw, delivery.headers['x-hub-signature-256'] as string, APP_SECRET)).toBe(true);

		expect((await app().delete(`${SUBSCRIPTIONS}?object=whatsapp_business_account`)).data).toEqual({ success: true });
		expect((await app().get(SUBSCRIPTIONS)).data).toEqual({ data: [] });
	});

	it('delivers only the subscribed fields', async () => {
		await app().post(SUBSCRIPTIONS, subscription({ fields: ['messages'] }));
		await controlClient(sandbox.url).post('/configurations/razorpay-sandbox/status', { status: 'Active' });
		expect(await sandbox.flushWebhooks()).toEqual([]);
		expect(receiver.deliveries).toHaveLength(0);
	});

	it('refuses a callback URL that fails the verification, and keeps the one it had', async () => {
		await app().post(SUBSCRIPTIONS, subscription());
		const other = await startReceiver('another-verify-token');
		try {
			const refused = await app().post(SUBSCRIPTIONS, subscription({ callback_url: other.url }));
			expect(refused.status).toBe(400);
			expect(refused.data.error).toMatchObject({ code: 2200, message: expect.stringContaining('answered 403') });
			expect(JSON.stringify(refused.data)).not.toContain(VERIFY_TOKEN);
		} finally {
			await other.close();
		}
		expect((await app().get(SUBSCRIPTIONS)).data.data[0].callback_url).toBe(receiver.url);
	});

	it('names the parameter that is wrong', async () => {
		const details = async (body: Record<string, unknown>) => (await app().post(SUBSCRIPTIONS, body)).data.error.error_data.details as string;
		expect(await details(subscription({ object: 'page' }))).toMatch(/^object: /);
		expect(await details(subscription({ callback_url: 'ftp://127.0.0.1/x' }))).toMatch(/^callback_url: /);
		expect(await details(subscription({ verify_token: '' }))).toMatch(/^verify_token: /);
		expect(await details(subscription({ fields: '' }))).toMatch(/^fields: /);
	});

	it('needs the app access token: the system-user token gets code 15, another token 190, another app 100', async () => {
		expect((await app(TOKEN).get(SUBSCRIPTIONS)).data.error).toMatchObject({ code: 15 });
		expect((await app('nope').post(SUBSCRIPTIONS, subscription())).data.error).toMatchObject({ code: 190 });
		expect((await app().get('/999/subscriptions')).data.error).toMatchObject({ code: 100, error_subcode: 33 });
		expect((await app().get(SUBSCRIPTIONS)).data).toEqual({ data: [] });
	});
});
