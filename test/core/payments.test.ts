import { normalizePayment, pickGatewayFields } from '../../core/payments';

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

	it('reads own fields only, and leaves out undefined ones', () => {
		const payment = Object.assign(Object.create({ receipt: 'inherited', udf1: 'inherited' }) as Record<string, unknown>, { notes: 'n', udf2: undefined });
		expect(pickGatewayFields(payment)).toEqual({ notes: 'n' });
		expect(Object.keys(pickGatewayFields(payment))).toEqual(['notes']);
	});
});
