/**
 * order_details rules a JSON Schema cannot say: per-market rules (India / Brazil), payment method
 * combinations, arithmetic and the expiration clock. The shape (types, lengths, enums) is checked by
 * schemas/orderDetailsParameters.schema.json; these rules read defensively so they can run on input the
 * schema rejected and still report everything in one pass.
 */
import { childPath } from './schemaErrors';
import { isObject, type JsonObject } from './messageShape';
import { MONEY_OFFSET, toDecimal } from './money';
import { DIALOG360_INDIA_ONLY, DOT_SEGMENT_REFUSAL, isDotSegment, type Provider } from './providers';
import type { Market, OrderOptions, ValidationError } from './types';

/**
 * Third-party validation (TPV) for Razorpay and PayU: the page shows a payment setting of type "razorpay" /
 * "payu" carrying `encrypted_payment_gateway_data` (receive-payments-via-payment-gateways-on-whatsapp.md § Third
 * party validation). It accompanies the order's payment gateway setting of the same gateway; it is not a payment
 * method of its own. UNCONFIRMED: whether it may instead sit inside payment_gateway.razorpay / .payu; both are
 * accepted, the builders send the page's form.
 */
export const TPV_SETTING_TYPES = ['razorpay', 'payu'] as const;

interface MarketRules {
	currency: string;
	/** payment_type the market uses; India sends "upi" only for payment links and legacy UPI. */
	paymentType: string;
	referenceIdMax: number;
	paymentSettingTypes: readonly string[];
	/** India allows exactly one payment method per order; Brazil offers several to choose from. */
	maxPaymentSettings: number;
	/**
	 * India requires the `order` object; Brazil documents a "simplified" order_details with only the total
	 * and the payment settings (brazil-orders.md § Simplified order details message).
	 */
	orderRequired: boolean;
	/** Brazil's expiration object marks its description Required (brazil-orders.md § Expiration object). */
	expirationDescriptionRequired: boolean;
	/** Whether a subtotal of sum(amount × quantity), sale prices ignored, is also accepted (see subtotalIgnoringSales). */
	subtotalMayIgnoreSales: boolean;
}

export const MARKETS: Record<Market, MarketRules> = {
	india: {
		currency: 'INR',
		paymentType: 'upi',
		referenceIdMax: 35,
		paymentSettingTypes: ['payment_gateway', 'upi_intent_link', 'payment_link', ...TPV_SETTING_TYPES],
		maxPaymentSettings: 1,
		orderRequired: true,
		// UNCONFIRMED: the India pages say the business "must define" both fields, but checkout-button-templates.md
		// sends an expiration without a description; both are accepted for India.
		expirationDescriptionRequired: false,
		// UNCONFIRMED: the India pages' subtotal row and examples leave sale prices out (subtotalIgnoringSales).
		subtotalMayIgnoreSales: true,
	},
	brazil: {
		currency: 'BRL',
		paymentType: 'br',
		referenceIdMax: 60,
		paymentSettingTypes: ['pix_dynamic_code', 'payment_link', 'boleto', 'offsite_card_pay'],
		maxPaymentSettings: Infinity,
		orderRequired: false,
		expirationDescriptionRequired: true,
		// brazil-orders.md § Order object: sum of (amount or sale_amount) × quantity; § Item object: a sale_amount
		// "is used to calculate the subtotal amount". No other reading.
		subtotalMayIgnoreSales: false,
	},
};

/** Why Brazil's expiration needs its description, in the merchant's words (after "is required"). */
export const EXPIRATION_DESCRIPTION_IN_BRAZIL = 'in Brazil when the order expires, e.g. "Pague em até 1 hora"';

const REFERENCE_ID_CHARSET = /^[A-Za-z0-9_.-]*$/;
/**
 * Expiration must be at least this far ahead of when WhatsApp receives the send request (the India and Brazil
 * order pages' "minimum threshold", checkout-button-templates.md's "from when the send message request is sent to us").
 */
export const MIN_EXPIRATION_SECONDS = 300;
/**
 * WhatsApp receives the request after the package checked it (pacing, retries, the trip), so an order checked
 * before sending must expire this much further ahead. The sandbox, as WhatsApp on receipt, checks with none
 * (OrderOptions.expirationMarginSeconds).
 */
export const EXPIRATION_CHECK_MARGIN_SECONDS = 30;
/** An expiration the package computes is at least the 300 s plus this ahead: it passes the check with time to spare. */
export const EXPIRATION_SEND_MARGIN_SECONDS = 60;

/** The expiration timestamp `seconds` from now (epoch seconds), never under the 300 s plus the send margin: every "Expires In" the package builds. */
export function expirationAfter(seconds: number, nowMs: number = Date.now()): number {
	return Math.ceil(nowMs / 1000) + Math.max(Math.round(seconds), MIN_EXPIRATION_SECONDS + EXPIRATION_SEND_MARGIN_SECONDS);
}
/**
 * UNCONFIRMED: the docs say item images "cap the list at 10"; we read it as at most 10 items in an
 * order whose items carry images.
 */
export const MAX_ITEMS_WITH_IMAGES = 10;
/** The keys of a payment setting that each name one variant; a setting carries only its own. */
const PAYMENT_SETTING_VARIANTS = ['payment_gateway', 'upi_intent_link', 'payment_link', 'pix_dynamic_code', 'boleto', 'offsite_card_pay', ...TPV_SETTING_TYPES];
const GATEWAY_EXTRAS = ['razorpay', 'payu', 'billdesk', 'zaakpay'];
/**
 * UPI payments are capped at ₹5,00,000; above it the gateway's web checkout is the way
 * (receive-payments-via-payment-gateways-on-whatsapp.md § Restrict available payment options).
 */
export const UPI_LIMIT_MINOR = 500_000 * 100;
const isTpvSetting = (setting: unknown): boolean => isObject(setting) && (TPV_SETTING_TYPES as readonly unknown[]).includes(setting.type);

/** The market of an order: from its currency, else its payment_type. */
export function marketOf(parameters: JsonObject): Market | null {
	for (const market of ['india', 'brazil'] as const) if (parameters.currency === MARKETS[market].currency) return market;
	if (parameters.currency !== undefined) return null;
	if (parameters.payment_type === 'br') return 'brazil';
	if (parameters.payment_type === 'upi') return 'india';
	return null;
}

const isCount = (x: unknown, min: number): x is number => Number.isSafeInteger(x) && (x as number) >= min;

/** Minor units of a wire amount, or null when it is not a readable amount (the schema reports that). */
export function minorOf(amount: unknown): number | null {
	return isObject(amount) && isCount(amount.value, 0) ? amount.value : null;
}

/**
 * sum((sale_amount ?? amount) * quantity) over wire items, exact at any size (BigInt); null when an item cannot
 * be read. A sum beyond what a wire value carries exactly is still exact here, so it never matches a given one.
 */
export function subtotalOf(items: unknown): bigint | null {
	if (!Array.isArray(items) || items.length === 0) return null;
	// In numbers while each line and the running sum are safe integers (so exact), in BigInt from the first that is not:
	// every order send checks its sums, and BigInt arithmetic allocates.
	let sum = 0;
	let big: bigint | null = null;
	for (const item of items) {
		if (!isObject(item)) return null;
		const price = minorOf(item.sale_amount ?? item.amount);
		const quantity = item.quantity;
		if (price === null || !isCount(quantity, 1)) return null;
		const line = price * quantity;
		if (big === null && Number.isSafeInteger(line) && Number.isSafeInteger(sum + line)) sum += line;
		else big = (big ?? BigInt(sum)) + BigInt(price) * BigInt(quantity);
	}
	return big ?? BigInt(sum);
}

/** subtotal + tax + shipping - discount (absent shipping/discount count as 0), exact (BigInt); null when unreadable. */
export function totalOf(order: JsonObject): bigint | null {
	const subtotal = minorOf(order.subtotal);
	const tax = minorOf(order.tax);
	const shipping = order.shipping === undefined ? 0 : minorOf(order.shipping);
	const discount = order.discount === undefined ? 0 : minorOf(order.discount);
	if (subtotal === null || tax === null || shipping === null || discount === null) return null;
	const added = subtotal + tax + shipping;
	// Safe integers added exactly when their sum is one (subtotalOf's reason for numbers first).
	return Number.isSafeInteger(added) ? BigInt(added - discount) : BigInt(subtotal) + BigInt(tax) + BigInt(shipping) - BigInt(discount);
}

/**
 * Message of an amount that is not what the arithmetic gives (both exact, in minor units), said in currency units
 * ("240.00") or, with `offset` 1, in the minor units the amounts were given in.
 */
export function sumMismatch(expected: bigint | number, actual: bigint | number, formula: string, offset = MONEY_OFFSET): string {
	return `must be ${toDecimal(expected, offset)} (${formula}) but is ${toDecimal(actual, offset)}`;
}
export const SUBTOTAL_FORMULA = 'each item\'s Sale Amount or Amount × Quantity, added up';
export const TOTAL_FORMULA = 'subtotal + tax + shipping - discount';

/** Collects the errors of one order; paths are relative to the parameters' pointer. */
class RuleCheck {
	readonly errors: ValidationError[] = [];
	constructor(readonly base: string) {}

	add(path: string, message: string, rule: string): void {
		this.errors.push({ path: this.base + path, message, rule });
	}

	required(obj: JsonObject, key: string, path: string, why: string): void {
		if (obj[key] === undefined) this.add(childPath(path, key), `is required ${why}`, 'required');
	}
}

/**
 * What breaks the reference_id rules in `id`: its characters, "." or "..", and with a market its length (none
 * without one). Exported for the lookups and refunds, which refuse a reference no order can have.
 */
export function referenceIdProblems(id: string, market: Market | null): string[] {
	const problems: string[] = [];
	if (!REFERENCE_ID_CHARSET.test(id)) problems.push('may contain only letters, digits, "_", "." and "-"');
	// "." and ".." would turn the lookup URL /payments/{configuration}/{reference_id} into another path.
	else if (isDotSegment(id)) problems.push(DOT_SEGMENT_REFUSAL);
	if (market && id.length > MARKETS[market].referenceIdMax) {
		problems.push(`must be at most ${MARKETS[market].referenceIdMax} characters in ${market === 'india' ? 'India' : 'Brazil'}`);
	}
	return problems;
}

function checkReferenceId(parameters: JsonObject, market: Market | null, check: RuleCheck): void {
	const id = parameters.reference_id;
	if (typeof id !== 'string') return;
	for (const problem of referenceIdProblems(id, market)) check.add('/reference_id', problem, 'reference_id');
}

/** A setting (or gateway) carries only the variant object its `type` names (an unknown type is the schema's). */
function checkVariantKeys(obj: JsonObject, variants: readonly string[], path: string, check: RuleCheck): void {
	if (!variants.includes(obj.type as string)) return;
	for (const key of variants) {
		if (key !== obj.type && obj[key] !== undefined) {
			check.add(childPath(path, key), `is not allowed when type is ${JSON.stringify(obj.type)}`, 'payment_settings');
		}
	}
}

/** Whether a payment setting lets the buyer pay by UPI: UPI links, and gateways unless restricted to "web". */
function allowsUpi(setting: JsonObject): boolean {
	if (setting.type === 'upi_intent_link') return true;
	if (setting.type !== 'payment_gateway' || !isObject(setting.payment_gateway)) return false;
	const options = setting.payment_gateway.enabled_payment_options;
	return !Array.isArray(options) || options.includes('upi');
}

/**
 * The attributes of a UPI intent (`upi://pay?pa=...&am=...`), read leniently: gateways send unencoded spaces
 * (CCAvenue's `pn=Infibeam Avenues Limited`), so this is not a URL parse. A malformed escape stays as sent.
 */
export function upiIntentAttributes(link: string): Map<string, string> {
	const attributes = new Map<string, string>();
	for (const pair of link.slice(link.indexOf('?') + 1).split('&')) {
		const equals = pair.indexOf('=');
		const name = equals < 0 ? pair : pair.slice(0, equals);
		const value = equals < 0 ? '' : pair.slice(equals + 1);
		let decoded = value;
		// Only a value with an escape needs decoding (most have none, and every order with an intent is read).
		if (value.includes('%')) {
			try {
				decoded = decodeURIComponent(value);
			} catch {
				// kept as sent
			}
		}
		if (name) attributes.set(name, decoded);
	}
	return attributes;
}

/** Rupees as the UPI `am` attribute writes them ("10.00", "100.0", "2") -> paise; null when it is no amount. */
function paiseOfUpiAmount(am: string): number | null {
	const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(am);
	return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : null;
}

/**
 * A gateway's UPI intent fixes the amount and currency the customer's UPI app charges; the bill must show the
 * same, so the merchant is told to verify `am` against the order (cashfree-payment-gateway-integration-guide.md §
 * Parsing the response). An intent without `am` or `cu` (the page's own example) leaves them to the order.
 */
function checkUpiIntentLink(setting: JsonObject, at: string, total: number | null, check: RuleCheck): void {
	const link = isObject(setting.upi_intent_link) ? setting.upi_intent_link.link : undefined;
	if (typeof link !== 'string' || !link.startsWith('upi://pay?')) return;
	const attributes = upiIntentAttributes(link);
	const where = `${at}/upi_intent_link/link`;
	const am = attributes.get('am');
	if (am !== undefined) {
		const paise = paiseOfUpiAmount(am);
		if (paise === null) check.add(where, `has am=${JSON.stringify(am)}, which is not an amount in rupees (e.g. am=10.00)`, 'upi_intent_amount');
		else if (total !== null && paise !== total) {
			check.add(where, `charges am=${am} (${paise} paise) but total_amount is ${total} paise: the customer would pay a different amount than the bill shows; ask the gateway for an intent of the order's total`, 'upi_intent_amount');
		}
	}
	const cu = attributes.get('cu');
	if (cu !== undefined && cu !== 'INR') check.add(where, `has cu=${JSON.stringify(cu)}; a UPI intent for an India order charges INR`, 'upi_intent_amount');
}

/** India's gateway-only fields: payment options listed once, TPV data beside the gateway it belongs to. */
function checkGatewayOptions(settings: unknown[], total: number | null, legacyUpi: boolean, check: RuleCheck): void {
	const gatewayTypes = settings.map((s) => (isObject(s) && s.type === 'payment_gateway' && isObject(s.payment_gateway) ? s.payment_gateway.type : undefined));
	settings.forEach((setting, i) => {
		if (!isObject(setting)) return;
		const at = `/payment_settings/${i}`;
		const options = isObject(setting.payment_gateway) ? setting.payment_gateway.enabled_payment_options : undefined;
		if (Array.isArray(options) && new Set(options).size !== options.length) check.add(`${at}/payment_gateway/enabled_payment_options`, 'must not list an option twice', 'enabled_payment_options');
		if (isTpvSetting(setting) && !gatewayTypes.includes(setting.type)) {
			check.add(`${at}/type`, `${JSON.stringify(setting.type)} (third-party validation data) needs a payment_gateway setting of type ${JSON.stringify(setting.type)}`, 'payment_settings');
		}
		if (total !== null && total > UPI_LIMIT_MINOR && allowsUpi(setting)) {
			const where = setting.type === 'payment_gateway' ? `${at}/payment_gateway/enabled_payment_options` : `${at}/type`;
			check.add(where, `UPI is limited to ${UPI_LIMIT_MINOR} (₹5,00,000): for a total of ${total} restrict the gateway to ["web"]`, 'upi_limit');
		}
	});
	if (legacyUpi && settings.length === 0 && total !== null && total > UPI_LIMIT_MINOR) {
		check.add('/total_amount/value', `UPI is limited to ${UPI_LIMIT_MINOR} (₹5,00,000)`, 'upi_limit');
	}
}

/**
 * The forms of each Pix key type: the package's own reading of Banco Central's DICT keys (offsite-pix-payments.md §
 * Dynamic Pix code object names the types, not their forms). CPF 11 digits; CNPJ 14 characters, the last two digits
 * (letters too since the alphanumeric CNPJ of July 2026); both bare or with their usual dots, slash, dash or spaces. A
 * phone number of 10-13 digits, as +55 (11) 98765-4321 or bare; an email address; an EVP random key, a UUID.
 */
const PIX_KEY_FORMS: Record<string, { form: RegExp; described: string }> = {
	CPF: { form: /^\d{3}[.\s]?\d{3}[.\s]?\d{3}[-\s]?\d{2}$/, described: 'a CPF (11 digits, e.g. 123.456.789-09)' },
	CNPJ: { form: /^[0-9A-Z]{2}[.\s]?[0-9A-Z]{3}[.\s]?[0-9A-Z]{3}[/\s]?[0-9A-Z]{4}[-\s]?\d{2}$/i, described: 'a CNPJ (14 characters, e.g. 39.580.525/0001-89)' },
	EMAIL: { form: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, described: 'an email address' },
	PHONE: { form: /^\+?(?:[\s().-]*\d){10,13}[\s().-]*$/, described: 'a phone number (e.g. +5511987654321)' },
	EVP: { form: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, described: 'a random key (EVP, a UUID)' },
};

/** The longest Pix key: an email key of 77 characters (DICT); longer text is no key of any type. */
const MAX_PIX_KEY_LENGTH = 77;

/**
 * A Pix key that is not of its key_type: the buyer is shown the key under its type, so a CNPJ sent as a CPF (the
 * form's first type) would be shown mislabelled. Names the types the key does fit, when some do.
 */
function checkPixKey(setting: JsonObject, at: string, check: RuleCheck): void {
	const pix = isObject(setting.pix_dynamic_code) ? setting.pix_dynamic_code : null;
	const key = pix && typeof pix.key === 'string' ? pix.key.trim() : '';
	if (key.length > MAX_PIX_KEY_LENGTH) {
		check.add(`${at}/pix_dynamic_code/key`, `is longer than any Pix key (at most ${MAX_PIX_KEY_LENGTH} characters)`, 'pix_key');
		return;
	}
	const type = pix && typeof pix.key_type === 'string' ? PIX_KEY_FORMS[pix.key_type] : undefined;
	if (!key || !type || type.form.test(key)) return;
	const fitting = Object.keys(PIX_KEY_FORMS).filter((name) => PIX_KEY_FORMS[name].form.test(key));
	const advice = fitting.length > 0 ? `: as ${fitting.map((name) => PIX_KEY_FORMS[name].described).join(' or ')}, its key type is ${fitting.join(' or ')}` : '';
	check.add(`${at}/pix_dynamic_code/key_type`, `is ${pix?.key_type as string}, but the key ${JSON.stringify(key)} is not ${type.described}${advice}`, 'pix_key');
}

function checkPayment(parameters: JsonObject, market: Market | null, check: RuleCheck): void {
	const settings = Array.isArray(parameters.payment_settings) ? parameters.payment_settings : null;
	const configuration = parameters.payment_configuration !== undefined;
	// Beside a UPI intent link, payment_configuration names the UPI VPA configuration the intent pays (cashfree- and
	// billdesk-payment-gateway-integration-guide.md § Parsing the response), with or without payment_type: no legacy UPI.
	const upiIntent = settings?.some((s) => isObject(s) && s.type === 'upi_intent_link') ?? false;
	const legacyUpi = configuration && !upiIntent;
	settings?.forEach((setting, i) => {
		if (!isObject(setting)) return;
		const at = `/payment_settings/${i}`;
		checkVariantKeys(setting, PAYMENT_SETTING_VARIANTS, at, check);
		if (isObject(setting.payment_gateway)) checkVariantKeys(setting.payment_gateway, GATEWAY_EXTRAS, `${at}/payment_gateway`, check);
		if (setting.type === 'upi_intent_link') checkUpiIntentLink(setting, at, minorOf(parameters.total_amount), check);
		if (setting.type === 'pix_dynamic_code') checkPixKey(setting, at, check);
		if (market && typeof setting.type === 'string' && !MARKETS[market].paymentSettingTypes.includes(setting.type)) {
			check.add(`${at}/type`, `${JSON.stringify(setting.type)} is not available for ${MARKETS[market].currency} orders`, 'payment_settings');
		}
	});
	if (!market) return;
	const rules = MARKETS[market];
	if (market === 'brazil') {
		if (parameters.payment_type !== rules.paymentType) {
			check.add('/payment_type', parameters.payment_type === undefined ? 'is required ("br") for BRL orders' : 'must be "br" for BRL orders', 'payment_type');
		}
		if (configuration) check.add('/payment_configuration', 'is India legacy UPI only; BRL orders use payment_settings', 'payment_settings');
		// UNCONFIRMED: brazil-orders.md § Parameters object marks payment_settings Optional (the builders always send them).
		return;
	}
	// India: one payment setting (plus TPV data for its gateway), or legacy UPI (payment_type "upi" +
	// payment_configuration). Beside other settings than a UPI intent, payment_configuration is accepted with payment_type.
	const paymentLink = settings?.some((s) => isObject(s) && s.type === 'payment_link') ?? false;
	if (parameters.payment_type === undefined) {
		if (legacyUpi || paymentLink) {
			check.add('/payment_type', `is required ("upi") with ${legacyUpi ? 'payment_configuration (legacy UPI)' : 'a payment_link'}`, 'payment_type');
		}
	} else if (parameters.payment_type !== rules.paymentType) check.add('/payment_type', 'must be "upi" (or absent) for INR orders', 'payment_type');
	if (!settings) {
		if (!legacyUpi) check.add('/payment_settings', 'is required for INR orders (or payment_type "upi" with payment_configuration)', 'required');
	} else if (settings.filter((s) => !isTpvSetting(s)).length > rules.maxPaymentSettings) {
		check.add('/payment_settings', 'must have exactly one payment method for INR orders', 'payment_settings');
	}
	checkGatewayOptions(settings ?? [], minorOf(parameters.total_amount), legacyUpi, check);
}

function checkItems(order: JsonObject, market: Market | null, check: RuleCheck): void {
	if (!Array.isArray(order.items)) return;
	const hasCatalog = order.catalog_id !== undefined;
	let withImages = false;
	order.items.forEach((item, i) => {
		if (!isObject(item)) return;
		const at = `/order/items/${i}`;
		if (market === 'brazil') check.required(item, 'retailer_id', at, 'in Brazil');
		// An item with an image is not a catalog item (the image rule below reports the catalog_id instead).
		else if (hasCatalog && item.image === undefined) check.required(item, 'retailer_id', at, 'to find the item in catalog_id');
		if (market === 'india' && !hasCatalog) {
			for (const key of ['country_of_origin', 'importer_name', 'importer_address']) check.required(item, key, at, 'without a Catalog ID: fill it in on the item, or once for all items in Item Defaults');
		}
		const amount = minorOf(item.amount);
		const sale = minorOf(item.sale_amount);
		if (amount !== null && sale !== null && sale >= amount) check.add(`${at}/sale_amount`, `must be less than the item's price (${toDecimal(amount)})`, 'sale_amount');
		if (item.image !== undefined) withImages = true;
		// The item image "cannot be used with retailer_id or catalog_id" (India order object, items › image); in
		// Brazil checkIndiaOnlyFields refuses the image itself.
		if (item.image !== undefined && market !== 'brazil') {
			if (item.retailer_id !== undefined) check.add(`${at}/image`, 'cannot be used together with a Retailer ID: an item with its own image is not a catalog product, so leave its Retailer ID empty', 'image');
			if (hasCatalog) check.add(`${at}/image`, 'cannot be used in an order with a Catalog ID', 'image');
		}
	});
	if (withImages && order.items.length > MAX_ITEMS_WITH_IMAGES) {
		check.add('/order/items', `must have at most ${MAX_ITEMS_WITH_IMAGES} entries when items carry images`, 'maxItems');
	}
}

/**
 * The subtotal read as sum(amount × quantity), sale prices ignored. The India pages' subtotal row says so
 * while their sale_amount row says a sale price is "used to calculate the subtotal", and their own examples
 * use the first reading. UNCONFIRMED: both are accepted for India (MARKETS.subtotalMayIgnoreSales); the
 * builders send the sale-price reading. Brazil's page states only the sale-price reading.
 */
function subtotalIgnoringSales(items: unknown): bigint | null {
	return Array.isArray(items) ? subtotalOf(items.map((item: unknown) => (isObject(item) ? { ...item, sale_amount: undefined } : item))) : null;
}

/**
 * The discount of the coupon a checkout endpoint applied (`parameters.coupon.discount`, minor units; 0 without
 * one). checkout-button-templates.md § Apply coupon - endpoint sample response: total_amount = subtotal + tax +
 * shipping - discount - coupon.discount. order_details sends have no coupon (their schema refuses one).
 */
export function couponDiscountOf(parameters: JsonObject): number | null {
	if (!isObject(parameters.coupon) || parameters.coupon.discount === undefined) return 0;
	return minorOf(parameters.coupon.discount);
}
export const TOTAL_WITH_COUPON_FORMULA = `${TOTAL_FORMULA} - coupon.discount`;

function checkArithmetic(parameters: JsonObject, order: JsonObject, market: Market | null, check: RuleCheck): void {
	const expectedSubtotal = subtotalOf(order.items);
	const subtotal = minorOf(order.subtotal);
	if (expectedSubtotal !== null && subtotal !== null && expectedSubtotal !== BigInt(subtotal)) {
		const otherReading = market && MARKETS[market].subtotalMayIgnoreSales ? subtotalIgnoringSales(order.items) : null;
		if (otherReading !== BigInt(subtotal)) check.add('/order/subtotal', sumMismatch(expectedSubtotal, subtotal, SUBTOTAL_FORMULA), 'subtotal');
	}
	// Against the subtotal as given: a wrong subtotal is reported once, at the subtotal.
	const orderTotal = totalOf(order);
	const coupon = couponDiscountOf(parameters);
	const expectedTotal = orderTotal === null || coupon === null ? null : orderTotal - BigInt(coupon);
	const total = minorOf(parameters.total_amount);
	if (orderTotal !== null && orderTotal < 0n) check.add('/order/discount', 'must not exceed subtotal + tax + shipping', 'discount');
	else if (expectedTotal !== null && expectedTotal < 0n) check.add('/coupon/discount', 'must not exceed subtotal + tax + shipping - discount', 'discount');
	else if (expectedTotal !== null && total !== null && expectedTotal !== BigInt(total)) {
		check.add('/total_amount', sumMismatch(expectedTotal, total, coupon ? TOTAL_WITH_COUPON_FORMULA : TOTAL_FORMULA), 'total_amount');
	}
}

/** Epoch seconds as an ISO 8601 UTC time to the second ("2026-11-30T03:05:35Z"), as people read times. */
const isoSeconds = (seconds: number): string => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function checkExpiration(order: JsonObject, market: Market | null, options: OrderOptions | undefined, check: RuleCheck): void {
	if (market && MARKETS[market].expirationDescriptionRequired && isObject(order.expiration)) {
		check.required(order.expiration, 'description', '/order/expiration', EXPIRATION_DESCRIPTION_IN_BRAZIL);
	}
	const timestamp = isObject(order.expiration) ? order.expiration.timestamp : undefined;
	if (typeof timestamp !== 'string' || !/^[0-9]+$/.test(timestamp)) return;
	const nowSeconds = Math.floor((options?.now ?? Date.now)() / 1000);
	const margin = options?.expirationMarginSeconds ?? EXPIRATION_CHECK_MARGIN_SECONDS;
	const earliest = nowSeconds + MIN_EXPIRATION_SECONDS + margin;
	if (Number(timestamp) < earliest) {
		const forSending = margin > 0 ? ` (${margin} s kept for sending)` : '';
		check.add('/order/expiration/timestamp', `must be at least ${MIN_EXPIRATION_SECONDS / 60} minutes from now: after ${isoSeconds(earliest)}${forSending}, not ${isoSeconds(Number(timestamp))}`, 'expiration');
	}
}

/**
 * shipping_info (the buyer's addresses, India): checkout-button-templates.md sends it "for physical-goods type,
 * else omit".
 */
function checkShippingInfo(parameters: JsonObject, market: Market | null, check: RuleCheck): void {
	if (parameters.shipping_info !== undefined && market !== 'brazil' && parameters.type === 'digital-goods') {
		check.add('/shipping_info', 'is for physical-goods orders only', 'shipping_info');
	}
}

/** Item fields only the India pages document; Brazil's § Item object has retailer_id, name, amount, quantity and sale_amount. */
const INDIA_ONLY_ITEM_KEYS = ['country_of_origin', 'importer_name', 'importer_address', 'image'];
/** Payment link fields only the India page documents (india-accept-payments-via-payment-links.md § Payment link object). */
const INDIA_ONLY_PAYMENT_LINK_KEYS = ['success_url', 'cancel_url'];
/** Why a field is India's, where the name alone does not say it (after "is for India orders only"). */
const INDIA_ONLY_WHY: Record<string, string> = { image: ': Brazil items are catalog products, shown by their Retailer ID' };

/**
 * The fields of an order that only India's pages document, refused in a Brazil order: Brazil's objects do not
 * list them (brazil-orders.md § Parameters object, § Order object, § Item object; brazil-payment-links.md §
 * Payment link object). beneficiaries and shipping_info carry Indian addresses; order.type "quick_pay" is an
 * India order type.
 */
function checkIndiaOnlyFields(parameters: JsonObject, market: Market | null, check: RuleCheck): void {
	if (market !== 'brazil') return;
	const refuse = (obj: unknown, keys: readonly string[], path: string) => {
		if (!isObject(obj)) return;
		for (const key of keys) if (obj[key] !== undefined) check.add(childPath(path, key), `is for India orders only${INDIA_ONLY_WHY[key] ?? ''}`, 'market');
	};
	refuse(parameters, ['beneficiaries', 'shipping_info'], '');
	if (Array.isArray(parameters.payment_settings)) {
		parameters.payment_settings.forEach((setting, i) => refuse(isObject(setting) ? setting.payment_link : undefined, INDIA_ONLY_PAYMENT_LINK_KEYS, `/payment_settings/${i}/payment_link`));
	}
	if (!isObject(parameters.order)) return;
	refuse(parameters.order, ['type'], '/order');
	if (Array.isArray(parameters.order.items)) parameters.order.items.forEach((item, i) => refuse(item, INDIA_ONLY_ITEM_KEYS, `/order/items/${i}`));
}

/**
 * What the provider an order is sent through asks of it. 360dialog (its seed rules its paths, README rule 2):
 * payments for India only (l.2), and `retailer_id` "Required" on every item (Step 1 item table). An item with its
 * own image is exempt: the seed is silent on images, and the Meta page forbids an image beside a retailer_id.
 */
export function checkProviderRules(parameters: JsonObject, base: string, provider: Provider | undefined): ValidationError[] {
	const check = new RuleCheck(base);
	if (provider !== 'dialog360') return check.errors;
	if (marketOf(parameters) === 'brazil') check.add('/currency', `must be "INR" when sending through 360dialog: ${DIALOG360_INDIA_ONLY}`, 'provider');
	const items = isObject(parameters.order) && Array.isArray(parameters.order.items) ? parameters.order.items : [];
	items.forEach((item: unknown, i) => {
		if (isObject(item) && item.image === undefined) check.required(item, 'retailer_id', `/order/items/${i}`, 'when sending through 360dialog (its Payments API documentation marks it Required on every item)');
	});
	return check.errors;
}

/**
 * The rules of an order a checkout endpoint answers with (the order parameters without payment settings,
 * checkout-button-templates.md § Implement checkout endpoint logic): the same reference, item and arithmetic
 * rules as an order_details send. Not the payment rules (WhatsApp keeps the payment settings) nor the
 * expiration clock (the expiration is the one of the template message already sent).
 */
export function checkCheckoutOrderRules(parameters: JsonObject, base: string): ValidationError[] {
	const check = new RuleCheck(base);
	const market = marketOf(parameters);
	checkReferenceId(parameters, market, check);
	checkIndiaOnlyFields(parameters, market, check);
	checkShippingInfo(parameters, market, check);
	if (isObject(parameters.order)) {
		checkItems(parameters.order, market, check);
		checkArithmetic(parameters, parameters.order, market, check);
	}
	return check.errors;
}

/** The rules beyond the schema; `base` is the pointer of the parameters inside the validated input. */
export function checkOrderRules(parameters: JsonObject, base: string, options?: OrderOptions): ValidationError[] {
	const check = new RuleCheck(base);
	const market = marketOf(parameters);
	checkReferenceId(parameters, market, check);
	checkPayment(parameters, market, check);
	checkIndiaOnlyFields(parameters, market, check);
	checkShippingInfo(parameters, market, check);
	if (isObject(parameters.order)) {
		checkItems(parameters.order, market, check);
		checkArithmetic(parameters, parameters.order, market, check);
		checkExpiration(parameters.order, market, options, check);
	} else if (parameters.order === undefined && market && MARKETS[market].orderRequired) {
		check.add('/order', `is required for ${MARKETS[market].currency} orders (only Brazil has a simplified form without it)`, 'required');
	}
	// A field the order's own rules refused (a Brazil or catalog item's retailer_id) is not refused again.
	const refused = new Set(check.errors.map((e) => e.path));
	return [...check.errors, ...checkProviderRules(parameters, base, options?.provider).filter((e) => !refused.has(e.path))];
}
