/* eslint-disable @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Payment -> Look Up and Refund read the payment of the Reference ID asked for, never another order's (a lookup
 * answer listing other references is an error, not a refund of someone else's amount), and refuse before any request
 * a Reference ID that a bill could not carry.
 */
import type { INodeParameters } from 'n8n-workflow';

import { throughProxy } from './lossyProxy';
import { RAZORPAY_CONFIGURATION, sentOrder } from './razorpayOrder';
import { textOf } from '../engine/harness';
import { FAST_RETRIES, NODE, TOKEN, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

/** An India Razorpay order of Rs 545.00, paid unless told. */
const order = (pay = true): Promise<string> => sentOrder(bed, pay ? 'upi' : null);

const payment = (operation: 'lookUp' | 'refund', referenceId: string, parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'payment',
	operation,
	paymentConfiguration: RAZORPAY_CONFIGURATION,
	referenceId,
	speed: 'instant',
	options: FAST_RETRIES,
	...parameters,
});

/** The sandbox's own lookup answer for an order (Cloud API reading), as the node received it. */
async function lookupAnswer(referenceId: string): Promise<any> {
	const result = await bed.run(payment('lookUp', referenceId));
	expect(result.error).toBeUndefined();
	return result.json(NODE)[0].raw;
}

const isLookupOf = (referenceId: string) => (method: string, path: string) => method === 'GET' && path.endsWith(`/payments/razorpay-sandbox/${referenceId}`);

describe('the lookup answer is read for the Reference ID asked for', () => {
	it('an answer for another reference: Look Up fails naming both, a full refund sends nothing (no refund of the other amount)', async () => {
		const paid = await order();
		const unpaid = await order(false);
		const other = await lookupAnswer(paid);
		await throughProxy(bed, (method, path) => (isLookupOf(unpaid)(method, path) ? { status: 200, body: other } : 'forward'), async (proxy) => {
			const lookUp = await bed.run(payment('lookUp', unpaid), [{}], { typeVersion: 2 });
			expect(lookUp.nodes[NODE].error?.message).toBe(`No payment found for reference ID ${unpaid}: the payment lookup answered for reference ID "${paid}", not "${unpaid}"`);
			const refund = await bed.run(payment('refund', unpaid, { refundType: 'full' }), [{}], { typeVersion: 2 });
			expect(refund.nodes[NODE].error?.message).toContain(`cannot be refunded in full: the payment lookup answered for reference ID "${paid}", not "${unpaid}"`);
			expect(proxy.received.filter((r) => r.path.endsWith('/payments_refund'))).toEqual([]);
		});
		expect((await bed.control('GET', `/_sandbox/orders/${paid}`)).refunded).toBe('0.00');
	});

	it('an answer listing another payment before the one asked for: its own entry is read', async () => {
		const paid = await order();
		const asked = await order();
		const listed = { payments: [(await lookupAnswer(paid)).payments[0], (await lookupAnswer(asked)).payments[0]] };
		await throughProxy(bed, (method, path) => (isLookupOf(asked)(method, path) ? { status: 200, body: listed } : 'forward'), async () => {
			const [found] = (await bed.run(payment('lookUp', asked))).json(NODE);
			expect(found).toMatchObject({ referenceId: asked, stage: 'captured', amount: { decimal: '545.00' } });
		});
	});

	it('an answer whose payment carries no reference_id is read as the one asked for (as the path names it)', async () => {
		const asked = await order();
		const anonymous = { ...(await lookupAnswer(asked)).payments[0], reference_id: undefined };
		await throughProxy(bed, (method, path) => (isLookupOf(asked)(method, path) ? { status: 200, body: { payments: [anonymous] } } : 'forward'), async (proxy) => {
			const [found] = (await bed.run(payment('lookUp', asked))).json(NODE);
			expect(found).toMatchObject({ referenceId: null, stage: 'captured', amount: { decimal: '545.00' } });
			const refunded = await bed.run(payment('refund', asked, { refundType: 'full' }), [{}], { typeVersion: 2 });
			expect(refunded.error).toBeUndefined();
			expect(refunded.json(NODE)[0]).toMatchObject({ referenceId: asked, refunded: true, request: { amount: { value: '54500' } } });
			expect(proxy.received.filter((r) => r.path.endsWith('/payments_refund'))).toHaveLength(1);
		});
	});
});

describe('an answer that holds no payment and does not say there is none', () => {
	it('an unrelated object: Look Up says the payment could not be read (never "not found"), a full refund sends nothing', async () => {
		const paid = await order();
		await throughProxy(bed, (method, path) => (isLookupOf(paid)(method, path) ? { status: 200, body: { data: [] } } : 'forward'), async (proxy) => {
			const lookUp = await bed.run(payment('lookUp', paid), [{}], { typeVersion: 2 });
			expect(lookUp.nodes[NODE].error?.message).toBe(`Could not read the payment of reference ID ${paid}: the payment lookup answered neither a payment nor that there is none`);
			const refund = await bed.run(payment('refund', paid, { refundType: 'full' }), [{}], { typeVersion: 2 });
			expect(refund.nodes[NODE].error?.message).toContain('cannot be refunded in full: the payment lookup answered neither a payment nor that there is none');
			expect(proxy.received.filter((r) => r.path.endsWith('/payments_refund'))).toEqual([]);
		});
	});

	it('Look Up\'s error quotes the start of the answer, the credential\'s token redacted even where the quote is cut', async () => {
		const paid = await order();
		const answer = { data: [], echo: `Bearer ${TOKEN}`, padding: 'x'.repeat(300), tail: TOKEN };
		await throughProxy(bed, (method, path) => (isLookupOf(paid)(method, path) ? { status: 200, body: answer } : 'forward'), async () => {
			const lookUp = await bed.run(payment('lookUp', paid), [{}], { typeVersion: 2 });
			const error = lookUp.nodes[NODE].error;
			expect(error?.message).toMatch(/^Could not read the payment of reference ID /);
			expect(error?.description).toBe(`The API answered (HTTP 2xx): ${'{"data":[],"echo":"Bearer [redacted]","padding":"'.padEnd(200, 'x')}…`);
			expect(textOf(lookUp.run)).not.toContain(TOKEN);
		});
	});
});

describe('"no payment" reads the same whichever way the API says it', () => {
	it('the API\'s "not found" error (code 100 subcode 33, the sandbox\'s answer for an unknown reference) and an empty payments list: the same message', async () => {
		const unknown = await bed.run(payment('lookUp', 'NO-SUCH-ORDER'), [{}], { typeVersion: 2 });
		expect(unknown.nodes[NODE].error?.message).toBe('No payment found for reference ID NO-SUCH-ORDER');
		expect(unknown.nodes[NODE].error?.description).toMatch(/^The API answered: WhatsApp API error \(#100\)/);
		const paid = await order();
		await throughProxy(bed, (method, path) => (isLookupOf(paid)(method, path) ? { status: 200, body: { payments: [] } } : 'forward'), async () => {
			const empty = await bed.run(payment('lookUp', paid), [{}], { typeVersion: 2 });
			expect(empty.nodes[NODE].error?.message).toBe(`No payment found for reference ID ${paid}`);
		});
	});
});

describe('a Reference ID no bill could carry is refused before any request', () => {
	it.each([
		['Look Up', payment('lookUp', '#1001')],
		['Refund (Full)', payment('refund', '#1001', { refundType: 'full' })],
		['Refund (Partial)', payment('refund', '#1001', { refundType: 'partial', amount: 10 })],
	])('%s of "#1001" names Reference ID and the rule of Send Order Details', async (_what, parameters) => {
		const before = (await bed.requests()).length;
		const result = await bed.run(parameters, [{}], { typeVersion: 2 });
		expect(result.nodes[NODE].error?.message).toMatch(/^(Input item 1: )?Reference ID: may contain only letters, digits, "_", "\." and "-"/);
		expect((await bed.requests()).slice(before).filter((r) => !r.path.endsWith('/payment_configurations'))).toEqual([]);
	});

	it('Send Order Details refuses the same value with the same words', async () => {
		const result = await bed.run(
			{ resource: 'order', operation: 'sendOrderDetails', to: '919876543210', market: 'india', referenceId: '#1001', paymentMethod: 'paymentGateway', gateway: 'razorpay', paymentConfiguration: RAZORPAY_CONFIGURATION, items: { item: [{ name: 'Tea', amount: 10, quantity: 1, retailerId: 't' }] }, additionalFields: { catalogId: 'c' }, body: 'Bill', options: FAST_RETRIES },
			[{}],
			{ typeVersion: 2 },
		);
		expect(result.nodes[NODE].error?.message).toMatch(/Reference ID: may contain only letters, digits, "_", "\." and "-"/);
	});

	it('under Continue On Fail, the other items are looked up', async () => {
		const paid = await order();
		const result = await bed.run(payment('lookUp', '={{ $json.ref }}'), [{ ref: 'SHOP #7' }, { ref: paid }], { continueOnFail: true, typeVersion: 2 });
		const [refused, found] = result.json(NODE);
		expect(refused.error).toMatch(/Reference ID: may contain only letters/);
		expect(found).toMatchObject({ referenceId: paid, stage: 'captured' });
	});
});
