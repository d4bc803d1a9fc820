/** The India bill the 360dialog tests send: the payment tests' Razorpay bill, its configuration by name (360dialog has no API that lists configurations). */
import type { INodeParameters } from 'n8n-workflow';

import { razorpayOrder } from './razorpayOrder';

export const DIALOG360_CONFIGURATION = { __rl: true, mode: 'name', value: 'razorpay-sandbox' };

/** Rs 545.00 of catalog items under `referenceId`; `parameters` override. */
export const dialog360Bill = (referenceId: string, parameters: INodeParameters = {}): INodeParameters => ({
	...razorpayOrder(referenceId),
	paymentConfiguration: DIALOG360_CONFIGURATION,
	...parameters,
});
