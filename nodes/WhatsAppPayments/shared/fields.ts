import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { OrderValidationError } from '../../../core/errors';
import { MARKETS } from '../../../core/orderRules';
import { recipientError } from '../../../core/recipient';
import type { Market } from '../../../core/types';

import { readParameter } from './parameters';
import { readTextParameter } from './values';
import { fromVersion2, isVersion1 } from './versions';

/**
 * The business number a resource's operations send from (and look payments up with), loaded with the
 * credential's token. Empty: the credential's Default Phone Number ID (credentials made before this list).
 * A node run sends from the number of its first input item; an item whose expression gives another fails (router.ts).
 */
export const sendingPhoneNumberProperty = (resource: string): INodeProperties => ({
	displayName: 'Sending Phone Number Name or ID',
	name: 'phoneNumberId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPhoneNumbers' },
	default: '',
	displayOptions: { show: { resource: [resource] } },
	// Not `required`: 360dialog's one entry is the empty value (its API key stands for one number).
	hint: "Required with the Meta Cloud API unless the credential has a Default Phone Number ID; with 360dialog, the number of the API key",
	description:
		'Your WhatsApp business number, the one the orders are sent from. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
});

/** Fields every message operation shares. */
export const recipientProperty: INodeProperties = {
	displayName: 'Recipient Phone Number',
	name: 'to',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 919876543210',
	hint: 'With the country code (91 for India, 55 for Brazil): a local number would reach another country',
	description: "The customer's WhatsApp number with country code (wa_id)",
};

/** The form's Market (Send Order Details and its template), or undefined on a form without one. */
function marketOfForm(ctx: IExecuteFunctions, itemIndex: number): Market | undefined {
	const market = readParameter(ctx, 'market', itemIndex, '');
	return market === 'india' || market === 'brazil' ? market : undefined;
}

/**
 * Item `itemIndex`'s Recipient Phone Number, refused before any request when it cannot be one (reported as its input
 * item's field); an empty cell is a missing number, never the text "null". `market`: the operation's (else the
 * form's Market), whose local numbers without a country code are refused; none known: any number is taken.
 */
export function readRecipient(ctx: IExecuteFunctions, itemIndex: number, market: Market | undefined = marketOfForm(ctx, itemIndex)): string {
	const to = readTextParameter(ctx, 'to', itemIndex).trim();
	const error = recipientError(to, market);
	if (error) throw new OrderValidationError([{ path: 'to', message: error, rule: 'recipient' }], 'recipient');
	return to;
}

const referenceIdWithLength = (length: string): INodeProperties => ({
	displayName: 'Reference ID',
	name: 'referenceId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. ORDER-1001',
	description: `Your unique, case-sensitive ID of the order: letters, digits, underscore, dot and hyphen, at most ${length}`,
});

export const referenceIdProperty = referenceIdWithLength(`${MARKETS.india.referenceIdMax} characters in India and ${MARKETS.brazil.referenceIdMax} in Brazil`);
/** On the India-only operations (Checkout › Send Checkout Button Template). */
export const indiaReferenceIdProperty = referenceIdWithLength(`${MARKETS.india.referenceIdMax} characters`);

const amountsInChoices = [
	{ name: 'Currency Units (250.50 for ₹250.50)', value: 'major' },
	{ name: 'Minor Units (25050 Paise for ₹250.50)', value: 'minor' },
];

/** Version 1: "Amounts In" inside the Options collection. */
export const amountsInOption: INodeProperties = {
	displayName: 'Amounts In',
	name: 'amountsIn',
	type: 'options',
	options: [
		{ name: 'Currency Units (12.34)', value: 'major' },
		{ name: 'Minor Units (1234 Paise / Centavos)', value: 'minor' },
	],
	default: 'major',
	description: 'How the amounts in this node are written',
};

const amountsInHint = (currencies: string, minorUnits: string) => `${currencies} with decimals, or ${minorUnits} as whole numbers: a sheet in paise needs Minor Units`;

/** Version 2: "Amounts In" on the form, next to the amounts it applies to. */
export const amountsInProperty: INodeProperties = fromVersion2({
	displayName: 'Amounts In',
	name: 'amountsIn',
	type: 'options',
	options: amountsInChoices,
	default: 'major',
	hint: amountsInHint('Rupees (₹) or reais (R$)', 'paise / centavos'),
	description: 'How every amount of this node is written',
});
/** On the India-only operations (Checkout › Send Checkout Button Template, Payment › Refund): rupees alone. */
export const indiaAmountsInProperty: INodeProperties = { ...amountsInProperty, hint: amountsInHint('Rupees (₹)', 'paise') };

/** How item `itemIndex`'s amounts are written: "Amounts In" on the form (version 2) or in Options (version 1). */
export function readAmountsIn(ctx: IExecuteFunctions, itemIndex: number): 'major' | 'minor' {
	const amountsIn = isVersion1(ctx) ? readParameter<IDataObject>(ctx, 'options', itemIndex, {}).amountsIn : readParameter(ctx, 'amountsIn', itemIndex, 'major');
	return amountsIn === 'minor' ? 'minor' : 'major';
}

/** The hint of an amount field: the unit and an example. */
export const AMOUNT_HINT = 'In rupees (₹) or reais (R$): e.g. 250 or 250.50 for ₹250.50 (25050 when Amounts In is Minor Units)';

/** The "Additional Fields" collection of an operation: its optional fields. */
export const additionalFieldsCollection = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options,
});
