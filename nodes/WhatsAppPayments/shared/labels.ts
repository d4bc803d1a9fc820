/**
 * Errors in the words of the form: a parameter path (additionalFields.discountDescription, itemsJson) or
 * an order path (/items/0/amount) becomes the labels the user sees ("Additional Fields › Discount
 * Description", "Items › line 1 › Amount"). Input items are counted from 1 ("input item 2"), order
 * lines from 1 too ("line 1"), so the two are never confused.
 */
import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { camelCase } from './output';

export type Labels = Map<string, string>;

const isCollection = (option: unknown): option is INodePropertyCollection => typeof option === 'object' && option !== null && 'values' in option;

/**
 * Every parameter name of these properties (collections and their rows included) with its label; the first label
 * of a name wins. A name inside a collection is also indexed under its parent's ("pixDynamicCode.key" -> "Pix
 * Key"), for the names two collections share ("key" is also a Razorpay note's "Key").
 */
export function labelIndex(properties: INodeProperties[], labels: Labels = new Map(), parent?: string): Labels {
	const add = (name: string, label: string) => {
		if (!labels.has(name)) labels.set(name, label);
		if (parent !== undefined && !labels.has(`${parent}.${name}`)) labels.set(`${parent}.${name}`, label);
	};
	for (const property of properties) {
		add(property.name, property.displayName);
		for (const option of property.options ?? []) {
			if (isCollection(option)) {
				labelIndex([{ ...option, type: 'collection', default: {}, options: option.values }], labels, property.name);
			} else if (typeof option === 'object' && option !== null && 'type' in option) {
				labelIndex([option as INodeProperties], labels, property.name);
			}
		}
	}
	return labels;
}

const titleCase = (key: string) => key.replace(/_/g, ' ').replace(/\b[a-z]/g, (c) => c.toUpperCase());

/**
 * Words for the keys inside a JSON field, which the form has no field for: a coupon's code is not the Pix Code
 * that "code" names on the order forms.
 */
const JSON_KEYS: Labels = new Map([
	['coupons.code', 'Code'],
	['coupons.id', 'ID'],
	['coupons.description', 'Description'],
]);

/** The form's label of a parameter name or a wire key (merchant_category_code, tax -> "Tax Amount"), if the form has one. */
const formLabel = (key: string, labels: Labels): string | undefined =>
	[key, camelCase(key), `${camelCase(key)}Amount`].map((candidate) => labels.get(candidate) ?? JSON_KEYS.get(candidate)).find(Boolean);

/** The label of a parameter name or an order key; keys the form has no field for in words (importer_address -> "Importer Address"). */
const labelOf = (key: string, labels: Labels): string => formLabel(key, labels) ?? titleCase(key);

/** Wire segments around the order that the form has no field for (the message envelope). */
const ENVELOPE = new Set(['interactive', 'action', 'parameters', 'order']);

/** Where a template message carries its order: the order_details (or order_status) of a button's action. */
const TEMPLATE_ORDER = /^\/template\/components\/\d+\/parameters\/\d+\/action\/order_(?:details|status)(?=\/|$)/;

/** A wire path as a path in the order: an order checked inside a template message reads as one sent alone. */
export const orderPathOf = (path: string): string => path.replace(TEMPLATE_ORDER, '');

/** What a path is read in: the market of the order (its form shows other fields), whether its lines are the input items. */
export interface PathContext {
	market?: string;
	/** The order's lines are the input items (Items Source "All Input Items"): "/items/1/amount" is "Input item 2 › Amount". */
	linesAreInputItems?: boolean;
	/** Items Source: "none" (Brazil's simplified bill) sets the order's total by the field Total, not Additional Fields' Total (Check). */
	itemsSource?: string;
}

type When = (context: PathContext) => boolean;
const inIndia: When = ({ market }) => market === 'india';
const inBrazil: When = ({ market }) => market === 'brazil';
const withoutItems: When = ({ itemsSource }) => itemsSource === 'none';

/**
 * Order fields (by their wire or input path, whole) that the form sets under other names, when `when` holds (else
 * always): the expiration, the charges, the footer and an order status's description come from Additional Fields
 * (Expires In is checked by the form), Tax and Body are the tax's amount and the body's text, an item's image comes
 * from its Image URL and its importer's address from its "Importer ..." fields, the payment methods from India's own
 * fields or Brazil's "Payment Methods", a gateway's own fields from "<Gateway> Fields". The order's total is set by
 * Total without items (Brazil's simplified bill); with items it is computed, and the form shows it as Additional
 * Fields' Total (Check), next to the field that makes it wrong (a discount above the bill is "Additional Fields ›
 * Discount"; a Respond to Checkout answer's discount, under /data, is its own). The simplified bill's refusals of
 * the order object's fields (core refuseOrderFields, by input path) name them in Additional Fields: its tax only Tax
 * Description (the form reads no Tax there), its expiration Expires At (as its timestamp), its image header Header
 * Image URL.
 * A bill's shipping info comes from the template's Shipping Addresses (Checkout Button) (or Send Shipping Info).
 */
const TOTAL_AMOUNT = /^(?:.*\/parameters)?\/total_amount(?:\/value)?$/;
const FORM_FIELDS: ReadonlyArray<[RegExp, string, When?]> = [
	[/^(?:.*\/order)?\/expiration\/timestamp$/, 'additionalFields.expiresAt'],
	[/^(?:.*\/order)?\/expiration\/description$/, 'additionalFields.expirationDescription'],
	[/^(?:.*\/order)?\/description$/, 'additionalFields.description'],
	[/^(?:.*\/order)?\/tax\/(?:amount|value)$/, 'taxAmount'],
	[/^(?:.*\/order)?\/(tax|shipping|discount)\/description$/, 'additionalFields.$1Description'],
	[/^\/tax$/, 'additionalFields.taxDescription', withoutItems],
	[/^\/(catalogId|quickPay)$/, 'additionalFields.$1', withoutItems],
	[/^\/shipping$/, 'additionalFields.shippingAmount', withoutItems],
	[/^\/expiration$/, 'additionalFields.expiresAt', withoutItems],
	[/^(?:.*\/order)?\/(shipping|discount)\/(?:amount|value)$/, 'additionalFields.$1Amount'],
	[/^(?:.*\/order)?\/discount\/(?:discount_program_name|programName)$/, 'additionalFields.discountProgramName'],
	[TOTAL_AMOUNT, 'simplifiedTotal', withoutItems],
	[TOTAL_AMOUNT, 'additionalFields.total'],
	[/^\/total$/, 'simplifiedTotal', withoutItems],
	[/^\/(sub)?total$/, 'additionalFields.$1total'],
	[/^(?!\/data\/)(?:.*\/order)?\/discount$/, 'additionalFields.discountAmount'],
	[/^(?:\/interactive)?\/body\/text$/, 'body'],
	[/^(?:\/interactive)?\/footer\/text$/, 'additionalFields.footer'],
	[/^(?:\/interactive)?\/header\/text$/, 'additionalFields.headerText'],
	[/^(?:\/interactive)?\/header$/, 'additionalFields.headerImageUrl', withoutItems],
	// Slash paths, so that an address's own field keeps its line: "/additionalFields/shippingAddresses/0/city".
	[/^\/(?:shipping_info|shippingInfo)(?:\/addresses)?(?=\/|$)/, '/additionalFields/shippingAddresses'],
	[/^(.*\/items\/\d+)\/image(?:\/link)?$/, '$1/imageUrl'],
	[/^(.*\/items\/\d+)\/importer_address\/(address_line[12]|city|zone_code|postal_code|country_code)$/, '$1/importer_$2'],
	// Create Payment Configuration's optional codes sit in its Additional Fields.
	[/^\/(merchant_category_code|purpose_code)$/, 'additionalFields.$1'],
	// A refund's amount (Payment › Refund): the form's Amount, in currency units.
	[/^\/amount\/(?:value|offset)$/, 'amount'],
	[/^\/payment$/, 'brazilPaymentMethods'],
	[/^.*\/payment_settings\/\d+\/upi_intent_link\/link$/, 'upiIntentLink', inIndia],
	[/^.*\/payment_settings\/\d+\/payment_link\/uri$/, 'paymentLinkUri', inIndia],
	[/^.*\/payment_settings\/\d+\/payment_link\/(success|cancel)_url$/, 'paymentLinkReturnUrls.$1Url', inIndia],
	[/^.*\/payment_settings\/\d+\/payment_gateway\/enabled_payment_options(?:\/\d+)?$/, 'paymentOptions.enabledPaymentOptions', inIndia],
	// A gateway's own fields keep their wire names on the form (receipt, udf1, extra2, additional_info7).
	[/^.*\/payment_settings\/\d+\/payment_gateway\/(razorpay|payu|zaakpay|billdesk)\/(\w+)(?:\/.*)?$/, '$1Fields.$2', inIndia],
	[/^.*\/payment_settings\/\d+\/(pix_dynamic_code|payment_link|boleto|offsite_card_pay)(?:\/(\w+))?$/, 'brazilPaymentMethods.$1.$2', inBrazil],
	// Respond to Checkout's answer: the coupons of Coupons (JSON), each under its keys (JSON_KEYS).
	[/^\/data\/coupons(?:\/(\d+)(?:\/(\w+))?)?$/, 'coupons.$1.$2'],
];

/** The path of the form's field an order path is set by, or the path itself (a template's order as one sent alone). */
function formPathOf(wirePath: string, context: PathContext): string {
	const path = orderPathOf(wirePath);
	const field = FORM_FIELDS.find(([wire, , when]) => (when === undefined || when(context)) && wire.test(path));
	return field ? path.replace(field[0], field[1]).replace(/\.+$/, '') : path;
}

/** "additionalFields.discountDescription", "razorpayFields.notes[1].key" or "/items/0/amount" in labels. */
export function pathInLabels(path: string, labels: Labels, context: PathContext = {}): string {
	path = formPathOf(path, context);
	const segments = path.startsWith('/')
		? orderPathOf(path).split('/').filter((segment) => segment !== '' && !ENVELOPE.has(segment))
		: path.replace(/\[(\d+)\]/g, '.$1').split('.');
	if (segments.length === 0) return 'The order';
	const isLine = (segment: string | undefined) => /^\d+$/.test(segment ?? '');
	// A field inside a collection is named by the collection's label for it ("pixDynamicCode.key" is "Pix Key"); a line is no collection.
	const parentOf = (i: number) => segments.slice(0, i).reverse().find((segment) => !isLine(segment));
	const inWords = (segment: string, i: number) => {
		if (isLine(segment)) return `line ${Number(segment) + 1}`;
		const parent = parentOf(i);
		return (parent === undefined ? undefined : formLabel(`${camelCase(parent)}.${camelCase(segment)}`, labels)) ?? labelOf(segment, labels);
	};
	if (context.linesAreInputItems && segments[0] === 'items' && isLine(segments[1])) {
		return [inputItemName(Number(segments[1])), ...segments.slice(2).map((segment, i) => inWords(segment, i + 2))].join(' › ');
	}
	return segments.map(inWords).join(' › ');
}

const LEADING_PATH = /^((?:\/[\w-]+)+|[a-z][A-Za-z0-9_]*(?:\.[A-Za-z_]\w*|\[\d+\])*): /;

/** A message that starts with a parameter or order path, with that path in labels; any other message as it is. */
export function inLabels(message: string, labels: Labels): string {
	const match = LEADING_PATH.exec(message);
	if (!match) return message;
	const path = match[1];
	const first = path.startsWith('/') ? null : path.split(/[.[]/)[0];
	if (first !== null && formLabel(first, labels) === undefined) return message;
	return `${pathInLabels(path, labels)}: ${message.slice(match[0].length)}`;
}

/** How an input item is named in errors: counted from 1, as a merchant counts sheet rows. */
export const inputItemName = (itemIndex: number) => `Input item ${itemIndex + 1}`;

/** Whether a message in the form's words starts with a field of the form ("Amount: ...", "Additional Fields › Quick Pay: ..."). */
export function startsWithField(message: string, labels: Labels): boolean {
	const first = /^(.+?)(?: › |: )/.exec(message)?.[1];
	return first !== undefined && [...labels.values()].includes(first);
}
