/* eslint-disable @typescript-eslint/no-explicit-any -- test data of any shape */
/**
 * Send Checkout Button Template in n8n's engine against the sandbox: one product per input item, a carousel of
 * every input item, the template dropdown, and errors in the form's words before any message is sent.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { checkoutOffer } from './checkoutOffer';
import { cloudCredentials, NODE, RECIPIENT, TOKEN, newReference, testbedPerFile } from './testbed';

const bed = testbedPerFile();

/** A shop's "back in stock" offer, each field from the input item (a sheet row). */
const offer = (parameters: INodeParameters = {}): INodeParameters =>
	checkoutOffer({
		bodyParameters: { parameter: [{ text: 'Nidhi' }, { text: '={{ $json.name }}' }] },
		referenceId: '={{ $json.ref }}',
		productName: '={{ $json.name }}',
		headerMedia: '={{ $json.image }}',
		price: '={{ $json.price }}',
		salePrice: '={{ $json.sale }}',
		tax: '={{ $json.tax }}',
		additionalFields: { shipping: '200', expiresInMinutes: 60 },
		...parameters,
	});
const V2 = { typeVersion: 2 };
const row = (over: IDataObject = {}): IDataObject => ({ ref: newReference('CO'), name: 'Blue Elf Aloe', image: 'https://shop.example/aloe.jpg', price: '2000', sale: '1500', tax: '100', ...over });
const checkoutView = async (referenceId: string) => await bed.control('GET', `/_sandbox/checkout/${referenceId}`);

describe('Send Checkout Button Template', () => {
	it('one product per input item: a template message each, with its image, body and the order on the "Buy now" button', async () => {
		const rows = [row(), row({ name: 'Snake Plant', image: '1558081531584829', sale: '' })];
		const result = await bed.run(offer(), rows, V2);
		const out = result.json(NODE);
		expect(out.map((o) => o.referenceId)).toEqual(rows.map((r) => r.ref));
		const message = out[0].message as IDataObject & { template: { components: IDataObject[] } };
		expect(message.template.components[0]).toEqual({ type: 'header', parameters: [{ type: 'image', image: { link: 'https://shop.example/aloe.jpg' } }] });
		expect(message.template.components[1]).toEqual({ type: 'body', parameters: [{ type: 'text', text: 'Nidhi' }, { type: 'text', text: 'Blue Elf Aloe' }] });
		// The sandbox took both orders; WhatsApp shows the buyer the order as sent: ₹1,500 + ₹200 shipping + ₹100 tax.
		const first = await checkoutView(String(rows[0].ref));
		expect(first.order_details).toMatchObject({ type: 'physical-goods', total_amount: { value: 180000, offset: 100 }, shipping_info: { country: 'IN', addresses: [] } });
		expect(first.order_details.payment_settings).toBeUndefined();
		const second = await checkoutView(String(rows[1].ref));
		expect(second.order_details.total_amount.value).toBe(230000);
		expect((out[1].message as any).template.components[0].parameters[0].image).toEqual({ id: '1558081531584829' });
	});

	it('a carousel of every input item: one message, one card and one checkout button per product', async () => {
		const rows = [row(), row({ name: 'Snake Plant' }), row({ name: 'Money Plant' })];
		const result = await bed.run(offer({ products: 'carousel', template: 'plants_back_in_stock_carousel|en_US', bodyParameters: { parameter: [{ text: 'Nidhi' }] } }), rows, V2);
		const [out] = result.json(NODE);
		expect(out.referenceIds).toEqual(rows.map((r) => r.ref));
		const cards = (out.message as any).template.components[1].cards;
		expect(cards.map((c: any) => c.components[1].parameters[0].action.order_details.order.items[0].name)).toEqual(['Blue Elf Aloe', 'Snake Plant', 'Money Plant']);
		for (const r of rows) expect((await checkoutView(String(r.ref))).reference_id).toBe(r.ref);
		const sent = (await bed.requests()).filter((r) => r.path.endsWith('/messages'));
		expect(sent.at(-1)).toMatchObject({ status: 200, message_type: 'template/checkout' });
	});

	it('a carousel whose recipient comes from the rows: one customer\'s rows are sent, two customers\' fail before any request', async () => {
		const carouselTo = offer({ products: 'carousel', template: 'plants_back_in_stock_carousel|en_US', to: '={{ $json.phone }}', bodyParameters: { parameter: [{ text: 'Nidhi' }] } });
		const oneCustomer = [row({ phone: RECIPIENT }), row({ phone: RECIPIENT, name: 'Snake Plant' })];
		const [sent] = (await bed.run(carouselTo, oneCustomer, V2)).json(NODE);
		expect(sent.referenceIds).toEqual(oneCustomer.map((r) => r.ref));
		const before = (await bed.requests()).filter((r) => r.path.endsWith('/messages')).length;
		const twoCustomers = await bed.run(carouselTo, [row({ phone: RECIPIENT }), row({ phone: '919812345678', name: 'Snake Plant' })], V2);
		expect(twoCustomers.nodes[NODE].error?.message).toMatch(/^Recipient Phone Number: input item 2 gives "919812345678" but input item 1 gives "/);
		expect((await bed.requests()).filter((r) => r.path.endsWith('/messages'))).toHaveLength(before);
	});

	it('errors name the form\'s fields and input items, and nothing is sent', async () => {
		const before = (await bed.requests()).filter((r) => r.path.endsWith('/messages')).length;
		// The body's {{2}} is the name too: an empty name cell is named there first (an empty body value is refused).
		const noName = await bed.run(offer(), [row({ name: '' })], V2);
		expect(noName.nodes[NODE].error?.message).toMatch(/^Input item 1: Body Parameters › line 2: is empty/);
		const noNameFixedBody = await bed.run(offer({ bodyParameters: { parameter: [{ text: 'Nidhi' }, { text: 'our plants' }] } }), [row({ name: '' })], V2);
		expect(noNameFixedBody.nodes[NODE].error?.message).toMatch(/^Input item 1: Product Name: /);
		const onSale = await bed.run(offer(), [row({ sale: '2500' })], V2);
		expect(onSale.nodes[NODE].error?.message).toMatch(/^Input item 1: Sale Price: must be less than the item's price \(2000\.00\)/);
		const oneCard = await bed.run(offer({ products: 'carousel' }), [row()], V2);
		expect(oneCard.nodes[NODE].error?.message).toMatch(/Products: must be 2 to 10 for a carousel \(one card each\), not 1/);
		const carouselCard = await bed.run(offer({ products: 'carousel' }), [row(), row({ price: 'ten' })], V2);
		expect(carouselCard.nodes[NODE].error?.message).toMatch(/Products › line 2 › Price: /);
		// checkout-button-templates.md <MESSAGE_BODY_TEXT_VARIABLE>: no limit of its own, but it counts against the body's 1024 characters.
		const longBody = await bed.run(offer({ bodyParameters: { parameter: [{ text: 'Nidhi' }, { text: 'x'.repeat(1100) }] } }), [row()], V2);
		expect(longBody.nodes[NODE].error?.message).toBe(
			"Input item 1: Body Parameters: come to 1105 characters of text: with the template's own text they must stay within the body's 1024",
		);
		const dialog = await bed.run(offer({ paymentConfiguration: { __rl: true, mode: 'name', value: 'upi-sandbox' } }), [row()], V2);
		expect(dialog.nodes[NODE].error?.message).toMatch(/^Payment Configuration: /);
		expect((await bed.requests()).filter((r) => r.path.endsWith('/messages'))).toHaveLength(before);
	});

	describe('Payment Gateway', () => {
		afterEach(() => bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url)));
		const messagesSent = async () => (await bed.requests()).filter((r) => r.path.endsWith('/messages')).length;
		const gatewayOf = (out: IDataObject) => /"payment_gateway":\{"type":"(\w+)","configuration_name":"([\w-]+)"/.exec(JSON.stringify(out.message))?.slice(1);

		it('left to the configuration: the gateway it is linked to; one that differs or that a checkout button cannot use: refused before sending', async () => {
			const [linked] = (await bed.run(offer(), [row()], V2)).json(NODE);
			expect(gatewayOf(linked)).toEqual(['razorpay', 'razorpay-sandbox']);
			const before = await messagesSent();
			const other = await bed.run(offer({ gateway: 'payu' }), [row()], V2);
			expect(other.nodes[NODE].error?.message).toMatch(/^Payment Gateway: PayU does not match the Payment Configuration "razorpay-sandbox", which is linked to Razorpay/);
			const billdesk = await bed.run(offer({ paymentConfiguration: { __rl: true, mode: 'name', value: 'billdesk-sandbox' } }), [row()], V2);
			expect(billdesk.nodes[NODE].error?.message).toMatch(/^Payment Configuration: "billdesk-sandbox" is linked to BillDesk; here the buyer pays through Razorpay, PayU, Zaakpay only/);
			const mapped = await bed.run(offer({ gateway: '={{ $json.gw }}' }), [row({ gw: 'Stripe' })], V2);
			expect(mapped.nodes[NODE].error?.message).toMatch(/^Payment Gateway: "Stripe" is not a gateway to choose here/);
			expect(await messagesSent()).toBe(before);
		});

		it('360dialog (no API lists configurations): left to the configuration, an error saying to choose it; chosen: sent with it', async () => {
			bed.harness.setCredentials('whatsAppPaymentsApi', { provider: 'dialog360', apiKey: TOKEN, baseUrl: bed.sandbox.url });
			const before = await messagesSent();
			const unsettled = await bed.run(offer(), [row()], V2);
			expect(unsettled.nodes[NODE].error?.message).toMatch(/^Payment Gateway: the gateway of "razorpay-sandbox" could not be read \(360dialog has no API that lists payment configurations\): choose the gateway here/);
			expect(await messagesSent()).toBe(before);
			const chosen = await bed.run(offer({ gateway: 'razorpay' }), [row()], V2);
			expect(chosen.error).toBeUndefined();
			expect(gatewayOf(chosen.json(NODE)[0])).toEqual(['razorpay', 'razorpay-sandbox']);
			expect(await messagesSent()).toBe(before + 1);
		});
	});

	it('the Template dropdown lists the approved checkout button templates, carousels marked', async () => {
		const nodeType = new WhatsAppPayments();
		const spec = { nodes: [{ name: NODE, type: bed.harness.typeName('whatsAppPayments'), parameters: offer() }] };
		const workflow = bed.harness.createWorkflow(spec, {});
		const context = new LoadOptionsContext(workflow, workflow.getNode(NODE)!, bed.harness.createAdditionalData(workflow, 'internal', bed.sandbox.url), 'parameters.template');
		expect(await nodeType.methods.loadOptions.getCheckoutTemplates.call(context)).toEqual([
			{ name: 'item_back_in_stock_v1 (en_US)', value: 'item_back_in_stock_v1|en_US' },
			{ name: 'plants_back_in_stock_carousel (en_US, carousel)', value: 'plants_back_in_stock_carousel|en_US' },
		]);
	});
});
