/* eslint-disable @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * What the version-2 forms offer and say (forms review 20), checked against what the node does: fields that could
 * only be refused are not offered for the choices made, a field a workflow still carries there is refused by name
 * rather than dropped, and the descriptions state the rules the node and its core keep (runs against the sandbox).
 */
import type { IDataObject, INodeParameters, INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { WhatsAppPaymentsTrigger } from '../../nodes/WhatsAppPaymentsTrigger/WhatsAppPaymentsTrigger.node';
import { throughProxy } from './lossyProxy';
import { FAST_RETRIES, INDIA_IMPORTER, NODE, newReference, testbedPerFile } from './testbed';

const bed = testbedPerFile();

const description = new WhatsAppPayments().description;
const V2 = { typeVersion: 2 };

/** The parameters n8n reads for these values (defaults filled in). */
const read = (values: INodeParameters, type = description): INodeParameters =>
	NodeHelpers.getNodeParameters(type.properties, values, true, false, V2, type) as INodeParameters;

/** The properties the form shows for these values, in order. */
const visible = (values: INodeParameters, type = description): INodeProperties[] => type.properties.filter((p) => NodeHelpers.displayParameter(read(values, type), p, V2, type));

/** The names the form shows: top-level properties, and "collection.option" for a collection's options. */
function shown(values: INodeParameters): string[] {
	const parameters = read(values);
	return visible(values).flatMap((p) => [
		p.name,
		...(p.type === 'collection' ? (p.options as INodeProperties[]).filter((o) => NodeHelpers.displayParameter(parameters, o, V2, description, parameters)).map((o) => `${p.name}.${o.name}`) : []),
	]);
}

/** The property `name` as the form shows it for these values (a collection's option as "collection.option"). */
function field(values: INodeParameters, name: string, type = description): INodeProperties {
	const [top, option] = name.split('.');
	const property = visible(values, type).find((p) => p.name === top);
	const found = option === undefined ? property : (property?.options as INodeProperties[] | undefined)?.find((o) => o.name === option);
	if (!found) throw new Error(`the form does not show ${name}`);
	return found;
}

/** A row field of a fixed collection ("items", "item", "retailerId"). */
const rowField = (property: INodeProperties, row: string, name: string): INodeProperties =>
	((property.options as INodePropertyCollection[]).find((o) => o.name === row)?.values ?? []).find((v) => v.name === name) as INodeProperties;

const orderDetails = { resource: 'order', operation: 'sendOrderDetails' };
const orderTemplate = { resource: 'order', operation: 'sendOrderDetailsTemplate' };
const checkout = { resource: 'checkout', operation: 'sendCheckoutTemplate' };
const simplified = { market: 'brazil', itemsSource: 'none' };

/** A Brazil bill without items (Items Source "None: Total Only"): R$100 by payment link. */
const simplifiedBill = (parameters: INodeParameters = {}): INodeParameters => ({
	...orderDetails,
	to: '5511987654321',
	referenceId: newReference('SIMP'),
	...simplified,
	simplifiedTotal: 100,
	brazilPaymentMethods: { paymentLink: { uri: 'https://pagar.example.com.br/1' } },
	body: 'Sua conta',
	sendingLimits: FAST_RETRIES,
	...parameters,
});

/** An India payment gateway bill of one Rs 250 item. */
const indiaBill = (parameters: INodeParameters = {}): INodeParameters => ({
	...orderDetails,
	to: '919876543210',
	market: 'india',
	referenceId: newReference('WORD'),
	paymentMethod: 'paymentGateway',
	paymentConfiguration: { __rl: true, mode: 'name', value: 'razorpay-sandbox' },
	items: { item: [{ name: 'Notebook', amount: 250, quantity: 1, retailerId: 'nb-1', ...INDIA_IMPORTER }] },
	body: 'Your bill',
	sendingLimits: FAST_RETRIES,
	...parameters,
});

const messagesSent = async () => (await bed.requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/messages')).length;

/** Runs `parameters` on `items` and expects the item refused with `message`, nothing sent. */
async function refused(parameters: INodeParameters, message: string, items: IDataObject[] = [{}]): Promise<void> {
	const before = await messagesSent();
	expect((await bed.run(parameters, items, V2)).nodes[NODE].error?.message).toBe(message);
	expect(await messagesSent()).toBe(before);
}

/** The fields of the order object: Brazil's simplified bill has none. */
const ORDER_OBJECT_FIELDS = ['catalogId', 'discountDescription', 'discountAmount', 'discountProgramName', 'expirationDescription', 'expiresAt', 'expiresInMinutes', 'shippingDescription', 'shippingAmount', 'subtotal', 'taxDescription', 'total'].map(
	(name) => `additionalFields.${name}`,
);

describe('Brazil\'s simplified bill (Items Source "None: Total Only") (#1)', () => {
	it.each([orderDetails, orderTemplate])('%o offers none of the order object\'s Additional Fields without items, all of them with items', (operation) => {
		expect(shown({ ...operation, ...simplified }).filter((name) => ORDER_OBJECT_FIELDS.includes(name))).toEqual([]);
		expect(shown({ ...operation, market: 'brazil', additionalFields: {} })).toEqual(expect.arrayContaining(ORDER_OBJECT_FIELDS));
		expect(shown({ ...operation, market: 'india' })).toEqual(expect.arrayContaining([...ORDER_OBJECT_FIELDS, 'additionalFields.quickPay']));
	});

	// brazil-orders.md § Simplified order details message: "do not support an image header" (the interactive message's).
	it('Send Order Details offers no Header Image URL without items', () => {
		expect(shown({ ...orderDetails, ...simplified })).not.toContain('additionalFields.headerImageUrl');
		expect(shown({ ...orderDetails, market: 'brazil', additionalFields: {} })).toContain('additionalFields.headerImageUrl');
	});

	// With Items Source chosen on the form, n8n drops the hidden fields' values before the node runs (its Workflow
	// reads a node's parameters through getNodeParameters); from an expression they reach the node.
	const mappedSource = { itemsSource: '={{ $json.source }}' };
	const fromSheet = [{ source: 'none' }];

	it('a Total (Check) that reaches it is refused by name, not dropped: the simplified bill has nothing to check it against', async () => {
		await refused(
			simplifiedBill({ ...mappedSource, additionalFields: { total: 999 } }),
			'Input item 1: Additional Fields › Total (Check): needs items: without items the order is sent in its simplified form, whose total is Total',
			fromSheet,
		);
	});

	it('so is a Tax Description (the core refuses the tax of a bill without an order object)', async () => {
		await refused(
			simplifiedBill({ ...mappedSource, additionalFields: { taxDescription: 'ICMS incluso' } }),
			'Input item 1: Additional Fields › Tax Description: needs items: without items the order is sent in its simplified form, which has no order object',
			fromSheet,
		);
	});

	it.each([
		['Catalog ID', { catalogId: '1234567890123456' }],
		['Discount', { discountAmount: 5 }],
		['Shipping', { shippingAmount: 5 }],
		['Subtotal (Check)', { subtotal: 100 }],
		['Expires At', { expiresInMinutes: 60, expirationDescription: 'Pague em até 1 hora' }],
	])('and so is every other field of the order object, named as the form names it: %s', async (label, additionalFields) => {
		await refused(
			simplifiedBill({ ...mappedSource, additionalFields }),
			`Input item 1: Additional Fields › ${label}: needs items: without items the order is sent in its simplified form, which has no order object`,
			fromSheet,
		);
	});

	it('with Items Source chosen on the form, n8n drops them before the node runs: the bill goes out with its Total', async () => {
		const result = await bed.run(simplifiedBill({ additionalFields: { total: 999, taxDescription: 'ICMS incluso', discountAmount: 5, headerImageUrl: 'https://loja.example/p.jpg' } }), [{}], V2);
		expect(result.error).toBeUndefined();
		expect((result.json(NODE)[0].message as any).interactive.action.parameters).not.toHaveProperty('order');
		expect((result.json(NODE)[0].message as any).interactive.action.parameters.total_amount).toEqual({ value: 10000, offset: 100 });
	});

	it('and a Header Image URL is named as the form names it (#12)', async () => {
		await refused(
			simplifiedBill({ ...mappedSource, additionalFields: { headerImageUrl: 'https://loja.example/p.jpg' } }),
			'Input item 1: Additional Fields › Header Image URL: is not supported without an order object (simplified order_details)',
			fromSheet,
		);
	});

	it('without them the bill is sent with its Total', async () => {
		const result = await bed.run(simplifiedBill(), [{}], V2);
		expect(result.error).toBeUndefined();
		expect((result.json(NODE)[0].message as any).interactive.action.parameters.total_amount).toEqual({ value: 10000, offset: 100 });
	});
});

describe('shipping addresses of an order details template (#2, #12)', () => {
	const shipping = ['additionalFields.sendShippingInfo', 'additionalFields.shippingAddresses'];

	it('are offered for India\'s physical goods only, as the checkout form offers Buyer Addresses', () => {
		expect(shown({ ...orderTemplate, goodsType: 'physical-goods' })).toEqual(expect.arrayContaining(shipping));
		expect(shown(orderTemplate).filter((name) => shipping.includes(name))).toEqual([]);
		expect(shown({ ...orderTemplate, market: 'brazil', goodsType: 'physical-goods' }).filter((name) => shipping.includes(name))).toEqual([]);
	});

	const template = (additionalFields: INodeParameters) => indiaBill({ ...orderTemplate, templateName: 'checkout_button', languageCode: 'en_US', additionalFields });
	const address = { name: 'Nidhi Tripathi', phoneNumber: '919000090000', address: 'Bandra Kurla Complex', city: 'Mumbai', state: 'Maharashtra', inPinCode: '400051' };

	it('a digital goods bill that still carries them (Goods Type from an expression) is refused naming the form\'s field', async () => {
		await refused({ ...template({ sendShippingInfo: true }), goodsType: '={{ "digital-goods" }}' }, 'Input item 1: Additional Fields › Shipping Addresses (Checkout Button): is for physical-goods orders only');
	});

	it('an address\'s own field keeps its line', async () => {
		await refused(
			{ ...template({ shippingAddresses: { address: [address, { ...address, inPinCode: '4000511' }] } }), goodsType: 'physical-goods' },
			'Input item 1: Additional Fields › Shipping Addresses (Checkout Button) › line 2 › PIN Code: must be at most 6 characters',
		);
	});
});

describe('India-only operations speak of India only (#10)', () => {
	it('Checkout\'s Reference ID states India\'s length, the order forms both markets\'', () => {
		expect(field(checkout, 'referenceId').description).toMatch(/at most 35 characters$/);
		expect(field(orderDetails, 'referenceId').description).toMatch(/at most 35 characters in India and 60 in Brazil$/);
	});

	it.each([
		['Checkout', checkout],
		['Refund', { resource: 'payment', operation: 'refund', refundType: 'partial' }],
	])('%s\'s Amounts In hint says rupees and paise, no reais or centavos', (_name, values) => {
		expect(field(values, 'amountsIn').hint).toBe('Rupees (₹) with decimals, or paise as whole numbers: a sheet in paise needs Minor Units');
	});

	it('the order forms\' Amounts In hint keeps both currencies', () => {
		expect(field(orderDetails, 'amountsIn').hint).toMatch(/^Rupees \(₹\) or reais \(R\$\) with decimals, or paise \/ centavos/);
	});

	it('Look Up and Refund ask for the payment configuration first, then the reference (#16)', () => {
		for (const operation of ['lookUp', 'refund']) {
			const names = visible({ resource: 'payment', operation }).map((p) => p.name);
			expect(names.indexOf('paymentConfiguration')).toBeLessThan(names.indexOf('referenceId'));
		}
	});
});

describe('the expiry fields state the rule the node keeps (#7)', () => {
	it.each([
		['the order forms', orderDetails, 'The order stops being payable'],
		['the checkout button', checkout, 'The "Buy now" button stops working'],
	])('Expires In on %s: 5 is sent as 6', (_where, values, what) => {
		expect(field(values, 'additionalFields.expiresInMinutes').description).toBe(`${what} this many minutes after sending: at least 5; 5 is sent as 6, so that pacing or a retry cannot push it under`);
	});

	it('an Expires In of 5 goes out 6 minutes ahead', async () => {
		const result = await bed.run(indiaBill({ additionalFields: { expiresInMinutes: 5 } }), [{}], V2);
		expect(result.error).toBeUndefined();
		const sentAt = Date.now() / 1000;
		const { timestamp } = (result.json(NODE)[0].message as any).interactive.action.parameters.order.expiration;
		expect(Number(timestamp) - sentAt).toBeGreaterThan(355);
		expect(Number(timestamp) - sentAt).toBeLessThanOrEqual(361);
	});

	it('Expires At: at least 5½ minutes ahead; 5 minutes 10 seconds ahead is refused', async () => {
		expect(field(orderDetails, 'additionalFields.expiresAt').description).toMatch(/^When the order stops being payable: at least 5½ minutes ahead /);
		const soon = new Date(Date.now() + 310_000).toISOString();
		const before = await messagesSent();
		const result = await bed.run(indiaBill({ additionalFields: { expiresAt: soon } }), [{}], V2);
		expect(result.nodes[NODE].error?.message).toMatch(/^Input item 1: Additional Fields › Expires At: must be at least 5 minutes from now: after .* \(30 s kept for sending\)/);
		expect(await messagesSent()).toBe(before);
	});
});

describe('item and order fields say what the core requires (#6, #9, #11, #15)', () => {
	const items = field(orderDetails, 'items');

	it('Importer Address Line 1: the state code is optional on a bill, and a bill without one is sent', async () => {
		expect(rowField(items, 'item', 'importerAddressLine1').hint).toBe('Required in India without a catalog, with city, PIN code and country code (or set once in Item Defaults); the state code is optional here');
		const withoutState = Object.fromEntries(Object.entries(INDIA_IMPORTER).filter(([key]) => key !== 'importerZoneCode'));
		const result = await bed.run(indiaBill({ items: { item: [{ name: 'Notebook', amount: 250, quantity: 1, retailerId: 'nb-1', ...withoutState }] } }), [{}], V2);
		expect(result.error).toBeUndefined();
	});

	it('Importer Country Code: 2 capital letters, on the item rows and in Item Defaults', () => {
		expect(rowField(items, 'item', 'importerCountryCode').description).toBe('2 capital letters, e.g. IN');
		expect(field(orderDetails, 'itemDefaults').options).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'importerCountryCode', description: '2 capital letters, e.g. IN' })]));
	});

	it('Retailer ID: required with a 360dialog credential too', () => {
		expect(rowField(items, 'item', 'retailerId').description).toMatch(/required in Brazil, with a Catalog ID \(its retailer ID in the catalog\) and with a 360dialog credential; empty for an item with an Image URL$/);
	});

	it('Beneficiaries: every field but Address Line 2 is required, and City and State say what they are', () => {
		const beneficiaries = field(orderDetails, 'additionalFields.beneficiaries');
		expect(beneficiaries.description).toMatch(/Every field but Address Line 2 is required\.$/);
		for (const name of ['city', 'state']) expect(rowField(beneficiaries, 'beneficiary', name).description).not.toBe('');
	});

	it('Tax: only Brazil\'s page says the zero tax line is hidden', () => {
		expect(field(orderDetails, 'taxAmount').description).toBe('Tax of the whole order; 0 when there is none (in Brazil WhatsApp then hides the tax line)');
	});
});

describe('Sending Limits (#14)', () => {
	const limits = (name: string) => (field(orderDetails, 'sendingLimits').options as INodeProperties[]).find((o) => o.name === name) as INodeProperties;

	it('Max Requests Per Second states its smallest value above 0, which the node keeps', async () => {
		expect(limits('maxRequestsPerSecond').description).toMatch(/^Requests this node starts per second in one run \(0 = no limit; otherwise at least 0\.1\)/);
		const result = await bed.run(indiaBill({ sendingLimits: { ...FAST_RETRIES, maxRequestsPerSecond: 0.05 } }), [{}], V2);
		expect(result.nodes[NODE].error?.message).toMatch(/Max Requests Per Second/);
		expect(result.nodes[NODE].error?.message).toMatch(/0\.1/);
	});

	it('Max Retries says which bills cannot be looked up, and such a bill is not resent after a lost answer', async () => {
		expect(limits('maxRetries').description).toMatch(/Brazil, UPI Intent Link and Payment Link bills cannot be looked up, so they are not resent after such a failure but fail with "may have been delivered"/);
		const bill = simplifiedBill({ sendingLimits: { ...FAST_RETRIES, maxRetries: 5, initialRetryDelayMs: 1 } });
		await throughProxy(bed, () => 'loseResponse', async (proxy) => {
			const result = await bed.run(bill, [{}], V2);
			expect(result.nodes[NODE].error?.message).toBe(`Order ${String(bill.referenceId)} may have been delivered: look up reference ${String(bill.referenceId)} before sending it again`);
			expect(proxy.lost).toHaveLength(1);
		});
		expect((await bed.requests()).filter((r) => r.method === 'POST' && r.reference_id === bill.referenceId)).toHaveLength(1);
	});
});

describe('the trigger\'s payment lookup (#5, #13)', () => {
	const trigger = new WhatsAppPaymentsTrigger().description;
	const paymentStatus = { events: ['payment_status'] };

	it('Payment Configuration Name says every payment is looked up in this one configuration', () => {
		expect(field(paymentStatus, 'paymentConfigurationName', trigger).description).toMatch(
			/Every payment is looked up in this one configuration: a payment of a bill sent through another configuration is not found in it and comes out with confirmation\.agrees false/,
		);
	});

	it('Payment Statuses keeps Canceled, saying when it can match', () => {
		const canceled = (field(paymentStatus, 'paymentStatuses', trigger).options as Array<{ value: string; description?: string }>).find((o) => o.value === 'canceled');
		expect(canceled?.description).toBe("Only a webhook whose status says canceled: Meta's current pages document captured and pending only");
	});
});
