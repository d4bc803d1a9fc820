import type { INodeProperties } from 'n8n-workflow';

/**
 * The business number a resource's operations send from (and look payments up with), loaded with the
 * credential's token. Empty: the credential's Default Phone Number ID (credentials made before this list).
 * A node run uses the number of its first input item.
 */
export const sendingPhoneNumberProperty = (resource: string): INodeProperties => ({
	displayName: 'Sending Phone Number Name or ID',
	name: 'phoneNumberId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPhoneNumbers' },
	default: '',
	displayOptions: { show: { resource: [resource] } },
	description:
		'Your business number the bills go out from. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
});

/** Fields every message operation shares. */
export const recipientProperty: INodeProperties = {
	displayName: 'Recipient Phone Number',
	name: 'to',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 919876543210',
	description: "The customer's WhatsApp number with country code (wa_id)",
};

export const referenceIdProperty: INodeProperties = {
	displayName: 'Reference ID',
	name: 'referenceId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. ORDER-1001',
	description: 'Your unique, case-sensitive ID of the order: letters, digits, underscore, dot and hyphen, at most 35 characters in India and 60 in Brazil',
};

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

/** The "Additional Fields" collection of an operation: its optional fields. */
export const additionalFieldsCollection = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options,
});
