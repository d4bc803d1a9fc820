/**
 * The sandbox refuses, over HTTP, what a market's pages do not have: an India order status with a header (only
 * brazil-orders.md lists one); and on its 360dialog channel what that provider's seed does not take: a Brazil order,
 * an item without retailer_id.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { fixtureNow } from '../fixtures/orders';
import { cloudClient, dialogClient, HELD, PHONE_NUMBER_ID } from './helpers';
import { brazilOneClickOrder, indiaOrder, orderStatus } from './messages';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, now: fixtureNow, webhookBatchMs: HELD, dialog360ApiKey: 'd360-key' });
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

describe('the 360dialog channel: India orders only, retailer_id on every item', () => {
	const withoutRetailerId = (referenceId: string) => {
		const order = indiaOrder(referenceId);
		delete order.interactive.action.parameters.order.items[1].retailer_id;
		return order;
	};

	it('a Brazil order is refused naming the currency; the Cloud API takes it', async () => {
		const refused = await dialogClient(sandbox.url, 'd360-key').post('/messages', brazilOneClickOrder('MR-D-BR'));
		expect(refused.status).toBe(400);
		expect(refused.data.error).toMatchObject({ code: 131009, error_data: { details: expect.stringContaining('/interactive/action/parameters/currency: must be "INR" when sending through 360dialog') } });
		expect((await cloudClient(sandbox.url).post(`/${PHONE_NUMBER_ID}/messages`, brazilOneClickOrder('MR-D-BR'))).status).toBe(200);
	});

	it('an India item without retailer_id is refused (131008 naming it); the Cloud API takes it', async () => {
		const refused = await dialogClient(sandbox.url, 'd360-key').post('/messages', withoutRetailerId('MR-D-IN'));
		expect(refused.status).toBe(400);
		expect(refused.data.error).toMatchObject({ code: 131008, error_data: { details: expect.stringContaining('/interactive/action/parameters/order/items/1/retailer_id: is required when sending through 360dialog') } });
		expect((await cloudClient(sandbox.url).post(`/${PHONE_NUMBER_ID}/messages`, withoutRetailerId('MR-D-IN'))).status).toBe(200);
		expect((await dialogClient(sandbox.url, 'd360-key').post('/messages', indiaOrder('MR-D-IN-2'))).status).toBe(200);
	});
});
