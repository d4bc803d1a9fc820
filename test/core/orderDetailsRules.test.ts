/* eslint-disable @typescript-eslint/no-explicit-any, no-constant-binary-expression -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Every order_details rule, one breaking case each (table-driven) and the passing boundary where there
 * is one. Parameters are validated alone (paths from the parameters' root) unless a test says otherwise.
 */
import { validateOrderDetails } from '../../core/orderDetails';
import { EXPIRATION_CHECK_MARGIN_SECONDS, EXPIRATION_SEND_MARGIN_SECONDS, expirationAfter, MIN_EXPIRATION_SECONDS } from '../../core/orderRules';
import type { ValidationError } from '../../core/types';
import { brazilParameters, FIXTURE_NOW_MS, fixtureNow, indiaParameters, paymentVariantMessages } from '../fixtures/orders';

type Json = Record<string, any>;
const now = { now: fixtureNow };

const offsiteCard = () => ({ type: 'offsite_card_pay', offsite_card_pay: { last_four_digits: '4242', credential_id: 'cred-77' } });
const india = (change: (p: Json) => void): Json => {
	const p = indiaParameters();
	change(p);
	return p;
};
const brazil = (change: (p: Json) => void): Json => {
	const p = brazilParameters([offsiteCard()]);
	change(p);
	return p;
};
const settingOf = (key: string) => (paymentVariantMessages()[key] as Json).interactive.action.parameters.payment_settings[0];
/** An India order paid by this UPI intent (the fixture's total is 115360 paise, ₹1,153.60). */
const upiIntent = (link: string): Json => india((p) => (p.payment_settings = [{ type: 'upi_intent_link', upi_intent_link: { link } }]));
/** A Brazil order paid by Pix with this key and key type. */
const pixKey = (key: string, keyType: string): Json =>
	brazil((p) => (p.payment_settings = [{ type: 'pix_dynamic_code', pix_dynamic_code: { ...settingOf('brazil/pix_dynamic_code').pix_dynamic_code, key, key_type: keyType } }]));
/** An India UPI intent order naming the payment configuration of the intent's VPA (and payment_type, when given). */
const upiIntentWith = (configuration: string, paymentType?: string): Json =>
	india((p) => {
		p.payment_settings = [{ type: 'upi_intent_link', upi_intent_link: { link: 'upi://pay?pa=abc@psp&pn=ABC&tr=877376394' } }];
		p.payment_configuration = configuration;
		if (paymentType !== undefined) p.payment_type = paymentType;
	});
const gateway = (p: Json) => p.payment_settings[0].payment_gateway;
const item = (p: Json, i = 0) => p.order.items[i];
/** An India order (no catalog, no retailer ids) of n items of 1.00, each with an image. */
function withImageItems(n: number): Json {
	return india((p) => {
		const template = item(p);
		p.order.items = Array.from({ length: n }, (_, i) => ({
			name: `n${i}`,
			amount: { value: 100, offset: 100 },
			quantity: 1,
			country_of_origin: template.country_of_origin,
			importer_name: template.importer_name,
			importer_address: template.importer_address,
			image: { link: `https://img.example/${i}.png` },
		}));
		p.order.subtotal.value = n * 100;
		p.total_amount.value = n * 100 + 18360 + 5000 - 10000;
	});
}
/** A buyer address as checkout-button-templates.md sends it. */
const shippingInfo = (): Json => ({
	country: 'IN',
	addresses: [{ name: 'Nidhi Tripathi', phone_number: '919000090000', address: 'Bandra Kurla Complex', city: 'Mumbai', state: 'Maharashtra', in_pin_code: '400051', house_number: '12', tower_number: '5', building_name: 'One BKC', landmark_area: 'Near BKC Circle' }],
});
const tpv = (type: string): Json => ({ type, [type]: { encrypted_payment_gateway_data: 'ZW5jcnlwdGVk' } });
/** An India gateway order of ₹5,00,000.01 with the given enabled_payment_options. */
const upiLimit = (options: string[] | undefined): Json =>
	india((p) => {
		if (options) gateway(p).enabled_payment_options = options;
		p.order.tax.value += 50_000_000 - 115_360 + 1;
		p.total_amount.value = 50_000_001;
	});
const errorsOf = (x: unknown): Array<Pick<ValidationError, 'path' | 'rule'>> => validateOrderDetails(x, now).errors.map(({ path, rule }) => ({ path, rule }));

const breaking: Array<[string, Json, string, string]> = [
	// shape (schema)
	['reference_id missing', india((p) => delete p.reference_id), '/reference_id', 'required'],
	['reference_id empty', india((p) => (p.reference_id = '')), '/reference_id', 'minLength'],
	['goods type unknown', india((p) => (p.type = 'services')), '/type', 'enum'],
	['currency unknown', india((p) => (p.currency = 'USD')), '/currency', 'enum'],
	['unknown top-level field', india((p) => (p.note = 'x')), '/note', 'additionalProperties'],
	['total_amount missing', india((p) => delete p.total_amount), '/total_amount', 'required'],
	['total_amount zero', india((p) => (p.total_amount.value = 0)), '/total_amount/value', 'minimum'],
	['offset not 100', india((p) => (item(p).amount.offset = 1000)), '/order/items/0/amount/offset', 'const'],
	['amount value fractional', india((p) => (item(p).amount.value = 50000.5)), '/order/items/0/amount/value', 'type'],
	['amount value negative', india((p) => (p.order.shipping.value = -1)), '/order/shipping/value', 'minimum'],
	['amount value a string', india((p) => (p.order.tax.value = '18360')), '/order/tax/value', 'type'],
	['order missing', india((p) => delete p.order), '/order', 'required'],
	['order status not pending', india((p) => (p.order.status = 'processing')), '/order/status', 'const'],
	['order type unknown', india((p) => (p.order.type = 'slow_pay')), '/order/type', 'const'],
	['items empty', india((p) => (p.order.items = [])), '/order/items', 'minItems'],
	['item name missing', india((p) => delete item(p).name), '/order/items/0/name', 'required'],
	['item name over 60', india((p) => (item(p).name = 'x'.repeat(61))), '/order/items/0/name', 'maxLength'],
	['quantity zero', india((p) => (item(p, 1).quantity = 0)), '/order/items/1/quantity', 'minimum'],
	[
		'item amount zero (sums kept right)',
		india((p) => {
			const line = item(p, 1);
			const price = (line.sale_amount ?? line.amount).value * line.quantity;
			delete line.sale_amount;
			line.amount.value = 0;
			p.order.subtotal.value -= price;
			p.total_amount.value -= price;
		}),
		'/order/items/1/amount/value',
		'minimum',
	],
	['quantity fractional', india((p) => (item(p, 1).quantity = 1.5)), '/order/items/1/quantity', 'type'],
	['unknown item field', india((p) => (item(p).description = 'Loose leaf')), '/order/items/0/description', 'additionalProperties'],
	['importer address without city', india((p) => delete item(p).importer_address.city), '/order/items/0/importer_address/city', 'required'],
	['importer country_code not ISO', india((p) => (item(p).importer_address.country_code = 'India')), '/order/items/0/importer_address/country_code', 'pattern'],
	['item image not http(s)', india((p) => (item(p).image = { link: 'ftp://x/a.png' })), '/order/items/0/image/link', 'pattern'],
	['subtotal missing', india((p) => delete p.order.subtotal), '/order/subtotal', 'required'],
	['tax missing', india((p) => delete p.order.tax), '/order/tax', 'required'],
	['tax description over 60', india((p) => (p.order.tax.description = 'x'.repeat(61))), '/order/tax/description', 'maxLength'],
	['shipping description over 60', india((p) => (p.order.shipping.description = 'x'.repeat(61))), '/order/shipping/description', 'maxLength'],
	['discount description over 60', india((p) => (p.order.discount.description = 'x'.repeat(61))), '/order/discount/description', 'maxLength'],
	['discount_program_name over 60', india((p) => (p.order.discount.discount_program_name = 'x'.repeat(61))), '/order/discount/discount_program_name', 'maxLength'],
	['expiration description over 120', india((p) => (p.order.expiration.description = 'x'.repeat(121))), '/order/expiration/description', 'maxLength'],
	['expiration timestamp a number', india((p) => (p.order.expiration.timestamp = Number(p.order.expiration.timestamp))), '/order/expiration/timestamp', 'type'],
	['expiration timestamp not digits', india((p) => (p.order.expiration.timestamp = 'utc_timestamp_in_seconds')), '/order/expiration/timestamp', 'pattern'],
	['expiration timestamp missing', india((p) => delete p.order.expiration.timestamp), '/order/expiration/timestamp', 'required'],
	['beneficiary postal code not 6 digits', india((p) => (p.beneficiaries[0].postal_code = '70001')), '/beneficiaries/0/postal_code', 'pattern'],
	['beneficiary country not India', india((p) => (p.beneficiaries[0].country = 'Nepal')), '/beneficiaries/0/country', 'const'],
	['beneficiary state missing', india((p) => delete p.beneficiaries[0].state), '/beneficiaries/0/state', 'required'],
	['payment setting type unknown', india((p) => (p.payment_settings[0].type = 'cash')), '/payment_settings/0/type', 'enum'],
	['payment_settings empty', india((p) => (p.payment_settings = [])), '/payment_settings', 'minItems'],
	['gateway type unknown', india((p) => (gateway(p).type = 'stripe')), '/payment_settings/0/payment_gateway/type', 'enum'],
	['configuration_name over 60', india((p) => (gateway(p).configuration_name = 'x'.repeat(61))), '/payment_settings/0/payment_gateway/configuration_name', 'maxLength'],
	['configuration_name missing', india((p) => delete gateway(p).configuration_name), '/payment_settings/0/payment_gateway/configuration_name', 'required'],
	['payment_gateway object missing', india((p) => delete p.payment_settings[0].payment_gateway), '/payment_settings/0/payment_gateway', 'required'],
	['razorpay receipt over 40', india((p) => (gateway(p).razorpay.receipt = 'x'.repeat(41))), '/payment_settings/0/payment_gateway/razorpay/receipt', 'maxLength'],
	['razorpay notes over 15 keys', india((p) => (gateway(p).razorpay.notes = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v'])))), '/payment_settings/0/payment_gateway/razorpay/notes', 'maxProperties'],
	['razorpay note over 256', india((p) => (gateway(p).razorpay.notes.customer = 'x'.repeat(257))), '/payment_settings/0/payment_gateway/razorpay/notes/customer', 'maxLength'],
	['payu udf over 255', india((p) => (p.payment_settings = [settingOf('india/payu')]) && (gateway(p).payu.udf3 = 'x'.repeat(256))), '/payment_settings/0/payment_gateway/payu/udf3', 'maxLength'],
	['zaakpay extra over 180', india((p) => (p.payment_settings = [settingOf('india/zaakpay')]) && (gateway(p).zaakpay.extra2 = 'x'.repeat(181))), '/payment_settings/0/payment_gateway/zaakpay/extra2', 'maxLength'],
	['billdesk info over 120', india((p) => (p.payment_settings = [settingOf('india/billdesk')]) && (gateway(p).billdesk.additional_info1 = 'x'.repeat(121))), '/payment_settings/0/payment_gateway/billdesk/additional_info1', 'maxLength'],
	['billdesk unknown field', india((p) => (p.payment_settings = [settingOf('india/billdesk')]) && (gateway(p).billdesk.additional_info8 = 'x')), '/payment_settings/0/payment_gateway/billdesk/additional_info8', 'additionalProperties'],
	['upi intent link charging another amount than the total', upiIntent('upi://pay?pa=abc@psp&pn=ABC&tr=877376394&am=10.00&cu=INR'), '/payment_settings/0/upi_intent_link/link', 'upi_intent_amount'],
	['upi intent link with an unreadable am', upiIntent('upi://pay?pa=abc@psp&tr=877376394&am=1,153.60'), '/payment_settings/0/upi_intent_link/link', 'upi_intent_amount'],
	['upi intent link in another currency', upiIntent('upi://pay?pa=abc@psp&tr=877376394&am=1153.60&cu=USD'), '/payment_settings/0/upi_intent_link/link', 'upi_intent_amount'],
	['upi intent link not upi://pay', india((p) => (p.payment_settings = [{ type: 'upi_intent_link', upi_intent_link: { link: 'https://pay.example/x' } }])), '/payment_settings/0/upi_intent_link/link', 'pattern'],
	['payment link not https', brazil((p) => (p.payment_settings = [{ type: 'payment_link', payment_link: { uri: 'http://pay.example/x' } }])), '/payment_settings/0/payment_link/uri', 'pattern'],
	['pix object missing', brazil((p) => (p.payment_settings = [{ type: 'pix_dynamic_code' }])), '/payment_settings/0/pix_dynamic_code', 'required'],
	['pix key_type unknown', brazil((p) => (p.payment_settings = [settingOf('brazil/pix_dynamic_code')]) && (p.payment_settings[0].pix_dynamic_code.key_type = 'IBAN')), '/payment_settings/0/pix_dynamic_code/key_type', 'enum'],
	['pix merchant_name missing', brazil((p) => (p.payment_settings = [settingOf('brazil/pix_dynamic_code')]) && delete p.payment_settings[0].pix_dynamic_code.merchant_name), '/payment_settings/0/pix_dynamic_code/merchant_name', 'required'],
	['boleto digitable_line missing', brazil((p) => (p.payment_settings = [{ type: 'boleto', boleto: {} }])), '/payment_settings/0/boleto/digitable_line', 'required'],
	['offsite_card_pay credential_id missing', brazil((p) => delete p.payment_settings[0].offsite_card_pay.credential_id), '/payment_settings/0/offsite_card_pay/credential_id', 'required'],
	['offsite_card_pay last four not 4 digits', brazil((p) => (p.payment_settings[0].offsite_card_pay.last_four_digits = '52a5')), '/payment_settings/0/offsite_card_pay/last_four_digits', 'pattern'],
	// rules (core/orderRules.ts)
	['reference_id with a space', india((p) => (p.reference_id = 'IN ORDER')), '/reference_id', 'reference_id'],
	['reference_id over 35 in India', india((p) => (p.reference_id = 'x'.repeat(36))), '/reference_id', 'reference_id'],
	['reference_id over 60 in Brazil', brazil((p) => (p.reference_id = 'x'.repeat(61))), '/reference_id', 'reference_id'],
	['reference_id of dots only', india((p) => (p.reference_id = '..')), '/reference_id', 'reference_id'],
	['reference_id of one dot', india((p) => (p.reference_id = '.')), '/reference_id', 'reference_id'],
	['beneficiaries in Brazil', brazil((p) => (p.beneficiaries = [{ name: 'A', address_line1: 'R 1', city: 'SP', state: 'SP', country: 'India', postal_code: '123456' }])), '/beneficiaries', 'market'],
	['India item without importer_name (no catalog)', india((p) => delete item(p, 1).importer_name), '/order/items/1/importer_name', 'required'],
	['India item without country_of_origin (no catalog)', india((p) => delete item(p).country_of_origin), '/order/items/0/country_of_origin', 'required'],
	['India item without importer_address (no catalog)', india((p) => delete item(p).importer_address), '/order/items/0/importer_address', 'required'],
	['India catalog item without retailer_id', india((p) => (p.order.catalog_id = 'cat-1') && delete item(p).retailer_id), '/order/items/0/retailer_id', 'required'],
	['Brazil item without retailer_id', brazil((p) => delete item(p, 1).retailer_id), '/order/items/1/retailer_id', 'required'],
	// India-only fields: Brazil's objects do not list them (brazil-orders.md § Order object, § Item object; brazil-payment-links.md § Payment link object)
	['Brazil item with an image', brazil((p) => (item(p).image = { link: 'https://img.example/1.png' })), '/order/items/0/image', 'market'],
	['Brazil quick_pay order', brazil((p) => (p.order.type = 'quick_pay')), '/order/type', 'market'],
	['Brazil payment link with success_url', brazil((p) => (p.payment_settings = [{ type: 'payment_link', payment_link: { uri: 'https://pay.example/1', success_url: 'https://shop.example/ok' } }])), '/payment_settings/0/payment_link/success_url', 'market'],
	['Brazil payment link with cancel_url', brazil((p) => (p.payment_settings = [{ type: 'payment_link', payment_link: { uri: 'https://pay.example/1', cancel_url: 'https://shop.example/no' } }])), '/payment_settings/0/payment_link/cancel_url', 'market'],
	['Brazil item with country_of_origin', brazil((p) => (item(p, 1).country_of_origin = 'India')), '/order/items/1/country_of_origin', 'market'],
	['Brazil item with importer_name', brazil((p) => (item(p).importer_name = 'Acme Imports')), '/order/items/0/importer_name', 'market'],
	['Brazil item with importer_address', brazil((p) => (item(p).importer_address = { address_line1: 'R 1', city: 'SP', postal_code: '01000', country_code: 'BR' })), '/order/items/0/importer_address', 'market'],
	['sale_amount equal to amount', india((p) => (item(p).sale_amount.value = 50000) && (p.order.subtotal.value = 112000) && (p.total_amount.value = 125360)), '/order/items/0/sale_amount', 'sale_amount'],
	['subtotal off by one', india((p) => (p.order.subtotal.value += 1) && (p.total_amount.value += 1)), '/order/subtotal', 'subtotal'],
	// brazil-orders.md § Order object: the subtotal counts an item's sale_amount when given (India also accepts amount alone)
	['Brazil subtotal ignoring sale_amount', brazil((p) => (p.order.subtotal.value = 19000) && (p.total_amount.value = 19000)), '/order/subtotal', 'subtotal'],
	['total off by one', india((p) => (p.total_amount.value -= 1)), '/total_amount', 'total_amount'],
	['total without the discount', india((p) => (p.total_amount.value += 10000)), '/total_amount', 'total_amount'],
	['discount beyond the order', india((p) => (p.order.discount.value = 200000)), '/order/discount', 'discount'],
	['Brazil without payment_type', brazil((p) => delete p.payment_type), '/payment_type', 'payment_type'],
	['Brazil with payment_type upi', brazil((p) => (p.payment_type = 'upi')), '/payment_type', 'payment_type'],
	['India with payment_type br', india((p) => (p.payment_type = 'br')), '/payment_type', 'payment_type'],
	['India payment_link without payment_type upi', india((p) => (p.payment_settings = [settingOf('india/payment_link')])), '/payment_type', 'payment_type'],
	['India with two payment settings', india((p) => p.payment_settings.push(settingOf('india/upi_intent_link'))), '/payment_settings', 'payment_settings'],
	['India with a Brazil method', india((p) => (p.payment_settings = [settingOf('brazil/boleto')])), '/payment_settings/0/type', 'payment_settings'],
	['Brazil with an India method', brazil((p) => p.payment_settings.push(settingOf('india/razorpay'))), '/payment_settings/1/type', 'payment_settings'],
	['India without any payment method', india((p) => delete p.payment_settings), '/payment_settings', 'required'],
	['legacy UPI without payment_type', india((p) => delete p.payment_settings && (p.payment_configuration = 'upi-cfg')), '/payment_type', 'payment_type'],
	['legacy UPI in Brazil', brazil((p) => (p.payment_configuration = 'upi-cfg')), '/payment_configuration', 'payment_settings'],
	// The Pix key is shown to the buyer under its key_type (offsite-pix-payments.md § Dynamic Pix code object).
	['a Pix email key sent as a CPF', pixKey('pix@loja.com.br', 'CPF'), '/payment_settings/0/pix_dynamic_code/key_type', 'pix_key'],
	['a Pix CNPJ key sent as a CPF', pixKey('39580525000189', 'CPF'), '/payment_settings/0/pix_dynamic_code/key_type', 'pix_key'],
	['a Pix random key sent as an email', pixKey('123e4567-e89b-12d3-a456-426614174000', 'EMAIL'), '/payment_settings/0/pix_dynamic_code/key_type', 'pix_key'],
	['a Pix key longer than any (77 characters at most)', pixKey(`${'a'.repeat(70)}@loja.com.br`, 'EMAIL'), '/payment_settings/0/pix_dynamic_code/key', 'pix_key'],
	// brazil-orders.md § Expiration object: description Required; an empty one is no explanation.
	['Brazil expiration with an empty description', brazil((p) => (p.order.expiration = { timestamp: String(FIXTURE_NOW_MS / 1000 + 3600), description: '' })), '/order/expiration/description', 'minLength'],
	['setting carrying another variant', brazil((p) => (p.payment_settings[0].boleto = { digitable_line: '1' })), '/payment_settings/0/boleto', 'payment_settings'],
	['gateway carrying another gateway extras', india((p) => (gateway(p).payu = { udf1: 'x' })), '/payment_settings/0/payment_gateway/payu', 'payment_settings'],
	['expiration under 300 s ahead', india((p) => (p.order.expiration.timestamp = String(FIXTURE_NOW_MS / 1000 + 299))), '/order/expiration/timestamp', 'expiration'],
	['expiration exactly 300 s ahead, checked before sending (no time left for the send)', india((p) => (p.order.expiration.timestamp = String(FIXTURE_NOW_MS / 1000 + 300))), '/order/expiration/timestamp', 'expiration'],
	['expiration in the past', india((p) => (p.order.expiration.timestamp = '1700000000')), '/order/expiration/timestamp', 'expiration'],
	['11 items carrying images', withImageItems(11), '/order/items', 'maxItems'],
	// receive-payments-via-payment-gateways-on-whatsapp.md § Step 1 › Order object (items › image)
	['item image with retailer_id', india((p) => (item(p).image = { link: 'https://img.example/1.png' })), '/order/items/0/image', 'image'],
	['item image with catalog_id', india((p) => {
		p.order.catalog_id = 'cat-1';
		delete item(p).retailer_id;
		item(p).image = { link: 'https://img.example/1.png' };
	}), '/order/items/0/image', 'image'],
	['India without the order object', india((p) => delete p.order), '/order', 'required'],
	// brazil-orders.md § Expiration object: description Required
	['Brazil expiration without description', brazil((p) => (p.order.expiration = { timestamp: String(FIXTURE_NOW_MS / 1000 + 3600) })), '/order/expiration/description', 'required'],
	// beneficiaries: name <= 200, address lines <= 100
	['beneficiary name over 200', india((p) => (p.beneficiaries[0].name = 'x'.repeat(201))), '/beneficiaries/0/name', 'maxLength'],
	['beneficiary address_line1 over 100', india((p) => (p.beneficiaries[0].address_line1 = 'x'.repeat(101))), '/beneficiaries/0/address_line1', 'maxLength'],
	['beneficiary address_line2 over 100', india((p) => (p.beneficiaries[0].address_line2 = 'x'.repeat(101))), '/beneficiaries/0/address_line2', 'maxLength'],
	// checkout-button-templates.md § Send a checkout button template › Post body parameters
	['importer address_line1 over 100', india((p) => (item(p).importer_address.address_line1 = 'x'.repeat(101))), '/order/items/0/importer_address/address_line1', 'maxLength'],
	['importer city over 120', india((p) => (item(p).importer_address.city = 'x'.repeat(121))), '/order/items/0/importer_address/city', 'maxLength'],
	['importer_name over 200', india((p) => (item(p).importer_name = 'x'.repeat(201))), '/order/items/0/importer_name', 'maxLength'],
	['country_of_origin over 100', india((p) => (item(p).country_of_origin = 'x'.repeat(101))), '/order/items/0/country_of_origin', 'maxLength'],
	['shipping_info on digital goods', india((p) => (p.type = 'digital-goods') && (p.shipping_info = shippingInfo())), '/shipping_info', 'shipping_info'],
	['shipping_info in Brazil', brazil((p) => (p.type = 'physical-goods') && (p.shipping_info = shippingInfo())), '/shipping_info', 'market'],
	['shipping_info country not IN', india((p) => (p.shipping_info = { ...shippingInfo(), country: 'BR' })), '/shipping_info/country', 'const'],
	['shipping address without in_pin_code', india((p) => (p.shipping_info = shippingInfo()) && delete p.shipping_info.addresses[0].in_pin_code), '/shipping_info/addresses/0/in_pin_code', 'required'],
	['shipping address phone over 12', india((p) => (p.shipping_info = shippingInfo()) && (p.shipping_info.addresses[0].phone_number = '9'.repeat(13))), '/shipping_info/addresses/0/phone_number', 'maxLength'],
	['shipping address name over 256', india((p) => (p.shipping_info = shippingInfo()) && (p.shipping_info.addresses[0].name = 'x'.repeat(257))), '/shipping_info/addresses/0/name', 'maxLength'],
	// india-accept-payments-via-payment-links.md § Payment link object
	['payment link success_url not a URL', india((p) => (p.payment_type = 'upi') && (p.payment_settings = [{ type: 'payment_link', payment_link: { uri: 'https://pay.example/1', success_url: 'done' } }])), '/payment_settings/0/payment_link/success_url', 'pattern'],
	['payment link unknown field', india((p) => (p.payment_type = 'upi') && (p.payment_settings = [{ type: 'payment_link', payment_link: { uri: 'https://pay.example/1', failure_url: 'https://x' } }])), '/payment_settings/0/payment_link/failure_url', 'additionalProperties'],
	// receive-payments-via-payment-gateways-on-whatsapp.md § Restrict available payment options
	['enabled_payment_options unknown', india((p) => (gateway(p).enabled_payment_options = ['card'])), '/payment_settings/0/payment_gateway/enabled_payment_options/0', 'enum'],
	['enabled_payment_options repeated', india((p) => (gateway(p).enabled_payment_options = ['upi', 'upi'])), '/payment_settings/0/payment_gateway/enabled_payment_options', 'enabled_payment_options'],
	['enabled_payment_options empty', india((p) => (gateway(p).enabled_payment_options = [])), '/payment_settings/0/payment_gateway/enabled_payment_options', 'minItems'],
	['UPI over ₹5,00,000', upiLimit(undefined), '/payment_settings/0/payment_gateway/enabled_payment_options', 'upi_limit'],
	['UPI option over ₹5,00,000', upiLimit(['upi', 'web']), '/payment_settings/0/payment_gateway/enabled_payment_options', 'upi_limit'],
	// receive-payments-via-payment-gateways-on-whatsapp.md § Merchant preferred UPI payment method
	['two preferred UPI apps', india((p) => (gateway(p).preferred_payment_methods = [{ method: 'gpay' }, { method: 'bhim' }])), '/payment_settings/0/payment_gateway/preferred_payment_methods', 'maxItems'],
	['preferred UPI app unknown', india((p) => (gateway(p).preferred_payment_methods = [{ method: 'whatsapp' }])), '/payment_settings/0/payment_gateway/preferred_payment_methods/0/method', 'enum'],
	// receive-payments-via-payment-gateways-on-whatsapp.md § Third party validation with Razorpay and PayU
	['TPV setting without its gateway', india((p) => p.payment_settings.push(tpv('payu'))), '/payment_settings/1/type', 'payment_settings'],
	['TPV setting without the data', india((p) => p.payment_settings.push({ type: 'razorpay', razorpay: {} })), '/payment_settings/1/razorpay/encrypted_payment_gateway_data', 'required'],
	['TPV setting in Brazil', brazil((p) => p.payment_settings.push(tpv('razorpay'))), '/payment_settings/1/type', 'payment_settings'],
	['TPV data inside the wrong gateway', india((p) => (gateway(p).payu = { encrypted_payment_gateway_data: 'x' })), '/payment_settings/0/payment_gateway/payu', 'payment_settings'],
];

describe('order_details rules: breaking cases', () => {
	it.each(breaking)('%s', (_name, parameters, path, rule) => {
		expect(errorsOf(parameters)).toEqual([{ path, rule }]);
	});
});

const passing: Array<[string, Json]> = [
	['reference_id with every allowed character', india((p) => (p.reference_id = 'Ab9_.-'))],
	// Only "." and ".." are dot-segments a lookup path would resolve; the page allows any mix of its characters.
	['reference_id of three dots', india((p) => (p.reference_id = '...'))],
	['reference_id of 35 in India', india((p) => (p.reference_id = 'x'.repeat(35)))],
	['reference_id of 60 in Brazil', brazil((p) => (p.reference_id = 'x'.repeat(60)))],
	['item name of 60', india((p) => (item(p).name = 'x'.repeat(60)))],
	['India catalog items need no importer fields', india((p) => {
		p.order.catalog_id = 'cat-1';
		for (const i of p.order.items) for (const k of ['country_of_origin', 'importer_name', 'importer_address']) delete i[k];
	})],
	['India item without retailer_id when no catalog', india((p) => delete item(p).retailer_id)],
	['India tax of 0', india((p) => {
		p.order.tax.value = 0;
		p.total_amount.value -= 18360;
	})],
	['no shipping and no discount', india((p) => delete p.order.shipping && delete p.order.discount && (p.total_amount.value = 120360))],
	['sale_amount one below amount', india((p) => (item(p).sale_amount.value = 49999) && (p.order.subtotal.value = 111998) && (p.total_amount.value = 125358))],
	['discount leaving a total of 0.01', india((p) => {
		p.order.discount.value = 125359;
		p.total_amount.value = 1;
	})],
	['expiration 330 s ahead (the 300 s and 30 s kept for sending)', india((p) => (p.order.expiration.timestamp = String(FIXTURE_NOW_MS / 1000 + 330)))],
	['no expiration', india((p) => delete p.order.expiration)],
	['quick_pay order', india((p) => (p.order.type = 'quick_pay'))],
	['India payment_type upi with a gateway', india((p) => (p.payment_type = 'upi'))],
	['Brazil with several methods', brazil((p) => p.payment_settings.push(settingOf('brazil/pix_dynamic_code'), settingOf('brazil/boleto')))],
	['10 items carrying images', withImageItems(10)],
	// The India pages' subtotal row reads sum(amount × quantity) while their sale_amount row says sale prices count: both
	// accepted in India (Brazil's page says only the second: a breaking case).
	['subtotal ignoring sale_amount', india((p) => (p.order.subtotal.value = 112000) && (p.total_amount.value = 125360))],
	['Brazil without payment_settings (marked Optional)', brazil((p) => delete p.payment_settings)],
	// india-send-order-details-template-message.md: payment_configuration and payment_type "upi" beside a upi_intent_link setting
	['payment_configuration beside payment_settings', india((p) => (p.payment_type = 'upi') && (p.payment_configuration = 'upi-cfg'))],
	...([
		['123.456.789-09', 'CPF'],
		['12345678909', 'CPF'],
		['39.580.525/0001-89', 'CNPJ'],
		['12.ABC.345/01DE-35', 'CNPJ'],
		['123 456 789 09', 'CPF'],
		['Loja@Exemplo.com.br', 'EMAIL'],
		['+55 (11) 98765-4321', 'PHONE'],
		['123E4567-E89B-12D3-A456-426614174000', 'EVP'],
	] as const).map(([key, type]): [string, Json] => [`a Pix key ${key} of type ${type}`, pixKey(key, type)]),
	// cashfree- and billdesk-payment-gateway-integration-guide.md § Parsing the response: the configuration of the intent's VPA, no payment_type named
	['payment_configuration beside a UPI intent link, without payment_type', upiIntentWith('upi-cfg')],
	['payment_configuration and payment_type upi beside a UPI intent link (the template page\'s example)', upiIntentWith('upi-cfg', 'upi')],
	['importer address without zone_code', india((p) => delete item(p).importer_address.zone_code)],
	['Brazil expiration with description', brazil((p) => (p.order.expiration = { timestamp: String(FIXTURE_NOW_MS / 1000 + 3600), description: 'Vence em 1 hora' }))],
	['India expiration without description (checkout-button templates)', india((p) => delete p.order.expiration.description)],
	['beneficiary name of 200 and address lines of 100', india((p) => Object.assign(p.beneficiaries[0], { name: 'x'.repeat(200), address_line1: 'x'.repeat(100), address_line2: 'x'.repeat(100) }))],
	['shipping_info on physical goods', india((p) => (p.shipping_info = shippingInfo()))],
	['shipping_info with no known address', india((p) => (p.shipping_info = { country: 'IN', addresses: [] }))],
	['payment link with success_url and cancel_url', india((p) => (p.payment_type = 'upi') && (p.payment_settings = [{ type: 'payment_link', payment_link: { uri: 'https://pay.example/1', success_url: 'https://shop.example/ok', cancel_url: 'https://shop.example/cancel' } }]))],
	['enabled_payment_options upi', india((p) => (gateway(p).enabled_payment_options = ['upi']))],
	['enabled_payment_options web over ₹5,00,000', upiLimit(['web'])],
	['UPI at exactly ₹5,00,000', india((p) => (p.order.tax.value += 50_000_000 - 115_360) && (p.total_amount.value = 50_000_000))],
	...['gpay', 'phonepe', 'paytm', 'bhim', 'amazonpay', 'cred', 'mobikwik'].map((method): [string, Json] => [`preferred UPI app ${method}`, india((p) => (gateway(p).preferred_payment_methods = [{ method }]))]),
	['TPV setting beside its Razorpay gateway', india((p) => p.payment_settings.push(tpv('razorpay')))],
	['TPV data inside payment_gateway.razorpay', india((p) => (gateway(p).razorpay.encrypted_payment_gateway_data = 'ZW5jcnlwdGVk'))],
	['TPV setting beside its PayU gateway', india((p) => (p.payment_settings = [{ type: 'payment_gateway', payment_gateway: { type: 'payu', configuration_name: 'payu-live' } }, tpv('payu')]))],
	['Brazil simplified: no order object', brazil((p) => delete p.order)],
	// receive-upi-payments-through-whatsapp-recommended.md: the link "only supports" pa, pn, mc, purpose and tr, while
	// Step 1 says to send the gateway's whole intent (its sample has am, cu, mode, tn too): both accepted.
	['UPI intent link with the attributes of the page\'s Step 1 sample', upiIntent('upi://pay?pa=abc@psp&pn=ABC&tr=877376394&am=1153.60&cu=INR&mode=00&purpose=00&mc=5399&tn=877376394')],
	// cashfree-payment-gateway-integration-guide.md § Parsing the response: verify am against the order.
	['UPI intent whose am is the total, written with one decimal and an unencoded space (CCAvenue\'s sample)', upiIntent('upi://pay?pa=vpa@samplebank&pn=Infibeam Avenues Limited&tr=123123123123&am=1153.6&cu=INR&mc=8299')],
	['UPI intent without am (the page\'s own example)', upiIntent('upi://pay?pa=merchant_vpa&pn=merchant%20Name&mc=mc_code&purpose=purpose_code&tr=transaction_record')],
	['11 items without images', brazil((p) => {
		p.order.items = Array.from({ length: 11 }, (_, i) => ({ retailer_id: `r${i}`, name: `n${i}`, amount: { value: 100, offset: 100 }, quantity: 1 }));
		p.order.subtotal.value = p.total_amount.value = 1100;
	})],
	['razorpay notes of 15 keys of 256', india((p) => (gateway(p).razorpay.notes = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`k${i}`, 'x'.repeat(256)]))))],
];

describe('order_details rules: passing cases', () => {
	it.each(passing)('%s', (_name, parameters) => {
		expect(validateOrderDetails(parameters, now)).toEqual({ valid: true, errors: [] });
	});
});

/**
 * The 300 s count from when WhatsApp receives the send request (checkout-button-templates.md; the India and Brazil
 * order pages' minimum threshold), later than the check before sending and than an "Expires In" computed.
 */
describe('order_details: the 300 s expiration minimum, counted from when WhatsApp receives the request', () => {
	const expiringIn = (seconds: number) => india((p) => (p.order.expiration.timestamp = String(FIXTURE_NOW_MS / 1000 + seconds)));

	it('WhatsApp on receipt (the sandbox: no margin) takes exactly 300 s and refuses 299 s', () => {
		const onReceipt = { ...now, expirationMarginSeconds: 0 };
		expect(validateOrderDetails(expiringIn(300), onReceipt).valid).toBe(true);
		expect(validateOrderDetails(expiringIn(299), onReceipt).errors.map((e) => e.path)).toEqual(['/order/expiration/timestamp']);
	});

	it('a refused expiration says the minimum and the time kept for sending, in times', () => {
		expect(validateOrderDetails(expiringIn(300), now).errors.map((e) => e.message)).toEqual([
			`must be at least 5 minutes from now: after 2025-10-09T09:52:10Z (${EXPIRATION_CHECK_MARGIN_SECONDS} s kept for sending), not 2025-10-09T09:51:40Z`,
		]);
	});

	it('Expires In 5 minutes, computed at the last moment of a second, passes the check a second later and is still 300 s ahead when WhatsApp receives it a minute after computing', () => {
		const builtAt = FIXTURE_NOW_MS + 999;
		const timestamp = expirationAfter(5 * 60, builtAt);
		expect(validateOrderDetails(india((p) => (p.order.expiration.timestamp = String(timestamp))), { now: () => builtAt + 1000 }).valid).toBe(true);
		const receivedAt = builtAt + EXPIRATION_SEND_MARGIN_SECONDS * 1000;
		expect(timestamp * 1000 - receivedAt).toBeGreaterThanOrEqual(MIN_EXPIRATION_SECONDS * 1000);
	});

	it('a longer expiry is the one asked for, counted from now', () => {
		expect(expirationAfter(3600, FIXTURE_NOW_MS)).toBe(FIXTURE_NOW_MS / 1000 + 3600);
		expect(expirationAfter(5 * 60, FIXTURE_NOW_MS)).toBe(FIXTURE_NOW_MS / 1000 + MIN_EXPIRATION_SECONDS + EXPIRATION_SEND_MARGIN_SECONDS);
	});
});

describe('order_details: paths, forms and reporting', () => {
	it('names the missing field inside a whole message', () => {
		const message = paymentVariantMessages()['brazil/offsite_card_pay'] as Json;
		delete message.interactive.action.parameters.payment_settings[0].offsite_card_pay.credential_id;
		expect(validateOrderDetails(message, now).errors).toEqual([
			{ path: '/interactive/action/parameters/payment_settings/0/offsite_card_pay/credential_id', message: 'is required', rule: 'required' },
		]);
	});

	it('validates stringified parameters, as the docs describe them', () => {
		const message = paymentVariantMessages()['india/razorpay'] as Json;
		message.interactive.action.parameters = JSON.stringify(message.interactive.action.parameters);
		expect(validateOrderDetails(message, now)).toEqual({ valid: true, errors: [] });
		message.interactive.action.parameters = message.interactive.action.parameters.replace('"IN-ORDER-1001"', '"IN ORDER"');
		expect(errorsOf(message)).toEqual([{ path: '/interactive/action/parameters/reference_id', rule: 'reference_id' }]);
	});

	it('reports envelope and parameter errors together', () => {
		const message = paymentVariantMessages()['brazil/boleto'] as Json;
		message.interactive.footer = { text: 'x'.repeat(61) };
		message.interactive.action.parameters.order.subtotal.value = 1;
		message.interactive.action.parameters.total_amount.value = 1; // agrees with the given subtotal
		expect(errorsOf(message)).toEqual([
			{ path: '/interactive/footer/text', rule: 'maxLength' },
			{ path: '/interactive/action/parameters/order/subtotal', rule: 'subtotal' },
		]);
	});

	it('words arithmetic errors with both amounts in rupees, not paise', () => {
		const p = india((q) => (q.total_amount.value = 100));
		expect(validateOrderDetails(p, now).errors[0].message).toBe('must be 1153.60 (subtotal + tax + shipping - discount) but is 1.00');
	});

	it('does not report a field twice when the schema already faulted it', () => {
		expect(errorsOf(brazil((p) => (p.payment_type = 'pix')))).toEqual([{ path: '/payment_type', rule: 'enum' }]);
	});

	it('uses the current time by default', () => {
		expect(validateOrderDetails(india((p) => delete p.order.expiration)).errors).toEqual([]);
		// The fixtures' expiration lies in 2025, long before any real "now" this test runs at.
		expect(validateOrderDetails(india(() => undefined)).errors).toEqual([expect.objectContaining({ path: '/order/expiration/timestamp', rule: 'expiration' })]);
	});

	it('reports a misspelled field and the field it should have been', () => {
		const p = india((q) => {
			item(q).importer_adress = item(q).importer_address;
			delete item(q).importer_address;
		});
		expect(errorsOf(p)).toEqual([
			{ path: '/order/items/0/importer_adress', rule: 'additionalProperties' },
			{ path: '/order/items/0/importer_address', rule: 'required' },
		]);
	});

	it('rejects input that is no order at all', () => {
		expect(validateOrderDetails(42).errors).toEqual([expect.objectContaining({ path: '', rule: 'type' })]);
		expect(validateOrderDetails('not json').errors).toEqual([expect.objectContaining({ path: '', rule: 'json' })]);
		expect(validateOrderDetails([], now).valid).toBe(false);
	});
});
