import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { text } from '../../shared/values';

export const redirectUrlProperty: INodeProperties = {
	displayName: 'Redirect URL',
	name: 'redirectUrl',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'https://example.com/payments/connected',
	description: 'Where the gateway sends the merchant after linking the account',
};

/** A required text parameter, trimmed; empty is an error naming the field. */
export function requireText(ctx: IExecuteFunctions, itemIndex: number, name: string): string {
	const value = text(ctx.getNodeParameter(name, itemIndex, ''));
	if (!value) throw new NodeOperationError(ctx.getNode(), `${name}: is required`, { itemIndex });
	return value;
}
