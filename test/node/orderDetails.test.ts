/* eslint-disable @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/** Order -> Send Order Details / Send Order Details Template, through n8n's engine against the sandbox. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DIALOG360_CONFIGURATION, dialog360Bill } from './dialog360Bill';
import { FAST_RETRIES, NODE, TOKEN, cloudCredentials, newReference, testbedPerFile } from './testbed';

const bed = testbedPerFile();

const RECIPIENT = '919876543210';
const configuration = (name: string) => ({ __rl: true, mode: 'list', value: name });

const IMPORTER_DEFAULTS = {
	countryOfOrigin: 'India',
	importerName: 'Acme Imports Pvt Ltd',
	importerAddressLine1: 'B8/733 Nand Nagri',
	importerCity: 'East Delhi',
	importerZoneCode: 'DL',
	importerPostalCode: '110093',
	importerCountryCode: 'IN',
};

const WIRE_IMPORTER = {
	country_of_origin: 'India',
	importer_name: 'Acme Imports Pvt Ltd',
	importer_address: { address_line1: 'B8/733 Nand Nagri', city: 'East Delhi', zone_code: 'DL', postal_code: '110093', country_code: 'IN' },
};

/** An India order sent by the node; `parameters` override the defaults. */
function indiaOrder(referenceId: string, parameters: INodeParameters = {}): INodeParameters {
	return {
		resource: 'order',
		operation: 'sendOrderDetails',
		to: RECIPIENT,
		market: 'india',
		referenceId,
		paymentMethod: 'paymentGateway',
		gateway: 'razorpay',
		paymentConfiguration: configuration('razorpay-sandbox'),
		itemsSource: 'define',
		items: { item: [{ name: 'Masala Chai', amount: 120.5, quantity: 2, retailerId: 'chai-1' }] },
		itemDefaults: IMPORTER_DEFAULTS,
		taxAmount: 12,
		body: 'Your bill from Sandbox Store',
		options: FAST_RETRIES,
		...parameters,
	};
}

/** The messages the sandbox stored for an order (what arrived), by reference. */
async function arrived(referenceId: string): Promise<IDataObject> {
	return await bed.control('GET', `/_sandbox/orders/${referenceId}`);
}

const parametersOf = (message: any) => message.interactive.action.parameters;

describe('India: a Razorpay order of 10 items built from 10 input items (spreadsheet rows)', () => {
	it('takes rows whose customer number is written two ways ("+91 98765 43210", 919876543210) as one customer\'s bill, and two columns of one field that agree', async () => {
		const referenceId = newReference('IN2W');
		const rows = [
			{ Phone: '+91 98765 43210', 'Retailer ID': 'sku-1', Name: 'Tea', Price: '10.00', Qty: '1' },
			{ Phone: '919876543210', 'Retailer ID': 'sku-2', Name: 'Cake', Price: '12.00', Amount: 12, Qty: '1', Quantity: 1 },
			// Two spellings of the importer's address that say the same (key order, a PIN as a number), and a column that agrees.
			{ Phone: '919876543210', 'Retailer ID': 'sku-3', Name: 'Jam', Price: '5', Qty: '1', importer_address: { address_line1: 'B8', city: 'Delhi', zone_code: 'DL', postal_code: '110093', country_code: 'IN' }, importerAddress: { postal_code: 110093, city: 'Delhi', address_line1: 'B8', zone_code: 'DL', country_code: 'IN' }, 'Importer City': 'Delhi' },
		];
		const result = await bed.run(indiaOrder(referenceId, { itemsSource: 'inputItems', to: '={{ $json.Phone }}' }), rows);
		expect(result.status).toBe('success');
		expect(result.json(NODE)).toHaveLength(1);
		const [message] = (await arrived(referenceId)).messages as IDataObject[];
		expect(parametersOf(message.body).order.items).toHaveLength(3);
	});

	it('arrives exactly as intended: one request, the items in order, the sums computed, the gateway fields', async () => {
		const referenceId = newReference('IN10');
		const rows = Array.from({ length: 10 }, (_, i) => ({
			row_number: i + 2,
			'Retailer ID': `sku-${i + 1}`,
			Name: `Item ${i + 1}`,
			Price: `${10 + i}.25`,
			Qty: String(i + 1),
			...(i === 3 ? { 'Sale Price': '5.00' } : {}),
		}));
		const before = (await bed.requests()).length;
		const result = await bed.run(
			indiaOrder(referenceId, {
				itemsSource: 'inputItems',
				razorpayFields: { receipt: 'receipt-42', notes: { note: [{ key: 'crm', value: 'lead-9' }] } },
				taxAmount: 18,
				additionalFields: {
					shippingAmount: 40,
					shippingDescription: 'Courier',
					discountAmount: 10.5,
					discountProgramName: 'Diwali',
					footer: 'Thank you!',
					headerImageUrl: 'https://example.com/header.png',
					expiresInMinutes: 30,
					expirationDescription: 'Pay within 30 minutes',
				},
			}),
			rows,
		);
		expect(result.status).toBe('success');
		const out = result.json(NODE);
		expect(out).toHaveLength(1);
		expect(result.nodes[NODE].outputs[0][0].pairedItem).toEqual(rows.map((_, i) => ({ item: i })));
		expect(out[0]).toMatchObject({ reference_id: referenceId, wamid: expect.stringMatching(/^wamid\./), messages: [{ id: out[0].wamid }], attempts: 1 });

		const items = rows.map((row, i) => ({
			retailer_id: row['Retailer ID'],
			name: row.Name,
			amount: { value: (10 + i) * 100 + 25, offset: 100 },
			...(i === 3 ? { sale_amount: { value: 500, offset: 100 } } : {}),
			quantity: i + 1,
			...WIRE_IMPORTER,
		}));
		const subtotal = items.reduce((sum, item) => sum + (item.sale_amount ?? item.amount).value * item.quantity, 0);
		const nowSeconds = Math.floor(Date.now() / 1000);
		const expected = {
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: RECIPIENT,
			type: 'interactive',
			interactive: {
				type: 'order_details',
				header: { type: 'image', image: { link: 'https://example.com/header.png' } },
				body: { text: 'Your bill from Sandbox Store' },
				footer: { text: 'Thank you!' },
				action: {
					name: 'review_and_pay',
					parameters: {
						reference_id: referenceId,
						type: 'digital-goods',
						payment_settings: [
							{
								type: 'payment_gateway',
								payment_gateway: {
									type: 'razorpay',
									configuration_name: 'razorpay-sandbox',
									razorpay: { receipt: 'receipt-42', notes: { crm: 'lead-9' } },
								},
							},
						],
						currency: 'INR',
						total_amount: { value: subtotal + 1800 + 4000 - 1050, offset: 100 },
						order: {
							status: 'pending',
							items,
							subtotal: { value: subtotal, offset: 100 },
							tax: { value: 1800, offset: 100 },
							shipping: { value: 4000, offset: 100, description: 'Courier' },
							discount: { value: 1050, offset: 100, discount_program_name: 'Diwali' },
							expiration: { timestamp: expect.any(String), description: 'Pay within 30 minutes' },
						},
					},
				},
			},
		};
		expect(out[0].message).toEqual(expected);
		const expiration = Number(parametersOf(out[0].message).order.expiration.timestamp);
		expect(expiration).toBeGreaterThanOrEqual(nowSeconds + 29 * 60);
		expect(expiration).toBeLessThanOrEqual(nowSeconds + 31 * 60);

		const log = (await bed.requests()).slice(before);
		expect(log).toEqual([expect.objectContaining({ method: 'POST', status: 200, reference_id: referenceId, message_type: 'order_details' })]);
		const order = await arrived(referenceId);
		expect(order).toMatchObject({ reference_id: referenceId, payment_status: 'new', order_status: 'pending', payment_configuration: 'razorpay-sandbox' });
		expect(order.messages).toEqual([expect.objectContaining({ id: out[0].wamid, type: 'order_details', body: expected })]);
	});
});

describe('every payment method variant reaches the sandbox in its wire form', () => {
	const PIX = { code: '00020101021226700014br.gov.bcb.pix2548pix.example.com/qr/v2/cobv/9d36b84f', merchantName: 'Loja Exemplo', key: '39580525000189', keyType: 'CNPJ' };
	const BOLETO = { digitableLine: '03399026944140000002628346101018898510000008848' };
	const CARD = { lastFourDigits: '5235', credentialId: '1234567' };
	const brazilOrder = (referenceId: string, methods: INodeParameters): INodeParameters =>
		indiaOrder(referenceId, {
			market: 'brazil',
			brazilPaymentMethods: methods,
			items: { item: [{ name: 'Bolo', amount: 500, quantity: 1, retailerId: '1234567' }] },
			itemDefaults: {},
			taxAmount: 0,
		});

	const cases: Array<[string, (ref: string) => INodeParameters, (parameters: any) => void]> = [
		...(['razorpay', 'payu', 'billdesk', 'zaakpay'] as const).map(
			(gateway): [string, (ref: string) => INodeParameters, (parameters: any) => void] => [
				`India payment gateway ${gateway} with its extra fields`,
				(ref) =>
					indiaOrder(ref, {
						gateway,
						paymentConfiguration: { __rl: true, mode: 'name', value: `${gateway}-config` },
						razorpayFields: { receipt: 'r-1' },
						payuFields: { udf1: 'u1', udf4: 'u4' },
						billdeskFields: { additional_info1: 'a1', additional_info7: 'a7' },
						zaakpayFields: { extra2: 'e2' },
					}),
				(parameters) => {
					const extras = { razorpay: { receipt: 'r-1' }, payu: { udf1: 'u1', udf4: 'u4' }, billdesk: { additional_info1: 'a1', additional_info7: 'a7' }, zaakpay: { extra2: 'e2' } };
					expect(parameters.payment_settings).toEqual([
						{ type: 'payment_gateway', payment_gateway: { type: gateway, configuration_name: `${gateway}-config`, [gateway]: extras[gateway] } },
					]);
				},
			],
		),
		[
			'India UPI intent link',
			(ref) => indiaOrder(ref, { paymentMethod: 'upiIntentLink', upiIntentLink: 'upi://pay?pa=store@okbank&pn=Store&mc=5411&purpose=00&tr=T1' }),
			(parameters) =>
				expect(parameters.payment_settings).toEqual([{ type: 'upi_intent_link', upi_intent_link: { link: 'upi://pay?pa=store@okbank&pn=Store&mc=5411&purpose=00&tr=T1' } }]),
		],
		[
			'India UPI intent link with the payment configuration of its VPA (payment_configuration and payment_type beside it)',
			(ref) => indiaOrder(ref, { paymentMethod: 'upiIntentLink', upiIntentLink: 'upi://pay?pa=sandbox@upi&pn=Store&tr=T1', upiIntentConfiguration: configuration('upi-sandbox') }),
			(parameters) =>
				expect(parameters).toMatchObject({
					payment_type: 'upi',
					payment_configuration: 'upi-sandbox',
					payment_settings: [{ type: 'upi_intent_link', upi_intent_link: { link: 'upi://pay?pa=sandbox@upi&pn=Store&tr=T1' } }],
				}),
		],
		[
			'India payment link (payment_type upi)',
			(ref) => indiaOrder(ref, { paymentMethod: 'paymentLink', paymentLinkUri: 'https://pay.example.com/o/1' }),
			(parameters) => {
				expect(parameters.payment_type).toBe('upi');
				expect(parameters.payment_settings).toEqual([{ type: 'payment_link', payment_link: { uri: 'https://pay.example.com/o/1' } }]);
			},
		],
		[
			'India legacy UPI (payment_configuration, no payment_settings)',
			(ref) => indiaOrder(ref, { paymentMethod: 'upiLegacy', paymentConfiguration: configuration('upi-sandbox') }),
			(parameters) => {
				expect(parameters).toMatchObject({ payment_type: 'upi', payment_configuration: 'upi-sandbox' });
				expect(parameters.payment_settings).toBeUndefined();
			},
		],
		[
			'Brazil Pix dynamic code',
			(ref) => brazilOrder(ref, { pixDynamicCode: PIX }),
			(parameters) =>
				expect(parameters.payment_settings).toEqual([
					{ type: 'pix_dynamic_code', pix_dynamic_code: { code: PIX.code, merchant_name: PIX.merchantName, key: PIX.key, key_type: 'CNPJ' } },
				]),
		],
		[
			'Brazil payment link',
			(ref) => brazilOrder(ref, { paymentLink: { uri: 'https://pague.example.com/1' } }),
			(parameters) => expect(parameters.payment_settings).toEqual([{ type: 'payment_link', payment_link: { uri: 'https://pague.example.com/1' } }]),
		],
		[
			'Brazil boleto',
			(ref) => brazilOrder(ref, { boleto: BOLETO }),
			(parameters) => expect(parameters.payment_settings).toEqual([{ type: 'boleto', boleto: { digitable_line: BOLETO.digitableLine } }]),
		],
		[
			'Brazil One-Click (offsite_card_pay), the seed order',
			(ref) => brazilOrder(ref, { offsiteCardPay: CARD }),
			(parameters) => {
				expect(parameters).toMatchObject({ payment_type: 'br', currency: 'BRL', total_amount: { value: 50000, offset: 100 } });
				expect(parameters.payment_settings).toEqual([{ type: 'offsite_card_pay', offsite_card_pay: { last_four_digits: '5235', credential_id: '1234567' } }]);
				expect(parameters.order).toEqual({
					status: 'pending',
					items: [{ retailer_id: '1234567', name: 'Bolo', amount: { value: 50000, offset: 100 }, quantity: 1 }],
					subtotal: { value: 50000, offset: 100 },
					tax: { value: 0, offset: 100 },
				});
			},
		],
		[
			'Brazil with several methods at once (Pix, link, boleto, One-Click)',
			(ref) => brazilOrder(ref, { pixDynamicCode: PIX, paymentLink: { uri: 'https://pague.example.com/2' }, boleto: BOLETO, offsiteCardPay: CARD }),
			(parameters) => expect(parameters.payment_settings.map((s: any) => s.type)).toEqual(['pix_dynamic_code', 'payment_link', 'boleto', 'offsite_card_pay']),
		],
	];

	it.each(cases)('%s', async (_name, parametersFor, check) => {
		const referenceId = newReference('PM');
		const result = await bed.run(parametersFor(referenceId));
		expect(result.error).toBeUndefined();
		const [out] = result.json(NODE);
		check(parametersOf(out.message));
		const order = await arrived(referenceId);
		expect(order.messages).toEqual([expect.objectContaining({ id: out.wamid, body: out.message })]);
	});

	it('a Pix key of another type than its Key Type (the form starts on CPF) is an error naming Key Type and the fitting type; nothing is sent', async () => {
		const referenceId = newReference('PM');
		const result = await bed.run(brazilOrder(referenceId, { pixDynamicCode: { ...PIX, key: 'pix@loja.com.br', keyType: 'CPF' } }));
		expect(result.nodes[NODE].error?.message).toBe(
			'Input item 1: Payment Methods › Pix (Dynamic Code) › Key Type: is CPF, but the key "pix@loja.com.br" is not a CPF (11 digits, e.g. 123.456.789-09): as an email address, its key type is EMAIL',
		);
		expect((await bed.control('GET', `/_sandbox/orders/${referenceId}`).catch(() => null))?.messages ?? []).toEqual([]);
	});

	// cashfree- and billdesk-payment-gateway-integration-guide.md § Parsing the response: a VPA that matches no configuration ends the payment.
	it.each([
		['a UPI VPA configuration of another VPA', 'upi://pay?pa=other@bank&pn=Store&tr=T1', 'upi-sandbox', 'UPI Payment Configuration: the link pays other@bank but "upi-sandbox" has the VPA sandbox@upi'],
		['a payment gateway configuration', 'upi://pay?pa=sandbox@upi&pn=Store&tr=T1', 'razorpay-sandbox', 'UPI Payment Configuration: "razorpay-sandbox" is linked to Razorpay, not to a UPI VPA'],
	])('a UPI intent link naming %s is an error naming the field; nothing is sent', async (_what, link, name, message) => {
		const referenceId = newReference('PM');
		const result = await bed.run(indiaOrder(referenceId, { paymentMethod: 'upiIntentLink', upiIntentLink: link, upiIntentConfiguration: configuration(name) }));
		expect(result.nodes[NODE].error?.message).toContain(message);
		expect((await bed.control('GET', `/_sandbox/orders/${referenceId}`).catch(() => null))?.messages ?? []).toEqual([]);
	});
});

describe('items from JSON or an expression', () => {
	it('accepts friendly keys (camelCase, snake_case, spreadsheet headers), minor units and given sums that match', async () => {
		const referenceId = newReference('JSON');
		const rows = [
			{ retailerId: 'a', name: 'A', amount: 1000, quantity: 1, countryOfOrigin: 'India', importerName: 'Imp', importerAddress: { addressLine1: 'L1', city: 'Pune', zoneCode: 'MH', postalCode: '411001', countryCode: 'IN' } },
			{ retailer_id: 'b', name: 'B', price: '250', qty: '3', sale_amount: 200 },
		];
		const result = await bed.run(
			indiaOrder(referenceId, {
				itemsSource: 'json',
				itemsJson: '={{ $json.rows }}',
				options: { ...FAST_RETRIES, amountsIn: 'minor' },
				taxAmount: 100,
				additionalFields: { subtotal: 1600, total: 1700 },
			}),
			[{ rows }],
		);
		expect(result.error).toBeUndefined();
		const { order, total_amount } = parametersOf(result.json(NODE)[0].message);
		expect(total_amount).toEqual({ value: 1700, offset: 100 });
		expect(order.items).toEqual([
			{ retailer_id: 'a', name: 'A', amount: { value: 1000, offset: 100 }, quantity: 1, country_of_origin: 'India', importer_name: 'Imp', importer_address: { address_line1: 'L1', city: 'Pune', zone_code: 'MH', postal_code: '411001', country_code: 'IN' } },
			{ retailer_id: 'b', name: 'B', amount: { value: 250, offset: 100 }, sale_amount: { value: 200, offset: 100 }, quantity: 3, ...WIRE_IMPORTER },
		]);
	});

	it('takes one item object alone as a list of one (as n8n nodes do), e.g. {{ $json.item }}', async () => {
		const result = await bed.run(indiaOrder(newReference('ONE'), { itemsSource: 'json', itemsJson: '={{ $json.item }}' }), [{ item: { retailer_id: 'a', name: 'A', amount: 10, quantity: 2 } }]);
		expect(result.error).toBeUndefined();
		expect(parametersOf(result.json(NODE)[0].message).order.items).toEqual([{ retailer_id: 'a', name: 'A', amount: { value: 1000, offset: 100 }, quantity: 2, ...WIRE_IMPORTER }]);
	});

	const NOT_A_LIST = 'must be a list [...] of items (or one item object {...}), not';
	it.each<[string, string, IDataObject, string]>([
		['an expression that gives nothing (no such column)', '={{ $json.items }}', {}, `Items (JSON): ${NOT_A_LIST} nothing`],
		['null', '={{ $json.items }}', { items: null }, `Items (JSON): ${NOT_A_LIST} nothing`],
		['a number', '={{ $json.items }}', { items: 5 }, `Items (JSON): ${NOT_A_LIST} the number 5`],
		['a text', '={{ $json.items }}', { items: 'Masala Chai x2' }, `Items (JSON): ${NOT_A_LIST} the text "Masala Chai x2"`],
		['JSON of a text', '"Masala Chai"', {}, `Items (JSON): ${NOT_A_LIST} the text "Masala Chai"`],
		['an empty field', '', {}, `Items (JSON): ${NOT_A_LIST} nothing`],
		['a list holding a number', '[{ "name": "A", "amount": 1, "quantity": 1 }, 5]', {}, 'Items (JSON) › line 2: must be an item object {...}, not the number 5'],
		['an empty list', '[]', {}, 'Items (JSON): needs at least one item'],
	])('refuses Items (JSON) that is %s, naming the field and the input item, before any request', async (_what, itemsJson, input, message) => {
		const before = (await bed.requests()).length;
		const result = await bed.run(indiaOrder(newReference('NL'), { itemsSource: 'json', itemsJson }), [input]);
		expect(result.nodes[NODE].error?.message).toBe(`Input item 1: ${message}`);
		expect((await bed.requests()).length).toBe(before);
	});

	it('refuses a given total that does not match the computed one, naming the field, before any request', async () => {
		const before = (await bed.requests()).length;
		const result = await bed.run(indiaOrder(newReference('SUM'), { additionalFields: { total: 999 } }));
		expect(result.status).toBe('error');
		expect(result.nodes[NODE].error?.message).toMatch(/total/);
		expect((await bed.requests()).length).toBe(before);
	});
});

describe('fields set by the user that would never reach the wire are errors naming the field, before any request', () => {
	const refused = async (parameters: INodeParameters, items?: IDataObject[]): Promise<string> => {
		const before = (await bed.requests()).length;
		const result = await bed.run(indiaOrder(newReference('DROP'), parameters), items);
		expect(result.status).toBe('error');
		expect((await bed.requests()).length).toBe(before);
		return result.nodes[NODE].error!.message;
	};

	it.each([
		['Discount Description', { discountDescription: 'Festival' }, /"Discount"/],
		['Discount Program Name', { discountProgramName: 'Diwali' }, /"Discount"/],
		['Shipping Description', { shippingDescription: 'Courier' }, /"Shipping"/],
		['Expiration Description', { expirationDescription: 'Pay soon' }, /"Expires At" or "Expires In \(Minutes\)"/],
	])('%s without the field it describes', async (label, additionalFields, needs) => {
		const message = await refused({ additionalFields });
		expect(message).toMatch(new RegExp(`^Additional Fields › ${label}: needs `));
		expect(message).toMatch(needs);
	});

	it.each([
		['an empty key', [{ key: 'crm', value: 'a' }, { key: ' ', value: 'b' }], /^Razorpay Fields › Notes › line 2 › Key: is empty/],
		['a repeated key', [{ key: 'crm', value: 'a' }, { key: 'crm', value: 'b' }], /^Razorpay Fields › Notes › line 2 › Key: "crm" is used by an earlier note/],
	])('Razorpay notes with %s', async (_name, note, expected) => {
		expect(await refused({ razorpayFields: { notes: { note } } })).toMatch(expected);
	});

	it('an unknown key of a JSON item, naming it and the accepted keys', async () => {
		const rows = [{ retailer_id: 'a', name: 'A', amount: 100, quantity: 1 }, { retailer_id: 'b', name: 'B', amount: 100, discounted_price: 80, quantity: 1 }];
		const message = await refused({ itemsSource: 'json', itemsJson: '={{ $json.rows }}' }, [{ rows }]);
		expect(message).toMatch(/^Input item 1: Items \(JSON\) › line 2: unknown key "discounted_price"; accepted keys are retailer_id, name, amount, sale_amount, quantity, /);
		expect(message).toMatch(/importer_address or importer_address_line1, .*\(also sku, .*sale_price.*; case, spaces, dashes and underscores do not matter\)$/);
	});

	it('an unknown key inside a JSON item\'s importer address', async () => {
		const rows = [{ retailer_id: 'a', name: 'A', amount: 100, quantity: 1, importer_address: { address_line1: 'L1', zip: '411001' } }];
		expect(await refused({ itemsSource: 'json', itemsJson: '={{ $json.rows }}' }, [{ rows }])).toBe(
			'Input item 1: Items (JSON) › line 1 › Importer Address: unknown key "zip"; accepted keys are address_line1, address_line2, city, zone_code, state_code, postal_code, pin_code, pincode, country_code',
		);
	});
});

describe('an invalid item', () => {
	const good = (ref: string) => ({ ref, name: 'Good', amount: 10 });
	const itemsFromInput = {
		referenceId: '={{ $json.ref }}',
		items: { item: [{ name: '={{ $json.name }}', amount: '={{ $json.amount }}', quantity: 1, retailerId: 'x' }] },
	};

	it('fails with an error naming the field path and the item index; the sandbox receives nothing', async () => {
		const refs = [newReference('V'), newReference('V'), newReference('V')];
		const before = (await bed.requests()).length;
		const result = await bed.run(indiaOrder('unused', itemsFromInput), [good(refs[0]), { ...good(refs[1]), name: 'N'.repeat(61) }, good(refs[2])]);
		expect(result.status).toBe('error');
		const error = result.nodes[NODE].error!;
		expect(error.message).toMatch(/^Input item 2: /);
		expect(`${error.message} ${error.description}`).toMatch(/Items › line 1 › Name/);
		expect((await bed.requests()).length).toBe(before);
		for (const ref of refs) expect((await arrived(ref)).error).toBeDefined();
	});

	it('with Continue On Fail: the error is in that item, the other items are sent, the bad one never reaches the API', async () => {
		const refs = [newReference('C'), newReference('C'), newReference('C')];
		const before = (await bed.requests()).length;
		const result = await bed.run(indiaOrder('unused', itemsFromInput), [good(refs[0]), { ...good(refs[1]), amount: -5 }, good(refs[2])], { continueOnFail: true });
		expect(result.status).toBe('success');
		const out = result.json(NODE);
		expect(out).toHaveLength(3);
		expect(out[0]).toMatchObject({ reference_id: refs[0], wamid: expect.any(String) });
		expect(out[1].error).toMatch(/^Input item 2: Items › line 1 › Amount: /);
		expect((out[1].details as any).errors).toEqual([expect.objectContaining({ path: '/items/0/amount' })]);
		expect(out[2]).toMatchObject({ reference_id: refs[2], wamid: expect.any(String) });
		expect(result.nodes[NODE].outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const log = (await bed.requests()).slice(before);
		expect(log.map((entry) => entry.reference_id)).toEqual(expect.arrayContaining([refs[0], refs[2]]));
		expect(log.some((entry) => entry.reference_id === refs[1])).toBe(false);
	});

	it('with Continue (Using Error Output): the bad item goes to the error output, the others to the success output', async () => {
		const refs = [newReference('E'), newReference('E'), newReference('E')];
		const result = await bed.run(indiaOrder('unused', itemsFromInput), [good(refs[0]), { ...good(refs[1]), amount: 'ten' }, good(refs[2])], {
			continueOnFail: 'errorOutput',
		});
		expect(result.status).toBe('success');
		expect(result.json(NODE, 0).map((item) => item.reference_id)).toEqual([refs[0], refs[2]]);
		const failed = result.json(NODE, 1);
		expect(failed).toHaveLength(1);
		// `{ error: { message, details } }`: the shape n8n 1.x and 2.x both route to the error output (router.ts).
		const { message, details } = failed[0].error as { message: string; details: { errors: unknown[] } };
		expect(message).toMatch(/^Input item 2: Items › line 1 › Amount: /);
		expect(details.errors).toEqual([expect.objectContaining({ path: '/items/0/amount', rule: expect.any(String) })]);
		expect(result.nodes[NODE].outputs[1][0].pairedItem).toEqual({ item: 1 });
	});
});

describe('Send Order Details Template (outside the 24-hour window)', () => {
	it('sends the template form with body parameters, header image and the same order parameters', async () => {
		const referenceId = newReference('TPL');
		const result = await bed.run(
			indiaOrder(referenceId, {
				operation: 'sendOrderDetailsTemplate',
				templateName: 'order_bill',
				languageCode: 'en_US',
				bodyParameters: { parameter: [{ text: 'Asha' }, { text: referenceId }] },
				additionalFields: { headerImageUrl: 'https://example.com/h.png' },
			}),
		);
		expect(result.error).toBeUndefined();
		const [out] = result.json(NODE);
		expect(out.message).toMatchObject({
			messaging_product: 'whatsapp',
			to: RECIPIENT,
			type: 'template',
			template: { name: 'order_bill', language: { code: 'en_US' } },
		});
		const components = (out.message as any).template.components as any[];
		expect(components).toEqual(
			expect.arrayContaining([
				{ type: 'body', parameters: [{ type: 'text', text: 'Asha' }, { type: 'text', text: referenceId }] },
				expect.objectContaining({ type: 'button', sub_type: 'order_details' }),
			]),
		);
		const button = components.find((c) => c.type === 'button');
		expect(button.parameters[0].action.order_details).toMatchObject({ reference_id: referenceId, currency: 'INR' });
		expect((await arrived(referenceId)).messages).toEqual([expect.objectContaining({ id: out.wamid, body: out.message })]);
	});
});

describe('physical goods with beneficiaries, a catalog and quick pay', () => {
	it('puts them on the wire', async () => {
		const referenceId = newReference('PHY');
		const result = await bed.run(
			indiaOrder(referenceId, {
				goodsType: 'physical-goods',
				itemDefaults: {},
				additionalFields: {
					catalogId: 'catalog-77',
					quickPay: true,
					expiresAt: new Date(Date.now() + 3600_000).toISOString(),
					beneficiaries: { beneficiary: [{ name: 'Asha Rao', addressLine1: '12 MG Road', addressLine2: '', city: 'Bengaluru', state: 'Karnataka', country: 'India', postalCode: '560001' }] },
				},
			}),
		);
		expect(result.error).toBeUndefined();
		const parameters = parametersOf(result.json(NODE)[0].message);
		expect(parameters.type).toBe('physical-goods');
		expect(parameters.beneficiaries).toEqual([{ name: 'Asha Rao', address_line1: '12 MG Road', city: 'Bengaluru', state: 'Karnataka', country: 'India', postal_code: '560001' }]);
		expect(parameters.order).toMatchObject({ catalog_id: 'catalog-77', type: 'quick_pay', items: [{ retailer_id: 'chai-1', name: 'Masala Chai', amount: { value: 12050, offset: 100 }, quantity: 2 }] });
	});

	it('Quick Pay is India\'s: a Brazil bill of a workflow that set it before sends no order type (brazil-orders.md § Order object has none)', async () => {
		const referenceId = newReference('BRQ');
		const result = await bed.run(
			indiaOrder(referenceId, {
				market: 'brazil',
				brazilPaymentMethods: { paymentLink: { uri: 'https://pagar.example.com.br/2' } },
				items: { item: [{ name: 'Bolo', amount: 500, quantity: 1, retailerId: '1234567' }] },
				itemDefaults: {},
				taxAmount: 0,
				additionalFields: { quickPay: true },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(parametersOf(result.json(NODE)[0].message).order).not.toHaveProperty('type');
	});

	it('Header Image Media ID is India\'s: an India bill sends the media id, a Brazil bill of a workflow that set it sends no header (brazil-orders.md § Image object has only link)', async () => {
		const india = await bed.run(indiaOrder(newReference('HDI'), { additionalFields: { headerImageId: '1558081531584829' } }));
		expect(india.error).toBeUndefined();
		expect((india.json(NODE)[0].message as any).interactive.header).toEqual({ type: 'image', image: { id: '1558081531584829' } });
		const brazil = await bed.run(
			indiaOrder(newReference('HDB'), {
				market: 'brazil',
				brazilPaymentMethods: { paymentLink: { uri: 'https://pagar.example.com.br/3' } },
				items: { item: [{ name: 'Bolo', amount: 500, quantity: 1, retailerId: '1234567' }] },
				itemDefaults: {},
				taxAmount: 0,
				additionalFields: { headerImageId: '1558081531584829' },
			}),
		);
		expect(brazil.error).toBeUndefined();
		expect((brazil.json(NODE)[0].message as any).interactive).not.toHaveProperty('header');
	});

	it('refuses "Expires In" and "Expires At" together', async () => {
		const result = await bed.run(indiaOrder(newReference('EXP'), { additionalFields: { expiresInMinutes: 10, expiresAt: new Date().toISOString() } }));
		expect(result.nodes[NODE].error?.message).toMatch(/either "Expires In \(Minutes\)" or "Expires At"/);
	});
});

describe('360dialog', () => {
	afterEach(() => {
		bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url));
	});

	it('sends to POST /messages with the D360-API-KEY and looks the payment up under /v1/payments', async () => {
		bed.harness.setCredentials('whatsAppPaymentsApi', { provider: 'dialog360', apiKey: TOKEN, baseUrl: bed.sandbox.url });
		const referenceId = newReference('D360');
		const before = (await bed.requests()).length;
		const sent = await bed.run(dialog360Bill(referenceId));
		expect(sent.error).toBeUndefined();
		await bed.control('POST', `/_sandbox/orders/${referenceId}/pay`, { outcome: 'success' });
		const looked = await bed.run({ resource: 'payment', operation: 'lookUp', paymentConfiguration: DIALOG360_CONFIGURATION, referenceId, options: FAST_RETRIES });
		expect(looked.json(NODE)[0]).toMatchObject({ referenceId, status: 'captured' });
		expect((await bed.requests()).slice(before).map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
			'POST /messages 200',
			`GET /v1/payments/razorpay-sandbox/${referenceId} 200`,
		]);
		expect((await arrived(referenceId)).channel).toBe('dialog360');
	});
});

describe("Meta's current order fields, from the node's UI to the sandbox", () => {
	it('India payment gateway: Payment Options (enabled options, preferred UPI app) and Razorpay TPV', async () => {
		const referenceId = newReference('OPT');
		const result = await bed.run(
			indiaOrder(referenceId, {
				paymentOptions: { enabledPaymentOptions: ['upi'], preferredUpiApp: 'phonepe' },
				razorpayTpv: { encryptedPaymentGatewayData: 'ZW5jcnlwdGVkLWFjY291bnQ=' },
			}),
		);
		expect(result.error).toBeUndefined();
		const [out] = result.json(NODE);
		expect(parametersOf(out.message).payment_settings).toEqual([
			{
				type: 'payment_gateway',
				payment_gateway: { type: 'razorpay', configuration_name: 'razorpay-sandbox', enabled_payment_options: ['upi'], preferred_payment_methods: [{ method: 'phonepe' }] },
			},
			{ type: 'razorpay', razorpay: { encrypted_payment_gateway_data: 'ZW5jcnlwdGVkLWFjY291bnQ=' } },
		]);
		expect((await arrived(referenceId)).messages).toEqual([expect.objectContaining({ id: out.wamid })]);
	});

	it('India payment gateway: a UPI-enabled bill above ₹5,00,000 fails before any request, naming enabled_payment_options', async () => {
		const result = await bed.run(indiaOrder(newReference('BIG'), { taxAmount: 500000 }));
		expect(result.error?.message).toMatch(/^Input item 1: Payment Options › Enabled Payment Options: /);
		expect(result.error?.description).toMatch(/Enabled Payment Options: UPI is limited to 50000000/);
	});

	it('India payment link: success and cancel URLs', async () => {
		const referenceId = newReference('PLR');
		const result = await bed.run(
			indiaOrder(referenceId, {
				paymentMethod: 'paymentLink',
				paymentLinkUri: 'https://rzp.io/i/sandbox',
				paymentLinkReturnUrls: { successUrl: 'https://shop.example/ok', cancelUrl: 'https://shop.example/cancel' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(parametersOf(result.json(NODE)[0].message).payment_settings).toEqual([
			{ type: 'payment_link', payment_link: { uri: 'https://rzp.io/i/sandbox', success_url: 'https://shop.example/ok', cancel_url: 'https://shop.example/cancel' } },
		]);
		expect((await arrived(referenceId)).order_status).toBe('pending');
	});

	it('Brazil: Items Source "None: Total Only" sends the simplified bill without an order object', async () => {
		const referenceId = newReference('BRS');
		const result = await bed.run(
			indiaOrder(referenceId, {
				market: 'brazil',
				itemsSource: 'none',
				simplifiedTotal: 500,
				brazilPaymentMethods: { paymentLink: { uri: 'https://pagar.example.com.br/1' } },
				itemDefaults: {},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(parametersOf(result.json(NODE)[0].message)).toEqual({
			reference_id: referenceId,
			type: 'digital-goods',
			payment_type: 'br',
			payment_settings: [{ type: 'payment_link', payment_link: { uri: 'https://pagar.example.com.br/1' } }],
			currency: 'BRL',
			total_amount: { value: 50000, offset: 100 },
		});
		expect((await arrived(referenceId)).total).toBe('500.00');
	});

	it('Send Order Details Template: checkout-button shipping info and a PDF header', async () => {
		const referenceId = newReference('CHK');
		const result = await bed.run(
			indiaOrder(referenceId, {
				operation: 'sendOrderDetailsTemplate',
				templateName: 'checkout_button',
				languageCode: 'en_US',
				goodsType: 'physical-goods',
				additionalFields: {
					headerDocumentUrl: 'https://shop.example/bill.pdf',
					headerDocumentFilename: 'bill.pdf',
					shippingAddresses: { address: [{ name: 'Nidhi Tripathi', phoneNumber: '919000090000', address: 'Bandra Kurla Complex', city: 'Mumbai', state: 'Maharashtra', inPinCode: '400051' }] },
				},
			}),
		);
		expect(result.error).toBeUndefined();
		const template = (result.json(NODE)[0].message as any).template;
		expect(template.language).toEqual({ policy: 'deterministic', code: 'en_US' });
		expect(template.components[0]).toEqual({ type: 'header', parameters: [{ type: 'document', document: { link: 'https://shop.example/bill.pdf', filename: 'bill.pdf' } }] });
		expect(template.components[1].parameters[0].action.order_details.shipping_info).toEqual({
			country: 'IN',
			addresses: [{ name: 'Nidhi Tripathi', phone_number: '919000090000', address: 'Bandra Kurla Complex', city: 'Mumbai', state: 'Maharashtra', in_pin_code: '400051' }],
		});
		expect((await arrived(referenceId)).order_status).toBe('pending');
	});

	it('Send Order Details Template: shipping info with no known address', async () => {
		const referenceId = newReference('CHE');
		const result = await bed.run(
			indiaOrder(referenceId, { operation: 'sendOrderDetailsTemplate', templateName: 'checkout_button', languageCode: 'en_US', goodsType: 'physical-goods', additionalFields: { sendShippingInfo: true } }),
		);
		expect(result.error).toBeUndefined();
		const template = (result.json(NODE)[0].message as any).template;
		expect(template.components[0].parameters[0].action.order_details.shipping_info).toEqual({ country: 'IN', addresses: [] });
	});
});
