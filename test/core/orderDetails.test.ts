/* eslint-disable @typescript-eslint/no-unused-vars -- dev-only code, never runs inside n8n (docs/verification.md) */
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

	it("accepts the seed's One-Click message as published, without messaging_product", () => {
		const { messaging_product: _omitted, ...asPublished } = brazilOneClickOrder();
		expect(validateOrderDetails(asPublished, now)).toEqual({ valid: true, errors: [] });
		expect(validateOrderDetails({ ...asPublished, messaging_product: 'sms' }, now).errors).toEqual([
			expect.objectContaining({ path: '/messaging_product', rule: 'const' }),
		]);
	});

	it.each(Object.entries(paymentVariantMessages()))('accepts %s', (_name, message) => {
		expect(validateOrderDetails(message, now)).toEqual({ valid: true, errors: [] });
	});

	it("rejects the seed's India catalog example at the subtotal only", () => {
		expect(validateOrderDetails(seedIndiaCatalogInteractive(), now).errors).toEqual([
			{ path: '/action/parameters/order/subtotal', message: expect.stringMatching(/must be 1\.00 .* but is 200\.00/), rule: 'subtotal' },
		]);
	});
});
