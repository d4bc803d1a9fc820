/**
 * Brazil One-Click in a real n8n, example 3: a webhook order becomes a bill offering offsite_card_pay
 * (Cloud API); the customer confirms the card; the sandbox's signed payment_method webhook starts the
 * trigger -> PSP charge stand-in -> order status processing with payment captured.
 */
import { createHmac } from 'crypto';

import { Deployment, e2eInstance, example, nodeOutput, postJson, sandboxPost, uniqueReference, waitForOrder, type Deployed } from './support';

const instance = e2eInstance();
const deployment = new Deployment(instance);
let oneClick: Deployed;

beforeAll(async () => {
	oneClick = await deployment.deploy(example('03-brazil-one-click.json'));
	// Meta sends all of an app's webhooks to one callback URL; the sandbox first checks it with the verify token (GET hub.challenge).
	await sandboxPost(instance.sandboxUrl, '/_sandbox/webhook', { url: Deployment.url(oneClick, 'One-Click confirmed'), appSecret: instance.appSecret, verifyToken: instance.verifyToken });
});
afterAll(() => deployment.teardown());

test('One-Click: payment_method webhook -> PSP charge -> order status processing with payment captured', async () => {
	const referenceId = uniqueReference('BR');
	const sent = await postJson(Deployment.url(oneClick, 'New order (Brazil)'), {
		orderId: referenceId,
		phone: '5511987654321',
		customerName: 'Bia',
		cardLastFour: '4242',
		cardCredentialId: 'card-credential-7',
		items: [{ retailer_id: 'tshirt-m', name: 'Camiseta', amount: 89.9, quantity: 1 }],
	});
	expect(sent).toMatchObject({ status: 200, body: { reference_id: referenceId } });
	await waitForOrder(instance, referenceId, 'to be a pending Brazil bill', (o) => o.market === 'brazil' && o.order_status === 'pending');

	const before = (await deployment.api.executions(oneClick.id)).length;
	await sandboxPost(instance.sandboxUrl, `/_sandbox/orders/${referenceId}/one-click`);
	const order = await waitForOrder(instance, referenceId, 'to be processing and captured', (o) => o.order_status === 'processing' && o.payment_status === 'captured');
	expect(order.channel).toBe('cloudApi');

	const [execution] = await deployment.api.waitForExecutions(oneClick.id, before + 1);
	expect(execution.status).toBe('success');
	expect(nodeOutput(execution, 'One-Click confirmed')[0]).toMatchObject({ kind: 'payment_method', referenceId, credentialId: 'card-credential-7', lastFourDigits: '4242' });
	expect(nodeOutput(execution, 'Order status: payment captured')[0]).toMatchObject({ reference_id: referenceId });
	expect(nodeOutput(execution, 'Order status: payment captured')[0].message).toMatchObject({
		interactive: { action: { parameters: { order: { status: 'processing' }, payment: { status: 'captured' } } } },
	});
});

test('a delivery signed with the wrong app secret is refused with 401', async () => {
	const before = (await deployment.api.executions(oneClick.id)).length;
	const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
	const signature = 'sha256=' + createHmac('sha256', 'not-the-app-secret').update(body).digest('hex');
	const response = await fetch(Deployment.url(oneClick, 'One-Click confirmed'), { method: 'POST', headers: { 'content-type': 'application/json', 'X-Hub-Signature-256': signature }, body });
	expect(response.status).toBe(401);
	expect((await deployment.api.executions(oneClick.id)).length).toBe(before);
});
