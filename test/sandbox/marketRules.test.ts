/**
 * The sandbox refuses, over HTTP, what a market's pages do not have: an India order status with a header (only
 * brazil-orders.md lists one).
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { fixtureNow } from '../fixtures/orders';
import { cloudClient, HELD, PHONE_NUMBER_ID } from './helpers';
import { brazilOneClickOrder, indiaOrder, orderStatus } from './messages';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, now: fixtureNow, webhookBatchMs: HELD });
});
afterAll(async () => {
	await sandbox.close();
});

const withHeader = (message: Record<string, unknown>) => ({ ...message, interactive: { ...(message.interactive as object), header: { type: 'text', text: 'Order update' } } });

describe('order_status header: Brazil only', () => {
	it('an India order\'s status with a header is refused (131009 naming interactive.header); Brazil\'s is taken', async () => {
		const api = cloudClient(sandbox.url);
		const messages = `/${PHONE_NUMBER_ID}/messages`;
		expect((await api.post(messages, indiaOrder('MR-IN-1'))).status).toBe(200);
		const refused = await api.post(messages, withHeader(orderStatus('MR-IN-1', 'processing')));
		expect(refused.status).toBe(400);
		expect(refused.data.error).toMatchObject({ code: 131009, error_data: { details: expect.stringContaining('/interactive/header: is for Brazil orders only') } });
		expect((await api.post(messages, orderStatus('MR-IN-1', 'processing'))).status).toBe(200);

		expect((await api.post(messages, brazilOneClickOrder('MR-BR-1'))).status).toBe(200);
		expect((await api.post(messages, withHeader(orderStatus('MR-BR-1', 'processing', '5511987654321')))).status).toBe(200);
	});
});
