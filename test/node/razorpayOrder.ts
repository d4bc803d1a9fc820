/** The India Razorpay bill the payment tests look up and refund: Rs 545.00 (2 x 250 + 45 tax), and sending it (paid unless told). */
import type { INodeParameters } from 'n8n-workflow';

import { FAST_RETRIES, newReference, type Testbed } from './testbed';

export const RAZORPAY_CONFIGURATION = { __rl: true, mode: 'list', value: 'razorpay-sandbox' };

/** The node parameters of the bill. */
export const razorpayOrder = (referenceId: string): INodeParameters => ({
	resource: 'order',
	operation: 'sendOrderDetails',
	to: '919876543210',
	market: 'india',
	referenceId,
	paymentMethod: 'paymentGateway',
	gateway: 'razorpay',
	paymentConfiguration: RAZORPAY_CONFIGURATION,
	razorpayFields: { receipt: 'rcpt-7' },
	items: { item: [{ name: 'Notebook', amount: 250, quantity: 2, retailerId: 'nb-1' }] },
	additionalFields: { catalogId: 'catalog-1' },
	taxAmount: 45,
	body: 'Your bill',
	options: FAST_RETRIES,
});

/** Sends the bill under a new reference and pays it (by `method`, unless `method` is null); its reference. */
export async function sentOrder(bed: Testbed, method: string | null = 'upi'): Promise<string> {
	const referenceId = newReference('PAY');
	const sent = await bed.run(razorpayOrder(referenceId));
	if (sent.error) throw new Error(`the bill was not sent: ${sent.error.message}`);
	if (method !== null) await bed.control('POST', `/_sandbox/orders/${referenceId}/pay`, { outcome: 'success', method });
	return referenceId;
}
