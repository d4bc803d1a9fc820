/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars -- dev-only code, never runs inside n8n (docs/verification.md) */
import { OrderValidationError } from '../../core/errors';
import { buildOrderDetailsMessage, buildOrderDetailsTemplateMessage, validateOrderDetails } from '../../core/orderDetails';
import type { OrderDetailsInput, OrderItemInput, PaymentSettingInput, ValidationError } from '../../core/types';
import { brazilOrderInput, FIXTURE_EXPIRATION, FIXTURE_NOW_MS, fixtureNow, indiaOrderInput } from '../fixtures/orders';

type Json = Record<string, any>;
const now = { now: fixtureNow };
const build = (input: OrderDetailsInput): Json => buildOrderDetailsMessage(input, now);
const parametersOf = (message: Json): Json => message.interactive.action.parameters;

/** The errors a build throws (fails the test when it does not throw an OrderValidationError). */
function buildErrors(input: OrderDetailsInput): Array<Pick<ValidationError, 'path' | 'rule'>> {
	try {
		build(input);
	} catch (e) {
		expect(e).toBeInstanceOf(OrderValidationError);
		return (e as OrderValidationError).errors.map(({ path, rule }) => ({ path, rule }));
	}
	throw new Error('the build did not throw');
}

describe('buildOrderDetailsMessage', () => {
	it('builds the exact Cloud API body of a Brazil bill', () => {
		expect(build(brazilOrderInput())).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '5511987654321',
			type: 'interactive',
			interactive: {
				type: 'order_details',
				body: { text: 'Seu pedido' },
				action: {
					name: 'review_and_pay',
					parameters: {
						reference_id: 'BR-PEDIDO-2001',
						type: 'digital-goods',
						payment_type: 'br',
						payment_settings: [
							{
								type: 'pix_dynamic_code',
								pix_dynamic_code: { code: '00020101021226700014br.gov.bcb.pix', merchant_name: 'Loja Exemplo', key: 'loja@example.com', key_type: 'EMAIL' },
							},
							{ type: 'offsite_card_pay', offsite_card_pay: { last_four_digits: '4242', credential_id: 'cred-77' } },
						],
						currency: 'BRL',
						total_amount: { value: 18000, offset: 100 },
						order: {
							status: 'pending',
							items: [
								{ retailer_id: 'CURSO-1', name: 'Curso online', amount: { value: 12000, offset: 100 }, quantity: 1 },
								{ retailer_id: 'EBOOK-2', name: 'E-book', amount: { value: 3500, offset: 100 }, sale_amount: { value: 3000, offset: 100 }, quantity: 2 },
							],
							subtotal: { value: 18000, offset: 100 },
							tax: { value: 0, offset: 100 },
						},
					},
				},
			},
		});
	});

	it('converts an India bill and computes its sums', () => {
		const message = build(indiaOrderInput());
		expect(validateOrderDetails(message, now)).toEqual({ valid: true, errors: [] });
		const p = parametersOf(message);
		expect(p).not.toHaveProperty('payment_type');
		expect(p.currency).toBe('INR');
		expect(p.total_amount).toEqual({ value: 115360, offset: 100 });
		expect(p.order.subtotal).toEqual({ value: 102000, offset: 100 });
		expect(p.order.tax).toEqual({ value: 18360, offset: 100, description: 'GST 18%' });
		expect(p.order.discount).toEqual({ value: 10000, offset: 100, discount_program_name: 'WELCOME100' });
		expect(p.order.expiration).toEqual({ timestamp: FIXTURE_EXPIRATION, description: 'Pay within the hour' });
		expect(p.order.items[0]).toEqual({
			retailer_id: 'TEA-500',
			name: 'Assam tea 500 g',
			amount: { value: 50000, offset: 100 },
			sale_amount: { value: 45000, offset: 100 },
			quantity: 2,
			country_of_origin: 'India',
			importer_name: 'Chai Traders Pvt Ltd',
			importer_address: { address_line1: '12 MG Road', city: 'Bengaluru', zone_code: 'KA', postal_code: '560001', country_code: 'IN' },
		});
		expect(p.payment_settings).toEqual([
			{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: 'razorpay-sandbox', razorpay: { receipt: 'rcpt-1001' } } },
		]);
		expect(message.interactive.footer).toEqual({ text: 'Chai Traders' });
	});

	it('accepts given subtotal and total when they agree, and minor-unit input', () => {
		const input = { ...indiaOrderInput(), subtotal: '1020.00', total: 1153.6 };
		expect(parametersOf(build(input)).total_amount.value).toBe(115360);
		const minor: OrderDetailsInput = {
			...brazilOrderInput(),
			amountsIn: 'minor',
			items: [{ retailerId: 'A', name: 'A', amount: 1999, saleAmount: '1499', quantity: 3 }],
			shipping: { amount: 500 },
			total: 4997,
		};
		const p = parametersOf(build(minor));
		expect(p.order.items[0].sale_amount).toEqual({ value: 1499, offset: 100 });
		expect(p.order.subtotal.value).toBe(4497);
		expect(p.total_amount.value).toBe(4997);
	});

	it('adds tax 0 by default and keeps float-unsafe prices exact', () => {
		const p = parametersOf(build({ ...brazilOrderInput(), items: [{ retailerId: 'X', name: 'X', amount: 0.29, quantity: 3 }] }));
		expect(p.order.tax).toEqual({ value: 0, offset: 100 });
		expect(p.order.subtotal.value).toBe(87);
	});

	it.each<[string, PaymentSettingInput | PaymentSettingInput[], Json]>([
		['payment_gateway payu', { type: 'payment_gateway', gateway: 'payu', configurationName: 'payu-1', payu: { udf1: 'a' } }, { payment_settings: [{ type: 'payment_gateway', payment_gateway: { type: 'payu', configuration_name: 'payu-1', payu: { udf1: 'a' } } }] }],
		['upi_intent_link', { type: 'upi_intent_link', link: 'upi://pay?pa=a@b&pn=A&tr=1' }, { payment_settings: [{ type: 'upi_intent_link', upi_intent_link: { link: 'upi://pay?pa=a@b&pn=A&tr=1' } }] }],
		// The configuration of the intent's VPA beside it, with payment_type as india-send-order-details-template-message.md's example sends the pair.
		[
			'upi_intent_link with its payment configuration',
			{ type: 'upi_intent_link', link: 'upi://pay?pa=a@b&pn=A&tr=1', configurationName: 'upi-cfg' },
			{ payment_type: 'upi', payment_configuration: 'upi-cfg', payment_settings: [{ type: 'upi_intent_link', upi_intent_link: { link: 'upi://pay?pa=a@b&pn=A&tr=1' } }] },
		],
		['payment_link (payment_type upi)', { type: 'payment_link', uri: 'https://pay.example/1' }, { payment_type: 'upi', payment_settings: [{ type: 'payment_link', payment_link: { uri: 'https://pay.example/1' } }] }],
		['upi_legacy', [{ type: 'upi_legacy', configurationName: 'upi-cfg' }], { payment_type: 'upi', payment_configuration: 'upi-cfg' }],
	])('India %s', (_name, payment, wire) => {
		const message = build({ ...indiaOrderInput(), payment });
		const p = parametersOf(message);
		expect({ payment_type: p.payment_type, payment_configuration: p.payment_configuration, payment_settings: p.payment_settings }).toEqual({
			payment_type: undefined,
			payment_configuration: undefined,
			payment_settings: undefined,
			...wire,
		});
		expect(validateOrderDetails(message, now).valid).toBe(true);
	});

	it.each<[string, PaymentSettingInput, Json]>([
		['boleto', { type: 'boleto', digitableLine: '0339' }, { type: 'boleto', boleto: { digitable_line: '0339' } }],
		['payment_link', { type: 'payment_link', uri: 'https://pagar.example/1' }, { type: 'payment_link', payment_link: { uri: 'https://pagar.example/1' } }],
		['offsite_card_pay', { type: 'offsite_card_pay', lastFourDigits: '5235', credentialId: '1234567' }, { type: 'offsite_card_pay', offsite_card_pay: { last_four_digits: '5235', credential_id: '1234567' } }],
	])('Brazil %s', (_name, payment, wire) => {
		const p = parametersOf(build({ ...brazilOrderInput(), payment }));
		expect(p.payment_type).toBe('br');
		expect(p.payment_settings).toEqual([wire]);
	});

	it('maps header, beneficiaries, catalog and quick pay', () => {
		const input: OrderDetailsInput = {
			...indiaOrderInput(),
			header: { imageUrl: 'https://img.example/bill.png' },
			catalogId: 'cat-9',
			quickPay: true,
			beneficiaries: [{ name: 'Asha', addressLine1: '4 Park St', city: 'Kolkata', state: 'WB', postalCode: '700016' }],
		};
		const message = build(input);
		expect(message.interactive.header).toEqual({ type: 'image', image: { link: 'https://img.example/bill.png' } });
		const p = parametersOf(message);
		expect(p.order).toMatchObject({ type: 'quick_pay', catalog_id: 'cat-9' });
		expect(p.beneficiaries).toEqual([{ name: 'Asha', address_line1: '4 Park St', city: 'Kolkata', state: 'WB', country: 'India', postal_code: '700016' }]);
		expect(build({ ...input, header: { imageId: 'media-1' } }).interactive.header).toEqual({ type: 'image', image: { id: 'media-1' } });
	});

	it.each<[string, unknown]>([
		['epoch seconds', FIXTURE_NOW_MS / 1000 + 600],
		['a numeric string', String(FIXTURE_NOW_MS / 1000 + 600)],
		['a Date', new Date(FIXTURE_NOW_MS + 600_000)],
		['an ISO string', new Date(FIXTURE_NOW_MS + 600_000).toISOString()],
	])('takes the expiration as %s', (_name, timestamp) => {
		const p = parametersOf(build({ ...brazilOrderInput(), expiration: { timestamp: timestamp as number, description: 'Vence em 10 minutos' } }));
		expect(p.order.expiration).toEqual({ timestamp: String(FIXTURE_NOW_MS / 1000 + 600), description: 'Vence em 10 minutos' });
	});
});

describe('buildOrderDetailsMessage: errors', () => {
	it.each<[string, (input: ReturnType<typeof indiaOrderInput>) => void, Array<Pick<ValidationError, 'path' | 'rule'>>]>([
		['an amount that is not a number', (i) => (i.items[1].amount = 'abc'), [{ path: '/items/1/amount', rule: 'amount' }]],
		['an amount with three decimals', (i) => (i.items[0].saleAmount = '4.505'), [{ path: '/items/0/saleAmount', rule: 'amount' }]],
		['a missing amount', (i) => delete (i.items[0] as Partial<OrderItemInput>).amount, [{ path: '/items/0/amount', rule: 'required' }]],
		['a fractional quantity', (i) => (i.items[0].quantity = 1.5), [{ path: '/items/0/quantity', rule: 'quantity' }]],
		['an item price of 0 (a form row left at its default)', (i) => (i.items[0].amount = 0), [{ path: '/items/0/amount', rule: 'amount' }]],
		['a wrong subtotal', (i) => (i.subtotal = 1000), [{ path: '/subtotal', rule: 'subtotal' }]],
		['a wrong total', (i) => (i.total = '1153.59'), [{ path: '/total', rule: 'total_amount' }]],
		['a bad tax amount', (i) => (i.tax = { amount: '1,000' }), [{ path: '/tax/amount', rule: 'amount' }]],
		['no items', (i) => (i.items = []), [{ path: '/items', rule: 'minItems' }]],
		['an unknown market', (i) => (i.market = 'chile' as never), [{ path: '/market', rule: 'enum' }]],
		['beneficiaries that are not a list', (i) => (i.beneficiaries = 'Asha' as never), [{ path: '/beneficiaries', rule: 'type' }]],
		['a beneficiary that is not an object', (i) => (i.beneficiaries = [null as never]), [{ path: '/beneficiaries/0', rule: 'type' }]],
		['no payment', (i) => delete (i as Partial<OrderDetailsInput>).payment, [{ path: '/payment', rule: 'required' }]],
		['an unknown payment type', (i) => (i.payment = { type: 'cash' } as never), [{ path: '/payment/type', rule: 'enum' }]],
		['legacy UPI beside another method', (i) => (i.payment = [{ type: 'upi_legacy', configurationName: 'c' }, { type: 'payment_link', uri: 'https://x.example' }]), [{ path: '/payment/0', rule: 'payment_settings' }]],
		['an unreadable expiration', (i) => (i.expiration = { timestamp: 'next week' }), [{ path: '/expiration/timestamp', rule: 'expiration' }]],
		['an expiration in words JavaScript would read as a day of 2001', (i) => (i.expiration = { timestamp: 'Yesterday at 5' }), [{ path: '/expiration/timestamp', rule: 'expiration' }]],
		['an expiration in milliseconds', (i) => (i.expiration = { timestamp: FIXTURE_NOW_MS + 600_000 }), [{ path: '/expiration/timestamp', rule: 'expiration' }]],
		['a bad amountsIn', (i) => (i.amountsIn = 'cents' as never), [{ path: '/amountsIn', rule: 'enum' }]],
	])('reports %s at its input path', (_name, change, expected) => {
		const input = indiaOrderInput();
		change(input);
		expect(buildErrors(input)).toEqual(expected);
	});

	it('reports every input problem at once', () => {
		const input = indiaOrderInput();
		input.items[0].amount = 'x';
		input.items[1].quantity = 0;
		expect(buildErrors(input)).toEqual([
			{ path: '/items/0/amount', rule: 'amount' },
			{ path: '/items/1/quantity', rule: 'quantity' },
		]);
	});

	it('then validates the built message (paths into the message)', () => {
		const input = indiaOrderInput();
		input.items[0].name = 'x'.repeat(61);
		input.expiration = { timestamp: FIXTURE_NOW_MS / 1000 + 60 };
		input.referenceId = 'x'.repeat(36);
		expect(buildErrors(input)).toEqual([
			{ path: '/interactive/action/parameters/order/items/0/name', rule: 'maxLength' },
			{ path: '/interactive/action/parameters/reference_id', rule: 'reference_id' },
			{ path: '/interactive/action/parameters/order/expiration/timestamp', rule: 'expiration' },
		]);
		const brazilBad = brazilOrderInput();
		delete brazilBad.items[0].retailerId;
		brazilBad.body = '';
		expect(buildErrors(brazilBad)).toEqual([
			{ path: '/interactive/body/text', rule: 'minLength' },
			{ path: '/interactive/action/parameters/order/items/0/retailer_id', rule: 'required' },
		]);
	});

	it('throws an error whose message lists path and rule wording', () => {
		const input = indiaOrderInput();
		input.items[1].amount = '1,200';
		expect(() => build(input)).toThrow('Invalid order input: /items/1/amount: "1,200" is not an amount: write digits only, without ₹, R$ or commas, e.g. 1200 or 120.50');
	});
});

describe('buildOrderDetailsTemplateMessage', () => {
	const { body: _body, footer: _footer, header: _header, ...order } = indiaOrderInput();
	const templateInput = { ...order, templateName: 'order_bill', languageCode: 'en_US', bodyParameters: ['Asha', 'IN-ORDER-1001'], headerImageUrl: 'https://img.example/h.png' };

	it('puts the same parameters on the order_details template button', () => {
		const message = buildOrderDetailsTemplateMessage(templateInput, now);
		const interactiveParameters = parametersOf(build(indiaOrderInput()));
		expect(message).toEqual({
			messaging_product: 'whatsapp',
			recipient_type: 'individual',
			to: '919876543210',
			type: 'template',
			template: {
				name: 'order_bill',
				language: { policy: 'deterministic', code: 'en_US' },
				components: [
					{ type: 'body', parameters: [{ type: 'text', text: 'Asha' }, { type: 'text', text: 'IN-ORDER-1001' }] },
					{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://img.example/h.png' } }] },
					{ type: 'button', sub_type: 'order_details', index: 0, parameters: [{ type: 'action', action: { order_details: interactiveParameters } }] },
				],
			},
		});
		expect(validateOrderDetails(message, now)).toEqual({ valid: true, errors: [] });
	});

	it('has only the button when there are no body parameters or header', () => {
		const { bodyParameters: _b, headerImageUrl: _h, ...bare } = templateInput;
		const message = buildOrderDetailsTemplateMessage(bare, now) as Json;
		expect(message.template.components.map((c: Json) => c.type)).toEqual(['button']);
	});

	it('body values: numbers are written as text; anything else is refused naming the value, as is a list that is not one', () => {
		const body = (bodyParameters: unknown) => (buildOrderDetailsTemplateMessage({ ...templateInput, bodyParameters } as typeof templateInput, now) as Json).template.components[0];
		expect(body(['Asha', 1001])).toEqual({ type: 'body', parameters: [{ type: 'text', text: 'Asha' }, { type: 'text', text: '1001' }] });
		expect(() => body(['Asha', null])).toThrow('Invalid order input: /bodyParameters/1: must be text (the value of {{2}}), not null');
		expect(() => body('Asha')).toThrow('Invalid order input: /bodyParameters: must be a list of texts, one per {{n}} of the template body');
		expect(body(null).type).toBe('header');
	});

	it('validates the template message it builds', () => {
		expect(() => buildOrderDetailsTemplateMessage({ ...templateInput, templateName: '' }, now)).toThrow(OrderValidationError);
		try {
			buildOrderDetailsTemplateMessage({ ...templateInput, referenceId: 'bad id' }, now);
		} catch (e) {
			expect((e as OrderValidationError).errors.map((x) => x.path)).toEqual(['/template/components/2/parameters/0/action/order_details/reference_id']);
		}
		expect.assertions(2);
	});
});
