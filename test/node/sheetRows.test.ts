/* eslint-disable @typescript-eslint/no-explicit-any -- test data of any shape */
/**
 * What merchants' sheets and shop exports hold, through the version 2 form in n8n's engine against the sandbox:
 * empty cells, local phone numbers without their country code, template body values from empty cells, order-level
 * columns filled on an order's first row only, and importer fields split between an item row and Item Defaults.
 * Each refusal names the form's field, and nothing reaches the API.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { checkoutOffer } from './checkoutOffer';
import { FAST_RETRIES, INDIA_IMPORTER, NODE, RECIPIENT, newReference, testbedPerFile } from './testbed';

const bed = testbedPerFile();

const V2 = { typeVersion: 2 };
const byName = (value: string) => ({ __rl: true, mode: 'name', value });

/** A version 2 India bill (the importer in Item Defaults). */
const bill = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'sendOrderDetails',
	to: RECIPIENT,
	market: 'india',
	referenceId: newReference('ROW'),
	paymentMethod: 'paymentGateway',
	paymentConfiguration: byName('razorpay-sandbox'),
	items: { item: [{ name: 'Masala Chai', amount: 120, quantity: 1, retailerId: 'chai-1' }] },
	itemDefaults: INDIA_IMPORTER,
	taxAmount: 0,
	body: 'Your bill',
	sendingLimits: FAST_RETRIES,
	...parameters,
});

/** A version 2 Brazil bill paid by Pix. */
const brazilBill = (parameters: INodeParameters = {}): INodeParameters =>
	bill({
		to: '5511987654321',
		market: 'brazil',
		brazilPaymentMethods: { pixDynamicCode: { code: '00020101021226', merchantName: 'Loja', key: 'pix@loja.com.br', keyType: 'EMAIL' } },
		items: { item: [{ name: 'Café', amount: 10, quantity: 1, retailerId: 'cafe-1' }] },
		itemDefaults: {},
		...parameters,
	});

const status = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'sendOrderStatus',
	to: RECIPIENT,
	referenceId: 'ANY-REF',
	status: 'processing',
	body: 'Update',
	sendingLimits: FAST_RETRIES,
	...parameters,
});

const messagesSent = async () => (await bed.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/messages')).length;

/** Runs the node and expects it to fail with a message starting `starts`, no message sent. */
async function refused(parameters: INodeParameters, items: IDataObject[], starts: string): Promise<void> {
	const before = await messagesSent();
	const result = await bed.run(parameters, items, V2);
	const message = result.nodes[NODE].error?.message ?? '';
	expect(message.startsWith(starts) ? starts : message).toBe(starts);
	expect(await messagesSent()).toBe(before);
}

describe('Recipient Phone Number from an empty cell', () => {
	it.each([null, ''])('%j is a missing number, not the text "null"', async (phone) => {
		await refused(bill({ to: '={{ $json.phone }}' }), [{ phone }], "Input item 1: Recipient Phone Number: is required: the customer's WhatsApp number with its country code");
	});
});

describe('a local number without its country code, where the market is known', () => {
	it.each([
		['India, 10 digits', bill({ to: '9876543210' }), 'Input item 1: Recipient Phone Number: "9876543210" has no country code: add the country code, e.g. 91 9876543210'],
		['India, 11 digits with the trunk 0', bill({ to: '09876543210' }), 'Input item 1: Recipient Phone Number: "09876543210" has no country code: add the country code in place of the leading 0, e.g. 91 9876543210'],
		['India, on the template form', bill({ operation: 'sendOrderDetailsTemplate', template: 'order_bill|en_US', to: '98765 43210' }), 'Input item 1: Recipient Phone Number: "98765 43210" has no country code'],
		['Brazil, area code and 9 digits', brazilBill({ to: '(11) 98765-4321' }), 'Input item 1: Recipient Phone Number: "(11) 98765-4321" has no country code: add the country code, e.g. 55 11987654321'],
		['a checkout button template (India only)', checkoutOffer({ to: '9876543210' }), 'Input item 1: Recipient Phone Number: "9876543210" has no country code'],
	])('%s: refused naming the field', async (_what, parameters, starts) => {
		await refused(parameters, [{}], starts);
	});

	it('with the country code, or written with "+" (a customer abroad): sent', async () => {
		const result = await bed.run(bill({ to: '={{ $json.phone }}', referenceId: '={{ $json.ref }}' }), [
			{ phone: '+91 98765 43210', ref: newReference('CC') },
			{ phone: '+65 8123 4567', ref: newReference('CC') },
		], V2);
		expect(result.error).toBeUndefined();
		expect(result.json(NODE).map((out: any) => out.message.to)).toEqual(['+91 98765 43210', '+65 8123 4567']);
	});

	it('where no market is known (an order status goes to India and Brazil), a 10-digit number is sent as before', async () => {
		const result = await bed.run(status({ to: '9876543210' }), [{}], V2);
		expect(result.nodes[NODE].error?.message ?? '').not.toMatch(/Recipient Phone Number/);
		expect((await bed.requests()).at(-1)).toMatchObject({ method: 'POST', path: expect.stringMatching(/\/messages$/) });
	});
});

describe('template body values from empty cells', () => {
	const orderTemplate = (parameter: IDataObject[]) => bill({ operation: 'sendOrderDetailsTemplate', template: 'order_bill|en_US', bodyParameters: { parameter } as INodeParameters });
	it.each([null, '', '  '])('Send Order Details Template, a %j cell: refused naming its line', async (n) => {
		await refused(orderTemplate([{ text: '={{ $json.n }}' }]), [{ n }], 'Input item 1: Body Parameters › line 1: is empty: every body placeholder needs a text');
	});

	it('Send Order Status Template: every blank line is named', async () => {
		const parameters = status({ operation: 'sendOrderStatusTemplate', template: 'order_update|en_US', bodyParameters: { parameter: [{ text: '' }, { text: 'Asha' }, { text: '={{ $json.n }}' }] } });
		await refused(parameters, [{ n: null }], 'Input item 1: Body Parameters › line 1: is empty: every body placeholder needs a text; Body Parameters › line 3: is empty');
	});

	it('Send Checkout Button Template: refused naming its line', async () => {
		await refused(checkoutOffer({ bodyParameters: { parameter: [{ text: '={{ $json.first }}' }, { text: 'Blue Elf Aloe' }] } }), [{ first: '' }], 'Input item 1: Body Parameters › line 1: is empty');
	});

	it('Continue On Fail: the row with the empty cell fails, the others are sent with their values', async () => {
		const result = await bed.run(bill({ operation: 'sendOrderDetailsTemplate', template: 'order_bill|en_US', referenceId: '={{ $json.ref }}', bodyParameters: { parameter: [{ text: '={{ $json.n }}' }] } }), [
			{ n: 'Asha', ref: newReference('TB') },
			{ n: '', ref: newReference('TB') },
		], { ...V2, continueOnFail: true });
		const [sent, failed] = result.json(NODE) as any[];
		expect(sent.message.template.components).toContainEqual({ type: 'body', parameters: [{ type: 'text', text: 'Asha' }] });
		expect(failed.error).toMatch(/^Input item 2: Body Parameters › line 1: is empty/);
	});
});

describe('Items Source "None: Total Only (Brazil)"', () => {
	it('with Market India: refused naming Items Source (Items and Tax are hidden with it)', async () => {
		await refused(bill({ itemsSource: 'none', simplifiedTotal: 100 }), [{}], 'Input item 1: Items Source: "None: Total Only (Brazil)" is for Brazil: an India bill lists its items, choose "Define Below", "JSON or Expression" or "All Input Items"');
	});

	it('with Market Brazil: the simplified bill is sent', async () => {
		const result = await bed.run(brazilBill({ itemsSource: 'none', simplifiedTotal: 100 }), [{}], V2);
		expect(result.error).toBeUndefined();
		expect((result.json(NODE)[0] as any).message.interactive.action.parameters.total_amount).toEqual({ value: 10000, offset: 100 });
	});
});

describe('"All Input Items": an order\'s columns filled on its first row only', () => {
	const orderRows = (parameters: INodeParameters = {}) =>
		bill({ itemsSource: 'inputItems', items: undefined, to: '={{ $json.phone }}', referenceId: '={{ $json.order }}', ...parameters });

	it.each(['', null])('rows after the first with %j Recipient Phone Number and Reference ID cells: one bill of every row', async (blank) => {
		const reference = newReference('SH');
		const result = await bed.run(orderRows(), [
			{ phone: RECIPIENT, order: reference, name: 'Tea', price: 120, qty: 1, sku: 'tea-1' },
			{ phone: blank, order: blank, name: 'Mug', price: 200, qty: 1, sku: 'mug-1' },
			{ name: 'Jam', price: 80, qty: 2, sku: 'jam-1' },
		], V2);
		expect(result.error).toBeUndefined();
		const [out] = result.json(NODE) as any[];
		expect(out.message.to).toBe(RECIPIENT);
		const parameters = out.message.interactive.action.parameters;
		expect(parameters.reference_id).toBe(reference);
		expect(parameters.order.items.map((item: any) => item.name)).toEqual(['Tea', 'Mug', 'Jam']);
	});

	it('a row that gives another value is still refused, with advice for both cases', async () => {
		await refused(orderRows(), [
			{ phone: RECIPIENT, order: 'SH-1', name: 'Tea', price: 120, qty: 1, sku: 'tea-1' },
			{ phone: '', order: '', name: 'Mug', price: 200, qty: 1, sku: 'mug-1' },
			{ phone: '919812345678', order: 'SH-2', name: 'Jam', price: 80, qty: 1, sku: 'jam-1' },
		], 'Recipient Phone Number: input item 3 gives "919812345678" but input item 1 gives "919876543210": "All Input Items" makes one bill for one customer from the rows of one order: give the node one order\'s rows per run (on its rows after the first, leave the cell empty or repeat the first row\'s value)');
	});

	it('a checkout carousel whose recipient is on the first row only: one message', async () => {
		const rows = [
			{ phone: RECIPIENT, ref: newReference('CO'), name: 'Blue Elf Aloe' },
			{ phone: '', ref: newReference('CO'), name: 'Snake Plant' },
		];
		const result = await bed.run(checkoutOffer({ products: 'carousel', template: 'plants_back_in_stock_carousel|en_US', bodyParameters: { parameter: [{ text: 'Nidhi' }] }, to: '={{ $json.phone }}', referenceId: '={{ $json.ref }}', productName: '={{ $json.name }}' }), rows, V2);
		expect(result.error).toBeUndefined();
		const [out] = result.json(NODE) as any[];
		expect(out.message.to).toBe(RECIPIENT);
		expect(out.referenceIds).toEqual(rows.map((row) => row.ref));
	});
});
