import type { INodeProperties } from 'n8n-workflow';

export const redirectUrlProperty: INodeProperties = {
	displayName: 'Redirect URL',
	name: 'redirectUrl',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'https://example.com/payments/connected',
	description: 'Where the gateway sends the merchant after linking the account',
};
