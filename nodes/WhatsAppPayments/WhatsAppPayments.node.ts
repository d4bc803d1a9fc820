import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchPaymentConfigurations } from './methods/listSearch';
import { getCheckoutTemplates, getOrderDetailsTemplates, getOrderStatusTemplates, getPaymentLinkTemplates, getPhoneNumbers } from './methods/loadOptions';
import { checkoutKeyTest } from '../shared/checkoutKey';
import * as checkout from './resources/checkout';
import * as order from './resources/order';
import * as payment from './resources/payment';
import * as paymentConfiguration from './resources/paymentConfiguration';
import { router } from './router';

export class WhatsAppPayments implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WhatsApp Payments',
		name: 'whatsAppPayments',
		icon: { light: 'file:whatsAppPayments.svg', dark: 'file:whatsAppPayments.dark.svg' },
		group: ['output'],
		// 2: the merchant's form (shared/versions.ts); 1 stays for workflows made with the first form.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send WhatsApp bills (order_details) and order status updates, look up and refund payments, manage payment configurations',
		defaults: { name: 'WhatsApp Payments' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'whatsAppPaymentsApi', required: true, displayOptions: { hide: { operation: ['respondToCheckout'] } } },
			{ name: 'whatsAppCheckoutEndpointApi', required: true, testedBy: 'checkoutKeyTest', displayOptions: { show: { operation: ['respondToCheckout', 'setBusinessPublicKey'] } } },
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Order', value: 'order' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Payment Configuration', value: 'paymentConfiguration', description: 'Cloud API only: with 360dialog, manage them in WhatsApp Manager' },
					{ name: 'Checkout', value: 'checkout' },
				],
				default: 'order',
			},
			...order.description,
			...payment.description,
			...paymentConfiguration.description,
			...checkout.description,
		],
	};

	methods = {
		credentialTest: { checkoutKeyTest },
		listSearch: { searchPaymentConfigurations },
		loadOptions: { getCheckoutTemplates, getOrderDetailsTemplates, getOrderStatusTemplates, getPaymentLinkTemplates, getPhoneNumbers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
