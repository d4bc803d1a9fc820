/**
 * An approved template is listed APPROVED by the template API and ACTIVE in the payments pages'
 * words (india-send-order-details-template-message.md § Creating an order details template on WhatsApp Manager):
 * every reader of a template's status takes both (UNCONFIRMED which one a listing gives).
 */
import { CHECKOUT_BUTTON_TEXT, checkoutTemplates } from '../../core/checkoutTemplate';
import { readPaymentLinkTemplate } from '../../core/paymentLinks';
import { isApprovedTemplateStatus } from '../../core/templateStatus';
import { orderDetailsTemplates } from '../../core/templates';

const buttons = (button: Record<string, unknown>) => ({ type: 'BUTTONS', buttons: [button] });
const bill = (status: string) => ({ name: `bill_${status.toLowerCase()}`, language: 'en_US', status, components: [{ type: 'BODY', text: 'Order {{1}}' }, buttons({ type: 'ORDER_DETAILS', text: 'Review and Pay' })] });
const checkout = (status: string) => ({ name: `checkout_${status.toLowerCase()}`, language: 'en_US', status, components: [{ type: 'BODY', text: 'Back in stock' }, buttons({ type: 'ORDER_DETAILS', text: CHECKOUT_BUTTON_TEXT })] });
const paymentLink = (status: string) => ({
	name: 'payment_reminder',
	language: 'en',
	status,
	components: [{ type: 'BODY', text: 'Pay {{1}}' }, buttons({ type: 'URL', text: 'Pay Now', url: 'https://rzp.io/i/{{1}}' })],
});

describe('isApprovedTemplateStatus', () => {
	it.each(['APPROVED', 'ACTIVE', 'approved', 'Active', ' ACTIVE '])('takes %p', (status) => {
		expect(isApprovedTemplateStatus(status)).toBe(true);
	});
	it.each(['PENDING', 'REJECTED', 'PAUSED', 'DISABLED', '', null, undefined, 1])('refuses %p', (status) => {
		expect(isApprovedTemplateStatus(status)).toBe(false);
	});
});

describe('the readers of a template listing take ACTIVE like APPROVED', () => {
	const statuses = ['APPROVED', 'ACTIVE', 'PAUSED'];

	it('order details templates (Send Order Details Template)', () => {
		expect(orderDetailsTemplates({ data: statuses.map(bill) }).map((t) => t.name)).toEqual(['bill_active', 'bill_approved']);
	});

	it('checkout button templates', () => {
		expect(checkoutTemplates({ waba_templates: statuses.map(checkout) }).map((t) => t.name)).toEqual(['checkout_active', 'checkout_approved']);
	});

	it('payment link templates', () => {
		expect(readPaymentLinkTemplate(paymentLink('ACTIVE')).problems).toEqual([]);
		expect(readPaymentLinkTemplate(paymentLink('APPROVED')).problems).toEqual([]);
		expect(readPaymentLinkTemplate(paymentLink('PAUSED')).problems).toEqual(['is not approved yet (status PAUSED)']);
	});
});
