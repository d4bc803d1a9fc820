/** core/apiErrors: both Meta error shapes -> code, message, details, fbtrace_id, hint and retry class. */
import { isDuplicateReferenceError, isNotFoundAnswer, parseApiError } from '../../core/apiErrors';

const cloudError = (code: number, message: string, details?: string, extra: Record<string, unknown> = {}) => ({
	error: { message, type: 'OAuthException', code, ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}), fbtrace_id: 'AbC123', ...extra },
});

describe('parseApiError', () => {
	it('reads the Cloud API shape', () => {
		expect(parseApiError(cloudError(131009, '(#131009) Parameter value is not valid', '/interactive/action/parameters/order/items/0/name: must be at most 60 characters', { error_subcode: 2494010 }), 400)).toEqual({
			code: 131009,
			subcode: 2494010,
			message: '(#131009) Parameter value is not valid',
			details: '/interactive/action/parameters/order/items/0/name: must be at most 60 characters',
			fbtraceId: 'AbC123',
			hint: 'Fix the field /interactive/action/parameters/order/items/0/name and send again.',
			retryable: false,
			notProcessed: false,
			httpStatus: 400,
		});
	});

	it('reads the older errors[] shape (360dialog v1 lookup), codes given as strings, all details joined', () => {
		const info = parseApiError({ errors: [{ code: '131008', title: 'Required parameter is missing', details: 'reference_id is required' }, { code: 131008, title: 'x', details: 'speed is required' }] }, 400);
		expect(info).toMatchObject({ code: 131008, message: 'Required parameter is missing', details: 'reference_id is required; speed is required', fbtraceId: null });
		expect(info.hint).toBe('Fix the parameter named in the details and send again.');
	});

	it('reads a JSON text body, and survives anything else', () => {
		expect(parseApiError(JSON.stringify(cloudError(190, 'Invalid OAuth access token')), 401)).toMatchObject({ code: 190, httpStatus: 401 });
		expect(parseApiError('<html>Bad gateway</html>', 502)).toMatchObject({ code: null, message: '<html>Bad gateway</html>', retryable: true });
		for (const body of [null, undefined, 42, [], { error: 'text' }, { errors: [] }, { errors: [null] }]) {
			expect(() => parseApiError(body, 500)).not.toThrow();
			expect(parseApiError(body, null).message).toEqual(expect.any(String));
		}
	});

	it.each([
		[131047, /Send Order Details Template/],
		[134011, /Terms of Service are not accepted.*opening the link in the error's details \(error_data\.details\)/],
		[130429, /Rate limit.*retried/],
		[131056, /pair rate limit/],
		[131057, /upgraded to higher throughput.*up to 1 minute.*retried/],
		[131005, /Access denied/],
		[190, /token is invalid or expired/],
		[100, /Fix the parameter named in the details/],
		[131008, /Fix the parameter named in the details/],
	])('gives a hint for %i', (code, hint) => {
		expect(parseApiError(cloudError(code, 'm', code === 100 || code === 131008 ? 'something wrong' : undefined), 400).hint).toMatch(hint);
	});

	it('reads 131005 with pending Payments Terms of Service (onboarding-apis § Errors) like 134011', () => {
		const details = 'WhatsApp Payments Terms of Service acceptance pending for this WhatsApp Business Account.';
		expect(parseApiError(cloudError(131005, '(#131005) Access denied', details), 400).hint).toMatch(/Terms of Service.*the link in the error's details/);
		expect(parseApiError(cloudError(131005, '(#131005) Access denied'), 400).hint).toMatch(/lacks the whatsapp_business_messaging/);
	});

	// receive-upi-payments-through-whatsapp-recommended.md, india-accept-payments-via-payment-links.md and onboarding-apis.md § Errors:
	// "accept the WhatsApp Payments terms of service using the link provided in the error message".
	it('points unaccepted Terms of Service (134011 and 131005) to the link in the error\'s details, naming it', () => {
		const details = 'WhatsApp Payments Terms of Service acceptance pending for this WhatsApp Business Account. Please use the following link to accept terms of service before using Business APIs: https://fb.me/12345';
		const expected = "The WhatsApp Payments Terms of Service are not accepted for this WhatsApp Business Account. Accept them by opening the link in the error's details (error_data.details): https://fb.me/12345, then try again.";
		expect(parseApiError(cloudError(134011, '(#134011) WhatsApp Payments terms of service has not been accepted', details), 400).hint).toBe(expected);
		expect(parseApiError(cloudError(131005, '(#131005) Access denied', details), 403).hint).toBe(expected);
	});

	it('names a dotted field from Meta\'s details', () => {
		expect(parseApiError(cloudError(100, 'Invalid parameter', 'Param order.items[0].amount.value must be an integer'), 400).hint).toBe('Fix the field order.items[0].amount.value and send again.');
	});

	it.each([
		[130429, 400, { retryable: true, notProcessed: true }],
		[131056, 400, { retryable: true, notProcessed: true }],
		[80007, 400, { retryable: true, notProcessed: true }],
		// throughput.md § Higher throughput: the number is not usable during the upgrade, so the request was refused.
		[131057, 400, { retryable: true, notProcessed: true }],
		[1, 500, { retryable: true, notProcessed: false }],
		[2, 503, { retryable: true, notProcessed: false }],
		[131000, 500, { retryable: true, notProcessed: false }],
		[131009, 400, { retryable: false, notProcessed: false }],
		[190, 401, { retryable: false, notProcessed: false }],
	])('classifies %i (HTTP %i) for retries', (code, status, expected) => {
		expect(parseApiError(cloudError(code, 'm'), status)).toMatchObject(expected);
	});
});

describe('throttling by HTTP status', () => {
	it('treats HTTP 429 without a Meta code (a BSP throttling) as retryable and not processed', () => {
		expect(parseApiError({ detail: 'Too many requests' }, 429)).toMatchObject({ code: null, retryable: true, notProcessed: true });
	});
});

describe('isDuplicateReferenceError', () => {
	// UNCONFIRMED: the wording is our sandbox's; Meta's refusal of a reused reference_id is not documented.
	it('recognizes the duplicate reference answer and nothing else', () => {
		expect(isDuplicateReferenceError(parseApiError(cloudError(131009, '(#131009) Parameter value is not valid', '/interactive/action/parameters/reference_id: reference_id already used (unique)'), 400))).toBe(true);
		expect(isDuplicateReferenceError(parseApiError(cloudError(131009, '(#131009) Parameter value is not valid', '/to: is required'), 400))).toBe(false);
	});
});

describe('isNotFoundAnswer', () => {
	it('takes HTTP 404 and the Graph API\'s unknown-object error (code 100, subcode 33) as "not found"', () => {
		expect(isNotFoundAnswer(parseApiError({ error: { message: 'Not found' } }, 404))).toBe(true);
		expect(isNotFoundAnswer(parseApiError(cloudError(100, "Unsupported request. Object with ID 'X-1' does not exist", undefined, { error_subcode: 33 }), 400))).toBe(true);
	});

	it('takes nothing else as proof of absence: other code-100 errors, 5xx, throttling, unreadable bodies', () => {
		for (const info of [
			parseApiError(cloudError(100, '(#100) Invalid parameter', '/payment_configuration: is not the order\'s payment configuration'), 400),
			parseApiError(cloudError(100, 'Invalid parameter', undefined, { error_subcode: 34 }), 400),
			parseApiError(cloudError(1, 'An unknown error has occurred.'), 500),
			parseApiError(cloudError(130429, 'Rate limit hit'), 400),
			parseApiError('<html>Bad gateway</html>', 502),
			parseApiError({ errors: [{ code: 33, title: 'x' }] }, 400),
		]) {
			expect(isNotFoundAnswer(info)).toBe(false);
		}
	});
});
