import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { paymentConfigurationsOf } from '../../../../core/paymentConfigurations';
import { paymentConfigurationPath } from '../../../../core/providers';
import { optionsCollection } from '../../shared/pacing';
import { configurationItem, managedConfigurationLocator, readPaymentConfiguration } from '../../shared/paymentConfiguration';
import type { WhatsAppApi } from '../../transport';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	managedConfigurationLocator(),
	...optionsCollection(),
];

export const description = forOperation({ show: { resource: ['paymentConfiguration'], operation: ['get'] } }, properties);

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return readPaymentConfiguration(this, itemIndex);
}

export async function execute(this: IExecuteFunctions, configurationName: string, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const { body } = await api.request({ method: 'GET', path: paymentConfigurationPath(api.settings, 'get', configurationName), retry: 'read' }, itemIndex);
	const found = paymentConfigurationsOf(body)[0] as IDataObject | undefined;
	if (!found) throw new NodeOperationError(this.getNode(), `No payment configuration named "${configurationName}"`, { itemIndex });
	return configurationItem(this, found);
}
