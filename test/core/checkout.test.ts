import {
	checkoutAnswer,
	ERROR_NOTIFICATION_ANSWER,
	PING_ANSWER,
	readCheckoutRequest,
	refusalAnswer,
	repriceCheckoutOrder,
	validateCheckoutAnswer,
	type CheckoutSubActionRequest,
} from '../../core/checkout';
import { businessEncryptionPath, dataEndpointRequest, publicKeyErrors, readBusinessPublicKey } from '../../core/checkoutSetup';
import { decryptRequest, decryptResponse, encryptRequest, encryptResponse, loadPrivateKey } from '../../core/endpointCrypto';
import type { JsonObject } from '../../core/messageShape';
import { businessKeyPair, docSample, PASSPHRASE, SAMPLE_TITLE } from '../fixtures/checkout';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const sampleRequest = (subAction: keyof typeof SAMPLE_TITLE) => docSample(`${SAMPLE_TITLE[subAction]} - endpoint sample request`);
const sampleResponse = (subAction: keyof typeof SAMPLE_TITLE) => docSample(`${SAMPLE_TITLE[subAction]} - endpoint sample response`);

function subActionRequest(payload: unknown): CheckoutSubActionRequest {
	const request = readCheckoutRequest(payload);
	if (request.kind !== 'sub_action') throw new Error(`not a sub-action: ${JSON.stringify(request)}`);
	return request;
}

const dataOf = (answer: JsonObject) => answer.data as JsonObject;
const orderOf = (answer: JsonObject) => dataOf(answer).order_details as JsonObject;

describe('checkout endpoint: every sub-action of checkout-button-templates.md, encrypted both ways', () => {
	const { privateKey, publicKey } = businessKeyPair();
	const key = loadPrivateKey(privateKey, PASSPHRASE);

	/** The client encrypts the page's request, the business decrypts it, answers `answer(request)`, the client decrypts the answer. */
	function exchange(payload: JsonObject, answer: (request: CheckoutSubActionRequest) => JsonObject): { request: CheckoutSubActionRequest; answered: JsonObject } {
		const client = encryptRequest(payload, publicKey);
		const business = decryptRequest(JSON.stringify(client.body), key);
		const request = subActionRequest(business.payload);
		const body = encryptResponse(answer(request), business.aesKey, business.iv);
		return { request, answered: decryptResponse(body, client.aesKey, client.iv) as JsonObject };
	}

	it('get_coupons: the page\'s request reads as the order and user_id; the page\'s coupons are a valid answer', () => {
		const { request, answered } = exchange(sampleRequest('get_coupons'), (r) => checkoutAnswer(r, dataOf(sampleResponse('get_coupons'))));
		expect(request.input).toEqual({ userId: '919000090000' });
		expect((request.orderDetails.total_amount as JsonObject).value).toBe(165000);
		expect(validateCheckoutAnswer(request, answered.data)).toEqual({ valid: true, errors: [] });
		expect(answered).toEqual({ ...sampleResponse('get_coupons') });
	});

	it('apply_coupon: re-priced with the coupon\'s discount, the answer is the page\'s response', () => {
		const { request, answered } = exchange(sampleRequest('apply_coupon'), (r) =>
			checkoutAnswer(r, { order_details: repriceCheckoutOrder(r, { coupon: { code: 'TRYNEW10', discountMinor: 16500 } }) }),
		);
		expect(request.input.coupon).toEqual({ code: 'TRYNEW10' });
		expect(validateCheckoutAnswer(request, answered.data)).toEqual({ valid: true, errors: [] });
		expect(answered).toEqual(sampleResponse('apply_coupon'));
		expect((orderOf(answered).total_amount as JsonObject).value).toBe(148500);
	});

	it('remove_coupon: the coupon is removed and the total restored, as the page\'s response', () => {
		const { request, answered } = exchange(sampleRequest('remove_coupon'), (r) => checkoutAnswer(r, { order_details: repriceCheckoutOrder(r) }));
		expect((request.orderDetails.coupon as JsonObject).code).toBe('TRYNEW10');
		expect(validateCheckoutAnswer(request, answered.data)).toEqual({ valid: true, errors: [] });
		expect(answered).toEqual(sampleResponse('remove_coupon'));
	});

	it('apply_shipping: the selected address is kept and the shipping re-priced, as the page\'s response', () => {
		const { request, answered } = exchange(sampleRequest('apply_shipping'), (r) => checkoutAnswer(r, { order_details: repriceCheckoutOrder(r, { shippingMinor: 40000 }) }));
		expect(request.input.selectedAddress).toMatchObject({ in_pin_code: '400051' });
		expect(validateCheckoutAnswer(request, answered.data)).toEqual({ valid: true, errors: [] });
		expect(answered).toEqual(sampleResponse('apply_shipping'));
	});

	it('ping and error notifications are answered by the documented payloads', () => {
		expect(readCheckoutRequest({ version: '3.0', action: 'ping' })).toEqual({ kind: 'ping', version: '3.0' });
		expect(PING_ANSWER).toEqual({ data: { status: 'active' } });
		expect(readCheckoutRequest({ version: '3.0', action: 'data_exchange', data: { error: 'invalid-response', error_message: 'bad total' } })).toEqual({
			kind: 'error_notification',
			version: '3.0',
			error: 'invalid-response',
			errorMessage: 'bad total',
		});
		expect(ERROR_NOTIFICATION_ANSWER).toEqual({ data: { acknowledged: true } });
		expect(refusalAnswer('Out of stock')).toEqual({ error_msg: 'Out of stock' });
	});
});

describe('checkout endpoint: requests that are not what the page describes', () => {
	it.each([
		['an unknown sub_action', (p: JsonObject) => ({ ...p, sub_action: 'apply_gift' }), '/sub_action'],
		['another action', (p: JsonObject) => ({ ...p, action: 'INIT' }), '/action'],
		['no user_id', (p: JsonObject) => ({ ...p, data: { ...(p.data as JsonObject), input: {} } }), '/data/input/user_id'],
		['apply_coupon without the coupon', (p: JsonObject) => ({ ...p, sub_action: 'apply_coupon' }), '/data/input/coupon/code'],
		['apply_shipping without the address', (p: JsonObject) => ({ ...p, sub_action: 'apply_shipping' }), '/data/input/selected_address'],
		['no order', (p: JsonObject) => ({ ...p, data: { input: { user_id: '1' } } }), '/data/order_details'],
	])('%s is invalid, naming the field', (_name, change, path) => {
		const request = readCheckoutRequest(change(sampleRequest('get_coupons')));
		expect(request.kind).toBe('invalid');
		expect(request.kind === 'invalid' && request.errors.map((e) => e.path)).toContain(path);
	});
});

describe('checkout endpoint: the business\'s answer is checked by the order_details rules before it is encrypted', () => {
	const applyCoupon = () => subActionRequest(sampleRequest('apply_coupon'));
	const answerOf = (request: CheckoutSubActionRequest, change: (o: JsonObject) => void) => {
		const order = repriceCheckoutOrder(request, { coupon: { code: 'TRYNEW10', discountMinor: 16500 } });
		change(order);
		return validateCheckoutAnswer(request, { order_details: order }).errors;
	};

	it('a total that does not add up names total_amount and the formula with the coupon', () => {
		const errors = answerOf(applyCoupon(), (o) => ((o.total_amount as JsonObject).value = 165000));
		expect(errors).toEqual([{ path: '/data/order_details/total_amount', message: 'must be 1485.00 (subtotal + tax + shipping - discount - coupon.discount) but is 1650.00', rule: 'total_amount' }]);
	});

	it('a subtotal that is not the items\' sum names the subtotal (the same rule as order_details)', () => {
		const errors = answerOf(applyCoupon(), (o) => (((o.order as JsonObject).subtotal as JsonObject).value = 1));
		expect(errors.map((e) => [e.path, e.rule])).toContainEqual(['/data/order_details/order/subtotal', 'subtotal']);
	});

	it('a sale price not below the price, a changed reference_id, a coupon discount above the order are refused', () => {
		expect(answerOf(applyCoupon(), (o) => (((o.order as JsonObject).items as JsonObject[])[0].sale_amount = { value: 300000, offset: 100 })).map((e) => e.rule)).toContain('sale_amount');
		expect(answerOf(applyCoupon(), (o) => (o.reference_id = 'other-1'))).toContainEqual(expect.objectContaining({ path: '/data/order_details/reference_id', rule: 'reference_id' }));
		const request = applyCoupon();
		const order = repriceCheckoutOrder(request, { coupon: { code: 'TRYNEW10', discountMinor: 999999 } });
		expect(validateCheckoutAnswer(request, { order_details: order }).errors.map((e) => e.path)).toContain('/data/order_details/coupon/discount');
	});

	it('the re-priced order is held to what the checkout page adds: at most 100 of an item, the shipping cost, the importer\'s PIN and state code', () => {
		const items = (o: JsonObject) => (o.order as JsonObject).items as JsonObject[];
		const address = (o: JsonObject) => items(o)[0].importer_address as JsonObject;
		expect(answerOf(applyCoupon(), (o) => (items(o)[0].quantity = 101))).toContainEqual({ path: '/data/order_details/order/items/0/quantity', message: 'must be at most 100', rule: 'quantity' });
		expect(answerOf(applyCoupon(), (o) => (address(o).postal_code = '4000')).map((e) => e.path)).toEqual(['/data/order_details/order/items/0/importer_address/postal_code']);
		expect(answerOf(applyCoupon(), (o) => (address(o).zone_code = 'Maharashtra')).map((e) => e.path)).toEqual(['/data/order_details/order/items/0/importer_address/zone_code']);
		expect(answerOf(applyCoupon(), (o) => delete (o.order as JsonObject).shipping).map((e) => e.path)).toContain('/data/order_details/order/shipping');
	});

	it('apply_coupon must attach the buyer\'s coupon; remove_coupon must drop it', () => {
		const request = applyCoupon();
		expect(validateCheckoutAnswer(request, { order_details: repriceCheckoutOrder(request) }).errors.map((e) => e.path)).toEqual(['/data/order_details/coupon']);
		const other = repriceCheckoutOrder(request, { coupon: { code: 'OTHER', discountMinor: 100 } });
		expect(validateCheckoutAnswer(request, { order_details: other }).errors.map((e) => e.path)).toEqual(['/data/order_details/coupon/code']);
		const remove = subActionRequest(sampleRequest('remove_coupon'));
		expect(validateCheckoutAnswer(remove, { order_details: remove.orderDetails }).errors.map((e) => e.rule)).toContain('coupon');
	});

	it('payment settings, unknown fields and a missing order are refused by the shape', () => {
		const request = applyCoupon();
		const order = repriceCheckoutOrder(request, { coupon: { code: 'TRYNEW10', discountMinor: 16500 } });
		expect(validateCheckoutAnswer(request, { order_details: { ...order, payment_settings: [] } }).errors.map((e) => e.path)).toEqual(['/data/order_details/payment_settings']);
		expect(validateCheckoutAnswer(request, { order_details: order, extra: 1 }).errors.map((e) => e.path)).toEqual(['/data/extra']);
		expect(validateCheckoutAnswer(request, {}).errors.map((e) => e.path)).toEqual(['/data/order_details']);
	});

	it('get_coupons answers a list of {code, id, description}', () => {
		const request = subActionRequest(sampleRequest('get_coupons'));
		expect(validateCheckoutAnswer(request, { coupons: [] }).valid).toBe(true);
		expect(validateCheckoutAnswer(request, { coupons: [{ code: 'X' }] }).errors.map((e) => e.path)).toEqual(['/data/coupons/0/id', '/data/coupons/0/description']);
	});

	it('re-pricing recomputes the subtotal from the items the workflow changed, by the builder\'s sale-price reading', () => {
		const request = subActionRequest(sampleRequest('apply_shipping'));
		const changed = clone(request.orderDetails);
		((changed.order as JsonObject).items as JsonObject[])[0].quantity = 2;
		const order = repriceCheckoutOrder(request, { orderDetails: changed, shippingMinor: 0 });
		expect((order.order as JsonObject).subtotal).toEqual({ value: 300000, offset: 100 });
		expect(order.total_amount).toEqual({ value: 300000 + 10000 - 15000 - 16500, offset: 100 });
		expect(validateCheckoutAnswer(request, { order_details: order }).valid).toBe(true);
	});
});

describe('checkout endpoint set-up (flows-encryption.md, onboarding-apis.md)', () => {
	it('the business public key: a 2048-bit RSA PEM to upload; the GET answer read in both documented forms', () => {
		expect(publicKeyErrors(businessKeyPair().publicKey)).toEqual([]);
		expect(publicKeyErrors('-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----')[0].rule).toBe('business_public_key');
		expect(publicKeyErrors('hello')[0].message).toMatch(/PEM public key/);
		expect(readBusinessPublicKey({ business_public_key: 'PEM', business_public_key_signature_status: 'VALID' })).toEqual({ publicKey: 'PEM', signatureStatus: 'VALID' });
		expect(readBusinessPublicKey({ data: [{ business_public_key: ' ', business_public_key_signature_status: 'MISMATCH' }] })).toEqual({ publicKey: null, signatureStatus: 'MISMATCH' });
		expect(businessEncryptionPath({ provider: 'cloudApi', phoneNumberId: '123' })).toBe('/123/whatsapp_business_encryption');
		expect(() => businessEncryptionPath({ provider: 'dialog360' })).toThrow(/Cloud API/);
	});

	it('the data endpoint: an HTTPS URL (HTTP on loopback only), an empty one to remove it', () => {
		expect(dataEndpointRequest('https://shop.example/checkout')).toEqual({ body: { data_endpoint_url: 'https://shop.example/checkout' }, errors: [] });
		expect(dataEndpointRequest('http://127.0.0.1:5678/webhook/x').errors).toEqual([]);
		expect(dataEndpointRequest('http://shop.example/checkout').errors[0].rule).toBe('https');
		expect(dataEndpointRequest('not a url').errors[0].rule).toBe('format');
		expect(dataEndpointRequest(null).body).toEqual({ data_endpoint_url: '' });
	});
});
