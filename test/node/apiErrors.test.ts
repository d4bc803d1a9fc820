/** core/apiErrors: both Meta error shapes -> code, message, details, fbtrace_id, hint and retry class. */
import { isDuplicateReferenceError, isNotFoundAnswer, parseApiError, readAnswer, redactSecrets } from '../../core/apiErrors';

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
			field: '/interactive/action/parameters/order/items/0/name',
			fbtraceId: 'AbC123',
			hint: 'Fix the field "/interactive/action/parameters/order/items/0/name" and send again.',
			retryable: false,
			notProcessed: false,
			httpStatus: 400,
		});
	});

	it('reads the older errors[] shape (360dialog v1 lookup), codes given as strings, all details joined', () => {
		const info = parseApiError({ errors: [{ code: '131008', title: 'Required parameter is missing', details: 'reference_id is required' }, { code: 131008, title: 'x', details: 'speed is required' }] }, 400);
		expect(info).toMatchObject({ code: 131008, message: 'Required parameter is missing', details: 'reference_id is required; speed is required', fbtraceId: null, field: null });
		expect(info.hint).toBe("The API named no field: check this operation's fields and send again.");
	});

	it('reads a JSON text body, and survives anything else', () => {
		expect(parseApiError(JSON.stringify(cloudError(190, 'Invalid OAuth access token')), 401)).toMatchObject({ code: 190, httpStatus: 401 });
		expect(parseApiError('<html>Bad gateway</html>', 502)).toMatchObject({ code: null, message: "The API's answer could not be read (HTTP 502, not JSON)", details: 'It begins: "Bad gateway"', retryable: true });
		for (const body of [null, undefined, 42, [], { error: 'text' }, { errors: [] }, { errors: [null] }]) {
			expect(() => parseApiError(body, 500)).not.toThrow();
			expect(parseApiError(body, null).message).toEqual(expect.any(String));
		}
	});

	it.each([
		// Neutral between a bill and a status update (send-order-status-template-message.md § Overview: outside the window too).
		[131047, /"Send Order Details Template" for a bill, "Send Order Status Template" for a status update/],
		[134011, /Terms of Service are not accepted.*opening the link in the error's details \(error_data\.details\)/],
		[130429, /Rate limit.*retried/],
		[131056, /pair rate limit/],
		[131057, /upgraded to higher throughput.*up to 1 minute.*retried/],
		[131005, /Access denied/],
		[190, /token is invalid or expired/],
		[100, /The API named no field: check/],
		[131008, /The API named no field: check/],
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
		expect(parseApiError(cloudError(100, 'Invalid parameter', 'Param order.items[0].amount.value must be an integer'), 400).hint).toBe('Fix the field "order.items[0].amount.value" and send again.');
	});

	it('names the field as the caller names it (the form\'s label), and says what to check when the API names none; no "send again" on reads', () => {
		const fieldName = (path: string) => ({ '/amount/value': 'Amount' })[path] ?? path;
		const refused = cloudError(131009, '(#131009) Parameter value is not valid', '/amount/value: is more than what is left to refund');
		expect(parseApiError(refused, 400, { fieldName }).hint).toBe('Fix the field "Amount" and send again.');
		expect(parseApiError(refused, 400, { fieldName, read: true }).hint).toBe('Check the field "Amount".');
		const unnamed = cloudError(131009, '(#131009) Parameter value is not valid');
		expect(parseApiError(unnamed, 400, { read: true, fieldsToCheck: ['Reference ID', 'Payment Configuration'] }).hint).toBe(
			'The API named no field: check "Reference ID" and "Payment Configuration".',
		);
		expect(parseApiError(unnamed, 400, { read: true }).hint).not.toMatch(/send/);
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
		// The payment lookup's "Generic error" (receive-payments-via-payment-gateways-on-whatsapp.md § Step 5) has no documented status.
		[500, 400, { retryable: true, notProcessed: false }],
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
	it('takes HTTP 404 with an API error code and the Graph API\'s unknown-object error (code 100, subcode 33) as "not found"', () => {
		expect(isNotFoundAnswer(parseApiError({ error: { message: 'Unknown path components', code: 2500 } }, 404))).toBe(true);
		expect(isNotFoundAnswer(parseApiError(cloudError(100, "Unsupported request. Object with ID 'X-1' does not exist", undefined, { error_subcode: 33 }), 400))).toBe(true);
	});

	it('takes nothing else as proof of absence: other code-100 errors, 5xx, throttling, unreadable bodies', () => {
		for (const info of [
			parseApiError(cloudError(100, '(#100) Invalid parameter', '/payment_configuration: is not the order\'s payment configuration'), 400),
			parseApiError(cloudError(100, 'Invalid parameter', undefined, { error_subcode: 34 }), 400),
			parseApiError(cloudError(1, 'An unknown error has occurred.'), 500),
			parseApiError(cloudError(130429, 'Rate limit hit'), 400),
			parseApiError('<html>Bad gateway</html>', 502),
			// A 404 without a code is no API's answer about the payment: a proxy's page, a wrong Base URL, a framework's JSON.
			parseApiError('<html><h1>404 Not Found</h1></html>', 404),
			parseApiError('', 404),
			parseApiError({ error: 'Not Found' }, 404),
			parseApiError({ error: { message: 'Not found' } }, 404),
			parseApiError({ errors: [{ code: 33, title: 'x' }] }, 400),
		]) {
			expect(isNotFoundAnswer(info)).toBe(false);
		}
	});
});

describe('the lookup\'s generic error (receive-payments-via-payment-gateways-on-whatsapp.md § Step 5)', () => {
	const GENERIC = { errors: [{ code: 500, title: 'Generic error', details: 'System error. Please try again.' }] };

	it.each([200, 400, 500])('is retryable under HTTP %i', (status) => {
		expect(parseApiError(GENERIC, status)).toMatchObject({ code: 500, message: 'Generic error', retryable: true, notProcessed: false });
	});

	it('in a 2xx answer it is an API error, not an answer without a payment', () => {
		expect(readAnswer(GENERIC, 200, { read: true })).toEqual({ ok: false, error: expect.objectContaining({ code: 500, retryable: true, httpStatus: 200 }) });
		expect(readAnswer({ error: { message: 'Unsupported get request', code: 100, error_subcode: 33 } }, 200)).toMatchObject({ ok: false, error: { code: 100, subcode: 33 } });
	});
});

describe('readAnswer', () => {
	it('takes a 2xx JSON object (or its text) as the answer, an empty `errors` list included', () => {
		expect(readAnswer({ payments: [] }, 200)).toEqual({ ok: true, body: { payments: [] } });
		expect(readAnswer('{"data":[]}', 201)).toEqual({ ok: true, body: { data: [] } });
		expect(readAnswer({ data: [], errors: [] }, 200)).toEqual({ ok: true, body: { data: [], errors: [] } });
	});

	it.each([
		['an HTML page', '<html><title>Login required</title></html>', 'text/html; charset=utf-8', /\(HTTP 200, text\/html, not JSON\)/, 'It begins: "Login required"'],
		['an empty body', '', undefined, /\(HTTP 200, an empty body\)/, null],
		['no body', undefined, undefined, /\(HTTP 200, an empty body\)/, null],
		['truncated JSON', '{"payments":[', 'application/json', /\(HTTP 200, application\/json, not JSON\)/, 'It begins: "{"payments":["'],
		['a JSON array', [{ id: 'x' }], 'application/json', /\(HTTP 200, application\/json, not a JSON object\)/, null],
	])('reads a 2xx with %s as unreadable: retryable, never "not found" nor a success', (_, body, contentType, message, details) => {
		const read = readAnswer(body, 200, { read: true, contentType });
		expect(read).toMatchObject({ ok: false, error: { code: null, message: expect.stringMatching(message), details, retryable: true, notProcessed: false } });
		if (!read.ok) expect(isNotFoundAnswer(read.error)).toBe(false);
	});

	it('says a write\'s outcome is unknown, a read\'s answer only unreadable', () => {
		const write = readAnswer('<html>ok</html>', 200, { contentType: 'text/html' });
		expect(write).toMatchObject({ ok: false, error: { message: expect.stringMatching(/could not be read .*: whether the request was carried out is unknown$/), hint: expect.stringMatching(/before sending it again/) } });
		const read = readAnswer('<html>ok</html>', 200, { read: true, contentType: 'text/html' });
		expect(read).toMatchObject({ ok: false, error: { message: expect.not.stringMatching(/unknown|send/), hint: expect.not.stringMatching(/send/) } });
	});
});

describe('secrets in answers', () => {
	const HIDDEN = 'EAAG-secret+token/42';

	it('never shows a secret given, as it is or URL-encoded, nor any credential-like query value', () => {
		expect(redactSecrets(`a ${HIDDEN} b ${encodeURIComponent(HIDDEN)} c`, [HIDDEN])).toBe('a [redacted] b [redacted] c');
		expect(redactSecrets('GET /debug_token?input_token=abc&x=1 /me?access_token=def', [])).toBe('GET /debug_token?input_token=[redacted]&x=1 /me?access_token=[redacted]');
		expect(redactSecrets('key k and key-2 k2', ['k', 'k2'])).toBe('[redacted]ey [redacted] and [redacted]ey-2 [redacted]');
	});

	it('quotes a body that is not JSON by its status, content type and a short start, secrets redacted before it is cut', () => {
		const page = `<html><head><style>p{}</style></head><h1>Access denied</h1><p>Request: GET /v23.0/x?token2=${HIDDEN}&t=${HIDDEN}</p>${'<p>padding</p>'.repeat(100)}</html>`;
		const info = parseApiError(page, 403, { secrets: [HIDDEN], contentType: 'text/html' });
		expect(info.message).toBe("The API's answer could not be read (HTTP 403, text/html, not JSON)");
		expect(info.details).toMatch(/^It begins: "Access denied Request: GET \/v23\.0\/x\?token2=\[redacted\]&t=\[redacted\] padding/);
		expect((info.details ?? '').length).toBeLessThan(130);
		expect(JSON.stringify(info)).not.toContain(HIDDEN);
	});

	it('redacts the texts of a JSON error too (message, details, and the hints built from them)', () => {
		const echoed = cloudError(131009, `Invalid value ${HIDDEN}`, `/to: ${HIDDEN} is not valid; see https://fb.me/x?k=${HIDDEN}`);
		expect(JSON.stringify(parseApiError(echoed, 400, { secrets: [HIDDEN] }))).not.toContain(HIDDEN);
		const tos = cloudError(134011, 'terms', `accept terms of service: https://fb.me/accept?a=${HIDDEN}`);
		expect(JSON.stringify(parseApiError(tos, 400, { secrets: [HIDDEN] }))).not.toContain(HIDDEN);
	});

	it('redacts the trace id too, in both error shapes (an answer may echo anything there)', () => {
		const cloud = { error: { code: 131009, message: 'x', fbtrace_id: `A${HIDDEN}` } };
		const older = { errors: [{ code: 1000, title: 'x' }], meta: { fbtrace_id: `A${HIDDEN}` } };
		for (const body of [cloud, older]) expect(parseApiError(body, 400, { secrets: [HIDDEN] }).fbtraceId).toBe('A[redacted]');
	});
});
