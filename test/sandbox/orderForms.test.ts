/* eslint-disable @typescript-eslint/no-unused-vars -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * The sandbox takes every order form Meta's current pages document, validated by the core like the others:
 * Brazil's simplified order_details and order_status (payment only), the order_status template, and refuses
 * what a page marks required (a checkout button order's shipping).
 */
import { templateMessage, type JsonObject } from '../../core/messageShape';
import { buildOrderDetailsMessage } from '../../core/orderDetails';
import { buildOrderStatusMessage, buildOrderStatusTemplateMessage } from '../../core/orderStatus';
import { startSandbox, type Sandbox } from '../../sandbox';
import { CHECKOUT_CONFIGURATION, checkoutOrderDetails } from '../fixtures/checkoutOrder';
import { brazilOrderInput, fixtureNow } from '../fixtures/orders';
import { cloudClient, controlClient, HELD, PHONE_NUMBER_ID } from './helpers';
import { BRAZIL_BUYER, BUYER, indiaOrder } from './messages';

describe('sandbox: documented order forms', () => {
	let sandbox: Sandbox;
	const messages = `/${PHONE_NUMBER_ID}/messages`;
	const send = (body: unknown) => cloudClient(sandbox.url).post(messages, body);
	const order = async (referenceId: string) => (await controlClient(sandbox.url).get(`/orders/${referenceId}`)).data;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, now: fixtureNow, webhookBatchMs: HELD });
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	/** brazil-orders.md § Simplified order details message / § Simplified order status example */
	it('Brazil: a simplified bill, then a payment-only order_status that marks it paid', async () => {
		const { items: _items, ...input } = brazilOrderInput();
		const bill = await send(buildOrderDetailsMessage({ ...input, referenceId: 'BR-SIMPLE-1', total: '500.00' }, { now: fixtureNow }));
		expect(bill.status).toBe(200);
		expect(await order('BR-SIMPLE-1')).toMatchObject({ order_status: 'pending', total: '500.00' });

		const paid = await send(buildOrderStatusMessage({ to: BRAZIL_BUYER, referenceId: 'BR-SIMPLE-1', body: 'Pagamento recebido', payment: { status: 'captured', timestamp: 1_760_003_300 } }));
		expect(paid.status).toBe(200);
		const after = await order('BR-SIMPLE-1');
		expect(after).toMatchObject({ order_status: 'pending', payment_status: 'captured' });
		expect(after.messages.map((m: { type: string; outcome?: string }) => [m.type, m.outcome])).toEqual([
			['order_details', undefined],
			['order_status', 'applied'],
		]);
	});

	/** brazil-orders.md § Supported order status: pending beside a payment keeps the order pending (UNCONFIRMED reading) */
	it('Brazil: order status pending with a pending payment is applied, and the order can still move on', async () => {
		const { items: _items, ...input } = brazilOrderInput();
		expect((await send(buildOrderDetailsMessage({ ...input, referenceId: 'BR-PEND-1', total: '80.00' }, { now: fixtureNow }))).status).toBe(200);
		const pending = buildOrderStatusMessage({ to: BRAZIL_BUYER, referenceId: 'BR-PEND-1', status: 'pending', body: 'Aguardando pagamento', payment: { status: 'pending' } });
		expect((await send(pending)).status).toBe(200);
		expect(await order('BR-PEND-1')).toMatchObject({ order_status: 'pending', payment_status: 'pending' });
		const paid = buildOrderStatusMessage({ to: BRAZIL_BUYER, referenceId: 'BR-PEND-1', status: 'processing', body: 'Pago', payment: { status: 'captured' } });
		expect((await send(paid)).status).toBe(200);
		const after = await order('BR-PEND-1');
		expect(after).toMatchObject({ order_status: 'processing', payment_status: 'captured' });
		expect(after.messages.map((m: { outcome?: string }) => m.outcome)).toEqual([undefined, 'applied', 'applied']);
	});

	/** send-order-status-template-message.md § Sending order status template message */
	it('an order_status template is validated with the core and applied like the interactive form', async () => {
		expect((await send(indiaOrder('IN-T-1'))).status).toBe(200);
		const template = buildOrderStatusTemplateMessage({ to: BUYER, referenceId: 'IN-T-1', status: 'shipped', templateName: 'order_update', languageCode: 'en_US' });
		const res = await send(template);
		expect(res.status).toBe(200);
		expect(res.data.messages[0].id).toMatch(/^wamid\./);
		const after = await order('IN-T-1');
		expect(after.order_status).toBe('shipped');
		expect(after.messages.at(-1)).toMatchObject({ type: 'template/order_status', outcome: 'applied' });

		const bad = await send({ ...template, template: { ...template.template as object, components: [{ type: 'order_status', parameters: [] }] } });
		expect(bad.status).toBe(400);
		expect(bad.data.error.error_data.details).toContain('/template/components/0/parameters');
	});

	/** checkout-button-templates.md § Send a checkout button template › Post body parameters: `<SHIPPING_AMOUNT>` "Required" */
	it('a checkout button template whose order has no shipping is refused naming it (131008); shipping 0 is taken', async () => {
		const checkout = (referenceId: string, withShipping: boolean) => {
			const orderDetails = checkoutOrderDetails(referenceId) as JsonObject & { total_amount: { value: number }; order: JsonObject & { shipping: { value: number } } };
			orderDetails.payment_settings = [{ type: 'payment_gateway', payment_gateway: { type: 'razorpay', configuration_name: CHECKOUT_CONFIGURATION } }];
			orderDetails.total_amount.value -= orderDetails.order.shipping.value;
			if (withShipping) orderDetails.order.shipping.value = 0;
			else delete (orderDetails.order as JsonObject).shipping;
			return templateMessage(BUYER, 'item_back_in_stock_v1', 'en_US', [
				{ type: 'header', parameters: [{ type: 'image', image: { id: '1558081531584829' } }] },
				{ type: 'button', sub_type: 'order_details', index: 0, parameters: [{ type: 'action', action: { order_details: orderDetails } }] },
			]);
		};
		const refused = await send(checkout('CO-NOSHIP-1', false));
		expect(refused.status).toBe(400);
		expect(refused.data.error.code).toBe(131008);
		expect(refused.data.error.error_data.details).toContain('/template/components/1/parameters/0/action/order_details/order/shipping');
		const taken = await send(checkout('CO-FREESHIP-1', true));
		expect(taken.status).toBe(200);
	});
});
