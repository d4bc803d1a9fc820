import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { messagesPath } from '../../../core/providers';
import type { RetryRule, WhatsAppApi } from '../transport';
import { outputItem } from './output';

/** The retry policy of a message: order_status is a plain write; order_details says how to check its delivery. */
export type MessagePolicy = Exclude<RetryRule, { retry: 'read' }>;

/**
 * POSTs one message and returns referenceId, the message's wamid, the customer's waId, the message sent and
 * the API's answer in `raw` (never credentials; version 1: the answer's keys plus reference_id, see
 * shared/output.ts). `deliveredByEarlierAttempt` and `deliveryConfirmedBy`: see the retry policy in
 * transport/index.ts.
 */
export async function sendMessage(ctx: IExecuteFunctions, api: WhatsAppApi, message: object, referenceId: string, policy: MessagePolicy, itemIndex: number): Promise<IDataObject> {
	const response = await api.request({ method: 'POST', path: messagesPath(api.settings), body: message as IDataObject, ...policy }, itemIndex);
	const messages = response.body.messages as Array<{ id?: string }> | undefined;
	const contacts = response.body.contacts as Array<{ wa_id?: string }> | undefined;
	const outcome = {
		wamid: messages?.[0]?.id ?? null,
		...(response.deliveredByEarlierAttempt ? { deliveredByEarlierAttempt: true, deliveryConfirmedBy: response.deliveredByEarlierAttempt } : {}),
		...(response.resentBecause ? { resent: true, resentBecause: response.resentBecause } : {}),
		attempts: response.attempts,
		message: message as IDataObject,
	};
	return outputItem(ctx, { referenceId, waId: contacts?.[0]?.wa_id ?? null, ...outcome }, response.body, () => ({ ...response.body, reference_id: referenceId, ...outcome }));
}
