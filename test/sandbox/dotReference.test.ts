/**
 * reference_id "can only contain English letters, numbers, underscores, dashes, or dots" (receive-payments-via-payment-
 * gateways-on-whatsapp.md § Parameters object): three dots are one, and stay one segment of the lookup path over
 * HTTP; only "." and "..", which URL parsing resolves, are refused.
 */
import { paymentLookupPath, type ProviderSettings } from '../../core/providers';
import { validateOrderDetails } from '../../core/orderDetails';
import { startSandbox, type Sandbox } from '../../sandbox';
import { fixtureNow } from '../fixtures/orders';
import { cloudClient, HELD, PHONE_NUMBER_ID } from './helpers';
import { INDIA_CONFIGURATION, indiaOrder } from './messages';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, now: fixtureNow, webhookBatchMs: HELD });
});
afterAll(async () => {
	await sandbox.close();
});

const settings: ProviderSettings = { provider: 'cloudApi', phoneNumberId: PHONE_NUMBER_ID };

describe('a reference_id of dots', () => {
	it('three dots: sent, and looked up on its own path', async () => {
		const api = cloudClient(sandbox.url);
		expect(validateOrderDetails(indiaOrder('...'), { now: fixtureNow })).toEqual({ valid: true, errors: [] });
		expect((await api.post(`/${PHONE_NUMBER_ID}/messages`, indiaOrder('...'))).status).toBe(200);
		const path = paymentLookupPath(settings, INDIA_CONFIGURATION, '...');
		expect(path).toBe(`/${PHONE_NUMBER_ID}/payments/${INDIA_CONFIGURATION}/...`);
		const lookup = await api.get(path);
		expect(lookup.status).toBe(200);
		expect(lookup.data.payments[0]).toMatchObject({ reference_id: '...', status: 'pending' });
	});

	it.each(['.', '..'])('%p: refused by the order rules and by the lookup path', (referenceId) => {
		expect(validateOrderDetails(indiaOrder(referenceId), { now: fixtureNow }).errors).toEqual([{ path: '/interactive/action/parameters/reference_id', message: 'must contain a letter, digit, "_" or "-"', rule: 'reference_id' }]);
		expect(() => paymentLookupPath(settings, INDIA_CONFIGURATION, referenceId)).toThrow('referenceId: must contain a letter, digit, "_" or "-"');
	});
});
