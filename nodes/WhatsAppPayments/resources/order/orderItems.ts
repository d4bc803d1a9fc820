/**
 * Order items from the three sources the node offers: the UI list, JSON / an expression, or every input
 * item (e.g. the rows of a Google Sheets node). Rows may use friendly keys ("Retailer ID", retailer_id,
 * retailerId, sku, price, qty ...): keys are compared lowercased without spaces, dashes or underscores.
 * Spreadsheet rows may carry columns of their own (row_number, notes): unknown keys are ignored there.
 * JSON is written for the node, so an unknown key there is an error: a "discounted_price" that is
 * silently dropped would send the bill at full price. The core reports what is missing or wrong.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { OrderValidationError } from '../../../../core/errors';
import { isObject } from '../../../../core/messageShape';
import type { ImporterAddressInput, OrderItemInput } from '../../../../core/types';
import { AMOUNT_HINT } from '../../shared/fields';
import { readParameter } from '../../shared/parameters';
import { fromVersion2, inVersion1 } from '../../shared/versions';
import { text, withoutEmpty } from '../../shared/values';

export type ItemsSource = 'define' | 'json' | 'inputItems' | 'none';

type ItemField = Exclude<keyof OrderItemInput, 'importerAddress'>;
type AddressField = keyof ImporterAddressInput;

/** Compacted keys already seen: every row of a sheet or JSON list repeats the same few keys. Bounded, as keys are data. */
const compactedKeys = new Map<string, string>();
const MAX_COMPACTED_KEYS = 1000;

function compact(key: string): string {
	let compacted = compactedKeys.get(key);
	if (compacted === undefined) {
		if (compactedKeys.size >= MAX_COMPACTED_KEYS) compactedKeys.clear();
		compacted = key.toLowerCase().replace(/[^a-z0-9]/g, '');
		compactedKeys.set(key, compacted);
	}
	return compacted;
}

/** The keys of each item field: its wire name first, then aliases. */
const ITEM_FIELD_KEYS: Record<ItemField, string[]> = {
	retailerId: ['retailer_id', 'sku', 'product_retailer_id'],
	name: ['name', 'item_name', 'product_name', 'title'],
	amount: ['amount', 'price', 'unit_price', 'unit_amount'],
	saleAmount: ['sale_amount', 'sale_price'],
	quantity: ['quantity', 'qty'],
	countryOfOrigin: ['country_of_origin'],
	importerName: ['importer_name'],
	imageUrl: ['image_url', 'image', 'image_link'],
};

/** The keys of each importer address field, inside an importer address object: its wire name first, then the form's words. */
const ADDRESS_FIELD_KEYS: Record<AddressField, string[]> = {
	addressLine1: ['address_line1'],
	addressLine2: ['address_line2'],
	city: ['city'],
	zoneCode: ['zone_code', 'state_code'],
	postalCode: ['postal_code', 'pin_code', 'pincode'],
	countryCode: ['country_code'],
};

const IMPORTER_ADDRESS_KEY = 'importer_address';
/** Flattened sheet columns such as "Importer City" -> the same address fields. */
const FLAT_ADDRESS_PREFIX = 'importer_';

/** Compacted key -> item field. */
const ITEM_KEYS = new Map<string, ItemField>(
	(Object.entries(ITEM_FIELD_KEYS) as Array<[ItemField, string[]]>).flatMap(([field, keys]) => keys.map((key) => [compact(key), field] as const)),
);
/** Compacted key -> importer address field. */
const ADDRESS_KEYS = new Map<string, AddressField>(
	(Object.entries(ADDRESS_FIELD_KEYS) as Array<[AddressField, string[]]>).flatMap(([field, keys]) => keys.map((key) => [compact(key), field] as const)),
);

const ACCEPTED_ADDRESS_KEYS = Object.values(ADDRESS_FIELD_KEYS).flat().join(', ');
const ACCEPTED_ITEM_KEYS =
	`${Object.values(ITEM_FIELD_KEYS).map((keys) => keys[0]).join(', ')}, ${IMPORTER_ADDRESS_KEY} ` +
	`or ${Object.values(ADDRESS_FIELD_KEYS).map((keys) => FLAT_ADDRESS_PREFIX + keys[0]).join(', ')} ` +
	`(also ${Object.values(ITEM_FIELD_KEYS).flatMap((keys) => keys.slice(1)).join(', ')}; case, spaces, dashes and underscores do not matter)`;

/** What a row key stands for: an item field, the importer address object, a flattened address field, or nothing. */
type KeyMeaning = { item: ItemField } | { importerAddress: true } | { flatAddress: AddressField } | null;

const COMPACT_IMPORTER_ADDRESS_KEY = compact(IMPORTER_ADDRESS_KEY);
const COMPACT_FLAT_ADDRESS_PREFIX = compact(FLAT_ADDRESS_PREFIX);

function meaningOf(key: string): KeyMeaning {
	const k = compact(key);
	const field = ITEM_KEYS.get(k);
	if (field) return { item: field };
	if (k === COMPACT_IMPORTER_ADDRESS_KEY) return { importerAddress: true };
	const flat = k.startsWith(COMPACT_FLAT_ADDRESS_PREFIX) ? ADDRESS_KEYS.get(k.slice(COMPACT_FLAT_ADDRESS_PREFIX.length)) : undefined;
	return flat ? { flatAddress: flat } : null;
}

const isBlank = (x: unknown) => text(x) === undefined;

/** The fields whose cells are numbers: "12.00" and 12 say the same there (an ID "00123" is not "123"). */
const NUMBER_FIELDS: ReadonlySet<string> = new Set<ItemField>(['amount', 'saleAmount', 'quantity']);

/** Two cells of `field` that say the same. */
function sameValue(field: string, a: unknown, b: unknown): boolean {
	if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
	const [x, y] = [String(a).trim(), String(b).trim()];
	return x === y || (NUMBER_FIELDS.has(field) && /^\d+(\.\d+)?$/.test(x) && /^\d+(\.\d+)?$/.test(y) && Number(x) === Number(y));
}

/** The item row's field of a flattened address column ("Importer City" is importerCity). */
const flatAddressField = (field: AddressField) => `importer${field[0].toUpperCase()}${field.slice(1)}`;

/** Whole-number quantities often arrive as text from spreadsheets. */
const readQuantity = (x: unknown) => (typeof x === 'string' && /^\s*\d+\s*$/.test(x) ? Number(x) : x);

function readAddress(x: unknown): unknown {
	if (!isObject(x)) return x;
	const address: Partial<Record<AddressField, unknown>> = {};
	for (const [key, value] of Object.entries(x)) {
		const field = ADDRESS_KEYS.get(compact(key));
		if (field && !isBlank(value)) address[field] = value;
	}
	return address;
}

/**
 * One row with friendly keys -> an OrderItemInput (values unchecked: the core validates them; unknown keys ignored).
 * Two keys of one field with different values are refused: a sheet with Price and Amount (the line total) columns
 * would otherwise bill whichever came last as the unit price. `path` is the row's, e.g. /items/2.
 */
export function itemFromRow(row: IDataObject, path: string): OrderItemInput {
	const item: Record<string, unknown> = {};
	const flatAddress: Partial<Record<AddressField, unknown>> = {};
	const keyOf: Record<string, string> = {};
	const refusal = (at: string, message: string) => new OrderValidationError([{ path: `${path}/${at}`, message, rule: 'items' }], 'items');
	const bothGive = (at: string, earlier: string, earlierValue: unknown, key: string, value: unknown, advice = 'keep one of the two, or rename the other') =>
		refusal(at, `"${earlier}" (${JSON.stringify(earlierValue)}) and "${key}" (${JSON.stringify(value)}) both give it: ${advice}`);
	const set = (target: Record<string, unknown>, field: string, key: string, value: unknown, at: string) => {
		const earlier = keyOf[at];
		if (earlier !== undefined && !sameValue(field, target[field], value)) throw bothGive(at, earlier, target[field], key, value);
		keyOf[at] = key;
		target[field] = value;
	};
	// Two address objects (two spellings of the key) are compared field by field, so the error names a field of the form.
	const setAddress = (key: string, address: unknown) => {
		const earlier = keyOf[IMPORTER_ADDRESS_KEY];
		if (earlier !== undefined && isObject(item.importerAddress) && isObject(address)) {
			const before = item.importerAddress;
			const differs = (Object.keys(ADDRESS_FIELD_KEYS) as AddressField[]).find((field) => !sameValue(field, before[field], address[field]));
			if (differs) {
				const wire = ADDRESS_FIELD_KEYS[differs][0];
				throw bothGive(flatAddressField(differs), `${earlier} › ${wire}`, before[differs] ?? null, `${key} › ${wire}`, address[differs] ?? null);
			}
			return; // they say the same: the first is kept
		}
		set(item, 'importerAddress', key, address, IMPORTER_ADDRESS_KEY);
	};
	for (const [key, value] of Object.entries(row)) {
		if (isBlank(value)) continue;
		const meaning = meaningOf(key);
		if (meaning === null) continue;
		if ('item' in meaning) set(item, meaning.item, key, meaning.item === 'quantity' ? readQuantity(value) : value, meaning.item);
		else if ('importerAddress' in meaning) setAddress(key, readAddress(value));
		else set(flatAddress, meaning.flatAddress, key, value, flatAddressField(meaning.flatAddress));
	}
	if (item.importerAddress === undefined) {
		if (Object.keys(flatAddress).length > 0) item.importerAddress = flatAddress;
	} else {
		// An address object and "Importer City"-style columns: the object is sent, so a column it does not say the same as would be lost.
		const address = isObject(item.importerAddress) ? item.importerAddress : {};
		for (const [field, value] of Object.entries(flatAddress) as Array<[AddressField, unknown]>) {
			const at = flatAddressField(field);
			if (address[field] === undefined) throw refusal(at, `"${keyOf[at]}" (${JSON.stringify(value)}) is not in "${keyOf[IMPORTER_ADDRESS_KEY]}", which is sent instead: give the importer's address one way`);
			if (!sameValue(field, address[field], value)) throw bothGive(at, `${keyOf[IMPORTER_ADDRESS_KEY]} › ${ADDRESS_FIELD_KEYS[field][0]}`, address[field], keyOf[at], value, "give the importer's address one way");
		}
	}
	return item as unknown as OrderItemInput;
}

/** The first key of a JSON item the node does not know, with where it is, or null. */
function unknownKeyIn(row: IDataObject, path: string): { path: string; message: string } | null {
	for (const [key, value] of Object.entries(row)) {
		const meaning = meaningOf(key);
		if (meaning === null) return { path, message: `unknown key "${key}"; accepted keys are ${ACCEPTED_ITEM_KEYS}` };
		if ('importerAddress' in meaning && isObject(value)) {
			const unknown = Object.keys(value).find((k) => !ADDRESS_KEYS.has(compact(k)));
			if (unknown !== undefined) return { path: `${path}/${key}`, message: `unknown key "${unknown}"; accepted keys are ${ACCEPTED_ADDRESS_KEYS}` };
		}
	}
	return null;
}

const REQUIRED_IN_INDIA = 'Required in India without a catalog (or set once in Item Defaults)';

/** The importer fields India requires on every item without a catalog (item rows and Item Defaults). */
const importerFields: Array<{ displayName: string; name: string; placeholder: string; hint?: string; description?: string }> = [
	{ displayName: 'Importer Name', name: 'importerName', placeholder: 'e.g. Acme Imports Pvt Ltd', hint: REQUIRED_IN_INDIA },
	{
		displayName: 'Importer Address Line 1',
		name: 'importerAddressLine1',
		placeholder: 'e.g. B-8, Okhla Phase 2',
		// The schema's importerAddress.required: zone_code is required on checkout button orders only (core/checkoutTemplate.ts).
		hint: 'Required in India without a catalog, with city, PIN code and country code (or set once in Item Defaults); the state code is optional here',
	},
	{ displayName: 'Importer Address Line 2', name: 'importerAddressLine2', placeholder: '' },
	{ displayName: 'Importer City', name: 'importerCity', placeholder: 'e.g. New Delhi' },
	{ displayName: 'Importer State Code', name: 'importerZoneCode', placeholder: 'e.g. DL' },
	{ displayName: 'Importer PIN Code', name: 'importerPostalCode', placeholder: 'e.g. 110020' },
	{ displayName: 'Importer Country Code', name: 'importerCountryCode', placeholder: 'e.g. IN', description: '2 capital letters, e.g. IN' },
];

/** An item row field only India has (most of them required there without a catalog, unless Item Defaults sets them). */
const indiaOnly = ({ displayName, name, placeholder, hint, description }: (typeof importerFields)[number]): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	displayOptions: { show: { '/market': ['india'] } },
	...(hint ? { hint } : {}),
	...(description ? { description } : {}),
});

/** "Items (JSON)" as version 2 shows it: empty until the merchant fills it in. */
const itemsJsonProperty: INodeProperties = {
	displayName: 'Items (JSON)',
	name: 'itemsJson',
	type: 'json',
	default: '[]',
	displayOptions: { show: { itemsSource: ['json'] } },
	hint: 'A list [...] of items, e.g. [{ "name": "Masala Chai", "amount": 120.50, "quantity": 2 }] or {{ $json.items }}; one item object {...} alone is a list of one',
	description:
		'A list of items. Keys: name, amount, quantity, retailer_id, sale_amount, country_of_origin, importer_name, importer_address, image_url (India, without retailer_id) (camelCase and spreadsheet headers like "Retailer ID" work too). An unknown key is an error.',
};

/** The Items Source options; "None" is Brazil's simplified bill (brazil-orders.md): India's bills list their items. */
const ITEMS_SOURCES = [
	{ name: 'Define Below', value: 'define', description: 'List the items in this node' },
	{ name: 'JSON or Expression', value: 'json', description: 'An array of item objects, e.g. from an earlier node' },
	{
		name: 'All Input Items',
		value: 'inputItems',
		description:
			'ONE bill for ONE customer: every input item is a line of the same order (e.g. the rows of one order from a sheet); the other fields (recipient, reference, tax ...) are read from the first item. Items with another Recipient Phone Number or Reference ID stop the run (an empty one is the first item\'s). Columns the node does not know (row_number, notes ...) are ignored.',
	},
	{
		name: 'None: Total Only (Brazil)',
		value: 'none',
		description: 'A simplified Brazil bill: only the total and the payment methods, no item list and no image header',
	},
];
const BRAZIL_ONLY_SOURCE = ITEMS_SOURCES.find((option) => option.value === 'none')?.name;
const INDIA_SOURCES = ITEMS_SOURCES.filter((option) => option.value !== 'none').map((option) => `"${option.name}"`);

export const itemsProperties: INodeProperties[] = [
	{
		displayName: 'Items Source',
		name: 'itemsSource',
		type: 'options',
		options: ITEMS_SOURCES,
		default: 'define',
	},
	{
		displayName: 'Total',
		name: 'simplifiedTotal',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		required: true,
		default: 0,
		displayOptions: { show: { itemsSource: ['none'] } },
		hint: 'In reais (R$): e.g. 250 or 250.50 for R$250.50 (25050 when Amounts In is Minor Units)',
		description: 'The amount to pay (Brazil simplified bill)',
	},
	{
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Item',
		default: {},
		displayOptions: { show: { itemsSource: ['define'] } },
		options: [
			{
				displayName: 'Item',
				name: 'item',
				values: [
					{ displayName: 'Amount', name: 'amount', type: 'number', typeOptions: { minValue: 0, numberPrecision: 2 }, default: 0, hint: AMOUNT_HINT, description: 'Price of one unit' },
					{ ...indiaOnly({ displayName: 'Country of Origin', name: 'countryOfOrigin', placeholder: 'e.g. India', hint: REQUIRED_IN_INDIA }), description: 'Where the item was made' },
					{
						...indiaOnly({ displayName: 'Image URL', name: 'imageUrl', placeholder: 'e.g. https://shop.example/chai.jpg' }),
						description: 'Shown instead of a catalog product: leave Retailer ID and Catalog ID empty',
					},
					...importerFields.map(indiaOnly),
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Masala Chai 250 g', description: 'Shown to the customer (at most 60 characters)' },
					{ displayName: 'Quantity', name: 'quantity', type: 'number', typeOptions: { minValue: 1 }, default: 1, description: 'How many units: a whole number, at least 1' },
					{
						displayName: 'Retailer ID',
						name: 'retailerId',
						type: 'string',
						default: '',
						placeholder: 'e.g. CHAI-250',
						// core/orderRules.ts checkProviderRules: 360dialog requires it on every item without an image.
						description: 'Your ID of the product: required in Brazil, with a Catalog ID (its retailer ID in the catalog) and with a 360dialog credential; empty for an item with an Image URL',
					},
					{
						displayName: 'Sale Amount',
						name: 'saleAmount',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 0,
						hint: 'The discounted price of one unit, below Amount; 0 = no sale price',
					},
				],
			},
		],
	},
	// Version 1 keeps its sample as the default, for the workflows saved with it; from version 2 the field starts
	// empty, so that a bill never goes out with the sample's "Item" at 100 when the merchant forgot to fill it in.
	inVersion1({ ...itemsJsonProperty, default: '[\n  { "retailer_id": "sku-1", "name": "Item", "amount": 100, "quantity": 1 }\n]' }),
	fromVersion2(itemsJsonProperty),
	{
		displayName: 'Item Defaults',
		name: 'itemDefaults',
		type: 'collection',
		placeholder: 'Add Default',
		default: {},
		description: 'Applied to every item that does not set them: set the importer once here rather than on each item',
		displayOptions: { show: { market: ['india'] } },
		options: [
			{ displayName: 'Country of Origin', name: 'countryOfOrigin', type: 'string', default: '', placeholder: 'e.g. India' },
			...importerFields.map(({ displayName, name, placeholder, description }) => ({ displayName, name, type: 'string' as const, default: '', placeholder, ...(description ? { description } : {}) })),
		],
	},
];

/**
 * An order of all input items has one recipient and one reference, read from input item 1: an item that names
 * another (a poll of a sheet brings the new rows of several orders) would put another customer's lines on the bill.
 * An item that leaves them empty is a line of item 1's order (the router's check).
 */
export const sameForAllItems = {
	parameters: ['to', 'referenceId'],
	why: '"All Input Items" makes one bill for one customer from the rows of one order: give the node one order\'s rows per run (on its rows after the first, leave the cell empty or repeat the first row\'s value)',
};

/** True when this node run sends one order built from all input items. */
export function usesAllInputItems(this: IExecuteFunctions): boolean {
	return readParameter(this, 'itemsSource', 0, 'define') === 'inputItems';
}

/** What a value that cannot be a list of items is, in a merchant's words. */
function kindOf(value: unknown): string {
	if (text(value) === undefined) return 'nothing';
	if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}...` : value}"`;
	return `the ${typeof value} ${String(value)}`;
}

const NOT_A_LIST = (value: unknown) => `must be a list [...] of items (or one item object {...}), not ${kindOf(value)}`;

/**
 * The rows of "Items (JSON)": a list of item objects, as JSON text or the value of an expression. One item
 * object alone counts as a list of one (as n8n's own nodes take it); anything else (nothing, a number, a text
 * that is not such JSON) is an error naming the field, so no bill goes out with items the merchant did not mean.
 */
function rowsFromJson(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const refuse = (path: string, message: string) => new OrderValidationError([{ path, message, rule: 'items' }], 'Items (JSON)');
	const raw = readParameter<unknown>(ctx, 'itemsJson', itemIndex, undefined);
	let value: unknown = raw;
	if (typeof raw === 'string' && raw.trim() !== '') {
		try {
			value = jsonParse(raw);
		} catch {
			// Plain text (a cell's "Masala Chai x2") is named as such below; broken JSON is said to be broken.
			if (/^\s*[[{]/.test(raw)) throw refuse('itemsJson', 'is not valid JSON');
		}
	}
	if (isObject(value)) value = [value];
	if (!Array.isArray(value)) throw refuse('itemsJson', NOT_A_LIST(value));
	value.forEach((row, i) => {
		if (!isObject(row)) throw refuse(`/items/${i}`, `must be an item object {...}, not ${kindOf(row)}`);
		const unknown = unknownKeyIn(row as IDataObject, `/items/${i}`);
		if (unknown) throw refuse(unknown.path, unknown.message);
	});
	return value as IDataObject[];
}

function rowsFromList(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const list = readParameter<IDataObject[]>(ctx, 'items.item', itemIndex, []);
	// The list's number fields cannot be empty: a zero sale amount means "none".
	return list.map(({ saleAmount, ...rest }) => (saleAmount ? { ...rest, saleAmount } : rest));
}

function withDefaults(item: OrderItemInput, defaults: IDataObject): OrderItemInput {
	const address: Partial<ImporterAddressInput> = {
		addressLine1: text(defaults.importerAddressLine1),
		addressLine2: text(defaults.importerAddressLine2),
		city: text(defaults.importerCity),
		zoneCode: text(defaults.importerZoneCode),
		postalCode: text(defaults.importerPostalCode),
		countryCode: text(defaults.importerCountryCode),
	};
	const defaultAddress = withoutEmpty(address);
	return withoutEmpty({
		...item,
		countryOfOrigin: item.countryOfOrigin ?? text(defaults.countryOfOrigin),
		importerName: item.importerName ?? text(defaults.importerName),
		importerAddress: item.importerAddress ?? (Object.keys(defaultAddress).length > 0 ? (defaultAddress as ImporterAddressInput) : undefined),
	});
}

/** The order's items for item `itemIndex`, friendly keys mapped and defaults applied; none for a simplified Brazil bill. */
export function readItems(ctx: IExecuteFunctions, itemIndex: number): OrderItemInput[] | undefined {
	const source = readParameter<ItemsSource>(ctx, 'itemsSource', itemIndex, 'define');
	if (source === 'none') {
		// Named here: the core would name Items, which the form hides with this source.
		if (readParameter(ctx, 'market', itemIndex, '') === 'india') {
			const message = `"${BRAZIL_ONLY_SOURCE}" is for Brazil: an India bill lists its items, choose ${INDIA_SOURCES.slice(0, -1).join(', ')} or ${INDIA_SOURCES.at(-1)}`;
			throw new OrderValidationError([{ path: 'itemsSource', message, rule: 'market' }], 'items');
		}
		return undefined;
	}
	const rows =
		source === 'inputItems'
			? ctx.getInputData().map((input) => input.json)
			: source === 'json'
				? rowsFromJson(ctx, itemIndex)
				: rowsFromList(ctx, itemIndex);
	const defaults = readParameter<IDataObject>(ctx, 'itemDefaults', itemIndex, {});
	return rows.map((row, i) => withDefaults(itemFromRow(row, `/items/${i}`), defaults));
}
