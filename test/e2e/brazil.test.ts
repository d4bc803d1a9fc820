/**
 * Brazil One-Click in a real n8n, example 3: a webhook order becomes a bill offering offsite_card_pay
 * (Cloud API); the customer confirms the card; the sandbox's signed payment_method webhook starts the
 * trigger -> PSP charge stand-in -> order status processing with payment captured, or, when the PSP
 * declines the card, order status canceled with payment failed.
 */
import { createHmac } from 'crypto';

import type { WorkflowFile } from '../../scripts/workflows';
import { Deployment, e2eInstance, example, nodeOutput, postJson, sandboxPost, uniqueReference, waitForOrder, type Deployed, type SandboxOrder } from './support';

const instance = e2eInstance();
const deployment = new Deployment(instance);
let oneClick: Deployed;

const PSP_NODE = 'Charge the card at your PSP';
/** The stored card the PSP stand-in declines. */
const DECLINED_CARD = 'card-credential-declined';

/**
 * The PSP as these tests need it: the example's pinned sample answer (captured) for every card but
 * DECLINED_CARD, which it declines, so one deployment drives both branches of "Charged?". Only this
 * test copy changes: the example keeps its HTTP Request placeholder and its sample.
 */
function pspDecliningOneCard(workflow: WorkflowFile): void {
	const psp = workflow.nodes.find((node) => node.name === PSP_NODE);
	const sample = workflow.pinData?.[PSP_NODE]?.[0]?.json;
	if (!psp || !sample) throw new Error(`example 3 has no "${PSP_NODE}" node with a pinned sample answer`);
	const declined = { ...sample, status: 'failed', failure_code: 'card_declined' };
	psp.type = 'n8n-nodes-base.code';
	psp.typeVersion = 2;
	psp.parameters = {
		jsCode: `return $input.all().map(({ json }) => ({ json: json.credentialId === ${JSON.stringify(DECLINED_CARD)} ? ${JSON.stringify(declined)} : ${JSON.stringify(sample)} }));`,
	};
	delete workflow.pinData?.[PSP_NODE];
}

/** A Brazil bill for `cardCredentialId`, sent through the example's webhook and pending in the sandbox. */
async function sendBill(referenceId: string, cardCredentialId: string): Promise<void> {
	const sent = await postJson(Deployment.url(oneClick, 'New order (Brazil)'), {
		orderId: referenceId,
		phone: '5511987654321',
		customerName: 'Bia',
		cardLastFour: '4242',
		cardCredentialId,
		items: [{ retailer_id: 'tshirt-m', name: 'Camiseta', amount: 89.9, quantity: 1 }],
	});
	expect(sent).toMatchObject({ status: 200, body: { referenceId } });
	await waitForOrder(instance, referenceId, 'to be a pending Brazil bill', (o) => o.market === 'brazil' && o.order_status === 'pending');
}

beforeAll(async () => {
	oneClick = await deployment.deploy(example('03-brazil-one-click.json', pspDecliningOneCard));
	// Meta sends all of an app's webhooks to one callback URL; the sandbox first checks it with the verify token (GET hub.challenge).
	await sandboxPost(instance.sandboxUrl, '/_sandbox/webhook', { url: Deployment.url(oneClick, 'One-Click confirmed'), appSecret: instance.appSecret, verifyToken: instance.verifyToken });
});
afterAll(() => deployment.teardown());

test('One-Click: payment_method webhook -> PSP charge -> order status processing with payment captured', async () => {
	const referenceId = uniqueReference('BR');
	await sendBill(referenceId, 'card-credential-7');

	const before = (await deployment.api.executions(oneClick.id)).length;
	await sandboxPost(instance.sandboxUrl, `/_sandbox/orders/${referenceId}/one-click`);
	const order = await waitForOrder(instance, referenceId, 'to be processing and captured', (o) => o.order_status === 'processing' && o.payment_status === 'captured');
	expect(order.channel).toBe('cloudApi');

	const [execution] = await deployment.api.waitForExecutions(oneClick.id, before + 1);
	expect(execution.status).toBe('success');
	expect(nodeOutput(execution, 'One-Click confirmed')[0]).toMatchObject({ kind: 'payment_method', referenceId, credentialId: 'card-credential-7', lastFourDigits: '4242' });
	expect(nodeOutput(execution, 'Order status: payment captured')[0]).toMatchObject({ referenceId });
	expect(nodeOutput(execution, 'Order status: payment captured')[0].message).toMatchObject({
		interactive: { action: { parameters: { order: { status: 'processing' }, payment: { status: 'captured' } } } },
	});
});

test('One-Click: the PSP declines the card -> order status canceled with payment failed, no error webhook', async () => {
	const referenceId = uniqueReference('BR');
	await sendBill(referenceId, DECLINED_CARD);

	const before = (await deployment.api.executions(oneClick.id)).length;
	await sandboxPost(instance.sandboxUrl, `/_sandbox/orders/${referenceId}/one-click`);
	const order = await waitForOrder(instance, referenceId, 'to be canceled with payment failed', (o) => o.order_status === 'canceled' && o.payment_status === 'failed');

	const [execution] = await deployment.api.waitForExecutions(oneClick.id, before + 1);
	expect(execution.status).toBe('success');
	expect(nodeOutput(execution, PSP_NODE)[0]).toMatchObject({ status: 'failed' });
	const failed = nodeOutput(execution, 'Order status: payment failed')[0];
	expect(failed).toMatchObject({ referenceId });
	expect(failed.message).toMatchObject({ interactive: { action: { parameters: { order: { status: 'canceled' }, payment: { status: 'failed' } } } } });
	expect(execution.data?.resultData.runData['Order status: payment captured']).toBeUndefined();

	// Meta answers a refused order_status with an error webhook naming the message (2047 for a cancel of a
	// pending or paid payment, 2046 for a forbidden transition): this one was applied, and once the queue
	// is flushed no delivery names it.
	const orderStatus = orderStatusMessage(order);
	expect(orderStatus.outcome).toBe('applied');
	await sandboxPost(instance.sandboxUrl, '/_sandbox/webhooks/flush');
	const deliveries = (await (await fetch(`${instance.sandboxUrl}/_sandbox/webhooks`)).json()) as { data: Array<{ state: string; body: unknown }> };
	const naming = (text: string) => deliveries.data.filter((d) => JSON.stringify(d.body).includes(text));
	// The log holds this order's deliveries (the payment_method webhook), so an empty answer below means something.
	expect(naming(referenceId).map((d) => d.state)).toContain('delivered');
	expect(naming(orderStatus.id)).toEqual([]);
});

/** The one order_status message the sandbox received for the order. */
function orderStatusMessage(order: SandboxOrder): { id: string; outcome?: string } {
	const messages = (order.messages as Array<{ id: string; type: string; outcome?: string }>).filter((m) => m.type === 'order_status');
	expect(messages).toHaveLength(1);
	return messages[0];
}

test('a delivery signed with the wrong app secret is refused with 401', async () => {
	const before = (await deployment.api.executions(oneClick.id)).length;
	const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
	const signature = 'sha256=' + createHmac('sha256', 'not-the-app-secret').update(body).digest('hex');
	const response = await fetch(Deployment.url(oneClick, 'One-Click confirmed'), { method: 'POST', headers: { 'content-type': 'application/json', 'X-Hub-Signature-256': signature }, body });
	expect(response.status).toBe(401);
	expect((await deployment.api.executions(oneClick.id)).length).toBe(before);
});
