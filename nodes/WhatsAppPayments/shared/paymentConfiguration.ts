import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { paymentConfigurationsOf } from '../../../core/paymentConfigurations';
import { paymentConfigurationPath } from '../../../core/providers';
import type { WhatsAppApi } from '../transport';
import { readParameter } from './parameters';

/**
 * A payment configuration picked from the WABA's list (Cloud API; each shown with its provider and status)
 * or typed by name (always possible; 360dialog has no list endpoint).
 */
export function paymentConfigurationLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Payment Configuration',
		name: 'paymentConfiguration',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The payment configuration (linked payment gateway or UPI VPA) of your WhatsApp Business Account',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchPaymentConfigurations', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. razorpay-main',
			},
		],
		...overrides,
	};
}

/** The configuration name chosen in `parameterName` of item `itemIndex`; an empty one is an error naming the field. */
export function readPaymentConfiguration(ctx: IExecuteFunctions, itemIndex: number, parameterName = 'paymentConfiguration'): string {
	const value = String(readParameter(ctx, parameterName, itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!value) throw new NodeOperationError(ctx.getNode(), `${parameterName}: a payment configuration name is required`, { itemIndex });
	return value;
}

/** Every payment configuration of the WABA (Cloud API GET /{waba_id}/payment_configurations), out of its nesting. */
export async function fetchPaymentConfigurations(api: WhatsAppApi, itemIndex = 0): Promise<IDataObject[]> {
	const { body } = await api.request({ method: 'GET', path: paymentConfigurationPath(api.settings, 'list'), retry: 'read' }, itemIndex);
	return paymentConfigurationsOf(body) as IDataObject[];
}
