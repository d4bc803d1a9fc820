import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as deleteConfiguration from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as dataEndpoint from './linkDataEndpoint';
import * as regenerateOAuthLink from './regenerateOAuthLink';

export const operations = { getAll, get, create, regenerateOAuthLink, delete: deleteConfiguration, linkDataEndpoint: dataEndpoint, removeDataEndpoint: dataEndpoint };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['paymentConfiguration'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a payment configuration', description: 'Create a configuration and get the OAuth link to connect the gateway' },
			{ name: 'Delete', value: 'delete', action: 'Delete a payment configuration' },
			{ name: 'Get', value: 'get', action: 'Get a payment configuration' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many payment configurations' },
			{
				name: 'Link Data Endpoint',
				value: 'linkDataEndpoint',
				action: 'Link or update the checkout endpoint of a payment configuration',
				description: 'The URL of your WhatsApp Checkout Endpoint Trigger, for coupons, shipping and stock at checkout',
			},
			{
				name: 'Regenerate OAuth Link',
				value: 'regenerateOAuthLink',
				action: 'Regenerate the gateway link of a payment configuration',
				description: 'A new link to connect the gateway account, when the earlier one expired',
			},
			{ name: 'Remove Data Endpoint', value: 'removeDataEndpoint', action: 'Remove the checkout endpoint of a payment configuration' },
		],
		default: 'getAll',
	},
	...getAll.description,
	...get.description,
	...create.description,
	...regenerateOAuthLink.description,
	...deleteConfiguration.description,
	...dataEndpoint.description,
];
