/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * The order forms and fields of Meta's current payments pages (../shared/meta-docs/) beyond the seeds: Brazil's
 * simplified order_details and order_status, the order_status template, payment link return URLs, gateway
 * payment options, the preferred UPI app, third-party validation, checkout-button shipping_info and error 2040.
 * Each test names its page and section; docs/spec-orders-rows.md lists them.
 */
import { parseApiError } from '../../core/apiErrors';
import { OrderValidationError } from '../../core/errors';
import { buildOrderDetailsMessage, buildOrderDetailsTemplateMessage, validateOrderDetails } from '../../core/orderDetails';
import { buildOrderStatusMessage, buildOrderStatusTemplateMessage, validateOrderStatus } from '../../core/orderStatus';
import type { OrderDetailsInput, OrderStatusInput, PaymentSettingInput, ValidationError } from '../../core/types';
import { brazilOrderInput, brazilParameters, fixtureNow, indiaOrderInput } from '../fixtures/orders';

type Json = Record<string, any>;
const now = { now: fixtureNow };
const parametersOf = (message: Json): Json => message.interactive.action.parameters;
const pathsAndRules = (errors: ValidationError[]) => errors.map(({ path, rule }) => ({ path, rule }));

/** The errors a build throws (fails the test when it does not throw an OrderValidationError). */
function buildErrors(build: () => unknown): Array<Pick<ValidationError, 'path' | 'rule'>> {
	try {
		build();
	} catch (e) {
		expect(e).toBeInstanceOf(OrderValidationError);
		return pathsAndRules((e as OrderValidationError).errors);
	}
	throw new Error('the build did not throw');
}

/** Brazil's simplified bill: no items, only the total and the payment methods. */
const simplifiedBrazil = (over: Partial<OrderDetailsInput> = {}): OrderDetailsInput => {
	const { items: _items, ...rest } = brazilOrderInput();
	return { ...rest, total: '500.00', ...over };
};

const indiaPayment = (payment: PaymentSettingInput): OrderDetailsInput => ({ ...indiaOrderInput(), payment });
const razorpay = (extra: Partial<Extract<PaymentSettingInput, { type: 'payment_gateway' }>>): PaymentSettingInput => ({
	type: 'payment_gateway',
	gateway: 'razorpay',
	configurationName: 'razorpay-live',
	...extra,
});

describe('brazil-orders.md § Simplified order details message', () => {
	it('builds a bill without the order object: total and payment settings only', () => {
		const p = parametersOf(buildOrderDetailsMessage(simplifiedBrazil(), now));
		expect(p).toEqual({
			reference_id: 'BR-PEDIDO-2001',
			type: 'digital-goods',
			payment_type: 'br',
			payment_settings: expect.any(Array),
			currency: 'BRL',
			total_amount: { value: 50000, offset: 100 },
		});
		expect(validateOrderDetails(p, now)).toEqual({ valid: true, errors: [] });
	});

	it('needs the total, and refuses fields that live in the order object', () => {
		expect(buildErrors(() => buildOrderDetailsMessage(simplifiedBrazil({ total: undefined }), now))).toEqual([{ path: '/total', rule: 'required' }]);
		// A total of 0 in reais, named as such (the schema's "must be >= 1" counts centavos, so it read as a minimum of R$1).
		expect(buildErrors(() => buildOrderDetailsMessage(simplifiedBrazil({ total: 0 }), now))).toEqual([{ path: '/total', rule: 'amount' }]);
		expect(() => buildOrderDetailsMessage(simplifiedBrazil({ total: 0.5 }), now)).not.toThrow();
		expect(buildErrors(() => buildOrderDetailsMessage(simplifiedBrazil({ tax: { amount: 0 }, expiration: { timestamp: 1_760_010_000, description: 'x' } }), now))).toEqual([
			{ path: '/tax', rule: 'simplified' },
			{ path: '/expiration', rule: 'simplified' },
		]);
	});

	it('refuses an image header ("do not support an image header")', () => {
		const errors = buildErrors(() => buildOrderDetailsMessage(simplifiedBrazil({ header: { imageUrl: 'https://img.example/1.png' } }), now));
		expect(errors).toEqual([{ path: '/interactive/header', rule: 'header' }]);
		const { order: _order, ...simplified } = brazilParameters([{ type: 'boleto', boleto: { digitable_line: '0339' } }]);
		const interactive = { type: 'order_details', header: { type: 'image', image: { link: 'https://img.example/1.png' } }, body: { text: 'Pague' }, action: { name: 'review_and_pay', parameters: simplified } };
		expect(pathsAndRules(validateOrderDetails(interactive, now).errors)).toEqual([{ path: '/header', rule: 'header' }]);
	});

	it('keeps India orders itemized: the order object is required there', () => {
		const { items: _items, ...noItems } = indiaOrderInput();
		expect(buildErrors(() => buildOrderDetailsMessage(noItems, now))).toEqual([{ path: '/items', rule: 'minItems' }]);
	});
});

describe('brazil-orders.md § Expiration object (description Required)', () => {
	it('the builder names the missing description in the input', () => {
		expect(buildErrors(() => buildOrderDetailsMessage({ ...brazilOrderInput(), expiration: { timestamp: 1_760_010_000 } }, now))).toEqual([
			{ path: '/expiration/description', rule: 'required' },
		]);
	});
	it('a blank description is no explanation: named like a missing one', () => {
		for (const description of ['', '   ']) {
			expect(buildErrors(() => buildOrderDetailsMessage({ ...brazilOrderInput(), expiration: { timestamp: 1_760_010_000, description } }, now))).toEqual([
				{ path: '/expiration/description', rule: 'required' },
			]);
		}
	});
});

describe('india-accept-payments-via-payment-links.md § Payment link object', () => {
	it('sends success_url and cancel_url when given', () => {
		const p = parametersOf(
			buildOrderDetailsMessage(indiaPayment({ type: 'payment_link', uri: 'https://rzp.io/i/abc', successUrl: 'https://shop.example/ok', cancelUrl: 'https://shop.example/cancel' }), now),
		);
		expect(p.payment_settings).toEqual([
			{ type: 'payment_link', payment_link: { uri: 'https://rzp.io/i/abc', success_url: 'https://shop.example/ok', cancel_url: 'https://shop.example/cancel' } },
		]);
		expect(p.payment_type).toBe('upi');
	});
});

describe('receive-payments-via-payment-gateways-on-whatsapp.md § Restrict available payment options / Merchant preferred UPI payment method', () => {
	it('sends enabled_payment_options and one preferred UPI app', () => {
		const p = parametersOf(buildOrderDetailsMessage(indiaPayment(razorpay({ enabledPaymentOptions: ['upi'], preferredPaymentMethod: 'phonepe' })), now));
		expect(p.payment_settings[0].payment_gateway).toEqual({
			type: 'razorpay',
			configuration_name: 'razorpay-live',
			enabled_payment_options: ['upi'],
			preferred_payment_methods: [{ method: 'phonepe' }],
		});
	});

	it('refuses a UPI-enabled gateway above ₹5,00,000, and accepts it restricted to "web"', () => {
		const big = (options?: Array<'upi' | 'web'>): OrderDetailsInput => ({ ...indiaPayment(razorpay(options ? { enabledPaymentOptions: options } : {})), tax: { amount: '500000.00' } });
		expect(buildErrors(() => buildOrderDetailsMessage(big(), now))).toEqual([
			{ path: '/interactive/action/parameters/payment_settings/0/payment_gateway/enabled_payment_options', rule: 'upi_limit' },
		]);
		expect(parametersOf(buildOrderDetailsMessage(big(['web']), now)).total_amount.value).toBeGreaterThan(50_000_000);
	});
});

describe('receive-payments-via-payment-gateways-on-whatsapp.md § Third party validation with Razorpay and PayU', () => {
	it.each(['razorpay', 'payu'] as const)('sends the %s TPV data as the page shows it: a setting beside the gateway', (gateway) => {
		const p = parametersOf(buildOrderDetailsMessage(indiaPayment({ type: 'payment_gateway', gateway, configurationName: `${gateway}-live`, tpvEncryptedData: 'ZW5jcnlwdGVk' }), now));
		expect(p.payment_settings).toEqual([
			{ type: 'payment_gateway', payment_gateway: { type: gateway, configuration_name: `${gateway}-live` } },
			{ type: gateway, [gateway]: { encrypted_payment_gateway_data: 'ZW5jcnlwdGVk' } },
		]);
	});

	it('refuses TPV data for another gateway', () => {
		const input = indiaPayment({ type: 'payment_gateway', gateway: 'billdesk', configurationName: 'billdesk-live', tpvEncryptedData: 'x' });
		expect(buildErrors(() => buildOrderDetailsMessage(input, now))).toEqual([{ path: '/payment/tpvEncryptedData', rule: 'tpv' }]);
	});
});

describe('checkout-button-templates.md § Send a checkout button template (shipping_info)', () => {
	it('sends the buyer addresses of a physical-goods order with country IN', () => {
		const address = { name: 'Nidhi Tripathi', phoneNumber: '919000090000', address: 'Bandra Kurla Complex', city: 'Mumbai', state: 'Maharashtra', inPinCode: '400051', buildingName: 'One BKC' };
		const message = buildOrderDetailsTemplateMessage({ ...indiaOrderInput(), shippingInfo: { addresses: [address] }, templateName: 'checkout', languageCode: 'en_US' }, now);
		const parameters = (message as Json).template.components[0].parameters[0].action.order_details;
		expect(parameters.shipping_info).toEqual({
			country: 'IN',
			addresses: [{ name: 'Nidhi Tripathi', phone_number: '919000090000', address: 'Bandra Kurla Complex', city: 'Mumbai', state: 'Maharashtra', in_pin_code: '400051', building_name: 'One BKC' }],
		});
	});

	it('refuses shipping_info on digital goods ("else omit")', () => {
		const input = { ...indiaOrderInput(), goodsType: 'digital-goods' as const, shippingInfo: { addresses: [] } };
		expect(buildErrors(() => buildOrderDetailsMessage(input, now))).toEqual([{ path: '/interactive/action/parameters/shipping_info', rule: 'shipping_info' }]);
	});
});

describe('india-send-order-details-template-message.md / brazil-send-order-details-template-message.md', () => {
	it('sends the template language with the deterministic policy, and a PDF document header', () => {
		const message = buildOrderDetailsTemplateMessage(
			{ ...brazilOrderInput(), templateName: 'fatura', languageCode: 'pt_BR', headerDocument: { link: 'https://loja.example/fatura.pdf', filename: 'fatura.pdf' } },
			now,
		) as Json;
		expect(message.template.language).toEqual({ policy: 'deterministic', code: 'pt_BR' });
		expect(message.template.components[0]).toEqual({ type: 'header', parameters: [{ type: 'document', document: { link: 'https://loja.example/fatura.pdf', filename: 'fatura.pdf' } }] });
	});

	it('accepts an importer address without zone_code', () => {
		const input = indiaOrderInput();
		for (const item of input.items ?? []) delete item.importerAddress?.zoneCode;
		expect(parametersOf(buildOrderDetailsMessage(input, now)).order.items[0].importer_address).toEqual({ address_line1: '12 MG Road', city: 'Bengaluru', postal_code: '560001', country_code: 'IN' });
	});
});

const statusInput = (over: Partial<OrderStatusInput> = {}): OrderStatusInput => ({ to: '5511987654321', referenceId: 'BR-PEDIDO-2001', status: 'processing', body: 'Pagamento recebido', ...over });

describe('brazil-orders.md § Simplified order status example', () => {
	it('builds an order_status with only a payment object', () => {
		const message = buildOrderStatusMessage(statusInput({ status: undefined, payment: { status: 'captured', timestamp: 1722445231 } })) as Json;
		expect(message.interactive.action.parameters).toEqual({ reference_id: 'BR-PEDIDO-2001', payment: { status: 'captured', timestamp: 1722445231 } });
	});

	it('needs an order or a payment', () => {
		const errors = validateOrderStatus({ reference_id: 'BR-1' }).errors;
		expect(pathsAndRules(errors)).toEqual([{ path: '/order', rule: 'required' }]);
		expect(buildErrors(() => buildOrderStatusMessage(statusInput({ status: undefined, description: 'x', payment: { status: 'pending' } })))).toEqual([
			{ path: '/description', rule: 'status' },
		]);
	});

	// receive-payments-via-payment-gateways-on-whatsapp.md § Step 6 › Parameters object (and the UPI intent and payment link
	// pages' Step 7): an India order_status has reference_id and order only. The message names no market: its order's does.
	it('refuses a payment object on an India order\'s status (Brazil only), and needs the order there; without the market known, accepts it', () => {
		const withPayment = { reference_id: 'IN-1', order: { status: 'processing' }, payment: { status: 'captured', timestamp: 1722445231 } };
		expect(pathsAndRules(validateOrderStatus(withPayment, { market: 'india' }).errors)).toEqual([{ path: '/payment', rule: 'market' }]);
		expect(validateOrderStatus(withPayment, { market: 'india' }).errors[0].message).toBe('is for Brazil orders only: an India order_status carries the order status alone');
		expect(pathsAndRules(validateOrderStatus({ reference_id: 'IN-1', payment: { status: 'captured' } }, { market: 'india' }).errors)).toEqual([
			{ path: '/order', rule: 'required' },
			{ path: '/payment', rule: 'market' },
		]);
		expect(validateOrderStatus(withPayment, { market: 'brazil' }).valid).toBe(true);
		expect(validateOrderStatus(withPayment).valid).toBe(true);
		expect(validateOrderStatus({ reference_id: 'IN-1', order: { status: 'processing' } }, { market: 'india' }).valid).toBe(true);
	});

	it('accepts order status pending beside a payment and alone (Brazil lists it with no condition)', () => {
		expect(validateOrderStatus({ reference_id: 'BR-1', order: { status: 'pending' }, payment: { status: 'pending' } }).valid).toBe(true);
		expect(validateOrderStatus({ reference_id: 'BR-1', order: { status: 'pending' } }).valid).toBe(true);
	});

	it('sends an optional header (image or text)', () => {
		const image = buildOrderStatusMessage(statusInput({ header: { imageUrl: 'https://loja.example/p.png' } })) as Json;
		expect(image.interactive.header).toEqual({ type: 'image', image: { link: 'https://loja.example/p.png' } });
		const text = buildOrderStatusMessage(statusInput({ header: { text: 'Pedido 2001' } })) as Json;
		expect(text.interactive.header).toEqual({ type: 'text', text: 'Pedido 2001' });
	});
});

describe('send-order-status-template-message.md § Sending order status template message', () => {
	it('builds the template form: an order_status component carrying the parameters', () => {
		const message = buildOrderStatusTemplateMessage(
			{ to: '919876543210', referenceId: 'IN-ORDER-1001', status: 'partially-shipped', description: 'First box left', templateName: 'order_update', languageCode: 'en_US', bodyParameters: ['Asha'] },
		);
		expect(message).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '919876543210',
			type: 'template',
			template: {
				name: 'order_update',
				language: { policy: 'deterministic', code: 'en_US' },
				components: [
					{ type: 'body', parameters: [{ type: 'text', text: 'Asha' }] },
					{ type: 'order_status', parameters: [{ type: 'order_status', order_status: { reference_id: 'IN-ORDER-1001', order: { status: 'partially_shipped', description: 'First box left' } } }] },
				],
			},
		});
		expect(validateOrderStatus(message)).toEqual({ valid: true, errors: [] });
	});

	it('names the template parts that are missing or wrong', () => {
		const template = (components: unknown[]) => ({ messaging_product: 'whatsapp', to: '1', type: 'template', template: { name: 't', language: { code: 'en' }, components } });
		expect(pathsAndRules(validateOrderStatus(template([{ type: 'body', parameters: [] }])).errors)).toEqual([{ path: '/template/components', rule: 'required' }]);
		expect(pathsAndRules(validateOrderStatus(template([{ type: 'order_status', parameters: [{ type: 'text', text: 'x' }] }])).errors)).toEqual([
			{ path: '/template/components/0/parameters', rule: 'required' },
		]);
		const unknownStatus = template([{ type: 'order_status', parameters: [{ type: 'order_status', order_status: { reference_id: 'r', order: { status: 'shipping' } } }] }]);
		expect(pathsAndRules(validateOrderStatus(unknownStatus).errors)).toEqual([{ path: '/template/components/0/parameters/0/order_status/order/status', rule: 'enum' }]);
	});

	// The page's form is reference_id and order alone; Brazil's payment object (and its payment-only status) is the interactive form's.
	it('refuses a payment object in the template, and a template without the order', () => {
		const input = { to: '5511999999999', referenceId: 'BR-T-1', templateName: 'order_update', languageCode: 'pt_BR' };
		const at = '/template/components/0/parameters/0/order_status';
		expect(buildErrors(() => buildOrderStatusTemplateMessage({ ...input, status: 'processing', payment: { status: 'captured', timestamp: 1767225600 } }))).toEqual([
			{ path: `${at}/payment`, rule: 'template' },
		]);
		expect(buildErrors(() => buildOrderStatusTemplateMessage({ ...input, payment: { status: 'captured', timestamp: 1767225600 } }))).toEqual([
			{ path: `${at}/order`, rule: 'required' },
			{ path: `${at}/payment`, rule: 'template' },
		]);
		// The interactive form keeps Brazil's simplified status.
		expect(() => buildOrderStatusMessage({ to: '5511999999999', referenceId: 'BR-T-1', body: 'Pago', payment: { status: 'captured', timestamp: 1767225600 } })).not.toThrow();
	});
});

describe('brazil-orders.md § Errors and statuses (2040)', () => {
	it('explains error 2040 "Message is not supported"', () => {
		const info = parseApiError({ error: { code: 2040, message: 'Message is not supported' } });
		expect(info.code).toBe(2040);
		expect(info.hint).toMatch(/cannot receive this message/);
	});
});
