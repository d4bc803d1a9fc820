import type { KeyObject } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkoutAnswer, CHECKOUT_STATUS, readCheckoutRequest, refusalAnswer, repriceCheckoutOrder, validateCheckoutAnswer, type CheckoutSubActionRequest } from '../../../../core/checkout';
import { DecryptionError, encryptResponse, unwrapAesKey } from '../../../../core/endpointCrypto';
import { OrderValidationError } from '../../../../core/errors';
import { isObject, type JsonObject } from '../../../../core/messageShape';
import { toMinor } from '../../../../core/money';
import { CHECKOUT_CREDENTIAL_TYPE, CHECKOUT_TRIGGER_NAME, checkoutPrivateKey, type CheckoutCredentials } from '../../../shared/checkoutKey';
import { CredentialCache, credentialScope } from '../../../shared/credentialCache';
import { readParameter } from '../../shared/parameters';
import { text } from '../../shared/values';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Answer With',
		name: 'answerWith',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Coupons (Get Coupons)', value: 'coupons', description: 'The coupons this buyer may use: one per input item, or a list' },
			{ name: 'Re-Priced Order', value: 'order', description: 'Apply Coupon, Remove Coupon, Apply Shipping: the order with its new shipping, coupon and totals' },
			{ name: 'Refusal Message', value: 'refusal', description: 'Refuse (an unknown coupon, an address you do not deliver to, an item out of stock): the buyer sees the message' },
		],
		default: 'order',
	},
	{
		displayName: 'Coupons Source',
		name: 'couponsSource',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { answerWith: ['coupons'] } },
		options: [
			{ name: 'All Input Items', value: 'inputItems', description: 'Each input item is a coupon with code, description and optionally ID columns (e.g. Google Sheets rows)' },
			{ name: 'JSON List', value: 'json', description: 'A list of coupons, e.g. from an expression' },
		],
		default: 'inputItems',
	},
	{
		displayName: 'Coupons (JSON)',
		name: 'coupons',
		type: 'json',
		default: '[]',
		displayOptions: { show: { answerWith: ['coupons'], couponsSource: ['json'] } },
		hint: 'e.g. [{ "code": "WELCOME10", "id": "welcome10", "description": "10% off" }]',
		description: 'The coupons to offer when the buyer asks for them: a list, each an object with a code (what the buyer types), an identifier of yours and a description, all three required, under the keys of the example below',
	},
	{
		displayName: 'Shipping',
		name: 'shipping',
		type: 'string',
		default: '',
		placeholder: 'e.g. 40 or 0',
		displayOptions: { show: { answerWith: ['order'] } },
		description: 'The shipping charge in currency units (rupees); empty keeps the order\'s',
	},
	{
		displayName: 'Coupon Discount',
		name: 'couponDiscount',
		type: 'string',
		default: '',
		placeholder: 'e.g. 165',
		displayOptions: { show: { answerWith: ['order'] } },
		description: 'Apply Coupon: the discount of the buyer\'s coupon in currency units (rupees). Apply Shipping: the order\'s coupon re-priced (empty keeps its discount). Remove Coupon drops the coupon by itself.',
	},
	{
		displayName: 'Order Details (JSON)',
		name: 'orderDetails',
		type: 'json',
		default: '',
		displayOptions: { show: { answerWith: ['order'] } },
		description:
			'Optional: the order with your changes (items, quantities, prices), e.g. from a Code node. Empty: the order of the request. Subtotal and total are always computed.',
	},
	{
		displayName: 'Message',
		name: 'refusalMessage',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Sorry, Blue Elf Aloe is out of stock',
		displayOptions: { show: { answerWith: ['refusal'] } },
		description: 'What the buyer sees',
	},
];

export const description = forOperation({ show: { resource: ['checkout'], operation: ['respondToCheckout'] } }, properties);

/** The checkout request and the wrapped key of its answer, from the checkout trigger's item. */
interface TriggerRequest {
	request: CheckoutSubActionRequest;
	session: { encrypted_aes_key: string; initial_vector: string };
}

/** The item the checkout trigger of this workflow emitted (each execution answers one request). */
function triggerRequest(ctx: IExecuteFunctions, itemIndex: number): TriggerRequest {
	const trigger = ctx.getParentNodes(ctx.getNode().name).find((node) => node.type.endsWith(CHECKOUT_TRIGGER_NAME));
	if (!trigger) {
		throw new NodeOperationError(ctx.getNode(), 'Respond to Checkout answers a WhatsApp Checkout Endpoint Trigger: none is connected before this node', { itemIndex });
	}
	const proxy = ctx.getWorkflowDataProxy(itemIndex) as unknown as { $: (name: string) => { first(): INodeExecutionData | undefined } };
	const json = proxy.$(trigger.name).first()?.json ?? {};
	const request = readCheckoutRequest({ action: 'data_exchange', sub_action: json.subAction, version: json.version, data: { order_details: json.orderDetails, input: inputOf(json) } });
	if (request.kind !== 'sub_action' || !isObject(json.session)) throw new NodeOperationError(ctx.getNode(), `The item of "${trigger.name}" is not a checkout request`, { itemIndex });
	return { request, session: json.session as TriggerRequest['session'] };
}

const inputOf = (json: IDataObject): JsonObject => ({
	user_id: json.userId,
	...(json.couponCode ? { coupon: { code: json.couponCode } } : {}),
	...(isObject(json.selectedAddress) ? { selected_address: json.selectedAddress } : {}),
});

/** A JSON parameter as a value: n8n gives objects for expressions and text for typed JSON. */
function jsonParameter(ctx: IExecuteFunctions, name: string, itemIndex: number): unknown {
	const value = readParameter<unknown>(ctx, name, itemIndex, '');
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	const parsed = attempt(() => JSON.parse(value) as unknown);
	if (!parsed.ok) throw new OrderValidationError([{ path: name, message: 'is not valid JSON', rule: 'json' }], 'answer');
	return parsed.value;
}

/** The value of `step`, or its error: errors are turned into the node's own outside the catch (n8n's lint rule). */
function attempt<T>(step: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
	try {
		return { ok: true, value: step() };
	} catch (error) {
		return { ok: false, error };
	}
}

/** An amount parameter in currency units as minor units, or undefined when empty. */
function minorParameter(ctx: IExecuteFunctions, name: string, itemIndex: number): number | undefined {
	const value = text(readParameter(ctx, name, itemIndex, ''));
	if (value === undefined) return undefined;
	const minor = attempt(() => toMinor(value));
	if (!minor.ok) throw new OrderValidationError([{ path: name, message: (minor.error as Error).message, rule: 'amount' }], 'answer');
	return minor.value;
}

function couponsOf(ctx: IExecuteFunctions, itemIndex: number): unknown {
	if (readParameter(ctx, 'couponsSource', itemIndex, 'inputItems') === 'json') return jsonParameter(ctx, 'coupons', itemIndex);
	return ctx.getInputData().map(({ json }) => ({ code: json.code, id: json.id ?? json.code, description: json.description }));
}

/** The data of the answer the parameters ask for. */
function answerData(ctx: IExecuteFunctions, request: CheckoutSubActionRequest, itemIndex: number): JsonObject {
	if (readParameter(ctx, 'answerWith', itemIndex) === 'coupons') return { coupons: couponsOf(ctx, itemIndex) };
	const orderDetails = jsonParameter(ctx, 'orderDetails', itemIndex);
	if (orderDetails !== undefined && !isObject(orderDetails)) throw new OrderValidationError([{ path: 'orderDetails', message: 'must be an object (the order_details)', rule: 'type' }], 'answer');
	const discount = minorParameter(ctx, 'couponDiscount', itemIndex);
	// apply_coupon prices the buyer's coupon; apply_shipping may re-price the one the order has (e.g. a percentage).
	const applied = isObject(request.orderDetails.coupon) ? request.orderDetails.coupon : undefined;
	const coupon = request.subAction === 'apply_coupon' ? request.input.coupon : request.subAction === 'apply_shipping' ? applied : undefined;
	// A discount for an order without a coupon would be lost; 0 (no discount) and remove_coupon (it drops the coupon) are fine.
	if (request.subAction === 'apply_shipping' && discount && typeof coupon?.code !== 'string') {
		throw new OrderValidationError([{ path: 'couponDiscount', message: 'is not used: the order has no coupon; leave it empty or 0', rule: 'coupon' }], 'answer');
	}
	return {
		order_details: repriceCheckoutOrder(request, {
			orderDetails,
			shippingMinor: minorParameter(ctx, 'shipping', itemIndex),
			coupon: coupon && discount !== undefined ? { code: coupon.code as string, ...(typeof coupon.id === 'string' ? { id: coupon.id } : {}), discountMinor: discount } : undefined,
		}),
	};
}

export interface PreparedAnswer {
	session: TriggerRequest['session'];
	status: number;
	payload: JsonObject;
	subAction: string;
}

/** One answer per execution, for the coupons of all input items too. */
export const runsOnceForAllItems = (): boolean => true;

/** Answers the trigger's request: no API request, no WhatsApp Payments API credential. */
export const withoutApi = true;

/** Sends the endpoint's answer: `text` already encrypted (or empty for a failure). */
async function send(ctx: IExecuteFunctions, status: number, text: string): Promise<void> {
	await ctx.sendResponse({ statusCode: status, headers: { 'content-type': 'text/plain' }, body: text });
}

/**
 * Builds the answer and checks it with the core before anything is sent. An invalid answer still ends the
 * request: WhatsApp gets HTTP 500 at once (never a hang) and the node fails naming the fields and rules.
 */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedAnswer> {
	const { request, session } = triggerRequest(this, itemIndex);
	const built = attempt(() => buildAnswer(this, request, itemIndex));
	if (built.ok) return { session, ...built.value, subAction: request.subAction };
	await send(this, 500, '');
	return Promise.reject(built.error);
}

/** The answer's status and clear payload, checked by the core; throws naming every field and rule broken. */
function buildAnswer(ctx: IExecuteFunctions, request: CheckoutSubActionRequest, itemIndex: number): { status: number; payload: JsonObject } {
	if (readParameter(ctx, 'answerWith', itemIndex) === 'refusal') {
		const message = text(readParameter(ctx, 'refusalMessage', itemIndex, ''));
		if (!message) throw new OrderValidationError([{ path: 'refusalMessage', message: 'is required', rule: 'required' }], 'answer');
		return { status: CHECKOUT_STATUS.refused, payload: refusalAnswer(message) };
	}
	if ((readParameter(ctx, 'answerWith', itemIndex) === 'coupons') !== (request.subAction === 'get_coupons')) {
		throw new OrderValidationError([{ path: 'answerWith', message: `does not answer ${request.subAction}: Coupons answers get_coupons, Re-Priced Order the others`, rule: 'sub_action' }], 'answer');
	}
	const data = answerData(ctx, request, itemIndex);
	const result = validateCheckoutAnswer(request, data);
	if (!result.valid) throw new OrderValidationError(result.errors, `${request.subAction} answer`);
	return { status: 200, payload: checkoutAnswer(request, data) };
}

/**
 * The private key of each Respond to Checkout node, parsed once per load and kept in this process's memory like the
 * endpoint's (shared/credentialCache.ts: at most a minute, per workflow + node + credential, never logged or output).
 * Nothing is shared with the trigger, which may run in another process (queue mode): the request's wrapped key comes
 * in the trigger's item and is unwrapped here again.
 */
const keyCache = new CredentialCache<{ privateKey: KeyObject }>();

/**
 * The request's AES key and IV, unwrapped with the kept private key. The endpoint opened this request, so a kept key
 * that cannot unwrap it is out of date (a new key pair): the credential is loaded again at once and tried once more.
 * Undefined when the credential's key cannot unwrap it either: the endpoint opened it with a key pair the credential
 * no longer holds (the endpoint keeps its key up to a minute).
 */
async function sessionKey(ctx: IExecuteFunctions, session: TriggerRequest['session']): Promise<{ aesKey: Buffer; iv: Buffer } | undefined> {
	const scope = credentialScope(ctx, CHECKOUT_CREDENTIAL_TYPE);
	const load = async () => ({ privateKey: checkoutPrivateKey(await ctx.getCredentials<CheckoutCredentials>(CHECKOUT_CREDENTIAL_TYPE)) });
	const unwrapWith = ({ privateKey }: { privateKey: KeyObject }) => {
		const unwrapped = attempt(() => unwrapAesKey(session, privateKey));
		if (unwrapped.ok) return unwrapped.value;
		if (unwrapped.error instanceof DecryptionError) return undefined;
		throw unwrapped.error;
	};
	return unwrapWith(await keyCache.get(scope, load)) ?? unwrapWith(await keyCache.reload(scope, load));
}

/** Encrypts the answer with the request's key (unwrapped again with the private key) and sends it. */
export async function execute(this: IExecuteFunctions, prepared: PreparedAnswer): Promise<IDataObject> {
	const key = await sessionKey(this, prepared.session);
	if (!key) {
		// 421 makes WhatsApp download the number's public key again and retry (implement-endpoints-for-flows.md §
		// Handling decryption errors); the endpoint opens the retry with the new key once its old one fails.
		await send(this, CHECKOUT_STATUS.cannotDecrypt, '');
		throw new NodeOperationError(this.getNode(), 'Private Key: the request was encrypted for the key pair the credential held before; answered 421 so that WhatsApp fetches the new public key and asks again');
	}
	const { aesKey, iv } = key;
	await send(this, prepared.status, encryptResponse(prepared.payload, aesKey, iv));
	return { subAction: prepared.subAction, statusCode: prepared.status, answer: prepared.payload as IDataObject };
}
