/** Fields of an order shared by "Send Order Details" and its template form, and their reading. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readEpochSeconds } from '../../../../core/epochSeconds';
import { OrderValidationError } from '../../../../core/errors';
import { EXPIRATION_CHECK_MARGIN_SECONDS, EXPIRATION_SEND_MARGIN_SECONDS, expirationAfter, MIN_EXPIRATION_SECONDS } from '../../../../core/orderRules';
import type { BeneficiaryInput, ChargeInput, Market, OrderDetailsInput, PaymentGatewayType } from '../../../../core/types';
import { AMOUNT_HINT, amountsInOption, amountsInProperty, readAmountsIn, recipientProperty, referenceIdProperty, readRecipient } from '../../shared/fields';
import { optionsCollection, ORDERS_LOOKED_UP } from '../../shared/pacing';
import { readParameter } from '../../shared/parameters';
import { booleanOf, checkDependentFields, readTextParameter, text, withoutEmpty, type DependentField } from '../../shared/values';
import { itemsProperties, readItems } from './orderItems';
import { paymentProperties, readPayment } from './orderPayment';

export type OrderBaseInput = Omit<OrderDetailsInput, 'body' | 'footer' | 'header'>;

const moneyField = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 2 },
	default: 0,
	hint: AMOUNT_HINT,
	description,
});

export const textField = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
});

/** How the time fields (Expires At, Payment Timestamp) are read: readTimeField. */
export const TIME_HINT =
	"In the workflow's time zone (Workflow Settings › Timezone) unless it carries Z or an offset; from an expression also epoch seconds, e.g. 2026-07-31T14:30:00, 2026-07-31T14:30:00+05:30 or 1785488400";

/**
 * A time of Additional Fields (Expires At, Payment Timestamp) as epoch seconds, undefined when empty. The editor's
 * date picker gives a wall-clock time without an offset (2026-07-31T14:30:00): it is read in the workflow's time
 * zone (its Timezone setting, else the instance's GENERIC_TIMEZONE), as the merchant means it, never the server's.
 * A time with Z or an offset (an expression's DateTime reaches the node as such text), a Date or epoch seconds is
 * taken as it is. Anything else is refused before any request, naming the field.
 */
export function readTimeField(ctx: IExecuteFunctions, fields: IDataObject, name: string, what: string): number | undefined {
	const value = fields[name];
	if (text(value) === undefined) return undefined;
	const read = readEpochSeconds(typeof value === 'string' ? value.trim() : value, ctx.getTimezone());
	if ('error' in read) throw new OrderValidationError([{ path: `additionalFields.${name}`, message: read.error, rule: 'timestamp' }], what);
	return read.seconds;
}

/** The order's recipient, market, reference, payment and items: shown first. */
export const orderProperties: INodeProperties[] = [
	recipientProperty,
	{
		displayName: 'Market',
		name: 'market',
		type: 'options',
		options: [
			{ name: 'India (INR)', value: 'india' },
			{ name: 'Brazil (BRL)', value: 'brazil' },
		],
		default: 'india',
	},
	referenceIdProperty,
	{
		displayName: 'Goods Type',
		name: 'goodsType',
		type: 'options',
		options: [
			{ name: 'Digital Goods', value: 'digital-goods', description: 'Nothing is shipped, e.g. a subscription, a recharge, a ticket' },
			{ name: 'Physical Goods', value: 'physical-goods', description: 'Something is shipped, e.g. tea or clothes' },
		],
		default: 'digital-goods',
	},
	...paymentProperties,
	amountsInProperty,
	...itemsProperties,
	// Only Brazil's page says a zero tax line is hidden (core/orderDetails.ts wireOrder: India UNCONFIRMED).
	{ ...moneyField('Tax', 'taxAmount', 'Tax of the whole order; 0 when there is none (in Brazil WhatsApp then hides the tax line)'), displayOptions: { hide: { itemsSource: ['none'] } } },
];

/**
 * A field of the order object, which Brazil's simplified bill (Items Source "None") has none of: hidden there (the
 * core refuses them). A `hide`, not a `show` of the other sources: n8n shows a property whose `show` meets an
 * expression (a mapped Items Source) without reading its other conditions.
 */
export const withItemsOnly = (field: INodeProperties): INodeProperties => ({
	...field,
	displayOptions: { ...field.displayOptions, hide: { ...field.displayOptions?.hide, '/itemsSource': ['none'] } },
});

/** Seconds in minutes as the form says them: 300 is 5, 330 is 5½. */
const minutes = (seconds: number) => String(seconds / 60).replace(/\.5$/, '½');

/** "Expires In (Minutes)" of the order forms and the checkout button: `what` stops working that many minutes after sending. */
export const expiresInField = (what: string): INodeProperties => ({
	displayName: 'Expires In (Minutes)',
	name: 'expiresInMinutes',
	type: 'number',
	typeOptions: { minValue: 5 },
	default: 60,
	// expirationAfter: never under the minimum plus the send margin.
	description: `${what} this many minutes after sending: at least ${minutes(MIN_EXPIRATION_SECONDS)}; ${minutes(MIN_EXPIRATION_SECONDS)} is sent as ${minutes(MIN_EXPIRATION_SECONDS + EXPIRATION_SEND_MARGIN_SECONDS)}, so that pacing or a retry cannot push it under`,
});

/** The fields of the order object (Brazil's simplified bill has none: withItemsOnly). */
const orderObjectFields: INodeProperties[] = [
	{ ...textField('Catalog ID', 'catalogId', 'Your Facebook catalog; without it, India items need country of origin and importer'), placeholder: 'e.g. 1234567890123456' },
	textField('Discount Description', 'discountDescription', 'At most 60 characters'),
	moneyField('Discount', 'discountAmount', 'Discount on the whole order'),
	{ ...textField('Discount Program Name', 'discountProgramName', 'For incentivised orders, at most 60 characters'), placeholder: 'e.g. Diwali Sale' },
	{
		...textField('Expiration Description', 'expirationDescription', 'Tells the customer until when they can pay, at most 120 characters. Required in Brazil when the order expires (Expires At or Expires In), e.g. Pague em até 1 hora.'),
		placeholder: 'e.g. Pay within 1 hour',
	},
	{
		displayName: 'Expires At',
		name: 'expiresAt',
		type: 'dateTime',
		default: '',
		// core/orderRules.ts checkExpiration: the minimum counts from WhatsApp's receipt, so the check keeps a margin for sending.
		description: `When the order stops being payable: at least ${minutes(MIN_EXPIRATION_SECONDS + EXPIRATION_CHECK_MARGIN_SECONDS)} minutes ahead (WhatsApp wants ${minutes(MIN_EXPIRATION_SECONDS)} from when it receives the bill; ${EXPIRATION_CHECK_MARGIN_SECONDS} s are kept for sending)`,
		hint: TIME_HINT,
	},
	expiresInField('The order stops being payable'),
	{
		displayName: 'Quick Pay',
		name: 'quickPay',
		type: 'boolean',
		default: false,
		// India's order type: Brazil's order object has none (brazil-orders.md § Order object).
		displayOptions: { show: { '/market': ['india'] } },
		description: 'Whether the buyer pays straight away, without a page reviewing the items. India only.',
	},
	textField('Shipping Description', 'shippingDescription', 'At most 60 characters'),
	moneyField('Shipping', 'shippingAmount', 'Shipping cost of the whole order'),
	moneyField('Subtotal (Check)', 'subtotal', 'Expected subtotal: the node computes it from the items and refuses the order when they differ'),
	textField('Tax Description', 'taxDescription', 'At most 60 characters'),
	moneyField('Total (Check)', 'total', 'Expected total: the node computes it and refuses the order when they differ'),
];

/** Optional order fields, for each operation's "Additional Fields" collection. */
export const orderAdditionalFields: INodeProperties[] = [
	{
		displayName: 'Beneficiaries',
		name: 'beneficiaries',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Beneficiary',
		default: {},
		displayOptions: { show: { '/market': ['india'] } },
		description: 'India, physical goods shipped to someone: name and address (Brazil has none). Every field but Address Line 2 is required.',
		hint: 'WhatsApp requires them for physical goods you ship; the buyer does not see them',
		options: [
			{
				displayName: 'Beneficiary',
				name: 'beneficiary',
				values: [
					{ ...textField('Name', 'name', 'Who receives the goods, at most 200 characters'), placeholder: 'e.g. Asha Rao' },
					{ ...textField('Address Line 1', 'addressLine1', 'Door, building and street, at most 100 characters'), placeholder: 'e.g. 4 Park Street' },
					{ ...textField('Address Line 2', 'addressLine2', 'Landmark or area, at most 100 characters'), placeholder: 'e.g. Near Park Circus' },
					{ ...textField('City', 'city', 'Town or city of the address'), placeholder: 'e.g. Kolkata' },
					{ ...textField('State', 'state', 'State or union territory, in words'), placeholder: 'e.g. West Bengal' },
					{ ...textField('Country', 'country', 'Must be India'), default: 'India' },
					{ ...textField('Postal Code', 'postalCode', '6 digits'), placeholder: 'e.g. 700016' },
				],
			},
		],
	},
	...orderObjectFields.map(withItemsOnly),
];

/** Looks each order up before its first send (orderDetailsDelivery.ts): a re-run (a retried crashed execution) sends nothing twice. */
const skipOrdersAlreadySentOption: INodeProperties = {
	displayName: 'Skip Orders Already Sent',
	name: 'skipOrdersAlreadySent',
	type: 'boolean',
	default: false,
	displayOptions: ORDERS_LOOKED_UP,
	description:
		'Whether to look each order up before sending it and skip those WhatsApp already has (e.g. when a retried execution sends the same items again). Needs a payment configuration to look orders up with: India payment gateway or legacy UPI.',
};

/** The "Options" collection of the order operations. */
export const orderOptions = optionsCollection([skipOrdersAlreadySentOption], 'orderDetails', [amountsInOption]);

/** Additional fields that only reach the wire together with another one. */
const NEEDS: DependentField[] = [
	{ field: 'discountDescription', needs: ['discountAmount'], label: '"Discount"' },
	{ field: 'discountProgramName', needs: ['discountAmount'], label: '"Discount"' },
	{ field: 'shippingDescription', needs: ['shippingAmount'], label: '"Shipping"' },
	{ field: 'expirationDescription', needs: ['expiresAt', 'expiresInMinutes'], label: '"Expires At" or "Expires In (Minutes)"' },
];

function charge(fields: IDataObject, amountName: string, descriptionName: string): ChargeInput | undefined {
	if (fields[amountName] === undefined) return undefined;
	const description = text(fields[descriptionName]);
	return { amount: fields[amountName] as number, ...(description ? { description } : {}) };
}

/**
 * "Expires In (Minutes)" of Additional Fields as the expiration timestamp, or undefined when it is not set. The
 * editor stops a typed value under 5; an expression can give anything ("abc", 2): refused here naming the field.
 */
export function readExpiresIn(ctx: IExecuteFunctions, itemIndex: number, fields: IDataObject): number | undefined {
	if (fields.expiresInMinutes === undefined) return undefined;
	const minutes = Number(fields.expiresInMinutes);
	if (!Number.isFinite(minutes) || minutes * 60 < MIN_EXPIRATION_SECONDS) {
		const given = JSON.stringify(fields.expiresInMinutes) ?? String(fields.expiresInMinutes);
		throw new NodeOperationError(ctx.getNode(), `additionalFields.expiresInMinutes: must be a number of minutes, at least ${MIN_EXPIRATION_SECONDS / 60}, not ${given}`, { itemIndex });
	}
	return expirationAfter(minutes * 60);
}

function readExpiration(ctx: IExecuteFunctions, itemIndex: number, fields: IDataObject): OrderBaseInput['expiration'] {
	const description = text(fields.expirationDescription);
	const withDescription = (timestamp: number | string) => ({ timestamp, ...(description ? { description } : {}) });
	if (fields.expiresInMinutes !== undefined && text(fields.expiresAt)) {
		throw new NodeOperationError(ctx.getNode(), 'additionalFields: set either "Expires In (Minutes)" or "Expires At", not both', { itemIndex });
	}
	const at = readExpiresIn(ctx, itemIndex, fields) ?? readTimeField(ctx, fields, 'expiresAt', 'order input');
	return at === undefined ? undefined : withDescription(at);
}

/**
 * The order's total: computed with items (Additional Fields' Total (Check), if given, is checked against it), the field
 * Total without (Brazil's simplified bill), where a Total (Check) left in the workflow (the form hides it there) has
 * nothing to check and is refused rather than dropped unseen. The core takes one total, so the node refuses it.
 */
function readTotal(ctx: IExecuteFunctions, itemIndex: number, fields: IDataObject, withItems: boolean): OrderBaseInput['total'] {
	if (withItems) return fields.total as number | undefined;
	if (fields.total !== undefined) {
		throw new OrderValidationError([{ path: 'additionalFields.total', message: 'needs items: without items the order is sent in its simplified form, whose total is Total', rule: 'simplified' }], 'order input');
	}
	return readParameter<number>(ctx, 'simplifiedTotal', itemIndex);
}

/** Every order field of item `itemIndex` (all but the message envelope; `gateway`: settledGateway's), unchecked: the core validates. */
export function readOrder(ctx: IExecuteFunctions, itemIndex: number, gateway: PaymentGatewayType | undefined): OrderBaseInput {
	const param = <T>(name: string, fallback?: T) => readParameter<T>(ctx, name, itemIndex, fallback);
	const market = param<Market>('market');
	const fields = param<IDataObject>('additionalFields', {});
	checkDependentFields(ctx, itemIndex, fields, NEEDS);
	const discount = charge(fields, 'discountAmount', 'discountDescription');
	const programName = text(fields.discountProgramName);
	const beneficiaries = (((fields.beneficiaries as IDataObject | undefined)?.beneficiary ?? []) as BeneficiaryInput[]).map(withoutEmpty);
	const items = readItems(ctx, itemIndex);
	const taxDescription = text(fields.taxDescription);
	const order: OrderBaseInput = {
		to: readRecipient(ctx, itemIndex),
		market,
		referenceId: readTextParameter(ctx, 'referenceId', itemIndex).trim(),
		goodsType: param('goodsType', 'digital-goods'),
		amountsIn: readAmountsIn(ctx, itemIndex),
		items,
		payment: readPayment(ctx, itemIndex, market, gateway),
		// Without items (Brazil's simplified bill) there is no order object, so no tax either: a Tax Description left in
		// the workflow (the form hides it there) still goes to the core, which refuses it rather than it being dropped unseen.
		tax: items || taxDescription ? { amount: param<number>('taxAmount', 0), ...(taxDescription ? { description: taxDescription } : {}) } : undefined,
		shipping: charge(fields, 'shippingAmount', 'shippingDescription'),
		discount: discount && programName ? { ...discount, programName } : discount,
		subtotal: fields.subtotal as number | undefined,
		total: readTotal(ctx, itemIndex, fields, items !== undefined),
		catalogId: text(fields.catalogId),
		quickPay: booleanOf(ctx, itemIndex, 'additionalFields.quickPay', fields.quickPay, false) || undefined,
		expiration: readExpiration(ctx, itemIndex, fields),
		beneficiaries: beneficiaries.length > 0 ? beneficiaries : undefined,
	};
	return withoutEmpty(order);
}
