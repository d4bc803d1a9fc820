/**
 * How the customer pays: India offers exactly one method per order (payment gateway, UPI intent link,
 * payment link or legacy UPI); Brazil one or more at once (Pix, payment link, boleto, One-Click card).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { settleGateway, upiIntentConfigurationRefusal, upiLegacyConfigurationRefusal, type GatewayChoice } from '../../../../core/paymentConfigurations';
import type { EnabledPaymentOption, PaymentGatewayType, PaymentSettingInput, PixKeyType, UpiAppId } from '../../../../core/types';
import { readParameter } from '../../shared/parameters';
import { configurationsOfRun, paymentConfigurationLocator, readOptionalPaymentConfiguration, readPaymentConfiguration } from '../../shared/paymentConfiguration';
import { text } from '../../shared/values';
import { fromVersion2, inVersion1, isVersion1 } from '../../shared/versions';

type IndiaPaymentMethod = 'paymentGateway' | 'upiIntentLink' | 'paymentLink' | 'upiLegacy';

const india = (extra: IDataObject = {}) => ({ show: { market: ['india'], ...extra } });

/** The gateways' numbered pass-through fields: udf1-4, extra1-2, additional_info1-7 (their wire names). */
const numberedFields = (displayName: string, wireName: string, count: number, description: string): INodeProperties[] =>
	Array.from({ length: count }, (_, i) => ({ displayName: `${displayName} ${i + 1}`, name: `${wireName}${i + 1}`, type: 'string', default: '', description }));

/** Third-party validation (TPV) for one gateway: the buyer's bank account, encrypted with the gateway's public key. */
const tpvCollection = (gatewayName: 'Razorpay' | 'PayU'): INodeProperties => ({
	displayName: `${gatewayName} Third-Party Validation (TPV)`,
	name: `${gatewayName.toLowerCase()}Tpv`,
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	displayOptions: india({ paymentMethod: ['paymentGateway'], gateway: [gatewayName.toLowerCase()] }),
	description: `Only accounts you name may pay (alpha: enabled by Meta and ${gatewayName} on request)`,
	options: [
		{
			displayName: 'Encrypted Payment Gateway Data',
			name: 'encryptedPaymentGatewayData',
			type: 'string',
			default: '',
			description: `The customer's bank account details encrypted with ${gatewayName}'s public key`,
		},
	],
});

/** The payment configuration a UPI intent link may name. */
const UPI_INTENT_CONFIGURATION = 'upiIntentConfiguration';

const GATEWAY_OPTIONS = [
	{ name: 'BillDesk', value: 'billdesk' },
	{ name: 'PayU', value: 'payu' },
	{ name: 'Razorpay', value: 'razorpay' },
	{ name: 'Zaakpay', value: 'zaakpay' },
];

export const paymentProperties: INodeProperties[] = [
	{
		displayName: 'Payment Method',
		name: 'paymentMethod',
		type: 'options',
		displayOptions: india(),
		options: [
			{ name: 'Payment Gateway', value: 'paymentGateway', description: 'Razorpay, PayU, BillDesk or Zaakpay through a payment configuration' },
			{ name: 'UPI Intent Link', value: 'upiIntentLink', description: 'A upi://pay link of your own' },
			{ name: 'Payment Link', value: 'paymentLink', description: 'An https link to your checkout page' },
			{ name: 'UPI (Legacy)', value: 'upiLegacy', description: 'An older UPI payment configuration: your UPI ID (VPA) set up in WhatsApp Manager' },
		],
		default: 'paymentGateway',
	},
	inVersion1({
		displayName: 'Payment Gateway',
		name: 'gateway',
		type: 'options',
		displayOptions: india({ paymentMethod: ['paymentGateway'] }),
		options: GATEWAY_OPTIONS,
		default: 'razorpay',
	}),
	paymentConfigurationLocator({ displayOptions: india({ paymentMethod: ['paymentGateway', 'upiLegacy'] }) }),
	fromVersion2({
		displayName: 'Payment Gateway',
		name: 'gateway',
		type: 'options',
		displayOptions: india({ paymentMethod: ['paymentGateway'] }),
		options: [{ name: 'From the Payment Configuration', value: 'fromConfiguration', description: 'The gateway the configuration is linked to' }, ...GATEWAY_OPTIONS],
		default: 'fromConfiguration',
		hint: "Leave it: the node reads the configuration's gateway. Choose one to add its own fields (e.g. a Razorpay receipt) or with 360dialog, which cannot tell it",
	}),
	{
		displayName: 'UPI Intent Link',
		name: 'upiIntentLink',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'upi://pay?pa=merchant@bank&pn=Merchant&mc=5411&purpose=00&tr=ORDER-1',
		displayOptions: india({ paymentMethod: ['upiIntentLink'] }),
	},
	// Its own name, so that a gateway's configuration chosen before switching the method is not sent with the link.
	paymentConfigurationLocator({
		displayName: 'UPI Payment Configuration',
		name: UPI_INTENT_CONFIGURATION,
		displayOptions: india({ paymentMethod: ['upiIntentLink'] }),
		required: false,
		description: 'Optional: the UPI VPA payment configuration whose VPA the link pays (its pa=), sent beside the link as Cashfree and BillDesk ask',
		hint: 'Leave it empty unless your gateway asks for it; the node refuses a configuration whose VPA is not the one the link pays',
	}),
	{
		displayName: 'Payment Link',
		name: 'paymentLinkUri',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://pay.example.com/order/123',
		displayOptions: india({ paymentMethod: ['paymentLink'] }),
	},
	{
		displayName: 'Payment Link Return URLs',
		name: 'paymentLinkReturnUrls',
		type: 'collection',
		placeholder: 'Add URL',
		default: {},
		displayOptions: india({ paymentMethod: ['paymentLink'] }),
		description: 'Where the payment page sends the buyer back after paying or canceling',
		options: [
			{ displayName: 'Cancel URL', name: 'cancelUrl', type: 'string', default: '', placeholder: 'https://shop.example/payment-canceled', description: 'Reaching it ends the flow as failed' },
			{ displayName: 'Success URL', name: 'successUrl', type: 'string', default: '', placeholder: 'https://shop.example/payment-done', description: 'Reaching it ends the flow as successful' },
		],
	},
	{
		displayName: 'Payment Options',
		name: 'paymentOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: india({ paymentMethod: ['paymentGateway'] }),
		description: 'What the customer may choose at checkout',
		options: [
			{
				displayName: 'Enabled Payment Options',
				name: 'enabledPaymentOptions',
				type: 'multiOptions',
				options: [
					{ name: 'Gateway Web Checkout', value: 'web', description: "The gateway's web page with the options of your gateway account (cards, netbanking, wallets)" },
					{ name: 'UPI Apps', value: 'upi', description: 'Only UPI apps (UPI is limited to ₹5,00,000 per payment)' },
				],
				default: [],
				description: 'Restrict the checkout; above ₹5,00,000 choose only Gateway Web Checkout',
			},
			{
				displayName: 'Preferred UPI App',
				name: 'preferredUpiApp',
				type: 'options',
				options: [
					{ name: 'Amazon Pay', value: 'amazonpay' },
					{ name: 'BHIM', value: 'bhim' },
					{ name: 'CRED', value: 'cred' },
					{ name: 'Google Pay', value: 'gpay' },
					{ name: 'Mobikwik', value: 'mobikwik' },
					{ name: 'Paytm', value: 'paytm' },
					{ name: 'PhonePe', value: 'phonepe' },
				],
				default: 'gpay',
				description: 'Listed first among the UPI apps at checkout',
			},
		],
	},
	{
		displayName: 'Razorpay Fields',
		name: 'razorpayFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: india({ paymentMethod: ['paymentGateway'], gateway: ['razorpay'] }),
		options: [
			{ displayName: 'Receipt', name: 'receipt', type: 'string', default: '', placeholder: 'e.g. RCPT-1001', description: 'Your receipt number (1-40 characters)' },
			{
				displayName: 'Notes',
				name: 'notes',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Note',
				default: {},
				description: 'Up to 15 key-value pairs, each key set and unique, values up to 256 characters',
				options: [
					{
						displayName: 'Note',
						name: 'note',
						values: [
							{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'e.g. shop_order' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. 1001' },
						],
					},
				],
			},
		],
	},
	tpvCollection('Razorpay'),
	{
		displayName: 'PayU Fields',
		name: 'payuFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: india({ paymentMethod: ['paymentGateway'], gateway: ['payu'] }),
		options: numberedFields('UDF', 'udf', 4, 'User-defined field (up to 255 characters)'),
	},
	tpvCollection('PayU'),
	{
		displayName: 'Zaakpay Fields',
		name: 'zaakpayFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: india({ paymentMethod: ['paymentGateway'], gateway: ['zaakpay'] }),
		options: numberedFields('Extra', 'extra', 2, 'Extra field (up to 180 characters)'),
	},
	{
		displayName: 'BillDesk Fields',
		name: 'billdeskFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: india({ paymentMethod: ['paymentGateway'], gateway: ['billdesk'] }),
		options: numberedFields('Additional Info', 'additional_info', 7, 'Additional info (up to 120 characters)'),
	},
	{
		displayName: 'Payment Methods',
		name: 'brazilPaymentMethods',
		type: 'fixedCollection',
		placeholder: 'Add Payment Method',
		default: {},
		required: true,
		description: 'One or more ways to pay; the customer chooses',
		displayOptions: { show: { market: ['brazil'] } },
		options: [
			{
				displayName: 'Pix (Dynamic Code)',
				name: 'pixDynamicCode',
				values: [
					{ displayName: 'Pix Code', name: 'code', type: 'string', default: '', placeholder: 'e.g. 00020101021226...', description: 'The Pix copia-e-cola code from your PSP' },
					{ displayName: 'Merchant Name', name: 'merchantName', type: 'string', default: '', placeholder: 'e.g. Loja Exemplo' },
					{ displayName: 'Pix Key', name: 'key', type: 'string', default: '', placeholder: 'e.g. 12345678901 or pix@loja.com.br', description: 'Your Pix key, of the Key Type below' },
					{
						displayName: 'Key Type',
						name: 'keyType',
						type: 'options',
						options: [
							{ name: 'CNPJ', value: 'CNPJ' },
							{ name: 'CPF', value: 'CPF' },
							{ name: 'Email', value: 'EMAIL' },
							{ name: 'Phone', value: 'PHONE' },
							{ name: 'Random Key (EVP)', value: 'EVP' },
						],
						default: 'CPF',
						description: 'What the key is; the buyer sees the key under it, so a key of another type (an email under CPF) is an error before sending',
					},
				],
			},
			{
				displayName: 'Payment Link',
				name: 'paymentLink',
				values: [{ displayName: 'Link', name: 'uri', type: 'string', default: '', placeholder: 'https://pay.example.com/order/123' }],
			},
			{
				displayName: 'Boleto',
				name: 'boleto',
				values: [
					{
						displayName: 'Digitable Line',
						name: 'digitableLine',
						type: 'string',
						default: '',
						placeholder: 'e.g. 03399.85301 29700.000000 00000.000000 1 84340000010000',
						description: 'The boleto\'s linha digitável, from your PSP',
					},
				],
			},
			{
				displayName: 'One-Click Card (Offsite Card Pay)',
				name: 'offsiteCardPay',
				values: [
					{ displayName: 'Last Four Digits', name: 'lastFourDigits', type: 'string', default: '', placeholder: 'e.g. 4242', description: 'Shown to the customer to confirm the card' },
					{
						displayName: 'Credential ID',
						name: 'credentialId',
						type: 'string',
						default: '',
						placeholder: 'e.g. card-7781',
						description: 'Your ID of the stored card at your PSP; the WhatsApp Payments Trigger\'s One-Click Payment Method event returns it as credentialId',
					},
				],
			},
		],
	},
];

const nonEmpty = (fields: IDataObject): Record<string, string> =>
	Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '' && v !== undefined && v !== null).map(([k, v]) => [k, String(v)]));

interface RazorpayNote {
	key: string;
	value: string;
}

/** Razorpay notes as an object; an empty or repeated key would be sent empty or overwrite a note: an error naming it. */
function razorpayNotes(ctx: IExecuteFunctions, itemIndex: number, noteList: RazorpayNote[]): Record<string, string> {
	const notes = new Map<string, string>();
	noteList.forEach(({ key, value }, i) => {
		const path = `razorpayFields.notes[${i}].key`;
		if (text(key) === undefined) throw new NodeOperationError(ctx.getNode(), `${path}: is empty; every note needs a key`, { itemIndex });
		if (notes.has(key)) throw new NodeOperationError(ctx.getNode(), `${path}: "${key}" is used by an earlier note; keys must be unique`, { itemIndex });
		notes.set(key, value);
	});
	return Object.fromEntries(notes);
}

function gatewayExtras(ctx: IExecuteFunctions, itemIndex: number, gateway: PaymentGatewayType): Partial<PaymentSettingInput> {
	const read = (name: string) => readParameter<IDataObject>(ctx, name, itemIndex, {});
	switch (gateway) {
		case 'razorpay': {
			const { receipt, notes } = read('razorpayFields') as { receipt?: string; notes?: { note?: RazorpayNote[] } };
			const noteList = notes?.note ?? [];
			const razorpay = {
				...(receipt ? { receipt } : {}),
				...(noteList.length > 0 ? { notes: razorpayNotes(ctx, itemIndex, noteList) } : {}),
			};
			return Object.keys(razorpay).length > 0 ? { razorpay } : {};
		}
		case 'payu':
		case 'zaakpay':
		case 'billdesk': {
			const fields = nonEmpty(read(`${gateway}Fields`));
			return Object.keys(fields).length > 0 ? { [gateway]: fields } : {};
		}
	}
}

const upiIntentLinkOf = (ctx: IExecuteFunctions, itemIndex: number): string => String(readParameter(ctx, 'upiIntentLink', itemIndex)).trim();

function readIndiaPayment(ctx: IExecuteFunctions, itemIndex: number, gateway: PaymentGatewayType | undefined): PaymentSettingInput {
	const method = readParameter<IndiaPaymentMethod>(ctx, 'paymentMethod', itemIndex);
	switch (method) {
		case 'paymentGateway': {
			if (gateway === undefined) throw new Error('The payment gateway was not settled before reading the payment');
			const options = readParameter<IDataObject>(ctx, 'paymentOptions', itemIndex, {});
			const enabled = (options.enabledPaymentOptions ?? []) as EnabledPaymentOption[];
			const preferred = text(options.preferredUpiApp) as UpiAppId | undefined;
			const tpv = gateway === 'razorpay' || gateway === 'payu' ? text(readParameter<IDataObject>(ctx, `${gateway}Tpv`, itemIndex, {}).encryptedPaymentGatewayData) : undefined;
			return {
				type: 'payment_gateway',
				gateway,
				configurationName: readPaymentConfiguration(ctx, itemIndex),
				...gatewayExtras(ctx, itemIndex, gateway),
				...(enabled.length > 0 ? { enabledPaymentOptions: enabled } : {}),
				...(preferred ? { preferredPaymentMethod: preferred } : {}),
				...(tpv ? { tpvEncryptedData: tpv } : {}),
			} as PaymentSettingInput;
		}
		case 'upiIntentLink': {
			const configurationName = readOptionalPaymentConfiguration(ctx, itemIndex, UPI_INTENT_CONFIGURATION);
			return { type: 'upi_intent_link', link: upiIntentLinkOf(ctx, itemIndex), ...(configurationName === undefined ? {} : { configurationName }) };
		}
		case 'paymentLink': {
			const urls = readParameter<IDataObject>(ctx, 'paymentLinkReturnUrls', itemIndex, {});
			const successUrl = text(urls.successUrl);
			const cancelUrl = text(urls.cancelUrl);
			return {
				type: 'payment_link',
				uri: String(readParameter(ctx, 'paymentLinkUri', itemIndex)).trim(),
				...(successUrl ? { successUrl } : {}),
				...(cancelUrl ? { cancelUrl } : {}),
			};
		}
		case 'upiLegacy':
			return { type: 'upi_legacy', configurationName: readPaymentConfiguration(ctx, itemIndex) };
	}
}

function readBrazilPayments(ctx: IExecuteFunctions, itemIndex: number): PaymentSettingInput[] {
	const methods = readParameter<Record<string, IDataObject | undefined>>(ctx, 'brazilPaymentMethods', itemIndex, {});
	// Empty fields stay as '' so that the core names them as missing.
	const field = (x: unknown) => text(x) ?? '';
	const settings: PaymentSettingInput[] = [];
	const pix = methods.pixDynamicCode;
	if (pix) settings.push({ type: 'pix_dynamic_code', code: field(pix.code), merchantName: field(pix.merchantName), key: field(pix.key), keyType: field(pix.keyType) as PixKeyType });
	if (methods.paymentLink) settings.push({ type: 'payment_link', uri: field(methods.paymentLink.uri) });
	if (methods.boleto) settings.push({ type: 'boleto', digitableLine: field(methods.boleto.digitableLine) });
	const card = methods.offsiteCardPay;
	if (card) settings.push({ type: 'offsite_card_pay', lastFourDigits: field(card.lastFourDigits), credentialId: field(card.credentialId) });
	return settings;
}

/** The order's payment setting(s) for item `itemIndex` (`gateway`: settledGateway's answer); the core checks them. */
export function readPayment(ctx: IExecuteFunctions, itemIndex: number, market: 'india' | 'brazil', gateway: PaymentGatewayType | undefined): PaymentSettingInput | PaymentSettingInput[] {
	return market === 'india' ? readIndiaPayment(ctx, itemIndex, gateway) : readBrazilPayments(ctx, itemIndex);
}

/**
 * The gateway of item `itemIndex`'s India payment gateway bill (undefined for other bills). Version 1: the
 * Payment Gateway as chosen. Version 2: the one the payment configuration is linked to, read from the
 * account's list (once per run); a gateway chosen as well must match it (core settleGateway). A UPI (Legacy) bill's
 * configuration must not be a gateway's (version 2); a UPI intent link's, if named, must be the one of the VPA it pays.
 */
export async function settledGateway(ctx: IExecuteFunctions, itemIndex: number): Promise<PaymentGatewayType | undefined> {
	if (readParameter(ctx, 'market', itemIndex) !== 'india') return undefined;
	const method = readParameter(ctx, 'paymentMethod', itemIndex);
	const intentConfiguration = method === 'upiIntentLink' ? readOptionalPaymentConfiguration(ctx, itemIndex, UPI_INTENT_CONFIGURATION) : undefined;
	if (intentConfiguration !== undefined) {
		const refusal = upiIntentConfigurationRefusal(upiIntentLinkOf(ctx, itemIndex), intentConfiguration, await configurationsOfRun(ctx));
		if (refusal) throw new NodeOperationError(ctx.getNode(), `${UPI_INTENT_CONFIGURATION}: ${refusal}`, { itemIndex });
	}
	if (method === 'upiLegacy' && !isVersion1(ctx)) {
		const configurationName = readPaymentConfiguration(ctx, itemIndex);
		const refusal = upiLegacyConfigurationRefusal(configurationName, await configurationsOfRun(ctx));
		if (refusal) throw new NodeOperationError(ctx.getNode(), `paymentConfiguration: ${refusal}`, { itemIndex });
	}
	if (method !== 'paymentGateway') return undefined;
	const choice = readParameter<GatewayChoice>(ctx, 'gateway', itemIndex, 'fromConfiguration');
	if (isVersion1(ctx) && choice !== 'fromConfiguration') return choice;
	const settled = settleGateway(choice, readPaymentConfiguration(ctx, itemIndex), await configurationsOfRun(ctx));
	if ('gateway' in settled) return settled.gateway;
	throw new NodeOperationError(ctx.getNode(), `${settled.field}: ${settled.message}`, { itemIndex });
}
