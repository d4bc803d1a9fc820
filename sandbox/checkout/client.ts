/**
 * The sandbox as Meta and as the buyer's WhatsApp client for checkout button templates: it stores the business
 * public key of each phone number (flows-encryption.md § Set Business Public Key) and the data endpoint of each
 * payment configuration (onboarding-apis.md § Link or update data endpoint), and when the buyer opens the checkout
 * of an order, applies a coupon or submits an address, it sends the encrypted, signed sub-action request to that
 * endpoint, decrypts the answer and checks it with the core; the simulator keeps the re-priced order, which the next
 * step sends and the buyer pays.
 */
import { createPublicKey } from 'crypto';

import { checkoutAnswer, CHECKOUT_STATUS, ERROR_NOTIFICATION_ANSWER, readCheckoutRequest, validateCheckoutAnswer, CHECKOUT_SUB_ACTIONS, type CheckoutSubAction } from '../../core/checkout';
import { dataEndpointRequest, publicKeyErrors } from '../../core/checkoutSetup';
import { decryptResponse, encryptRequest } from '../../core/endpointCrypto';
import { checkoutOrdersOf } from '../../core/checkoutTemplate';
import { isObject, type JsonObject } from '../../core/messageShape';
import { signBody } from '../../core/signatures';
import type { ValidationError } from '../../core/types';
import { malformed, unknownObject } from '../metaErrors';
import { controlError, ok, type SandboxResponse } from '../router';
import { sendRequest } from '../webhooks';

/** How long the client waits for an answer: WhatsApp's own limit is not on our pages (docs/checkout.md). */
export const ANSWER_TIMEOUT_MS = 10_000;
/** An answer is one order, far below this; a longer one is cut (and then does not decrypt). */
const MAX_ANSWER_BYTES = 1024 * 1024;
/** The data-exchange version the page's samples use. */
const DATA_API_VERSION = '1.0';
/** The version of the requests the checkout takes from Flows: the health check and the error notification ("3.0", implement-endpoints-for-flows.md). */
const FLOWS_VERSION = '3.0';
/**
 * The data endpoint field as onboarding-apis.md § Link or update data endpoint spells it: its example writes
 * data_endpoint_url, its table data-endpoint-url. Which one Graph takes is UNCONFIRMED: the sandbox reads either.
 */
const DATA_ENDPOINT_FIELDS = ['data_endpoint_url', 'data-endpoint-url'] as const;

/** What came back from one request to the endpoint. */
interface EndpointReply {
	/** The endpoint's HTTP status, or null when it did not answer in time. */
	status: number | null;
	ms: number;
	/** The decrypted answer, when it decrypted. */
	answer?: unknown;
	/** Why the answer could not be decrypted or read. */
	error?: string;
}

/** What the client saw of one exchange. */
export interface CheckoutExchange extends EndpointReply {
	sub_action: CheckoutSubAction | 'ping';
	/** The answer checked by the core (sub-actions answered 200 only). */
	valid?: boolean;
	errors?: ValidationError[];
	/** After an answer with invalid content: the error notification the client sent about it, and the endpoint's reply. */
	error_notification?: ErrorNotification;
	/** The attempt answered 421 before the client downloaded the public key again and retried (this exchange). */
	first_attempt?: CheckoutExchange;
}

/** An error notification as sent (its decrypted payload) and the endpoint's reply; acknowledged when it answered the documented payload. */
export interface ErrorNotification extends EndpointReply {
	request: JsonObject;
	acknowledged: boolean;
}

/**
 * The error key of the notification. implement-endpoints-for-flows.md § Error notification request shows only
 * "<ERROR-KEY>" ("the error code for the invalid payload"): this key is the sandbox's own (UNCONFIRMED).
 */
export const INVALID_ANSWER_ERROR = 'INVALID_RESPONSE';

/** How a request is spoiled on purpose, to see the endpoint refuse it (no execution must start). */
export type Tamper = 'payload' | 'signature';

interface ClientOptions {
	appSecret: string;
	/** The provider of the account's configuration of that name (upi_vpa, razorpay, ...), or undefined: none. */
	configurationProvider: (name: string) => string | undefined;
	/** An order sent earlier: its order_details parameters as sent, its order as last re-priced (or null); or undefined. */
	orderParameters: (referenceId: string) => { parameters: JsonObject; repriced: JsonObject | null; phoneNumberId: string; configuration: string | null; to: string } | undefined;
	/** Why the buyer cannot use the order's checkout now (paid, a payment under way, canceled, expired), if they cannot. */
	checkoutClosed: (referenceId: string) => SandboxResponse | undefined;
	/** Keeps the order as the endpoint re-priced it: the buyer pays its total; a refusal when the checkout closed meanwhile. */
	reprice: (referenceId: string, orderDetails: JsonObject) => SandboxResponse | undefined;
}

/** Strips what WhatsApp keeps to itself: the order as the endpoint sees it has no payment settings. */
function checkoutOrderOf(parameters: JsonObject): JsonObject {
	const order = structuredClone(parameters);
	for (const key of ['payment_settings', 'payment_type', 'payment_configuration']) delete order[key];
	return order;
}

export class CheckoutClient {
	private readonly publicKeys = new Map<string, string>();
	/** The public key of each number as the buyer's client downloaded it: kept until a 421 makes it download the key again. */
	private readonly downloadedKeys = new Map<string, string>();
	private readonly endpoints = new Map<string, string>();
	/** Requests to endpoints not answered yet. */
	private readonly inFlight: Parameters<typeof sendRequest>[3] = new Set();

	constructor(private readonly options: ClientOptions) {}

	reset(): void {
		this.publicKeys.clear();
		this.downloadedKeys.clear();
		this.endpoints.clear();
	}

	// ---------------------------------------------------------------- Cloud API

	/**
	 * POST /{phone-number-id}/whatsapp_business_encryption {business_public_key}, as a form's field or in JSON (the
	 * route reads either); Meta signs it (status VALID).
	 */
	setPublicKey(phoneNumberId: string, body: unknown): SandboxResponse {
		const key = isObject(body) ? body.business_public_key : undefined;
		const errors = publicKeyErrors(key);
		if (errors.length) return malformed(`business_public_key: ${errors[0].message}`);
		this.publicKeys.set(phoneNumberId, createPublicKey(String(key)).export({ type: 'spki', format: 'pem' }).toString());
		return ok({ success: true });
	}

	getPublicKey(phoneNumberId: string): SandboxResponse {
		const key = this.publicKeys.get(phoneNumberId);
		return ok(key ? { business_public_key: key, business_public_key_signature_status: 'VALID' } : { data: [] });
	}

	/**
	 * POST /{waba}/payment_configuration/{name} {data_endpoint_url}: links, updates or (empty) removes the endpoint.
	 * Only a payment gateway configuration takes one (checkout-button-templates § Link the checkout endpoint with
	 * payment configuration); the page gives no error for a UPI VPA one: the Graph API's invalid parameter, code 100
	 * (UNCONFIRMED).
	 */
	setDataEndpoint(name: string, body: unknown): SandboxResponse {
		const provider = this.options.configurationProvider(name);
		if (provider === undefined) return unknownObject(name);
		if (provider === 'upi_vpa') return malformed(`configuration_name: "${name}" is a UPI VPA configuration; a checkout endpoint links to a payment gateway configuration only`);
		const input: JsonObject = isObject(body) ? body : {};
		const given = DATA_ENDPOINT_FIELDS.filter((spelling) => input[spelling] !== undefined);
		if (given.length === 2 && input[given[0]] !== input[given[1]]) {
			return malformed(`${given.join(', ')}: two spellings of the same field with different values; send one`);
		}
		const field = given[0] ?? DATA_ENDPOINT_FIELDS[0];
		const url = input[field];
		if (url === '') {
			this.endpoints.delete(name);
			return ok({ success: true });
		}
		const { errors } = dataEndpointRequest(typeof url === 'string' ? url : '');
		if (typeof url !== 'string' || errors.length) return malformed(`${field}: ${errors[0]?.message ?? 'is required'}`);
		this.endpoints.set(name, url);
		return ok({ success: true });
	}

	// ---------------------------------------------------------------- the buyer's side (control API)

	checkoutView(referenceId: string): SandboxResponse {
		const order = this.currentOrder(referenceId)?.order;
		return order ? ok({ reference_id: referenceId, order_details: order }) : controlError(404, `no checkout order ${referenceId}`);
	}

	/** The order as the checkout shows it now: as last re-priced by the endpoint, else as sent. */
	private currentOrder(referenceId: string): { order: JsonObject; phoneNumberId: string; configuration: string | null; userId: string } | undefined {
		const sent = this.options.orderParameters(referenceId);
		return sent && { order: sent.repriced ?? checkoutOrderOf(sent.parameters), phoneNumberId: sent.phoneNumberId, configuration: sent.configuration, userId: sent.to.replace(/\D/g, '') };
	}

	/**
	 * The buyer acts on the checkout of an order sent earlier: {sub_action, coupon?, selected_address?, tamper?}, or
	 * {sub_action: "ping"}. The request goes to the data endpoint of the order's payment configuration.
	 */
	async act(referenceId: string, body: unknown): Promise<SandboxResponse> {
		const input = isObject(body) ? body : {};
		const start = this.currentOrder(referenceId);
		if (!start) return controlError(404, `no order ${referenceId} was sent`);
		const endpoint = start.configuration ? this.endpoints.get(start.configuration) : undefined;
		if (!endpoint) return controlError(409, `the payment configuration ${start.configuration ?? '(none)'} has no data endpoint linked`);
		const numberId = start.phoneNumberId;
		if (!this.publicKeys.has(numberId)) return controlError(409, `phone number ${numberId} has no business public key`);
		const tamper = input.tamper === 'payload' || input.tamper === 'signature' ? input.tamper : undefined;
		if (input.sub_action === 'ping') return ok(await this.exchange(endpoint, numberId, { version: FLOWS_VERSION, action: 'ping' }, tamper));
		const subAction = input.sub_action as CheckoutSubAction;
		if (!CHECKOUT_SUB_ACTIONS.includes(subAction)) return controlError(400, `sub_action: must be ping or one of ${CHECKOUT_SUB_ACTIONS.join(', ')}`);
		const closed = this.options.checkoutClosed(referenceId);
		if (closed) return closed;
		const order = start.order;
		const requestInput: JsonObject = { user_id: start.userId };
		if (subAction === 'apply_coupon') requestInput.coupon = { code: input.coupon };
		if (subAction === 'apply_shipping') requestInput.selected_address = input.selected_address;
		const payload = { data: { order_details: order, input: requestInput }, action: 'data_exchange', sub_action: subAction, version: DATA_API_VERSION };
		const request = readCheckoutRequest(payload);
		if (request.kind !== 'sub_action') return controlError(400, request.kind === 'invalid' ? request.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : 'not a sub-action');
		const result = await this.exchange(endpoint, numberId, payload, tamper);
		if (result.status === 200 && isObject(result.answer)) {
			const answered = result.answer;
			const problems = validateCheckoutAnswer(request, answered.data).errors;
			// The envelope must echo the request's version and sub_action.
			const envelope = checkoutAnswer(request, {});
			if (answered.sub_action !== envelope.sub_action) problems.push({ path: '/sub_action', message: `must be ${String(envelope.sub_action)}`, rule: 'sub_action' });
			result.valid = problems.length === 0;
			result.errors = problems;
			const repriced = isObject(answered.data) ? answered.data.order_details : undefined;
			if (result.valid && isObject(repriced)) {
				const refused = this.options.reprice(referenceId, repriced);
				if (refused) return refused;
				return ok({ ...result, order_details: repriced });
			}
		}
		if (result.status === 200 && result.valid !== true) result.error_notification = await this.notifyInvalidAnswer(endpoint, numberId, result);
		return ok({ ...result, order_details: order });
	}

	/**
	 * The endpoint answered 200 with content that is not a valid answer (an order breaking a rule, a field missing,
	 * nothing that decrypts): the client tells it in an error notification (implement-endpoints-for-flows.md §
	 * Implement endpoint logic, § Error notification request), encrypted and signed like any request, and expects
	 * `{data: {acknowledged: true}}`. The page's payload is the Flows one; the checkout has no flow_token or screen,
	 * so the sandbox sends version, action and data only (UNCONFIRMED). WhatsApp sends it asynchronously; the sandbox
	 * sends it before answering the buyer's action, so that its reply is part of that answer.
	 */
	private async notifyInvalidAnswer(endpoint: string, phoneNumberId: string, invalid: CheckoutExchange): Promise<ErrorNotification> {
		const problems = invalid.errors?.length ? invalid.errors.map((e) => `${e.path} ${e.message}`).join('; ') : (invalid.error ?? 'the answer is empty');
		const request = { version: FLOWS_VERSION, action: 'data_exchange', data: { error: INVALID_ANSWER_ERROR, error_message: `${invalid.sub_action}: ${problems}` } };
		const reply = await this.send(endpoint, this.clientKey(phoneNumberId), request);
		return { request, ...reply, acknowledged: reply.status === 200 && JSON.stringify(reply.answer) === JSON.stringify(ERROR_NOTIFICATION_ANSWER) };
	}

	/**
	 * One exchange: the request (a sub-action or a ping) sent, and what came back. An endpoint that cannot decrypt it
	 * answers 421 "to force mobile client to re-download public key and retry the query" (implement-endpoints-for-flows.md
	 * § Handling decryption errors): the client reads the number's current key and sends the request once more (once:
	 * the page does not say how often; UNCONFIRMED). A spoiled request (tamper) is spoiled again, as a tampering path would.
	 */
	private async exchange(endpoint: string, phoneNumberId: string, payload: JsonObject, tamper?: Tamper): Promise<CheckoutExchange> {
		const sub_action = (payload.sub_action ?? 'ping') as CheckoutExchange['sub_action'];
		const first: CheckoutExchange = { sub_action, ...(await this.send(endpoint, this.clientKey(phoneNumberId), payload, tamper)) };
		if (first.status !== CHECKOUT_STATUS.cannotDecrypt) return first;
		return { sub_action, ...(await this.send(endpoint, this.clientKey(phoneNumberId, { download: true }), payload, tamper)), first_attempt: first };
	}

	/** The number's public key as the client has it: downloaded on first use, and again when asked (after a 421). */
	private clientKey(phoneNumberId: string, { download = false } = {}): string {
		const current = this.publicKeys.get(phoneNumberId) as string;
		if (download || !this.downloadedKeys.has(phoneNumberId)) this.downloadedKeys.set(phoneNumberId, current);
		return this.downloadedKeys.get(phoneNumberId) as string;
	}

	/** One encrypted, signed POST to the endpoint and what came back, decrypted. */
	private async send(endpoint: string, publicKey: string, payload: JsonObject, tamper?: Tamper): Promise<EndpointReply> {
		const { body, aesKey, iv } = encryptRequest(payload, publicKey);
		if (tamper === 'payload') body.encrypted_flow_data = Buffer.from(Buffer.from(body.encrypted_flow_data, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64');
		const text = JSON.stringify(body);
		const signature = signBody(tamper === 'signature' ? `${text} ` : text, this.options.appSecret);
		const started = performance.now();
		const headers = { 'content-type': 'application/json', 'x-hub-signature-256': signature };
		const response = await sendRequest('POST', endpoint, ANSWER_TIMEOUT_MS, this.inFlight, Buffer.from(text), headers, MAX_ANSWER_BYTES);
		const ms = Math.round(performance.now() - started);
		if (response.status === undefined) return { status: null, ms, error: response.error ?? 'the connection closed' };
		if (!response.text) return { status: response.status, ms };
		try {
			return { status: response.status, ms, answer: decryptResponse(response.text, aesKey, iv) };
		} catch (error) {
			return { status: response.status, ms, error: (error as Error).message };
		}
	}
}

/** The order_details parameters of `referenceId` in a sent message (interactive, template, or a carousel card). */
export function orderDetailsParametersOf(message: unknown, referenceId: string): JsonObject | undefined {
	return checkoutOrdersOf(message).find((o) => o.parameters.reference_id === referenceId)?.parameters;
}
