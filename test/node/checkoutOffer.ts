/** The checkout button template offer the node tests send or refuse: one India product, the importer from INDIA_IMPORTER. */
import type { INodeParameters } from 'n8n-workflow';

import { RAZORPAY_CONFIGURATION } from './razorpayOrder';
import { FAST_RETRIES, INDIA_IMPORTER, RECIPIENT, newReference } from './testbed';

/** A shop's "back in stock" offer of Blue Elf Aloe at Rs 1500 (version 2's form), under a new reference; `parameters` override. */
export const checkoutOffer = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'checkout',
	operation: 'sendCheckoutTemplate',
	to: RECIPIENT,
	template: 'item_back_in_stock_v1|en_US',
	bodyParameters: { parameter: [{ text: 'Nidhi' }, { text: 'Blue Elf Aloe' }] },
	paymentConfiguration: RAZORPAY_CONFIGURATION,
	referenceId: newReference('CO'),
	productName: 'Blue Elf Aloe',
	headerMedia: 'https://shop.example/aloe.jpg',
	price: '1500',
	tax: '0',
	...INDIA_IMPORTER,
	sendingLimits: FAST_RETRIES,
	...parameters,
});
