/* eslint-disable @typescript-eslint/no-explicit-any -- test data of any shape */
/**
 * Checkout button templates (checkout-button-templates.md § Send a checkout button template, § Multiple products,
 * § Checkout buttons): the page's example is valid and is what the builder makes of a shop's input; one product is
 * the single-product template, 2 to 10 a carousel; every rule the page adds to order_details names its field.
 */
import { readCheckoutRequest, repriceCheckoutOrder, validateCheckoutAnswer } from '../../core/checkout';
import { buildCheckoutTemplateMessage, checkoutOrdersOf, isCheckoutCarousel, validateCheckoutTemplateMessage, type CheckoutProductInput, type CheckoutTemplateInput } from '../../core/checkoutTemplate';
import { OrderValidationError } from '../../core/errors';
import type { ValidationError } from '../../core/types';
import { docSample, SAMPLE_TITLE } from '../fixtures/checkout';

type Json = Record<string, any>;
/** An hour before the page's example expires (1726627150). */
const now = { now: () => (1726627150 - 3600) * 1000 };
const pageExample = () => docSample('Send a checkout button template › Example request') as Json;
const pathsAndRules = (errors: ValidationError[]) => errors.map(({ path, rule }) => ({ path, rule }));

function buildErrors(input: CheckoutTemplateInput): Array<Pick<ValidationError, 'path' | 'rule'>> {
	try {
		buildCheckoutTemplateMessage(input, now);
	} catch (e) {
		expect(e).toBeInstanceOf(OrderValidationError);
		return pathsAndRules((e as OrderValidationError).errors);
	}
	throw new Error('the build did not throw');
}

/** The page's product, as a shop owner fills it in (rupees). */
const product = (over: Partial<CheckoutProductInput> = {}): CheckoutProductInput => ({
	referenceId: 'abc.123_xyz-1',
	goodsType: 'physical-goods',
	header: { format: 'image', id: '1558081531584829' },
	items: [
		{
			name: 'Blue Elf Aloe',
			amount: 2000,
			saleAmount: 1500,
			quantity: 1,
			countryOfOrigin: 'India',
			importerName: 'Lucky Shrub Imports and Exports',
			importerAddress: { addressLine1: 'One BKC', addressLine2: 'Bandra Kurla Complex', city: 'Mumbai', zoneCode: 'MH', postalCode: '400051', countryCode: 'IN' },
		},
	],
	shipping: { amount: 200 },
	tax: { amount: 100 },
	discount: { amount: 150, description: 'Additional 10% off' },
	expiration: { timestamp: 1726627150 },
	shippingInfo: {
		addresses: [
			{ name: 'Nidhi Tripathi', phoneNumber: '919000090000', address: 'Bandra Kurla Complex', city: 'Mumbai', state: 'Maharastra', inPinCode: '400051', houseNumber: '12', towerNumber: '5', buildingName: 'One BKC', landmarkArea: 'Near BKC Circle' },
		],
	},
	...over,
});

const input = (over: Partial<CheckoutTemplateInput> = {}): CheckoutTemplateInput => ({
	to: '+16505551234',
	templateName: 'item_back_in_stock_v2',
	languageCode: 'en_US',
	bodyParameters: ['Nidhi', 'Blue Elf Aloe'],
	payment: { gateway: 'razorpay', configurationName: 'prod-razor-pay-config-05' },
	products: [product()],
	...over,
});

describe('checkout-button-templates.md § Send a checkout button template', () => {
	it('the page\'s example request is a valid checkout button template message', () => {
		expect(validateCheckoutTemplateMessage(pageExample(), now)).toEqual({ valid: true, errors: [] });
	});

	it('builds the page\'s example request from a shop\'s input (amounts in rupees)', () => {
		expect(buildCheckoutTemplateMessage(input(), now)).toEqual(pageExample());
	});

	it('finds the order on the checkout button', () => {
		expect(checkoutOrdersOf(pageExample())).toEqual([{ path: '/template/components/2/parameters/0/action/order_details', parameters: pageExample().template.components[2].parameters[0].action.order_details }]);
		expect(isCheckoutCarousel(pageExample())).toBe(false);
	});

	it('sends a video header by link and quick-reply payloads after the checkout button', () => {
		const message = buildCheckoutTemplateMessage(input({ products: [product({ header: { format: 'video', link: 'https://shop.example/aloe.mp4' } })], quickReplyPayloads: ['opt-out'] }), now) as Json;
		expect(message.template.components[0]).toEqual({ type: 'header', parameters: [{ type: 'video', video: { link: 'https://shop.example/aloe.mp4' } }] });
		expect(message.template.components[3]).toEqual({ type: 'button', sub_type: 'quick_reply', index: 1, parameters: [{ type: 'payload', payload: 'opt-out' }] });
	});

	it.each<[string, (m: Json) => void, Array<Pick<ValidationError, 'path' | 'rule'>>]>([
		['a gateway the page does not list (BillDesk)', (m) => (m.template.components[2].parameters[0].action.order_details.payment_settings[0].payment_gateway.type = 'billdesk'), [{ path: '/template/components/2/parameters/0/action/order_details/payment_settings/0/payment_gateway/type', rule: 'checkout_payment' }]],
		['a UPI intent link instead of a payment gateway', (m) => (m.template.components[2].parameters[0].action.order_details.payment_settings = [{ type: 'upi_intent_link', upi_intent_link: { link: 'upi://pay?pa=x@y' } }]), [{ path: '/template/components/2/parameters/0/action/order_details/payment_settings', rule: 'checkout_payment' }]],
		['physical goods without shipping_info', (m) => delete m.template.components[2].parameters[0].action.order_details.shipping_info, [{ path: '/template/components/2/parameters/0/action/order_details/shipping_info', rule: 'shipping_info' }]],
		['no header', (m) => m.template.components.shift(), [{ path: '/template/components', rule: 'header' }]],
		['a document header', (m) => (m.template.components[0].parameters = [{ type: 'document', document: { id: '1' } }]), [{ path: '/template/components/0/parameters/0/type', rule: 'header' }]],
		['a header with neither id nor link', (m) => (m.template.components[0].parameters = [{ type: 'image', image: {} }]), [{ path: '/template/components/0/parameters/0/image', rule: 'header' }]],
		['the checkout button not first', (m) => (m.template.components[2].index = 1), [{ path: '/template/components/2/index', rule: 'checkout_button' }]],
		['ten quick replies', (m) => m.template.components.push(...Array.from({ length: 10 }, (_, i) => ({ type: 'button', sub_type: 'quick_reply', index: i + 1, parameters: [{ type: 'payload', payload: 'x' }] }))), [{ path: '/template/components', rule: 'quick_reply' }]],
		['a body parameter of another type', (m) => (m.template.components[1].parameters[0] = { type: 'image', image: { id: '1' } }), [{ path: '/template/components/1/parameters/0/type', rule: 'body_parameter' }]],
		// <MESSAGE_BODY_TEXT_VARIABLE>: "no maximum character limit on this value, but it does count against the message body text limit of 1024 characters".
		['body variables of more than 1024 characters together', (m) => (m.template.components[1].parameters = [{ type: 'text', text: 'x'.repeat(600) }, { type: 'text', text: '€'.repeat(425) }]), [{ path: '/template/components/1/parameters', rule: 'maxLength' }]],
		['101 of the item', (m) => {
			const order = m.template.components[2].parameters[0].action.order_details;
			order.order.items[0].quantity = 101;
			order.order.subtotal.value = 150000 * 101;
			order.total_amount.value = 150000 * 101 + 20000 + 10000 - 15000;
		}, [{ path: '/template/components/2/parameters/0/action/order_details/order/items/0/quantity', rule: 'quantity' }]],
		['two products on one checkout button (§ Checkout buttons: each corresponds to a single product)', (m) => {
			const order = m.template.components[2].parameters[0].action.order_details;
			order.order.items.push({ ...order.order.items[0], name: 'Snake Plant' });
			order.order.subtotal.value *= 2;
			order.total_amount.value += 150000;
		}, [{ path: '/template/components/2/parameters/0/action/order_details/order/items', rule: 'checkout_product' }]],
		['an order without shipping (Required on this page, optional in order_details)', (m) => {
			const order = m.template.components[2].parameters[0].action.order_details;
			order.total_amount.value -= order.order.shipping.value;
			delete order.order.shipping;
		}, [{ path: '/template/components/2/parameters/0/action/order_details/order/shipping', rule: 'required' }]],
		['a discount above the subtotal (<DISCOUNT_AMOUNT> "applies to the order subtotal"), though within subtotal + tax + shipping', (m) => {
			const order = m.template.components[2].parameters[0].action.order_details;
			order.order.discount.value = order.order.subtotal.value + 1;
			order.total_amount.value = order.order.tax.value + order.order.shipping.value - 1;
		}, [{ path: '/template/components/2/parameters/0/action/order_details/order/discount', rule: 'discount' }]],
		['a discount above subtotal + tax + shipping: reported once', (m) => {
			const order = m.template.components[2].parameters[0].action.order_details;
			order.order.discount.value = order.order.subtotal.value + order.order.tax.value + order.order.shipping.value + 1;
		}, [{ path: '/template/components/2/parameters/0/action/order_details/order/discount', rule: 'discount' }]],
		['an importer PIN of 5 digits', (m) => (m.template.components[2].parameters[0].action.order_details.order.items[0].importer_address.postal_code = '40005'), [{ path: '/template/components/2/parameters/0/action/order_details/order/items/0/importer_address/postal_code', rule: 'postal_code' }]],
		['an importer PIN with a space', (m) => (m.template.components[2].parameters[0].action.order_details.order.items[0].importer_address.postal_code = '400 051'), [{ path: '/template/components/2/parameters/0/action/order_details/order/items/0/importer_address/postal_code', rule: 'postal_code' }]],
		['an importer state named in words', (m) => (m.template.components[2].parameters[0].action.order_details.order.items[0].importer_address.zone_code = 'Maharashtra'), [{ path: '/template/components/2/parameters/0/action/order_details/order/items/0/importer_address/zone_code', rule: 'zone_code' }]],
		['an importer in another country (the page fixes country_code to "IN")', (m) => (m.template.components[2].parameters[0].action.order_details.order.items[0].importer_address.country_code = 'US'), [{ path: '/template/components/2/parameters/0/action/order_details/order/items/0/importer_address/country_code', rule: 'country_code' }]],
		['an importer country code in words: the schema names it, once', (m) => (m.template.components[2].parameters[0].action.order_details.order.items[0].importer_address.country_code = 'India'), [{ path: '/template/components/2/parameters/0/action/order_details/order/items/0/importer_address/country_code', rule: 'pattern' }]],
		['an importer address without zone_code (Required here, optional in order_details)', (m) => delete m.template.components[2].parameters[0].action.order_details.order.items[0].importer_address.zone_code, [{ path: '/template/components/2/parameters/0/action/order_details/order/items/0/importer_address/zone_code', rule: 'required' }]],
		['an expiration under 5 minutes ahead (the order_details rule)', (m) => (m.template.components[2].parameters[0].action.order_details.order.expiration.timestamp = String(1726627150 - 3600 + 60)), [{ path: '/template/components/2/parameters/0/action/order_details/order/expiration/timestamp', rule: 'expiration' }]],
	])('refuses %s, naming the field', (_, spoil, expected) => {
		const message = pageExample();
		spoil(message);
		expect(pathsAndRules(validateCheckoutTemplateMessage(message, now).errors)).toEqual(expected);
	});

	it('takes body variables of up to 1024 characters together (counted in characters, as WhatsApp counts)', () => {
		const message = pageExample();
		message.template.components[1].parameters = [{ type: 'text', text: 'x'.repeat(600) }, { type: 'text', text: '€'.repeat(424) }];
		expect(validateCheckoutTemplateMessage(message, now).errors).toEqual([]);
	});

	it('free shipping: a product without a shipping cost is sent with shipping 0', () => {
		const message = buildCheckoutTemplateMessage(input({ products: [product({ shipping: undefined })] }), now) as Json;
		const order = message.template.components[2].parameters[0].action.order_details;
		expect(order.order.shipping).toEqual({ value: 0, offset: 100 });
		expect(order.total_amount.value).toBe(pageExample().template.components[2].parameters[0].action.order_details.total_amount.value - 20000);
	});

	it('an importer outside India given to the builder is refused, naming the order\'s country_code', () => {
		const abroad = product({ items: [{ ...product().items![0], importerAddress: { ...product().items![0].importerAddress!, countryCode: 'US' } }] });
		expect(buildErrors(input({ products: [abroad] }))).toEqual([{ path: '/template/components/2/parameters/0/action/order_details/order/items/0/importer_address/country_code', rule: 'country_code' }]);
	});

	it('an input error names the product\'s field; a gateway the page does not list names the input', () => {
		const noImporter = product();
		delete noImporter.items?.[0].importerName;
		expect(buildErrors(input({ products: [noImporter] }))).toEqual([{ path: '/template/components/2/parameters/0/action/order_details/order/items/0/importer_name', rule: 'required' }]);
		expect(buildErrors(input({ products: [product({ items: [{ ...product().items![0], quantity: 0 }] })] }))).toEqual([{ path: '/products/0/items/0/quantity', rule: 'quantity' }]);
		expect(buildErrors(input({ payment: { gateway: 'billdesk' as never, configurationName: 'x' } }))).toEqual([{ path: '/payment/gateway', rule: 'checkout_payment' }]);
		expect(buildErrors(input({ products: [product({ header: { format: 'image' } })] }))).toEqual([{ path: '/products/0/header', rule: 'header' }]);
	});
});

describe('checkout-button-templates.md § Multiple products (a media card carousel, one checkout button per card)', () => {
	const carousel = () => input({ bodyParameters: ['Nidhi'], products: [product({ referenceId: 'aloe-1' }), product({ referenceId: 'snake-1', header: { format: 'image', link: 'https://shop.example/snake.jpg' } })] });

	it('2 products: a carousel of 2 cards, each its header and its checkout button first, each order valid', () => {
		const message = buildCheckoutTemplateMessage(carousel(), now) as Json;
		expect(message.template.components.map((c: Json) => c.type)).toEqual(['body', 'carousel']);
		const cards = message.template.components[1].cards;
		expect(cards.map((c: Json) => [c.card_index, c.components.map((k: Json) => k.type), c.components[1].index])).toEqual([
			[0, ['header', 'button'], 0],
			[1, ['header', 'button'], 0],
		]);
		expect(checkoutOrdersOf(message).map((o) => [o.path, o.parameters.reference_id])).toEqual([
			['/template/components/1/cards/0/components/1/parameters/0/action/order_details', 'aloe-1'],
			['/template/components/1/cards/1/components/1/parameters/0/action/order_details', 'snake-1'],
		]);
		expect(isCheckoutCarousel(message)).toBe(true);
		expect(validateCheckoutTemplateMessage(message, now)).toEqual({ valid: true, errors: [] });
	});

	it('refuses a reference_id used by two cards, a card without its header, a card index out of order, one card', () => {
		const message = buildCheckoutTemplateMessage(carousel(), now) as Json;
		const cards = message.template.components[1].cards;
		cards[1].components[1].parameters[0].action.order_details.reference_id = 'aloe-1';
		cards[1].components.shift();
		cards[0].card_index = 3;
		expect(pathsAndRules(validateCheckoutTemplateMessage(message, now).errors)).toEqual([
			{ path: '/template/components/1/cards/0/card_index', rule: 'carousel' },
			{ path: '/template/components/1/cards/1/components', rule: 'header' },
			{ path: '/template/components/1/cards/1/components/0/parameters/0/action/order_details/reference_id', rule: 'unique' },
		]);
		message.template.components[1].cards = [cards[0]];
		expect(pathsAndRules(validateCheckoutTemplateMessage(message, now).errors)).toContainEqual({ path: '/template/components/1/cards', rule: 'carousel' });
	});

	it('refuses 11 products, a carousel of one and quick replies on a carousel before building', () => {
		expect(buildErrors(input({ products: Array.from({ length: 11 }, (_, i) => product({ referenceId: `p-${i}` })) }))).toEqual([{ path: '/products', rule: 'carousel' }]);
		expect(buildErrors({ ...carousel(), quickReplyPayloads: ['stop'] })).toEqual([{ path: '/quickReplyPayloads', rule: 'quick_reply' }]);
		expect(buildErrors({ ...carousel(), products: [product()], carousel: true })).toEqual([{ path: '/products', rule: 'carousel' }]);
	});

	it('an order rule broken on a card names the card\'s order', () => {
		const message = buildCheckoutTemplateMessage(carousel(), now) as Json;
		message.template.components[1].cards[1].components[1].parameters[0].action.order_details.total_amount.value = 1;
		expect(pathsAndRules(validateCheckoutTemplateMessage(message, now).errors)).toEqual([{ path: '/template/components/1/cards/1/components/1/parameters/0/action/order_details/total_amount', rule: 'total_amount' }]);
	});
});

describe('checkout-button-templates.md § Post body parameters: <DISCOUNT_AMOUNT> "applies to the order subtotal", on the button and in the checkout endpoint\'s answers', () => {
	it('a re-priced order whose discount exceeds the subtotal is refused naming the discount; one within it is the answer', () => {
		const request = readCheckoutRequest(docSample(`${SAMPLE_TITLE.apply_shipping} - endpoint sample request`));
		if (request.kind !== 'sub_action') throw new Error('not a sub-action');
		const withDiscount = (value: number) => {
			const orderDetails = JSON.parse(JSON.stringify(request.orderDetails)) as Json;
			orderDetails.order.discount = { value, offset: 100 };
			return repriceCheckoutOrder(request, { orderDetails });
		};
		const subtotal = (withDiscount(0) as Json).order.subtotal.value as number;
		expect(validateCheckoutAnswer(request, { order_details: withDiscount(subtotal) }).errors).toEqual([]);
		expect(validateCheckoutAnswer(request, { order_details: withDiscount(subtotal + 1) }).errors).toEqual([
			{ path: '/data/order_details/order/discount', message: `must not exceed the subtotal (${(subtotal / 100).toFixed(2)}): on a checkout button order the discount applies to the order subtotal`, rule: 'discount' },
		]);
	});
});
