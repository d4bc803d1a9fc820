/**
 * Enhanced payment links (meta-docs enhanced-payment-links.md): the gateways' URL prefixes, splitting a whole link
 * into the template button's prefix and suffix, refusing links WhatsApp would not show as a payment, the template
 * definition's compliance and the message's shape, each rule breaking and passing, and the page's example request.
 */
import { OrderValidationError } from '../../core/errors';
import type { JsonObject } from '../../core/messageShape';
import {
	buildPaymentLinkTemplateMessage,
	gatewayOfPrefix,
	isPaymentLinkTemplateMessage,
	PAYMENT_LINK_GATEWAYS,
	paymentLinkTemplates,
	paymentLinkUrlOf,
	readPaymentLinkTemplate,
	splitPaymentLink,
	validatePaymentLinkTemplateMessage,
	type PaymentLinkTemplateInput,
} from '../../core/paymentLinks';
import { allExamples, parseExample } from '../spec/metaDocs';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The page's example request (§ Sending Payment Links › Example). */
function pageExample(): JsonObject {
	const example = allExamples().find((e) => e.file === 'enhanced-payment-links.md' && e.section.endsWith('Sending Payment Links › Example'));
	const parsed = example && parseExample(example.text);
	if (!parsed) throw new Error('enhanced-payment-links.md has no example request');
	return parsed.value as JsonObject;
}

/** A template definition as message_templates lists it; `overrides` replace its parts. */
const definition = (overrides: JsonObject = {}): JsonObject => ({
	name: 'payment_reminder',
	language: 'en',
	status: 'APPROVED',
	category: 'UTILITY',
	components: [
		{ type: 'BODY', text: 'Hi {{1}}, reminder to pay for your order #{{2}}. Amount: ₹{{3}}' },
		{ type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Pay Now', url: 'https://rzp.io/i/{{1}}', example: ['https://rzp.io/i/abc123XYZ'] }] },
	],
	...overrides,
});

const input = (overrides: Partial<PaymentLinkTemplateInput> = {}): PaymentLinkTemplateInput => ({
	to: '919876543210',
	templateName: 'payment_reminder',
	languageCode: 'en',
	bodyParameters: ['Rishi', 'ORD-12345', '1,999'],
	paymentLink: 'https://rzp.io/i/abc123XYZ',
	...overrides,
});

/** The errors the builder throws, as [path, rule]. */
function buildErrors(values: PaymentLinkTemplateInput, templateDefinition?: unknown): Array<[string, string]> {
	try {
		buildPaymentLinkTemplateMessage(values, templateDefinition);
		return [];
	} catch (error) {
		// Anything but a validation error has no `errors`, and fails the test here.
		return (error as OrderValidationError).errors.map((e) => [e.path, e.rule]);
	}
}

describe('§ Dynamic URL Prefix Configuration: the supported gateways and their prefixes', () => {
	test('Razorpay, PayU and Cashfree, with the prefixes the page lists', () => {
		expect(Object.values(PAYMENT_LINK_GATEWAYS).map((g) => g.name)).toEqual(['Razorpay', 'PayU', 'Cashfree']);
		expect(PAYMENT_LINK_GATEWAYS.razorpay.prefixes).toEqual(['https://rzp.io/rzp/', 'https://rzp.io/i/']);
		expect(PAYMENT_LINK_GATEWAYS.payu.prefixes).toEqual(['https://pmny.in/PAYUMN/', 'https://api.payu.in/', 'https://u.payu.in/PAYUMN/']);
		expect(PAYMENT_LINK_GATEWAYS.cashfree.prefixes).toEqual(['https://payments.cashfree.com/links', 'https://payments.cashfree.com/link/', 'https://cfre.in/CSHFRE/']);
	});

	test.each([
		['https://rzp.io/i/', 'razorpay'],
		['https://RZP.io/rzp/', 'razorpay'],
		['https://u.payu.in/PAYUMN/', 'payu'],
		['https://payments.cashfree.com/links', 'cashfree'],
		// The page lists ".../links" without a closing slash: a template button URL .../links/{{1}} starts with it.
		['https://payments.cashfree.com/links/', 'cashfree'],
		['https://PAYMENTS.cashfree.com/links/', 'cashfree'],
		['https://payments.cashfree.com/linksx', undefined],
		['https://payments.cashfree.com/links//', undefined],
		['https://payments.cashfree.com/links/x/', undefined],
		['https://payments.cashfree.com/link//', undefined],
		['https://rzp.io/i//', undefined],
		['https://pg.io/i/', undefined],
		['https://rzp.io/', undefined],
		['https://u.payu.in/payumn/', undefined],
	])('the prefix %s is of %s', (prefix, gateway) => {
		expect(gatewayOfPrefix(prefix)).toBe(gateway);
	});
});

describe('a Cashfree template whose button URL is https://payments.cashfree.com/links/{{1}}', () => {
	const definition = {
		name: 'cashfree_reminder',
		language: 'en',
		status: 'APPROVED',
		components: [{ type: 'BODY', text: 'Pay {{1}}' }, { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Pay Now', url: 'https://payments.cashfree.com/links/{{1}}' }] }],
	};

	test('is a payment link template of Cashfree, listed in the dropdown', () => {
		expect(readPaymentLinkTemplate(definition)).toEqual({ template: { name: 'cashfree_reminder', language: 'en', gateway: 'cashfree', buttonPrefix: 'https://payments.cashfree.com/links/', bodyPlaceholders: 1 }, problems: [] });
		expect(paymentLinkTemplates({ data: [definition] }).map((t) => t.name)).toEqual(['cashfree_reminder']);
	});

	test('a link sent with it: the button gets the link\'s ID, and "Pay now" opens the link', () => {
		const { message, link } = buildPaymentLinkTemplateMessage({ to: '919876543210', templateName: 'cashfree_reminder', languageCode: 'en', bodyParameters: ['₹1,999'], paymentLink: 'https://payments.cashfree.com/links/x2l3m4n5' }, definition);
		expect(link).toEqual({ gateway: 'cashfree', prefix: 'https://payments.cashfree.com/links/', suffix: 'x2l3m4n5', url: 'https://payments.cashfree.com/links/x2l3m4n5' });
		expect(paymentLinkUrlOf(message, 'https://payments.cashfree.com/links/')).toBe('https://payments.cashfree.com/links/x2l3m4n5');
	});
});

describe('§ Sending Payment Links: a whole link split into the button prefix and its dynamic part', () => {
	test.each([
		['https://rzp.io/i/abc123XYZ', 'razorpay', 'https://rzp.io/i/', 'abc123XYZ'],
		['https://rzp.io/rzp/q4Zx9Lm', 'razorpay', 'https://rzp.io/rzp/', 'q4Zx9Lm'],
		['https://pmny.in/PAYUMN/aB3dE5', 'payu', 'https://pmny.in/PAYUMN/', 'aB3dE5'],
		['https://api.payu.in/public/#/abc/paymentlink', 'payu', 'https://api.payu.in/', 'public/#/abc/paymentlink'],
		['https://u.payu.in/PAYUMN/xY9', 'payu', 'https://u.payu.in/PAYUMN/', 'xY9'],
		['https://payments.cashfree.com/links?code=x2l3m4n5', 'cashfree', 'https://payments.cashfree.com/links', '?code=x2l3m4n5'],
		['https://payments.cashfree.com/link/mylink42', 'cashfree', 'https://payments.cashfree.com/link/', 'mylink42'],
		['https://cfre.in/CSHFRE/k8Jh', 'cashfree', 'https://cfre.in/CSHFRE/', 'k8Jh'],
	])('%s: %s, prefix %s, suffix %s', (link, gateway, prefix, suffix) => {
		const split = splitPaymentLink(link);
		expect(split).toEqual({ value: { gateway, prefix, suffix, url: prefix + suffix } });
	});

	test('spaces and a line break around the link (pasted from a sheet) are left out', () => {
		expect(splitPaymentLink('  https://rzp.io/i/abc123XYZ\n')).toEqual({ value: { gateway: 'razorpay', prefix: 'https://rzp.io/i/', suffix: 'abc123XYZ', url: 'https://rzp.io/i/abc123XYZ' } });
	});

	test('with the template button prefix known, the suffix is what follows that prefix', () => {
		expect(splitPaymentLink('https://payments.cashfree.com/links/abc', 'https://payments.cashfree.com/links')).toEqual({
			value: { gateway: 'cashfree', prefix: 'https://payments.cashfree.com/links', suffix: '/abc', url: 'https://payments.cashfree.com/links/abc' },
		});
	});
});

describe('§ Payment Link Requirements: links WhatsApp does not show as a payment are refused with what to do', () => {
	test.each([
		['an empty link', '  ', 'required', /paste the link your payment gateway created/],
		['not a link', 'abc123XYZ', 'url', /is not a link/],
		['a link with a space inside', 'https://rzp.io/i/abc 123', 'url', /is not a link/],
		['http instead of https', 'http://rzp.io/i/abc123XYZ', 'https', /must start with https:\/\//],
		['a link wrapped under the shop\'s own domain', 'https://myshop.in/pay/abc123XYZ', 'gateway', /not a direct Razorpay, PayU or Cashfree payment link.*not one under your own domain, a link shortener or a redirect/],
		['a shortened (redirecting) link', 'https://bit.ly/3xYz', 'gateway', /not a direct Razorpay, PayU or Cashfree payment link/],
		['a Razorpay page that is not a payment link', 'https://pages.razorpay.com/pl_abc/view', 'prefix', /is a Razorpay address but not a Razorpay payment link.*https:\/\/rzp\.io\/rzp\/ or https:\/\/rzp\.io\/i\//],
		['a Cashfree test-mode link', 'https://payments-test.cashfree.com/links?code=abc', 'prefix', /Cashfree.*test-mode links do not show as payments/],
		['a PayU link in another case', 'https://u.payu.in/payumn/xY9', 'prefix', /PayU/],
		['a prefix without the link ID', 'https://rzp.io/i/', 'suffix', /ID is missing/],
	])('%s', (_what, link, rule, message) => {
		const split = splitPaymentLink(link);
		expect('error' in split && split.error).toEqual({ path: 'paymentLink', rule, message: expect.stringMatching(message) });
	});

	test('a link of the gateway in another of its forms than the template button: refused, naming the template to pick', () => {
		const split = splitPaymentLink('https://rzp.io/rzp/q4Zx9Lm', 'https://rzp.io/i/');
		expect('error' in split && split.error).toEqual({
			path: 'paymentLink',
			rule: 'templatePrefix',
			message: expect.stringMatching(/does not start with the template button's URL https:\/\/rzp\.io\/i\/.*button URL is https:\/\/rzp\.io\/rzp\/\{\{1\}\}/),
		});
	});

	test('a link of another gateway than the template button: refused', () => {
		expect(splitPaymentLink('https://cfre.in/CSHFRE/k8Jh', 'https://rzp.io/i/')).toEqual({ error: expect.objectContaining({ rule: 'templatePrefix' }) });
	});
});

describe('§ Template Requirements: the template definition', () => {
	test('the page\'s example template (no header, one dynamic "Visit website" button) with a supported prefix is fit', () => {
		expect(readPaymentLinkTemplate(definition())).toEqual({
			template: { name: 'payment_reminder', language: 'en', gateway: 'razorpay', buttonPrefix: 'https://rzp.io/i/', bodyPlaceholders: 3 },
			problems: [],
		});
	});

	test('named body placeholders are counted once each', () => {
		const named = definition({ components: [{ type: 'BODY', text: 'Hi {{name}}, pay {{amount}} for {{order}}, {{name}}' }, ...(definition().components as JsonObject[]).slice(1)] });
		expect(readPaymentLinkTemplate(named).template?.bodyPlaceholders).toBe(3);
	});

	// § Template Requirements (Header "None"), § Prerequisites, § Limitations and § Troubleshooting: no header at all.
	test('a text header, even without a placeholder, makes the template unfit', () => {
		const withText = definition({ components: [{ type: 'HEADER', format: 'TEXT', text: 'Payment due' }, ...(definition().components as JsonObject[])] });
		expect(readPaymentLinkTemplate(withText)).toEqual({ problems: ['has a text header; a payment link template has no header'] });
	});

	const button = (b: JsonObject) => ({ type: 'BUTTONS', buttons: [b] });
	const body = { type: 'BODY', text: 'Pay {{1}}' };
	test.each([
		['not approved', { status: 'PENDING' }, /is not approved yet \(status PENDING\)/],
		['an image header', { components: [{ type: 'HEADER', format: 'IMAGE' }, body, button({ type: 'URL', url: 'https://rzp.io/i/{{1}}' })] }, /has a media header \(IMAGE\)/],
		['a document header', { components: [{ type: 'HEADER', format: 'DOCUMENT' }, body, button({ type: 'URL', url: 'https://rzp.io/i/{{1}}' })] }, /has a media header \(DOCUMENT\)/],
		['a text header with a placeholder', { components: [{ type: 'HEADER', format: 'TEXT', text: 'Bill {{1}}' }, body, button({ type: 'URL', url: 'https://rzp.io/i/{{1}}' })] }, /has a text header; a payment link template has no header/],
		['no button', { components: [body] }, /has 0 buttons; a payment link template has exactly one/],
		[
			'two buttons',
			{ components: [body, { type: 'BUTTONS', buttons: [{ type: 'URL', url: 'https://rzp.io/i/{{1}}' }, { type: 'QUICK_REPLY', text: 'Stop' }] }] },
			/has 2 buttons/,
		],
		['a quick reply button', { components: [body, button({ type: 'QUICK_REPLY', text: 'Pay' })] }, /has a button of type QUICK_REPLY, not a "Visit website" \(URL\) button/],
		['a static URL', { components: [body, button({ type: 'URL', url: 'https://rzp.io/i/abc123XYZ' })] }, /static button URL.*must be Dynamic/],
		['an unsupported prefix (the page\'s placeholder pg.io)', { components: [body, button({ type: 'URL', url: 'https://pg.io/i/{{1}}' })] }, /button URL prefix https:\/\/pg\.io\/i\/, which is not a supported one: Razorpay/],
	])('%s: not fit, the problem named', (_what, overrides, problem) => {
		const read = readPaymentLinkTemplate(definition(overrides as JsonObject));
		expect(read.template).toBeUndefined();
		expect(read.problems).toEqual([expect.stringMatching(problem)]);
	});

	test('the dropdown lists the approved, fit templates of either provider\'s listing, by name then language', () => {
		const listing = [
			definition({ name: 'pay_link', language: 'hi' }),
			definition({ name: 'pay_link', language: 'en' }),
			definition({ name: 'draft_link', status: 'PENDING' }),
			definition({ name: 'order_bill', components: [{ type: 'BUTTONS', buttons: [{ type: 'ORDER_DETAILS', text: 'Review and Pay' }] }] }),
			'junk',
		];
		const expected = [
			{ name: 'pay_link', language: 'en', gateway: 'razorpay', buttonPrefix: 'https://rzp.io/i/', bodyPlaceholders: 3 },
			{ name: 'pay_link', language: 'hi', gateway: 'razorpay', buttonPrefix: 'https://rzp.io/i/', bodyPlaceholders: 3 },
		];
		expect(paymentLinkTemplates({ data: listing })).toEqual(expected);
		expect(paymentLinkTemplates({ waba_templates: listing })).toEqual(expected);
		expect(paymentLinkTemplates(null)).toEqual([]);
	});
});

describe('§ Sending Payment Links and § Button Component: the message', () => {
	test('the builder sends the page\'s example request: body parameters, one url button at index "0" with the link\'s suffix, no header', () => {
		const example = pageExample();
		const { message, link } = buildPaymentLinkTemplateMessage(input(), definition());
		expect(message).toEqual({ ...example, recipient_type: 'individual', template: { ...(example.template as JsonObject), language: { policy: 'deterministic', code: 'en' } } });
		expect(link).toEqual({ gateway: 'razorpay', prefix: 'https://rzp.io/i/', suffix: 'abc123XYZ', url: 'https://rzp.io/i/abc123XYZ' });
	});

	test('the page\'s example request is a valid payment link template message, and opens prefix + suffix', () => {
		const example = pageExample();
		expect(isPaymentLinkTemplateMessage(example)).toBe(true);
		expect(validatePaymentLinkTemplateMessage(example)).toEqual({ valid: true, errors: [] });
		// "if the template URL prefix is https://pg.io/i/, the final URL becomes https://pg.io/i/abc123XYZ"
		expect(paymentLinkUrlOf(example, 'https://pg.io/i/')).toBe('https://pg.io/i/abc123XYZ');
	});

	test('without body parameters there is no body component; without the definition the link\'s own prefix is used', () => {
		const { message } = buildPaymentLinkTemplateMessage(input({ bodyParameters: undefined, paymentLink: 'https://cfre.in/CSHFRE/k8Jh' }));
		expect((message.template as JsonObject).components).toEqual([{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'k8Jh' }] }]);
	});

	test('the index as the number 0 is accepted too', () => {
		const example = clone(pageExample());
		((example.template as JsonObject).components as JsonObject[])[1].index = 0;
		expect(validatePaymentLinkTemplateMessage(example).valid).toBe(true);
	});

	const broken = (change: (components: JsonObject[], message: JsonObject) => void) => {
		const example = clone(pageExample());
		change((example.template as JsonObject).components as JsonObject[], example);
		return validatePaymentLinkTemplateMessage(example).errors.map((e) => [e.path, e.rule]);
	};
	test.each([
		['a header component (§ Limitations: no header)', (c: JsonObject[]) => c.unshift({ type: 'header', parameters: [{ type: 'image', image: { link: 'https://x.test/a.png' } }] }), [['/template/components/0', 'noHeader']]],
		['two buttons (§ Limitations: one payment link per message)', (c: JsonObject[]) => c.push(clone(c[1])), [['/template/components', 'oneButton']]],
		['no button', (c: JsonObject[]) => c.pop(), [['/template/components', 'oneButton']]],
		['sub_type not url', (c: JsonObject[]) => (c[1].sub_type = 'quick_reply'), [['/template/components/1/sub_type', 'enum']]],
		['index "1"', (c: JsonObject[]) => (c[1].index = '1'), [['/template/components/1/index', 'enum']]],
		['two button parameters', (c: JsonObject[]) => (c[1].parameters as JsonObject[]).push({ type: 'text', text: 'x' }), [['/template/components/1/parameters', 'linkParameter']]],
		['a button parameter not of type text', (c: JsonObject[]) => ((c[1].parameters as JsonObject[])[0].type = 'payload'), [['/template/components/1/parameters', 'linkParameter']]],
		['an empty suffix', (c: JsonObject[]) => ((c[1].parameters as JsonObject[])[0].text = ''), [['/template/components/1/parameters', 'linkParameter']]],
		['an empty body parameter', (c: JsonObject[]) => ((c[0].parameters as JsonObject[])[1].text = ' '), [['/template/components/0/parameters/1', 'bodyParameter']]],
		['no template name', (_c: JsonObject[], m: JsonObject) => delete (m.template as JsonObject).name, [['/template/name', 'required']]],
		['no recipient', (_c: JsonObject[], m: JsonObject) => delete m.to, [['/to', 'required']]],
		['another messaging_product', (_c: JsonObject[], m: JsonObject) => (m.messaging_product = 'sms'), [['/messaging_product', 'required']]],
	])('refused: %s', (_what, change, errors) => {
		expect(broken(change)).toEqual(errors);
	});
});

describe('the builder names every broken rule of its input before anything is sent', () => {
	test('a wrapped link', () => {
		expect(buildErrors(input({ paymentLink: 'https://myshop.in/pay/1' }))).toEqual([['paymentLink', 'gateway']]);
	});
	test('an empty body parameter, named by its place', () => {
		expect(buildErrors(input({ bodyParameters: ['Rishi', ' ', '1,999'] }))).toEqual([['bodyParameters[1]', 'bodyParameter']]);
	});
	test('fewer body parameters than the template\'s placeholders', () => {
		expect(buildErrors(input({ bodyParameters: ['Rishi'] }), definition())).toEqual([['bodyParameters', 'count']]);
	});
	test('a template that is not fit, and a link of another gateway', () => {
		const unfit = definition({ components: [{ type: 'HEADER', format: 'IMAGE' }, ...(definition().components as JsonObject[])] });
		expect(buildErrors(input({ paymentLink: 'https://bit.ly/x' }), unfit)).toEqual([
			['template', 'paymentLinkTemplate'],
			['paymentLink', 'gateway'],
		]);
	});
	test('the link of another form than the template\'s button', () => {
		expect(buildErrors(input({ paymentLink: 'https://rzp.io/rzp/q4Zx9Lm' }), definition())).toEqual([['paymentLink', 'templatePrefix']]);
	});
	test('a template\'s problem reads with its name and language', () => {
		try {
			buildPaymentLinkTemplateMessage(input(), definition({ status: 'REJECTED' }));
			throw new Error('not refused');
		} catch (error) {
			expect((error as OrderValidationError).errors[0].message).toBe('payment_reminder (en) is not approved yet (status REJECTED)');
		}
	});
});
