/* eslint-disable @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/** Payment -> Look Up (normalized) and Payment -> Refund, through n8n's engine against the sandbox. */
import type { INodeParameters } from 'n8n-workflow';

import { FAST_RETRIES, NODE, newReference, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

const CONFIGURATION = { __rl: true, mode: 'list', value: 'razorpay-sandbox' };

/** A paid India order of Rs 545.00 (2 x 250 + 45 tax). */
async function paidOrder(method = 'upi'): Promise<string> {
	const referenceId = newReference('PAY');
	const result = await bed.run({
		resource: 'order',
		operation: 'sendOrderDetails',
		to: '919876543210',
		market: 'india',
		referenceId,
		paymentMethod: 'paymentGateway',
		gateway: 'razorpay',
		paymentConfiguration: CONFIGURATION,
		razorpayFields: { receipt: 'rcpt-7' },
		items: { item: [{ name: 'Notebook', amount: 250, quantity: 2, retailerId: 'nb-1' }] },
		additionalFields: { catalogId: 'catalog-1' },
		taxAmount: 45,
		body: 'Your bill',
		options: FAST_RETRIES,
	});
	expect(result.error).toBeUndefined();
	await bed.control('POST', `/_sandbox/orders/${referenceId}/pay`, { outcome: 'success', method });
	return referenceId;
}

const lookUp = (referenceId: string): INodeParameters => ({
	resource: 'payment',
	operation: 'lookUp',
	paymentConfiguration: CONFIGURATION,
	referenceId,
	options: FAST_RETRIES,
});

const refund = (referenceId: string, amount: number, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'payment',
	operation: 'refund',
	referenceId,
	paymentConfiguration: CONFIGURATION,
	amount,
	speed: 'instant',
	options: FAST_RETRIES,
	...parameters,
});

describe('Payment -> Look Up', () => {
	it('returns the payment normalized (status, amounts in minor and currency units, transaction, method) plus raw', async () => {
		const referenceId = await paidOrder('card');
		const result = await bed.run(lookUp(referenceId));
		expect(result.error).toBeUndefined();
		const [payment] = result.json(NODE);
		expect(payment).toMatchObject({
			referenceId,
			status: 'captured',
			currency: 'INR',
			amount: { value: 54500, offset: 100, minor: 54500, decimal: '545.00' },
			method: 'card',
			successfulTransaction: expect.objectContaining({ status: 'success' }),
			refunds: [],
			refundedMinor: 0,
			gatewayFields: { receipt: 'rcpt-7' },
		});
		expect((payment.raw as any).payments[0].reference_id).toBe(referenceId);
	});

	it('an unknown reference is an error naming Meta code and hint, or an item error under Continue On Fail', async () => {
		const result = await bed.run(lookUp('NO-SUCH-ORDER'), [{}], { continueOnFail: true });
		const [out] = result.json(NODE);
		expect(out.error).toMatch(/WhatsApp API error \(#\d+\)/);
		expect(out.details).toHaveProperty('fbtrace_id');
	});
});

describe('Payment -> Refund', () => {
	it('refunds part of a captured payment (currency units) and the lookup shows it', async () => {
		const referenceId = await paidOrder();
		const result = await bed.run(refund(referenceId, 100.5));
		expect(result.error).toBeUndefined();
		const [out] = result.json(NODE);
		expect(out.refund).toEqual({ reference_id: referenceId, speed: 'instant', payment_config_id: 'razorpay-sandbox', amount: { currency: 'INR', value: 10050, offset: 100 } });
		expect(out).toMatchObject({ reference_id: referenceId, id: expect.any(String) });
		const [payment] = (await bed.run(lookUp(referenceId))).json(NODE);
		expect(payment.refundedMinor).toBe(10050);
		expect(payment.refunds).toEqual([expect.objectContaining({ amount: expect.objectContaining({ decimal: '100.50' }) })]);
	});

	it('takes minor units when told so, and refuses more than is left (Meta error, not retried)', async () => {
		const referenceId = await paidOrder();
		expect((await bed.run(refund(referenceId, 54000, { options: { ...FAST_RETRIES, amountsIn: 'minor' } }))).error).toBeUndefined();
		const before = (await bed.requests()).length;
		const result = await bed.run(refund(referenceId, 6));
		expect(result.status).toBe('error');
		expect(result.nodes[NODE].error?.message).toMatch(/\(#131009\)/);
		expect((await bed.requests()).length - before).toBe(1);
	});

	it('refuses an amount with more decimals than the currency before any request', async () => {
		const before = (await bed.requests()).length;
		const result = await bed.run(refund('ANY-REF', 1.234));
		expect(result.nodes[NODE].error?.message).toMatch(/^amount: /);
		expect((await bed.requests()).length).toBe(before);
	});
});
