import type { IDataObject } from 'n8n-workflow';

import { messagesPath } from '../../../core/providers';
import type { RetryRule, WhatsAppApi } from '../transport';

/** The retry policy of a message: order_status is a plain write; order_details says how to check its delivery. */
export type MessagePolicy = Exclude<RetryRule, { retry: 'read' }>;

/**
 * POSTs one message and returns the API response plus reference_id, the message's wamid and the message
 * sent (never credentials). `deliveredByEarlierAttempt` and `deliveryConfirmedBy`: see the retry policy in
 * transport/index.ts.
 */
export async function sendMessage(api: WhatsAppApi, message: object, referenceId: string, policy: MessagePolicy, itemIndex: number): Promise<IDataObject> {
	const response = await api.request({ method: 'POST', path: messagesPath(api.settings), body: message as IDataObject, ...policy }, itemIndex);
	const messages = response.body.messages as Array<{ id?: string }> | undefined;
	return {
		...response.body,
		reference_id: referenceId,
		wamid: messages?.[0]?.id ?? null,
		...(response.deliveredByEarlierAttempt ? { deliveredByEarlierAttempt: true, deliveryConfirmedBy: response.deliveredByEarlierAttempt } : {}),
		...(response.resentBecause ? { resent: true, resentBecause: response.resentBecause } : {}),
		attempts: response.attempts,
		message: message as IDataObject,
	};
}
