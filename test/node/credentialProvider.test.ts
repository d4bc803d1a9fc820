/**
 * The credential's provider is read in one place (core/providers.ts credentialProvider): 360dialog when it says so, the Cloud
 * API otherwise. The client's paths and checks and the order rules of Send Order Details read it the same. (n8n keeps
 * only the fields a credential's provider shows: an unknown provider keeps none of the Cloud API's.)
 */
import { RAZORPAY_CONFIGURATION } from './razorpayOrder';
import { cloudCredentials, FAST_RETRIES, NODE, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

const lookUp = { resource: 'payment', operation: 'lookUp', paymentConfiguration: RAZORPAY_CONFIGURATION, referenceId: 'ORD-1', options: FAST_RETRIES };

it('a provider that is not 360dialog is the Cloud API: asked for its phone number before any request', async () => {
	bed.harness.setCredentials('whatsAppPaymentsApi', { ...cloudCredentials(bed.sandbox.url), provider: 'somethingElse' });
	try {
		const before = (await bed.requests()).length;
		const result = await bed.run(lookUp, [{}], { typeVersion: 2 });
		expect(result.nodes[NODE].error?.message).toMatch(/^Sending Phone Number Name or ID: choose the number the orders were sent from/);
		expect((await bed.requests()).slice(before)).toEqual([]);
	} finally {
		bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url));
	}
});
