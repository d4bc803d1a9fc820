/**
 * Version 1 of the Payments Trigger keeps working unchanged: a value its readers do not know is read as before (Deduplicate
 * on unless false, Confirm With Payment Lookup by truthiness, an unknown word in a list as matching nothing), where version 2 refuses it by name
 * (triggerHardening.test.ts, finding 2). Real HTTP on 127.0.0.1: the trigger in n8n's engine.
 */
import { messagesChange, paymentStatus, webhookBody } from '../fixtures/webhooks';
import { startTrigger, type TriggerUnderTest } from './triggerHarness';

const CAPTURED = webhookBody([[messagesChange({ statuses: [paymentStatus({ status: 'captured', referenceId: 'order-1', messageId: 'wamid.1' })] })]]);

const CAPTURED_AND_PENDING = webhookBody([
	[
		messagesChange({
			statuses: [paymentStatus({ status: 'captured', referenceId: 'order-1', messageId: 'wamid.1' }), paymentStatus({ status: 'pending', referenceId: 'order-2', messageId: 'wamid.2' })],
		}),
	],
]);

let trigger: TriggerUnderTest | undefined;
afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});

describe('version 1 reads values version 2 refuses as it always did', () => {
	it('an option switch that is neither true nor false is its default (deduplicate on): the redelivery is dropped', async () => {
		trigger = await startTrigger({ options: { deduplicate: '={{ "0" }}' } }, {}, 1);
		await trigger.server.activate();
		expect((await trigger.post(CAPTURED)).status).toBe(200);
		expect((await trigger.post(CAPTURED)).status).toBe(200);
		expect(await trigger.emitted(1)).toHaveLength(1);
	});

	it('an unknown word among the payment statuses matches nothing; the known ones still filter', async () => {
		trigger = await startTrigger({ options: { paymentStatuses: ['captured', 'paid'] } }, {}, 1);
		await trigger.server.activate();
		expect((await trigger.post(CAPTURED_AND_PENDING)).status).toBe(200);
		const [items] = await trigger.emitted(1);
		expect(items.map((item) => item.referenceId)).toEqual(['order-1']);
	});

	it('a status filter of unknown words only lets no payment status through (never every status)', async () => {
		trigger = await startTrigger({ options: { paymentStatuses: ['paid'] } }, {}, 1);
		await trigger.server.activate();
		expect((await trigger.post(CAPTURED_AND_PENDING)).status).toBe(200);
		expect(await trigger.emitted()).toEqual([]);
	});

	it('Confirm With Payment Lookup set to a word other than true or false is on, as it always was (truthy)', async () => {
		// The lookup goes to a closed port on 127.0.0.1: what matters is that it is asked, so the item carries a confirmation.
		trigger = await startTrigger({ confirmWithLookup: '={{ "yes" }}', paymentConfigurationName: 'cfg' }, { baseUrl: 'http://127.0.0.1:9' }, 1);
		await trigger.server.activate();
		expect((await trigger.post(CAPTURED)).status).toBe(200);
		const [items] = await trigger.emitted(1);
		expect(items[0]).toHaveProperty('confirmation');
	});
});
