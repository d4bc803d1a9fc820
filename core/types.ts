/**
 * Shared types of the pure core. No n8n imports anywhere under core/.
 * Wire types use the Cloud API's snake_case; friendly inputs (what a node or a library user
 * passes to the builders) use camelCase.
 */

import type { Provider } from './providers';

export type Market = 'india' | 'brazil';

/** One rule broken: `path` is a JSON pointer to the offending value (for a missing field, the field itself). */
export interface ValidationError {
	path: string;
	message: string;
	/** Short machine name of the rule, e.g. `maxLength`, `required`, `subtotal`, `reference_id`. */
	rule: string;
}

export interface ValidationResult {
	valid: boolean;
	errors: ValidationError[];
}

/** Options shared by validators and builders. */
export interface OrderOptions {
	/** Current time in epoch milliseconds (injectable clock for the expiration rule). Default Date.now. */
	now?: () => number;
	/**
	 * Seconds an expiration must be ahead beyond the 300, for the time until WhatsApp receives the request. Default
	 * EXPIRATION_CHECK_MARGIN_SECONDS (a check before sending); 0 checks as WhatsApp does on receipt (the sandbox).
	 */
	expirationMarginSeconds?: number;
	/**
	 * The provider the order is sent through, when the caller knows it. 360dialog (its seed rules its paths): India
	 * only, and `retailer_id` on every item (DIALOG360_INDIA_ONLY, checkProviderRules in core/orderRules.ts).
	 */
	provider?: Provider;
}

// ---------------------------------------------------------------- wire format (Cloud API)

export interface WireAmount {
	value: number;
	offset: number;
}

export type OrderStatus = 'pending' | 'processing' | 'partially_shipped' | 'shipped' | 'completed' | 'canceled';
/** Both spellings the docs use; we send one of them (see OrderStatusOptions). */
export type PartiallyShippedSpelling = 'partially_shipped' | 'partially-shipped';

/** Payment status as the lookup API and webhooks report it. */
export type PaymentStatus = 'new' | 'pending' | 'captured' | 'canceled' | 'failed';

// ---------------------------------------------------------------- friendly inputs

/** A money amount in the input: major units (`12.34`, `"12.34"`) unless the builder is told `amountsIn: 'minor'`. */
export type MoneyInput = number | string;

export interface ImporterAddressInput {
	addressLine1: string;
	addressLine2?: string;
	city: string;
	/** Optional: Meta's own template example omits it (UNCONFIRMED, see the schema). */
	zoneCode?: string;
	postalCode: string;
	countryCode: string;
}

export interface OrderItemInput {
	/** Required in Brazil; in India required unless you have none (catalog items). */
	retailerId?: string;
	name: string;
	amount: MoneyInput;
	saleAmount?: MoneyInput;
	quantity: number;
	/** India, required when there is no catalogId. */
	countryOfOrigin?: string;
	importerName?: string;
	importerAddress?: ImporterAddressInput;
	imageUrl?: string;
}

export interface ChargeInput {
	amount: MoneyInput;
	description?: string;
}
export interface DiscountInput extends ChargeInput {
	programName?: string;
}

export interface BeneficiaryInput {
	name: string;
	addressLine1: string;
	addressLine2?: string;
	city: string;
	state: string;
	country?: string; // default "India"
	postalCode: string;
}

export type PaymentGatewayType = 'razorpay' | 'payu' | 'billdesk' | 'zaakpay';
/** The UPI apps a merchant may put first in the buyer's list (their ids as the API names them). */
export type UpiAppId = 'gpay' | 'phonepe' | 'paytm' | 'bhim' | 'amazonpay' | 'cred' | 'mobikwik';
/** India payment gateways: which checkout options the buyer sees (UPI apps, the gateway's web page). */
export type EnabledPaymentOption = 'upi' | 'web';

/** A buyer address known to the merchant, for checkout-button orders of physical goods (India). */
export interface ShippingAddressInput {
	name: string;
	phoneNumber: string;
	address: string;
	city: string;
	state: string;
	inPinCode: string;
	landmarkArea?: string;
	houseNumber?: string;
	towerNumber?: string;
	buildingName?: string;
	floorNumber?: string;
}
export type PixKeyType = 'CPF' | 'CNPJ' | 'EMAIL' | 'PHONE' | 'EVP';

/** One payment method of the order (India: exactly one; Brazil: one or more). */
export type PaymentSettingInput =
	| {
			type: 'payment_gateway';
			gateway: PaymentGatewayType;
			configurationName: string;
			razorpay?: { receipt?: string; notes?: Record<string, string> };
			payu?: { udf1?: string; udf2?: string; udf3?: string; udf4?: string };
			zaakpay?: { extra1?: string; extra2?: string };
			billdesk?: Partial<Record<'additional_info1' | 'additional_info2' | 'additional_info3' | 'additional_info4' | 'additional_info5' | 'additional_info6' | 'additional_info7', string>>;
			/** Restrict the checkout to UPI apps or to the gateway's web page (above ₹5,00,000: web only). */
			enabledPaymentOptions?: EnabledPaymentOption[];
			/** The UPI app listed first (at most one). */
			preferredPaymentMethod?: UpiAppId;
			/** Razorpay / PayU third-party validation: the buyer's bank account encrypted with the gateway's key. */
			tpvEncryptedData?: string;
	  }
	/**
	 * configurationName: the UPI VPA payment configuration whose VPA the link pays (`pa`), sent as payment_configuration
	 * beside it (cashfree- and billdesk-payment-gateway-integration-guide.md § Parsing the response).
	 */
	| { type: 'upi_intent_link'; link: string; configurationName?: string }
	| { type: 'payment_link'; uri: string; successUrl?: string; cancelUrl?: string }
	/** India legacy UPI: `payment_type: "upi"` + `payment_configuration`, no payment_settings. */
	| { type: 'upi_legacy'; configurationName: string }
	| { type: 'pix_dynamic_code'; code: string; merchantName: string; key: string; keyType: PixKeyType }
	| { type: 'boleto'; digitableLine: string }
	| { type: 'offsite_card_pay'; lastFourDigits: string; credentialId: string };

export interface OrderDetailsInput {
	/** Recipient phone number / wa_id. */
	to: string;
	market: Market;
	referenceId: string;
	goodsType?: 'digital-goods' | 'physical-goods'; // default digital-goods
	/** How amounts in this input are written. Default 'major' (currency units). */
	amountsIn?: 'major' | 'minor';
	/**
	 * The order's lines. Brazil may leave them out: a "simplified" order_details with only the total and the
	 * payment methods (then `total` is required, and nothing that belongs to the order object may be set).
	 */
	items?: OrderItemInput[];
	catalogId?: string;
	quickPay?: boolean;
	/** India requires tax; Brazil allows 0. Default 0. */
	tax?: ChargeInput;
	shipping?: ChargeInput;
	discount?: DiscountInput;
	/** When given they are checked against the computed ones; when absent they are computed. */
	subtotal?: MoneyInput;
	total?: MoneyInput;
	/** Epoch seconds (number or numeric string) or a Date / ISO string; must be >= 300 s ahead. */
	expiration?: { timestamp: number | string | Date; description?: string };
	payment: PaymentSettingInput | PaymentSettingInput[];
	beneficiaries?: BeneficiaryInput[];
	/** India, physical goods (checkout-button templates): the buyer's addresses you know; `addresses` may be empty. */
	shippingInfo?: { addresses: ShippingAddressInput[] };
	body: string;
	footer?: string;
	header?: { imageUrl?: string; imageId?: string };
}

export interface OrderDetailsTemplateInput extends Omit<OrderDetailsInput, 'body' | 'footer' | 'header'> {
	templateName: string;
	languageCode: string;
	/** Values for the template body's {{1}}, {{2}}, ... */
	bodyParameters?: string[];
	headerImageUrl?: string;
	/** A PDF in the template's document header (brazil-send-order-details-template-message.md). */
	headerDocument?: { link: string; filename?: string };
}

export interface OrderStatusInput {
	to: string;
	referenceId: string;
	/**
	 * Either spelling of partially shipped is accepted. Brazil may leave it out and send only `payment`
	 * (the simplified order_status).
	 */
	status?: OrderStatus | PartiallyShippedSpelling;
	description?: string;
	body: string;
	footer?: string;
	/** Brazil: an image (link or media id) or a text header. */
	header?: { imageUrl?: string; imageId?: string; text?: string };
	/** Brazil only. */
	payment?: { status: 'pending' | 'captured' | 'failed'; timestamp?: number };
}

/** The order_status template form (send-order-status-template-message.md), for customers outside the 24-hour window. */
export interface OrderStatusTemplateInput extends Omit<OrderStatusInput, 'body' | 'footer' | 'header'> {
	templateName: string;
	languageCode: string;
	/** Values for the template body's {{1}}, {{2}}, ... */
	bodyParameters?: string[];
}

/** What validateOrderStatus may know beyond the message: an order_status names no currency. */
export interface OrderStatusValidationOptions {
	/** The market of the order the status is about (from its order_details), when the caller knows it (the sandbox does). */
	market?: Market;
}

export interface OrderStatusOptions {
	/** Which spelling of partially shipped goes on the wire. Default 'partially_shipped' (the Cloud API's reference). */
	partiallyShippedSpelling?: PartiallyShippedSpelling;
}

// ---------------------------------------------------------------- normalized amounts

/** An amount as both minor units and a decimal string, e.g. { value: 1234, offset: 100, minor: 1234, decimal: "12.34" }. */
export interface NormalizedAmount {
	value: number;
	offset: number;
	/** Same as value: minor units (paise, centavos). */
	minor: number;
	/** Exact decimal string in currency units, e.g. "12.34". */
	decimal: string;
}

// ---------------------------------------------------------------- webhook events (parseWebhook output)

export type WebhookEventKind = 'payment_status' | 'payment_method' | 'payment_configuration_update' | 'error' | 'other' | 'invalid';

interface WebhookEventBase {
	kind: WebhookEventKind;
	/** A stable key for deduplicating retried deliveries (same update -> same key). */
	dedupeKey: string;
	/** JSON pointer of the update inside the body, e.g. /entry/0/changes/1/value/statuses/3. */
	source: string;
	/** WhatsApp Business Account ID (entry.id), when present. */
	wabaId: string | null;
	/** The change's `field` ("messages", "payment_configuration_update", ...). */
	field: string | null;
	phoneNumberId: string | null;
	displayPhoneNumber: string | null;
	/** Event time: epoch seconds and ISO 8601, null when absent or unreadable. */
	timestamp: number | null;
	timestampIso: string | null;
	/** The update exactly as received. */
	raw: unknown;
}

export interface PaymentStatusEvent extends WebhookEventBase {
	kind: 'payment_status';
	/** The status update's id (the order_details message wamid). */
	id: string | null;
	/** captured, pending, failed, ... as sent. */
	status: string | null;
	/** The buyer (statuses[].recipient_id). */
	waId: string | null;
	referenceId: string | null;
	amount: NormalizedAmount | null;
	currency: string | null;
	transaction: {
		id: string | null;
		pgTransactionId: string | null;
		type: string | null;
		status: string | null;
		method: string | null;
		error: { code: string | null; reason: string | null } | null;
		createdTimestamp: number | null;
		updatedTimestamp: number | null;
	} | null;
	refunds: unknown[];
	/**
	 * The update lists refunds: WhatsApp sends a captured payment again, as captured, each time its refunds change
	 * (receive-payments-via-payment-gateways-on-whatsapp.md § Step 4), so this is no new payment.
	 */
	refundUpdate: boolean;
	/** receipt, notes, udf1-4, additional_info1-7, extra1-2 when present. */
	gatewayFields: Record<string, unknown>;
	/** Where the payment stands, from the status and the transaction: a failed attempt arrives as `pending` with a failed transaction. */
	stage: PaymentStage;
}

export interface PaymentMethodEvent extends WebhookEventBase {
	kind: 'payment_method';
	messageId: string | null;
	from: string | null;
	waId: string | null;
	profileName: string | null;
	referenceId: string | null;
	paymentMethod: string | null;
	credentialId: string | null;
	lastFourDigits: string | null;
	paymentTimestamp: number | null;
	paymentTimestampIso: string | null;
}

export interface PaymentConfigurationUpdateEvent extends WebhookEventBase {
	kind: 'payment_configuration_update';
	configurationName: string | null;
	providerName: string | null;
	providerMid: string | null;
	/** As sent, e.g. "Needs Connecting" or "Needs_Connecting". */
	status: string | null;
	/** Normalized: 'active' | 'needs_connecting' | 'needs_testing' | other lowercased with underscores. */
	statusNormalized: string | null;
	/** When the configuration was created and last updated (epoch seconds), as the webhook reports them. */
	createdTimestamp: number | null;
	updatedTimestamp: number | null;
}

export interface ErrorEvent extends WebhookEventBase {
	kind: 'error';
	code: number | null;
	title: string | null;
	message: string | null;
	details: string | null;
	/** For statuses[].errors: the status id and recipient. */
	statusId: string | null;
	waId: string | null;
	referenceId: string | null;
}

export interface OtherEvent extends WebhookEventBase {
	kind: 'other';
}

export interface InvalidEvent extends WebhookEventBase {
	kind: 'invalid';
	reason: string;
}

export type WebhookEvent = PaymentStatusEvent | PaymentMethodEvent | PaymentConfigurationUpdateEvent | ErrorEvent | OtherEvent | InvalidEvent;

// ---------------------------------------------------------------- payment lookup (normalized)

export interface NormalizedPayment {
	referenceId: string | null;
	status: string | null;
	currency: string | null;
	amount: NormalizedAmount | null;
	/** The transaction whose status is success, if any. */
	successfulTransaction: Record<string, unknown> | null;
	/** Payment method of the successful (else latest) transaction: upi, card, netbanking, wallet. */
	method: string | null;
	transactions: unknown[];
	refunds: Array<{ id: string | null; status: string | null; amount: NormalizedAmount | null; speedProcessed: string | null; transactionId: string | null }>;
	refundedMinor: number;
	gatewayFields: Record<string, unknown>;
	/** The status in the newest reading: `pending` or `captured` (the seed's `new` and `failed` read as `pending`); others as sent, lowercased. */
	statusNormalized: string | null;
	/** Where the payment stands, from its status and transactions (see paymentStage in core/payments.ts). */
	stage: PaymentStage;
}

/**
 * not_attempted: no payment attempt yet; attempt_failed: every attempt failed (the buyer may retry);
 * in_progress: an attempt is pending; captured: paid; canceled: the seed's "canceled by the user";
 * unknown: a status no source documents.
 */
export type PaymentStage = 'not_attempted' | 'attempt_failed' | 'in_progress' | 'captured' | 'canceled' | 'unknown';
