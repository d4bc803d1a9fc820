import type { INodeProperties } from 'n8n-workflow';

import * as getBusinessPublicKey from './getBusinessPublicKey';
import * as respondToCheckout from './respond';
import * as sendCheckoutTemplate from './sendCheckoutTemplate';
import * as setBusinessPublicKey from './setBusinessPublicKey';

export const operations = { respondToCheckout, sendCheckoutTemplate, setBusinessPublicKey, getBusinessPublicKey };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['checkout'] } },
		options: [
			{
				name: 'Get Business Public Key',
				value: 'getBusinessPublicKey',
				action: 'Get the business public key of a phone number',
				description: 'The public key WhatsApp encrypts checkout requests with, and whether its signature is valid',
			},
			{
				name: 'Respond to Checkout',
				value: 'respondToCheckout',
				action: 'Respond to a checkout request',
				description: 'Answer the WhatsApp Checkout Endpoint Trigger: coupons, the re-priced order, or a refusal (checked, then encrypted)',
			},
			{
				name: 'Send Checkout Button Template',
				value: 'sendCheckoutTemplate',
				action: 'Send a checkout button template',
				description: 'Send an approved template with a "Buy now" button: one product, or a carousel of several, bought without leaving WhatsApp',
			},
			{
				name: 'Upload Business Public Key',
				value: 'setBusinessPublicKey',
				action: 'Upload the business public key of a phone number',
				description: 'Upload the public key of the checkout credential\'s key pair for the sending phone number',
			},
		],
		default: 'respondToCheckout',
	},
	...respondToCheckout.description,
	...sendCheckoutTemplate.description,
	...setBusinessPublicKey.description,
	...getBusinessPublicKey.description,
];
