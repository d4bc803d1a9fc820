/**
 * Order items from the three sources the node offers: the UI list, JSON / an expression, or every input
 * item (e.g. the rows of a Google Sheets node). Rows may use friendly keys ("Retailer ID", retailer_id,
 * retailerId, sku, price, qty ...): keys are compared lowercased without spaces, dashes or underscores.
 * Unknown keys (row_number, extra sheet columns) are ignored; the core reports what is missing or wrong.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import type { ImporterAddressInput, OrderItemInput } from '../../../../core/types';
import { readParameter } from '../../shared/parameters';
import { text, withoutEmpty } from '../../shared/values';

export type ItemsSource = 'define' | 'json' | 'inputItems';

type ItemField = Exclude<keyof OrderItemInput, 'importerAddress'>;
type AddressField = keyof ImporterAddressInput;

const compact = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Friendly key (compacted) -> item field. */
const ITEM_KEYS: Record<string, ItemField> = {
	retailerid: 'retailerId',
	sku: 'retailerId',
	productretailerid: 'retailerId',
	name: 'name',
	itemname: 'name',
	productname: 'name',
	title: 'name',
	amount: 'amount',
	price: 'amount',
	unitprice: 'amount',
	unitamount: 'amount',
	saleamount: 'saleAmount',
	saleprice: 'saleAmount',
	quantity: 'quantity',
	qty: 'quantity',
	countryoforigin: 'countryOfOrigin',
	importername: 'importerName',
	imageurl: 'imageUrl',
	image: 'imageUrl',
	imagelink: 'imageUrl',
};

/** Friendly key (compacted) -> importer address field, inside an importer address object. */
const ADDRESS_KEYS: Record<string, AddressField> = {
	addressline1: 'addressLine1',
	addressline2: 'addressLine2',
	city: 'city',
	zonecode: 'zoneCode',
	postalcode: 'postalCode',
	countrycode: 'countryCode',
};

const IMPORTER_ADDRESS_KEY = 'importeraddress';
/** Flattened sheet columns such as "Importer City" -> the same address fields. */
const FLAT_ADDRESS_PREFIX = 'importer';

const isPlainObject = (x: unknown): x is IDataObject => typeof x === 'object' && x !== null && !Array.isArray(x);
const isBlank = (x: unknown) => text(x) === undefined;

/** Whole-number quantities often arrive as text from spreadsheets. */
const readQuantity = (x: unknown) => (typeof x === 'string' && /^\s*\d+\s*$/.test(x) ? Number(x) : x);

function readAddress(x: unknown): unknown {
	if (!isPlainObject(x)) return x;
	const address: Partial<Record<AddressField, unknown>> = {};
	for (const [key, value] of Object.entries(x)) {
		const field = ADDRESS_KEYS[compact(key)];
		if (field && !isBlank(value)) address[field] = value;
	}
	return address;
}

/** One row with friendly keys -> an OrderItemInput (values unchecked: the core validates them). */
export function itemFromRow(row: IDataObject): OrderItemInput {
	const item: Record<string, unknown> = {};
	const flatAddress: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(row)) {
		if (isBlank(value)) continue;
		const k = compact(key);
		const field = ITEM_KEYS[k];
		if (field) item[field] = field === 'quantity' ? readQuantity(value) : value;
		else if (k === IMPORTER_ADDRESS_KEY) item.importerAddress = readAddress(value);
		else if (k.startsWith(FLAT_ADDRESS_PREFIX) && ADDRESS_KEYS[k.slice(FLAT_ADDRESS_PREFIX.length)]) {
			flatAddress[k.slice(FLAT_ADDRESS_PREFIX.length)] = value;
		}
	}
	if (item.importerAddress === undefined && Object.keys(flatAddress).length > 0) item.importerAddress = readAddress(flatAddress);
	return item as unknown as OrderItemInput;
}

export const itemsProperties: INodeProperties[] = [
	{
		displayName: 'Items Source',
		name: 'itemsSource',
		type: 'options',
		options: [
			{ name: 'Define Below', value: 'define', description: 'List the items in this node' },
			{ name: 'JSON or Expression', value: 'json', description: 'An array of item objects, e.g. from an earlier node' },
			{
				name: 'All Input Items',
				value: 'inputItems',
				description: 'Every input item is one line of a single order (e.g. the rows of a Google Sheets node); the other fields are read from the first item',
			},
		],
		default: 'define',
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
					{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Shown to the customer (at most 60 characters)' },
					{ displayName: 'Amount', name: 'amount', type: 'number', typeOptions: { minValue: 0, numberPrecision: 2 }, default: 0, description: 'Price of one unit' },
					{ displayName: 'Quantity', name: 'quantity', type: 'number', typeOptions: { minValue: 1 }, default: 1 },
					{ displayName: 'Retailer ID', name: 'retailerId', type: 'string', default: '', description: 'Your ID of the product (required in Brazil; the catalog retailer ID with a catalog)' },
					{ displayName: 'Sale Amount', name: 'saleAmount', type: 'number', typeOptions: { minValue: 0, numberPrecision: 2 }, default: 0, description: 'Discounted price of one unit, below the amount (0 = no sale price)' },
					{ displayName: 'Country of Origin', name: 'countryOfOrigin', type: 'string', default: '', description: 'India without a catalog: required (or set it in Item Defaults)' },
					{ displayName: 'Image URL', name: 'imageUrl', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Items (JSON)',
		name: 'itemsJson',
		type: 'json',
		default: '[\n  { "retailer_id": "sku-1", "name": "Item", "amount": 100, "quantity": 1 }\n]',
		displayOptions: { show: { itemsSource: ['json'] } },
		description: 'An array of items. Keys: name, amount, quantity, retailer_id, sale_amount, country_of_origin, importer_name, importer_address, image_url (camelCase and spreadsheet headers like "Retailer ID" work too).',
	},
	{
		displayName: 'Item Defaults',
		name: 'itemDefaults',
		type: 'collection',
		placeholder: 'Add Default',
		default: {},
		description: 'Applied to every item that does not set them (India without a catalog needs the importer on each item)',
		options: [
			{ displayName: 'Country of Origin', name: 'countryOfOrigin', type: 'string', default: '' },
			{ displayName: 'Importer Address Line 1', name: 'importerAddressLine1', type: 'string', default: '' },
			{ displayName: 'Importer Address Line 2', name: 'importerAddressLine2', type: 'string', default: '' },
			{ displayName: 'Importer City', name: 'importerCity', type: 'string', default: '' },
			{ displayName: 'Importer Country Code', name: 'importerCountryCode', type: 'string', default: '', placeholder: 'e.g. IN' },
			{ displayName: 'Importer Name', name: 'importerName', type: 'string', default: '' },
			{ displayName: 'Importer Postal Code', name: 'importerPostalCode', type: 'string', default: '' },
			{ displayName: 'Importer Zone Code', name: 'importerZoneCode', type: 'string', default: '', placeholder: 'e.g. DL' },
		],
	},
];

/** True when this node run sends one order built from all input items. */
export function usesAllInputItems(this: IExecuteFunctions): boolean {
	return readParameter(this, 'itemsSource', 0, 'define') === 'inputItems';
}

function rowsFromJson(ctx: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const raw = readParameter<unknown>(ctx, 'itemsJson', itemIndex, '[]');
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = jsonParse(raw);
		} catch {
			throw new NodeOperationError(ctx.getNode(), 'itemsJson: is not valid JSON', { itemIndex });
		}
	}
	if (isPlainObject(value)) value = [value];
	if (!Array.isArray(value)) throw new NodeOperationError(ctx.getNode(), '/items: must be an array of item objects', { itemIndex });
	value.forEach((row, i) => {
		if (!isPlainObject(row)) throw new NodeOperationError(ctx.getNode(), `/items/${i}: must be an object`, { itemIndex });
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

/** The order's items for item `itemIndex`, friendly keys mapped and defaults applied. */
export function readItems(ctx: IExecuteFunctions, itemIndex: number): OrderItemInput[] {
	const source = readParameter<ItemsSource>(ctx, 'itemsSource', itemIndex, 'define');
	const rows =
		source === 'inputItems'
			? ctx.getInputData().map((input) => input.json)
			: source === 'json'
				? rowsFromJson(ctx, itemIndex)
				: rowsFromList(ctx, itemIndex);
	const defaults = readParameter<IDataObject>(ctx, 'itemDefaults', itemIndex, {});
	return rows.map((row) => withDefaults(itemFromRow(row), defaults));
}
