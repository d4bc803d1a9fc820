import type { INodeProperties } from 'n8n-workflow';

import { sendingPhoneNumberProperty } from '../../shared/fields';
import * as sendOrderDetails from './sendOrderDetails';
import * as sendOrderDetailsTemplate from './sendOrderDetailsTemplate';
import * as sendOrderStatus from './sendOrderStatus';
import * as sendOrderStatusTemplate from './sendOrderStatusTemplate';
import * as sendPaymentLinkTemplate from './sendPaymentLinkTemplate';

export const operations = { sendOrderDetails, sendOrderDetailsTemplate, sendOrderStatus, sendOrderStatusTemplate, sendPaymentLinkTemplate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{ name: 'Send Order Details', value: 'sendOrderDetails', action: 'Send an order details bill', description: 'Send a bill the customer pays inside WhatsApp' },
			{
				name: 'Send Order Details Template',
				value: 'sendOrderDetailsTemplate',
				action: 'Send an order details template',
				description: 'Send the bill as an approved template, for customers outside the 24-hour window',
			},
			{ name: 'Send Order Status', value: 'sendOrderStatus', action: 'Send an order status update', description: 'Tell the customer the order is processing, shipped, completed or canceled' },
			{
				name: 'Send Order Status Template',
				value: 'sendOrderStatusTemplate',
				action: 'Send an order status template',
				description: 'Send the status update as an approved order status template, for customers outside the 24-hour window',
			},
			{
				name: 'Send Payment Link Template',
				value: 'sendPaymentLinkTemplate',
				action: 'Send a payment link template',
				description: 'Send a Razorpay, PayU or Cashfree payment link that WhatsApp shows as a payment with a "Pay now" button (India)',
			},
		],
		default: 'sendOrderDetails',
	},
	sendingPhoneNumberProperty('order'),
	...sendOrderDetails.description,
	...sendOrderDetailsTemplate.description,
	...sendOrderStatus.description,
	...sendOrderStatusTemplate.description,
	...sendPaymentLinkTemplate.description,
];
