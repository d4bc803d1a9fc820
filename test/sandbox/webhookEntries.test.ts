/**
 * Webhook entries carry `time`, the epoch seconds the webhook fired (payment-configuration-update-webhook-reference.md
 * § Syntax and § Parameters: `"time": <WEBHOOK_TRIGGER_TIMESTAMP>`), on the dispatcher's clock; the parser reads it as
 * the event time of an update that carries none. Delivered over real HTTP to a receiver on 127.0.0.1.
 */
import { parseWebhook } from '../../core';
import type { PaymentConfigurationUpdateEvent } from '../../core/types';
import { WebhookDispatcher } from '../../sandbox/webhooks';
import { HELD, startReceiver, WABA_ID, type Receiver } from './helpers';

const CLOCK_MS = 1_739_321_024_500;
const CLOCK_SECONDS = 1_739_321_024;

let receiver: Receiver;
let dispatcher: WebhookDispatcher;
beforeAll(async () => {
	receiver = await startReceiver();
	dispatcher = new WebhookDispatcher({ batchWindowMs: HELD, retry: { attempts: 1, delaysMs: [0] }, timeoutMs: 5000, now: () => CLOCK_MS });
	dispatcher.setTarget('cloudApi', { url: receiver.url });
});
afterAll(async () => {
	await dispatcher.close();
	await receiver.close();
});

it('every entry, payment_configuration_update and messages alike, carries time in epoch seconds of the clock', async () => {
	// A configuration update without its own timestamps, to see the entry's time used as the event's.
	dispatcher.enqueue('cloudApi', { wabaId: WABA_ID, field: 'payment_configuration_update', value: { configuration_name: 'payu-sandbox', provider_name: 'payu', provider_mid: 'mid', status: 'Active' } });
	dispatcher.enqueue('cloudApi', { wabaId: '300000000000001', field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '1' }, statuses: [] } });
	await dispatcher.flush();
	const [delivery] = await receiver.waitFor(1);
	expect(delivery.body.entry.map((e: { id: string; time: unknown }) => [e.id, e.time])).toEqual([
		[WABA_ID, CLOCK_SECONDS],
		['300000000000001', CLOCK_SECONDS],
	]);
	const [update] = parseWebhook(delivery.body).filter((e) => e.kind === 'payment_configuration_update') as PaymentConfigurationUpdateEvent[];
	expect(update.timestamp).toBe(CLOCK_SECONDS);
});
