/**
 * What "Send Order Details" and its template form share: reading and checking the order before any
 * request, and sending it so that a bill is never sent twice (see the retry policy in transport/index.ts).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { OrderValidationError } from '../../../../core/errors';
import { isObject, locateParameters, type JsonObject } from '../../../../core/messageShape';
import { checkProviderRules } from '../../../../core/orderRules';
import { noPaymentReason } from '../../../../core/payments';
import { credentialProvider, DIALOG360_INDIA_ONLY, type Provider } from '../../../../core/providers';
import type { NormalizedAmount, PaymentSettingInput } from '../../../../core/types';
import { readParameter } from '../../shared/parameters';
import { booleanOf } from '../../shared/values';
import { findPayment } from '../../shared/paymentLookup';
import { sendMessage } from '../../shared/sendMessage';
import { isVersion1 } from '../../shared/versions';
import { CREDENTIAL_TYPE, type DeliveryCheck, type OrderDelivery, type WhatsAppApi } from '../../transport';
import { readOrder, type OrderBaseInput } from './orderFields';
import { settledGateway } from './orderPayment';

export interface PreparedOrderDetails {
	message: object;
	referenceId: string;
	/** The payment configuration the order can be looked up with (India payment gateway, legacy UPI), or null. */
	lookupConfiguration: string | null;
	/** The bill's total_amount on the wire, to tell our order from an earlier one that used the same reference. */
	totalAmount: unknown;
	/** "Skip Orders Already Sent": look the order up before the first send. */
	skipIfSent: boolean;
}

/** The credential's provider of each node run, read once: items are checked before the run's API client exists. */
const runProviders = new WeakMap<IExecuteFunctions, Promise<Provider>>();

/** The provider of the node's credential, read as the transport reads it, once per run. */
export function providerOfRun(ctx: IExecuteFunctions): Promise<Provider> {
	let provider = runProviders.get(ctx);
	if (!provider) {
		provider = ctx.getCredentials(CREDENTIAL_TYPE).then(credentialProvider);
		runProviders.set(ctx, provider);
	}
	return provider;
}

/** The payment configuration name of an order's payment setting; Brazil's list and the link methods have none. */
function configurationNameOf(payment: PaymentSettingInput | PaymentSettingInput[]): string | null {
	if (Array.isArray(payment)) return null;
	return payment.type === 'payment_gateway' || payment.type === 'upi_legacy' ? payment.configurationName : null;
}

/**
 * Reads item `itemIndex`'s order and builds its message with `build` (the message form's own fields come
 * from its Additional Fields); the core validates, so a bad order throws before any request.
 */
export async function prepareOrderDetails(
	ctx: IExecuteFunctions,
	itemIndex: number,
	build: (order: OrderBaseInput, additionalFields: IDataObject) => object,
): Promise<PreparedOrderDetails> {
	const provider = await providerOfRun(ctx);
	if (provider === 'dialog360' && readParameter(ctx, 'market', itemIndex) === 'brazil') {
		throw new OrderValidationError([{ path: 'market', message: `must be India with a 360dialog credential: ${DIALOG360_INDIA_ONLY}`, rule: 'provider' }], 'order');
	}
	const order = readOrder(ctx, itemIndex, await settledGateway(ctx, itemIndex));
	const message = build(order, readParameter<IDataObject>(ctx, 'additionalFields', itemIndex, {}));
	const { parameters, path } = locateParameters(message, 'order_details');
	// The core checked the order's own rules while building; those of the provider it goes through are checked here.
	const providerErrors = isObject(parameters) ? checkProviderRules(parameters, path, provider) : [];
	if (providerErrors.length > 0) throw new OrderValidationError(providerErrors, 'order');
	return {
		message,
		referenceId: order.referenceId,
		lookupConfiguration: configurationNameOf(order.payment),
		totalAmount: isObject(parameters) ? parameters.total_amount : undefined,
		skipIfSent: booleanOf(ctx, itemIndex, 'options.skipOrdersAlreadySent', readParameter<IDataObject>(ctx, 'options', itemIndex, {}).skipOrdersAlreadySent, false),
	};
}

/** The same amount: value / offset equal (1000/100 is 100/10). */
const sameAmount = (a: NormalizedAmount, b: JsonObject) =>
	typeof b.value === 'number' && typeof b.offset === 'number' && a.value * b.offset === b.value * a.offset;

/**
 * Whether the payment lookup knows the order, i.e. whether an earlier attempt delivered its bill. A payment
 * for the reference with another total is not ours: the reference was used by an earlier order. Unknown never
 * sends: Skip Orders Already Sent refuses the bill, and after an attempt that may have been processed the item
 * fails saying it may have been delivered.
 */
async function lookUpDelivery(
	ctx: IExecuteFunctions,
	api: WhatsAppApi,
	prepared: PreparedOrderDetails,
	configurationName: string,
	itemIndex: number,
): Promise<DeliveryCheck> {
	const { referenceId, totalAmount } = prepared;
	const unknown = (what: string): DeliveryCheck => ({ verdict: 'unknown', reason: `The payment lookup in configuration "${configurationName}" ${what}` });
	let found;
	try {
		({ found } = await findPayment(api, configurationName, referenceId, itemIndex));
	} catch (error) {
		return unknown(`failed (${(error as Error).message})`);
	}
	if (found.kind === 'noPayment') return { verdict: 'absent' };
	if (found.kind !== 'payment') return unknown(`answered without a payment for this reference: ${noPaymentReason(found)}`);
	// A payment whose total cannot be read cannot be told from an earlier order's either. Version 1 keeps its verdict
	// (before 0abf9c3): a payment without an amount object is the order's.
	const total = found.payment.amount;
	const { entry } = found;
	if (isVersion1(ctx) && !isObject(entry.amount ?? entry.total_amount)) return { verdict: 'delivered' };
	if (isObject(totalAmount) && !(total && sameAmount(total, totalAmount))) {
		const what = total ? `another total (${JSON.stringify({ value: total.value, offset: total.offset })})` : 'no readable total';
		return unknown(`holds a payment for this reference with ${what}: the reference may belong to an earlier order`);
	}
	return { verdict: 'delivered' };
}

/**
 * "Skip Orders Already Sent": the lookup before the first send. The result item when WhatsApp already has
 * the order; undefined when the lookup clearly says it has not; an error, and nothing sent, otherwise.
 */
async function alreadySent(ctx: IExecuteFunctions, prepared: PreparedOrderDetails, api: WhatsAppApi, itemIndex: number): Promise<IDataObject | undefined> {
	const { lookupConfiguration, referenceId } = prepared;
	if (lookupConfiguration === null) {
		throw new NodeOperationError(
			ctx.getNode(),
			`options.skipOrdersAlreadySent: order ${referenceId} cannot be looked up (only India payment gateway and legacy UPI orders have a payment configuration), so it was not sent: turn the option off for it`,
			{ itemIndex },
		);
	}
	const found = await lookUpDelivery(ctx, api, prepared, lookupConfiguration, itemIndex);
	if (found.verdict === 'absent') return undefined;
	if (found.verdict === 'unknown') {
		throw new NodeOperationError(ctx.getNode(), `Could not tell whether order ${referenceId} was already sent, so it was not sent`, { itemIndex, description: found.reason });
	}
	const skipped = { wamid: null, alreadySent: true, deliveryConfirmedBy: 'paymentLookup', attempts: 0, message: prepared.message as IDataObject };
	return isVersion1(ctx) ? { reference_id: referenceId, ...skipped } : { referenceId, ...skipped };
}

/** The `execute` of both order_details operations: sends the prepared message under the order_details retry policy. */
export async function executeOrderDetails(this: IExecuteFunctions, prepared: PreparedOrderDetails, api: WhatsAppApi, itemIndex: number): Promise<IDataObject> {
	const { lookupConfiguration, referenceId } = prepared;
	if (prepared.skipIfSent) {
		const skipped = await alreadySent(this, prepared, api, itemIndex);
		if (skipped) return skipped;
	}
	const delivery: OrderDelivery = {
		referenceId,
		...(lookupConfiguration !== null ? { check: async () => await lookUpDelivery(this, api, prepared, lookupConfiguration, itemIndex) } : {}),
		mayHaveBeenSentBefore: prepared.skipIfSent,
	};
	const sent = await sendMessage(this, api, prepared.message, referenceId, { retry: 'orderDetails', delivery }, itemIndex);
	// Skip Orders Already Sent, second guard: the lookup missed a bill sent within its lag bound, the API refused it as reused.
	return prepared.skipIfSent && sent.deliveryConfirmedBy === 'duplicateReference' ? { ...sent, alreadySent: true } : sent;
}
