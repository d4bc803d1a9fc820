/**
 * Without Continue On Fail, an item that fails after others were sent stops the run; the outputs of the
 * items already done are lost with the error, so the error names them (index and reference_id).
 */
import { FAST_RETRIES, NODE, newReference, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

const RECIPIENT = '919876543210';

const orderDetails = {
	resource: 'order',
	operation: 'sendOrderDetails',
	to: RECIPIENT,
	market: 'india',
	referenceId: '={{ $json.ref }}',
	paymentMethod: 'paymentGateway',
	gateway: 'razorpay',
	paymentConfiguration: { __rl: true, mode: 'list', value: 'razorpay-sandbox' },
	items: { item: [{ name: 'Tea', amount: 10, quantity: 1, retailerId: 'tea-1' }] },
	additionalFields: { catalogId: 'catalog-1' },
	taxAmount: 1,
	body: 'Your bill',
	options: { ...FAST_RETRIES, concurrency: 1 },
};

const statusUpdate = (concurrency: number) => ({
	resource: 'order',
	operation: 'sendOrderStatus',
	to: RECIPIENT,
	referenceId: '={{ $json.ref }}',
	status: 'processing',
	body: 'Processing',
	options: { ...FAST_RETRIES, concurrency },
});

describe('a run stopped by a failed item', () => {
	it('names the items already sent in the error, not the ones never started', async () => {
		const sent = [newReference('M'), newReference('M')];
		expect((await bed.run(orderDetails, sent.map((ref) => ({ ref })))).error).toBeUndefined();
		const unknown = newReference('MISSING');
		const never = newReference('M');
		// Item 2 has no order_details behind it: the API refuses its order_status; item 3 never starts.
		const result = await bed.run(statusUpdate(1), [{ ref: sent[0] }, { ref: sent[1] }, { ref: unknown }, { ref: never }]);
		expect(result.status).toBe('error');
		const error = result.nodes[NODE].error;
		expect(error?.message).toMatch(/\(#131009\)/);
		expect(error?.description).toContain(
			`Already done before this failure, do not send them again: item 0 (reference_id ${sent[0]}), item 1 (reference_id ${sent[1]}). The items not listed were not completed.`,
		);
		expect(error?.description).not.toContain(never);
		const log = await bed.requests();
		expect(log.filter((e) => e.reference_id === never)).toEqual([]);
	});

	it('adds nothing when no item was done before the failure', async () => {
		const result = await bed.run(statusUpdate(1), [{ ref: newReference('MISSING') }, { ref: newReference('M') }]);
		expect(result.status).toBe('error');
		expect(result.nodes[NODE].error?.description ?? '').not.toMatch(/Already done/);
	});

	it('lists the items that finished while the failed one was in flight', async () => {
		const sent = [newReference('M'), newReference('M'), newReference('M')];
		expect((await bed.run(orderDetails, sent.map((ref) => ({ ref })))).error).toBeUndefined();
		// All four start at once: the three valid ones finish although item 1 failed.
		const result = await bed.run(statusUpdate(4), [{ ref: sent[0] }, { ref: newReference('MISSING') }, { ref: sent[1] }, { ref: sent[2] }]);
		expect(result.status).toBe('error');
		expect(result.nodes[NODE].error?.description).toContain(
			`item 0 (reference_id ${sent[0]}), item 2 (reference_id ${sent[1]}), item 3 (reference_id ${sent[2]})`,
		);
	});
});
