import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dataEndpointRequest } from '../../../../core/checkoutSetup';
import { OrderValidationError } from '../../../../core/errors';
import { paymentConfigurationPath } from '../../../../core/providers';
import { optionsCollection } from '../../shared/pacing';
import { managedConfigurationLocator, readPaymentConfiguration } from '../../shared/paymentConfiguration';
import { readParameter } from '../../shared/parameters';
import type { WhatsAppApi } from '../../transport';
import { forOperation } from '../../shared/operation';

const both = { show: { resource: ['paymentConfiguration'], operation: ['linkDataEndpoint', 'removeDataEndpoint'] } };

export const description: INodeProperties[] = [
	...forOperation(both, [managedConfigurationLocator()]),
	{
		displayName: 'Data Endpoint URL',
		name: 'dataEndpointUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://n8n.example.com/webhook/.../checkout',
		description: 'The Production URL of your WhatsApp Checkout Endpoint Trigger (HTTPS)',
		displayOptions: { show: { resource: ['paymentConfiguration'], operation: ['linkDataEndpoint'] } },
	},
	...forOperation(both, optionsCollection()),
];

export interface DataEndpointChange {
	configurationName: string;
	body: IDataObject;
}

/** The configuration and the body (onboarding-apis.md § Link or update data endpoint), checked before any request. */
export function prepare(this: IExecuteFunctions, itemIndex: number): DataEndpointChange {
	const remove = readParameter(this, 'operation', itemIndex) === 'removeDataEndpoint';
	const { body, errors } = dataEndpointRequest(remove ? null : String(readParameter(this, 'dataEndpointUrl', itemIndex, '')));
	if (errors.length) throw new OrderValidationError(errors.map((e) => ({ ...e, path: 'dataEndpointUrl' })), 'data endpoint');
	return { configurationName: readPaymentConfiguration(this, itemIndex), body: body as IDataObject };
}

/** POST /{waba}/payment_configuration/{name} {data_endpoint_url}: links, updates or (empty, UNCONFIRMED) removes the endpoint. */
export async function execute(this: IExecuteFunctions, change: DataEndpointChange, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const path = paymentConfigurationPath(api.settings, 'get', change.configurationName);
	const { body } = await api.request({ method: 'POST', path, body: change.body, retry: 'write' }, itemIndex);
	return { configuration_name: change.configurationName, data_endpoint_url: change.body.data_endpoint_url || null, ...body };
}
