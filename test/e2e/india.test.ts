/**
 * India in a real n8n: example 1 (a webhook order -> Send Order Details) puts a bill into the
 * sandbox; the customer pays; example 2 (WhatsApp Payments Trigger -> Look Up -> Send Order Status)
 * runs from the sandbox's signed-by-shared-secret 360dialog webhook and the order becomes processing.
 */
import { Deployment, e2eInstance, example, nodeOutput, postJson, sandboxOrder, sandboxPost, uniqueReference, waitFor, waitForOrder, type Deployed, type Execution } from './support';

const instance = e2eInstance();
const deployment = new Deployment(instance);
let billing: Deployed;
let paymentReceived: Deployed;

const order = (referenceId: string) => ({
	orderId: referenceId,
	phone: '919876543210',
	customerName: 'Asha',
	tax: 18,
	items: [
		{ retailer_id: 'tea-250g', name: 'Masala tea 250 g', amount: 250, quantity: 2 },
		{ retailer_id: 'mug', name: 'Mug', amount: 150, quantity: 1 },
	],
});

beforeAll(async () => {
	billing = await deployment.deploy(example('01-bill-from-webhook-order.json'));
	paymentReceived = await deployment.deploy(example('02-payment-received.json'));
});
afterAll(() => deployment.teardown());

/**
 * The executions of example 2 that may be about this order. The sandbox retries a webhook n8n refused, so a
 * payment of another test file's order, made while no trigger listened, can start an execution here later:
 * the finished ones that name another order are left out.
 */
async function executionsFor(referenceId: string): Promise<Execution[]> {
	const executions = await deployment.api.executions(paymentReceived.id);
	return executions.filter((execution) => !execution.data || JSON.stringify(execution.data).includes(referenceId));
}

async function sendBill(referenceId: string) {
	const response = await postJson(Deployment.url(billing, 'New order'), order(referenceId));
	expect(response).toMatchObject({ status: 200, body: { referenceId } });
	return response.body as { wamid: string };
}

test('a webhook order becomes a bill in the sandbox (Send Order Details through 360dialog)', async () => {
	const referenceId = uniqueReference('IN');
	const sent = await sendBill(referenceId);
	expect(sent.wamid).toMatch(/^wamid\./);
	const bill = await sandboxOrder(instance, referenceId);
	expect(bill).toMatchObject({ channel: 'dialog360', market: 'india', order_status: 'pending', payment_status: 'new', total: '668.00', payment_configuration: 'razorpay-sandbox' });
});

test('the customer pays: the trigger fires, the lookup confirms, the order becomes processing', async () => {
	const referenceId = uniqueReference('IN');
	await sendBill(referenceId);
	await sandboxPost(instance.sandboxUrl, `/_sandbox/orders/${referenceId}/pay`, { outcome: 'success', method: 'upi' });

	await waitForOrder(instance, referenceId, 'to be processing', (o) => o.order_status === 'processing');
	const execution = await waitFor(`the execution for ${referenceId}`, 30000, async () =>
		(await executionsFor(referenceId)).find((e) => e.data && !['new', 'running', 'waiting'].includes(e.status)),
	);
	expect(execution.status).toBe('success');
	expect(nodeOutput(execution, 'Payment captured')[0]).toMatchObject({ kind: 'payment_status', status: 'captured', referenceId });
	expect(nodeOutput(execution, 'Look up payment')[0]).toMatchObject({ referenceId, status: 'captured', method: 'upi' });
	expect(nodeOutput(execution, 'Tell the customer: processing')[0]).toMatchObject({ referenceId });
	// The CRM placeholder ran as its stand-in, answering with the example's sample.
	expect(nodeOutput(execution, 'Mark paid in your CRM')[0]).toMatchObject({ crmStatus: 'paid' });
});

test('a failed payment starts nothing (the trigger emits captured payments only) and the order stays pending', async () => {
	const referenceId = uniqueReference('IN');
	await sendBill(referenceId);
	const before = (await executionsFor(referenceId)).length;
	await sandboxPost(instance.sandboxUrl, `/_sandbox/orders/${referenceId}/pay`, { outcome: 'failed', method: 'card' });
	await sandboxPost(instance.sandboxUrl, '/_sandbox/webhooks/flush');
	await waitForOrder(instance, referenceId, 'to show the failed payment', (o) => o.payment_status === 'failed');
	// The delivery was acknowledged (the sandbox logs it delivered) but started no execution.
	const deliveries = (await (await fetch(`${instance.sandboxUrl}/_sandbox/webhooks`)).json()) as { data: Array<{ state: string; body: unknown }> };
	const delivery = deliveries.data.find((d) => JSON.stringify(d.body).includes(referenceId) && JSON.stringify(d.body).includes('failed'));
	expect(delivery?.state).toBe('delivered');
	expect((await executionsFor(referenceId)).length).toBe(before);
	expect(await sandboxOrder(instance, referenceId)).toMatchObject({ order_status: 'pending' });
});

/** A delivery of one payment status update for the test's order. */
const paymentUpdate = (messageId: string, status: string, referenceId: string) => ({
	object: 'whatsapp_business_account',
	entry: [{ id: '200000000000001', changes: [{ field: 'messages', value: { statuses: [{ id: messageId, type: 'payment', status, recipient_id: '919876543210', payment: { reference_id: referenceId } }] } }] }],
});

test('a genuine update the trigger filters out is answered 200 by n8n with the trigger\'s body, and starts no execution', async () => {
	const referenceId = uniqueReference('IN');
	await sendBill(referenceId);
	const before = (await executionsFor(referenceId)).length;
	// Example 2 starts on captured payments only (payment lookup off: n8n answers, once it has decided what to run).
	const pending = paymentUpdate(`wamid.${referenceId}`, 'pending', referenceId);
	const answer = await postJson(Deployment.url(paymentReceived, 'Payment captured'), pending, { 'X-Webhook-Secret': instance.sharedSecret });
	expect(answer).toEqual({ status: 200, body: { received: true } });
	expect((await executionsFor(referenceId)).length).toBe(before);
});

test('a forged delivery is refused with 401 and starts no execution', async () => {
	const referenceId = uniqueReference('IN');
	await sendBill(referenceId);
	const before = (await executionsFor(referenceId)).length;
	const forged = paymentUpdate('wamid.forged', 'captured', referenceId);
	const url = Deployment.url(paymentReceived, 'Payment captured');
	expect((await postJson(url, forged)).status).toBe(401);
	expect((await postJson(url, forged, { 'X-Webhook-Secret': 'not-the-secret' })).status).toBe(401);
	expect((await postJson(url, forged, { 'X-Hub-Signature-256': 'sha256=' + '0'.repeat(64) })).status).toBe(401);
	expect((await executionsFor(referenceId)).length).toBe(before);
	expect(await sandboxOrder(instance, referenceId)).toMatchObject({ order_status: 'pending', payment_status: 'new' });
});
