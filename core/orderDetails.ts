/**
 * order_details: validate a bill in any form (message, interactive object, template message, parameters)
 * and build one from friendly input (camelCase, amounts in currency units) as the exact Cloud API body.
 */
import { readEpochSeconds } from './epochSeconds';
import { OrderValidationError } from './errors';
import { orderDetailsParameters } from './generated/validators';
import { headerPathOf, isObject, locateParameters, templateBodyComponent, templateMessage, type JsonObject } from './messageShape';
import { amountExample, MAX_WIRE_MINOR, MONEY_OFFSET, toMinor } from './money';
import { checkOrderRules, EXPIRATION_DESCRIPTION_IN_BRAZIL, MARKETS, subtotalOf, SUBTOTAL_FORMULA, sumMismatch, totalOf, TOTAL_FORMULA, TPV_SETTING_TYPES } from './orderRules';
import { childPath, toValidationErrors } from './schemaErrors';
import type {
	BeneficiaryInput,
	ShippingAddressInput,
	ChargeInput,
	DiscountInput,
	MoneyInput,
	OrderDetailsInput,
	OrderDetailsTemplateInput,
	OrderItemInput,
	OrderOptions,
	PaymentSettingInput,
	ValidationError,
	ValidationResult,
	WireAmount,
} from './types';

/**
 * Validates an order_details message, its interactive object, its template form or the parameters alone
 * (object or stringified JSON). The market (India / Brazil) comes from currency, else payment_type.
 */
export function validateOrderDetails(x: unknown, options?: OrderOptions): ValidationResult {
	const located = locateParameters(x, 'order_details');
	const errors = located.errors;
	const parameters = located.parameters;
	if (parameters !== undefined) {
		const shapeErrors = orderDetailsParameters(parameters) ? [] : toValidationErrors(orderDetailsParameters.errors, located.path);
		errors.push(...shapeErrors);
		if (isObject(parameters)) {
			// A value the schema already faulted (itself or inside it) is not reported again by a rule.
			const faulted = (path: string) => shapeErrors.some((e) => e.path === path || e.path.startsWith(`${path}/`));
			for (const e of checkOrderRules(parameters, located.path, options)) if (!faulted(e.path)) errors.push(e);
			// brazil-orders.md § Simplified order details message: "do not support an image header".
			if (parameters.order === undefined && located.header !== undefined) {
				errors.push({ path: headerPathOf(located), message: 'is not supported without an order object (simplified order_details)', rule: 'header' });
			}
		}
	}
	return { valid: errors.length === 0, errors };
}

// ---------------------------------------------------------------- builder

/** What the parameters are built from: the input without the message envelope. */
type OrderParametersInput = Omit<OrderDetailsInput, 'body' | 'footer' | 'header'>;

/**
 * The fields of a fresh object literal that are defined, so optional wire fields are absent rather than undefined.
 * A copy rather than `delete`, which would leave the object in V8's slow dictionary mode for the validation and
 * serialisation that read it next.
 */
function defined<T extends JsonObject>(obj: T): T {
	const out: JsonObject = {};
	for (const key in obj) if (obj[key] !== undefined) out[key] = obj[key];
	return out as T;
}

/** Reads the friendly input; every problem is recorded with its pointer into the input. */
class InputReader {
	readonly errors: ValidationError[] = [];
	/** Offset of the input's amounts: currency units (100 minor per unit) or minor units already. */
	private readonly inputOffset: number;

	constructor(amountsIn: OrderDetailsInput['amountsIn']) {
		this.inputOffset = amountsIn === 'minor' ? 1 : MONEY_OFFSET;
		if (amountsIn !== undefined && amountsIn !== 'major' && amountsIn !== 'minor') this.add('/amountsIn', 'must be "major" or "minor"', 'enum');
	}

	add(path: string, message: string, rule: string): void {
		this.errors.push({ path, message, rule });
	}

	/** A computed sum that is not the one given, said in the units the amounts were given in. */
	sumMismatch(path: string, computed: bigint, given: number, formula: string, rule: string): void {
		this.add(path, sumMismatch(computed, given, formula, this.inputOffset), rule);
	}

	/** Minor units of an input amount; NaN (never sent: the error stops the build) when it cannot be read. */
	minor(value: MoneyInput | undefined, path: string): number {
		if (value === undefined) {
			this.add(path, 'is required', 'required');
			return NaN;
		}
		try {
			return toMinor(value, this.inputOffset);
		} catch (e) {
			this.add(path, (e as Error).message, 'amount');
			return NaN;
		}
	}

	amount(value: MoneyInput | undefined, path: string): WireAmount {
		return { value: this.minor(value, path), offset: MONEY_OFFSET };
	}

	/** An item's price or sale price: the schema's positive `itemAmount`, said in the input's words (a row left at 0, an empty cell). */
	itemAmount(value: MoneyInput | undefined, path: string): WireAmount {
		if (value === undefined) {
			this.add(path, `is empty or missing: give the price of one unit, ${amountExample(this.inputOffset === 1 ? 0 : 2)}`, 'required');
			return { value: NaN, offset: MONEY_OFFSET };
		}
		return this.positiveAmount(value, path);
	}

	/** An amount the schema wants positive: 0 said in the input's words (the schema's "must be >= 1" counts paise or centavos). */
	positiveAmount(value: MoneyInput, path: string): WireAmount {
		const amount = this.amount(value, path);
		if (amount.value === 0) this.add(path, 'must be greater than 0', 'amount');
		return amount;
	}

	charge(charge: ChargeInput | DiscountInput | undefined, path: string): JsonObject | undefined {
		if (charge === undefined) return undefined;
		if (!isObject(charge)) {
			this.add(path, 'must be an object with amount', 'type');
			return undefined;
		}
		return defined({
			...this.amount(charge.amount, childPath(path, 'amount')),
			description: charge.description,
			discount_program_name: (charge as DiscountInput).programName,
		});
	}

	quantity(value: unknown, path: string): number {
		const n = typeof value === 'string' && /^[0-9]+$/.test(value.trim()) ? Number(value) : value;
		if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 1) return n;
		this.add(path, 'must be a whole number of at least 1', 'quantity');
		return NaN;
	}

	/** Epoch seconds as the wire's numeric string, from seconds, a numeric string, a Date or an ISO 8601 text. */
	expirationTimestamp(value: unknown, path: string): string | undefined {
		const read = readEpochSeconds(value);
		if ('error' in read) {
			this.add(path, read.error, 'expiration');
			return undefined;
		}
		return String(read.seconds);
	}
}

function wireItem(item: OrderItemInput, path: string, read: InputReader): JsonObject {
	if (!isObject(item)) {
		read.add(path, 'must be an object', 'type');
		return {};
	}
	const address = item.importerAddress;
	return defined({
		retailer_id: item.retailerId,
		name: item.name,
		amount: read.itemAmount(item.amount, `${path}/amount`),
		sale_amount: item.saleAmount === undefined ? undefined : read.itemAmount(item.saleAmount, `${path}/saleAmount`),
		quantity: read.quantity(item.quantity, `${path}/quantity`),
		country_of_origin: item.countryOfOrigin,
		importer_name: item.importerName,
		importer_address: address
			? defined({
					address_line1: address.addressLine1,
					address_line2: address.addressLine2,
					city: address.city,
					zone_code: address.zoneCode,
					postal_code: address.postalCode,
					country_code: address.countryCode,
				})
			: undefined,
		image: item.imageUrl === undefined ? undefined : { link: item.imageUrl },
	});
}

/** One friendly payment setting -> its wire form (upi_legacy has none: it becomes payment_configuration). */
function wirePaymentSetting(setting: PaymentSettingInput, path: string, read: InputReader): JsonObject | undefined {
	switch (setting.type) {
		case 'payment_gateway':
			return {
				type: 'payment_gateway',
				payment_gateway: defined({
					type: setting.gateway,
					configuration_name: setting.configurationName,
					enabled_payment_options: setting.enabledPaymentOptions,
					preferred_payment_methods: setting.preferredPaymentMethod === undefined ? undefined : [{ method: setting.preferredPaymentMethod }],
					razorpay: setting.razorpay,
					payu: setting.payu,
					zaakpay: setting.zaakpay,
					billdesk: setting.billdesk,
				}),
			};
		case 'upi_intent_link':
			return { type: 'upi_intent_link', upi_intent_link: { link: setting.link } };
		case 'payment_link':
			return { type: 'payment_link', payment_link: defined({ uri: setting.uri, success_url: setting.successUrl, cancel_url: setting.cancelUrl }) };
		case 'pix_dynamic_code':
			return {
				type: 'pix_dynamic_code',
				pix_dynamic_code: { code: setting.code, merchant_name: setting.merchantName, key: setting.key, key_type: setting.keyType },
			};
		case 'boleto':
			return { type: 'boleto', boleto: { digitable_line: setting.digitableLine } };
		case 'offsite_card_pay':
			return { type: 'offsite_card_pay', offsite_card_pay: { last_four_digits: setting.lastFourDigits, credential_id: setting.credentialId } };
		default:
			read.add(`${path}/type`, `must be one of payment_gateway, upi_intent_link, payment_link, upi_legacy, pix_dynamic_code, boleto, offsite_card_pay`, 'enum');
			return undefined;
	}
}

/** The third-party validation setting that goes beside a Razorpay / PayU gateway setting (the page's form, see TPV_SETTING_TYPES). */
function wireTpvSetting(gateway: string, encrypted: string, path: string, read: InputReader): JsonObject | undefined {
	if (!(TPV_SETTING_TYPES as readonly string[]).includes(gateway)) {
		read.add(path, 'third-party validation is available for Razorpay and PayU only', 'tpv');
		return undefined;
	}
	return { type: gateway, [gateway]: { encrypted_payment_gateway_data: encrypted } };
}

/** payment_type, payment_configuration and payment_settings of the parameters. */
function wirePayment(input: OrderParametersInput, read: InputReader): JsonObject {
	const market = MARKETS[input.market];
	const single = !Array.isArray(input.payment);
	const settings = (single ? [input.payment] : input.payment) as PaymentSettingInput[];
	const pathOf = (i: number) => (single ? '/payment' : `/payment/${i}`);
	if (settings.length === 0) read.add('/payment', 'needs at least one payment method', 'required');
	const legacy = settings.findIndex((s) => isObject(s) && s.type === 'upi_legacy');
	if (legacy >= 0) {
		if (settings.length > 1) read.add(pathOf(legacy), 'upi_legacy must be the only payment method', 'payment_settings');
		const setting = settings[legacy] as Extract<PaymentSettingInput, { type: 'upi_legacy' }>;
		return { payment_type: market.paymentType, payment_configuration: setting.configurationName };
	}
	const wire: JsonObject[] = [];
	settings.forEach((setting, i) => {
		const built = isObject(setting) ? wirePaymentSetting(setting, pathOf(i), read) : read.add(pathOf(i), 'must be an object with a type', 'type');
		if (built) wire.push(built);
		if (isObject(setting) && setting.type === 'payment_gateway' && setting.tpvEncryptedData !== undefined) {
			const tpv = wireTpvSetting(setting.gateway, setting.tpvEncryptedData, `${pathOf(i)}/tpvEncryptedData`, read);
			if (tpv) wire.push(tpv);
		}
	});
	// The UPI VPA configuration a UPI intent pays goes beside it, with payment_type "upi" as Meta's India template example
	// sends the pair (india-send-order-details-template-message.md); the gateway guides name only the configuration.
	const intentConfiguration = settings.find((s): s is Extract<PaymentSettingInput, { type: 'upi_intent_link' }> => isObject(s) && s.type === 'upi_intent_link')?.configurationName;
	// India sends payment_type "upi" only with a payment link or that configuration; Brazil always sends "br".
	const withPaymentType = input.market === 'brazil' || intentConfiguration !== undefined || settings.some((s) => isObject(s) && s.type === 'payment_link');
	return defined({ payment_type: withPaymentType ? market.paymentType : undefined, payment_configuration: intentConfiguration, payment_settings: wire });
}

/** Beneficiaries as sent; a non-list or a non-object entry is an input error naming it. */
function wireBeneficiaries(beneficiaries: unknown, read: InputReader): JsonObject[] | undefined {
	if (beneficiaries === undefined) return undefined;
	if (!Array.isArray(beneficiaries)) {
		read.add('/beneficiaries', 'must be a list', 'type');
		return undefined;
	}
	return beneficiaries.map((b: unknown, i) => {
		if (isObject(b)) return wireBeneficiary(b as unknown as BeneficiaryInput);
		read.add(`/beneficiaries/${i}`, 'must be an object', 'type');
		return {};
	});
}

function wireBeneficiary(b: BeneficiaryInput): JsonObject {
	return defined({
		name: b.name,
		address_line1: b.addressLine1,
		address_line2: b.addressLine2,
		city: b.city,
		state: b.state,
		country: b.country ?? 'India',
		postal_code: b.postalCode,
	});
}

/** The buyer's known addresses (checkout-button orders): India only, so the country is always "IN". */
function wireShippingInfo(info: OrderParametersInput['shippingInfo'], read: InputReader): JsonObject | undefined {
	if (info === undefined) return undefined;
	if (!isObject(info) || !Array.isArray(info.addresses)) {
		read.add('/shippingInfo/addresses', 'must be a list (empty when you know no address)', 'type');
		return undefined;
	}
	const addresses = info.addresses.map((a: ShippingAddressInput, i) => {
		if (!isObject(a)) {
			read.add(`/shippingInfo/addresses/${i}`, 'must be an object', 'type');
			return {};
		}
		return defined({
			name: a.name,
			phone_number: a.phoneNumber,
			address: a.address,
			city: a.city,
			state: a.state,
			in_pin_code: a.inPinCode,
			landmark_area: a.landmarkArea,
			house_number: a.houseNumber,
			tower_number: a.towerNumber,
			building_name: a.buildingName,
			floor_number: a.floorNumber,
		});
	});
	return { country: 'IN', addresses };
}

/** Input fields that belong to the order object: a simplified (item-less) order cannot carry them. */
const ORDER_OBJECT_INPUTS = ['catalogId', 'quickPay', 'tax', 'shipping', 'discount', 'subtotal', 'expiration'] as const;

/**
 * A given subtotal/total must equal the computed one (exact, BigInt); absent ones are computed, and a computed
 * sum beyond what a wire value (a JSON number) carries exactly is an error naming the field. `computed` is null when the parts
 * could not be read (their own errors say why).
 */
function checkedSum(given: MoneyInput | undefined, computed: bigint | null, path: string, rule: string, formula: string, read: InputReader): WireAmount {
	if (given === undefined) {
		if (computed !== null && computed > MAX_WIRE_MINOR) {
			read.add(path, `${formula} is ${computed} minor units, more than the ${MAX_WIRE_MINOR} an amount can carry exactly`, 'amount');
			return { value: NaN, offset: MONEY_OFFSET };
		}
		return { value: computed === null ? NaN : Number(computed), offset: MONEY_OFFSET };
	}
	const value = read.minor(given, path);
	if (!Number.isNaN(value) && computed !== null && BigInt(value) !== computed) read.sumMismatch(path, computed, value, formula, rule);
	return { value, offset: MONEY_OFFSET };
}

/**
 * Brazil's simplified order_details has no order object, only the total and the payment settings
 * (brazil-orders.md § Simplified order details message): the fields that would go into it are errors.
 */
function refuseOrderFields(input: OrderParametersInput, read: InputReader): undefined {
	for (const key of ORDER_OBJECT_INPUTS) {
		if (input[key] !== undefined) read.add(`/${key}`, 'needs items: without items the order is sent in its simplified form, which has no order object', 'simplified');
	}
	if (input.total === undefined) read.add('/total', 'is required when the order has no items (simplified form)', 'required');
	return undefined;
}

/** The order object: items, the computed (or checked) subtotal, charges and expiration. */
function wireOrder(input: OrderParametersInput, read: InputReader): JsonObject {
	const items = Array.isArray(input.items) ? input.items.map((item, i) => wireItem(item, `/items/${i}`, read)) : [];
	const description: unknown = input.expiration?.description;
	if (input.market === 'brazil' && input.expiration && (description === undefined || (typeof description === 'string' && description.trim() === ''))) {
		// brazil-orders.md § Expiration object: the description is Required (a blank one explains nothing).
		read.add('/expiration/description', `is required ${EXPIRATION_DESCRIPTION_IN_BRAZIL}`, 'required');
	}
	if (!Array.isArray(input.items) || items.length === 0) read.add('/items', 'needs at least one item', 'minItems');
	const subtotal = checkedSum(input.subtotal, subtotalOf(items), '/subtotal', 'subtotal', SUBTOTAL_FORMULA, read);
	return defined({
		status: 'pending',
		type: input.quickPay ? 'quick_pay' : undefined,
		catalog_id: input.catalogId,
		expiration: input.expiration
			? defined({
					timestamp: read.expirationTimestamp(input.expiration.timestamp, '/expiration/timestamp'),
					description: input.expiration.description,
				})
			: undefined,
		items,
		subtotal,
		// The tax object is required; without a tax given it is 0. UNCONFIRMED: India tax of 0. The India pages call
		// its value a "Positive integer", the phrase every amount of theirs and Brazil's carries, while Brazil's tax row
		// says the amount "can be zero" (the client then hides the line): 0 is accepted and sent in both markets.
		tax: read.charge(input.tax, '/tax') ?? { value: 0, offset: MONEY_OFFSET },
		shipping: read.charge(input.shipping, '/shipping'),
		discount: read.charge(input.discount, '/discount'),
	});
}

/** The action parameters of an order_details message, from friendly input (a Brazil order without items: the simplified form). */
function buildParameters(input: OrderParametersInput, read: InputReader): JsonObject {
	const simplified = input.items === undefined && input.market === 'brazil';
	const order = simplified ? refuseOrderFields(input, read) : wireOrder(input, read);
	const total = order ? checkedSum(input.total, totalOf(order), '/total', 'total_amount', TOTAL_FORMULA, read) : input.total === undefined ? undefined : read.positiveAmount(input.total, '/total');
	return defined({
		reference_id: input.referenceId,
		type: input.goodsType ?? 'digital-goods',
		...wirePayment(input, read),
		currency: MARKETS[input.market].currency,
		total_amount: total,
		order,
		beneficiaries: wireBeneficiaries(input.beneficiaries, read),
		shipping_info: wireShippingInfo(input.shippingInfo, read),
	});
}

/** Reads the input into order_details parameters (also the checkout template's, core/checkoutTemplate.ts) or throws OrderValidationError with paths into the input. */
export function orderParametersFrom(input: OrderParametersInput): JsonObject {
	const read = new InputReader(isObject(input) ? input.amountsIn : undefined);
	if (!isObject(input)) read.add('', 'must be an object', 'type');
	else if (input.market !== 'india' && input.market !== 'brazil') read.add('/market', 'must be "india" or "brazil"', 'enum');
	else if (input.payment === undefined) read.add('/payment', 'is required', 'required');
	if (read.errors.length) throw new OrderValidationError(read.errors, 'order input');
	const parameters = buildParameters(input, read);
	if (read.errors.length) throw new OrderValidationError(read.errors, 'order input');
	return parameters;
}

/** Throws when the built message breaks a rule (paths point into the message). */
function validated<T>(message: T, options: OrderOptions | undefined): T {
	const result = validateOrderDetails(message, options);
	if (!result.valid) throw new OrderValidationError(result.errors, 'order_details message');
	return message;
}

/** The exact Cloud API body of an order_details message. Throws OrderValidationError on bad input. */
export function buildOrderDetailsMessage(input: OrderDetailsInput, options?: OrderOptions): JsonObject {
	const parameters = orderParametersFrom(input);
	const header = input.header?.imageUrl ? { link: input.header.imageUrl } : input.header?.imageId ? { id: input.header.imageId } : undefined;
	const message = {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: input.to,
		type: 'interactive',
		interactive: defined({
			type: 'order_details',
			header: header && { type: 'image', image: header },
			body: { text: input.body },
			footer: input.footer === undefined ? undefined : { text: input.footer },
			action: { name: 'review_and_pay', parameters },
		}),
	};
	return validated(message, options);
}

/** The template form (for sending outside the 24-hour window): a template whose button carries the order. */
export function buildOrderDetailsTemplateMessage(input: OrderDetailsTemplateInput, options?: OrderOptions): JsonObject {
	const parameters = orderParametersFrom(input);
	const components: JsonObject[] = [];
	const body = templateBodyComponent(input.bodyParameters, 'order input');
	if (body) components.push(body);
	if (input.headerImageUrl) components.push({ type: 'header', parameters: [{ type: 'image', image: { link: input.headerImageUrl } }] });
	else if (input.headerDocument) components.push({ type: 'header', parameters: [{ type: 'document', document: defined({ ...input.headerDocument }) }] });
	components.push({ type: 'button', sub_type: 'order_details', index: 0, parameters: [{ type: 'action', action: { order_details: parameters } }] });
	return validated(templateMessage(input.to, input.templateName, input.languageCode, components), options);
}
