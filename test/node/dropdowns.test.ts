/**
 * The bill form's dropdowns, loaded the way the editor loads them (n8n's own load-options context) with a
 * credential that holds only the token: the business account is found from the token, the sending number
 * and the template are picked from lists, and the picks reach the wire.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { INodeParameters, INodePropertyOptions } from 'n8n-workflow';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { FAST_RETRIES, NODE, TOKEN, newReference, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	// As a merchant fills the credential in: the token (and the sandbox's URL); no phone number, no account ID.
	bed = await startTestbed({}, { phoneNumberId: '', businessAccountId: '', advanced: true });
});
afterAll(async () => {
	await bed.close();
});

const SECOND_NUMBER = '100000000000002';

const bill = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'sendOrderDetails',
	to: '919876543210',
	market: 'india',
	referenceId: newReference('DD'),
	paymentMethod: 'paymentGateway',
	gateway: 'razorpay',
	paymentConfiguration: { __rl: true, mode: 'list', value: 'razorpay-sandbox' },
	itemsSource: 'define',
	items: { item: [{ name: 'Masala Chai', amount: 120.5, quantity: 2, retailerId: 'chai-1' }] },
	itemDefaults: { countryOfOrigin: 'India', importerName: 'Acme', importerAddressLine1: 'B8', importerCity: 'Delhi', importerZoneCode: 'DL', importerPostalCode: '110093', importerCountryCode: 'IN' },
	taxAmount: 12,
	body: 'Your bill',
	options: FAST_RETRIES,
	...parameters,
});

/** n8n's load-options context of the node, as the editor asks for a dropdown; `withoutCredential`: before the node has one. */
function loadOptionsContext(parameters: INodeParameters, typeVersion: number, withoutCredential: boolean): LoadOptionsContext {
	const workflow = bed.harness.createWorkflow({ nodes: [{ name: NODE, type: bed.harness.typeName('whatsAppPayments'), parameters, typeVersion }] }, {});
	const node = workflow.getNode(NODE)!;
	if (withoutCredential) delete node.credentials;
	return new LoadOptionsContext(workflow, node, bed.harness.createAdditionalData(workflow, 'internal', bed.sandbox.url), 'parameters.x');
}

/** Runs one of the node's dropdown methods in n8n's load-options context, as the editor does. */
async function dropdown(
	method: 'getPhoneNumbers' | 'getOrderDetailsTemplates' | 'getOrderStatusTemplates' | 'getPaymentLinkTemplates' | 'getCheckoutTemplates',
	parameters: INodeParameters = bill(),
	{ typeVersion = 1, withoutCredential = false } = {},
): Promise<INodePropertyOptions[]> {
	return await new WhatsAppPayments().methods.loadOptions[method].call(loadOptionsContext(parameters, typeVersion, withoutCredential));
}

describe('dropdowns loaded with the token alone', () => {
	it('Sending Phone Number: the numbers of the account the token reaches', async () => {
		const numbers = await dropdown('getPhoneNumbers');
		expect(numbers.map((n) => n.value)).toEqual(['100000000000001', SECOND_NUMBER]);
		expect(numbers[1].name).toBe('+55 11 98765-4321 · Sandbox Store Brasil');
		const paths = (await bed.requests()).map((r) => `${r.method} ${r.path}`);
		expect(paths).toEqual(expect.arrayContaining(['GET /v23.0/debug_token', 'GET /v23.0/200000000000001/phone_numbers']));
	});

	/** send-order-status-template-message.md § Creating an order status template: category UTILITY, sub_category ORDER_STATUS */
	it('Send Order Status Template: only the approved order status templates (sub-category ORDER_STATUS)', async () => {
		expect(await dropdown('getOrderStatusTemplates', { resource: 'order', operation: 'sendOrderStatusTemplate' })).toEqual([{ name: 'order_update (en_US)', value: 'order_update|en_US' }]);
	});

	it('Template: only approved templates with a Review and Pay button, name and language in one pick', async () => {
		const templates = await dropdown('getOrderDetailsTemplates', bill({ operation: 'sendOrderDetailsTemplate' }));
		expect(templates).toEqual([
			{ name: 'order_bill (en_US)', value: 'order_bill|en_US' },
			{ name: 'order_bill (hi)', value: 'order_bill|hi' },
			{ name: 'pedido_cobranca (pt_BR)', value: 'pedido_cobranca|pt_BR' },
		]);
	});

	it.each([1, 2])('360dialog (node version %s): the key stands for one number, listed without a request; the templates come from its own path', async (typeVersion) => {
		// As n8n stores a 360dialog credential made in the form: no Advanced switch, the sandbox's URL kept.
		bed.harness.setCredentials('whatsAppPaymentsApi', { provider: 'dialog360', apiKey: TOKEN, baseUrl: bed.sandbox.url, webhookSharedSecret: 'shared' });
		try {
			const before = (await bed.requests()).length;
			expect(await dropdown('getPhoneNumbers', bill(), { typeVersion })).toEqual([
				{ name: 'The Number of Your 360dialog API Key', value: '', description: 'A 360dialog API key stands for one number' },
			]);
			expect((await bed.requests()).length).toBe(before);
			expect((await dropdown('getOrderDetailsTemplates', bill({ operation: 'sendOrderDetailsTemplate' }), { typeVersion })).map((t) => t.value)).toEqual([
				'order_bill|en_US',
				'order_bill|hi',
				'pedido_cobranca|pt_BR',
			]);
			expect((await bed.requests()).slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/configs/templates']);
			// The bill goes out on 360dialog's path with the field left as the list gives it.
			const result = await bed.run(bill({ phoneNumberId: '' }), [{}], { typeVersion: 1 });
			expect(result.error).toBeUndefined();
			expect((await bed.requests()).at(-1)).toMatchObject({ method: 'POST', path: '/messages' });
		} finally {
			bed.harness.setCredentials('whatsAppPaymentsApi', { provider: 'cloudApi', accessToken: TOKEN, advanced: true, baseUrl: bed.sandbox.url });
		}
	});

	it.each(['getPhoneNumbers', 'getOrderDetailsTemplates', 'getOrderStatusTemplates', 'getPaymentLinkTemplates', 'getCheckoutTemplates'] as const)(
		'%s asked before the new node has its credential (the editor\'s first load): one entry that keeps the field empty, no error, no request',
		async (method) => {
			const before = (await bed.requests()).length;
			expect(await dropdown(method, bill(), { typeVersion: 2, withoutCredential: true })).toEqual([
				{ name: 'Loads With the Credential (Reopen the Node if This Stays)', value: '', description: 'Choose the credential above; the list is loaded with it' },
			]);
			expect((await bed.requests()).length).toBe(before);
		},
	);

	it('the payment configuration list asked before the node has its credential: the same entry, no error', async () => {
		const context = loadOptionsContext(bill(), 2, true);
		expect(await new WhatsAppPayments().methods.listSearch.searchPaymentConfigurations.call(context)).toEqual({
			results: [{ name: 'Loads With the Credential (Reopen the Node if This Stays)', value: '' }],
		});
	});
});

describe('the picks reach the wire', () => {
	it('the bill goes out from the chosen number', async () => {
		const result = await bed.run(bill({ phoneNumberId: SECOND_NUMBER }));
		expect(result.error).toBeUndefined();
		expect((await bed.requests()).at(-1)).toMatchObject({ method: 'POST', path: `/v23.0/${SECOND_NUMBER}/messages` });
	});

	it('no number chosen and none in the credential: an error naming "Sending Phone Number Name or ID", nothing sent', async () => {
		const before = (await bed.requests()).length;
		const result = await bed.run(bill());
		expect(result.nodes[NODE].error?.message).toMatch(/^Sending Phone Number Name or ID: choose the number /);
		expect((await bed.requests()).length).toBe(before);
	});

	it('the chosen template: its name and language', async () => {
		const result = await bed.run(bill({ operation: 'sendOrderDetailsTemplate', phoneNumberId: SECOND_NUMBER, template: 'order_bill|hi' }));
		expect(result.error).toBeUndefined();
		expect(result.json(NODE)[0].message).toMatchObject({ type: 'template', template: { name: 'order_bill', language: { code: 'hi' } } });
	});

	it('a template value that is not name|language: an error naming "Template Name or ID"', async () => {
		const result = await bed.run(bill({ operation: 'sendOrderDetailsTemplate', phoneNumberId: SECOND_NUMBER, template: 'order_bill' }));
		expect(result.nodes[NODE].error?.message).toMatch(/^Template Name or ID: "order_bill" is not a template from the list/);
	});
});
