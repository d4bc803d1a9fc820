/**
 * The Google Sheets variants in a real n8n, with stand-ins for Google: example 1b (a new sheet row
 * -> Send Order Details -> mark the row) and example 4 (on schedule: rows past expiry -> cancel
 * unless paid, guarded by a payment lookup).
 */
import { Deployment, e2eInstance, example, nodeOutput, postJson, sandboxOrder, sandboxPost, uniqueReference, waitForOrder, type Deployed } from './support';
import { standInPath } from '../../scripts/workflows';

const instance = e2eInstance();
const deployment = new Deployment(instance);
let sheetBilling: Deployed;

const row = (orderId: string) => ({ 'Order ID': orderId, Phone: '919812345678', Customer: 'Ravi', SKU: 'book-1', Item: 'Cookbook', Price: '499', Quantity: '2', Tax: '25', Status: '' });

beforeAll(async () => {
	sheetBilling = await deployment.deploy(example('01b-bill-from-google-sheets-row.json'));
});
afterAll(() => deployment.teardown());

async function billFromRow(orderId: string) {
	const before = (await deployment.api.executions(sheetBilling.id)).length;
	const url = `${instance.n8nUrl}/webhook/${standInPath('New order row')}`;
	expect((await postJson(url, row(orderId))).status).toBe(200);
	const [execution] = await deployment.api.waitForExecutions(sheetBilling.id, before + 1);
	return execution;
}

test('a new sheet row becomes a bill, and the row is marked with the message id', async () => {
	const referenceId = uniqueReference('SH');
	const execution = await billFromRow(referenceId);
	expect(execution.status).toBe('success');
	expect(await sandboxOrder(instance, referenceId)).toMatchObject({ order_status: 'pending', total: '1023.00' });
	const marked = nodeOutput(execution, 'Mark bill sent')[0];
	expect(marked).toMatchObject({ referenceId });
	expect(marked.wamid).toMatch(/^wamid\./);
});

test('expired unpaid orders are canceled; paid ones, ones not yet expired and ones whose lookup fails are kept', async () => {
	const unpaid = uniqueReference('EXP');
	const paid = uniqueReference('EXP');
	const notYetDue = uniqueReference('EXP');
	// A row whose bill never reached WhatsApp: its lookup fails, and nothing may be decided about it.
	const unknown = uniqueReference('EXP');
	for (const id of [unpaid, paid, notYetDue]) await billFromRow(id);
	await sandboxPost(instance.sandboxUrl, `/_sandbox/orders/${paid}/pay`, { outcome: 'success', method: 'upi' });

	const past = new Date(Date.now() - 3_600_000).toISOString();
	const future = new Date(Date.now() + 3_600_000).toISOString();
	const sweep = await deployment.deploy(
		example('04-cancel-expired-orders.json', (workflow) => {
			workflow.pinData = {
				'Orders with a bill sent': [
					{ json: { 'Order ID': unpaid, Phone: '919812345678', Status: 'bill sent', 'Expires At': past } },
					{ json: { 'Order ID': paid, Phone: '919812345678', Status: 'bill sent', 'Expires At': past } },
					{ json: { 'Order ID': notYetDue, Phone: '919812345678', Status: 'bill sent', 'Expires At': future } },
					{ json: { 'Order ID': unknown, Phone: '919812345678', Status: 'bill sent', 'Expires At': past } },
				],
			};
		}),
	);
	expect((await postJson(`${instance.n8nUrl}/webhook/${standInPath('Every 15 minutes')}`, {})).status).toBe(200);
	const [execution] = await deployment.api.waitForExecutions(sweep.id, 1);
	expect(execution.status).toBe('success');

	await waitForOrder(instance, unpaid, 'to be canceled', (o) => o.order_status === 'canceled');
	expect(nodeOutput(execution, 'Past expiry').map((r) => r['Order ID'])).toEqual([unpaid, paid, unknown]);
	// Branches on the lookup's data: unpaid -> cancel and mark; paid -> kept; lookup failed -> its own branch.
	expect(nodeOutput(execution, 'Mark canceled').map((r) => r.referenceId)).toEqual([unpaid]);
	// The cancellation went to the row's phone, carried beside the lookup's answer (the example's Merge).
	expect(nodeOutput(execution, 'Cancel unless paid').map((r) => (r.message as { to: string }).to)).toEqual(['919812345678']);
	expect(nodeOutput(execution, 'Paid or paying: keep it').map((r) => r.referenceId)).toEqual([paid]);
	const lookupFailed = nodeOutput(execution, 'Lookup failed: try again next run');
	expect(lookupFailed).toHaveLength(1);
	expect(String(lookupFailed[0].error)).not.toBe('');
	expect(lookupFailed[0]['Order ID']).toBe(unknown);
	expect(execution.data?.resultData.runData['Not canceled: check by hand']).toBeUndefined();
	expect(await sandboxOrder(instance, paid)).toMatchObject({ order_status: 'pending', payment_status: 'captured' });
	expect(await sandboxOrder(instance, notYetDue)).toMatchObject({ order_status: 'pending' });
	// The order whose lookup failed got no message at all: neither canceled nor marked paid.
	expect(await sandboxOrder(instance, unknown)).toBeUndefined();
});
