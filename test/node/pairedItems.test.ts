/* eslint-disable @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Paired items through the node: every output item, answered or failed, names the input item it came from
 * (router.ts), so a later node's `$('Orders').item` finds that order's row through the lookup and the send
 * operations alike. (n8n-core also pairs items by position when a node gives none and the counts match; a wrong
 * pairing is what this catches.) Example 4's phone on n8n 1.x was not a pairing problem: docs/verification.md.
 */
import type { INodeParameters } from 'n8n-workflow';

import { chain, itemsSource, type NodeSpec } from '../engine/harness';
import { FAST_RETRIES, newReference, orderPerInputItem, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

const CONFIGURATION = { __rl: true, mode: 'list', value: 'razorpay-sandbox' };
const ROW = "$('Orders').item.json";

const lookUpRow: INodeParameters = { resource: 'payment', operation: 'lookUp', paymentConfiguration: CONFIGURATION, referenceId: `={{ ${ROW}.ref }}`, options: FAST_RETRIES };

const node = (name: string, parameters: INodeParameters): NodeSpec => ({
	name,
	type: bed.harness.typeName('whatsAppPayments'),
	typeVersion: 1,
	parameters,
	onError: 'continueRegularOutput',
});

test("$('Orders').item resolves through Look Up and Send Order Status, for answered and failed items", async () => {
	const billed = [newReference('PI'), newReference('PI')];
	const rows = [
		{ ref: billed[0], to: '919800000001' },
		// Never billed: its lookup fails, and the nodes after it still find its row.
		{ ref: newReference('PI'), to: '919800000002' },
		{ ref: billed[1], to: '919800000003' },
	];
	const bills = await bed.run(orderPerInputItem(FAST_RETRIES), rows.filter((row) => billed.includes(row.ref)));
	expect(bills.error).toBeUndefined();

	const result = await bed.harness.runWorkflow(
		{
			nodes: [
				itemsSource('Orders'),
				node('Look up', lookUpRow),
				node('Cancel', {
					resource: 'order',
					operation: 'sendOrderStatus',
					to: `={{ ${ROW}.to }}`,
					referenceId: `={{ ${ROW}.ref }}`,
					status: 'canceled',
					body: 'Canceled',
					options: FAST_RETRIES,
				}),
				node('Look up again', lookUpRow),
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
