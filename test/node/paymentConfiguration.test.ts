/** Payment Configuration operations and the configuration dropdown, against the sandbox's WABA. */
import { LoadOptionsContext } from 'n8n-core';
import type { INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { FAST_RETRIES, NODE, RECIPIENT, cloudCredentials, newReference, orderPerInputItem, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

const operation = (name: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'paymentConfiguration',
	operation: name,
	options: FAST_RETRIES,
	...parameters,
});
const byName = (value: string) => ({ __rl: true, mode: 'name', value });

/** Calls the node's dropdown method in n8n's own load-options context, as the editor does. */
async function dropdown(filter?: string) {
	const nodeType = new WhatsAppPayments();
	const spec = { nodes: [{ name: NODE, type: bed.harness.typeName('whatsAppPayments'), parameters: operation('get') }] };
	const workflow = bed.harness.createWorkflow(spec, {});
	const context = new LoadOptionsContext(workflow, workflow.getNode(NODE)!, bed.harness.createAdditionalData(workflow, 'internal', bed.sandbox.url), 'parameters.paymentConfiguration');
	return await nodeType.methods.listSearch.searchPaymentConfigurations.call(context, filter);
}

describe('Payment Configuration', () => {
	beforeEach(async () => {
		await bed.control('POST', '/_sandbox/reset');
	});

	it('Get Many: one item per configuration, with its status; Limit cuts the list', async () => {
		const all = (await bed.run(operation('getAll'))).json(NODE);
		expect(all.map((c) => c.configuration_name)).toEqual(expect.arrayContaining(['razorpay-sandbox', 'payu-sandbox', 'upi-sandbox']));
		// The list is nested (data[].payment_configurations[]); each configuration is one item, as listed.
		expect(all.find((c) => c.configuration_name === 'upi-sandbox')).toMatchObject({
			provider_name: 'upi_vpa',
			status: 'Active',
			merchant_vpa: 'sandbox@upi',
			merchant_category_code: { code: '0000', description: 'Test MCC Code' },
		});
		expect((await bed.run(operation('getAll', { returnAll: false, limit: 2 }))).json(NODE)).toHaveLength(2);
	});

	it('Get: one configuration; an unknown name fails', async () => {
		expect((await bed.run(operation('get', { paymentConfiguration: byName('razorpay-sandbox') }))).json(NODE)).toEqual([
			expect.objectContaining({ configuration_name: 'razorpay-sandbox', provider_name: 'razorpay', status: 'Active' }),
		]);
		expect((await bed.run(operation('get', { paymentConfiguration: byName('nope') }))).status).toBe('error');
	});

	it('Create returns the OAuth URL; Regenerate OAuth Link gives a new one; Delete removes it', async () => {
		const created = await bed.run(
			operation('create', {
				configurationName: 'payu-new',
				providerName: 'payu',
				redirectUrl: 'https://example.com/connected',
				additionalFields: { merchantCategoryCode: '5411', purposeCode: '00' },
			}),
		);
		expect(created.error).toBeUndefined();
		expect(created.json(NODE)[0]).toMatchObject({ configuration_name: 'payu-new', oauth_url: expect.stringMatching(/^https?:\/\//), success: true });
		const [listed] = (await bed.run(operation('get', { paymentConfiguration: byName('payu-new') }))).json(NODE);
		expect(listed).toMatchObject({ provider_name: 'payu', status: 'Needs_Connecting', merchant_category_code: { code: '5411' }, purpose_code: { code: '00' } });

		const regenerated = await bed.run(operation('regenerateOAuthLink', { paymentConfiguration: byName('payu-new'), redirectUrl: 'https://example.com/again' }));
		expect(regenerated.json(NODE)[0]).toMatchObject({ configuration_name: 'payu-new', oauth_url: expect.any(String) });

		const deleted = await bed.run(operation('delete', { paymentConfiguration: byName('payu-new') }));
		expect(deleted.json(NODE)[0]).toMatchObject({ configuration_name: 'payu-new', success: true });
		expect((await bed.run(operation('get', { paymentConfiguration: byName('payu-new') }))).status).toBe('error');
	});

	it('Create: a node saved with the former Provider Merchant ID still creates, without sending provider_mid (n8n drops the parameter)', async () => {
		const saved = operation('create', { configurationName: 'rzp-old-form', providerName: 'razorpay', additionalFields: { providerMid: 'MID-1', merchantCategoryCode: '5411' } });
		// n8n resolves a node's parameters against the form (editor and runtime): a collection keeps only the options it has.
		const type = new WhatsAppPayments();
		const node = { id: 'n', name: NODE, type: 'whatsAppPayments', typeVersion: 2, position: [0, 0] as [number, number], parameters: saved };
		expect(NodeHelpers.getNodeParameters(type.description.properties, saved, false, false, node, type.description)?.additionalFields).toEqual({ merchantCategoryCode: '5411' });
		const created = await bed.run(saved);
		// The sandbox refuses provider_mid with code 100, so success means it was not sent.
		expect(created.error).toBeUndefined();
		expect(created.json(NODE)[0]).toMatchObject({ configuration_name: 'rzp-old-form', success: true });
		const [listed] = (await bed.run(operation('get', { paymentConfiguration: byName('rzp-old-form') }))).json(NODE);
		expect(listed).not.toHaveProperty('provider_mid');
	});

	it('Create: a UPI VPA configuration needs only its name and VPA, and answers {success: true} without an OAuth link', async () => {
		const created = await bed.run(operation('create', { configurationName: 'shop-upi', providerName: 'upi_vpa', merchantVpa: 'shop@okbank', redirectUrl: 'https://ignored.example' }));
		expect(created.json(NODE)[0]).toEqual({ configuration_name: 'shop-upi', success: true });
		const sent = (await bed.requests()).filter((e) => e.method === 'POST').pop();
		expect(sent?.path).toMatch(/\/payment_configuration$/);
		const [listed] = (await bed.run(operation('get', { paymentConfiguration: byName('shop-upi') }))).json(NODE);
		expect(listed).toMatchObject({ provider_name: 'upi_vpa', merchant_vpa: 'shop@okbank' });
		expect(listed).not.toHaveProperty('redirect_url');
	});

	it('Create refuses an empty name or a malformed code before any request, naming the field', async () => {
		const before = (await bed.requests()).length;
		const empty = await bed.run(operation('create', { configurationName: '={{ "" }}', providerName: 'payu' }));
		expect(empty.nodes[NODE].error?.message).toBe('Configuration Name: is required');
		const badCode = await bed.run(operation('create', { configurationName: 'x', providerName: 'payu', additionalFields: { merchantCategoryCode: '12' } }));
		expect(badCode.nodes[NODE].error?.message).toBe('Input item 1: Additional Fields › Merchant Category Code: must be 4 digits');
		const both = await bed.run(operation('create', { configurationName: 'x', providerName: 'payu', additionalFields: { merchantCategoryCode: '12', purposeCode: '1' } }));
		expect(both.nodes[NODE].error?.message).toBe('Input item 1: Additional Fields › Merchant Category Code: must be 4 digits; Additional Fields › Purpose Code: must be 2 digits');
		expect((await bed.requests()).length).toBe(before);
	});

	it('the dropdown lists each configuration with its gateway and status, and filters by name', async () => {
		await bed.control('POST', '/_sandbox/configurations/payu-sandbox/status', { status: 'Needs Connecting' });
		const { results } = await dropdown();
		expect(results).toEqual(
			expect.arrayContaining([
				{ name: 'razorpay-sandbox (Razorpay, Active)', value: 'razorpay-sandbox' },
				{ name: 'upi-sandbox (UPI VPA, Active)', value: 'upi-sandbox' },
				// The list spells the status Needs_Connecting; the dropdown shows it in words.
				{ name: 'payu-sandbox (PayU, Needs Connecting)', value: 'payu-sandbox' },
			]),
		);
		expect((await dropdown('PAYU')).results.map((r) => r.value)).toEqual(['payu-sandbox']);
	});

	it('Terms of Service not accepted: the configuration endpoints answer 131005 (onboarding-apis § Errors), order messages 134011; both hint at accepting them', async () => {
		await bed.control('POST', '/_sandbox/terms', { accepted: false });
		const listed = await bed.run(operation('getAll'));
		expect(listed.nodes[NODE].error?.message).toMatch(/\(#131005\)/);
		expect(listed.nodes[NODE].error?.description).toMatch(/Terms of Service.*the link in the error's details \(error_data\.details\): https:\/\/fb\.me\/12345,/);
		const sent = await bed.run(orderPerInputItem({ maxRequestsPerSecond: 0 }), [{ ref: newReference('TOS'), to: RECIPIENT }]);
		expect(sent.nodes[NODE].error?.message).toMatch(/\(#134011\)/);
		await bed.control('POST', '/_sandbox/terms', { accepted: true });
		expect((await bed.run(operation('getAll'))).error).toBeUndefined();
	});

	it('360dialog: no configuration API; the dropdown does not fail, its one entry says to type the name', async () => {
		bed.harness.setCredentials('whatsAppPaymentsApi', { provider: 'dialog360', apiKey: 'k', baseUrl: bed.sandbox.url });
		try {
			expect(await dropdown()).toEqual({ results: [{ name: expect.stringMatching(/Choose "By Name" and Type the Configuration Name/), value: '' }] });
			const result = await bed.run(operation('getAll'));
			expect(result.nodes[NODE].error?.message).toMatch(/only be managed through the Meta Cloud API/);
		} finally {
			bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url));
		}
	});
});
