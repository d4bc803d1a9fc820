/**
 * "No payment" is one reading for every action-node reader of the payment lookup (shared findPayment): Look Up, a Full
 * refund and Check Payment Before Canceling say it alike whether the API answers its "not found" error (the sandbox's
 * HTTP 400, code 100 subcode 33 for an unknown reference; the same in a 2xx body; an HTTP 404 with an API error code) or an empty payments list. Any other API error
 * stays that error. Over real HTTP on 127.0.0.1: the node, a proxy where a shape is forced, the sandbox.
 */
import type { INodeParameters } from 'n8n-workflow';

import { throughProxy, type ProxyAction } from './lossyProxy';
import { RAZORPAY_CONFIGURATION, sentOrder } from './razorpayOrder';
import { FAST_RETRIES, NODE, newReference, testbedPerFile } from './testbed';

const bed = testbedPerFile();

const payment = (operation: 'lookUp' | 'refund', referenceId: string, configuration = RAZORPAY_CONFIGURATION): INodeParameters => ({
	resource: 'payment',
	operation,
	paymentConfiguration: configuration,
	referenceId,
	refundType: 'full',
	speed: 'instant',
	options: FAST_RETRIES,
});

const guardedCancel = (referenceId: string, configuration = RAZORPAY_CONFIGURATION): INodeParameters => ({
	resource: 'order',
	operation: 'sendOrderStatus',
	to: '919876543210',
	referenceId,
	status: 'canceled',
	checkPaymentBeforeCanceling: true,
	paymentConfiguration: configuration,
	body: 'Your order is canceled',
	options: FAST_RETRIES,
});

/** Look Up, a Full refund and a guarded cancel of `referenceId`, each lookup answered by `answer`; their errors and what went past the lookup. */
async function threeReaders(referenceId: string, answer: ProxyAction, configuration = RAZORPAY_CONFIGURATION) {
	const isLookup = (method: string, path: string) => method === 'GET' && path.includes('/payments/');
	return await throughProxy(bed, (method, path) => (isLookup(method, path) ? answer : 'forward'), async (proxy) => {
		const errorOf = async (parameters: INodeParameters) => (await bed.run(parameters, [{}], { typeVersion: 2 })).nodes[NODE].error;
		const errors = {
			lookUp: await errorOf(payment('lookUp', referenceId, configuration)),
			refund: await errorOf(payment('refund', referenceId, configuration)),
			cancel: await errorOf(guardedCancel(referenceId, configuration)),
		};
		return { errors, writes: proxy.received.filter((request) => request.method !== 'GET') };
	});
}

describe('"no payment" reads the same for Look Up, a Full refund and Check Payment Before Canceling', () => {
	it.each<[string, ProxyAction]>([
		['the API\'s "not found" error (the sandbox: HTTP 400, code 100 subcode 33)', 'forward'],
		['the same error in a 2xx body', { status: 200, body: { error: { message: 'Unsupported request', type: 'GraphMethodException', code: 100, error_subcode: 33 } } }],
		['an HTTP 404 error', { status: 404, body: { error: { message: 'Unknown path components', type: 'OAuthException', code: 2500 } } }],
		['an empty payments list', { status: 200, body: { payments: [] } }],
	])('%s: each says no payment is found, nothing is refunded or canceled', async (_shape, answer) => {
		const referenceId = newReference('NONE');
		const { errors, writes } = await threeReaders(referenceId, answer);
		expect(errors.lookUp?.message).toBe(`No payment found for reference ID ${referenceId}`);
		expect(errors.refund?.message).toMatch(new RegExp(`order ${referenceId} cannot be refunded in full: the payment lookup found no payment$`));
		expect(errors.cancel?.message).toBe(`Refusing to cancel order ${referenceId}: the payment lookup found no payment`);
		expect(writes).toEqual([]);
	});
});

describe('the API\'s "not found" error stays in view: a wrong number or token gets the same code', () => {
	it('Look Up, a Full refund and a guarded cancel quote it in their description; an empty list has none to quote', async () => {
		const notFound = await threeReaders(newReference('NONE'), 'forward');
		for (const error of Object.values(notFound.errors)) expect(error?.description).toMatch(/^The API answered: .*#100/);
		const emptyList = await threeReaders(newReference('NONE'), { status: 200, body: { payments: [] } });
		for (const error of Object.values(emptyList.errors)) expect(error?.description ?? '').not.toMatch(/The API answered/);
	});
});

describe('another API error is that error, never "no payment"', () => {
	it('a lookup in another configuration than the order\'s (code 100 naming payment_configuration): each fails with the API\'s error, nothing written', async () => {
		const referenceId = await sentOrder(bed);
		const { errors, writes } = await threeReaders(referenceId, 'forward', { ...RAZORPAY_CONFIGURATION, value: 'upi-sandbox' });
		for (const error of Object.values(errors)) {
			expect(error?.message).toMatch(/^WhatsApp API error \(#100\)/);
			expect(error?.message).not.toMatch(/no payment/i);
		}
		expect(writes).toEqual([]);
	});

	it.each<[string, ProxyAction]>([
		['a proxy\'s HTML page', { status: 404, body: '<html><h1>404 Not Found</h1></html>', contentType: 'text/html' }],
		['a framework\'s JSON without an API error code', { status: 404, body: { error: 'Not Found' } }],
	])('an HTTP 404 that is no API error (%s): each fails with it, never "no payment", nothing written', async (_shape, answer) => {
		const { errors, writes } = await threeReaders(newReference('NONE'), answer);
		for (const error of Object.values(errors)) {
			expect(error?.message).toMatch(/404/);
			expect(error?.message).not.toMatch(/no payment/i);
		}
		expect(writes).toEqual([]);
	});
});
