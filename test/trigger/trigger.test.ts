/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- dev-only code, never runs inside n8n (docs/verification.md) */
import type { INodeParameters } from 'n8n-workflow';

import {
	BUYER_WA_ID,
	CANNOT_CANCEL_ERROR,
	INVALID_TRANSITION_ERROR,
	configurationUpdateChange,
	deliveryStatus,
	failedMessageStatus,
	messagesChange,
	paymentMethodMessage,
	paymentStatus,
	textMessage,
	webhookBody,
} from '../fixtures/webhooks';
import { signBody } from '../../core/signatures';
import { loggedWarnings, textOf } from '../engine/harness';
import { ACCESS_TOKEN, APP_SECRET, SHARED_SECRET, TRIGGER, VERIFY_TOKEN, startTrigger, type TriggerUnderTest } from './triggerHarness';

const ALL_EVENTS = ['payment_status', 'payment_method', 'payment_configuration_update', 'error', 'other', 'invalid'];

let trigger: TriggerUnderTest | undefined;
afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});

/** Nothing secret may appear in what the workflow receives. */
function expectNoSecrets(value: unknown): void {
	const text = textOf(value);
	for (const secret of [APP_SECRET, VERIFY_TOKEN, ACCESS_TOKEN, SHARED_SECRET]) expect(text).not.toContain(secret);
}

describe('verification handshake (GET)', () => {
	const handshake = (url: string, token: string) =>
		fetch(`${url}?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`);

	it('echoes the challenge as plain text when the verify token matches', async () => {
		trigger = await startTrigger();
		const response = await handshake(trigger.url, VERIFY_TOKEN);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
		expect(await response.text()).toBe('1158201444');
		expect(trigger.server.executions).toHaveLength(0);
	});

	it('refuses a wrong token with 403 and without the challenge', async () => {
		trigger = await startTrigger();
		const response = await handshake(trigger.url, 'not-the-token');
		expect(response.status).toBe(403);
		expect(await response.text()).not.toContain('1158201444');
	});

	it('refuses an empty token when the credential has no verify token', async () => {
		trigger = await startTrigger({}, { verifyToken: '' });
		expect((await handshake(trigger.url, '')).status).toBe(403);
	});

	it('without a token in the credential, answers with the node\'s own: by default made from its ID, or the one typed in', async () => {
		trigger = await startTrigger({ webhookVerification: '={{ $nodeId }}' }, { verifyToken: '' });
		// The harness gives each node its name as ID.
		expect(await (await handshake(trigger.url, TRIGGER)).text()).toBe('1158201444');
		await trigger.close();
		trigger = await startTrigger({ webhookVerification: 'typed-by-the-merchant' }, { verifyToken: '' });
		expect((await handshake(trigger.url, TRIGGER)).status).toBe(403);
		expect((await handshake(trigger.url, 'typed-by-the-merchant')).status).toBe(200);
	});

	it('loads no credential for a GET that is not Meta\'s check nor for the node\'s own token; wrong tokens cost one load', async () => {
		trigger = await startTrigger({ webhookVerification: 'typed-by-the-merchant' });
		expect((await fetch(trigger.url)).status).toBe(403);
		expect((await fetch(`${trigger.url}?hub.mode=subscribe&hub.challenge=1158201444`)).status).toBe(403);
		expect((await handshake(trigger.url, 'typed-by-the-merchant')).status).toBe(200);
		expect(trigger.credentialLoads()).toBe(0);
		for (let i = 0; i < 5; i++) expect((await handshake(trigger.url, `guess-${i}`)).status).toBe(403);
		expect((await handshake(trigger.url, VERIFY_TOKEN)).status).toBe(200);
		expect(trigger.credentialLoads()).toBe(1);
	});

	it('reads a changed verify token at the first check the kept one fails, at most one load in 10 s', async () => {
		const realNow = Date.now.bind(Date);
		let shiftMs = 0;
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shiftMs);
		try {
			trigger = await startTrigger();
			expect((await handshake(trigger.url, VERIFY_TOKEN)).status).toBe(200);
			trigger.setCredentials({ verifyToken: 'the-new-verify-token' });
			// Loaded less than 10 s ago: the kept token answers.
			expect((await handshake(trigger.url, 'the-new-verify-token')).status).toBe(403);
			shiftMs += 10_000;
			expect((await handshake(trigger.url, 'the-new-verify-token')).status).toBe(200);
			expect((await handshake(trigger.url, VERIFY_TOKEN)).status).toBe(403);
			expect(trigger.credentialLoads()).toBe(2);
		} finally {
			jest.restoreAllMocks();
		}
	});

	it('version 1 (no Verify Token parameter) answers with the credential\'s token or the node\'s ID', async () => {
		trigger = await startTrigger({}, {}, 1);
		expect((await handshake(trigger.url, VERIFY_TOKEN)).status).toBe(200);
		expect((await handshake(trigger.url, TRIGGER)).status).toBe(200);
	});
});

describe('delivery authenticity (POST)', () => {
	const body = webhookBody([[messagesChange({ statuses: [paymentStatus()] })]]);

	it('turns a signed payment status into one normalized item with the raw update last', async () => {
		trigger = await startTrigger();
		const response = await trigger.post(body);
		expect(response.status).toBe(200);
		const [items] = await trigger.emitted();
		expect(items).toHaveLength(1);
		const item = items[0];
		expect(item).toMatchObject({
			kind: 'payment_status',
			status: 'captured',
			referenceId: 'order-1001',
			waId: BUYER_WA_ID,
			currency: 'INR',
			amount: { value: 21000, offset: 100, minor: 21000, decimal: '210.00' },
			transaction: { id: 'pay_N2P8vD1xTbXyQ0', status: 'success', method: 'upi', type: 'razorpay' },
			field: 'messages',
			phoneNumberId: '106540352242922',
		});
		expect(item.raw).toEqual(paymentStatus());
		expect(Object.keys(item).at(-1)).toBe('raw');
		expect(item).not.toHaveProperty('confirmation');
		expectNoSecrets(items);
	});

	it('answers a forged signature with 401 and starts no execution', async () => {
		trigger = await startTrigger();
		const response = await trigger.post(body, { secret: 'some-other-secret' });
		expect(response.status).toBe(401);
		expectNoSecrets(await response.text());
		expect(trigger.server.executions).toHaveLength(0);
	});

	it('answers an unsigned delivery with 401', async () => {
		trigger = await startTrigger();
		expect((await trigger.post(body, { secret: null })).status).toBe(401);
		expect(trigger.server.executions).toHaveLength(0);
	});

	it('refuses a body changed after signing (the signature covers the exact bytes)', async () => {
		trigger = await startTrigger();
		const raw = JSON.stringify(body);
		const signature = signBody(raw, APP_SECRET);
		const tampered = raw.replace('"captured"', '"failed"');
		const response = await fetch(trigger.url, {
			method: 'POST',
			body: tampered,
			headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
		});
		expect(response.status).toBe(401);
		expect(trigger.server.executions).toHaveLength(0);
	});

	it('verifies the exact bytes sent, whatever their formatting', async () => {
		trigger = await startTrigger();
		const response = await trigger.post(JSON.stringify(body, null, 2));
		expect(response.status).toBe(200);
		expect(await trigger.emitted()).toHaveLength(1);
	});

	it('refuses an oversized delivery with 413 before checking it', async () => {
		trigger = await startTrigger({ options: { maxBodySizeMb: 0.1 } });
		const padding = 'x'.repeat(200 * 1024);
		const response = await trigger.post({ ...body, padding });
		expect(response.status).toBe(413);
		expect(trigger.server.executions).toHaveLength(0);
	});

	it('refuses every delivery when the credential holds no secret to check against', async () => {
		trigger = await startTrigger({}, { appSecret: '' });
		expect((await trigger.post(body)).status).toBe(401);
		expect(trigger.server.executions).toHaveLength(0);
	});

	it('app secret rotation: the previous secret verifies until its date, and is refused after it', async () => {
		const OLD_SECRET = 'test-old-app-secret-12ab';
		const rotating = (validUntil: string) => ({ previousAppSecret: OLD_SECRET, previousAppSecretValidUntil: validUntil });
		trigger = await startTrigger({}, rotating(new Date(Date.now() + 3_600_000).toISOString()));
		expect((await trigger.post(body, { secret: OLD_SECRET })).status).toBe(200);
		expect((await trigger.post(body)).status).toBe(200);
		await trigger.close();
		trigger = await startTrigger({}, rotating(new Date(Date.now() - 1000).toISOString()));
		const refused = await trigger.post(body, { secret: OLD_SECRET });
		expect(refused.status).toBe(401);
		expectNoSecrets(await refused.text());
		expect((await trigger.post(body)).status).toBe(200);
	});

	it('360dialog: accepts the registered shared secret header when no app secret is set', async () => {
		trigger = await startTrigger({}, { provider: 'dialog360', apiKey: 'k', appSecret: '', webhookSharedSecret: SHARED_SECRET });
		expect((await trigger.post(body, { secret: null, headers: { 'x-webhook-secret': 'wrong' } })).status).toBe(401);
		expect((await trigger.post(body, { secret: null })).status).toBe(401);
		expect((await trigger.post(body, { secret: null, headers: { 'x-webhook-secret': SHARED_SECRET } })).status).toBe(200);
		const executions = await trigger.emitted();
		expect(executions).toHaveLength(1);
		expectNoSecrets(executions);
	});
});

describe('events', () => {
	it('gives 1000 items for a 1000-update batch, in body order', async () => {
		trigger = await startTrigger();
		const statuses = Array.from({ length: 1000 }, (_, i) => paymentStatus({ referenceId: `order-${i}`, messageId: `wamid.${i}` }));
		expect((await trigger.post(webhookBody([[messagesChange({ statuses })]]))).status).toBe(200);
		const executions = await trigger.emitted();
		expect(executions).toHaveLength(1);
		expect(executions[0]).toHaveLength(1000);
		expect(executions[0].map((item) => item.referenceId)).toEqual(statuses.map((_, i) => `order-${i}`));
	});

	it('gives a One-Click confirmation as a payment_method item with the credential id', async () => {
		trigger = await startTrigger();
		const message = paymentMethodMessage({ referenceId: 'br-order-7', credentialId: '99887766', lastFourDigits: '4242' });
		const contacts = [{ profile: { name: 'Maria' }, wa_id: '5511987654321' }];
		await trigger.post(webhookBody([[messagesChange({ messages: [message], contacts })]]));
		const [[item]] = await trigger.emitted();
		expect(item).toMatchObject({
			kind: 'payment_method',
			paymentMethod: 'offsite_card_pay',
			credentialId: '99887766',
			lastFourDigits: '4242',
			referenceId: 'br-order-7',
			profileName: 'Maria',
			waId: '5511987654321',
		});
		expect(item.raw).toEqual(message);
	});

	it('gives a configuration update item', async () => {
		trigger = await startTrigger();
		await trigger.post(webhookBody([[configurationUpdateChange('Needs Connecting', { configurationName: 'razorpay-main' })]]));
		const [[item]] = await trigger.emitted();
		expect(item).toMatchObject({
			kind: 'payment_configuration_update',
			configurationName: 'razorpay-main',
			providerName: 'razorpay',
			status: 'Needs Connecting',
			statusNormalized: 'needs_connecting',
		});
	});

	it('gives 2046 and 2047 error webhooks as error items', async () => {
		trigger = await startTrigger();
		const statuses = [
			failedMessageStatus([INVALID_TRANSITION_ERROR()], { messageId: 'wamid.status-a' }),
			failedMessageStatus([CANNOT_CANCEL_ERROR()], { messageId: 'wamid.status-b' }),
		];
		await trigger.post(webhookBody([[messagesChange({ statuses })]]));
		const [items] = await trigger.emitted();
		expect(items.map((item) => [item.kind, item.code, item.statusId])).toEqual([
			['error', 2046, 'wamid.status-a'],
			['error', 2047, 'wamid.status-b'],
		]);
		expect(items[0].details).toBe('New order status was not correctly transitioned.');
	});

	it('logs a signed update it could not read when Invalid Part is not chosen, instead of losing it without a trace', async () => {
		trigger = await startTrigger({ events: ['payment_status'] });
		const broken = { ...paymentStatus({ referenceId: 'order-broken' }), payment: 'not an object' };
		await trigger.post(webhookBody([[messagesChange({ statuses: [paymentStatus({ referenceId: 'order-ok' }), broken] })]]));
		const [items] = await trigger.emitted();
		expect(items.map((item) => item.referenceId)).toEqual(['order-ok']);
		expect(loggedWarnings.filter((line) => line.includes('could not be read'))).toEqual([
			'WhatsApp Payments Trigger: a delivery carried signed updates that could not be read and started nothing (add "Invalid Part" to Trigger On to receive them), e.g. a payment status needs a payment object at /entry/0/changes/0/value/statuses/1/payment',
		]);
	});

	it('emits only the chosen kinds: by default no delivery receipts or chat messages', async () => {
		trigger = await startTrigger();
		const change = messagesChange({ statuses: [deliveryStatus('read'), paymentStatus()], messages: [textMessage('hello')] });
		await trigger.post(webhookBody([[change]]));
		const [items] = await trigger.emitted();
		expect(items.map((item) => item.kind)).toEqual(['payment_status']);
	});

	it('emits everything else and invalid parts when asked', async () => {
		trigger = await startTrigger({ events: ALL_EVENTS });
		const change = messagesChange({ statuses: [deliveryStatus('read'), 'not an object' as never], messages: [textMessage('hello')] });
		await trigger.post(webhookBody([[change]]));
		const [items] = await trigger.emitted();
		expect(items.map((item) => item.kind)).toEqual(['other', 'invalid', 'other']);
		expect(items[1]).toMatchObject({ source: '/entry/0/changes/0/value/statuses/1', reason: expect.stringContaining('object') });
	});

	it('starts no execution when nothing in the delivery is wanted, and still answers 200', async () => {
		trigger = await startTrigger({ events: ['payment_method'] });
		const response = await trigger.post(webhookBody([[messagesChange({ statuses: [paymentStatus()] })]]));
		expect(response.status).toBe(200);
		expect(trigger.server.executions).toHaveLength(0);
	});

	it.each<[string, 1 | 2, INodeParameters]>([
		['beside "Trigger On" (version 2)', 2, { paymentStatuses: ['captured'] }],
		['in Options (version 1)', 1, { options: { paymentStatuses: ['captured'] } }],
	])('filters payment statuses without dropping any other kind of event: the filter %s', async (_where, version, parameters) => {
		trigger = await startTrigger(parameters, {}, version);
		const statuses = [
			paymentStatus({ status: 'pending', referenceId: 'order-p' }),
			paymentStatus({ status: 'captured', referenceId: 'order-c' }),
			paymentStatus({ status: 'failed', referenceId: 'order-f' }),
			failedMessageStatus([INVALID_TRANSITION_ERROR()]),
		];
		await trigger.post(webhookBody([[messagesChange({ statuses })], [configurationUpdateChange('Active')]]));
		const [items] = await trigger.emitted();
		expect(items.map((item) => [item.kind, item.referenceId ?? item.configurationName ?? null])).toEqual([
			['payment_status', 'order-c'],
			['error', null],
			['payment_configuration_update', 'razorpay-main'],
		]);
	});

	it('"Failed" picks failed attempts, which webhooks report as pending with a failed transaction (the newest page), and the older "failed" status', async () => {
		trigger = await startTrigger({ paymentStatuses: ['failed'] });
		const statuses = [
			paymentStatus({ status: 'pending', transactionStatus: 'failed', referenceId: 'order-newest' }),
			paymentStatus({ status: 'pending', referenceId: 'order-paying' }),
			paymentStatus({ status: 'failed', referenceId: 'order-older' }),
			paymentStatus({ status: 'captured', referenceId: 'order-paid' }),
		];
		await trigger.post(webhookBody([[messagesChange({ statuses })]]));
		const [items] = await trigger.emitted();
		expect(items.map((item) => [item.referenceId, item.status, item.stage])).toEqual([
			['order-newest', 'pending', 'attempt_failed'],
			['order-older', 'failed', 'attempt_failed'],
		]);
	});

	it('reports a signed body that is not JSON as one invalid item', async () => {
		trigger = await startTrigger();
		// As text/plain, so that n8n's JSON body parser lets it through to the node.
		const response = await trigger.post('{"object": "whatsapp_business_account", ', { headers: { 'content-type': 'text/plain' } });
		expect(response.status).toBe(200);
		const [[item]] = await trigger.emitted();
		expect(item).toMatchObject({ kind: 'invalid', reason: 'the body is not valid JSON' });
	});
});

describe('payment lookup confirmation', () => {
	it('reports an unreachable lookup on the item and still emits it', async () => {
		// Port 9 (discard) on 127.0.0.1: nothing listens there, the connection is refused.
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: 'razorpay-main' }, { baseUrl: 'http://127.0.0.1:9' });
		expect((await trigger.post(webhookBody([[messagesChange({ statuses: [paymentStatus()] })]]))).status).toBe(200);
		const [[item]] = await trigger.emitted(1);
		expect(item).toMatchObject({
			kind: 'payment_status',
			status: 'captured',
			confirmation: { status: null, agrees: null, payment: null, error: { httpCode: null, message: expect.stringMatching(/^Payment lookup failed: /) } },
		});
		expectNoSecrets(item);
	});

	it('attaches no confirmation to events other than payment statuses', async () => {
		trigger = await startTrigger({ confirmWithLookup: true, paymentConfigurationName: 'razorpay-main' }, { baseUrl: 'http://127.0.0.1:9' });
		await trigger.post(webhookBody([[configurationUpdateChange('Active')]]));
		const [[item]] = await trigger.emitted();
		expect(item).not.toHaveProperty('confirmation');
	});
});

describe('retried deliveries', () => {
	it('emits a redelivered update once, and a new update of the same payment again', async () => {
		trigger = await startTrigger();
		const pending = webhookBody([[messagesChange({ statuses: [paymentStatus({ status: 'pending', timestamp: 1726170100 })] })]]);
		const captured = webhookBody([[messagesChange({ statuses: [paymentStatus({ status: 'captured', timestamp: 1726170200 })] })]]);
		for (const body of [pending, pending, captured, pending, captured]) expect((await trigger.post(body)).status).toBe(200);
		const executions = await trigger.emitted();
		expect(executions.map((items) => items.map((item) => item.status))).toEqual([['pending'], ['captured']]);
	});

	it('emits only the new updates of a batch that repeats earlier ones', async () => {
		trigger = await startTrigger();
		const first = paymentStatus({ referenceId: 'order-a', messageId: 'wamid.a' });
		const second = paymentStatus({ referenceId: 'order-b', messageId: 'wamid.b' });
		await trigger.post(webhookBody([[messagesChange({ statuses: [first] })]]));
		await trigger.post(webhookBody([[messagesChange({ statuses: [first, second] })]]));
		const executions = await trigger.emitted();
		expect(executions.map((items) => items.map((item) => item.referenceId))).toEqual([['order-a'], ['order-b']]);
	});

	it('emits every delivery when deduplication is off', async () => {
		trigger = await startTrigger({ options: { deduplicate: false } });
		const body = webhookBody([[messagesChange({ statuses: [paymentStatus()] })]]);
		await trigger.post(body);
		await trigger.post(body);
		expect(await trigger.emitted()).toHaveLength(2);
	});

	it('does not let a forged delivery mark an update as seen', async () => {
		trigger = await startTrigger();
		const body = webhookBody([[messagesChange({ statuses: [paymentStatus()] })]]);
		expect((await trigger.post(body, { secret: 'forger' })).status).toBe(401);
		expect((await trigger.post(body)).status).toBe(200);
		expect(await trigger.emitted()).toHaveLength(1);
	});
});
