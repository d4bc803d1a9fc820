import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paymentConfigurationPath } from '../../../../core/providers';
import { camelCaseKeys, outputItem } from '../../shared/output';
import { optionsCollection } from '../../shared/pacing';
import { managedConfigurationLocator, readPaymentConfiguration } from '../../shared/paymentConfiguration';
import type { WhatsAppApi } from '../../transport';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	managedConfigurationLocator(),
	...optionsCollection(),
];

export const description = forOperation({ show: { resource: ['paymentConfiguration'], operation: ['delete'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return readPaymentConfiguration(this, itemIndex);
}

export async function execute(this: IExecuteFunctions, configurationName: string, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const path = paymentConfigurationPath(api.settings, 'delete');
	const { body } = await api.request({ method: 'DELETE', path, body: { configuration_name: configurationName }, retry: 'write' }, itemIndex);
	return outputItem(this, { configurationName, ...camelCaseKeys(body) }, body, () => ({ configuration_name: configurationName, ...body }));
}
