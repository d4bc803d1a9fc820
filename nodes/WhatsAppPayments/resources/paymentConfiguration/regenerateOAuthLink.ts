import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paymentConfigurationPath } from '../../../../core/providers';
import { camelCaseKeys, outputItem } from '../../shared/output';
import { optionsCollection } from '../../shared/pacing';
import { managedConfigurationLocator, readPaymentConfiguration } from '../../shared/paymentConfiguration';
import { readParameter } from '../../shared/parameters';
import { text, withoutEmpty } from '../../shared/values';
import type { WhatsAppApi } from '../../transport';
import { redirectUrlProperty } from './fields';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	managedConfigurationLocator(),
	redirectUrlProperty,
	...optionsCollection(),
];

export const description = forOperation({ show: { resource: ['paymentConfiguration'], operation: ['regenerateOAuthLink'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): IDataObject {
	return withoutEmpty({ configuration_name: readPaymentConfiguration(this, itemIndex), redirect_url: text(readParameter(this, 'redirectUrl', itemIndex, '')) });
}

/** A fresh OAuth link for a configuration that still needs connecting (the earlier one expired). */
export async function execute(this: IExecuteFunctions, request: IDataObject, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const { body } = await api.request({ method: 'POST', path: paymentConfigurationPath(api.settings, 'oauthLink'), body: request, retry: 'write' }, itemIndex);
	return outputItem(this, { configurationName: request.configuration_name, ...camelCaseKeys(body) }, body, () => ({ configuration_name: request.configuration_name, ...body }));
}
