import fc from 'fast-check';
import { isoOf, parseWebhook, normalizeConfigurationStatus, paymentStatusWanted } from '../../core/webhooks';
import type { ErrorEvent, InvalidEvent, PaymentConfigurationUpdateEvent, PaymentMethodEvent, PaymentStatusEvent, WebhookEvent } from '../../core/types';
import {
	BASE_TIMESTAMP,
	BUYER_WA_ID,
	CANNOT_CANCEL_ERROR,
	DISPLAY_PHONE_NUMBER,
	INVALID_TRANSITION_ERROR,
	PHONE_NUMBER_ID,
	WABA_ID,
	configurationUpdateChange,
	deliveryStatus,
	failedMessageStatus,
	messagesChange,
	paymentMethodMessage,
	paymentStatus,
	paymentStatusBatch,
	seedOneClickWebhook,
	textMessage,
	webhookBody,
	webhookError,
	type JsonObject,
} from '../fixtures/webhooks';

const one = (change: JsonObject) => parseWebhook(webhookBody([[change]]));
const kinds = (events: WebhookEvent[]) => events.map((e) => e.kind);
const ISO = new Date(BASE_TIMESTAMP * 1000).toISOString();

describe('parseWebhook: One-Click payment_method (seed)', () => {
	it('gives exactly one payment_method event with the seed values', () => {
		const events = parseWebhook(seedOneClickWebhook());
		expect(events).toHaveLength(1);
		const event = events[0] as PaymentMethodEvent;
		expect(event).toMatchObject({
			kind: 'payment_method',
			credentialId: '1234567',
			lastFourDigits: '5235',
			referenceId: 'pix_test_webhook',
			paymentMethod: 'offsite_card_pay',
			paymentTimestamp: 1726170122,
			paymentTimestampIso: '2024-09-12T19:42:02.000Z',
			messageId: '<WHATSAPP_MESSAGE_ID>',
			from: '<WHATSAPP_USER_PHONE_NUMBER>',
			profileName: '<WHATSAPP_USER_NAME>',
			wabaId: '<WHATSAPP_BUSINESS_ACCOUNT_ID>',
			phoneNumberId: '<BUSINESS_PHONE_NUMBER_ID>',
			displayPhoneNumber: '<BUSINESS_DISPLAY_PHONE_NUMBER>',
			field: 'messages',
			source: '/entry/0/changes/0/value/messages/0',
			// The seed's timestamp is a placeholder: unreadable, so null rather than a guess.
			timestamp: null,
			timestampIso: null,
		});
		expect(typeof event.dedupeKey).toBe('string');
	});

	it('reads a real timestamp and matches the contact by wa_id', () => {
		const message = paymentMethodMessage({ from: BUYER_WA_ID });
		const contacts = [
			{ profile: { name: 'Someone else' }, wa_id: '5511000000000' },
			{ profile: { name: 'Ana' }, wa_id: BUYER_WA_ID },
		];
		const [event] = one(messagesChange({ messages: [message], contacts })) as PaymentMethodEvent[];
		expect(event).toMatchObject({ profileName: 'Ana', waId: BUYER_WA_ID, timestamp: BASE_TIMESTAMP, timestampIso: ISO, raw: message });
		expect(event.raw).toBe(message); // no cloning
	});

	it('marks a payment_method message without its payment_method object invalid', () => {
		const message = paymentMethodMessage();
		delete (message.interactive as JsonObject).payment_method;
		const [event] = one(messagesChange({ messages: [message] })) as InvalidEvent[];
		expect(event).toMatchObject({ kind: 'invalid', source: '/entry/0/changes/0/value/messages/0/interactive/payment_method' });
	});
});

describe('parseWebhook: payment status', () => {
	it('reads a captured India payment with its transaction, amount and gateway fields', () => {
		const update = paymentStatus({ gatewayFields: { receipt: 'r-1', notes: { k: 'v' }, udf1: 'u1' }, amountMinor: 21034 });
		const events = one(messagesChange({ statuses: [update] }));
		expect(events).toHaveLength(1);
		const event = events[0] as PaymentStatusEvent;
		expect(event).toMatchObject({
			kind: 'payment_status',
			status: 'captured',
			referenceId: 'order-1001',
			waId: BUYER_WA_ID,
			currency: 'INR',
			amount: { value: 21034, offset: 100, minor: 21034, decimal: '210.34' },
			transaction: { id: 'pay_N2P8vD1xTbXyQ0', pgTransactionId: 'pg_pay_N2P8vD1xTbXyQ0', type: 'razorpay', status: 'success', method: 'upi', error: null },
			gatewayFields: { receipt: 'r-1', notes: { k: 'v' }, udf1: 'u1' },
			refunds: [],
			wabaId: WABA_ID,
			phoneNumberId: PHONE_NUMBER_ID,
			displayPhoneNumber: DISPLAY_PHONE_NUMBER,
			timestamp: BASE_TIMESTAMP,
			timestampIso: ISO,
			source: '/entry/0/changes/0/value/statuses/0',
		});
		expect(event.raw).toBe(update);
	});

	it('reads a failed payment with the transaction error', () => {
		const [event] = one(messagesChange({ statuses: [paymentStatus({ status: 'failed', transactionError: { code: 'BAD_REQUEST_ERROR', reason: 'payment_failed' } })] })) as PaymentStatusEvent[];
		expect(event.status).toBe('failed');
		expect(event.transaction).toMatchObject({ status: 'failed', error: { code: 'BAD_REQUEST_ERROR', reason: 'payment_failed' } });
	});

	it('gives each payment status its stage: a failed attempt arrives as pending with a failed transaction (Step 4)', () => {
		const stageOf = (o: Parameters<typeof paymentStatus>[0]) => (one(messagesChange({ statuses: [paymentStatus(o)] }))[0] as PaymentStatusEvent).stage;
		expect(stageOf({ status: 'captured' })).toBe('captured');
		expect(stageOf({ status: 'pending', transactionStatus: 'failed' })).toBe('attempt_failed');
		expect(stageOf({ status: 'pending', transactionStatus: 'pending' })).toBe('in_progress');
		expect(stageOf({ status: 'failed' })).toBe('attempt_failed');
		expect(stageOf({ status: 'refunded' })).toBe('unknown');
	});

	it.each([
		[[], 'pending', 'attempt_failed', true],
		[['failed'], 'pending', 'attempt_failed', true],
		[['pending'], 'pending', 'attempt_failed', false],
		[['pending'], 'pending', 'in_progress', true],
		[['captured'], 'captured', 'captured', true],
		[['captured'], 'pending', 'in_progress', false],
		[['failed'], 'failed', 'attempt_failed', true],
		[['refunded'], 'refunded', 'unknown', true],
		[['refunded'], 'captured', 'captured', false],
	] as const)('paymentStatusWanted(%j) of status %s at stage %s is %s', (wanted, status, stage, expected) => {
		expect(paymentStatusWanted({ status, stage, refundUpdate: false }, wanted)).toBe(expected);
	});

	// receive-payments-via-payment-gateways-on-whatsapp.md § Step 4: the payment comes again, captured, with its refunds.
	it.each([
		[['captured'], false],
		[['refund'], true],
		[['captured', 'refund'], true],
		[[], true],
	] as const)('a refund update (captured, refunds listed) is wanted by %j: %s', (wanted, expected) => {
		expect(paymentStatusWanted({ status: 'captured', stage: 'captured', refundUpdate: true }, wanted)).toBe(expected);
	});

	it('keeps refunds as sent, and says the update is about them', () => {
		const refunds = [{ id: 'rfnd_1', amount: { value: 500, offset: 100 }, speed_processed: 'instant', status: 'success' }];
		const [event] = one(messagesChange({ statuses: [paymentStatus({ refunds })] })) as PaymentStatusEvent[];
		expect(event.refunds).toEqual(refunds);
		expect(event.refundUpdate).toBe(true);
		expect((one(messagesChange({ statuses: [paymentStatus()] })) as PaymentStatusEvent[])[0].refundUpdate).toBe(false);
	});

	it('gives an amount of null (not a guess) when the amount cannot be read exactly', () => {
		const update = paymentStatus();
		(update.payment as JsonObject).amount = { value: 12.5, offset: 100 };
		const [event] = one(messagesChange({ statuses: [update] })) as PaymentStatusEvent[];
		expect(event.amount).toBeNull();
	});

	it('marks a payment status without a payment object invalid', () => {
		const update = paymentStatus();
		update.payment = 'captured';
		const [event] = one(messagesChange({ statuses: [update] })) as InvalidEvent[];
		expect(event).toMatchObject({ kind: 'invalid', source: '/entry/0/changes/0/value/statuses/0/payment' });
		expect(event.reason).toMatch(/payment object/);
	});
});

describe('parseWebhook: errors', () => {
	it.each([
		[2046, INVALID_TRANSITION_ERROR],
		[2047, CANNOT_CANCEL_ERROR],
	])('turns a failed order_status with error %i into one error event', (code, error) => {
		const status = failedMessageStatus([error()]);
		const events = one(messagesChange({ statuses: [status] }));
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({
			kind: 'error',
			code,
			statusId: status.id,
			waId: BUYER_WA_ID,
			timestamp: BASE_TIMESTAMP,
			source: '/entry/0/changes/0/value/statuses/0/errors/0',
		});
		expect((events[0] as ErrorEvent).details).toMatch(code === 2046 ? /transitioned/ : /canceled/);
	});

	it('reads value.errors[] and string codes', () => {
		const events = one(messagesChange({ errors: [webhookError(131000, 'Something went wrong'), { code: '2046', title: 'Invalid status transition' }] }));
		expect(events.map((e) => (e as ErrorEvent).code)).toEqual([131000, 2046]);
		const twins = one(messagesChange({ errors: [{ code: 2046, title: 'Invalid status transition' }, { code: 2046, title: 'Invalid status transition' }] }));
		expect(new Set(twins.map((e) => e.dedupeKey)).size).toBe(2);
		expect(events[1]).toMatchObject({ kind: 'error', title: 'Invalid status transition', statusId: null, source: '/entry/0/changes/0/value/errors/1' });
	});

	it('gives a failed payment with errors both its payment_status and its error events', () => {
		const update = paymentStatus({ status: 'failed', errors: [webhookError(131009, 'Parameter value is not valid')] });
		expect(kinds(one(messagesChange({ statuses: [update] })))).toEqual(['payment_status', 'error']);
		expect((one(messagesChange({ statuses: [update] }))[1] as ErrorEvent).referenceId).toBe('order-1001');
	});

	it('marks an error that is not an object invalid', () => {
		expect(one(messagesChange({ errors: ['boom' as unknown as JsonObject] }))[0]).toMatchObject({ kind: 'invalid', source: '/entry/0/changes/0/value/errors/0' });
	});
});

describe('parseWebhook: payment configuration updates', () => {
	it.each([
		['Active', 'active'],
		['Needs Connecting', 'needs_connecting'],
		['Needs_Connecting', 'needs_connecting'],
		['Needs Testing', 'needs_testing'],
	])('reads status %p as %p', (status, normalized) => {
		const events = one(configurationUpdateChange(status));
		expect(events).toHaveLength(1);
		const event = events[0] as PaymentConfigurationUpdateEvent;
		expect(event).toMatchObject({
			kind: 'payment_configuration_update',
			field: 'payment_configuration_update',
			configurationName: 'razorpay-main',
			providerName: 'razorpay',
			providerMid: 'acc_N2P8vD1xTbXyQ0',
			status,
			statusNormalized: normalized,
			timestamp: BASE_TIMESTAMP,
			phoneNumberId: null,
			wabaId: WABA_ID,
		});
	});

	it('reads the reference page\'s example payload: every documented field, the timestamps too', () => {
		const example = {
			entry: [
				{
					id: '102290129340398',
					time: 1739321024,
					changes: [
						{
							field: 'payment_configuration_update',
							value: {
								configuration_name: 'razorpay-prod',
								provider_name: 'razorpay',
								provider_mid: 'acc_GP4lfNA0iIMn5B',
								status: 'Needs Testing',
								created_timestamp: 1748827100,
								updated_timestamp: 1749320300,
							},
						},
					],
				},
			],
			object: 'whatsapp_business_account',
		};
		expect(parseWebhook(example)).toEqual([
			expect.objectContaining({
				kind: 'payment_configuration_update',
				wabaId: '102290129340398',
				configurationName: 'razorpay-prod',
				providerName: 'razorpay',
				providerMid: 'acc_GP4lfNA0iIMn5B',
				status: 'Needs Testing',
				statusNormalized: 'needs_testing',
				createdTimestamp: 1748827100,
				updatedTimestamp: 1749320300,
				timestamp: 1749320300,
			}),
		]);
	});

	it('normalizes spellings and keeps unknown ones readable', () => {
		expect(normalizeConfigurationStatus('  needs-connecting ')).toBe('needs_connecting');
		expect(normalizeConfigurationStatus('Suspended By Provider')).toBe('suspended_by_provider');
		expect(normalizeConfigurationStatus('  ')).toBeNull();
		expect(normalizeConfigurationStatus(null)).toBeNull();
	});
});

describe('parseWebhook: other updates', () => {
	it('keeps each non-payment status, each other message and each unknown field whole', () => {
		const delivered = deliveryStatus('delivered');
		const text = textMessage('hello');
		const unknown = { value: { event: 'VERIFIED_ACCOUNT', decision: 'APPROVED' }, field: 'account_update' };
		const body = webhookBody([[messagesChange({ statuses: [delivered], messages: [text] }), unknown]]);
		const events = parseWebhook(body);
		expect(kinds(events)).toEqual(['other', 'other', 'other']);
		expect(events[0].raw).toBe(delivered);
		expect(events[1].raw).toBe(text);
		expect(events[2]).toMatchObject({ field: 'account_update', source: '/entry/0/changes/1/value', raw: unknown.value });
	});

	it('keeps a messages value with no updates in it (contacts only) as other', () => {
		expect(kinds(one(messagesChange({ contacts: [{ wa_id: BUYER_WA_ID }] })))).toEqual(['other']);
	});

	it('falls back to entry.time when an update has no time of its own', () => {
		const body = { object: 'whatsapp_business_account', entry: [{ id: WABA_ID, time: BASE_TIMESTAMP, changes: [{ field: 'account_update', value: { event: 'X' } }] }] };
		expect(parseWebhook(body)[0]).toMatchObject({ timestamp: BASE_TIMESTAMP, timestampIso: ISO });
	});
});

describe('parseWebhook: batches', () => {
	it('gives 1000 events for 1000 updates, in body order, with 1000 distinct keys', () => {
		const events = parseWebhook(paymentStatusBatch(1000));
		expect(events).toHaveLength(1000);
		expect(events.every((e) => e.kind === 'payment_status')).toBe(true);
		expect((events as PaymentStatusEvent[]).map((e) => e.referenceId)).toEqual(Array.from({ length: 1000 }, (_, i) => `order-${i}`));
		expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(1000);
	});

	it('mixes kinds across entries and changes', () => {
		const body = webhookBody([
			[messagesChange({ statuses: [paymentStatus(), failedMessageStatus([CANNOT_CANCEL_ERROR()])] }), configurationUpdateChange('Active')],
			[messagesChange({ messages: [paymentMethodMessage(), textMessage('hi')] })],
		]);
		expect(kinds(parseWebhook(body))).toEqual(['payment_status', 'error', 'payment_configuration_update', 'payment_method', 'other']);
	});
});

describe('parseWebhook: dedupe keys', () => {
	const keysOf = (body: unknown) => parseWebhook(body).map((e) => e.dedupeKey);

	it('are the same for a retried delivery (the same body again, as text or parsed)', () => {
		const body = webhookBody([[messagesChange({ statuses: [paymentStatus(), failedMessageStatus([INVALID_TRANSITION_ERROR()])], messages: [paymentMethodMessage()] }), configurationUpdateChange('Active')]]);
		const text = JSON.stringify(body);
		expect(keysOf(text)).toEqual(keysOf(body));
		expect(keysOf(Buffer.from(text))).toEqual(keysOf(JSON.parse(text)));
	});

	it('are the same whether the timestamp is quoted or a number, and differ for another way of writing it', () => {
		const withTimestamp = (timestamp: unknown) => {
			const status = { ...paymentStatus(), timestamp } as JsonObject;
			return keysOf(webhookBody([[messagesChange({ statuses: [status] })]]))[0];
		};
		const key = withTimestamp(BASE_TIMESTAMP);
		expect(key).toContain(`|${BASE_TIMESTAMP}|`);
		expect(withTimestamp(String(BASE_TIMESTAMP))).toBe(key);
		// "0…" and "1.7e9" read as the same second, so they are the same update for the key too.
		expect(withTimestamp(`00${BASE_TIMESTAMP}`)).toBe(key);
		expect(withTimestamp(`${BASE_TIMESTAMP}.0`)).toBe(key);
		expect(withTimestamp(String(BASE_TIMESTAMP + 1))).not.toBe(key);
	});

	it('do not depend on where the update sits in the batch', () => {
		const update = paymentStatus();
		const alone = keysOf(webhookBody([[messagesChange({ statuses: [update] })]]));
		const batched = keysOf(webhookBody([[messagesChange({ statuses: [paymentStatus({ referenceId: 'other' }), update] })]]));
		expect(batched[1]).toBe(alone[0]);
	});

	it('differ when the update differs', () => {
		const variants = [
			paymentStatus(),
			paymentStatus({ status: 'pending' }),
			paymentStatus({ timestamp: BASE_TIMESTAMP + 1 }),
			paymentStatus({ referenceId: 'order-1002' }),
			paymentStatus({ transactionId: 'pay_other' }),
			paymentStatus({ transactionStatus: 'failed' }),
			paymentStatus({ refunds: [{ id: 'rfnd_1', status: 'pending' }] }),
			paymentStatus({ refunds: [{ id: 'rfnd_1', status: 'success' }] }),
		];
		const keys = variants.map((v) => keysOf(webhookBody([[messagesChange({ statuses: [v] })]]))[0]);
		expect(new Set(keys).size).toBe(variants.length);
	});

	it('do not collide when values contain the separators, and stay the same for parts of any length', () => {
		const withIds = (id: string, referenceId: string) => keysOf(webhookBody([[messagesChange({ statuses: [paymentStatus({ messageId: id, referenceId })] })]]))[0];
		expect(withIds('a|7:b', 'c')).not.toBe(withIds('a', 'b|1:c'));
		expect(withIds('1:', '')).not.toBe(withIds('', '1:'));
		// Lengths around the precomputed part heads, and keys long enough to be hashed.
		for (const length of [254, 255, 256, 257, 1000]) {
			const id = 'w'.repeat(length);
			expect(withIds(id, 'r')).toBe(withIds(id, 'r'));
			expect(withIds(id, 'r')).not.toBe(withIds(`${id}w`, 'r'));
			expect(withIds(id, 'r')).not.toBe(withIds(id, 'rr'));
		}
		const refundKeyOf = (refunds: unknown[]) => keysOf(webhookBody([[messagesChange({ statuses: [paymentStatus({ refunds: refunds as JsonObject[] })] })]]))[0];
		const refundVariants = [[], [{ id: 'a', status: 'b' }], [{ id: 'a;', status: 'b' }], [{ id: 'a', status: 'b' }, 'x'], ['x', { id: 'a', status: 'b' }], [{ id: 'a|1:b', status: null }]];
		expect(new Set(refundVariants.map(refundKeyOf)).size).toBe(refundVariants.length);
	});

	it('spell a common word (made once) and any other word alike: length, colon, the word', () => {
		const keyOf = (status: string, transactionStatus: string, timestamp: unknown, refunds: JsonObject[] = []) => {
			const update = { ...paymentStatus({ status, refunds }), timestamp } as JsonObject;
			((update.payment as JsonObject).transaction as JsonObject).status = transactionStatus;
			return keysOf(webhookBody([[messagesChange({ statuses: [update] })]]))[0];
		};
		for (const [status, transactionStatus] of [['captured', 'success'], ['pending', 'failed'], ['Captured', 'SUCCESS'], ['authorized', 'in_progress']]) {
			for (const timestamp of [String(BASE_TIMESTAMP), BASE_TIMESTAMP, `0${BASE_TIMESTAMP}`]) {
				const key = keyOf(status, transactionStatus, timestamp);
				expect(key.startsWith('payment_status|')).toBe(true);
				expect(key).toContain(`|${status.length}:${status}|${BASE_TIMESTAMP}|`);
				expect(key.endsWith(`|${transactionStatus.length}:${transactionStatus}|0:`)).toBe(true);
			}
			const refunded = keyOf(status, transactionStatus, BASE_TIMESTAMP, [{ id: 'rfnd_1', status: 'success' }]);
			expect(refunded.endsWith(`|${transactionStatus.length}:${transactionStatus}|20:|6:rfnd_1|7:success;`)).toBe(true);
		}
	});

	it('differ between business numbers and between kinds', () => {
		const update = paymentStatus();
		const a = keysOf(webhookBody([[messagesChange({ statuses: [update] })]]))[0];
		const b = keysOf(webhookBody([[messagesChange({ statuses: [update] }, { phoneNumberId: '999' })]]))[0];
		expect(a).not.toBe(b);
		const statusKeys = keysOf(webhookBody([[configurationUpdateChange('Active'), configurationUpdateChange('Needs Connecting')]]));
		expect(statusKeys[0]).not.toBe(statusKeys[1]);
	});
});

describe('parseWebhook: malformed input never throws', () => {
	const invalidOf = (body: unknown) => {
		const events = parseWebhook(body);
		expect(Array.isArray(events)).toBe(true);
		return events.filter((e): e is InvalidEvent => e.kind === 'invalid').map((e) => [e.source, e.reason]);
	};

	it.each([
		['null', null, ''],
		['a number', 42, ''],
		['an array', [1, 2], ''],
		['text that is not JSON', '{"object":', ''],
		['a Buffer that is not JSON', Buffer.from('nope'), ''],
		['another object kind', { object: 'page', entry: [] }, '/object'],
		['no entry', { object: 'whatsapp_business_account' }, '/entry'],
		['entry not an array', { object: 'whatsapp_business_account', entry: {} }, '/entry'],
	])('gives one invalid event for %s', (_name, body, source) => {
		const found = invalidOf(body);
		expect(found).toHaveLength(1);
		expect(found[0][0]).toBe(source);
	});

	it('reads text with a byte-order mark and a Uint8Array', () => {
		const text = JSON.stringify(seedOneClickWebhook());
		expect(kinds(parseWebhook(`\ufeff${text}`))).toEqual(['payment_method']);
		expect(kinds(parseWebhook(new TextEncoder().encode(text)))).toEqual(['payment_method']);
	});

	it('names the pointer of each malformed part and still reads the rest', () => {
		const body = {
			object: 'whatsapp_business_account',
			entry: [
				'not an entry',
				{ id: WABA_ID },
				{ id: WABA_ID, changes: 'nope' },
				{ id: WABA_ID, changes: [null, { field: 'messages', value: [] }, messagesChange({ statuses: [7 as unknown as JsonObject, paymentStatus()], messages: {} as unknown as JsonObject[] })] },
			],
		};
		const events = parseWebhook(body);
		expect(invalidOf(body).map(([source]) => source)).toEqual([
			'/entry/0',
			'/entry/1/changes',
			'/entry/2/changes',
			'/entry/3/changes/0',
			'/entry/3/changes/1/value',
			'/entry/3/changes/2/value/messages',
			'/entry/3/changes/2/value/statuses/0',
		]);
		expect(events.filter((e) => e.kind === 'payment_status')).toHaveLength(1);
	});

	it('treats a "__proto__" key as plain data', () => {
		const text = '{"object":"whatsapp_business_account","__proto__":{"entry":[]},"entry":[{"id":"1","changes":[{"field":"messages","__proto__":{"polluted":true},"value":{"__proto__":{"statuses":[1]},"metadata":{"phone_number_id":"2"}}}]}]}';
		const events = parseWebhook(text);
		expect(kinds(events)).toEqual(['other']);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('survives getters that throw (hostile non-JSON input)', () => {
		const hostile = { object: 'whatsapp_business_account', entry: [{ id: '1', changes: [Object.defineProperty({}, 'value', { get: () => { throw new Error('boom'); } })] }] };
		expect(invalidOf(hostile)).toEqual([['/entry/0/changes/0', 'the change could not be read']]);
		const hostileRoot = Object.defineProperty({}, 'object', { get: () => { throw new Error('boom'); } });
		expect(invalidOf(hostileRoot)).toEqual([['', 'the body could not be read']]);
	});

	it('gives invalid events distinct keys for distinct bodies', () => {
		const a = parseWebhook('{"a":')[0].dedupeKey;
		const b = parseWebhook('{"b":')[0].dedupeKey;
		expect(a).not.toBe(b);
	});
});

describe('isoOf', () => {
	it('writes the same text as Date#toISOString for any epoch second a Date holds', () => {
		fc.assert(
			fc.property(fc.oneof(fc.integer({ min: 0, max: 253402300799 }), fc.integer({ min: -8.64e12, max: 8.64e12 })), (seconds) => {
				expect(isoOf(seconds)).toBe(new Date(seconds * 1000).toISOString());
			}),
			{ numRuns: 20_000 },
		);
		for (const seconds of [0, 951782400, 951868799, 4107542400, 253402300799, 253402300800, -1]) {
			expect(isoOf(seconds)).toBe(new Date(seconds * 1000).toISOString());
		}
		expect(isoOf(null)).toBeNull();
	});

	it('writes each second right when a run of timestamps crosses minutes and goes back (the kept minute)', () => {
		const seconds = [BASE_TIMESTAMP, BASE_TIMESTAMP + 57, BASE_TIMESTAMP + 58, BASE_TIMESTAMP + 59, BASE_TIMESTAMP + 60, BASE_TIMESTAMP - 3, BASE_TIMESTAMP + 86400 * 366, 0, 59, 60];
		for (const s of seconds) expect(isoOf(s)).toBe(new Date(s * 1000).toISOString());
	});

	it('gives null rather than throwing for what a Date cannot hold', () => {
		for (const seconds of [NaN, Infinity, -Infinity, 8.64e12 + 1]) expect(isoOf(seconds)).toBeNull();
		expect(isoOf(1.5)).toBe('1970-01-01T00:00:01.500Z');
	});
});
