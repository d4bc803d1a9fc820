/**
 * The trigger reads n8n's parse of a WhatsApp webhook instead of parsing the same bytes again
 * (nodes/WhatsAppPaymentsTrigger/body.ts), and the raw bytes whenever n8n's parse is not such a webhook.
 * The end-to-end behaviour (events of signed deliveries in n8n's engine and in a real n8n) is in trigger.test.ts
 * and test/e2e; here, which of the two each request gives.
 */
import { deliveryBody } from '../../nodes/WhatsAppPaymentsTrigger/body';
import { messagesChange, paymentStatus, webhookBody } from '../fixtures/webhooks';

const webhook = webhookBody([[messagesChange({ statuses: [paymentStatus()] })]]);
const raw = Buffer.from(JSON.stringify(webhook));

describe('deliveryBody', () => {
	it.each([
		['utf-8', 'utf-8'],
		['utf8', 'utf8'],
		['UTF-8', 'UTF-8'],
		['no charset', undefined],
	])("takes n8n's parse of a WhatsApp webhook read as UTF-8 (%s)", (_case, encoding) => {
		const body = JSON.parse(raw.toString()) as unknown;
		expect(deliveryBody({ body, encoding }, raw)).toBe(body);
	});

	it.each([
		['an empty body (n8n left the default)', {}, 'utf-8'],
		['no body', undefined, 'utf-8'],
		['another object', { object: 'page', entry: [] }, 'utf-8'],
		['entry not a list', { object: 'whatsapp_business_account', entry: {} }, 'utf-8'],
		['text', raw.toString(), 'utf-8'],
		['another charset', webhook, 'latin1'],
	])('reads the raw bytes for %s', (_case, body, encoding) => {
		expect(deliveryBody({ body, encoding }, raw)).toBe(raw.toString('utf8'));
	});
});
