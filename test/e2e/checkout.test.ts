/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * The checkout endpoint in a real n8n: the key pair goes into a "WhatsApp Checkout Endpoint" credential, a setup
 * workflow uploads its public key and links the trigger's URL to the payment configuration (our node, against the
 * sandbox), then the sandbox plays the buyer's WhatsApp on a checkout template order: ping, get_coupons,
 * apply_coupon, remove_coupon, apply_shipping against example 6. Every answer must decrypt, validate and re-price as
 * expected; tampered or unsigned requests are refused and start no execution.
 */
import { SANDBOX_PHONE_NUMBER_ID, SANDBOX_TOKEN, type CredentialRef } from '../../scripts/n8n-api';
import type { WorkflowFile } from '../../scripts/workflows';
import { businessKeyPair, PASSPHRASE } from '../fixtures/checkout';
import { BUYER_ADDRESS, CHECKOUT_CONFIGURATION, checkoutTemplateMessage } from '../fixtures/checkoutOrder';
import { Deployment, e2eInstance, example, nodeOutput, postJson, sandboxPost, uniqueReference, waitFor, type Deployed } from './support';

const instance = e2eInstance();
const deployment = new Deployment(instance);
const CHECKOUT_CREDENTIAL = 'WhatsApp Checkout Endpoint (sandbox)';
const CONFIGURATION = CHECKOUT_CONFIGURATION;
const ADDRESS = BUYER_ADDRESS;
let credential: CredentialRef;
let endpoint: Deployed;
let endpointUrl: string;

interface Exchange {
	status: number | null;
	answer?: { sub_action?: string; data?: Record<string, unknown>; error_msg?: string };
	valid?: boolean;
	errors?: unknown[];
	error?: string;
	order_details: { total_amount: { value: number }; coupon?: { code: string; discount?: { value: number } }; order: { shipping?: { value: number } }; shipping_info?: Record<string, unknown> };
}

async function sendTemplate(item: string): Promise<string> {
	const referenceId = uniqueReference('CO');
	const response = await fetch(`${instance.sandboxUrl}/v23.0/${SANDBOX_PHONE_NUMBER_ID}/messages`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${SANDBOX_TOKEN}` },
		body: JSON.stringify(checkoutTemplateMessage(referenceId, item)),
	});
	expect(response.status).toBe(200);
	return referenceId;
}

/**
 * The example's own offer: the shop posts a product back in stock, "Send the offer" sends the checkout button template
 * (our node, in n8n) with the order of the page's samples; the answer is the node's output item.
 */
async function offerThroughExample(item: string): Promise<{ referenceId: string; wamid: string; message: Record<string, unknown> }> {
	const referenceId = uniqueReference('CO');
	const answer = await postJson(Deployment.url(endpoint, 'Product back in stock'), {
		phone: BUYER_ADDRESS.phone_number,
		customerName: 'Nidhi',
		referenceId,
		name: item,
		image: 'https://shop.example/aloe.jpg',
		price: '2000',
		salePrice: '1500',
		tax: '100',
		shipping: '200',
		discount: '150',
	});
	expect(answer.status).toBe(200);
	return answer.body as { referenceId: string; wamid: string; message: Record<string, unknown> };
}

/** The buyer acts on the checkout (the sandbox sends the encrypted request and checks the answer). */
const act = (referenceId: string, body: Record<string, unknown>) => sandboxPost<Exchange>(instance.sandboxUrl, `/_sandbox/checkout/${referenceId}`, body);

/** A workflow that answers with our node's set-up operations, started by a webhook that answers the last node's item. */
function setupWorkflow(): WorkflowFile {
	const cloudApi = { whatsAppPaymentsApi: { id: '', name: 'WhatsApp Payments (Cloud API)' } };
	const checkout = { whatsAppCheckoutEndpointApi: { id: '', name: CHECKOUT_CREDENTIAL } };
	return {
		name: 'Checkout endpoint set-up (e2e)',
		nodes: [
			{ name: 'Set up', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: 'c0c0a5e7-0000-4000-8000-00000000e2e1', parameters: { httpMethod: 'POST', path: 'checkout-setup-e2e', responseMode: 'lastNode', options: {} } },
			{
				name: 'Upload key',
				type: 'n8n-nodes-whatsapp-payments.whatsAppPayments',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'checkout', operation: 'setBusinessPublicKey', phoneNumberId: SANDBOX_PHONE_NUMBER_ID },
				credentials: { ...cloudApi, ...checkout },
			},
			{
				name: 'Get key',
				type: 'n8n-nodes-whatsapp-payments.whatsAppPayments',
				typeVersion: 1,
				position: [440, 0],
				parameters: { resource: 'checkout', operation: 'getBusinessPublicKey', phoneNumberId: SANDBOX_PHONE_NUMBER_ID },
				credentials: cloudApi,
			},
			{
				name: 'Link endpoint',
				type: 'n8n-nodes-whatsapp-payments.whatsAppPayments',
				typeVersion: 1,
				position: [660, 0],
				parameters: {
					resource: 'paymentConfiguration',
					operation: 'linkDataEndpoint',
					paymentConfiguration: { __rl: true, mode: 'name', value: CONFIGURATION },
					dataEndpointUrl: "={{ $('Set up').first().json.body.url }}",
				},
				credentials: cloudApi,
			},
		],
		connections: {
			'Set up': { main: [[{ node: 'Upload key', type: 'main', index: 0 }]] },
			'Upload key': { main: [[{ node: 'Get key', type: 'main', index: 0 }]] },
			'Get key': { main: [[{ node: 'Link endpoint', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

const executionsOf = async (deployed: Deployed) => (await deployment.api.executions(deployed.id)).length;

/**
 * The workflow's execution count once the earlier tests' executions are all saved: n8n answers a checkout request
 * from its Respond node before the execution ends, so the last one may still be on its way into the list.
 */
const settledExecutionsOf = (deployed: Deployed) =>
	waitFor(`the executions of workflow ${deployed.id} to settle`, 30000, async () => {
		const first = await deployment.api.executions(deployed.id);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const second = await deployment.api.executions(deployed.id);
		const unfinished = second.some((e) => ['new', 'running', 'waiting'].includes(e.status));
		return !unfinished && first.length === second.length ? second.length : undefined;
	});

beforeAll(async () => {
	const { privateKey } = businessKeyPair();
	credential = await deployment.api.createCredential(CHECKOUT_CREDENTIAL, 'whatsAppCheckoutEndpointApi', { privateKey, passphrase: PASSPHRASE, appSecret: instance.appSecret });
	instance.credentials[CHECKOUT_CREDENTIAL] = credential;
	endpoint = await deployment.deploy(example('06-checkout-endpoint.json'));
	endpointUrl = Deployment.url(endpoint, 'WhatsApp Checkout Endpoint');
});
afterAll(() => deployment.teardown());

// The tests below need this set-up: it runs first.
test('the set-up workflow uploads the credential\'s public key and links the trigger\'s URL to the payment configuration', async () => {
	const setup = await deployment.deploy(setupWorkflow());
	const linked = await postJson(Deployment.url(setup, 'Set up'), { url: endpointUrl });
	expect(linked).toMatchObject({ status: 200, body: { configuration_name: CONFIGURATION, data_endpoint_url: endpointUrl, success: true } });
	const [execution] = await deployment.api.waitForExecutions(setup.id, 1);
	expect(nodeOutput(execution, 'Upload key')[0]).toMatchObject({ success: true, phoneNumberId: SANDBOX_PHONE_NUMBER_ID });
	expect(nodeOutput(execution, 'Get key')[0]).toMatchObject({ signatureStatus: 'VALID' });
	expect(JSON.stringify(execution)).not.toContain(PASSPHRASE);
	expect(JSON.stringify(execution)).not.toContain('PRIVATE KEY');
});

test('the credential test loads the key with its passphrase', async () => {
	expect(await deployment.api.testCredential(credential.id)).toMatchObject({ status: 'OK' });
});

test('ping is answered by the trigger itself, encrypted, without an execution', async () => {
	const referenceId = await sendTemplate('Blue Elf Aloe');
	const before = await settledExecutionsOf(endpoint);
	const result = await act(referenceId, { sub_action: 'ping' });
	expect(result).toMatchObject({ status: 200, answer: { data: { status: 'active' } } });
	expect(await executionsOf(endpoint)).toBe(before);
});

test('the example sends the checkout button template; the buyer opens it: get_coupons, apply_coupon, remove_coupon, apply_shipping, each decrypted, valid and re-priced', async () => {
	const before = await settledExecutionsOf(endpoint);
	const offer = await offerThroughExample('Blue Elf Aloe');
	expect(offer.wamid).toMatch(/^wamid\./);
	expect(offer.message.template).toMatchObject({ name: 'item_back_in_stock_v1', components: [{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://shop.example/aloe.jpg' } }] }, { type: 'body' }, { type: 'button', sub_type: 'order_details', index: 0 }] });
	const referenceId = offer.referenceId;
	// The order WhatsApp shows the buyer is the one sent (₹1,650), without its payment settings.
	const opened = (await (await fetch(`${instance.sandboxUrl}/_sandbox/checkout/${referenceId}`)).json()) as { order_details: Exchange['order_details'] & { payment_settings?: unknown } };
	expect(opened.order_details.total_amount.value).toBe(165000);
	expect(opened.order_details.payment_settings).toBeUndefined();

	const coupons = await act(referenceId, { sub_action: 'get_coupons' });
	expect(coupons).toMatchObject({ status: 200, valid: true, errors: [] });
	// ₹1,500 of goods: WELCOME10 and FLAT50 (from ₹500) apply, BIG200 (from ₹5,000) does not.
	expect((coupons.answer?.data?.coupons as Array<{ code: string }>).map((c) => c.code)).toEqual(['WELCOME10', 'FLAT50']);

	const applied = await act(referenceId, { sub_action: 'apply_coupon', coupon: 'WELCOME10' });
	expect(applied).toMatchObject({ status: 200, valid: true, answer: { sub_action: 'apply_coupon' } });
	// 10 % of ₹1,500: total 1500 + 200 shipping + 100 tax - 150 discount - 150 coupon.
	expect(applied.order_details.coupon).toEqual({ code: 'WELCOME10', discount: { value: 15000, offset: 100 } });
	expect(applied.order_details.total_amount.value).toBe(150000);

	const removed = await act(referenceId, { sub_action: 'remove_coupon' });
	expect(removed).toMatchObject({ status: 200, valid: true });
	expect(removed.order_details.coupon).toBeUndefined();
	expect(removed.order_details.total_amount.value).toBe(165000);

	const shipped = await act(referenceId, { sub_action: 'apply_shipping', selected_address: ADDRESS });
	expect(shipped).toMatchObject({ status: 200, valid: true });
	// Free shipping from ₹1,000 of goods: 1500 + 0 + 100 - 150.
	expect(shipped.order_details.order.shipping?.value).toBe(0);
	expect(shipped.order_details.total_amount.value).toBe(145000);
	expect(shipped.order_details.shipping_info).toMatchObject({ selected_address: ADDRESS });

	// The offer's execution and one per sub-action.
	const executions = await deployment.api.waitForExecutions(endpoint.id, before + 5);
	expect(executions.slice(0, 5).map((e) => e.status)).toEqual(['success', 'success', 'success', 'success', 'success']);
	const text = JSON.stringify(executions.slice(0, 5));
	expect(text).not.toContain(PASSPHRASE);
	expect(text).not.toContain('PRIVATE KEY');
});

test('refusals reach the buyer as an encrypted message: an unknown coupon, an item out of stock', async () => {
	const referenceId = await sendTemplate('Snake Plant');
	const bogus = await act(referenceId, { sub_action: 'apply_coupon', coupon: 'BOGUS' });
	expect(bogus).toMatchObject({ status: 427, answer: { error_msg: 'Sorry, BOGUS is not a valid coupon for this order' } });
	const outOfStock = await act(referenceId, { sub_action: 'apply_shipping', selected_address: ADDRESS });
	expect(outOfStock).toMatchObject({ status: 427, answer: { error_msg: 'Sorry, Snake Plant is out of stock' } });
	// The order is unchanged by a refusal.
	expect(outOfStock.order_details.total_amount.value).toBe(165000);
});

test('a tampered request gets 421 and an unsigned one 432, and neither starts an execution', async () => {
	const referenceId = await sendTemplate('Blue Elf Aloe');
	const before = await settledExecutionsOf(endpoint);
	expect(await act(referenceId, { sub_action: 'get_coupons', tamper: 'payload' })).toMatchObject({ status: 421 });
	expect(await act(referenceId, { sub_action: 'get_coupons', tamper: 'signature' })).toMatchObject({ status: 432 });
	// The endpoint keeps its credential between requests: the forgeries leave it answering the next valid request.
	expect(await act(referenceId, { sub_action: 'ping' })).toMatchObject({ status: 200, answer: { data: { status: 'active' } } });
	await new Promise((resolve) => setTimeout(resolve, 1000));
	expect(await executionsOf(endpoint)).toBe(before);
});

test('an answer that breaks the order rules gets HTTP 500 at once, and the execution fails naming the field', async () => {
	const broken = example('06-checkout-endpoint.json', (workflow) => {
		workflow.name = 'Checkout endpoint answering a wrong total (e2e)';
		// Only the endpoint: the offer's webhook path belongs to example 6.
		workflow.nodes = workflow.nodes.filter((n) => n.name !== 'Product back in stock' && n.name !== 'Send the offer');
		delete workflow.connections['Product back in stock'];
		const trigger = workflow.nodes.find((n) => n.name === 'WhatsApp Checkout Endpoint');
		if (trigger) trigger.webhookId = 'c0c0a5e7-0000-4000-8000-00000000e2e2';
		const coupons = workflow.nodes.find((n) => n.name === 'Remove the coupon');
		if (coupons) coupons.parameters.orderDetails = '={{ { ...$(\'WhatsApp Checkout Endpoint\').first().json.orderDetails, reference_id: "someone-else" } }}';
	});
	const deployed = await deployment.deploy(broken);
	const referenceId = await sendTemplate('Blue Elf Aloe');
	await fetch(`${instance.sandboxUrl}/v23.0/200000000000001/payment_configuration/${CONFIGURATION}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${SANDBOX_TOKEN}` },
		body: JSON.stringify({ data_endpoint_url: Deployment.url(deployed, 'WhatsApp Checkout Endpoint') }),
	});
	try {
		expect(await act(referenceId, { sub_action: 'remove_coupon' })).toMatchObject({ status: 500 });
		const [execution] = await deployment.api.waitForExecutions(deployed.id, 1);
		expect(execution.status).toBe('error');
		expect(JSON.stringify(execution.data?.resultData.error)).toContain('reference_id');
	} finally {
		await fetch(`${instance.sandboxUrl}/v23.0/200000000000001/payment_configuration/${CONFIGURATION}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${SANDBOX_TOKEN}` },
			body: JSON.stringify({ data_endpoint_url: endpointUrl }),
		});
	}
});
