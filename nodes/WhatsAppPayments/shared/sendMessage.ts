import type { IDataObject } from 'n8n-workflow';

import { messagesPath } from '../../../core/providers';
import type { RetryPolicy, WhatsAppApi } from '../transport';

/**
 * POSTs one message and returns the API response plus reference_id, the message's wamid and the message
 * sent (never credentials). `deliveredByEarlierAttempt`: see the retry policy in transport/index.ts.
 */
export async function sendMessage(api: WhatsAppApi, message: object, referenceId: string, retry: RetryPolicy, itemIndex: number): Promise<IDataObject> {
	const response = await api.request({ method: 'POST', path: messagesPath(api.settings), body: message as IDataObject, retry }, itemIndex);
	const messages = response.body.messages as Array<{ id?: string }> | undefined;
	return {
		...response.body,
		reference_id: referenceId,
		wamid: messages?.[0]?.id ?? null,
		...(response.deliveredByEarlierAttempt ? { deliveredByEarlierAttempt: true } : {}),
		attempts: response.attempts,
		message: message as IDataObject,
	};
}
