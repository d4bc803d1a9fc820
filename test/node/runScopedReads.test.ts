/* eslint-disable @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * What the node reads once per run and what it reads per item (shared/parameters.ts, transport):
 * expression-free parameters are read once and shared by the items, expressions are evaluated for every
 * item at any depth, nothing is remembered from one run to the next, a failed read fails each item on its
 * own, and the credential is read once per run however many requests the run makes.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { holdsExpression } from '../../nodes/WhatsAppPayments/shared/parameters';
import { FAST_RETRIES, NODE, cloudCredentials, newReference, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	bed = await startTestbed();
});
afterAll(async () => {
	await bed.close();
});

const RECIPIENT = '919876543210';

/** An India order whose constant parts are the same for every item; `parameters` override them. */
function order(parameters: INodeParameters = {}): INodeParameters {
	return {
		resource: 'order',
		operation: 'sendOrderDetails',
		to: RECIPIENT,
		market: 'india',
		referenceId: '={{ $json.ref }}',
		paymentMethod: 'paymentGateway',
		gateway: 'razorpay',
		paymentConfiguration: { __rl: true, mode: 'list', value: 'razorpay-sandbox' },
		razorpayFields: { receipt: 'receipt-1', notes: { note: [{ key: 'crm', value: 'lead-1' }] } },
		itemsSource: 'define',
		items: { item: [{ name: 'Masala Chai', amount: 120.5, quantity: 2, retailerId: 'chai-1' }] },
		itemDefaults: { countryOfOrigin: 'India', importerName: 'Acme', importerAddressLine1: 'B8', importerCity: 'Delhi', importerZoneCode: 'DL', importerPostalCode: '110093', importerCountryCode: 'IN' },
		taxAmount: 12,
		body: 'Your bill',
		additionalFields: { footer: 'Thanks' },
		options: FAST_RETRIES,
		...parameters,
	};
}

const parametersOf = (json: IDataObject) => (json.message as any).interactive.action.parameters;

/** Every object and array inside a value. */
function objectsIn(value: unknown, found: object[] = []): object[] {
	if (typeof value === 'object' && value !== null) {
		found.push(value);
		for (const child of Object.values(value)) objectsIn(child, found);
	}
	return found;
}

describe('holdsExpression', () => {
	it.each([
		['=x', true],
		['={{ $json.a }}', true],
		[{ a: { b: ['plain', '={{ 1 }}'] } }, true],
		[{ __rl: true, mode: 'list', value: '={{ $json.config }}' }, true],
		['plain', false],
		['a = b', false],
		[{ a: { b: ['x', 1, true, null] } }, false],
		[42, false],
		[null, false],
		[undefined, false],
	])('%j -> %s', (value, expected) => {
		expect(holdsExpression(value)).toBe(expected);
	});
});

describe('expressions are evaluated for every item, at any depth, beside shared constants', () => {
	it('each item carries its own values; the constants are the same in every item', async () => {
		const inputs = [1, 2, 3].map((n) => ({ ref: newReference('RS'), name: `Tea ${n}`, note: `lead-${n}`, footer: `Thanks ${n}`, config: 'razorpay-sandbox', body: `Bill ${n}` }));
		const result = await bed.run(
			order({
				body: '={{ $json.body }}',
				paymentConfiguration: { __rl: true, mode: 'list', value: '={{ $json.config }}' },
				razorpayFields: { receipt: 'receipt-1', notes: { note: [{ key: 'crm', value: '={{ $json.note }}' }] } },
				items: { item: [{ name: '={{ $json.name }}', amount: 120.5, quantity: 2, retailerId: 'chai-1' }] },
				additionalFields: { footer: '={{ $json.footer }}', catalogId: 'catalog-1' },
			}),
			inputs,
		);
		expect(result.error).toBeUndefined();
		const out = result.json(NODE);
		expect(out).toHaveLength(3);
		out.forEach((json, i) => {
			const input = inputs[i];
			const message = json.message as any;
			expect(json.reference_id).toBe(input.ref);
			expect(message.interactive.body.text).toBe(input.body);
			expect(message.interactive.footer.text).toBe(input.footer);
			const parameters = parametersOf(json);
			expect(parameters.order.items[0]).toMatchObject({ name: input.name, retailer_id: 'chai-1', quantity: 2 });
			expect(parameters.order.catalog_id).toBe('catalog-1');
			expect(parameters.payment_settings[0].payment_gateway).toEqual({
				type: 'razorpay',
				configuration_name: 'razorpay-sandbox',
				razorpay: { receipt: 'receipt-1', notes: { crm: input.note } },
			});
		});
		expect(result.nodes[NODE].outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('no two output items share an object, so changing one item downstream never changes another', async () => {
		const inputs = [1, 2].map(() => ({ ref: newReference('RS') }));
		const result = await bed.run(order({ additionalFields: { footer: 'Thanks', beneficiaries: { beneficiary: [{ name: 'Asha', addressLine1: 'B8', city: 'Delhi', state: 'DL', country: 'India', postalCode: '110093' }] } }, goodsType: 'physical-goods' }), inputs);
		expect(result.error).toBeUndefined();
		const [first, second] = result.json(NODE);
		expect(parametersOf(first).beneficiaries).toEqual(parametersOf(second).beneficiaries);
		const shared = new Set(objectsIn(first));
		expect(objectsIn(second).filter((object) => shared.has(object))).toEqual([]);
	});
});

describe('nothing is remembered from one run to the next', () => {
	it('a second run with other constants sends the other constants', async () => {
		const firstRef = newReference('RR');
		const secondRef = newReference('RR');
		const first = await bed.run(order({ body: 'First bill', additionalFields: { footer: 'One' } }), [{ ref: firstRef }, { ref: newReference('RR') }]);
		const second = await bed.run(order({ body: 'Second bill', additionalFields: { footer: 'Two' } }), [{ ref: secondRef }, { ref: newReference('RR') }]);
		expect(first.json(NODE).map((json) => (json.message as any).interactive.body.text)).toEqual(['First bill', 'First bill']);
		expect(second.json(NODE).map((json) => (json.message as any).interactive.body.text)).toEqual(['Second bill', 'Second bill']);
		expect(second.json(NODE).map((json) => (json.message as any).interactive.footer.text)).toEqual(['Two', 'Two']);
		expect(((await bed.control('GET', `/_sandbox/orders/${secondRef}`)) as any).messages[0].body.interactive.body.text).toBe('Second bill');
	});
});

describe('a constant that is wrong fails every item on its own', () => {
	const BROKEN_ITEMS = { itemsSource: 'json', itemsJson: '[{ "name": "Tea",' };

	it('with Continue On Fail: each item has the error, naming the field, with its own item index; nothing is sent', async () => {
		const refs = [newReference('RF'), newReference('RF'), newReference('RF')];
		const before = (await bed.requests()).length;
		const result = await bed.run(order(BROKEN_ITEMS), refs.map((ref) => ({ ref })), { continueOnFail: true });
		expect(result.status).toBe('success');
		const out = result.json(NODE);
		expect(out).toHaveLength(3);
		out.forEach((json, i) => expect(json.error).toBe(`Input item ${i + 1}: Items (JSON): is not valid JSON`));
		expect(result.nodes[NODE].outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect((await bed.requests()).length).toBe(before);
	});

	it('without it: the run stops with that error before any request', async () => {
		const before = (await bed.requests()).length;
		const result = await bed.run(order(BROKEN_ITEMS), [{ ref: newReference('RF') }, { ref: newReference('RF') }]);
		expect(result.status).toBe('error');
		expect(result.nodes[NODE].error?.message).toBe('Input item 1: Items (JSON): is not valid JSON');
		expect((await bed.requests()).length).toBe(before);
	});
});

describe('the credential', () => {
	afterAll(() => {
		bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url));
	});

	/** Test data whose access token counts how often n8n reads the credential. */
	function countingCredentials(): { data: ICredentialDataDecryptedObject; reads: () => number } {
		let reads = 0;
		const data: ICredentialDataDecryptedObject = { ...cloudCredentials(bed.sandbox.url) };
		const token = data.accessToken;
		Object.defineProperty(data, 'accessToken', {
			enumerable: true,
			get: () => {
				reads++;
				return token;
			},
		});
		return { data, reads: () => reads };
	}

	it('is read as often for a run of 8 requests as for a run of 1, and every request is authenticated', async () => {
		const readsFor = async (count: number) => {
			const credential = countingCredentials();
			bed.harness.setCredentials('whatsAppPaymentsApi', credential.data);
			const before = (await bed.requests()).length;
			const result = await bed.run(order(), Array.from({ length: count }, () => ({ ref: newReference('RC') })));
			expect(result.error).toBeUndefined();
			const log = (await bed.requests()).slice(before);
			expect(log.map((entry) => entry.status)).toEqual(Array(count).fill(200));
			return credential.reads();
		};
		const one = await readsFor(1);
		expect(one).toBeGreaterThan(0);
		expect(await readsFor(8)).toBe(one);
	});
});
