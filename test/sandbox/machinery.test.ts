/**
 * The sandbox's HTTP machinery over real HTTP on 127.0.0.1: auth, unknown paths, payment
 * configurations with their signed webhooks, delivery retries, rate limit and seeded faults.
 */
import { verifySignature } from '../../core/signatures';
import { startSandbox, type Sandbox } from '../../sandbox';
import { businessKeyPair } from '../fixtures/checkout';
import { APP_SECRET, HELD, cloudClient, controlClient, dialogClient, PHONE_NUMBER_ID, startReceiver, textMessage, TOKEN, WABA_ID, type Receiver } from './helpers';

describe('sandbox machinery', () => {
	let sandbox: Sandbox;
	let receiver: Receiver;

	beforeAll(async () => {
		receiver = await startReceiver();
		sandbox = await startSandbox({ port: 0, webhookUrl: receiver.url, webhookBatchMs: HELD, webhookRetry: { attempts: 3, delaysMs: [10, 20] } });
	});
	afterAll(async () => {
		await sandbox.close();
		await receiver.close();
	});
	beforeEach(() => {
		sandbox.reset();
		receiver.deliveries.length = 0;
	});

	it('listens on 127.0.0.1 only', () => {
		expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	});

	it('answers 401 in Meta\'s shape without a token or with a wrong one, on both APIs', async () => {
		for (const api of [cloudClient(sandbox.url, 'wrong'), cloudClient(sandbox.url, '')]) {
			const res = await api.get('/100000000000001');
			expect(res.status).toBe(401);
			expect(res.data.error).toMatchObject({ message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 });
			expect(typeof res.data.error.fbtrace_id).toBe('string');
		}
		const dialog = await dialogClient(sandbox.url, 'wrong').post('/messages', textMessage());
		expect(dialog.status).toBe(401);
		expect(dialog.data.error.code).toBe(190);
		const anonymous = await controlClient(sandbox.url).get('/orders');
		expect(anonymous.status).toBe(200);
	});

	it('never writes the token into the request log', async () => {
		await cloudClient(sandbox.url).get(`/100000000000001?access_token=${TOKEN}`);
		await cloudClient(sandbox.url, 'secret-wrong-token').get('/100000000000001');
		await controlClient(sandbox.url).get('/orders'); // control requests are not logged
		const log = await controlClient(sandbox.url).get('/requests');
		expect(log.data.data.map((e: { status: number }) => e.status)).toEqual([200, 401]);
		expect(JSON.stringify(log.data)).not.toContain(TOKEN);
		expect(JSON.stringify(log.data)).not.toContain('secret-wrong-token');
	});

	it('answers the credential test for any phone number id', async () => {
		const res = await cloudClient(sandbox.url).get('/555', { params: { fields: 'id,display_phone_number' } });
		expect(res.status).toBe(200);
		expect(res.data).toMatchObject({ id: '555', verified_name: expect.any(String), display_phone_number: expect.any(String) });
	});

	it('answers unknown paths and methods like the Graph API', async () => {
		const unknown = await cloudClient(sandbox.url).get('/100000000000001/nothing/here');
		expect(unknown.status).toBe(400);
		expect(unknown.data.error.code).toBe(2500);
		const method = await cloudClient(sandbox.url).put('/100000000000001/messages', textMessage());
		expect(method.status).toBe(400);
		expect(method.data.error.code).toBe(100);
	});

	it('accepts other message types and only logs them', async () => {
		const res = await cloudClient(sandbox.url).post('/100000000000001/messages', textMessage('+91 98765 43210'));
		expect(res.status).toBe(200);
		expect(res.data).toEqual({ messaging_product: 'whatsapp', contacts: [{ input: '+91 98765 43210', wa_id: '919876543210' }], messages: [{ id: expect.stringMatching(/^wamid\./) }] });
		expect((await controlClient(sandbox.url).get('/orders')).data.data).toEqual([]);
		const log = (await controlClient(sandbox.url).get('/requests')).data.data;
		expect(log[0]).toMatchObject({ method: 'POST', path: '/v23.0/100000000000001/messages', status: 200, message_type: 'text' });
	});

	it('refuses a body that is not JSON with code 100', async () => {
		const res = await cloudClient(sandbox.url).post('/100000000000001/messages', '{not json', { headers: { 'content-type': 'application/json' }, transformRequest: [(d) => d] });
		expect(res.status).toBe(400);
		expect(res.data.error).toMatchObject({ code: 100, error_data: { details: expect.stringContaining('not valid JSON') } });
	});

	describe('payment configurations', () => {
		const api = () => cloudClient(sandbox.url);

		it('lists the seeded configurations and reads one', async () => {
			const list = await api().get(`/${WABA_ID}/payment_configurations`);
			expect(list.status).toBe(200);
			// onboarding-apis § Get all: nested in data[].payment_configurations[], codes as {code, description}.
			expect(list.data.data).toHaveLength(1);
			const configurations = list.data.data[0].payment_configurations;
			expect(configurations.map((c: { configuration_name: string }) => c.configuration_name)).toEqual(['razorpay-sandbox', 'payu-sandbox', 'billdesk-sandbox', 'zaakpay-sandbox', 'upi-sandbox']);
			for (const c of configurations) {
				const upi = c.provider_name === 'upi_vpa';
				expect(Object.keys(c).sort()).toEqual(
					['configuration_name', 'created_timestamp', 'merchant_category_code', upi ? 'merchant_vpa' : 'provider_mid', 'provider_name', 'purpose_code', 'status', 'updated_timestamp'].sort(),
				);
				expect(c.merchant_category_code).toEqual({ code: '0000', description: 'Test MCC Code' });
				expect(c.purpose_code).toEqual({ code: '00', description: 'Test Purpose Code' });
				expect(['Active', 'Needs_Connecting', 'Needs_Testing']).toContain(c.status);
			}
			const one = await api().get(`/${WABA_ID}/payment_configuration/upi-sandbox`);
			// A UPI VPA configuration has no gateway to connect: Active, as Create makes one.
			expect(one.data.data).toEqual([expect.objectContaining({ configuration_name: 'upi-sandbox', provider_name: 'upi_vpa', status: 'Active', merchant_vpa: 'sandbox@upi' })]);
			const missing = await api().get(`/${WABA_ID}/payment_configuration/nope`);
			expect(missing.status).toBe(400);
			expect(missing.data.error.message).toContain('nope');
		});

		it('creates a configuration (Needs Connecting) with an OAuth link, refuses duplicates and bad fields, deletes it', async () => {
			const body = { configuration_name: 'my-razorpay', provider_name: 'razorpay', merchant_category_code: '0000', purpose_code: '00', redirect_url: 'https://example.test/done' };
			const created = await api().post(`/${WABA_ID}/payment_configuration`, body);
			expect(created.status).toBe(200);
			expect(created.data).toEqual({ oauth_url: expect.stringContaining('/_sandbox/configurations/my-razorpay/connect'), expiration: expect.any(Number), success: true });
			expect((await api().get(`/${WABA_ID}/payment_configuration/my-razorpay`)).data.data[0].status).toBe('Needs_Connecting');

			const again = await api().post(`/${WABA_ID}/payment_configuration`, body);
			expect(again.status).toBe(400);
			expect(again.data.error.message).toContain('already exists');

			const bad = await api().post(`/${WABA_ID}/payment_configuration`, { ...body, configuration_name: 'x', provider_name: 'paypal' });
			expect(bad.status).toBe(400);
			expect(bad.data.error.error_data.details).toContain('provider_name: must be one of');
			const badCodes = await api().post(`/${WABA_ID}/payment_configuration`, { ...body, configuration_name: 'y', merchant_category_code: '12', purpose_code: 'x' });
			expect(badCodes.data.error.error_data.details).toBe('/merchant_category_code: must be 4 digits (pattern); /purpose_code: must be 2 digits (pattern)');
			// provider_mid is not a create parameter (onboarding-apis § Create a payment configuration): Graph's invalid parameter, code 100.
			const withMid = await api().post(`/${WABA_ID}/payment_configuration`, { ...body, configuration_name: 'z', provider_mid: 'MID-1' });
			expect(withMid.status).toBe(400);
			expect(withMid.data.error).toMatchObject({ code: 100, message: expect.stringMatching(/^\(#100\) provider_mid: is not a parameter/) });
			// Only the name and the provider are required; a UPI VPA configuration gets no OAuth link.
			const upi = await api().post(`/${WABA_ID}/payment_configuration`, { configuration_name: 'my-upi', provider_name: 'upi_vpa', merchant_vpa: 'shop@okbank' });
			expect(upi.data).toEqual({ success: true });
			expect((await api().get(`/${WABA_ID}/payment_configuration/my-upi`)).data.data[0]).toMatchObject({ merchant_vpa: 'shop@okbank', status: 'Active' });
			const upiLink = await api().post(`/${WABA_ID}/generate_payment_configuration_oauth_link`, { configuration_name: 'my-upi' });
			expect(upiLink.data.error).toMatchObject({ code: 100, message: expect.stringContaining('UPI VPA') });
			const minimal = await api().post(`/${WABA_ID}/payment_configuration`, { configuration_name: 'my-payu', provider_name: 'payu', merchant_category_code: { code: '5411' } });
			expect(minimal.data).toMatchObject({ oauth_url: expect.any(String), success: true });
			expect((await api().get(`/${WABA_ID}/payment_configuration/my-payu`)).data.data[0].merchant_category_code).toEqual({ code: '5411', description: expect.any(String) });

			const link = await api().post(`/${WABA_ID}/generate_payment_configuration_oauth_link`, { configuration_name: 'my-razorpay', redirect_url: 'https://example.test/again' });
			expect(link.data).toEqual({ oauth_url: expect.stringContaining('/connect'), expiration: expect.any(Number) });

			expect((await api().delete(`/${WABA_ID}/payment_configuration`, { data: { configuration_name: 'my-razorpay' } })).data).toEqual({ success: true });
			expect((await api().delete(`/${WABA_ID}/payment_configuration`, { params: { configuration_name: 'payu-sandbox' } })).data).toEqual({ success: true });
			const names = (await api().get(`/${WABA_ID}/payment_configurations`)).data.data[0].payment_configurations.map((c: { configuration_name: string }) => c.configuration_name);
			expect(names).toEqual(['razorpay-sandbox', 'billdesk-sandbox', 'zaakpay-sandbox', 'upi-sandbox', 'my-upi', 'my-payu']);
		});

		it('delivers a signed, batched payment_configuration_update webhook when statuses change', async () => {
			const control = controlClient(sandbox.url);
			expect((await control.post('/configurations/payu-sandbox/status', { status: 'Needs Testing' })).status).toBe(200);
			expect((await control.post('/configurations/payu-sandbox/status', { status: 'Active' })).status).toBe(200);
			expect((await control.post('/configurations/payu-sandbox/status', { status: 'Broken' })).status).toBe(400);
			await sandbox.flushWebhooks();
			const [delivery] = await receiver.waitFor(1);
			expect(receiver.deliveries).toHaveLength(1);
			expect(verifySignature(delivery.raw, delivery.headers['x-hub-signature-256'] as string, APP_SECRET)).toBe(true);
			expect(delivery.body.object).toBe('whatsapp_business_account');
			expect(delivery.body.entry).toHaveLength(1);
			expect(delivery.body.entry[0].id).toBe(WABA_ID);
			// § Parameters: the entry's time, the webhook's trigger timestamp in epoch seconds.
			expect(Number.isSafeInteger(delivery.body.entry[0].time)).toBe(true);
			const changes = delivery.body.entry[0].changes;
			expect(changes.map((c: { field: string }) => c.field)).toEqual(['payment_configuration_update', 'payment_configuration_update']);
			expect(changes.map((c: { value: { status: string } }) => c.value.status)).toEqual(['Needs Testing', 'Active']);
			// payment-configuration-update-webhook-reference: exactly the six documented fields.
			expect(Object.keys(changes[1].value).sort()).toEqual(['configuration_name', 'created_timestamp', 'provider_mid', 'provider_name', 'status', 'updated_timestamp']);
			expect(changes[1].value).toMatchObject({ configuration_name: 'payu-sandbox', provider_name: 'payu', provider_mid: 'payu_sandbox_mid' });
		});

		it('a UPI VPA configuration has no gateway account: no status change, no payment_configuration_update webhook', async () => {
			const control = controlClient(sandbox.url);
			const refused = await control.post('/configurations/upi-sandbox/status', { status: 'Needs Testing' });
			expect(refused.status).toBe(409);
			expect(refused.data.error.message).toContain('UPI VPA');
			expect((await control.get('/configurations/upi-sandbox/connect')).status).toBe(409);
			expect(await sandbox.flushWebhooks()).toEqual([]);
			expect((await cloudClient(sandbox.url).get(`/${WABA_ID}/payment_configuration/upi-sandbox`)).data.data[0].status).toBe('Active');
		});

		it('links a checkout data endpoint to a payment gateway configuration only (a UPI VPA one: code 100)', async () => {
			const link = (name: string) => api().post(`/${WABA_ID}/payment_configuration/${name}`, { data_endpoint_url: 'https://shop.example/checkout' });
			expect((await link('razorpay-sandbox')).data).toEqual({ success: true });
			const upi = await link('upi-sandbox');
			expect(upi.status).toBe(400);
			expect(upi.data.error).toMatchObject({ code: 100, error_data: { details: expect.stringContaining('UPI VPA') } });
			expect((await link('nope')).data.error).toMatchObject({ code: 100, error_subcode: 33 });
		});

		// onboarding-apis.md § Link or update data endpoint: the table writes data-endpoint-url, the example data_endpoint_url.
		it('takes the data endpoint in either spelling of the page, names the one given when it is wrong, and refuses two that differ', async () => {
			const link = (body: Record<string, string>) => api().post(`/${WABA_ID}/payment_configuration/razorpay-sandbox`, body);
			expect((await link({ 'data-endpoint-url': 'https://shop.example/checkout' })).data).toEqual({ success: true });
			expect((await link({ 'data-endpoint-url': 'https://shop.example/checkout', data_endpoint_url: 'https://shop.example/checkout' })).data).toEqual({ success: true });
			const wrong = await link({ 'data-endpoint-url': 'ftp://shop.example/checkout' });
			expect(wrong.status).toBe(400);
			expect(wrong.data.error).toMatchObject({ code: 100, error_data: { details: 'data-endpoint-url: must use HTTPS' } });
			const differ = await link({ data_endpoint_url: 'https://a.example/checkout', 'data-endpoint-url': 'https://b.example/checkout' });
			expect(differ.status).toBe(400);
			expect(differ.data.error).toMatchObject({ code: 100, error_data: { details: expect.stringContaining('data_endpoint_url, data-endpoint-url') } });
			const none = await link({ url: 'https://shop.example/checkout' });
			expect(none.data.error).toMatchObject({ code: 100, error_data: { details: expect.stringMatching(/^data_endpoint_url: /) } });
		});

		/** flows-encryption.md § Set Business Public Key (form-urlencoded); whatsapp-cloud-api-business-encryption-api.md (multipart/form-data) */
		it('takes the business public key as either page sends it, form-urlencoded or multipart/form-data, and as JSON', async () => {
			const path = `/${PHONE_NUMBER_ID}/whatsapp_business_encryption`;
			const publicKey = businessKeyPair().publicKey;
			const stored = async () => (await api().get(path)).data.business_public_key;
			const form = await api().post(path, `business_public_key=${encodeURIComponent(publicKey)}`, { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
			expect(form.data).toEqual({ success: true });
			expect(await stored()).toBe(publicKey);
			sandbox.reset();
			// As curl -F sends it: CRLF line ends, a quoted boundary, the value's own line breaks kept.
			const boundary = '------------------------d74496d66958873e';
			const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="business_public_key"\r\n\r\n${publicKey}\r\n--${boundary}--\r\n`;
			const parts = await api().post(path, multipart, { headers: { 'content-type': `multipart/form-data; boundary="${boundary}"` } });
			expect(parts.data).toEqual({ success: true });
			expect(await stored()).toBe(publicKey);
			sandbox.reset();
			expect((await api().post(path, { business_public_key: publicKey })).data).toEqual({ success: true });
			expect(await stored()).toBe(publicKey);
			// A multipart body cut before its closing delimiter, and a key field missing: code 100, nothing stored.
			const cut = await api().post(path, multipart.slice(0, -8), { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
			expect(cut.data.error).toMatchObject({ code: 100, error_data: { details: expect.stringContaining('multipart/form-data') } });
			const noKey = await api().post(path, 'other=1', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
			expect(noKey.data.error).toMatchObject({ code: 100, error_data: { details: expect.stringContaining('business_public_key') } });
		});

		// payment-configuration-update-webhook-reference.md § Parameters: connected to the gateway = Needs Testing; Active once tested.
		it('the OAuth link connects the configuration: Needs Testing with the gateway\'s merchant id, Active only through the status route', async () => {
			const created = await cloudClient(sandbox.url).post(`/${WABA_ID}/payment_configuration`, { configuration_name: 'to-connect', provider_name: 'razorpay' });
			const res = await controlClient(sandbox.url).get(new URL(created.data.oauth_url).pathname.replace('/_sandbox', ''));
			expect(res.status).toBe(200);
			expect(res.data).toContain('Needs Testing');
			expect(res.data).toContain('POST /_sandbox/configurations/to-connect/status {"status": "Active"}');
			const read = async () => (await cloudClient(sandbox.url).get(`/${WABA_ID}/payment_configuration/to-connect`)).data.data[0];
			// Linking the gateway account brings its merchant id, which Create does not take.
			const connected = await read();
			expect(connected).toMatchObject({ status: 'Needs_Testing', provider_mid: expect.stringMatching(/^acc_\w{14}$/) });
			expect((await controlClient(sandbox.url).post('/configurations/to-connect/status', { status: 'Active' })).status).toBe(200);
			expect(await read()).toMatchObject({ status: 'Active', provider_mid: connected.provider_mid });
			await sandbox.flushWebhooks();
			const values = (await receiver.waitFor(1))[0].body.entry[0].changes.map((c: { value: unknown }) => c.value);
			expect(values).toEqual([
				expect.objectContaining({ configuration_name: 'to-connect', provider_name: 'razorpay', provider_mid: connected.provider_mid, status: 'Needs Testing' }),
				expect.objectContaining({ configuration_name: 'to-connect', provider_mid: connected.provider_mid, status: 'Active' }),
			]);
		});

		// onboarding-apis.md § Payment Configuration Webhook: provider_mid is Required; Needs Connecting = disconnected.
		it('a configuration never connected cannot be disconnected: no webhook with an empty provider_mid', async () => {
			await cloudClient(sandbox.url).post(`/${WABA_ID}/payment_configuration`, { configuration_name: 'never-connected', provider_name: 'payu' });
			const refused = await controlClient(sandbox.url).post('/configurations/never-connected/status', { status: 'Needs Connecting' });
			expect(refused.status).toBe(409);
			expect(refused.data.error.message).toContain('never been connected');
			expect(await sandbox.flushWebhooks()).toEqual([]);
			// Once connected, a disconnect names the account it was connected to.
			expect((await controlClient(sandbox.url).post('/configurations/never-connected/status', { status: 'Needs Testing' })).status).toBe(200);
			expect((await controlClient(sandbox.url).post('/configurations/never-connected/status', { status: 'Needs Connecting' })).status).toBe(200);
			await sandbox.flushWebhooks();
			const values = (await receiver.waitFor(1))[0].body.entry[0].changes.map((c: { value: { status: string; provider_mid: string } }) => c.value);
			expect(values.map((v: { status: string }) => v.status)).toEqual(['Needs Testing', 'Needs Connecting']);
			expect(values[1].provider_mid).toMatch(/^acc_\w{14}$/);
			expect(values[1].provider_mid).toBe(values[0].provider_mid);
		});
	});

	describe('webhook delivery', () => {
		// create-a-webhook-endpoint.md § POST requests › Response: a valid request is answered 200, anything else is a refusal.
		it('retries a receiver that answers anything but 200 (even 204) with the same signed bytes and logs every attempt', async () => {
			receiver.respondWith(500, 204);
			await controlClient(sandbox.url).post('/configurations/razorpay-sandbox/status', { status: 'Needs Testing' });
			await sandbox.flushWebhooks();
			const deliveries = await receiver.waitFor(3);
			expect(deliveries.map((d) => d.raw.toString())).toEqual(Array(3).fill(deliveries[0].raw.toString()));
			expect(new Set(deliveries.map((d) => d.headers['x-hub-signature-256'])).size).toBe(1);
			await sandbox.webhooksIdle();
			const log = (await controlClient(sandbox.url).get('/webhooks')).data.data;
			expect(log).toHaveLength(1);
			expect(log[0]).toMatchObject({ state: 'delivered', signed: true, updates: 1, fields: ['payment_configuration_update'] });
			expect(log[0].attempts.map((a: { status: number }) => a.status)).toEqual([500, 204, 200]);
		});

		it('gives up after the configured attempts', async () => {
			receiver.respondWith(500, 500, 500);
			await controlClient(sandbox.url).post('/configurations/razorpay-sandbox/status', { status: 'Active' });
			await sandbox.flushWebhooks();
			await receiver.waitFor(3);
			await sandbox.webhooksIdle();
			const [record] = (await controlClient(sandbox.url).get('/webhooks')).data.data;
			expect(record.state).toBe('failed');
			expect(record.attempts).toHaveLength(3);
		});

		it('records an unreachable receiver as an error and delivers only to the configured URL', async () => {
			const control = controlClient(sandbox.url);
			expect((await control.post('/webhook', { url: 'ftp://127.0.0.1/x' })).status).toBe(400);
			expect((await control.post('/webhook', { url: 'http://127.0.0.1:1/unreachable' })).data).toEqual({ url: 'http://127.0.0.1:1/unreachable', signed: true });
			await control.post('/configurations/razorpay-sandbox/status', { status: 'Active' });
			await sandbox.webhooksIdle();
			const [record] = (await control.get('/webhooks')).data.data;
			expect(record.state).toBe('failed');
			expect(record.attempts[0].error).toBe('ECONNREFUSED');
			await control.post('/webhook', { url: receiver.url });
			expect((await control.get('/webhook')).data).toEqual({ url: receiver.url, signed: true });
		});

		it('checks a URL with Meta\'s subscription challenge when given a verify token', async () => {
			const control = controlClient(sandbox.url);
			const wrong = await control.post('/webhook', { url: 'http://127.0.0.1:1/x', verifyToken: 'receiver-verify-token' });
			expect(wrong.status).toBe(400);
			const refused = await control.post('/webhook', { url: receiver.url, verifyToken: 'not-the-token' });
			expect(refused.status).toBe(400);
			expect(refused.data.error.message).toContain('403');
			const accepted = await control.post('/webhook', { url: receiver.url, verifyToken: 'receiver-verify-token' });
			expect(accepted.data).toEqual({ url: receiver.url, signed: true });
			expect(receiver.deliveries).toHaveLength(0);
		});

		it('signs with the app secret the operator sets', async () => {
			await controlClient(sandbox.url).post('/webhook', { url: receiver.url, appSecret: 'another-secret' });
			await controlClient(sandbox.url).post('/configurations/payu-sandbox/status', { status: 'Active' });
			await sandbox.flushWebhooks();
			const [delivery] = await receiver.waitFor(1);
			expect(verifySignature(delivery.raw, delivery.headers['x-hub-signature-256'] as string, 'another-secret')).toBe(true);
			expect(verifySignature(delivery.raw, delivery.headers['x-hub-signature-256'] as string, APP_SECRET)).toBe(false);
			await controlClient(sandbox.url).post('/webhook', { url: receiver.url });
		});
	});
});

describe('360dialog webhook configuration', () => {
	it('registers a webhook URL with headers, checks them, and never shows them', async () => {
		const receiver = await startReceiver();
		const sandbox = await startSandbox({ port: 0 });
		try {
			const dialog = dialogClient(sandbox.url);
			expect((await dialog.get('/v1/configs/webhook')).data).toEqual({ url: null });
			expect((await dialog.post('/v1/configs/webhook', { url: receiver.url, headers: { 'X-Custom': 'abc' } })).data).toEqual({ url: receiver.url });
			expect((await dialog.post('/v1/configs/webhook', { url: receiver.url, headers: { 'X-Custom': 1 } })).status).toBe(400);
			expect((await dialog.get('/v1/configs/webhook')).data).toEqual({ url: receiver.url });
			expect(JSON.stringify((await controlClient(sandbox.url).get('/requests')).data)).not.toContain('abc');
		} finally {
			await sandbox.close();
			await receiver.close();
		}
	});
});

describe('rate limit', () => {
	it('refuses messages over the per-number limit with 130429 within one second of the clock', async () => {
		let clock = 1_700_000_000_000;
		const sandbox = await startSandbox({ port: 0, rateLimit: 5, now: () => clock });
		try {
			const api = cloudClient(sandbox.url);
			const statuses: number[] = [];
			for (let i = 0; i < 7; i++) statuses.push((await api.post('/100000000000001/messages', textMessage())).status);
			expect(statuses).toEqual([200, 200, 200, 200, 200, 400, 400]);
			const refused = await api.post('/100000000000001/messages', textMessage());
			expect(refused.data.error).toMatchObject({ code: 130429, message: '(#130429) Rate limit hit' });
			// Another number has its own budget; the next second starts a new window.
			expect((await api.post('/100000000000002/messages', textMessage())).status).toBe(200);
			clock += 1000;
			expect((await api.post('/100000000000001/messages', textMessage())).status).toBe(200);
		} finally {
			await sandbox.close();
		}
	});
});

describe('faults', () => {
	type Outcome = 'ok' | 'error 1' | 'error 2' | 'reset';

	/** n requests; each one's outcome. A reset shows as a network error on the client. */
	async function outcomes(sandbox: Sandbox, n: number): Promise<Outcome[]> {
		const api = cloudClient(sandbox.url);
		const result: Outcome[] = [];
		for (let i = 0; i < n; i++) {
			try {
				const res = await api.post(`/${WABA_ID}/payment_configuration`, {
					configuration_name: `cfg-${i}`,
					provider_name: 'payu',
					merchant_category_code: '0000',
					purpose_code: '00',
					redirect_url: 'https://example.test/',
				});
				if (res.status === 200) result.push('ok');
				else {
					expect(res.status).toBe(500);
					expect(res.data.error).toMatchObject({ is_transient: true, type: 'OAuthException' });
					result.push(`error ${res.data.error.code}` as Outcome);
				}
			} catch (e) {
				expect((e as { code?: string }).code).toMatch(/ECONNRESET|ERR_BAD_RESPONSE|EPIPE|socket hang up/);
				result.push('reset');
			}
		}
		return result;
	}

	it('are the same for the same seed, differ for another seed, and process nothing when they strike', async () => {
		const sandbox = await startSandbox({ port: 0, faults: { errorRate: 0.3, resetRate: 0.2, seed: 42 } });
		try {
			const first = await outcomes(sandbox, 30);
			expect(first).toContain('ok');
			expect(first).toContain('reset');
			expect(first.some((o) => o.startsWith('error'))).toBe(true);
			// Only the requests that got through created a configuration.
			const control = controlClient(sandbox.url);
			await control.post('/faults', { errorRate: 0, resetRate: 0 });
			const created = (await cloudClient(sandbox.url).get(`/${WABA_ID}/payment_configurations`)).data.data[0].payment_configurations.filter((c: { configuration_name: string }) =>
				c.configuration_name.startsWith('cfg-'),
			);
			expect(created.map((c: { configuration_name: string }) => c.configuration_name)).toEqual(
				first.flatMap((o, i) => (o === 'ok' ? [`cfg-${i}`] : [])),
			);

			sandbox.reset();
			expect((await control.post('/faults', { errorRate: 0.3, resetRate: 0.2, seed: 42 })).data).toMatchObject({ errorRate: 0.3, resetRate: 0.2, seed: 42, requestCount: 0 });
			expect(await outcomes(sandbox, 30)).toEqual(first);

			sandbox.reset();
			await control.post('/faults', { seed: 7 });
			expect(await outcomes(sandbox, 30)).not.toEqual(first);

			const log = (await control.get('/requests')).data.data;
			expect(log.some((e: { status: unknown; fault?: string }) => e.status === 'reset' && e.fault === 'reset')).toBe(true);
		} finally {
			await sandbox.close();
		}
	});

	it('are set, checked and cleared through the control API, and never touch the control API', async () => {
		const sandbox = await startSandbox({ port: 0 });
		try {
			const control = controlClient(sandbox.url);
			expect((await control.post('/faults', { errorRate: 2 })).status).toBe(400);
			expect((await control.post('/faults', { errorRate: 0.7, resetRate: 0.7 })).status).toBe(400);
			expect((await control.post('/faults', { bogus: 1 })).data.error.message).toContain('bogus');
			expect((await control.post('/faults', { errorRate: 1 })).status).toBe(200);
			expect((await cloudClient(sandbox.url).get('/1')).status).toBe(500);
			expect((await control.get('/faults')).data).toMatchObject({ errorRate: 1, requestCount: 1 });
			expect((await control.post('/faults', { errorRate: 0 })).status).toBe(200);
			expect((await cloudClient(sandbox.url).get('/1')).status).toBe(200);
		} finally {
			await sandbox.close();
		}
	});
});

describe('webhook batching window', () => {
	it('delivers pending updates on its own once the window closes, without a flush', async () => {
		const receiver = await startReceiver();
		const sandbox = await startSandbox({ port: 0, webhookUrl: receiver.url, webhookBatchMs: 10 });
		try {
			await controlClient(sandbox.url).post('/configurations/razorpay-sandbox/status', { status: 'Needs Testing' });
			const [delivery] = await receiver.waitFor(1);
			expect(delivery.body.entry[0].changes[0].value).toMatchObject({ configuration_name: 'razorpay-sandbox', status: 'Needs Testing' });
		} finally {
			await sandbox.close();
			await receiver.close();
		}
	});
});
