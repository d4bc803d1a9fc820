/* eslint-disable @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Expires At and Payment Timestamp (Brazil) are n8n dateTime fields: the editor's picker stores the wall clock
 * without an offset ("2026-07-31T14:30:00", its value-format YYYY-MM-DDTHH:mm:ss). The node reads that in the
 * workflow's time zone (Workflow Settings › Timezone), not the n8n server's, and sends UTC epoch seconds
 * (receive-payments-via-payment-gateways-on-whatsapp.md § Order object: "UTC timestamp in seconds"). Runs the node
 * in n8n's engine with the workflow setting, against the sandbox.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { chain, itemsSource } from '../engine/harness';
import { FAST_RETRIES, NODE, RECIPIENT, newReference, orderPerInputItem, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

/** Items -> WhatsApp Payments in a workflow whose Timezone setting is `timezone`. */
const runIn = async (timezone: string, parameters: INodeParameters, items: IDataObject[] = [{}]) =>
	await bed.harness.runWorkflow(
		{
			nodes: [itemsSource(), { name: NODE, type: bed.harness.typeName('whatsAppPayments'), parameters, typeVersion: 1 }],
			connections: chain('Items', NODE),
			settings: { timezone },
		},
		{ items },
	);

/** An India order expiring at `expiresAt`, sent in a workflow set to `timezone`; its wire expiration timestamp. */
async function expirationSent(timezone: string, expiresAt: string): Promise<string> {
	const parameters = { ...orderPerInputItem(FAST_RETRIES), additionalFields: { catalogId: 'catalog-1', expiresAt } };
	const result = await runIn(timezone, parameters, [{ to: RECIPIENT, ref: newReference('TZ') }]);
	expect(result.error).toBeUndefined();
	return (result.json(NODE)[0] as any).message.interactive.action.parameters.order.expiration.timestamp;
}

describe('Expires At: a time without an offset is the workflow\'s wall clock', () => {
	it.each<[string, string]>([
		['Asia/Kolkata', '2101107600'],
		['America/Sao_Paulo', '2101138200'],
		['UTC', '2101127400'],
	])('"2036-07-31T14:30:00" as typed in the editor, workflow Timezone %s, sends %s', async (timezone, timestamp) => {
		expect(await expirationSent(timezone, '2036-07-31T14:30:00')).toBe(timestamp);
	});

	it('a time with an offset is that instant whatever the workflow\'s zone: a Luxon DateTime from an expression reaches the node as ISO text with its offset', async () => {
		const expression = "={{ DateTime.fromISO('2036-07-31T14:30:00', { zone: 'Asia/Kolkata' }) }}";
		expect(await expirationSent('America/Sao_Paulo', expression)).toBe('2101107600');
		expect(await expirationSent('America/Sao_Paulo', '2036-07-31T09:00:00Z')).toBe('2101107600');
	});

	it('$now.plus(1, \'day\') (a DateTime in the workflow\'s zone) is one day from the run', async () => {
		const before = Math.floor(Date.now() / 1000);
		const sent = Number(await expirationSent('Asia/Kolkata', "={{ $now.plus(1, 'day') }}"));
		const after = Math.floor(Date.now() / 1000);
		expect(sent).toBeGreaterThanOrEqual(before + 86_400);
		expect(sent).toBeLessThanOrEqual(after + 86_400);
	});

	it('a workflow zone the runtime does not know: an offset-less time is refused naming the field, before any request', async () => {
		const before = (await bed.requests()).length;
		const parameters = { ...orderPerInputItem(FAST_RETRIES), additionalFields: { catalogId: 'catalog-1', expiresAt: '2036-07-31T14:30:00' } };
		const result = await runIn('No/Such_Zone', parameters, [{ to: RECIPIENT, ref: newReference('TZ') }]);
		expect(result.nodes[NODE].error?.message).toBe(
			'Input item 1: Additional Fields › Expires At: "2036-07-31T14:30:00" has no offset and its time zone "No/Such_Zone" is unknown: add Z or an offset such as +05:30',
		);
		expect((await bed.requests()).length).toBe(before);
	});
});

describe('Payment Timestamp (Brazil): a time without an offset is the workflow\'s wall clock', () => {
	it('"2026-07-31T14:30:00" in a workflow set to Asia/Kolkata sends 1785488400', async () => {
		const referenceId = newReference('TZBR');
		const order = await runIn('Asia/Kolkata', {
			resource: 'order',
			operation: 'sendOrderDetails',
			to: RECIPIENT,
			market: 'brazil',
			referenceId,
			brazilPaymentMethods: { offsiteCardPay: { lastFourDigits: '5235', credentialId: '1234567' } },
			items: { item: [{ name: 'Notebook', amount: 250, quantity: 2, retailerId: 'nb-1' }] },
			additionalFields: { catalogId: 'catalog-1' },
			body: 'Your bill',
			options: FAST_RETRIES,
		});
		expect(order.error).toBeUndefined();
		const result = await runIn('Asia/Kolkata', {
			resource: 'order',
			operation: 'sendOrderStatus',
			to: RECIPIENT,
			referenceId,
			status: 'processing',
			body: 'Your order is processing',
			options: FAST_RETRIES,
			additionalFields: { paymentStatus: 'captured', paymentTimestamp: '2026-07-31T14:30:00' },
		});
		expect(result.error).toBeUndefined();
		expect((result.json(NODE)[0] as any).message.interactive.action.parameters.payment).toEqual({ status: 'captured', timestamp: 1785488400 });
	});
});
