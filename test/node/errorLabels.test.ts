/**
 * Every error a user can cause in the node's form, listed: each names the field by the label the form
 * shows (never a parameter name or a JSON path), order lines as "line N", input items as "Input item N"
 * (both counted from 1), and nothing reaches the API.
 */
import type { IDataObject, INodeParameters, INodeProperties, INodePropertyCollection } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';

import * as checkout from '../../nodes/WhatsAppPayments/resources/checkout';
import * as order from '../../nodes/WhatsAppPayments/resources/order';
import * as payment from '../../nodes/WhatsAppPayments/resources/payment';
import * as paymentConfiguration from '../../nodes/WhatsAppPayments/resources/paymentConfiguration';
import { labelIndex } from '../../nodes/WhatsAppPayments/shared/labels';
import { checkoutOffer } from './checkoutOffer';
import { FAST_RETRIES, INDIA_IMPORTER, NODE, cloudCredentials, newReference, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

const bill = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'sendOrderDetails',
	to: '919876543210',
	market: 'india',
	referenceId: newReference('LBL'),
	paymentMethod: 'paymentGateway',
	gateway: 'razorpay',
	paymentConfiguration: { __rl: true, mode: 'name', value: 'razorpay-sandbox' },
	itemsSource: 'define',
	items: { item: [{ name: 'Masala Chai', amount: 120.5, quantity: 2, retailerId: 'chai-1' }] },
	itemDefaults: INDIA_IMPORTER,
	taxAmount: 12,
	body: 'Your bill',
	options: FAST_RETRIES,
	...parameters,
});
const status = (parameters: INodeParameters): INodeParameters => ({
	resource: 'order',
	operation: 'sendOrderStatus',
	to: '919876543210',
	referenceId: 'ANY-REF',
	status: 'processing',
	body: 'Update',
	options: FAST_RETRIES,
	...parameters,
});
const paymentOperation = (operation: string, parameters: INodeParameters): INodeParameters => ({
	resource: 'payment',
	operation,
	paymentConfiguration: { __rl: true, mode: 'name', value: 'razorpay-sandbox' },
	referenceId: 'ANY-REF',
	options: FAST_RETRIES,
	...parameters,
});
const configuration = (parameters: INodeParameters): INodeParameters => ({ resource: 'paymentConfiguration', operation: 'create', options: FAST_RETRIES, ...parameters });

/** Version 2 (the merchant's form) of a bill: the gateway left to the configuration, limits in Sending Limits. */
const billV2 = (parameters: INodeParameters = {}): INodeParameters => {
	const base = bill();
	// Version 1's places of the gateway and the limits.
	delete base.gateway;
	delete base.options;
	return { ...base, sendingLimits: FAST_RETRIES, ...parameters };
};
const V2 = { typeVersion: 2 };
/** Version 2 of a Brazil bill, paid by the Payment Methods given (a Pix code by default). */
const brazilV2 = (parameters: INodeParameters = {}): INodeParameters =>
	billV2({
		to: '5511987654321',
		market: 'brazil',
		brazilPaymentMethods: { pixDynamicCode: { code: '00020101021226', merchantName: 'Loja', key: 'pix@loja.com.br', keyType: 'EMAIL' } },
		items: { item: [{ name: 'Café', amount: 10, quantity: 1, retailerId: 'cafe-1' }] },
		taxAmount: 0,
		...parameters,
	});

/** An item row's importer fields (INDIA_IMPORTER) but one. */
const importerWithout = (name: keyof typeof INDIA_IMPORTER) => Object.fromEntries(Object.entries(INDIA_IMPORTER).filter(([key]) => key !== name));

/** The node's version (default 1) and the field the user set wrong, as a parameter path (see formPath). */
interface Case {
	typeVersion?: number;
	field?: string;
}
/** A version 2 case whose error names `field`. */
const v2 = (field: string): Case => ({ typeVersion: 2, field });
/** A version 1 case whose error names `field`. */
const v1 = (field: string): Case => ({ typeVersion: 1, field });

/** [what the user did, the node's parameters, the input items, how the message starts, the version and the field set]. */
const USER_ERRORS: Array<[string, INodeParameters, IDataObject[], string, Case?]> = [
	['an item amount that is not a number (second input item)', bill({ items: { item: [{ name: 'Tea', amount: '={{ $json.price }}', quantity: 1, retailerId: 't' }] } }), [{ price: 10 }, { price: 'ten' }], 'Input item 2: Items › line 1 › Amount: ', v1('items.item[0].amount')],
	['Items (JSON) that is not JSON', bill({ itemsSource: 'json', itemsJson: '[{ "name": "Tea",' }), [{}], 'Input item 1: Items (JSON): is not valid JSON'],
	['Items (JSON) that is a text, not a list', bill({ itemsSource: 'json', itemsJson: '={{ "not json" }}' }), [{}], 'Input item 1: Items (JSON): must be a list [...] of items (or one item object {...}), not the text "not json"'],
	['Items (JSON) from an expression that gives nothing', bill({ itemsSource: 'json', itemsJson: '={{ $json.items }}' }), [{}], 'Input item 1: Items (JSON): must be a list [...] of items (or one item object {...}), not nothing'],
	['a JSON item with an unknown key', bill({ itemsSource: 'json', itemsJson: '={{ [{ "name": "A", "amount": 1, "quantity": 1, "colour": "red" }] }}' }), [{}], 'Input item 1: Items (JSON) › line 1: unknown key "colour"'],
	['a JSON item without an amount', bill({ itemsSource: 'json', itemsJson: '[{ "name": "A", "quantity": 1 }]' }), [{}], 'Input item 1: Items (JSON) › line 1 › Amount: is empty or missing: give the price of one unit, e.g. 1200 or 120.50'],
	['a discount description without a discount', bill({ additionalFields: { discountDescription: 'Festival' } }), [{}], 'Additional Fields › Discount Description: ', v1('additionalFields.discountDescription')],
	['a Razorpay note without a key', bill({ razorpayFields: { notes: { note: [{ key: ' ', value: 'x' }] } } }), [{}], 'Razorpay Fields › Notes › line 1 › Key: ', v1('razorpayFields.notes.note[0].key')],
	['an India item without country of origin or importer', bill({ itemDefaults: {} }), [{}], 'Input item 1: Items › line 1 › '],
	['both expiry fields', bill({ additionalFields: { expiresInMinutes: 30, expiresAt: '2999-01-01T00:00:00Z' } }), [{}], 'Additional Fields: ', v1('additionalFields')],
	['a template value that is not name|language', bill({ operation: 'sendOrderDetailsTemplate', template: 'order_bill' }), [{}], 'Template Name or ID: "order_bill" is not a template from the list', v1('template')],
	['an order status template neither picked nor typed', status({ operation: 'sendOrderStatusTemplate', templateName: '' }), [{}], 'Template Name or ID: choose an approved template from the list (or type its name under Template Name)', v1('template')],
	['an order status description over 120 characters', status({ additionalFields: { description: 'x'.repeat(121) } }), [{}], 'Input item 1: Additional Fields › Description: ', v1('additionalFields.description')],
	['a refund amount with too many decimals', paymentOperation('refund', { amount: 1.234 }), [{}], 'Amount: ', v1('amount')],
	['a look-up without a reference ID', paymentOperation('lookUp', { referenceId: '={{ "" }}' }), [{}], 'Reference ID: ', v1('referenceId')],
	// "." and ".." in a path segment would be resolved by URL parsing: /payments/{configuration}/.. is /payments/.
	['a look-up of the reference ID ".."', paymentOperation('lookUp', { referenceId: '..' }), [{}], 'Reference ID: must contain a letter, digit, "_" or "-"', v1('referenceId')],
	['a refund on the payment configuration "."', paymentOperation('refund', { amount: 1, paymentConfiguration: { __rl: true, mode: 'name', value: '.' } }), [{}], 'Payment Configuration: must contain a letter, digit, "_" or "-"', v1('paymentConfiguration')],
	['a guarded cancel of the reference ID ".." (its lookup path would lose a segment)', status({ status: 'canceled', referenceId: '..', checkPaymentBeforeCanceling: true, paymentConfiguration: { __rl: true, mode: 'name', value: 'razorpay-sandbox' } }), [{}], 'Reference ID: must contain a letter, digit, "_" or "-"', v1('referenceId')],
	['v2: a Sending Phone Number that is not an ID (it goes into the request path)', billV2({ phoneNumberId: '../100000000000001' }), [{}], 'Sending Phone Number Name or ID: must be an ID of digits only, not "../100000000000001"', v2('phoneNumberId')],
	['a template bill whose item name is too long (checked on the template message)', bill({ operation: 'sendOrderDetailsTemplate', template: 'order_bill|en_US', items: { item: [{ name: 'x'.repeat(61), amount: 10, quantity: 1, retailerId: 't' }] } }), [{}], 'Input item 1: Items › line 1 › Name: ', v1('items.item[0].name')],
	['v2: "All Input Items" in a template bill, the third row\'s name too long: the row named as its input item', billV2({ operation: 'sendOrderDetailsTemplate', template: 'order_bill|en_US', itemsSource: 'inputItems' }), [{ name: 'Tea', price: 10, qty: 1 }, { name: 'Cake', price: 10, qty: 1 }, { name: 'x'.repeat(61), price: 10, qty: 1 }], 'Input item 3 › Name: ', V2],
	['v2: a Sending Phone Number expression that gives the second item another number (the run sends from one)', billV2({ phoneNumberId: '={{ $json.number }}' }), [{ number: '100000000000001' }, { number: '100000000000009' }], 'Sending Phone Number Name or ID: input item 2 gives "100000000000009" but input item 1 gives "100000000000001": one run sends from one number', v2('phoneNumberId')],
	['an Expires At in the past', bill({ additionalFields: { expiresAt: '2020-01-01T00:00:00Z' } }), [{}], 'Input item 1: Additional Fields › Expires At: must be at least 5 minutes from now: after 20', v1('additionalFields.expiresAt')],
	['an Expires In (Minutes) of 2 from an expression', bill({ additionalFields: { expiresInMinutes: '={{ 2 }}' } }), [{}], 'Additional Fields › Expires In (Minutes): must be a number of minutes, at least 5, not 2', v1('additionalFields.expiresInMinutes')],
	['a configuration without a name', configuration({ configurationName: '={{ "" }}', providerName: 'payu' }), [{}], 'Configuration Name: ', v1('configurationName')],
	['a malformed merchant category code', configuration({ configurationName: 'x', providerName: 'payu', additionalFields: { merchantCategoryCode: '12' } }), [{}], 'Input item 1: Additional Fields › Merchant Category Code: ', v1('additionalFields.merchantCategoryCode')],
	['v2: a gateway that does not match the payment configuration', billV2({ gateway: 'payu' }), [{}], 'Payment Gateway: PayU does not match the Payment Configuration ', v2('gateway')],
	['v2: a payment configuration the account does not have', billV2({ paymentConfiguration: { __rl: true, mode: 'name', value: 'nope' } }), [{}], 'Payment Configuration: ', v2('paymentConfiguration')],
	['v2: a UPI VPA configuration for a payment gateway bill', billV2({ paymentConfiguration: { __rl: true, mode: 'list', value: 'upi-sandbox' } }), [{}], 'Payment Configuration: ', v2('paymentConfiguration')],
	['v2: a Sending Limits value out of bounds', billV2({ sendingLimits: { maxRetries: 11 } }), [{}], 'Sending Limits › Max Retries: must be a whole number from 0 to 10, not 11', v2('sendingLimits.maxRetries')],
	['v2: a partial refund amount with too many decimals', paymentOperation('refund', { refundType: 'partial', amount: 1.234, options: {} }), [{}], 'Amount: ', v2('amount')],
	['v2: a reference ID with spaces', billV2({ referenceId: 'ORDER 1' }), [{}], 'Input item 1: Reference ID: ', v2('referenceId')],
	['v2: an item quantity of 0', billV2({ items: { item: [{ name: 'Tea', amount: 10, quantity: 0, retailerId: 't' }] } }), [{}], 'Input item 1: Items › line 1 › Quantity: ', v2('items.item[0].quantity')],
	['v2: two Razorpay notes with one key', billV2({ gateway: 'razorpay', razorpayFields: { notes: { note: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] } } }), [{}], 'Razorpay Fields › Notes › line 2 › Key: ', v2('razorpayFields.notes.note[1].key')],
	['v2: a template not chosen', billV2({ operation: 'sendOrderDetailsTemplate', template: '' }), [{}], 'Template Name or ID: choose an approved template from the list (or type its name under Template Name)', v2('template')],
	['v2: a partial refund of 0', paymentOperation('refund', { refundType: 'partial', amount: 0, options: {} }), [{}], 'Amount: must be greater than 0', v2('amount')],
	['v2: a Concurrency out of bounds', billV2({ sendingLimits: { concurrency: 1000 } }), [{}], 'Sending Limits › Concurrency: must be a whole number from 0 to 100, not 1000', v2('sendingLimits.concurrency')],
	['v2: a recipient that is a name, not a number', billV2({ to: 'Asha' }), [{}], 'Input item 1: Recipient Phone Number: "Asha" is not a phone number', v2('to')],
	['an order status to an empty recipient (a blank sheet cell)', status({ to: '={{ "" }}' }), [{}], 'Input item 1: Recipient Phone Number: is required', v2('to')],
	// A mapped value that is null or missing went out as the text "null" / "undefined" on a real bill or status.
	['v2: a Reference ID mapped from an empty cell (null)', billV2({ referenceId: '={{ $json.ref }}' }), [{ ref: null }], 'Input item 1: Reference ID: ', v2('referenceId')],
	['v2: a Body mapped from an object', billV2({ body: '={{ $json.message }}' }), [{ message: { text: 'Hi' } }], 'Body: must be text, not an object', v2('body')],
	['v2: an order status Reference ID mapped from a missing column', status({ options: {}, sendingLimits: FAST_RETRIES, referenceId: '={{ $json.ref }}' }), [{}], 'Input item 1: Reference ID: ', v2('referenceId')],
	// A switch mapped from a sheet: "TRUE" is read as on; a word that is neither fails, never read by truthiness.
	['v2: Check Payment Before Canceling mapped to "yes"', status({ options: {}, sendingLimits: FAST_RETRIES, status: 'canceled', checkPaymentBeforeCanceling: '={{ "yes" }}', paymentConfiguration: { __rl: true, mode: 'name', value: 'razorpay-sandbox' } }), [{}], 'Check Payment Before Canceling: must be true or false, not "yes"', v2('checkPaymentBeforeCanceling')],
	['v2: Skip Orders Already Sent mapped to "maybe"', billV2({ options: { skipOrdersAlreadySent: '={{ "maybe" }}' } }), [{}], 'Options › Skip Orders Already Sent: must be true or false, not "maybe"', v2('options.skipOrdersAlreadySent')],
	['v2: Get Many with a Limit of -1 from an expression', { resource: 'paymentConfiguration', operation: 'getAll', returnAll: false, limit: '={{ -1 }}', sendingLimits: FAST_RETRIES }, [{}], 'Limit: must be a whole number of at least 1, not -1', v2('limit')],
	// Two header fields of which the message takes one: the other used to be dropped.
	['v2: an order status with a header image and a header text', status({ options: {}, sendingLimits: FAST_RETRIES, additionalFields: { headerImageUrl: 'https://shop.example/p.png', headerText: 'Shipped' } }), [{}], 'Additional Fields › Header Text (Brazil): set it or "Header Image URL (Brazil)", not both', v2('additionalFields.headerText')],
	['v2: a template bill with a header image and a header document', billV2({ operation: 'sendOrderDetailsTemplate', template: 'order_bill|en_US', additionalFields: { headerImageUrl: 'https://shop.example/p.png', headerDocumentUrl: 'https://shop.example/bill.pdf' } }), [{}], 'Additional Fields › Header Document URL: set it or "Header Image URL", not both', v2('additionalFields.headerDocumentUrl')],
	['v2: a template bill with a document filename and no document', billV2({ operation: 'sendOrderDetailsTemplate', template: 'order_bill|en_US', additionalFields: { headerDocumentFilename: 'bill.pdf' } }), [{}], 'Additional Fields › Header Document Filename: needs "Header Document URL" as well', v2('additionalFields.headerDocumentFilename')],
	['v2: an order status payment time that is not a date', status({ options: {}, sendingLimits: FAST_RETRIES, additionalFields: { paymentStatus: 'captured', paymentTimestamp: 'yesterday' } }), [{}], 'Input item 1: Additional Fields › Payment Timestamp (Brazil): "yesterday" is not a date', v2('additionalFields.paymentTimestamp')],
	['v2: an order status payment time without its payment status', status({ options: {}, sendingLimits: FAST_RETRIES, additionalFields: { paymentTimestamp: '2026-01-01T00:00:00Z' } }), [{}], 'Additional Fields › Payment Timestamp (Brazil): needs "Payment Status (Brazil)" as well', v2('additionalFields.paymentTimestamp')],
	['v2: Payment Status (Brazil) added and left on "Choose the Outcome"', status({ options: {}, sendingLimits: FAST_RETRIES, additionalFields: { paymentStatus: '' } }), [{}], 'Input item 1: Additional Fields › Payment Status (Brazil): choose the payment outcome you confirmed with your PSP, or remove the field', v2('additionalFields.paymentStatus')],
	['v2: a Brazil payment-only status without its payment status', status({ status: 'paymentOnly', options: {}, sendingLimits: FAST_RETRIES }), [{}], 'Input item 1: Additional Fields › Payment Status (Brazil): is required with Status "Payment Update Only (Brazil)"', v2('additionalFields.paymentStatus')],
	['v2: "All Input Items" with a sheet row whose price is not a number: the row named as its input item', billV2({ itemsSource: 'inputItems' }), [{ name: 'Tea', price: 10, qty: 1 }, { name: 'Cake', price: 'ten', qty: 2 }], 'Input item 2 › Amount: "ten" is not an amount: write digits only', V2],
	// A sheet with a unit Price and a line-total Amount: the last column read used to be billed as the unit price.
	['v2: "All Input Items" with a row whose Price and Amount differ', billV2({ itemsSource: 'inputItems' }), [{ name: 'Tea', price: 10, qty: 1 }, { name: 'Cake', Qty: 2, Price: 100, Amount: 200 }], 'Input item 2 › Amount: "Price" (100) and "Amount" (200) both give it: keep one of the two, or rename the other', V2],
	['v2: a JSON item with two quantities', billV2({ itemsSource: 'json', itemsJson: '[{ "name": "Tea", "amount": 10, "quantity": 3, "qty": 1 }]' }), [{}], 'Input item 1: Items (JSON) › line 1 › Quantity: "quantity" (3) and "qty" (1) both give it: keep one of the two, or rename the other', V2],
	['v2: "All Input Items" with two importer city columns that differ', billV2({ itemsSource: 'inputItems' }), [{ name: 'Tea', price: 10, qty: 1, 'Importer City': 'Delhi', importer_city: 'Mumbai' }], 'Input item 1 › Importer City: "Importer City" ("Delhi") and "importer_city" ("Mumbai") both give it', V2],
	// The address object is what is sent: a column beside it that says otherwise, or what it lacks, used to be dropped.
	['v2: "All Input Items" with an importer address object and a city column that differ', billV2({ itemsSource: 'inputItems' }), [{ name: 'Tea', price: 10, qty: 1, importer_address: { address_line1: 'B8', city: 'Delhi', zone_code: 'DL', postal_code: '110093', country_code: 'IN' }, 'Importer City': 'Mumbai' }], 'Input item 1 › Importer City: "importer_address › city" ("Delhi") and "Importer City" ("Mumbai") both give it: give the importer\'s address one way', V2],
	['v2: "All Input Items" with an importer address object and a PIN code column it lacks', billV2({ itemsSource: 'inputItems' }), [{ name: 'Tea', price: 10, qty: 1, importer_address: { address_line1: 'B8', city: 'Delhi', zone_code: 'DL', country_code: 'IN' }, 'Importer PIN Code': '110093' }], 'Input item 1 › Importer PIN Code: "Importer PIN Code" ("110093") is not in "importer_address", which is sent instead: give the importer\'s address one way', V2],
	['v2: a JSON item with two importer address objects that differ', billV2({ itemsSource: 'json', itemsJson: '[{ "name": "Tea", "amount": 10, "quantity": 1, "importer_address": { "city": "Delhi" }, "importerAddress": { "city": "Mumbai" } }]' }), [{}], 'Input item 1: Items (JSON) › line 1 › Importer City: "importer_address › city" ("Delhi") and "importerAddress › city" ("Mumbai") both give it', V2],
	['v2: "All Input Items" with a SKU and a Retailer ID that differ only by leading zeros (IDs are not numbers)', billV2({ itemsSource: 'inputItems' }), [{ name: 'Tea', price: 10, qty: 1, SKU: '00123', 'Retailer ID': '123' }], 'Input item 1 › Retailer ID: "SKU" ("00123") and "Retailer ID" ("123") both give it', V2],
	// The form's words are column names too: "Importer PIN Code" is read as the importer's postal code.
	['v2: "All Input Items" with an Importer PIN Code column and a postal code column that differ', billV2({ itemsSource: 'inputItems' }), [{ name: 'Tea', price: 10, qty: 1, 'Importer PIN Code': '110020', importer_postal_code: '110093' }], 'Input item 1 › Importer PIN Code: "Importer PIN Code" ("110020") and "importer_postal_code" ("110093") both give it', V2],
	['v2: an item row left at Amount 0', billV2({ items: { item: [{ name: 'Tea', amount: 0, quantity: 1, retailerId: 't' }] } }), [{}], 'Input item 1: Items › line 1 › Amount: must be greater than 0', v2('items.item[0].amount')],
	['v2: an India item row without its importer', billV2({ items: { item: [{ name: 'Tea', amount: 10, quantity: 1, retailerId: 't', countryOfOrigin: 'India' }] }, itemDefaults: {} }), [{}], 'Input item 1: Items › line 1 › Importer ', V2],
	// A sheet poll brings the new rows of several orders: "All Input Items" would bill them all to item 1's customer.
	['v2: "All Input Items" with rows of two orders', billV2({ itemsSource: 'inputItems', referenceId: '={{ $json.order }}' }), [{ order: 'ORD-1', name: 'Tea', price: 10, qty: 1 }, { order: 'ORD-1', name: 'Cake', price: 10, qty: 1 }, { order: 'ORD-2', name: 'Jam', price: 10, qty: 1 }], 'Reference ID: input item 3 gives "ORD-2" but input item 1 gives "ORD-1": "All Input Items" makes one bill for one customer', v2('referenceId')],
	['v2: "All Input Items" with rows of two customers', billV2({ itemsSource: 'inputItems', to: '={{ $json.phone }}' }), [{ phone: '919876543210', name: 'Tea', price: 10, qty: 1 }, { phone: '919812345678', name: 'Cake', price: 10, qty: 1 }], 'Recipient Phone Number: input item 2 gives "919812345678" but input item 1 gives "919876543210": "All Input Items" makes one bill for one customer', v2('to')],
	['v2: a Total (Check) that is not the total: both in rupees, not paise', billV2({ additionalFields: { total: 100 } }), [{}], 'Input item 1: Additional Fields › Total (Check): must be 253.00 (subtotal + tax + shipping - discount) but is 100.00', v2('additionalFields.total')],
	['v2: a Subtotal (Check) in paise (Amounts In: Minor Units): both in paise', billV2({ amountsIn: 'minor', items: { item: [{ name: 'Tea', amount: 12050, quantity: 2, retailerId: 't' }] }, taxAmount: 0, additionalFields: { subtotal: 100 } }), [{}], 'Input item 1: Additional Fields › Subtotal (Check): must be 24100 (each item\'s Sale Amount or Amount × Quantity, added up) but is 100', v2('additionalFields.subtotal')],
	['v2: a Sale Amount above the Amount', billV2({ items: { item: [{ name: 'Tea', amount: 120, saleAmount: 130, quantity: 1, retailerId: 't' }] } }), [{}], "Input item 1: Items › line 1 › Sale Amount: must be less than the item's price (120.00)", v2('items.item[0].saleAmount')],
	['v2: a Brazil Pix method without its key', brazilV2({ brazilPaymentMethods: { pixDynamicCode: { code: '000201', merchantName: 'Loja', key: '', keyType: 'CPF' } } }), [{}], 'Input item 1: Payment Methods › Pix (Dynamic Code) › Pix Key: must not be empty', v2('brazilPaymentMethods.pixDynamicCode.key')],
	['v2: a One-Click card with 2 digits', brazilV2({ brazilPaymentMethods: { offsiteCardPay: { lastFourDigits: '42', credentialId: 'card-1' } } }), [{}], 'Input item 1: Payment Methods › One-Click Card (Offsite Card Pay) › Last Four Digits: must be 4 digits, e.g. 4242', v2('brazilPaymentMethods.offsiteCardPay.lastFourDigits')],
	['v2: a Brazil payment link on http', brazilV2({ brazilPaymentMethods: { paymentLink: { uri: 'http://pay.example/1' } } }), [{}], 'Input item 1: Payment Methods › Payment Link › Link: must be a link starting with https://, without spaces', v2('brazilPaymentMethods.paymentLink.uri')],
	['v2: an India payment link on http', billV2({ paymentMethod: 'paymentLink', paymentLinkUri: 'http://pay.example/1' }), [{}], 'Input item 1: Payment Link: must be a link starting with https://, without spaces', v2('paymentLinkUri')],
	['v2: a Brazil bill without a payment method', brazilV2({ brazilPaymentMethods: {} }), [{}], 'Input item 1: Payment Methods: needs at least one payment method', v2('brazilPaymentMethods')],
	['v2: a Brazil expiry without its description', brazilV2({ additionalFields: { expiresInMinutes: 30 } }), [{}], 'Input item 1: Additional Fields › Expiration Description: is required in Brazil when the order expires, e.g. "Pague em até 1 hora"', v2('additionalFields.expirationDescription')],
	['v2: an India item with both Image URL and Retailer ID', billV2({ items: { item: [{ name: 'Tea', amount: 10, quantity: 1, retailerId: 't', imageUrl: 'https://shop.example/tea.jpg' }] } }), [{}], 'Input item 1: Items › line 1 › Image URL: cannot be used together with a Retailer ID', v2('items.item[0].imageUrl')],
	['v2: a Brazil JSON item with an image', brazilV2({ itemsSource: 'json', itemsJson: '[{ "name": "Café", "amount": 10, "quantity": 1, "retailer_id": "c", "image_url": "https://loja.example/c.jpg" }]' }), [{}], 'Input item 1: Items (JSON) › line 1 › Image URL: is for India orders only', V2],
	// brazil-orders.md § Item object has no importer fields.
	['v2: a Brazil JSON item with a country of origin', brazilV2({ itemsSource: 'json', itemsJson: '[{ "name": "Café", "amount": 10, "quantity": 1, "retailer_id": "c", "country_of_origin": "Brasil" }]' }), [{}], 'Input item 1: Items (JSON) › line 1 › Country of Origin: is for India orders only', V2],
	['v2: an India item without an importer and no Item Defaults', billV2({ itemDefaults: {} }), [{}], 'Input item 1: Items › line 1 › Country of Origin: is required without a Catalog ID: fill it in on the item, or once for all items in Item Defaults', v2('items.item[0].countryOfOrigin')],
	['v2: a sheet price typed "₹120"', billV2({ itemsSource: 'inputItems' }), [{ name: 'Tea', price: '₹120', qty: 1 }], 'Input item 1 › Amount: "₹120" is not an amount: write digits only, without ₹, R$ or commas, e.g. 1200 or 120.50', V2],
	['v2: a sheet price typed "1,200" (a comma may be Brazil\'s decimal separator: refused, never guessed)', billV2({ itemsSource: 'inputItems' }), [{ name: 'Tea', price: '1,200', qty: 1 }], 'Input item 1 › Amount: "1,200" is not an amount', V2],
	['v2: a sheet row with an empty price cell', billV2({ itemsSource: 'inputItems' }), [{ name: 'Tea', price: '', qty: 1 }], 'Input item 1 › Amount: is empty or missing: give the price of one unit, e.g. 1200 or 120.50', V2],
	['v2: a checkout Importer PIN Code of 5 digits', checkoutOffer({ importerPostalCode: '11009' }), [{}], 'Input item 1: Importer PIN Code: must be a 6-digit PIN code, e.g. 400051, not "11009"', v2('importerPostalCode')],
	// The editor stops a typed value under 5, not an expression's: the form refuses it as the bill's form does (it was sent as 6 minutes, or refused by the core naming the timestamp).
	['v2: a checkout Expires In (Minutes) of 2 from an expression', checkoutOffer({ additionalFields: { expiresInMinutes: '={{ 2 }}' } }), [{}], 'Additional Fields › Expires In (Minutes): must be a number of minutes, at least 5, not 2', v2('additionalFields.expiresInMinutes')],
	['v2: a checkout Expires In (Minutes) that is not a number', checkoutOffer({ additionalFields: { expiresInMinutes: '={{ "soon" }}' } }), [{}], 'Additional Fields › Expires In (Minutes): must be a number of minutes, at least 5, not "soon"', v2('additionalFields.expiresInMinutes')],
	// A carousel is one message: a sheet poll's rows of two customers would all go to item 1's customer.
	['v2: a checkout carousel of rows of two customers', checkoutOffer({ products: 'carousel', template: 'plants_back_in_stock_carousel|en_US', to: '={{ $json.phone }}', referenceId: '={{ $json.ref }}' }), [{ phone: '919876543210', ref: newReference('CO-A') }, { phone: '919812345678', ref: newReference('CO-B') }], 'Recipient Phone Number: input item 2 gives "919812345678" but input item 1 gives "919876543210": "All Input Items in One Carousel" sends one message to one customer', v2('to')],
	['v2: a checkout carousel whose body names each row\'s product', checkoutOffer({ products: 'carousel', template: 'plants_back_in_stock_carousel|en_US', referenceId: '={{ $json.ref }}', bodyParameters: { parameter: [{ text: '={{ $json.name }}' }] } }), [{ name: 'Blue Elf Aloe', ref: newReference('CO-A') }, { name: 'Snake Plant', ref: newReference('CO-B') }], 'Body Parameters › Parameter: input item 2 gives [{"text":"Snake Plant"}] but input item 1 gives [{"text":"Blue Elf Aloe"}]: "All Input Items in One Carousel"', v2('bodyParameters.parameter')],
	// Each card's order is paid through the run's one configuration and read in its one amounts unit: a row naming another fails.
	['v2: a checkout carousel whose rows name two payment configurations', checkoutOffer({ products: 'carousel', template: 'plants_back_in_stock_carousel|en_US', referenceId: '={{ $json.ref }}', paymentConfiguration: { __rl: true, mode: 'name', value: '={{ $json.config }}' } }), [{ config: 'razorpay-sandbox', ref: newReference('CO-A') }, { config: 'payu-sandbox', ref: newReference('CO-B') }], 'Payment Configuration: input item 2 gives "payu-sandbox" but input item 1 gives "razorpay-sandbox": "All Input Items in One Carousel"', v2('paymentConfiguration')],
	['v2: a checkout carousel whose rows give their amounts in two units', checkoutOffer({ products: 'carousel', template: 'plants_back_in_stock_carousel|en_US', referenceId: '={{ $json.ref }}', amountsIn: '={{ $json.unit }}' }), [{ unit: 'major', ref: newReference('CO-A') }, { unit: 'minor', ref: newReference('CO-B') }], 'Amounts In: input item 2 gives "minor" but input item 1 gives "major": "All Input Items in One Carousel"', v2('amountsIn')],
	['v2: a checkout Importer State Code in words', checkoutOffer({ importerZoneCode: 'Delhi' }), [{}], 'Input item 1: Importer State Code: must be a two-letter state code in capitals, e.g. MH, not "Delhi"', v2('importerZoneCode')],
	// Fields the order sets under another name (Tax is the tax's amount, Body the body's text): named as the form names them.
	['v2: a Tax typed "₹18"', billV2({ taxAmount: '={{ "₹18" }}' }), [{}], 'Input item 1: Tax: "₹18" is not an amount', v2('taxAmount')],
	['v2: a Tax from an empty cell', billV2({ taxAmount: '={{ $json.tax }}' }), [{ tax: '' }], 'Input item 1: Tax: is empty', v2('taxAmount')],
	['v2: a Discount typed "₹5"', billV2({ additionalFields: { discountAmount: '={{ "₹5" }}' } }), [{}], 'Input item 1: Additional Fields › Discount: "₹5" is not an amount', v2('additionalFields.discountAmount')],
	['v2: a Shipping from an empty cell', billV2({ additionalFields: { shippingAmount: '={{ $json.shipping }}' } }), [{ shipping: '' }], 'Input item 1: Additional Fields › Shipping: is empty', v2('additionalFields.shippingAmount')],
	['v2: a Tax Description over 60 characters', billV2({ additionalFields: { taxDescription: 'x'.repeat(61) } }), [{}], 'Input item 1: Additional Fields › Tax Description: must be at most 60 characters', v2('additionalFields.taxDescription')],
	['v2: a Body over 1024 characters', billV2({ body: 'x'.repeat(1025) }), [{}], 'Input item 1: Body: must be at most 1024 characters', v2('body')],
	['v2: a Footer over 60 characters', billV2({ additionalFields: { footer: 'x'.repeat(61) } }), [{}], 'Input item 1: Additional Fields › Footer: must be at most 60 characters', v2('additionalFields.footer')],
	['v2: an order status Footer over 60 characters', status({ options: {}, sendingLimits: FAST_RETRIES, additionalFields: { footer: 'x'.repeat(61) } }), [{}], 'Input item 1: Additional Fields › Footer: must be at most 60 characters', v2('additionalFields.footer')],
	['v2: an order status Header Text (Brazil) over 60 characters', status({ options: {}, sendingLimits: FAST_RETRIES, additionalFields: { headerText: 'x'.repeat(61) } }), [{}], 'Input item 1: Additional Fields › Header Text (Brazil): must be at most 60 characters', v2('additionalFields.headerText')],
	['v2: a Razorpay Receipt over 40 characters', billV2({ gateway: 'razorpay', razorpayFields: { receipt: 'x'.repeat(41) } }), [{}], 'Input item 1: Razorpay Fields › Receipt: must be at most 40 characters', v2('razorpayFields.receipt')],
	['v2: a PayU UDF 1 over 255 characters', billV2({ gateway: 'payu', paymentConfiguration: { __rl: true, mode: 'name', value: 'payu-sandbox' }, payuFields: { udf1: 'x'.repeat(256) } }), [{}], 'Input item 1: PayU Fields › UDF 1: must be at most 255 characters', v2('payuFields.udf1')],
	['v2: a Zaakpay Extra 2 over 180 characters', billV2({ gateway: 'zaakpay', paymentConfiguration: { __rl: true, mode: 'name', value: 'zaakpay-sandbox' }, zaakpayFields: { extra2: 'x'.repeat(181) } }), [{}], 'Input item 1: Zaakpay Fields › Extra 2: must be at most 180 characters', v2('zaakpayFields.extra2')],
	['v2: a BillDesk Additional Info 7 over 120 characters', billV2({ gateway: 'billdesk', paymentConfiguration: { __rl: true, mode: 'name', value: 'billdesk-sandbox' }, billdeskFields: { additional_info7: 'x'.repeat(121) } }), [{}], 'Input item 1: BillDesk Fields › Additional Info 7: must be at most 120 characters', v2('billdeskFields.additional_info7')],
	['v2: an item row whose Importer Country Code is a name', billV2({ items: { item: [{ name: 'Tea', amount: 10, quantity: 1, retailerId: 't', ...INDIA_IMPORTER, importerCountryCode: 'India' }] }, itemDefaults: {} }), [{}], 'Input item 1: Items › line 1 › Importer Country Code: ', v2('items.item[0].importerCountryCode')],
	['v2: an item row without its Importer PIN Code', billV2({ items: { item: [{ name: 'Tea', amount: 10, quantity: 1, retailerId: 't', ...importerWithout('importerPostalCode') }] }, itemDefaults: {} }), [{}], 'Input item 1: Items › line 1 › Importer PIN Code: is required', v2('items.item[0].importerPostalCode')],
	['v2: an item row without its Importer Address Line 1', billV2({ items: { item: [{ name: 'Tea', amount: 10, quantity: 1, retailerId: 't', ...importerWithout('importerAddressLine1') }] }, itemDefaults: {} }), [{}], 'Input item 1: Items › line 1 › Importer Address Line 1: is required', v2('items.item[0].importerAddressLine1')],
	['v2: a Brazil Total (no items) left at 0', brazilV2({ itemsSource: 'none', simplifiedTotal: 0 }), [{}], 'Input item 1: Total: ', v2('simplifiedTotal')],
	// With items the total is computed: its errors name Total (Check), which the form shows, not the Total of a bill without items.
	['v2: an India UPI (Legacy) bill with items over ₹5,00,000', billV2({ paymentMethod: 'upiLegacy', paymentConfiguration: { __rl: true, mode: 'name', value: 'upi-sandbox' }, items: { item: [{ name: 'Gold', amount: 600000, quantity: 1, retailerId: 'g' }] } }), [{}], 'Input item 1: Additional Fields › Total (Check): UPI is limited to 50000000 (₹5,00,000)', v2('additionalFields.total')],
	['v2: the same as a template bill', billV2({ operation: 'sendOrderDetailsTemplate', template: 'order_bill|en_US', paymentMethod: 'upiLegacy', paymentConfiguration: { __rl: true, mode: 'name', value: 'upi-sandbox' }, items: { item: [{ name: 'Gold', amount: 600000, quantity: 1, retailerId: 'g' }] } }), [{}], 'Input item 1: Additional Fields › Total (Check): UPI is limited to 50000000 (₹5,00,000)', v2('additionalFields.total')],
	['v2: a Discount above the bill', billV2({ additionalFields: { discountAmount: 500 } }), [{}], 'Input item 1: Additional Fields › Total (Check): must be >= 1; Additional Fields › Discount: must not exceed subtotal + tax + shipping', v2('additionalFields.total')],
];

const RESOURCES = [order.description, payment.description, paymentConfiguration.description, checkout.description];
const FORM = labelIndex(RESOURCES.flat());
/** Parameter names that differ from their label (camelCase or wire names): none may appear in a message. */
const RAW_NAMES = [...FORM.keys()].filter((name) => /[A-Z_]/.test(name));
/** Every label the form shows: the display names of its fields, collections and rows (a resource's own, e.g. the checkout's "Importer PIN Code"). */
const FORM_LABELS = new Set(RESOURCES.flatMap((description) => [...labelIndex(description).values()]));

/** The path a message names before its first ": " ("Input item 2: Items › line 1 › Amount: ..." -> "Items › line 1 › Amount"). */
function pathNamed(message: string): string {
	const rest = message.replace(/^Input item \d+: /, '');
	return rest.slice(0, rest.indexOf(': '));
}
/** The labels of that path (Items, Amount). */
const labelsNamed = (message: string): string[] => pathNamed(message).split(' › ').filter((segment) => !/^(line|Input item) \d+$/.test(segment));

const NODE_TYPE = new WhatsAppPayments().description;
const isRow = (option: unknown): option is INodePropertyCollection => typeof option === 'object' && option !== null && 'values' in option;

/**
 * What the editor shows on the way to `field`, a parameter path of the node with `parameters` ("taxAmount",
 * "additionalFields.taxDescription", "items.item[0].importerPostalCode"): each field's label, a row of a list as
 * "line N" ("Items › line 1 › Importer PIN Code"), an option of a fixed collection by its label ("Payment Methods ›
 * Pix (Dynamic Code) › Pix Key"). The first field must be one the form shows with these parameters.
 */
function formPath(parameters: INodeParameters, typeVersion: number, field: string): string {
	const node = { typeVersion };
	const values = NodeHelpers.getNodeParameters(NODE_TYPE.properties, parameters, true, false, node, NODE_TYPE) ?? {};
	const [first, ...rest] = field.split('.');
	let property: INodeProperties | undefined = NODE_TYPE.properties.find((p) => p.name === first && NodeHelpers.displayParameter(values, p, node, NODE_TYPE));
	if (!property) throw new Error(`the form does not show "${first}" with these parameters`);
	const labels = [property.displayName];
	for (const segment of rest) {
		const [, name, index] = /^(\w+)(?:\[(\d+)\])?$/.exec(segment) ?? [];
		const option: unknown = (property.options ?? []).find((o) => typeof o === 'object' && o !== null && 'name' in o && o.name === name);
		if (isRow(option)) {
			labels.push(index === undefined ? option.displayName : `line ${Number(index) + 1}`);
			property = { displayName: option.displayName, name: option.name, type: 'collection', default: {}, options: option.values };
		} else if (option && typeof option === 'object' && 'type' in option) {
			property = option as INodeProperties;
			labels.push(property.displayName);
		} else {
			throw new Error(`"${property.displayName}" has no field "${segment}"`);
		}
	}
	return labels.join(' › ');
}

describe('every error a user can cause names the on-screen label', () => {
	// The case comes as a rest argument: a fifth parameter would make jest wait for a done() callback on 4-element rows.
	it.each(USER_ERRORS)('%s', async (_what, parameters, items, starts, ...rest) => {
		const { typeVersion = 1, field }: Case = rest[0] ?? {};
		const before = (await bed.requests()).length;
		const result = await bed.run(parameters, items, { typeVersion });
		const message = result.nodes[NODE].error?.message ?? '';
		expect(message.startsWith(starts) ? starts : message).toBe(starts);
		// The whole path is the form's way to the field that was set: each segment being some label of the form is not enough ("Tax › Amount").
		if (field !== undefined) expect(pathNamed(message)).toBe(formPath(parameters, typeVersion, field));
		// Each label is one the form shows, word for word ("Template Name or ID", never "Template").
		expect(labelsNamed(message).filter((label) => !FORM_LABELS.has(label))).toEqual([]);
		expect(message).not.toMatch(/(^|\s)\/[a-z_]+\/\d/);
		for (const name of RAW_NAMES) expect(message).not.toMatch(new RegExp(`\\b${name}\\b`));
		// Nothing reaches the API but, in version 2, the read of the account's payment configurations.
		expect((await bed.requests()).slice(before).filter((r) => !r.path.endsWith('/payment_configurations'))).toEqual([]);
	});
});

/** A message that starts with `start`, for lists of outputs. */
const startingWith = (start: string) => expect.stringMatching(new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
/** A row of a bill or card: its reference and its Expires In (Minutes). */
const upTo = (minutes: number, ref = newReference('LBL-N')) => ({ ref, minutes });

/** [what the user did, the node's parameters (version 2), the input items, how each item's output error starts (undefined: it went out)]. */
const PER_ITEM_ERRORS: Array<[string, INodeParameters, IDataObject[], Array<string | undefined>]> = [
	['bills whose Expires In (Minutes) or Reference ID is wrong on some rows', billV2({ referenceId: '={{ $json.ref }}', additionalFields: { expiresInMinutes: '={{ $json.minutes }}' } }), [upTo(30), upTo(2), upTo(30, 'ORDER 1')], [undefined, 'Input item 2: Additional Fields › Expires In (Minutes): must be a number of minutes, at least 5, not 2', 'Input item 3: Reference ID: ']],
	['bills whose Quick Pay is a word', billV2({ referenceId: '={{ $json.ref }}', additionalFields: { quickPay: '={{ $json.quick }}' } }), [{ ref: newReference('LBL-Q'), quick: 'false' }, { ref: newReference('LBL-Q'), quick: 'yes' }], [undefined, 'Input item 2: Additional Fields › Quick Pay: must be true or false, not "yes"']],
	['cancels whose Check Payment Before Canceling is a word', status({ options: {}, sendingLimits: FAST_RETRIES, status: 'canceled', checkPaymentBeforeCanceling: '={{ $json.check }}', paymentConfiguration: { __rl: true, mode: 'name', value: 'razorpay-sandbox' } }), [{ check: 'yes' }, { check: 'no' }], ['Input item 1: Check Payment Before Canceling: must be true or false, not "yes"', 'Input item 2: Check Payment Before Canceling: must be true or false, not "no"']],
	['partial refunds of "₹100" and 0', paymentOperation('refund', { refundType: 'partial', options: {}, sendingLimits: FAST_RETRIES, amount: '={{ $json.amount }}' }), [{ amount: '₹100' }, { amount: 0 }], ['Input item 1: Amount: "₹100" is not an amount', 'Input item 2: Amount: must be greater than 0']],
	['look-ups of an empty and a ".." reference ID', paymentOperation('lookUp', { options: {}, sendingLimits: FAST_RETRIES, referenceId: '={{ $json.ref }}' }), [{ ref: '' }, { ref: '..' }], ['Input item 1: Reference ID: is required', 'Input item 2: Reference ID: must contain a letter, digit, "_" or "-"']],
	['payment configurations without a name', { resource: 'paymentConfiguration', operation: 'create', sendingLimits: FAST_RETRIES, providerName: 'payu', configurationName: '={{ $json.name }}' }, [{ name: '' }, { name: ' ' }], ['Input item 1: Configuration Name: ', 'Input item 2: Configuration Name: ']],
	// A carousel is one output for all its input items: a card's field is named as its own input item's.
	['a checkout carousel whose second card expires in 2 minutes', checkoutOffer({ products: 'carousel', template: 'plants_back_in_stock_carousel|en_US', bodyParameters: { parameter: [{ text: 'Nidhi' }] }, referenceId: '={{ $json.ref }}', additionalFields: { expiresInMinutes: '={{ $json.minutes }}' } }), [upTo(30), upTo(2)], ['Input item 2: Additional Fields › Expires In (Minutes): must be a number of minutes, at least 5, not 2']],
];

describe('with several input items, a field error names its input item, once, and Continue On Fail lets the others go', () => {
	it.each(PER_ITEM_ERRORS)('%s', async (_what, parameters, items, errors) => {
		const result = await bed.run(parameters, items, { ...V2, continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.json(NODE).map((out) => out.error)).toEqual(errors.map((start) => (start === undefined ? undefined : startingWith(start))));
	});
});

describe('Sending Phone Number left empty, with the Meta Cloud API and a credential without a Default Phone Number ID', () => {
	beforeAll(() => bed.harness.setCredentials('whatsAppPaymentsApi', { ...cloudCredentials(bed.sandbox.url), phoneNumberId: '' }));
	afterAll(() => bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url)));

	it.each([
		['a look-up', paymentOperation('lookUp', { options: {}, sendingLimits: FAST_RETRIES }), 'the number the orders were sent from'],
		['a refund', paymentOperation('refund', { refundType: 'partial', amount: 1, options: {}, sendingLimits: FAST_RETRIES }), 'the number the orders were sent from'],
		['a bill', billV2(), 'the number the bills go out from'],
		['an order status', status({}), 'the number the order was sent from'],
	])('%s: the error says what the number is to it, nothing is sent', async (_what, parameters, role) => {
		const before = (await bed.requests()).length;
		const result = await bed.run(parameters, [{}], V2);
		expect(result.nodes[NODE].error?.message).toBe(`Sending Phone Number Name or ID: choose ${role}`);
		expect((await bed.requests()).slice(before).filter((r) => !r.path.endsWith('/payment_configurations'))).toEqual([]);
	});
});

describe('the refusal of a carousel whose rows differ tells the merchant to leave the cell empty: so it is for Body Parameters', () => {
	it('a body value on the first row only (the others empty or missing) goes out with the first row\'s', async () => {
		const rows = [{ name: 'Nidhi', ref: newReference('LBL-B') }, { name: '', ref: newReference('LBL-B') }, { ref: newReference('LBL-B') }];
		const result = await bed.run(checkoutOffer({ products: 'carousel', template: 'plants_back_in_stock_carousel|en_US', referenceId: '={{ $json.ref }}', bodyParameters: { parameter: [{ text: '={{ $json.name }}' }] } }), rows, V2);
		expect(result.error).toBeUndefined();
		const [sent] = result.json(NODE);
		expect(sent.referenceIds).toEqual(rows.map((row) => row.ref));
		const { components } = (sent.message as IDataObject).template as { components: IDataObject[] };
		expect(components[0]).toEqual({ type: 'body', parameters: [{ type: 'text', text: 'Nidhi' }] });
	});
});
