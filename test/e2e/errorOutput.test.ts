/**
 * "On Error: Continue (Using Error Output)" in a real n8n: example 1 with that setting on "Send bill" and a
 * node on each output. A bad order leaves on the error output with the field and the rule it breaks, and
 * reaches no API; a good one leaves on the success output. n8n 1.x and 2.x decide differently which items
 * are errors (router.ts), so this runs on every n8n version of the suite.
 */
import { Deployment, e2eInstance, example, nodeOutput, postJson, sandboxOrder, uniqueReference, type Deployed } from './support';

const instance = e2eInstance();
const deployment = new Deployment(instance);
let billing: Deployed;

const SENT = 'Bill sent';
const NOT_SENT = 'Bill not sent';

beforeAll(async () => {
	billing = await deployment.deploy(
		example('01-bill-from-webhook-order.json', (workflow) => {
			workflow.name = `${workflow.name} (error output)`;
			const webhook = workflow.nodes.find((node) => node.name === 'New order');
			const send = workflow.nodes.find((node) => node.name === 'Send bill');
			if (!webhook || !send) throw new Error('example 1 has no "New order" or "Send bill" node');
			// Its own webhook: the other tests deploy example 1 as it is.
			webhook.parameters.path = 'whatsapp-payments/new-order-error-output';
			webhook.webhookId = '0e1e0001-e440-4000-8000-0000000000e0';
			send.onError = 'continueErrorOutput';
			for (const [index, name] of [SENT, NOT_SENT].entries()) {
				workflow.nodes.push({ name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [send.position[0] + 240, send.position[1] + index * 160], parameters: {} });
			}
			workflow.connections['Send bill'] = { main: [[{ node: SENT, type: 'main', index: 0 }], [{ node: NOT_SENT, type: 'main', index: 0 }]] };
		}),
	);
});
afterAll(() => deployment.teardown());

const order = (orderId: string, amount: unknown) => ({
	orderId,
	phone: '919876543210',
	customerName: 'Asha',
	tax: 0,
	items: [{ retailer_id: 'tea-250g', name: 'Masala tea 250 g', amount, quantity: 1 }],
});

async function run(body: unknown) {
	const before = (await deployment.api.executions(billing.id)).length;
	expect((await postJson(Deployment.url(billing, 'New order'), body)).status).toBe(200);
	const [execution] = await deployment.api.waitForExecutions(billing.id, before + 1);
	expect(execution.status).toBe('success');
	return execution;
}

test('a bad order goes to the error output naming the field and the rule, and reaches no API', async () => {
	const referenceId = uniqueReference('ERR');
	const execution = await run(order(referenceId, -5));
	expect(execution.data?.resultData.runData[SENT]).toBeUndefined();
	const failed = nodeOutput(execution, NOT_SENT);
	expect(failed).toHaveLength(1);
	const { message, details } = failed[0].error as { message: string; details: { errors: unknown[] } };
	expect(message).toMatch(/^Input item 1: Items \(JSON\) › line 1 › Amount: /);
	expect(details.errors).toEqual([expect.objectContaining({ path: '/items/0/amount', rule: expect.any(String) })]);
	// n8n adds the input item's fields: the failed order is at hand on the error branch.
	expect(failed[0].body).toMatchObject({ orderId: referenceId });
	expect(await sandboxOrder(instance, referenceId)).toBeUndefined();
});

test('a good order goes to the success output', async () => {
	const referenceId = uniqueReference('ERR');
	const execution = await run(order(referenceId, 250));
	expect(execution.data?.resultData.runData[NOT_SENT]).toBeUndefined();
	expect(nodeOutput(execution, SENT)).toEqual([expect.objectContaining({ referenceId, wamid: expect.stringMatching(/^wamid\./) })]);
	expect(await sandboxOrder(instance, referenceId)).toMatchObject({ order_status: 'pending' });
});
