/* eslint-disable @typescript-eslint/no-explicit-any -- test data of any shape */
/**
 * An order sent through 360dialog: its seed rules its paths (README rule 2). It says payments are for India only
 * (payments-gateway-india-360dialog.txt l.2) and marks an item's retailer_id "Required" (Step 1 item table). An
 * item with its own image needs none (the seed is silent on images; the Meta page forbids the pair).
 */
import { validateOrderDetails } from '../../core/orderDetails';
import { checkProviderRules } from '../../core/orderRules';
import type { OrderOptions, ValidationError } from '../../core/types';
import { brazilParameters, fixtureNow, indiaParameters } from '../fixtures/orders';

type Json = Record<string, any>;
const through = (provider?: OrderOptions['provider']): OrderOptions => ({ now: fixtureNow, ...(provider ? { provider } : {}) });
const pathsAndRules = (errors: ValidationError[]) => errors.map(({ path, rule }) => ({ path, rule }));

/** The India fixture (no catalog) with its items' retailer_id removed. */
function indiaWithoutRetailerIds(): Json {
	const p = indiaParameters() as Json;
	for (const item of p.order.items) delete item.retailer_id;
	return p;
}
const brazil = (): Json => brazilParameters([{ type: 'offsite_card_pay', offsite_card_pay: { last_four_digits: '4242', credential_id: 'cred-77' } }]);

describe('order_details through 360dialog (OrderOptions.provider)', () => {
	it('an India order without a catalog: retailer_id required on every item through 360dialog, optional through the Cloud API', () => {
		const p = indiaWithoutRetailerIds();
		expect(validateOrderDetails(p, through()).valid).toBe(true);
		expect(validateOrderDetails(p, through('cloudApi')).valid).toBe(true);
		expect(validateOrderDetails(p, through('dialog360')).errors).toEqual([0, 1].map((i) => ({
			path: `/order/items/${i}/retailer_id`,
			message: 'is required when sending through 360dialog (its Payments API documentation marks it Required on every item)',
			rule: 'required',
		})));
		expect(validateOrderDetails(indiaParameters(), through('dialog360'))).toEqual({ valid: true, errors: [] });
	});

	it('an item with its own image needs no retailer_id (it may not carry one)', () => {
		const p = indiaWithoutRetailerIds();
		p.order.items[1].image = { link: 'https://img.example/mug.png' };
		expect(pathsAndRules(validateOrderDetails(p, through('dialog360')).errors)).toEqual([{ path: '/order/items/0/retailer_id', rule: 'required' }]);
	});

	it('a Brazil order is refused naming the currency: 360dialog payments are for India only', () => {
		expect(validateOrderDetails(brazil(), through('cloudApi')).valid).toBe(true);
		expect(validateOrderDetails(brazil(), through('dialog360')).errors).toEqual([
			{ path: '/currency', message: 'must be "INR" when sending through 360dialog: 360dialog payments are for India only (its Payments API documentation: Indian businesses with Indian phone numbers)', rule: 'provider' },
		]);
	});

	it('a retailer_id the order\'s own rules require (Brazil, a catalog) is refused once', () => {
		const p = brazil();
		delete p.order.items[0].retailer_id;
		expect(pathsAndRules(validateOrderDetails(p, through('dialog360')).errors)).toEqual([
			{ path: '/order/items/0/retailer_id', rule: 'required' },
			{ path: '/currency', rule: 'provider' },
		]);
		const catalog = indiaWithoutRetailerIds();
		catalog.order.catalog_id = 'cat-1';
		for (const item of catalog.order.items) for (const key of ['country_of_origin', 'importer_name', 'importer_address']) delete item[key];
		expect(pathsAndRules(validateOrderDetails(catalog, through('dialog360')).errors)).toEqual([0, 1].map((i) => ({ path: `/order/items/${i}/retailer_id`, rule: 'required' })));
	});

	it('checkProviderRules alone (the node checks a built message with it): paths under the given base', () => {
		expect(pathsAndRules(checkProviderRules(indiaWithoutRetailerIds(), '/interactive/action/parameters', 'dialog360'))).toEqual([0, 1].map((i) => ({ path: `/interactive/action/parameters/order/items/${i}/retailer_id`, rule: 'required' })));
		expect(checkProviderRules(indiaWithoutRetailerIds(), '', 'cloudApi')).toEqual([]);
	});
});
