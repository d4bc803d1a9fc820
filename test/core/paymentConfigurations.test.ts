import { normalizePaymentConfiguration, paymentConfigurationRequestErrors, paymentConfigurationsOf, settleGateway, upiIntentConfigurationRefusal, upiLegacyConfigurationRefusal } from '../../core/paymentConfigurations';

/** onboarding-apis.md § Get all payment configurations: the sample response (its "...." left out). */
const LIST_SAMPLE = {
	data: [
		{
			payment_configurations: [
				{
					configuration_name: 'test-payment-configuration',
					merchant_category_code: { code: '0000', description: 'Test MCC Code' },
					purpose_code: { code: '00', description: 'Test Purpose Code' },
					status: 'Active',
					provider_mid: 'test-payment-gateway-mid',
					provider_name: 'RazorPay',
					created_timestamp: 1720203204,
					updated_timestamp: 1721088316,
				},
			],
		},
	],
};

/** onboarding-apis.md § Get a specific payment configuration: the sample response. */
const GET_SAMPLE = { data: [LIST_SAMPLE.data[0].payment_configurations[0]] };

describe('payment configuration answers', () => {
	it('reads the nested list of the page\'s sample, and a get answer the same way', () => {
		expect(paymentConfigurationsOf(LIST_SAMPLE)).toEqual(LIST_SAMPLE.data[0].payment_configurations);
		expect(paymentConfigurationsOf(GET_SAMPLE)).toEqual(GET_SAMPLE.data);
	});

	it('reads an older flat list too, and gives nothing for bodies without configurations', () => {
		const flat = { data: [{ configuration_name: 'a', status: 'Active' }, { configuration_name: 'b' }] };
		expect(paymentConfigurationsOf(flat).map((c) => c.configuration_name)).toEqual(['a', 'b']);
		const mixed = { data: [{ payment_configurations: [{ configuration_name: 'x' }, 'junk'] }, { configuration_name: 'y' }, null, { other: 1 }] };
		expect(paymentConfigurationsOf(mixed).map((c) => c.configuration_name)).toEqual(['x', 'y']);
		for (const body of [null, {}, { data: {} }, { data: 'x' }, 'text']) expect(paymentConfigurationsOf(body)).toEqual([]);
	});

	it('normalizes one configuration: codes as {code, description}, the status spelled either way', () => {
		expect(normalizePaymentConfiguration(GET_SAMPLE.data[0])).toEqual({
			configurationName: 'test-payment-configuration',
			providerName: 'RazorPay',
			providerMid: 'test-payment-gateway-mid',
			status: 'Active',
			statusNormalized: 'active',
			merchantCategoryCode: { code: '0000', description: 'Test MCC Code' },
			purposeCode: { code: '00', description: 'Test Purpose Code' },
			merchantVpa: null,
			createdTimestamp: 1720203204,
			updatedTimestamp: 1721088316,
		});
		const upi = normalizePaymentConfiguration({ configuration_name: 'u', status: 'Needs_Connecting', merchant_category_code: '5411', merchant_vpa: 'shop@okbank' });
		expect(upi).toMatchObject({ statusNormalized: 'needs_connecting', merchantCategoryCode: { code: '5411', description: null }, purposeCode: null, merchantVpa: 'shop@okbank' });
	});
});

describe('paymentConfigurationRequestErrors (onboarding-apis § Create a payment configuration)', () => {
	const rules = (body: unknown) => paymentConfigurationRequestErrors(body).map((e) => `${e.path} ${e.rule}`);

	it('accepts both sample requests of the page (payment gateway and UPI VPA)', () => {
		expect(rules({ configuration_name: 'test-payment-configuration', purpose_code: '00', merchant_category_code: '0000', provider_name: 'razorpay', redirect_url: 'https://test-redirect-url.com' })).toEqual([]);
		expect(rules({ configuration_name: 'test-payment-configuration', purpose_code: '00', merchant_category_code: '0000', provider_name: 'upi_vpa', merchant_vpa: 'test-upi-merchant-vpa@test' })).toEqual([]);
	});

	it('needs only the name and the provider; codes may be given as {code}', () => {
		expect(rules({ configuration_name: 'c', provider_name: 'payu' })).toEqual([]);
		expect(rules({ configuration_name: 'c', provider_name: 'upi_vpa' })).toEqual([]);
		expect(rules({ configuration_name: 'c', provider_name: 'zaakpay', merchant_category_code: { code: '5411' }, purpose_code: { code: '00', description: 'x' } })).toEqual([]);
		expect(rules({})).toEqual(['/configuration_name required', '/provider_name required']);
	});

	// onboarding-apis § Create sets no character rule; the name becomes a request path segment, and the node reads names trimmed.
	it('takes any name of at most 60 characters, but not "." or "..", control characters or a space at either end', () => {
		for (const name of ['Razorpay Prod (main)', 'razorpay.prod', 'x'.repeat(60), '...', 'Loja São Paulo']) expect(rules({ configuration_name: name, provider_name: 'razorpay' })).toEqual([]);
		const messageFor = (name: string) => paymentConfigurationRequestErrors({ configuration_name: name, provider_name: 'razorpay' }).map((e) => `${e.rule}: ${e.message}`);
		expect(messageFor('.')).toEqual(['pattern: must contain a letter, digit, "_" or "-"']);
		expect(messageFor('..')).toEqual(['pattern: must contain a letter, digit, "_" or "-"']);
		expect(messageFor('trailing ')).toEqual(['pattern: must not start or end with a space']);
		expect(messageFor('two\nlines')).toEqual(['pattern: must not contain control characters (line breaks, tabs)']);
		expect(messageFor('')).toEqual(['pattern: must not be empty']);
		expect(messageFor('x'.repeat(61))).toEqual(['pattern: must be at most 60 characters']);
	});

	it('refuses provider_mid, which the create request does not have (the merchant ID comes with linking the gateway)', () => {
		expect(rules({ configuration_name: 'c', provider_name: 'razorpay', provider_mid: 'MID-1' })).toEqual(['/provider_mid unknown']);
	});

	it('names each malformed field', () => {
		expect(
			rules({ configuration_name: ' leading space', provider_name: 'paypal', merchant_category_code: '12', purpose_code: { code: 'x' }, redirect_url: 'ftp://x', merchant_vpa: 'no-at' }),
		).toEqual([
			'/configuration_name pattern',
			'/provider_name enum',
			'/merchant_category_code pattern',
			'/purpose_code pattern',
			'/redirect_url pattern',
			'/merchant_vpa pattern',
		]);
		expect(rules([])).toEqual(['/ type']);
		expect(rules({ configuration_name: 'x'.repeat(61), provider_name: 'zaakpay' })).toEqual(['/configuration_name pattern']);
		// onboarding-apis § Create a payment configuration: provider_name "Must be one of" upi_vpa, razorpay, payu, zaakpay.
		expect(paymentConfigurationRequestErrors({ configuration_name: 'bd-1', provider_name: 'billdesk' })).toEqual([
			{ path: '/provider_name', message: 'must be one of upi_vpa, razorpay, payu, zaakpay: a BillDesk configuration is not created through the API, link BillDesk in WhatsApp Manager', rule: 'enum' },
		]);
	});
});

describe('settleGateway: the gateway of a payment gateway bill', () => {
	const listed = [
		{ configuration_name: 'rzp', provider_name: 'razorpay' },
		{ configuration_name: 'pu', provider_name: 'PayU' },
		{ configuration_name: 'vpa', provider_name: 'upi_vpa' },
	].map(normalizePaymentConfiguration);

	it('takes the configuration\'s provider, lowercased, and accepts a matching choice', () => {
		expect(settleGateway('fromConfiguration', 'pu', listed)).toEqual({ gateway: 'payu' });
		expect(settleGateway('razorpay', 'rzp', listed)).toEqual({ gateway: 'razorpay' });
	});

	it('blames the field at fault: a mismatch the gateway, an unknown or UPI VPA configuration the configuration', () => {
		expect(settleGateway('billdesk', 'rzp', listed)).toMatchObject({ field: 'gateway', message: expect.stringMatching(/^BillDesk does not match the Payment Configuration "rzp", which is linked to Razorpay/) });
		expect(settleGateway('fromConfiguration', 'nope', listed)).toMatchObject({ field: 'paymentConfiguration', message: expect.stringContaining('"rzp", "pu", "vpa"') });
		expect(settleGateway('razorpay', 'vpa', listed)).toMatchObject({ field: 'paymentConfiguration', message: expect.stringContaining('UPI (Legacy)') });
	});

	it('a UPI VPA configuration is refused in any case of its provider_name', () => {
		const upper = [normalizePaymentConfiguration({ configuration_name: 'vpa', provider_name: 'UPI_VPA' })];
		expect(settleGateway('fromConfiguration', 'vpa', upper)).toMatchObject({ field: 'paymentConfiguration', message: expect.stringContaining('is linked to UPI VPA, not to a payment gateway') });
	});

	it('a listed configuration without a provider, or with one we do not know: a chosen gateway as it is, "from the configuration" an error on the Gateway', () => {
		const unnamed = [{ configuration_name: 'bare' }, { configuration_name: 'cf', provider_name: 'cashfree' }].map(normalizePaymentConfiguration);
		expect(settleGateway('payu', 'bare', unnamed)).toEqual({ gateway: 'payu' });
		expect(settleGateway('razorpay', 'cf', unnamed)).toEqual({ gateway: 'razorpay' });
		expect(settleGateway('fromConfiguration', 'bare', unnamed)).toEqual({
			field: 'gateway',
			message: 'the list of payment configurations does not name the gateway of "bare" (it gives no provider): choose the gateway here',
		});
		expect(settleGateway('fromConfiguration', 'cf', unnamed)).toMatchObject({ field: 'gateway', message: expect.stringContaining('(it gives the provider "cashfree", which is no gateway we know)') });
	});

	it('where the form offers no UPI (Legacy) (checkout), a UPI VPA configuration is refused without pointing at it', () => {
		const checkout = { gateways: ['razorpay', 'payu', 'zaakpay'] as const, upiLegacyOffered: false };
		expect(settleGateway('fromConfiguration', 'vpa', listed, checkout)).toMatchObject({ field: 'paymentConfiguration', message: expect.stringMatching(/not to a payment gateway: choose a payment gateway configuration$/) });
		expect(settleGateway('fromConfiguration', 'any', 'no list', checkout)).toMatchObject({ field: 'gateway', message: expect.stringMatching(/could not be read \(no list\): choose the gateway here$/) });
	});

	it('a gateway the form does not offer (a mapped "Stripe", BillDesk at checkout) is refused on the field; a configuration linked to one on the configuration', () => {
		const checkout = { gateways: ['razorpay', 'payu', 'zaakpay'] as const };
		const bd = [normalizePaymentConfiguration({ configuration_name: 'bd', provider_name: 'billdesk' })];
		expect(settleGateway('Stripe' as never, 'rzp', listed)).toEqual({ field: 'gateway', message: '"Stripe" is not a gateway to choose here: choose "From the Payment Configuration" or one of Razorpay, PayU, BillDesk, Zaakpay' });
		expect(settleGateway('billdesk', 'any', 'no list', checkout)).toMatchObject({ field: 'gateway', message: expect.stringContaining('one of Razorpay, PayU, Zaakpay') });
		expect(settleGateway('razorpay', 'bd', bd, checkout)).toEqual({ field: 'paymentConfiguration', message: '"bd" is linked to BillDesk; here the buyer pays through Razorpay, PayU, Zaakpay only' });
	});

	it('without a list: a chosen gateway as it is, "from the configuration" an error saying why', () => {
		expect(settleGateway('zaakpay', 'any', '360dialog has no API that lists payment configurations')).toEqual({ gateway: 'zaakpay' });
		expect(settleGateway('fromConfiguration', 'any', 'token lacks a permission')).toMatchObject({ field: 'gateway', message: expect.stringContaining('(token lacks a permission)') });
	});
});

describe('the configuration named: both rules find it the same way', () => {
	const listed = [normalizePaymentConfiguration({ configuration_name: 'rzp', provider_name: 'razorpay' })];

	it.each(['RZP', ' rzp', 'rzp '])('%j is not "rzp": names match to the letter, not trimmed, case counts', (name) => {
		expect(settleGateway('fromConfiguration', name, listed)).toMatchObject({ field: 'paymentConfiguration', message: expect.stringContaining('is not a payment configuration') });
		expect(upiLegacyConfigurationRefusal(name, listed)).toBeNull();
	});
});

describe('upiLegacyConfigurationRefusal: the configuration of a UPI (Legacy) bill', () => {
	const listed = [
		{ configuration_name: 'rzp', provider_name: 'razorpay' },
		{ configuration_name: 'vpa', provider_name: 'upi_vpa' },
		{ configuration_name: 'odd', provider_name: 'stripe' },
	].map(normalizePaymentConfiguration);

	it('refuses one the list links to a payment gateway, naming the gateway and the payment method to choose', () => {
		expect(upiLegacyConfigurationRefusal('rzp', listed)).toBe('"rzp" is linked to Razorpay, not to UPI VPA: for a gateway configuration choose the Payment Method "Payment Gateway"');
	});

	it('leaves a UPI VPA configuration, one the list lacks or links to no gateway we know, and an unread list to WhatsApp', () => {
		expect(upiLegacyConfigurationRefusal('vpa', listed)).toBeNull();
		expect(upiLegacyConfigurationRefusal('missing', listed)).toBeNull();
		expect(upiLegacyConfigurationRefusal('odd', listed)).toBeNull();
		expect(upiLegacyConfigurationRefusal('rzp', '360dialog has no API that lists payment configurations')).toBeNull();
	});
});

// cashfree- and billdesk-payment-gateway-integration-guide.md § Parsing the response: the configuration is the one of the VPA the intent pays.
describe('upiIntentConfigurationRefusal: the payment configuration named beside a UPI intent link', () => {
	const listed = [
		{ configuration_name: 'vpa', provider_name: 'upi_vpa', merchant_vpa: 'Shop@OKBank' },
		{ configuration_name: 'rzp', provider_name: 'razorpay' },
		{ configuration_name: 'no-vpa', provider_name: 'upi_vpa' },
	].map(normalizePaymentConfiguration);
	const link = 'upi://pay?pa=shop@okbank&pn=Shop&tr=T1';
	it('takes the configuration of the VPA the link pays (VPAs compared without case)', () => {
		expect(upiIntentConfigurationRefusal(link, 'vpa', listed)).toBeNull();
	});
	it('refuses one whose VPA is another, or one linked to a gateway, saying which', () => {
		expect(upiIntentConfigurationRefusal('upi://pay?pa=other@bank&tr=T1', 'vpa', listed)).toBe(
			'the link pays other@bank but "vpa" has the VPA Shop@OKBank: ask the gateway which VPA it pays, and name the configuration of that VPA',
		);
		expect(upiIntentConfigurationRefusal(link, 'rzp', listed)).toMatch(/^"rzp" is linked to Razorpay, not to a UPI VPA/);
	});
	it('leaves to WhatsApp what the list cannot tell: no list, a configuration it lacks, or one without a VPA', () => {
		expect(upiIntentConfigurationRefusal(link, 'vpa', 'the list could not be read')).toBeNull();
		expect(upiIntentConfigurationRefusal(link, 'missing', listed)).toBeNull();
		expect(upiIntentConfigurationRefusal(link, 'no-vpa', listed)).toBeNull();
	});
});
