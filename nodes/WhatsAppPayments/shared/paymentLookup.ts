import type { IDataObject } from 'n8n-workflow';

import { paymentLookupPath } from '../../../core/providers';
import type { ApiRequest, WhatsAppApi } from '../transport';

/** The GET of an order's payment (payment configuration + reference_id); a safe read, retried as one. */
export const paymentLookupRequest = (api: WhatsAppApi, configurationName: string, referenceId: string): ApiRequest => ({
	method: 'GET',
	path: paymentLookupPath(api.settings, configurationName, referenceId),
	retry: 'read',
});

/** GET the payment of an order: the raw lookup response. */
export async function lookUpPayment(api: WhatsAppApi, configurationName: string, referenceId: string, itemIndex: number): Promise<IDataObject> {
	return (await api.request(paymentLookupRequest(api, configurationName, referenceId), itemIndex)).body;
}
