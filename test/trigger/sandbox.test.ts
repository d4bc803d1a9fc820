/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * The trigger against the sandbox as the sender: orders are sent through the sandbox's API, the
 * customer's side is driven through its control API, and the sandbox delivers signed, batched
 * webhooks to the trigger over real HTTP. Lookups go back to the sandbox.
 */
import type { IDataObject } from 'n8n-workflow';

import { buildOrderDetailsMessage } from '../../core/orderDetails';
import { signBody } from '../../core/signatures';
import type { OrderDetailsInput } from '../../core/types';
import { DEFAULTS, type Sandbox } from '../../sandbox';
import { FaultInjector, type Fault } from '../../sandbox/faults';
import { LOOKUP_ATTEMPTS } from '../../nodes/WhatsAppPaymentsTrigger/confirmation';
import { textOf } from '../engine/harness';
import { brazilOrderInput, fixtureNow, indiaOrderInput } from '../fixtures/orders';
import { messagesChange, paymentStatus, webhookBody } from '../fixtures/webhooks';
import { ACCESS_TOKEN, APP_SECRET, SHARED_SECRET, VERIFY_TOKEN, startSenderSandbox, startTrigger, type TriggerUnderTest } from './triggerHarness';

const CONFIGURATION = 'razorpay-sandbox';

let sandbox: Sandbox;
let trigger: TriggerUnderTest | undefined;

beforeEach(async () => {
	sandbox = await startSenderSandbox({ now: fixtureNow });
});

afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
	await sandbox.close();
});

const sandboxCredentials = (extra: IDataObject = {}) => ({ baseUrl: sandbox.url, phoneNumberId: DEFAULTS.phoneNumberId, ...extra });

async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<IDataObject> {
	const response = await fetch(sandbox.url + path, {
		method,
		headers: { 'content-type': 'application/json', ...headers },
		...(body === undefined ? {} : { body: JSON.stringify(body) }),
	});
	const json = (await response.json()) as IDataObject;
	if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
	return json;
}

const control = (path: string, body: unknown = {}) => request('POST', `/_sandbox${path}`, body);

/** Sends a message as the business through the sandbox's Cloud API (or 360dialog) endpoint. */
function sendMessage(message: unknown, channel: 'cloudApi' | 'dialog360' = 'cloudApi'): Promise<IDataObject> {
	return channel === 'cloudApi'
		? request('POST', `/v23.0/${DEFAULTS.phoneNumberId}/messages`, message, { authorization: `Bearer ${ACCESS_TOKEN}` })
		: request('POST', '/messages', message, { 'd360-api-key': ACCESS_TOKEN });
}

function indiaOrder(referenceId: string): OrderDetailsInput {
	return { ...indiaOrderInput(), referenceId, payment: { type: 'payment_gateway', gateway: 'razorpay', configurationName: CONFIGURATION } };
}

const orderStatus = (to: string, referenceId: string, status: string) => ({
	messaging_product: 'whatsapp',
	recipient_type: 'individual',
	to,
	type: 'interactive',
	interactive: { type: 'order_status', body: { text: `Order ${status}` }, action: { name: 'review_order', parameters: { reference_id: referenceId, order: { status } } } },
});

/** Points the sandbox's (Meta app) webhook at the trigger. */
const subscribe = () => control('/webhook', { url: trigger?.url, appSecret: APP_SECRET });

/** Delivers what is pending and returns the items of the executions started so far. */
async function deliver(expectedExecutions: number): Promise<IDataObject[][]> {
	const records = await sandbox.flushWebhooks();
	expect(records.map((record) => record.state)).toEqual(records.map(() => 'delivered'));
	return await (trigger as TriggerUnderTest).emitted(expectedExecutions);
}

/** The sandbox's log of the lookups of one reference: status and injected fault of each attempt. */
async function lookupRequests(referenceId: string): Promise<IDataObject[]> {
	const log = (await request('GET', '/_sandbox/requests')).data as IDataObject[];
	return log
		.filter((entry) => entry.method === 'GET' && String(entry.path).endsWith(`/payments/${CONFIGURATION}/${referenceId}`))
		.map(({ status, fault }) => (fault === undefined ? { status } : { status, fault }));
}

/** A fault seed whose first requests get exactly these faults (found with the sandbox's own injector). */
function seedFor(rates: { errorRate: number; resetRate: number }, kinds: Array<Fault['kind']>): number {
	for (let seed = 1; seed < 10_000; seed++) {
		const injector = new FaultInjector({ ...rates, seed });
		if (kinds.every((kind) => injector.next().kind === kind)) return seed;
	}
	throw new Error(`no seed gives ${kinds.join(', ')}`);
}

function expectNoSecrets(value: unknown): void {
	const text = textOf(value);
	for (const secret of [APP_SECRET, VERIFY_TOKEN, ACCESS_TOKEN, SHARED_SECRET]) expect(text).not.toContain(secret);
}

describe('Meta Cloud API deliveries from the sandbox', () => {
	it('turns a payment into a payment_status item confirmed by the lookup', async () => {
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: CONFIGURATION }, sandboxCredentials());
		await subscribe();
		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-PAY-1'), { now: fixtureNow }));
		await control('/orders/IN-PAY-1/pay', { outcome: 'success', method: 'card' });
		const [[item]] = await deliver(1);
		expect(item).toMatchObject({
			kind: 'payment_status',
			status: 'captured',
			referenceId: 'IN-PAY-1',
			currency: 'INR',
			amount: { minor: 115360, decimal: '1153.60' },
			transaction: { status: 'success', method: 'card' },
			confirmation: { status: 'captured', agrees: true, mismatches: [], error: null, payment: { referenceId: 'IN-PAY-1', status: 'captured' } },
		});
		expect(Object.keys(item).slice(-2)).toEqual(['confirmation', 'raw']);
		expectNoSecrets(item);
	});

	// receive-payments-via-payment-gateways-on-whatsapp.md § Step 4: the payment comes again, captured, with its refunds.
	it.each([
		[['captured'], [false]],
		[['refund'], [true]],
		[['captured', 'refund'], [false, true]],
	])('a refund of a paid order arrives as a refund update: Payment Statuses %j give the items whose refundUpdate is %j', async (paymentStatuses, refundUpdates) => {
		trigger = await startTrigger({ paymentStatuses, confirmWithLookup: false }, sandboxCredentials());
		await subscribe();
		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-PAY-REFUND'), { now: fixtureNow }));
		await control('/orders/IN-PAY-REFUND/pay', { outcome: 'success', method: 'upi' });
		await sandbox.flushWebhooks();
		const refund = { reference_id: 'IN-PAY-REFUND', speed: 'instant', payment_config_id: CONFIGURATION, amount: { currency: 'INR', value: '100', offset: '100' } };
		await request('POST', `/v23.0/${DEFAULTS.phoneNumberId}/payments_refund`, refund, { authorization: `Bearer ${ACCESS_TOKEN}` });
		const items = (await deliver(refundUpdates.length)).flat();
		expect(items.map((item) => [item.status, item.refundUpdate])).toEqual(refundUpdates.map((update) => ['captured', update]));
	});

	// Most credentials leave Default Phone Number ID empty (docs/setup.md), and a WABA may have several numbers: the
	// payment lives under the number the order went out from, which the update names.
	it.each([
		['has no Default Phone Number ID', ''],
		['names another number', '100000000000999'],
	])('looks the payment up on the number the update came to when the credential %s', async (_, defaultNumber) => {
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: CONFIGURATION }, sandboxCredentials({ phoneNumberId: defaultNumber }));
		await subscribe();
		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-PAY-NUMBER'), { now: fixtureNow }));
		await control('/orders/IN-PAY-NUMBER/pay', { outcome: 'success', method: 'upi' });
		const [[item]] = await deliver(1);
		expect(item).toMatchObject({ phoneNumberId: DEFAULTS.phoneNumberId, confirmation: { status: 'captured', agrees: true, error: null } });
	});

	it('flags a stale status the lookup contradicts, and confirms the current one', async () => {
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: CONFIGURATION }, sandboxCredentials());
		await subscribe();
		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-PAY-2'), { now: fixtureNow }));
		await control('/orders/IN-PAY-2/pay', { outcome: 'pending' });
		await control('/orders/IN-PAY-2/pay', { outcome: 'success' });
		const [items] = await deliver(1);
		expect(items.map((item) => [item.status, (item.confirmation as IDataObject).status, (item.confirmation as IDataObject).agrees])).toEqual([
			['pending', 'captured', false],
			['captured', 'captured', true],
		]);
		expect((items[0].confirmation as IDataObject).mismatches).toEqual([{ field: 'status', webhook: 'pending', lookup: 'captured' }]);
	});

	it('flags a signed webhook claiming a capture that never happened, and one about an unknown order', async () => {
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: CONFIGURATION }, sandboxCredentials());
		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-PAY-3'), { now: fixtureNow }));
		const statuses = [
			paymentStatus({ referenceId: 'IN-PAY-3', amountMinor: 115360, messageId: 'wamid.claim' }),
			paymentStatus({ referenceId: 'IN-NO-SUCH-ORDER', messageId: 'wamid.unknown' }),
		];
		expect((await trigger.post(webhookBody([[messagesChange({ statuses }, { phoneNumberId: DEFAULTS.phoneNumberId })]]))).status).toBe(200);
		const [[claimed, unknown]] = await trigger.emitted(1);
		expect(claimed.confirmation).toMatchObject({ status: 'pending', agrees: false, mismatches: [{ field: 'status', webhook: 'captured', lookup: 'pending' }] });
		expect(unknown.confirmation).toMatchObject({ status: null, agrees: false, payment: null, error: { httpCode: 400, message: expect.stringMatching(/^Payment lookup failed: /) } });
		expectNoSecrets([claimed, unknown]);
	});

	// The delivery is answered before the lookups: a reference or configuration name no lookup path can hold must not
	// throw there, or every update of the delivery would be lost (WhatsApp does not resend an answered delivery).
	it('still emits every update when a reference_id is made of dots, with the refusal on its item only', async () => {
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: CONFIGURATION }, sandboxCredentials());
		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-PAY-DOTS'), { now: fixtureNow }));
		const statuses = [paymentStatus({ referenceId: '..', messageId: 'wamid.dots' }), paymentStatus({ referenceId: 'IN-PAY-DOTS', amountMinor: 115360, messageId: 'wamid.real' })];
		expect((await trigger.post(webhookBody([[messagesChange({ statuses }, { phoneNumberId: DEFAULTS.phoneNumberId })]]))).status).toBe(200);
		const [[dots, real]] = await trigger.emitted(1);
		expect(dots).toMatchObject({ referenceId: '..', confirmation: { agrees: null, error: { message: expect.stringMatching(/^referenceId: must contain a letter/) } } });
		expect(real).toMatchObject({ referenceId: 'IN-PAY-DOTS', confirmation: { status: 'pending', agrees: false } });
		expect(await lookupRequests('..')).toEqual([]);
	});

	it.each([
		['with spaces around it is looked up as trimmed', ` ${CONFIGURATION} `, { status: 'captured', agrees: true, error: null }],
		['made of dots is reported on the items, which still arrive', '.', { agrees: null, error: { message: expect.stringMatching(/^Payment Configuration Name: must contain/) } }],
	])('a payment configuration name %s', async (_, name, confirmation) => {
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: name }, sandboxCredentials());
		await subscribe();
		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-PAY-NAME'), { now: fixtureNow }));
		await control('/orders/IN-PAY-NAME/pay', { outcome: 'success', method: 'upi' });
		const [[item]] = await deliver(1);
		expect(item).toMatchObject({ referenceId: 'IN-PAY-NAME', confirmation });
	});

	it('looks a batch\'s payments up with the credential it checked the delivery with: one credential load in all', async () => {
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: CONFIGURATION }, sandboxCredentials());
		await subscribe();
		for (const ref of ['IN-PAY-L1', 'IN-PAY-L2', 'IN-PAY-L3']) {
			await sendMessage(buildOrderDetailsMessage(indiaOrder(ref), { now: fixtureNow }));
			await control(`/orders/${ref}/pay`, { outcome: 'success', method: 'upi' });
		}
		const [items] = await deliver(1);
		expect(items.map((item) => (item.confirmation as IDataObject).agrees)).toEqual([true, true, true]);
		expect(trigger.credentialLoads()).toBe(1);
	});

	it('compares amounts by value x offset, and reports a negative amount instead of taking it for one', async () => {
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: CONFIGURATION }, sandboxCredentials());
		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-PAY-9'), { now: fixtureNow }));
		await control('/orders/IN-PAY-9/pay', { outcome: 'success' });
		const withAmount = (messageId: string, amount: unknown) => {
			const status = paymentStatus({ referenceId: 'IN-PAY-9', messageId });
			(status.payment as IDataObject).amount = amount as IDataObject;
			return status;
		};
		const statuses = [withAmount('wamid.same', { value: 1153600, offset: 1000 }), withAmount('wamid.negative', { value: -115360, offset: 100 }), withAmount('wamid.half', { value: '115360.5', offset: 100 })];
		expect((await trigger.post(webhookBody([[messagesChange({ statuses }, { phoneNumberId: DEFAULTS.phoneNumberId })]]))).status).toBe(200);
		const [[same, negative, half]] = await trigger.emitted(1);
		expect(same.confirmation).toMatchObject({ agrees: true, mismatches: [] });
		expect(negative.amount).toBeNull();
		expect(negative.confirmation).toMatchObject({ agrees: false, mismatches: [{ field: 'amount', webhook: 'unreadable: {"value":-115360,"offset":100}', lookup: '1153.60' }] });
		expect(half.amount).toBeNull();
		expect(half.confirmation).toMatchObject({ agrees: false, mismatches: [{ field: 'amount', lookup: '1153.60' }] });
	});

	it('reports a failed lookup on the item instead of dropping it', async () => {
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: CONFIGURATION }, sandboxCredentials({ accessToken: 'revoked-token' }));
		await subscribe();
		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-PAY-4'), { now: fixtureNow }));
		await control('/orders/IN-PAY-4/pay', { outcome: 'success' });
		const [[item]] = await deliver(1);
		expect(item).toMatchObject({ kind: 'payment_status', status: 'captured', confirmation: { status: null, agrees: null, error: { httpCode: 401 } } });
		expect(textOf(item)).not.toContain('revoked-token');
		// A refused credential is not transient: one attempt only.
		expect(await lookupRequests('IN-PAY-4')).toEqual([{ status: 401 }]);
	});

	it('says what is missing when the payment configuration name comes out empty', async () => {
		// n8n refuses an empty required parameter, but not an expression that yields nothing.
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: '={{ "" }}' }, sandboxCredentials());
		await subscribe();
		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-PAY-5'), { now: fixtureNow }));
		await control('/orders/IN-PAY-5/pay', { outcome: 'success' });
		const [[item]] = await deliver(1);
		expect(item.confirmation).toMatchObject({ agrees: null, error: { message: expect.stringMatching(/^Payment Configuration Name: is empty/) } });
	});

	it('gives the One-Click confirmation as a payment_method item with the credential id', async () => {
		trigger = await startTrigger({}, sandboxCredentials());
		await subscribe();
		await sendMessage(buildOrderDetailsMessage({ ...brazilOrderInput(), referenceId: 'BR-ONE-CLICK-1' }, { now: fixtureNow }));
		await control('/orders/BR-ONE-CLICK-1/one-click');
		const [[item]] = await deliver(1);
		expect(item).toMatchObject({
			kind: 'payment_method',
			paymentMethod: 'offsite_card_pay',
			referenceId: 'BR-ONE-CLICK-1',
			credentialId: 'cred-77',
			lastFourDigits: '4242',
			profileName: DEFAULTS.customerName,
		});
	});

	it('gives a configuration update item', async () => {
		trigger = await startTrigger({}, sandboxCredentials());
		await subscribe();
		await control('/configurations/payu-sandbox/status', { status: 'Active' });
		const [[item]] = await deliver(1);
		expect(item).toMatchObject({ kind: 'payment_configuration_update', configurationName: 'payu-sandbox', status: 'Active', statusNormalized: 'active' });
	});

	it('gives the 2047 error of canceling a paid order next to its payment status', async () => {
		trigger = await startTrigger({}, sandboxCredentials());
		await subscribe();
		const order = indiaOrder('IN-CANCEL-1');
		await sendMessage(buildOrderDetailsMessage(order, { now: fixtureNow }));
		await control('/orders/IN-CANCEL-1/pay', { outcome: 'success' });
		await sendMessage(orderStatus(order.to, 'IN-CANCEL-1', 'canceled'));
		const [items] = await deliver(1);
		expect(items.map((item) => [item.kind, item.status ?? item.code])).toEqual([
			['payment_status', 'captured'],
			['error', 2047],
		]);
		expect(items[1]).toMatchObject({ referenceId: null, statusId: expect.any(String), message: "Could not change order status to 'canceled'" });
	});

	it('emits a replayed delivery once', async () => {
		trigger = await startTrigger({}, sandboxCredentials());
		await subscribe();
		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-REPLAY-1'), { now: fixtureNow }));
		await control('/orders/IN-REPLAY-1/pay', { outcome: 'success' });
		expect(await deliver(1)).toHaveLength(1);
		// The sandbox sent JSON.stringify(body): the same bytes again, signed again, like Meta's retry.
		const [record] = (await request('GET', '/_sandbox/webhooks')).data as Array<{ body: unknown }>;
		const raw = JSON.stringify(record.body);
		const replay = await fetch(trigger.url, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(raw, APP_SECRET) } });
		expect(replay.status).toBe(200);
		expect(await trigger.emitted()).toHaveLength(1);
	});
});

describe('payment lookup retries (the sandbox injecting faults into the lookups only)', () => {
	/** A paid order whose payment webhook is pending in the sandbox; the faults start with the next API request. */
	async function paidOrder(referenceId: string, faults: IDataObject): Promise<void> {
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: CONFIGURATION }, sandboxCredentials());
		await subscribe();
		await sendMessage(buildOrderDetailsMessage(indiaOrder(referenceId), { now: fixtureNow }));
		await control('/orders/' + referenceId + '/pay', { outcome: 'success' });
		await control('/faults', faults);
	}

	it('retries a lookup after an HTTP 500 and a reset connection, and confirms the payment', async () => {
		const rates = { errorRate: 0.4, resetRate: 0.4 };
		await paidOrder('IN-RETRY-1', { ...rates, seed: seedFor(rates, ['error', 'reset', 'none']) });
		const [[item]] = await deliver(1);
		expect(item.confirmation).toMatchObject({ status: 'captured', agrees: true, error: null });
		expect(await lookupRequests('IN-RETRY-1')).toEqual([
			{ status: 500, fault: expect.stringMatching(/^error [12]$/) },
			{ status: 'reset', fault: 'reset' },
			{ status: 200 },
		]);
		expectNoSecrets(item);
	});

	it('answers the delivery at once, then reports a lookup that kept failing with its attempts', async () => {
		await paidOrder('IN-RETRY-2', { errorRate: 1 });
		const [record] = await sandbox.flushWebhooks();
		// The first attempt was answered 200 although every lookup fails (they run after the answer).
		expect(record).toMatchObject({ state: 'delivered', attempts: [{ status: 200 }] });
		const [[item]] = await (trigger as TriggerUnderTest).emitted(1);
		expect(item).toMatchObject({
			kind: 'payment_status',
			status: 'captured',
			confirmation: { status: null, agrees: null, error: { httpCode: 500, message: expect.stringMatching(new RegExp(`^Payment lookup failed: .+ \\(after ${LOOKUP_ATTEMPTS} attempts\\)$`)) } },
		});
		const attempts = await lookupRequests('IN-RETRY-2');
		expect(attempts).toHaveLength(LOOKUP_ATTEMPTS);
		expect(attempts.every((attempt) => attempt.status === 500)).toBe(true);
	});
});

describe('360dialog', () => {
	const dialog360 = (extra: IDataObject = {}) =>
		sandboxCredentials({ provider: 'dialog360', apiKey: ACCESS_TOKEN, appSecret: '', webhookSharedSecret: SHARED_SECRET, ...extra });
	const registered = () => request('GET', '/v1/configs/webhook', undefined, { 'd360-api-key': ACCESS_TOKEN });

	it('registers the webhook URL with the shared secret on activation and receives the deliveries', async () => {
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: CONFIGURATION }, dialog360());
		expect((await registered()).url).toBeNull();
		await trigger.server.activate();
		expect((await registered()).url).toBe(trigger.url);

		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-D360-1'), { now: fixtureNow }), 'dialog360');
		await control('/orders/IN-D360-1/pay', { outcome: 'success' });
		const [[item]] = await deliver(1);
		expect(item).toMatchObject({ kind: 'payment_status', referenceId: 'IN-D360-1', confirmation: { status: 'captured', agrees: true } });
		const paths = ((await request('GET', '/_sandbox/requests')).data as Array<{ method: string; path: string }>).map((entry) => `${entry.method} ${entry.path}`);
		expect(paths).toEqual(expect.arrayContaining(['POST /v1/configs/webhook', `GET /v1/payments/${CONFIGURATION}/IN-D360-1`]));
		expectNoSecrets(item);

		// A failed attempt: the webhook says pending (Step 4), the seed's lookup says failed; both mean not paid yet.
		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-D360-2'), { now: fixtureNow }), 'dialog360');
		await control('/orders/IN-D360-2/pay', { outcome: 'failed' });
		const [, [failed]] = await deliver(2);
		expect(failed).toMatchObject({ status: 'pending', transaction: { status: 'failed' }, confirmation: { status: 'failed', agrees: true, mismatches: [] } });
		expect((failed.confirmation as IDataObject).payment).toMatchObject({ statusNormalized: 'pending', stage: 'attempt_failed' });

		await trigger.server.deactivate();
	});

	it('refuses deliveries without the registered secret header', async () => {
		trigger = await startTrigger({}, dialog360());
		const body = webhookBody([[messagesChange({ statuses: [paymentStatus()] })]]);
		// Signed with the sandbox's app secret, but this credential checks the shared secret.
		expect((await trigger.post(body)).status).toBe(401);
		expect(trigger.server.executions).toHaveLength(0);
	});

	it('a credential switched from the Cloud API (its old App Secret hidden) receives what 360dialog sends with the registered header', async () => {
		trigger = await startTrigger({}, dialog360({ appSecret: 'left-over-cloud-app-secret-9d2e' }));
		await trigger.server.activate();
		await sendMessage(buildOrderDetailsMessage(indiaOrder('IN-D360-3'), { now: fixtureNow }), 'dialog360');
		await control('/orders/IN-D360-3/pay', { outcome: 'success' });
		const [[item]] = await deliver(1);
		expect(item).toMatchObject({ kind: 'payment_status', referenceId: 'IN-D360-3' });
	});

	// n8n's own request error holds the request: the D360-API-KEY header and the body with the Webhook Secret.
	it.each<[string, Array<Fault['kind']>, RegExp]>([
		['the GET of the registered config fails with 500', ['error'], /^360dialog webhook registration \(GET \/v1\/configs\/webhook\): /],
		['the POST of the URL fails with 500', ['none', 'error'], /^360dialog webhook registration \(POST \/v1\/configs\/webhook\): /],
		['the POST of the URL is cut off', ['none', 'reset'], /^360dialog webhook registration \(POST \/v1\/configs\/webhook\): the request failed$/],
	])('an activation whose %s says so without the API key or the shared secret anywhere in the error', async (_, faults, message) => {
		const rates = { errorRate: faults.includes('error') ? 0.5 : 0, resetRate: faults.includes('reset') ? 0.5 : 0 };
		await control('/faults', { ...rates, seed: seedFor(rates, faults) });
		trigger = await startTrigger({}, dialog360());
		const error = await trigger.server.activate().then(
			() => undefined,
			(caught: unknown) => caught,
		);
		expect((error as Error).message).toMatch(message);
		expectNoSecrets(error);
	});

	it('refuses to activate a credential that could verify no delivery, without naming secrets', async () => {
		trigger = await startTrigger({}, dialog360({ webhookSharedSecret: '' }));
		const activation = trigger.server.activate();
		await expect(activation).rejects.toThrow(/App Secret or a Webhook Secret/);
		expectNoSecrets(await activation.catch((error: unknown) => error));
		expect((await registered()).url).toBeNull();
	});
});

describe('Meta Cloud API activation', () => {
	it('needs no API call, and refuses a credential without an app secret', async () => {
		trigger = await startTrigger({}, sandboxCredentials());
		await trigger.server.activate();
		expect((await request('GET', '/_sandbox/requests')).data).toEqual([]);
		await trigger.server.deactivate();
		await trigger.close();

		trigger = await startTrigger({}, sandboxCredentials({ appSecret: '' }));
		await expect(trigger.server.activate()).rejects.toThrow(/needs an App Secret/);
	});
});
