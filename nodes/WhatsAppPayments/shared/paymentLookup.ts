import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isNotFoundAnswer } from '../../../core/apiErrors';
import { readPaymentLookup, referenceIdRefusal, type PaymentLookupReading } from '../../../core/payments';
import { paymentLookupPath } from '../../../core/providers';
import type { ApiRequest, WhatsAppApi } from '../transport';
import { requireText } from './values';

/** The GET of an order's payment (payment configuration + reference_id); a safe read, retried as one. */
const paymentLookupRequest = (api: WhatsAppApi, configurationName: string, referenceId: string): ApiRequest => ({
	method: 'GET',
	path: paymentLookupPath(api.settings, configurationName, referenceId),
	retry: 'read',
	checks: ['/reference_id', '/payment_configuration'],
});

/**
 * A payment lookup read for its reference: the 2xx answer (`raw`) and its reading, or the API's "not found" error
 * (`notFound`), read as no payment, as an empty payments list is.
 */
export type PaymentLookup =
	| { found: PaymentLookupReading; raw: IDataObject; notFound: null }
	| { found: Extract<PaymentLookupReading, { kind: 'noPayment' }>; raw: null; notFound: NodeApiError };

/**
 * GET the payment of an order and read it for `referenceId` (never another order's payment). The one decision of "no
 * payment" for Look Up, a Full refund, Check Payment Before Canceling and Skip Orders Already Sent: an empty list or the
 * API's "not found" (HTTP 404 with an API error code, or code 100 subcode 33); any other failure is thrown as it is.
 */
export async function findPayment(api: WhatsAppApi, configurationName: string, referenceId: string, itemIndex: number): Promise<PaymentLookup> {
	const outcome = await api.tryRequest(paymentLookupRequest(api, configurationName, referenceId), itemIndex);
	if (outcome.ok) return { found: readPaymentLookup(outcome.response.body, referenceId), raw: outcome.response.body, notFound: null };
	if (outcome.apiError && isNotFoundAnswer(outcome.apiError)) return { found: { kind: 'noPayment', payment: null }, raw: null, notFound: outcome.error };
	throw outcome.error;
}

/**
 * The API's "not found" error, for the description of an error that reads it as no payment: its own words stay in view,
 * since a wrong Sending Phone Number or a token without the permission gets the same unknown-object code.
 */
export const notFoundDescription = (lookup: PaymentLookup): { description?: string } =>
	lookup.notFound ? { description: [`The API answered: ${lookup.notFound.message}`, lookup.notFound.description].filter(Boolean).join('\n') } : {};

/** The Reference ID of an order to look up or refund: one a bill could carry (no request for one WhatsApp cannot hold). */
export function requireReferenceId(ctx: IExecuteFunctions, itemIndex: number): string {
	const referenceId = requireText(ctx, itemIndex, 'referenceId');
	const refusal = referenceIdRefusal(referenceId);
	if (refusal) throw new NodeOperationError(ctx.getNode(), `referenceId: ${refusal}`, { itemIndex });
	return referenceId;
}
