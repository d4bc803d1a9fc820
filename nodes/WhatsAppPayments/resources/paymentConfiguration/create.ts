import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { OrderValidationError } from '../../../../core/errors';
import { paymentConfigurationRequestErrors } from '../../../../core/paymentConfigurations';
import { paymentConfigurationPath } from '../../../../core/providers';
import { camelCaseKeys, outputItem } from '../../shared/output';
import { additionalFieldsCollection } from '../../shared/fields';
import { optionsCollection } from '../../shared/pacing';
import { readParameter } from '../../shared/parameters';
import { requireText, text, withoutEmpty } from '../../shared/values';
import type { WhatsAppApi } from '../../transport';
import { redirectUrlProperty } from './fields';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Configuration Name',
		name: 'configurationName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. razorpay-main',
		hint: 'At most 60 characters: bills name the configuration they are paid through',
		description: 'A unique name (at most 60 characters); your bills name it to say which gateway is paid',
	},
	{
		displayName: 'Provider',
		name: 'providerName',
		type: 'options',
		options: [
			{ name: 'PayU', value: 'payu' },
			{ name: 'Razorpay', value: 'razorpay' },
			{ name: 'UPI VPA', value: 'upi_vpa' },
			{ name: 'Zaakpay', value: 'zaakpay' },
		],
		default: 'razorpay',
	},
	{ ...redirectUrlProperty, displayOptions: { hide: { providerName: ['upi_vpa'] } } },
	{
		displayName: 'Merchant VPA',
		name: 'merchantVpa',
		type: 'string',
		default: '',
		placeholder: 'e.g. shop@okbank',
		hint: 'Your UPI ID, where the customers pay to',
		description: 'Your UPI handle (UPI VPA configurations)',
		displayOptions: { show: { providerName: ['upi_vpa'] } },
	},
	additionalFieldsCollection([
		{
			displayName: 'Merchant Category Code',
			name: 'merchantCategoryCode',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5411',
			hint: 'The 4-digit code of your kind of business, e.g. 5411 for a grocery store or 5812 for a restaurant; your gateway or bank tells you yours',
			description: '4 digits (MCC)',
		},
		{
			displayName: 'Purpose Code',
			name: 'purposeCode',
			type: 'string',
			default: '',
			placeholder: 'e.g. 00',
			hint: 'The 2-digit UPI purpose of the payments, e.g. 00 for a default purchase; your gateway or bank tells you yours',
			description: '2 digits',
		},
	]),
	...optionsCollection(),
];

export const description = forOperation({ show: { resource: ['paymentConfiguration'], operation: ['create'] } }, properties);

/**
 * The create request: configuration_name and provider_name required, the rest optional
 * (onboarding-apis § Create), checked by the core before any request.
 */
export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = readParameter<IDataObject>(this, 'additionalFields', itemIndex, {});
	const provider = readParameter<string>(this, 'providerName', itemIndex);
	const upi = provider === 'upi_vpa';
	const request = withoutEmpty({
		configuration_name: requireText(this, itemIndex, 'configurationName'),
		provider_name: provider,
		merchant_category_code: text(fields.merchantCategoryCode),
		purpose_code: text(fields.purposeCode),
		redirect_url: upi ? undefined : text(readParameter(this, 'redirectUrl', itemIndex, '')),
		merchant_vpa: upi ? text(readParameter(this, 'merchantVpa', itemIndex, '')) : undefined,
	});
	const errors = paymentConfigurationRequestErrors(request);
	// Every broken rule named by its field, as the form labels it (the router's error naming).
	if (errors.length) throw new OrderValidationError(errors, 'payment configuration');
	return request;
}

/** Creates the configuration; a payment gateway one answers with the OAuth URL where the merchant links the gateway account, a UPI VPA one with {success: true}. */
export async function execute(this: IExecuteFunctions, configuration: IDataObject, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const { body } = await api.request({ method: 'POST', path: paymentConfigurationPath(api.settings, 'create'), body: configuration, retry: 'write' }, itemIndex);
	return outputItem(this, { configurationName: configuration.configuration_name, ...camelCaseKeys(body) }, body, () => ({ configuration_name: configuration.configuration_name, ...body }));
}
