/**
 * Send Checkout Button Template: a marketing template whose "Buy now" button lets the buyer order without leaving
 * WhatsApp (checkout-button-templates.md). One product per input item (one message each), or every input item as a
 * card of one carousel (2 to 10 products). The core builds and checks the whole message before any request.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildCheckoutTemplateMessage, CAROUSEL_CARDS, CHECKOUT_GATEWAYS, CHECKOUT_IMPORTER_COUNTRY, checkoutOrdersOf, type CheckoutGateway, type CheckoutProductInput } from '../../../../core/checkoutTemplate';
import { OrderValidationError } from '../../../../core/errors';
import { GATEWAY_NAMES, settleGateway, type GatewayChoice } from '../../../../core/paymentConfigurations';
import type { ImporterAddressInput } from '../../../../core/types';
import { additionalFieldsCollection, amountsInOption, indiaAmountsInProperty, indiaReferenceIdProperty, readAmountsIn, recipientProperty, sendingPhoneNumberProperty, readRecipient } from '../../shared/fields';
import { optionsCollection } from '../../shared/pacing';
import { readParameter } from '../../shared/parameters';
import { configurationsOfRun, paymentConfigurationLocator, readPaymentConfiguration } from '../../shared/paymentConfiguration';
import { readTextParameter, text, withoutEmpty } from '../../shared/values';
import type { WhatsAppApi } from '../../transport';
import { executeOrderDetails, type PreparedOrderDetails } from '../order/orderDetailsDelivery';
import { expiresInField, readExpiresIn, textField } from '../order/orderFields';
import { readShippingInfo, shippingInfoFields } from '../order/shippingInfo';
import { readTemplate, templateProperties } from '../order/templateFields';
import { forOperation } from '../../shared/operation';

const shippingAddressesField = shippingInfoFields.find((f) => f.name === 'shippingAddresses') as INodeProperties;

const FROM_ITEM_HINT = (example: string) => `Per input item, e.g. ${example} from a sheet row`;

/** An amount in rupees; `example` and `column` are this field's own (a Tax field suggesting the price column misleads). */
const rupees = (displayName: string, name: string, description: string, example: string, column: string, required = false): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	required,
	placeholder: `e.g. ${example}`,
	hint: `In rupees, e.g. ${example} (× 100 when Amounts In is Minor Units). From a sheet: {{ $json.${column} }}`,
	description,
});

const properties: INodeProperties[] = [
	sendingPhoneNumberProperty('checkout'),
	recipientProperty,
	...templateProperties('Your approved checkout button templates (a "Buy now" button; a carousel for several products)', 'getCheckoutTemplates', 'buy_now|en_US'),
	{
		...paymentConfigurationLocator(),
		description: 'The payment configuration (a linked payment gateway) of your WhatsApp Business Account',
		hint: 'The payment gateway configuration (Razorpay, PayU or Zaakpay) the buyer pays through; link your checkout endpoint to it for coupons and shipping',
	},
	{
		displayName: 'Payment Gateway',
		name: 'gateway',
		type: 'options',
		options: [
			{ name: 'From the Payment Configuration', value: 'fromConfiguration', description: 'The gateway the configuration is linked to' },
			...CHECKOUT_GATEWAYS.map((gateway) => ({ name: GATEWAY_NAMES[gateway], value: gateway })),
		],
		default: 'fromConfiguration',
		hint: "Leave it: the node reads the configuration's gateway. Choose one with 360dialog, which cannot tell it",
	},
	{
		displayName: 'Products',
		name: 'products',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'One Product per Input Item', value: 'single', description: 'One message per input item, with its product and one "Buy now" button' },
			{ name: 'All Input Items in One Carousel', value: 'carousel', description: `One carousel message: each input item is a card with its own "Buy now" button (${CAROUSEL_CARDS.min} to ${CAROUSEL_CARDS.max} items)` },
		],
		default: 'single',
	},
	{ ...indiaReferenceIdProperty, hint: 'Unique per product and message; add -1, -2 to send the same order again, e.g. {{ $json.sku }}-{{ $now.toMillis() }}' },
	{ ...textField('Product Name', 'productName', 'At most 60 characters'), required: true, placeholder: 'e.g. Blue Elf Aloe', hint: FROM_ITEM_HINT('{{ $json.name }}') },
	{
		displayName: 'Image or Video',
		name: 'headerMedia',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://shop.example/aloe.jpg or 1558081531584829',
		hint: 'A public URL, or the media ID of an uploaded image or video (the card or message header)',
	},
	{
		displayName: 'Media Type',
		name: 'headerFormat',
		type: 'options',
		options: [
			{ name: 'Image', value: 'image' },
			{ name: 'Video', value: 'video' },
		],
		default: 'image',
		description: 'Whether the template\'s header is an image or a video',
	},
	indiaAmountsInProperty,
	rupees('Price', 'price', 'Price of one, before any sale', '1500 or 1499.50', 'price', true),
	rupees('Sale Price', 'salePrice', 'Optional: the price of one on sale, below Price', '1299', 'sale_price'),
	{ displayName: 'Quantity', name: 'quantity', type: 'number', typeOptions: { minValue: 1, maxValue: 100 }, default: 1, description: 'How many the buyer orders (at most 100)' },
	rupees('Tax', 'tax', 'Tax of the order (0 when none)', '0 or 270', 'tax'),
	{
		displayName: 'Goods Type',
		name: 'goodsType',
		type: 'options',
		options: [
			{ name: 'Physical Goods', value: 'physical-goods', description: 'Shipped: the buyer picks or adds an address' },
			{ name: 'Digital Goods', value: 'digital-goods', description: 'Nothing is shipped' },
		],
		default: 'physical-goods',
	},
	{ ...textField('Country of Origin', 'countryOfOrigin', 'Where the product was made, at most 100 characters'), default: 'India', required: true },
	{ ...textField('Importer Name', 'importerName', 'At most 200 characters'), required: true, placeholder: 'e.g. Lucky Shrub Imports and Exports' },
	{ ...textField('Importer Address Line 1', 'importerAddressLine1', 'At most 100 characters'), required: true, placeholder: 'e.g. One BKC' },
	{ ...textField('Importer City', 'importerCity', 'At most 120 characters'), required: true, placeholder: 'e.g. Mumbai' },
	{ ...textField('Importer State Code', 'importerZoneCode', 'Two letters'), required: true, placeholder: 'e.g. MH' },
	{ ...textField('Importer PIN Code', 'importerPostalCode', '6 digits'), required: true, placeholder: 'e.g. 400051' },
	additionalFieldsCollection([
		rupees('Discount', 'discount', 'Discount on the order', '150', 'discount'),
		textField('Discount Description', 'discountDescription', 'At most 60 characters, e.g. Additional 10% off'),
		expiresInField('The "Buy now" button stops working'),
		textField('Importer Address Line 2', 'importerAddressLine2', 'At most 100 characters'),
		{
			displayName: 'Quick Reply Payloads',
			name: 'quickReplyPayloads',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Payload',
			default: {},
			description: 'One product only: what each quick-reply button of the template (e.g. "Stop") sends back in the button webhook, in order',
			displayOptions: { show: { '/products': ['single'] } },
			options: [{ displayName: 'Payload', name: 'payload', values: [{ displayName: 'Payload', name: 'payload', type: 'string', default: '', placeholder: 'e.g. opt-out' }] }],
		},
		rupees('Shipping', 'shipping', 'Shipping charge (your checkout endpoint can re-price it once the buyer gives an address)', '40', 'shipping'),
		{
			...shippingAddressesField,
			displayName: 'Buyer Addresses',
			description: 'Physical goods: addresses of this buyer you already know, offered at checkout (none: the buyer adds one)',
			displayOptions: { show: { '/goodsType': ['physical-goods'] } },
		},
	]),
	...optionsCollection([], 'orderDetails', [amountsInOption]),
];

export const description = forOperation({ show: { resource: ['checkout'], operation: ['sendCheckoutTemplate'] } }, properties);

/** A carousel is built once from every input item. */
export function runsOnceForAllItems(this: IExecuteFunctions): boolean {
	return readParameter(this, 'products', 0, 'single') === 'carousel';
}

/**
 * A carousel is one message to one customer: its recipient, template, body values, payment configuration, amounts
 * unit and quick replies are read from input item 1, each input item giving only its card. An item that names another
 * (a sheet poll brings several customers' rows) fails the run before any request (the router's check, as for a bill
 * of all input items); one that leaves them empty takes item 1's. Amounts In is `options.amountsIn` in version 1.
 */
export const sameForAllItems = {
	parameters: ['to', 'template', 'bodyParameters.parameter', 'paymentConfiguration', 'gateway', 'amountsIn', 'options.amountsIn', 'additionalFields.quickReplyPayloads'],
	why: '"All Input Items in One Carousel" sends one message to one customer, each input item a card: give the node one customer\'s products per run (on the rows after the first, leave the cell empty or repeat the first row\'s value)',
};

/** Wire and input keys of a product -> the form's field, for errors in the form's words. */
const FIELD_OF: Record<string, string> = {
	reference_id: 'referenceId',
	referenceId: 'referenceId',
	name: 'productName',
	amount: 'price',
	sale_amount: 'salePrice',
	saleAmount: 'salePrice',
	country_of_origin: 'countryOfOrigin',
	importer_name: 'importerName',
	address_line1: 'importerAddressLine1',
	address_line2: 'importerAddressLine2',
	city: 'importerCity',
	zone_code: 'importerZoneCode',
	postal_code: 'importerPostalCode',
	header: 'headerMedia',
	expiration: 'expiresInMinutes',
	shipping_info: 'shippingAddresses',
	shippingInfo: 'shippingAddresses',
	discount: 'discount',
	shipping: 'shipping',
	tax: 'tax',
	quantity: 'quantity',
	total_amount: 'price',
	subtotal: 'price',
	gateway: 'gateway',
};

/** The product's input item (carousel: card N and product N are input item N) and its field, from a core path. */
function formPath(path: string, carousel: boolean): string {
	const segments = path.split('/').filter(Boolean);
	const card = /\/(?:products|cards)\/(\d+)/.exec(path);
	const inAddresses = segments.some((s) => s === 'shipping_info' || s === 'shippingInfo');
	const key = [...segments].reverse().find((s) => FIELD_OF[s] !== undefined);
	const name = inAddresses ? 'shippingAddresses' : key && FIELD_OF[key];
	if (!name) return path;
	return carousel && card ? `/products/${card[1]}/${name}` : name;
}

function inFormWords(error: unknown, carousel: boolean): unknown {
	if (!(error instanceof OrderValidationError)) return error;
	return new OrderValidationError(
		error.errors.map((e) => ({ ...e, path: formPath(e.path, carousel) })),
		'checkout button template',
	);
}

/** Item `itemIndex`'s product: the fields are read per input item (expressions such as {{ $json.price }}). */
function readProduct(ctx: IExecuteFunctions, itemIndex: number): CheckoutProductInput {
	const param = <T>(name: string, fallback?: T) => readParameter<T>(ctx, name, itemIndex, fallback);
	const fields = param<IDataObject>('additionalFields', {});
	const media = readTextParameter(ctx, 'headerMedia', itemIndex).trim();
	const goodsType = param<'physical-goods' | 'digital-goods'>('goodsType', 'physical-goods');
	const discountDescription = text(fields.discountDescription);
	const expiresAt = readExpiresIn(ctx, itemIndex, fields);
	return withoutEmpty({
		referenceId: readTextParameter(ctx, 'referenceId', itemIndex).trim(),
		goodsType,
		header: { format: param<'image' | 'video'>('headerFormat', 'image'), ...(/^https?:\/\//i.test(media) ? { link: media } : media ? { id: media } : {}) },
		items: [
			withoutEmpty({
				name: readTextParameter(ctx, 'productName', itemIndex).trim(),
				amount: text(param('price', '')) as string,
				saleAmount: text(param('salePrice', '')),
				quantity: param<number>('quantity', 1),
				countryOfOrigin: text(param('countryOfOrigin', '')),
				importerName: text(param('importerName', '')),
				// Empty fields are left out for the core to name.
				importerAddress: withoutEmpty({
					addressLine1: text(param('importerAddressLine1', '')),
					addressLine2: text(fields.importerAddressLine2),
					city: text(param('importerCity', '')),
					zoneCode: text(param('importerZoneCode', '')),
					postalCode: text(param('importerPostalCode', '')),
					countryCode: CHECKOUT_IMPORTER_COUNTRY,
				}) as ImporterAddressInput,
			}),
		],
		tax: { amount: text(param('tax', '')) ?? 0 },
		shipping: text(fields.shipping) ? { amount: text(fields.shipping) as string } : undefined,
		discount: text(fields.discount) ? { amount: text(fields.discount) as string, ...(discountDescription ? { description: discountDescription } : {}) } : undefined,
		expiration: expiresAt === undefined ? undefined : { timestamp: expiresAt },
		// Physical goods always carry shipping_info: the known addresses, or none.
		shippingInfo: goodsType === 'physical-goods' ? readShippingInfo(fields, true) : undefined,
	});
}

/**
 * The gateway chosen on the form, checked against the configuration's when the account's list (read once per run)
 * names it; left to the configuration, the list's. 360dialog lists none, so there it must be chosen.
 */
async function checkoutGateway(ctx: IExecuteFunctions, configurationName: string, itemIndex: number): Promise<CheckoutGateway> {
	const choice = readParameter<GatewayChoice>(ctx, 'gateway', itemIndex, 'fromConfiguration');
	const settled = settleGateway(choice, configurationName, await configurationsOfRun(ctx), { gateways: CHECKOUT_GATEWAYS, upiLegacyOffered: false });
	if ('gateway' in settled) return settled.gateway as CheckoutGateway;
	throw new NodeOperationError(ctx.getNode(), `${settled.field}: ${settled.message}`, { itemIndex });
}

export interface PreparedCheckoutTemplate extends PreparedOrderDetails {
	referenceIds: string[];
}

/** Builds and checks the message (one product, or a carousel of every input item) before any request. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedCheckoutTemplate> {
	const carousel = readParameter(this, 'products', itemIndex, 'single') === 'carousel';
	const configurationName = readPaymentConfiguration(this, itemIndex);
	const gateway = await checkoutGateway(this, configurationName, itemIndex);
	const productItems = carousel ? this.getInputData().map((_, i) => i) : [itemIndex];
	const quickReplyPayloads = (((readParameter<IDataObject>(this, 'additionalFields', itemIndex, {}).quickReplyPayloads as IDataObject | undefined)?.payload ?? []) as IDataObject[]).map((p) => String(p.payload ?? ''));
	let message: IDataObject;
	try {
		message = buildCheckoutTemplateMessage({
			// Checkout button templates are for India (checkout-button-templates.md): its local numbers are refused.
			to: readRecipient(this, itemIndex, 'india'),
			...readTemplate(this, itemIndex),
			payment: { gateway, configurationName },
			amountsIn: readAmountsIn(this, itemIndex),
			products: productItems.map((i) => readProduct(this, i)),
			carousel,
			...(quickReplyPayloads.length ? { quickReplyPayloads } : {}),
		}) as IDataObject;
	} catch (error) {
		throw inFormWords(error, carousel);
	}
	const orders = checkoutOrdersOf(message);
	const referenceIds = orders.map((o) => String(o.parameters.reference_id));
	// A carousel's cards all come with one message: the first card's order tells whether the message was delivered.
	return { message, referenceId: referenceIds[0], referenceIds, lookupConfiguration: configurationName, totalAmount: orders[0].parameters.total_amount, skipIfSent: false };
}

/** Sends under the order_details retry policy (a bill is never sent twice); a carousel lists its cards' references. */
export async function execute(this: IExecuteFunctions, prepared: PreparedCheckoutTemplate, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const sent = await executeOrderDetails.call(this, prepared, api, itemIndex);
	return prepared.referenceIds.length > 1 ? { ...sent, referenceIds: prepared.referenceIds } : sent;
}
