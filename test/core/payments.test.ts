/* eslint-disable @typescript-eslint/no-unused-vars -- dev-only code, never runs inside n8n (docs/verification.md) */
import {
	buildRefundRequest,
	fullRefundMinor,
	cancelVerdict,
	epochSeconds,
	GATEWAY_FIELDS,
	normalizePayment,
	normalizePaymentStatus,
	firstListed,
	noPaymentReason,
	readPaymentLookup,
	paymentStage,
	pickGatewayFields,
	readRefundRequest,
	referenceIdRefusal,
	refundSucceeded,
} from '../../core/payments';

/** The seed's lookup response, with real values in place of its placeholders. */
function lookupResponse() {
	return {
		payments: [
			{
				reference_id: 'order-1001',
				status: 'captured',
				currency: 'INR',
				total_amount: { value: 21000, offset: 100 },
				transactions: [
					{
						id: 'pay_failed_1',
						type: 'razorpay',
						status: 'failed',
						created_timestamp: 1726170000,
						updated_timestamp: 1726170010,
						method: { type: 'card' },
						error: { code: 'BAD_REQUEST_ERROR', reason: 'payment_failed' },
					},
					{
						id: 'pay_N2P8vD1xTbXyQ0',
						pg_transaction_id: 'pg_123',
						type: 'razorpay',
						status: 'success',
						created_timestamp: '1726170100',
						updated_timestamp: '1726170122',
						method: { type: 'upi' },
						refunds: [
							{ id: 'rfnd_1', amount: { value: 1000, offset: 100 }, speed_processed: 'instant', status: 'success', created_timestamp: 1726200000, updated_timestamp: 1726200000 },
							{ id: 'rfnd_2', amount: { value: 250, offset: 100 }, speed_processed: 'normal', status: 'pending', created_timestamp: 1726200100, updated_timestamp: 1726200100 },
							{ id: 'rfnd_3', amount: { value: 305, offset: 100 }, speed_processed: 'normal', status: 'success', created_timestamp: 1726200200, updated_timestamp: 1726200200 },
						],
					},
				],
				receipt: 'receipt-value',
				notes: { key1: 'value1' },
				udf1: 'udf1-value',
				udf4: 'udf4-value',
			},
		],
	};
}

describe('normalizePayment', () => {
	it('flattens a lookup response', () => {
		const response = lookupResponse();
		const payment = normalizePayment(response);
		expect(payment).toEqual({
			referenceId: 'order-1001',
			status: 'captured',
			currency: 'INR',
			amount: { value: 21000, offset: 100, minor: 21000, decimal: '210.00' },
			successfulTransaction: response.payments[0].transactions[1],
			method: 'upi',
			transactions: response.payments[0].transactions,
			refunds: [
				{ id: 'rfnd_1', status: 'success', amount: { value: 1000, offset: 100, minor: 1000, decimal: '10.00' }, speedProcessed: 'instant', transactionId: 'pay_N2P8vD1xTbXyQ0' },
				{ id: 'rfnd_2', status: 'pending', amount: { value: 250, offset: 100, minor: 250, decimal: '2.50' }, speedProcessed: 'normal', transactionId: 'pay_N2P8vD1xTbXyQ0' },
				{ id: 'rfnd_3', status: 'success', amount: { value: 305, offset: 100, minor: 305, decimal: '3.05' }, speedProcessed: 'normal', transactionId: 'pay_N2P8vD1xTbXyQ0' },
			],
			// Only successful refunds count: 10.00 + 3.05.
			refundedMinor: 1305,
			gatewayFields: { receipt: 'receipt-value', notes: { key1: 'value1' }, udf1: 'udf1-value', udf4: 'udf4-value' },
			statusNormalized: 'captured',
			stage: 'captured',
		});
	});

	it('accepts one payment object as well as the {payments: [...]} response', () => {
		const response = lookupResponse();
		expect(normalizePayment(response.payments[0])).toEqual(normalizePayment(response));
	});

	it('without a successful transaction, takes the method of the latest one', () => {
		const failed = lookupResponse().payments[0].transactions[0];
		const payment = {
			...lookupResponse().payments[0],
			status: 'pending',
			transactions: [
				{ ...failed, id: 't-new', status: 'pending', updated_timestamp: 1726170300, method: { type: 'netbanking' } },
				{ ...failed, id: 't-old', status: 'failed', updated_timestamp: 1726170200, method: { type: 'wallet' } },
			],
		};
		const normalized = normalizePayment(payment);
		expect(normalized).toMatchObject({ status: 'pending', successfulTransaction: null, method: 'netbanking', refunds: [], refundedMinor: 0 });
	});

	it('reads a new payment with no transactions', () => {
		expect(normalizePayment({ payments: [{ reference_id: 'r', status: 'new', currency: 'BRL', total_amount: { value: 50000, offset: 100 } }] })).toMatchObject({
			status: 'new',
			currency: 'BRL',
			amount: { decimal: '500.00' },
			transactions: [],
			successfulTransaction: null,
			method: null,
			refundedMinor: 0,
			gatewayFields: {},
		});
	});

	it('keeps refunds listed on the payment itself, without a transaction id', () => {
		const normalized = normalizePayment({ status: 'captured', refunds: [{ id: 'r1', status: 'success', amount: { value: 5, offset: 100 } }] });
		expect(normalized?.refunds).toEqual([{ id: 'r1', status: 'success', amount: { value: 5, offset: 100, minor: 5, decimal: '0.05' }, speedProcessed: null, transactionId: null }]);
		expect(normalized?.refundedMinor).toBe(5);
	});

	it('gives null for responses without a payment and never throws', () => {
		for (const x of [null, undefined, 42, 'captured', [], { payments: [] }, { payments: [null] }, { payments: ['x'] }, { data: [] }, { success: true }]) {
			expect(normalizePayment(x)).toBeNull();
		}
		const odd = normalizePayment({ payments: [{ transactions: 'x', total_amount: 'x', refunds: {}, status: 7 }] });
		expect(odd).toMatchObject({ status: '7', amount: null, transactions: [], refunds: [], refundedMinor: 0 });
		const hostile = Object.defineProperty({}, 'payments', { get: () => { throw new Error('boom'); } });
		expect(normalizePayment(hostile)).toBeNull();
	});
});

describe('pickGatewayFields', () => {
	it('keeps receipt, notes, udf1-4, additional_info1-7 and extra1-2, nothing else', () => {
		const payment = { reference_id: 'r', receipt: 'x', notes: {}, udf3: 'u', additional_info7: 'a', extra2: 'e', udf5: 'no', extra: 'no' };
		expect(pickGatewayFields(payment)).toEqual({ receipt: 'x', notes: {}, udf3: 'u', additional_info7: 'a', extra2: 'e' });
	});

	it('keeps every name of GATEWAY_FIELDS', () => {
		const payment = Object.fromEntries([...GATEWAY_FIELDS, 'reference_id', 'amount', 'udf0', 'Receipt'].map((name) => [name, name]));
		expect(Object.keys(pickGatewayFields(payment))).toEqual([...GATEWAY_FIELDS]);
	});

	it('lists the fields in the order of GATEWAY_FIELDS, whatever order the payment sent them in', () => {
		const payment = { extra2: 'e', udf2: 'u2', notes: { order: '1' }, udf1: null, receipt: 'r' };
		expect(Object.keys(pickGatewayFields(payment))).toEqual(['receipt', 'notes', 'udf1', 'udf2', 'extra2']);
		expect(pickGatewayFields(payment)).toEqual({ receipt: 'r', notes: { order: '1' }, udf1: null, udf2: 'u2', extra2: 'e' });
	});

	it('reads own fields only, and leaves out undefined ones', () => {
		const payment = Object.assign(Object.create({ receipt: 'inherited', udf1: 'inherited' }) as Record<string, unknown>, { notes: 'n', udf2: undefined });
		expect(pickGatewayFields(payment)).toEqual({ notes: 'n' });
		expect(Object.keys(pickGatewayFields(payment))).toEqual(['notes']);
	});
});

/**
 * receive-payments-via-payment-gateways-on-whatsapp.md § Step 5 "Response by payment stage": the three
 * documented answers, as the page writes them (placeholders kept).
 */
const NO_ATTEMPT = { payments: [{ reference_id: '<your_reference_id>', status: 'pending', amount: { offset: 100, value: 1000 }, currency: 'INR' }] };
const STAGE_TRANSACTION = {
	id: '<order_id>',
	pg_transaction_id: '<payment_id>',
	type: 'razorpay',
	created_timestamp: 1772129215,
	updated_timestamp: 1772129215,
	amount: { offset: 100, value: 1000 },
	order_amount: { offset: 100, value: 1000 },
	currency: 'INR',
	method: { type: 'upi' },
};
const SUCCESSFUL = {
	payments: [{ reference_id: '<your_reference_id>', status: 'captured', amount: { offset: 100, value: 1000 }, currency: 'INR', transactions: [{ ...STAGE_TRANSACTION, status: 'success' }] }],
};
const FAILED = {
	payments: [
		{
			reference_id: '<your_reference_id>',
			status: 'pending',
			amount: { offset: 100, value: 1000 },
			currency: 'INR',
			transactions: [{ ...STAGE_TRANSACTION, status: 'failed', error: { code: 'BAD_REQUEST_ERROR', reason: 'incorrect_pin' } }],
		},
	],
};

describe('payment lookup readings (newest page vs 360dialog seed)', () => {
	it('reads the page\'s "no payment attempted" answer: pending, `amount`, no transactions', () => {
		expect(normalizePayment(NO_ATTEMPT)).toMatchObject({
			status: 'pending',
			statusNormalized: 'pending',
			stage: 'not_attempted',
			amount: { value: 1000, offset: 100, minor: 1000, decimal: '10.00' },
			transactions: [],
			successfulTransaction: null,
		});
	});

	it('reads the page\'s "payment successful" answer: captured with the success transaction and its method', () => {
		expect(normalizePayment(SUCCESSFUL)).toMatchObject({ status: 'captured', stage: 'captured', method: 'upi', successfulTransaction: { status: 'success', id: '<order_id>' } });
	});

	it('reads the page\'s "payment failed" answer: still pending, with the failed transaction and its error', () => {
		const payment = normalizePayment(FAILED);
		expect(payment).toMatchObject({ status: 'pending', statusNormalized: 'pending', stage: 'attempt_failed', successfulTransaction: null, method: 'upi' });
		expect((payment?.transactions[0] as { error: unknown }).error).toEqual({ code: 'BAD_REQUEST_ERROR', reason: 'incorrect_pin' });
	});

	it('reads the seed\'s answer the same: `total_amount` for `amount`, `new` and `failed` as pending', () => {
		const seed = { payments: [{ reference_id: 'r', status: 'new', currency: 'INR', total_amount: { value: 1000, offset: 100 }, transactions: [] }] };
		expect(normalizePayment(seed)).toMatchObject({ status: 'new', statusNormalized: 'pending', stage: 'not_attempted', amount: { minor: 1000 } });
		const failed = { payments: [{ ...seed.payments[0], status: 'failed', transactions: [{ id: 't', status: 'failed' }] }] };
		expect(normalizePayment(failed)).toMatchObject({ statusNormalized: 'pending', stage: 'attempt_failed' });
		// When both are there, the newest page's `amount` wins.
		expect(normalizePayment({ status: 'pending', amount: { value: 5, offset: 100 }, total_amount: { value: 7, offset: 100 } })?.amount?.minor).toBe(5);
	});

	it.each([
		['new', 'pending'],
		['NEW', 'pending'],
		['failed', 'pending'],
		['pending', 'pending'],
		['captured', 'captured'],
		['canceled', 'canceled'],
		[' Captured ', 'captured'],
		['', null],
		[null, null],
	])('normalizePaymentStatus(%j) is %j', (status, expected) => {
		expect(normalizePaymentStatus(status)).toBe(expected);
	});

	it.each([
		['pending', undefined, 'not_attempted'],
		['new', [], 'not_attempted'],
		['pending', [{ status: 'failed' }, { status: 'failed' }], 'attempt_failed'],
		['failed', [], 'attempt_failed'],
		// The seed lists a failed attempt's transaction as pending (its statuses are pending and success only).
		['failed', [{ status: 'pending' }], 'attempt_failed'],
		['FAILED', { status: 'pending' }, 'attempt_failed'],
		['failed', [{ status: 'pending' }, { status: 'success' }], 'captured'],
		['pending', [{ status: 'failed' }, { status: 'pending' }], 'in_progress'],
		['pending', [{ status: 'authorized' }], 'in_progress'],
		['captured', undefined, 'captured'],
		['pending', [{ status: 'failed' }, { status: 'success' }], 'captured'],
		['canceled', [], 'canceled'],
		[' Captured ', undefined, 'captured'],
		['PENDING', { status: 'failed' }, 'attempt_failed'],
		// A payment status webhook carries one transaction, not a list.
		['pending', { status: 'failed' }, 'attempt_failed'],
		['pending', { status: 'pending' }, 'in_progress'],
		['pending', 'x', 'not_attempted'],
		['refunded', [], 'unknown'],
		[null, [], 'unknown'],
	])('paymentStage(%j, %j) is %s', (status, transactions, stage) => {
		expect(paymentStage(status, transactions)).toBe(stage);
	});

	it.each([
		[1726170122, 1726170122],
		['1726170122', 1726170122],
		[' 1726170122 ', 1726170122],
		['', null],
		['   ', null],
		['12a', null],
		[1.5, null],
		['0', 0],
		['0001726170122', 1726170122],
		['8640000000000', 8640000000000],
		['8640000000001', null],
		['1726170122.0', 1726170122],
		['-5', -5],
		['1e3', 1000],
		['１７２６', null],
	])('epochSeconds(%j) is %j', (x, seconds) => {
		expect(epochSeconds(x)).toBe(seconds);
	});
});

describe('readPaymentLookup: one reading of a lookup answer for the reference asked for', () => {
	const entry = (reference: unknown, value: number) => ({ ...(reference === undefined ? {} : { reference_id: reference }), status: 'captured', amount: { value, offset: 100 } });

	it('picks the entry whose reference_id is the one asked for, wherever it is listed', () => {
		const found = readPaymentLookup({ payments: [entry('other', 21000), entry('mine', 500)] }, 'mine');
		expect(found).toMatchObject({ kind: 'payment', payment: { referenceId: 'mine', amount: { minor: 500 } }, entry: entry('mine', 500) });
		expect(readPaymentLookup(entry('mine', 500), 'mine')).toMatchObject({ kind: 'payment', payment: { referenceId: 'mine' } });
		// The answer as JSON text reads the same.
		expect(readPaymentLookup(JSON.stringify({ payments: [entry('mine', 500)] }), 'mine')).toMatchObject({ kind: 'payment', payment: { referenceId: 'mine' } });
	});

	it('reads an entry without reference_id as the one asked for (the path names it)', () => {
		expect(readPaymentLookup({ payments: [entry(undefined, 500)] }, 'mine')).toMatchObject({ kind: 'payment', payment: { referenceId: null, amount: { minor: 500 } } });
		expect(readPaymentLookup({ payments: [entry('other', 21000), entry(null, 500)] }, 'mine').payment).toMatchObject({ amount: { minor: 500 } });
	});

	it('answers other references, naming them, when every entry is another order\'s', () => {
		expect(readPaymentLookup({ payments: [entry('someone-else', 21000)] }, 'mine')).toEqual({
			kind: 'otherReferences',
			payment: null,
			references: ['someone-else'],
			mismatch: 'answered for reference ID "someone-else", not "mine"',
		});
		expect(readPaymentLookup({ payments: [entry({ id: 1 }, 21000)] }, 'mine')).toMatchObject({ kind: 'otherReferences', references: [null], mismatch: expect.stringContaining('{"id":1}') });
		expect(readPaymentLookup({ payments: ['a', 'b', 'c', 'd'].map((r) => entry(r, 1)) }, 'mine')).toMatchObject({ kind: 'otherReferences', mismatch: expect.stringContaining('"a", "b", "c", …, not "mine"') });
	});

	it('answers no payment for an empty list and for the API\'s "not found" error in a 2xx body (as readAnswer and isNotFoundAnswer read it)', () => {
		expect(readPaymentLookup({ payments: [] }, 'mine')).toEqual({ kind: 'noPayment', payment: null });
		expect(readPaymentLookup({ error: { code: 100, error_subcode: 33 } }, 'mine')).toEqual({ kind: 'noPayment', payment: null });
		expect(readPaymentLookup('{"error":{"message":"Unsupported get request","code":100,"error_subcode":33}}', 'mine')).toEqual({ kind: 'noPayment', payment: null });
	});

	it('answers unreadable, never no payment, for an answer that holds no payment and does not say there is none', () => {
		const generic = { errors: [{ code: 500, title: 'Generic error' }] };
		for (const body of ['<html>Login required</html>', '', '{"payments":[', { data: [] }, { success: true }, { payments: ['x'] }, { payments: 'x' }, { error: { code: 100 } }, generic, null, 7]) {
			expect(readPaymentLookup(body, 'mine')).toEqual({ kind: 'unreadable', payment: null });
		}
		const hostile = new Proxy({}, { get: () => { throw new Error('no'); }, has: () => { throw new Error('no'); } });
		expect(readPaymentLookup(hostile, 'mine')).toEqual({ kind: 'unreadable', payment: null });
	});

	it('names at most 3 entries of a list, then "…" (firstListed, for the mismatch and the trigger\'s referenceId)', () => {
		expect(firstListed(['a', null, 'c', 'd', 'e'], (r) => r ?? 'null')).toBe('a, null, c, …');
		expect(firstListed(['a', 'b', 'c'], (r) => r)).toBe('a, b, c');
		expect(firstListed([], String)).toBe('');
	});

	it('says why a reading holds no payment', () => {
		expect(noPaymentReason({ kind: 'noPayment', payment: null })).toBe('the payment lookup found no payment');
		expect(noPaymentReason({ kind: 'unreadable', payment: null })).toBe('the payment lookup answered neither a payment nor that there is none');
		expect(noPaymentReason({ kind: 'otherReferences', payment: null, references: ['a'], mismatch: 'answered for reference ID "a", not "b"' })).toBe(
			'the payment lookup answered for reference ID "a", not "b"',
		);
	});
});

describe('referenceIdRefusal: the order_details rule, for lookups and refunds', () => {
	it.each([
		['#1001', 'may contain only letters, digits, "_", "." and "-"'],
		['ORDER 1', 'may contain only letters, digits, "_", "." and "-"'],
		['..', expect.stringContaining('must contain a letter, digit')],
		['order-1001', null],
		['a.b_c-1', null],
		// No market is known: India's 35-character limit is Send Order Details' to apply.
		['A'.repeat(36), null],
	])('%j: %j', (referenceId, refusal) => {
		expect(referenceIdRefusal(referenceId)).toEqual(refusal);
	});
});

describe('cancelVerdict (2047: no cancel over a successful or pending payment)', () => {
	it('allows canceling an order nobody paid, or whose attempts all failed', () => {
		expect(cancelVerdict(normalizePayment(NO_ATTEMPT)!)).toEqual({ allowed: true });
		expect(cancelVerdict(normalizePayment(FAILED)!)).toEqual({ allowed: true });
		expect(cancelVerdict({ stage: 'canceled', status: 'canceled' })).toEqual({ allowed: true });
	});

	it('allows canceling after a failed attempt in the 360dialog seed\'s words: payment failed, its transaction pending', () => {
		const seedFailed = { payments: [{ reference_id: 'r', status: 'failed', currency: 'INR', total_amount: { value: 1000, offset: 100 }, transactions: [{ id: 't', type: 'razorpay', status: 'pending' }] }] };
		expect(normalizePayment(seedFailed)).toMatchObject({ stage: 'attempt_failed' });
		expect(cancelVerdict(normalizePayment(seedFailed)!)).toEqual({ allowed: true });
	});

	it('refuses a captured payment, a pending attempt and a status no source documents, saying why', () => {
		expect(cancelVerdict(normalizePayment(SUCCESSFUL)!)).toEqual({ allowed: false, reason: expect.stringMatching(/captured.*2047.*refund/) });
		expect(cancelVerdict({ stage: 'in_progress', status: 'pending' })).toEqual({ allowed: false, reason: expect.stringMatching(/attempt is pending.*2047/) });
		expect(cancelVerdict({ stage: 'unknown', status: 'refunded' })).toEqual({ allowed: false, reason: expect.stringContaining('"refunded"') });
	});
});

describe('refunds', () => {
	it('builds the documented request: string amounts, INR, speed only when chosen', () => {
		expect(buildRefundRequest({ referenceId: 'r-1', configurationName: 'cfg', amountMinor: 10050, speed: 'normal' })).toEqual({
			reference_id: 'r-1',
			speed: 'normal',
			payment_config_id: 'cfg',
			amount: { currency: 'INR', value: '10050', offset: '100' },
		});
		expect(buildRefundRequest({ referenceId: 'r-1', configurationName: 'cfg', amountMinor: 1 })).not.toHaveProperty('speed');
	});

	it('reads the page\'s own request example, and integers as well as strings', () => {
		const example = { reference_id: 'reference-id-value', speed: 'normal', payment_config_id: 'payment-config-id', amount: { currency: 'INR', value: '100', offset: '100' } };
		expect(readRefundRequest(example)).toEqual({ referenceId: 'reference-id-value', configurationName: 'payment-config-id', speed: 'normal', currency: 'INR', amountMinor: 100, errors: [] });
		const { speed: _, ...withoutSpeed } = example;
		expect(readRefundRequest({ ...withoutSpeed, amount: { currency: 'INR', value: 100, offset: 100 } })).toMatchObject({ speed: null, amountMinor: 100, errors: [] });
	});

	it('names each field that breaks a rule', () => {
		const rules = (body: unknown) => readRefundRequest(body).errors.map((e) => `${e.path} ${e.rule}`);
		expect(rules({})).toEqual(['/reference_id required', '/payment_config_id required', '/amount required']);
		expect(rules({ reference_id: 'r', payment_config_id: 'c', speed: 'fast', amount: { currency: 'BRL', value: '1.5', offset: 10 } })).toEqual([
			'/speed enum',
			'/amount/value type',
			'/amount/offset const',
			'/amount/currency const',
		]);
		expect(rules({ reference_id: 'r', payment_config_id: 'c', amount: { currency: 'INR', value: '0', offset: '100' } })).toEqual(['/amount/value type']);
		expect(rules('x')).toContain('/ type');
	});

	it('counts `success` (listed refunds) and `completed` (the refund answer) as refunded, not pending or failed', () => {
		expect(['success', 'completed', 'pending', 'failed', null].map(refundSucceeded)).toEqual([true, true, false, false, false]);
		const payment = normalizePayment({
			status: 'captured',
			refunds: [
				{ id: 'a', status: 'completed', amount: { value: 5, offset: 100 } },
				{ id: 'b', status: 'pending', amount: { value: 7, offset: 100 } },
			],
		});
		expect(payment?.refundedMinor).toBe(5);
	});
});

describe('fullRefundMinor: what a "Full" refund sends', () => {
	const captured = (refunds: unknown[], amount = { value: 54500, offset: 100 }) =>
		normalizePayment({ payments: [{ reference_id: 'r', status: 'captured', amount, currency: 'INR', transactions: [{ id: 't', status: 'success', refunds }] }] })!;

	it('is the captured amount less refunds that did not fail (pending ones count), in paise', () => {
		const refunds = [
			{ id: 'a', status: 'success', amount: { value: 4500, offset: 100 } },
			{ id: 'b', status: 'pending', amount: { value: 1000, offset: 100 } },
			{ id: 'c', status: 'failed', amount: { value: 9000, offset: 100 } },
		];
		expect(fullRefundMinor(captured(refunds))).toEqual({ amountMinor: 49000 });
		expect(fullRefundMinor(captured([], { value: 545000, offset: 1000 }))).toEqual({ amountMinor: 54500 });
	});

	it('says why there is nothing to refund: not captured, or refunded already', () => {
		const pending = normalizePayment({ payments: [{ reference_id: 'r', status: 'pending', amount: { value: 100, offset: 100 } }] })!;
		expect(fullRefundMinor(pending)).toEqual({ reason: expect.stringContaining('not captured') });
		expect(fullRefundMinor(captured([{ id: 'a', status: 'success', amount: { value: 54500, offset: 100 } }]))).toEqual({ reason: expect.stringContaining('refunded already') });
	});
});
