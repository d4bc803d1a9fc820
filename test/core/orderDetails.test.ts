import { validateOrderDetails } from '../../core/orderDetails';
import { brazilOneClickOrder, fixtureNow, indiaRazorpayOrder, paymentVariantMessages, seedIndiaCatalogInteractive } from '../fixtures/orders';

const now = { now: fixtureNow };

describe('validateOrderDetails: fixtures', () => {
	it('accepts the India Razorpay order', () => {
		expect(validateOrderDetails(indiaRazorpayOrder(), now)).toEqual({ valid: true, errors: [] });
	});

	it("accepts the seed's Brazil One-Click order", () => {
		expect(validateOrderDetails(brazilOneClickOrder(), now)).toEqual({ valid: true, errors: [] });
	});

	it.each(Object.entries(paymentVariantMessages()))('accepts %s', (_name, message) => {
		expect(validateOrderDetails(message, now)).toEqual({ valid: true, errors: [] });
	});

	it("rejects the seed's India catalog example at the subtotal only", () => {
		expect(validateOrderDetails(seedIndiaCatalogInteractive(), now).errors).toEqual([
			{ path: '/action/parameters/order/subtotal', message: expect.stringMatching(/must be 100 .* but is 20000/), rule: 'subtotal' },
		]);
	});
});
