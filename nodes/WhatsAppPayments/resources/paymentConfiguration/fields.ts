import type { INodeProperties } from 'n8n-workflow';

export const redirectUrlProperty: INodeProperties = {
	displayName: 'Redirect URL',
	name: 'redirectUrl',
	type: 'string',
	default: '',
	placeholder: 'https://example.com/payments/connected',
	description: 'Optional: where the merchant lands after linking the gateway account',
};
