import type { INodeProperties } from 'n8n-workflow';

import { sendingPhoneNumberProperty } from '../../shared/fields';
import * as lookUp from './lookUp';
import * as refund from './refund';

export const operations = { lookUp, refund };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{ name: 'Look Up', value: 'lookUp', action: 'Look up a payment', description: 'Get the payment of an order: status, amount, transaction, refunds' },
			{ name: 'Refund', value: 'refund', action: 'Refund a payment', description: 'Refund all or part of a captured payment (India)' },
		],
		default: 'lookUp',
	},
	sendingPhoneNumberProperty('payment'),
	...lookUp.description,
	...refund.description,
];
