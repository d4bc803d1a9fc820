import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readPaymentLookup, referenceIdRefusal, type PaymentLookupReading } from '../../../core/payments';
import { paymentLookupPath } from '../../../core/providers';
import type { ApiRequest, WhatsAppApi } from '../transport';
import { requireText } from './values';

/** The GET of an order's payment (payment configuration + reference_id); a safe read, retried as one. */
export const paymentLookupRequest = (api: WhatsAppApi, configurationName: string, referenceId: string): ApiRequest => ({
	method: 'GET',
	path: paymentLookupPath(api.settings, configurationName, referenceId),
	retry: 'read',
	checks: ['/reference_id', '/payment_configuration'],
});

/** GET the payment of an order: the raw response and its reading for `referenceId` (never another order's payment). */
export async function findPayment(api: WhatsAppApi, configurationName: string, referenceId: string, itemIndex: number): Promise<{ raw: IDataObject; found: PaymentLookupReading }> {
	const raw = (await api.request(paymentLookupRequest(api, configurationName, referenceId), itemIndex)).body;
	return { raw, found: readPaymentLookup(raw, referenceId) };
}

/** The Reference ID of an order to look up or refund: one a bill could carry (no request for one WhatsApp cannot hold). */
export function requireReferenceId(ctx: IExecuteFunctions, itemIndex: number): string {
	const referenceId = requireText(ctx, itemIndex, 'referenceId');
	const refusal = referenceIdRefusal(referenceId);
	if (refusal) throw new NodeOperationError(ctx.getNode(), `referenceId: ${refusal}`, { itemIndex });
	return referenceId;
}
