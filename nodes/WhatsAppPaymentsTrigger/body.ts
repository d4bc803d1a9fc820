/**
 * The delivery's JSON, parsed once. n8n parses every JSON webhook body before a trigger runs (the UTF-8 text of
 * req.rawBody, the very bytes the signature was checked on, through JSON.parse into req.body), so parsing those
 * bytes again would double a delivery's largest cost (a batch of 1000 updates: 3-5 ms on 2 cores).
 * n8n's parse is taken only when it is a WhatsApp webhook (an object whose `object` is "whatsapp_business_account"
 * with an `entry` list) read as UTF-8; anything else is parsed from the raw bytes as before, so what n8n did or did
 * not parse never changes what the trigger reads.
 */
import { isObject } from '../../core/messageShape';
import { WEBHOOK_OBJECT } from '../../core/webhooks';

/** The request as n8n hands it to the trigger: its parsed body and the charset it was decoded with. */
export interface ParsedRequest {
	body?: unknown;
	encoding?: string;
}

const UTF8 = /^utf-?8$/i;

/** n8n's parsed body when it is a WhatsApp webhook read as UTF-8, else the raw bytes as text (for parseWebhook). */
export function deliveryBody(request: ParsedRequest, rawBody: Buffer): unknown {
	const { body, encoding } = request;
	const asUtf8 = encoding === undefined || UTF8.test(encoding);
	if (asUtf8 && isObject(body) && body.object === WEBHOOK_OBJECT && Array.isArray(body.entry)) return body;
	return rawBody.toString('utf8');
}
