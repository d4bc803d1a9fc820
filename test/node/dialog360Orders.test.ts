/**
 * Orders through a 360dialog credential: the 360dialog seed rules its paths (README rule 2) and says its payments are
 * India only (payments-gateway-india-360dialog.txt, l.2). What India's pages and that seed refuse is refused before
 * any request, naming the form's field.
 */
import type { INodeParameters } from 'n8n-workflow';

import { dialog360Bill } from './dialog360Bill';
import { FAST_RETRIES, INDIA_IMPORTER, NODE, RECIPIENT, TOKEN, newReference, testbedPerFile } from './testbed';

const bed = testbedPerFile({}, { provider: 'dialog360', apiKey: TOKEN });

/** Runs the node and returns its error message (undefined when it succeeded) and the API requests it made. */
async function runCounting(parameters: INodeParameters, typeVersion = 1): Promise<{ error: string | undefined; requests: string[] }> {
	const before = (await bed.requests()).length;
	const result = await bed.run(parameters, [{}], { typeVersion });
	const requests = (await bed.requests()).slice(before).map((e) => `${e.method} ${e.path} ${e.status}`);
	return { error: result.nodes[NODE].error?.message, requests };
}

describe('Send Order Status through 360dialog (India only: an India order status has no header)', () => {
	const status = (referenceId: string, additionalFields: INodeParameters): INodeParameters => ({
		resource: 'order',
		operation: 'sendOrderStatus',
		to: RECIPIENT,
		referenceId,
		status: 'processing',
		body: 'Your order is being prepared',
		additionalFields,
		options: FAST_RETRIES,
	});

	it.each([
		['headerText', 'Header Text (Brazil)', 'Order update'],
		['headerImageUrl', 'Header Image URL (Brazil)', 'https://shop.example/box.jpg'],
	])('%s: refused before any request, naming "Additional Fields › %s"', async (name, label, value) => {
		const { error, requests } = await runCounting(status(newReference('D360S'), { [name]: value }), 2);
		expect(error).toBe(
			`Additional Fields › ${label}: is for Brazil orders only: an India order status has no header (only body, footer and the status); 360dialog payments are for India only (its Payments API documentation: Indian businesses with Indian phone numbers)`,
		);
		expect(requests).toEqual([]);
	});

	it('version 1 keeps sending the header it was given (360dialog answers for it)', async () => {
		const { requests } = await runCounting(status(newReference('D360S'), { headerText: 'Order update' }));
		expect(requests.filter((r) => r.startsWith('POST'))).toHaveLength(1);
	});

	it('without a header the status goes out', async () => {
		const referenceId = newReference('D360S');
		expect((await bed.run(dialog360Bill(referenceId))).error).toBeUndefined();
		const { error, requests } = await runCounting(status(referenceId, { footer: 'Sandbox Store' }));
		expect(error).toBeUndefined();
		expect(requests).toEqual(['POST /messages 200']);
	});
});

describe('Send Order Details through 360dialog (the seed: India only, retailer_id on every item)', () => {
	const INDIA_ONLY = '360dialog payments are for India only (its Payments API documentation: Indian businesses with Indian phone numbers)';

	it('Market Brazil: refused before any request, naming Market', async () => {
		const { error, requests } = await runCounting({
			resource: 'order',
			operation: 'sendOrderDetails',
			to: '5511987654321',
			market: 'brazil',
			referenceId: newReference('D360BR'),
			brazilPaymentMethods: { offsiteCardPay: { lastFourDigits: '5235', credentialId: '1234567' } },
			items: { item: [{ name: 'Curso', amount: 120, quantity: 1, retailerId: 'curso-1' }] },
			body: 'Seu pedido',
			options: FAST_RETRIES,
		});
		expect(error).toBe(`Input item 1: Market: must be India with a 360dialog credential: ${INDIA_ONLY}`);
		expect(requests).toEqual([]);
	});

	it('an item without a Retailer ID (no catalog): refused before any request, naming its line; with one it is sent', async () => {
		const items = (mugRetailerId?: string) => ({ item: [{ name: 'Masala Chai', amount: 120.5, quantity: 2, retailerId: 'chai-1' }, { name: 'Mug', amount: 150, quantity: 1, ...(mugRetailerId ? { retailerId: mugRetailerId } : {}) }] });
		const bill = (mugRetailerId?: string) => dialog360Bill(newReference('D360RID'), { items: items(mugRetailerId), additionalFields: {}, itemDefaults: INDIA_IMPORTER });
		const refused = await runCounting(bill());
		expect(refused.error).toBe('Input item 1: Items › line 2 › Retailer ID: is required when sending through 360dialog (its Payments API documentation marks it Required on every item)');
		expect(refused.requests).toEqual([]);

		const sent = await runCounting(bill('mug-1'));
		expect(sent.error).toBeUndefined();
		expect(sent.requests).toEqual(['POST /messages 200']);
	});
});
