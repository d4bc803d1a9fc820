/* eslint-disable @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/** Payment -> Look Up (normalized) and Payment -> Refund, through n8n's engine against the sandbox; paired items through the node. */
import type { INodeParameters } from 'n8n-workflow';

import { chain, itemsSource, type NodeSpec } from '../engine/harness';
import { RAZORPAY_CONFIGURATION, razorpayOrder, sentOrder } from './razorpayOrder';
import { FAST_RETRIES, NODE, newReference, orderPerInputItem, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

const lookUp = (referenceId: string): INodeParameters => ({
	resource: 'payment',
	operation: 'lookUp',
	paymentConfiguration: RAZORPAY_CONFIGURATION,
	referenceId,
	options: FAST_RETRIES,
});

const refund = (referenceId: string, amount: number, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'payment',
	operation: 'refund',
	referenceId,
	paymentConfiguration: RAZORPAY_CONFIGURATION,
	amount,
	speed: 'instant',
	options: FAST_RETRIES,
	...parameters,
});

describe('Payment -> Look Up', () => {
	it('returns the payment normalized (status, amounts in minor and currency units, transaction, method) plus raw', async () => {
		const referenceId = await sentOrder(bed, 'card');
		const result = await bed.run(lookUp(referenceId));
		expect(result.error).toBeUndefined();
		const [payment] = result.json(NODE);
		expect(payment).toMatchObject({
			referenceId,
			status: 'captured',
			statusNormalized: 'captured',
			stage: 'captured',
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

	it('an unpaid order: pending, not attempted, no transactions (the newest page); a failed attempt keeps it pending', async () => {
		const referenceId = newReference('PAY');
		expect((await bed.run(razorpayOrder(referenceId))).error).toBeUndefined();
		expect((await bed.run(lookUp(referenceId))).json(NODE)[0]).toMatchObject({ status: 'pending', stage: 'not_attempted', transactions: [], amount: { decimal: '545.00' } });
		await bed.control('POST', `/_sandbox/orders/${referenceId}/pay`, { outcome: 'failed', method: 'upi' });
		const [failed] = (await bed.run(lookUp(referenceId))).json(NODE);
		expect(failed).toMatchObject({ status: 'pending', stage: 'attempt_failed', successfulTransaction: null, transactions: [expect.objectContaining({ status: 'failed' })] });
	});

	it('an unknown reference: "No payment found" (Meta\'s error in the description), or an item error under Continue On Fail', async () => {
		const result = await bed.run(lookUp('NO-SUCH-ORDER'), [{}], { continueOnFail: true });
		const [out] = result.json(NODE);
		expect(out.error).toBe('No payment found for reference ID NO-SUCH-ORDER');
		expect(out.details).toEqual({ description: expect.stringMatching(/^The API answered: WhatsApp API error \(#100\)/) });
	});
});

describe('per payment method (payments-api-india § Compare the integration models)', () => {
	it('a legacy UPI order: Look Up shows it not attempted even once paid, and Refund is refused (the gateway refunds it)', async () => {
		const referenceId = newReference('UPI');
		const upi = { __rl: true, mode: 'name', value: 'upi-sandbox' };
		const sent = await bed.run({ ...razorpayOrder(referenceId), paymentMethod: 'upiLegacy', paymentConfiguration: upi });
		expect(sent.error).toBeUndefined();
		await bed.control('POST', `/_sandbox/orders/${referenceId}/pay`, { outcome: 'success', method: 'upi' });
		const [payment] = (await bed.run({ ...lookUp(referenceId), paymentConfiguration: upi })).json(NODE);
		expect(payment).toMatchObject({ status: 'pending', stage: 'not_attempted', transactions: [] });
		const refused = await bed.run(refund(referenceId, 10, { paymentConfiguration: upi }));
		expect(refused.status).toBe('error');
		expect(refused.nodes[NODE].error?.description).toMatch(/refunded at your payment gateway/);
	});
});

describe('Payment -> Refund', () => {
	it('refunds part of a captured payment (currency units) and the lookup shows it', async () => {
		const referenceId = await sentOrder(bed);
		const result = await bed.run(refund(referenceId, 100.5));
		expect(result.error).toBeUndefined();
		const [out] = result.json(NODE);
		// receive-payments... § Step 8: the documented request quotes the amount's value and offset.
		expect(out.refund).toEqual({ reference_id: referenceId, speed: 'instant', payment_config_id: 'razorpay-sandbox', amount: { currency: 'INR', value: '10050', offset: '100' } });
		expect(out).toMatchObject({ reference_id: referenceId, id: expect.any(String), status: 'completed', speed_processed: 'instant', refunded: true });
		const [payment] = (await bed.run(lookUp(referenceId))).json(NODE);
		expect(payment.refundedMinor).toBe(10050);
		expect(payment.refunds).toEqual([expect.objectContaining({ amount: expect.objectContaining({ decimal: '100.50' }) })]);
	});

	it('takes minor units when told so, and refuses more than is left (Meta error, not retried)', async () => {
		const referenceId = await sentOrder(bed);
		expect((await bed.run(refund(referenceId, 54000, { options: { ...FAST_RETRIES, amountsIn: 'minor' } }))).error).toBeUndefined();
		const before = (await bed.requests()).length;
		const result = await bed.run(refund(referenceId, 6));
		expect(result.status).toBe('error');
		expect(result.nodes[NODE].error?.message).toMatch(/\(#131009\)/);
		// The hint names the form's field, not the wire path the API names (/amount/value).
		expect(result.nodes[NODE].error?.description).toContain('Fix the field "Amount" and send again.');
		expect((await bed.requests()).length - before).toBe(1);
	});

	it('Gateway Default sends no speed; a pending refund is not counted as refunded until the gateway settles it', async () => {
		const referenceId = await sentOrder(bed);
		const result = await bed.run(refund(referenceId, 45, { speed: 'gatewayDefault' }));
		const [out] = result.json(NODE);
		expect(out.refund).not.toHaveProperty('speed');
		expect(out).toMatchObject({ status: 'pending', speed_processed: 'normal', refunded: false });
		expect((await bed.run(lookUp(referenceId))).json(NODE)[0]).toMatchObject({ refundedMinor: 0, refunds: [expect.objectContaining({ status: 'pending' })] });
		await bed.control('POST', `/_sandbox/orders/${referenceId}/refunds/${out.id}`, { outcome: 'success' });
		expect((await bed.run(lookUp(referenceId))).json(NODE)[0]).toMatchObject({ refundedMinor: 4500, refunds: [expect.objectContaining({ status: 'success' })] });
	});

	it('refuses an amount with more decimals than the currency before any request', async () => {
		const before = (await bed.requests()).length;
		const result = await bed.run(refund('ANY-REF', 1.234));
		expect(result.nodes[NODE].error?.message).toMatch(/^Amount: /);
		expect((await bed.requests()).length).toBe(before);
	});
});

/**
 * Every output item, answered or failed, names the input item it came from (router.ts), so a later node's
 * `$('Orders').item` finds that order's row through the lookup and the send operations alike. (n8n-core also pairs
 * items by position when a node gives none and the counts match; a wrong pairing is what this catches.) Example 4's
 * empty phone on n8n 1.x was not a pairing problem: docs/verification.md, n8n versions.
 */
describe('Paired items through the node', () => {
	const ROW = "$('Orders').item.json";
	const continuing = (name: string, parameters: INodeParameters): NodeSpec => ({
		name,
		type: bed.harness.typeName('whatsAppPayments'),
		typeVersion: 1,
		parameters,
		onError: 'continueRegularOutput',
	});

	it("$('Orders').item resolves through Look Up and Send Order Status, for answered and failed items", async () => {
		const billed = [newReference('PI'), newReference('PI')];
		const rows = [
			{ ref: billed[0], to: '919800000001' },
			// Never billed: its lookup fails, and the nodes after it still find its row.
			{ ref: newReference('PI'), to: '919800000002' },
			{ ref: billed[1], to: '919800000003' },
		];
		expect((await bed.run(orderPerInputItem(FAST_RETRIES), rows.filter((row) => billed.includes(row.ref)))).error).toBeUndefined();

		const result = await bed.harness.runWorkflow(
			{
				nodes: [
					itemsSource('Orders'),
					continuing('Look up', lookUp(`={{ ${ROW}.ref }}`)),
					continuing('Cancel', {
						resource: 'order',
						operation: 'sendOrderStatus',
						to: `={{ ${ROW}.to }}`,
						referenceId: `={{ ${ROW}.ref }}`,
						status: 'canceled',
						body: 'Canceled',
						options: FAST_RETRIES,
					}),
					continuing('Look up again', lookUp(`={{ ${ROW}.ref }}`)),
				],
				connections: chain('Orders', 'Look up', 'Cancel', 'Look up again'),
			},
			{ items: rows },
		);

		expect(result.status).toBe('success');
		const [answered, failed, answeredToo] = result.json('Look up');
		expect([answered.referenceId, answeredToo.referenceId]).toEqual(billed);
		expect(failed.error).toEqual(expect.stringContaining(rows[1].ref));
		// Each row's cancel was sent with its own reference and phone, read through the lookup's items, the failed one
		// included: a row not found would leave the phone empty, which the node refuses before any request.
		const sent = (await bed.requests()).filter((request) => request.message_type === 'order_status');
		expect(sent.map((request) => request.reference_id)).toEqual(rows.map((row) => row.ref));
		const [first, , third] = result.json('Cancel') as any[];
		expect([first.message.to, third.message.to]).toEqual([rows[0].to, rows[2].to]);
		// And once more through the send operation's items, answered (rows 1 and 3) and failed (row 2, unknown to WhatsApp).
		const lookups = (await bed.requests()).filter((request) => request.method === 'GET').slice(-3);
		expect(lookups.map((request) => request.reference_id)).toEqual(rows.map((row) => row.ref));
		expect(result.nodes['Look up again'].outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
