import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { paymentConfigurationPath } from '../../../../core/providers';
import { additionalFieldsCollection } from '../../shared/fields';
import { optionsCollection } from '../../shared/pacing';
import { readParameter } from '../../shared/parameters';
import { requireText, text, withoutEmpty } from '../../shared/values';
import type { WhatsAppApi } from '../../transport';
import { redirectUrlProperty } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Configuration Name',
		name: 'configurationName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. razorpay-main',
		description: 'A unique name (at most 60 characters); order_details messages refer to it',
	},
	{
		displayName: 'Provider',
		name: 'providerName',
		type: 'options',
		options: [
			{ name: 'BillDesk', value: 'billdesk' },
			{ name: 'PayU', value: 'payu' },
			{ name: 'Razorpay', value: 'razorpay' },
			{ name: 'UPI VPA', value: 'upi_vpa' },
			{ name: 'Zaakpay', value: 'zaakpay' },
		],
		default: 'razorpay',
	},
	{ displayName: 'Merchant Category Code', name: 'merchantCategoryCode', type: 'string', required: true, default: '', placeholder: 'e.g. 0000' },
	{ displayName: 'Purpose Code', name: 'purposeCode', type: 'string', required: true, default: '', placeholder: 'e.g. 00' },
	redirectUrlProperty,
	additionalFieldsCollection([
		{ displayName: 'Provider Merchant ID', name: 'providerMid', type: 'string', default: '', description: "The gateway's merchant ID" },
		{ displayName: 'Merchant VPA', name: 'merchantVpa', type: 'string', default: '', description: 'UPI VPA providers: your VPA' },
	]),
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['paymentConfiguration'], operation: ['create'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = readParameter<IDataObject>(this, 'additionalFields', itemIndex, {});
	return withoutEmpty({
		configuration_name: requireText(this, itemIndex, 'configurationName'),
		provider_name: readParameter<string>(this, 'providerName', itemIndex),
		merchant_category_code: requireText(this, itemIndex, 'merchantCategoryCode'),
		purpose_code: requireText(this, itemIndex, 'purposeCode'),
		redirect_url: requireText(this, itemIndex, 'redirectUrl'),
		provider_mid: text(fields.providerMid),
		merchant_vpa: text(fields.merchantVpa),
	});
}

/** Creates the configuration; the answer holds the OAuth URL where the merchant links the gateway account. */
export async function execute(this: IExecuteFunctions, configuration: IDataObject, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const { body } = await api.request({ method: 'POST', path: paymentConfigurationPath(api.settings, 'create'), body: configuration, retry: 'write' }, itemIndex);
	return { configuration_name: configuration.configuration_name, ...body };
}
