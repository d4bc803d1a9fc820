/* eslint-disable @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Messages for the sandbox tests, built on the shared order fixtures (test/fixtures/orders.ts), whose
 * expirations hold at FIXTURE_NOW_MS: start the sandbox with `now: fixtureNow`.
 */
import { brazilOneClickOrder as brazilFixture, indiaRazorpayOrder } from '../fixtures/orders';

export const BUYER = '919876543210';
export const BRAZIL_BUYER = '5511987654321';
/** The payment configuration the India fixture names. */
export const INDIA_CONFIGURATION = 'razorpay-sandbox';
export const INDIA_TOTAL_MINOR = 115360;

type Json = Record<string, unknown>;
// The fixtures are whole messages; tests reach into them by the documented structure.
type OrderMessage = Json & { interactive: { body?: unknown; action: { parameters: any } } };

function withReference(message: Json, referenceId: string): OrderMessage {
	const order = message as OrderMessage;
	order.interactive.action.parameters.reference_id = referenceId;
	return order;
}

/** A valid India order paid through Razorpay (configuration INDIA_CONFIGURATION), to BUYER. */
export const indiaOrder = (referenceId: string): OrderMessage => withReference(indiaRazorpayOrder(), referenceId);

/** The seed's Brazil One-Click order (offsite_card_pay 5235 / 1234567), to BRAZIL_BUYER. */
export const brazilOneClickOrder = (referenceId: string): OrderMessage => withReference(brazilFixture(), referenceId);

/** indiaOrder as an order details template message (template "order_bill": india-send-order-details-template-message.md). */
export function indiaOrderTemplate(referenceId: string): Json {
	const { parameters } = indiaOrder(referenceId).interactive.action;
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to: BUYER,
		type: 'template',
		template: {
			name: 'order_bill',
			language: { policy: 'deterministic', code: 'en' },
			components: [{ type: 'button', sub_type: 'order_details', index: 0, parameters: [{ type: 'action', action: { order_details: parameters } }] }],
		},
	};
}

export function orderStatus(referenceId: string, status: string, to = BUYER, payment?: { status: string; timestamp?: number }): Json {
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to,
		type: 'interactive',
		interactive: {
			type: 'order_status',
			body: { text: `Your order is ${status}` },
			action: { name: 'review_order', parameters: { reference_id: referenceId, order: { status, description: 'update' }, ...(payment ? { payment } : {}) } },
		},
	};
}
