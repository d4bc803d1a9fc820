import type { IDataObject } from 'n8n-workflow';

import { paymentLookupPath } from '../../../core/providers';
import type { WhatsAppApi } from '../transport';

/** GET the payment of an order (payment configuration + reference_id): the raw lookup response. */
export async function lookUpPayment(api: WhatsAppApi, configurationName: string, referenceId: string, itemIndex: number): Promise<IDataObject> {
	const path = paymentLookupPath(api.settings, configurationName, referenceId);
	return (await api.request({ method: 'GET', path, retry: 'read' }, itemIndex)).body;
}
