/**
 * Check Payment Before Canceling in a real n8n, through both lookup readings: example 4's guarded
 * cancel runs once with the Cloud API credential (the lookup answers the newest page's shape: pending
 * with no transactions, or with the failed attempt, or captured) and once with the 360dialog credential
 * (the seed's: new, failed, captured). Unpaid and failed-attempt orders are canceled; a captured one is
 * kept by the lookup's branch before any message.
 */
import { Deployment, e2eInstance, example, nodeOutput, postJson, sandboxOrder, sandboxPost, uniqueReference, waitForOrder, type Deployed } from './support';
import { SANDBOX_CREDENTIALS } from '../../scripts/n8n-api';
import { standInPath } from '../../scripts/workflows';

const instance = e2eInstance();
const deployment = new Deployment(instance);
/** Example 4 per test: its stand-in schedule has one webhook path, so each run is unpublished before the next. */
const sweeps = new Deployment(instance);
let billing: Deployed;
const LOOKUP_NODE = 'Look up payment';
const CANCEL_NODE = 'Cancel unless paid';

beforeAll(async () => {
	billing = await deployment.deploy(example('01-bill-from-webhook-order.json'));
});
afterEach(() => sweeps.teardown());
afterAll(() => deployment.teardown());

async function sendBill(referenceId: string) {
	const order = { orderId: referenceId, phone: '919876543210', customerName: 'Asha', tax: 0, items: [{ retailer_id: 'tea-250g', name: 'Masala tea 250 g', amount: 250, quantity: 1 }] };
	expect(await postJson(Deployment.url(billing, 'New order'), order)).toMatchObject({ status: 200, body: { referenceId } });
}

describe.each([
	['Cloud API (newest reading: pending / captured)', SANDBOX_CREDENTIALS.cloudApi],
	['360dialog (seed reading: new / failed / captured)', SANDBOX_CREDENTIALS.dialog360],
])('Check Payment Before Canceling, %s', (_, credentialName) => {
	test('cancels the unpaid order and the one whose payment failed, keeps the captured one', async () => {
		const unpaid = uniqueReference('CXL');
		const failed = uniqueReference('CXL');
		const paid = uniqueReference('CXL');
		for (const id of [unpaid, failed, paid]) await sendBill(id);
		await sandboxPost(instance.sandboxUrl, `/_sandbox/orders/${failed}/pay`, { outcome: 'failed', method: 'upi' });
		await sandboxPost(instance.sandboxUrl, `/_sandbox/orders/${paid}/pay`, { outcome: 'success', method: 'upi' });

		const past = new Date(Date.now() - 3_600_000).toISOString();
		const sweep = await sweeps.deploy(
			example('04-cancel-expired-orders.json', (workflow) => {
				for (const name of [LOOKUP_NODE, CANCEL_NODE]) {
					const node = workflow.nodes.find((candidate) => candidate.name === name);
					if (!node?.credentials) throw new Error(`example 4 has no credential on "${name}"`);
					node.credentials.whatsAppPaymentsApi = { id: '', name: credentialName };
				}
				workflow.name = `${workflow.name} (${credentialName})`;
				workflow.pinData = {
					'Orders with a bill sent': [unpaid, failed, paid].map((id) => ({ json: { 'Order ID': id, Phone: '919876543210', Status: 'bill sent', 'Expires At': past } })),
				};
			}),
		);
		expect((await postJson(`${instance.n8nUrl}/webhook/${standInPath('Every 15 minutes')}`, {})).status).toBe(200);
		const [execution] = await deployment.api.waitForExecutions(sweep.id, 1);

		await waitForOrder(instance, unpaid, 'to be canceled', (o) => o.order_status === 'canceled');
		await waitForOrder(instance, failed, 'to be canceled', (o) => o.order_status === 'canceled');
		expect(nodeOutput(execution, 'Mark canceled').map((r) => r.referenceId)).toEqual([unpaid, failed]);
		expect(nodeOutput(execution, CANCEL_NODE).map((r) => (r.paymentCheck as { stage: string }).stage)).toEqual(['not_attempted', 'attempt_failed']);
		expect(await sandboxOrder(instance, paid)).toMatchObject({ order_status: 'pending', payment_status: 'captured' });
		expect(nodeOutput(execution, 'Paid or paying: keep it').map((r) => [r.referenceId, r.stage])).toEqual([[paid, 'captured']]);
		// Only the two cancels reached the API as messages; the captured order got none.
		const order = await sandboxOrder(instance, paid);
		expect((order?.messages as unknown[]).length).toBe(1);
	});
});
