/**
 * The sandbox's faults that make resending dangerous, seeded and reproducible: a request processed and then
 * left unanswered (the connection drops), and a payment lookup that does not see a new order yet (lookup lag).
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { FaultInjector } from '../../sandbox/faults';
import { checkoutTemplateMessage } from '../fixtures/checkoutOrder';
import { fixtureNow } from '../fixtures/orders';
import { cloudClient, controlClient, PHONE_NUMBER_ID } from './helpers';
import { INDIA_CONFIGURATION, indiaOrder, indiaOrderTemplate } from './messages';

let sandbox: Sandbox;
/** The lookup lag's clock: stepped by the tests, so no answer depends on how fast the machine is. */
let lagClockMs = 0;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, now: fixtureNow, lagClock: () => lagClockMs });
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => sandbox.reset());

/** Sends an order; 'dropped' when the connection closed without an answer. */
async function send(referenceId: string): Promise<number | 'dropped'> {
	try {
		return (await cloudClient(sandbox.url).post(`/${PHONE_NUMBER_ID}/messages`, indiaOrder(referenceId))).status;
	} catch (e) {
		expect((e as { code?: string }).code).toMatch(/ECONNRESET|ERR_BAD_RESPONSE|EPIPE/);
		return 'dropped';
	}
}

const lookupStatus = async (referenceId: string) => (await cloudClient(sandbox.url).get(`/${PHONE_NUMBER_ID}/payments/${INDIA_CONFIGURATION}/${referenceId}`)).status;

describe('processed, then the connection drops', () => {
	it('stores the order although the client got no answer, and logs the drop', async () => {
		await controlClient(sandbox.url).post('/faults', { dropRate: 1 });
		expect(await send('DROP-1')).toBe('dropped');
		await controlClient(sandbox.url).post('/faults', { dropRate: 0 });
		expect((await controlClient(sandbox.url).get('/orders/DROP-1')).status).toBe(200);
		expect(await lookupStatus('DROP-1')).toBe(200);
		const log = (await controlClient(sandbox.url).get('/requests')).data.data;
		expect(log[0]).toMatchObject({ method: 'POST', status: 200, fault: 'drop', reference_id: 'DROP-1' });
	});

	it('is the same for the same seed', async () => {
		const run = async () => {
			sandbox.reset();
			await controlClient(sandbox.url).post('/faults', { dropRate: 0.4, seed: 99 });
			const outcomes = [];
			for (let i = 0; i < 12; i++) outcomes.push(await send(`SEED-${i}`));
			return outcomes;
		};
		const first = await run();
		expect(first).toContain('dropped');
		expect(first).toContain(200);
		expect(await run()).toEqual(first);
		const injector = new FaultInjector({ dropRate: 0.4, seed: 99 });
		expect(first.map((o) => (o === 'dropped' ? 'drop' : 'none'))).toEqual(first.map(() => injector.next().kind));
	});

	it('refuses rates that add up to more than 1', async () => {
		expect((await controlClient(sandbox.url).post('/faults', { errorRate: 0.5, resetRate: 0.3, dropRate: 0.3 })).status).toBe(400);
		expect((await controlClient(sandbox.url).post('/faults', { lookupLagMs: -1 })).status).toBe(400);
	});
});

describe('lookup lag', () => {
	it('answers "not found" for a new order until the lag has passed, then finds it', async () => {
		await controlClient(sandbox.url).post('/faults', { dropRate: 0, lookupLagMs: 150 });
		expect(await send('LAG-1')).toBe(200);
		expect(await lookupStatus('LAG-1')).toBe(400);
		lagClockMs += 149;
		expect(await lookupStatus('LAG-1')).toBe(400);
		lagClockMs += 1;
		expect(await lookupStatus('LAG-1')).toBe(200);
	});

	it('hides the orders of an order_details template and of a checkout button template the same way', async () => {
		await controlClient(sandbox.url).post('/faults', { lookupLagMs: 150 });
		const template = indiaOrderTemplate('LAG-TEMPLATE-1');
		const sent = async (message: unknown) => (await cloudClient(sandbox.url).post(`/${PHONE_NUMBER_ID}/messages`, message)).status;
		expect(await sent(template)).toBe(200);
		expect(await sent(checkoutTemplateMessage('LAG-CHECKOUT-1'))).toBe(200);
		const lookups = () => Promise.all([lookupStatus('LAG-TEMPLATE-1'), lookupStatus('LAG-CHECKOUT-1')]);
		expect(await lookups()).toEqual([400, 400]);
		lagClockMs += 149;
		expect(await lookups()).toEqual([400, 400]);
		lagClockMs += 1;
		expect(await lookups()).toEqual([200, 200]);
	});
});
