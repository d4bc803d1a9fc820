/* eslint-disable @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Order → Send Payment Link Template (meta-docs enhanced-payment-links.md) in n8n's engine against the sandbox over
 * HTTP: the merchant's whole link becomes the template button's suffix, the template's definition is read once per
 * run and checked, every error names the form's label and stops the item before the API, Continue On Fail lets the
 * other items go, and the sandbox takes the message like Meta (the template must exist) and shows the customer a
 * payment bubble.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { FAST_RETRIES, NODE, PHONE_NUMBER_ID, RECIPIENT, TOKEN, startTestbed, type Testbed } from './testbed';

let bed: Testbed;
beforeAll(async () => {
	// As a merchant fills the credential in: the token alone; the account is found from it for the template's definition.
	bed = await startTestbed({}, { phoneNumberId: '', businessAccountId: '', advanced: true });
});
afterAll(async () => {
	await bed.close();
});

const V2 = { typeVersion: 2 };
const LINK = 'https://rzp.io/i/abc123XYZ';

/** The page's example request as the form fills it in (version 2: the template picked from the list). */
const paymentLink = (parameters: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'sendPaymentLinkTemplate',
	phoneNumberId: PHONE_NUMBER_ID,
	to: RECIPIENT,
	template: 'payment_reminder|en',
	bodyParameters: { parameter: [{ text: 'Rishi' }, { text: 'ORD-12345' }, { text: '1,999' }] },
	paymentLink: LINK,
	sendingLimits: FAST_RETRIES,
	...parameters,
});

const apiRequests = async () => (await bed.requests()).filter((r) => !r.path.endsWith('/debug_token'));

/** The customer's chat on the sandbox's phone page. */
async function chatOf(waId: string): Promise<any[]> {
	const { data } = await bed.control('GET', '/_sandbox/phone/chats');
	return (data as any[]).find((c) => c.waId === waId)?.bubbles ?? [];
}

describe('Send Payment Link Template', () => {
	beforeEach(async () => {
		await bed.control('POST', '/_sandbox/reset');
	});

	it('sends the page\'s example: the link\'s suffix in the one url button, and the customer sees a payment bubble', async () => {
		const result = await bed.run(paymentLink(), [{}], V2);
		expect(result.error).toBeUndefined();
		const [out] = result.json(NODE);
		expect(out).toEqual({
			wamid: expect.stringMatching(/^wamid\./),
			waId: RECIPIENT,
			paymentLink: LINK,
			gateway: 'razorpay',
			linkSuffix: 'abc123XYZ',
			attempts: 1,
			message: {
				messaging_product: 'whatsapp',
				recipient_type: 'individual',
				to: RECIPIENT,
				type: 'template',
				template: {
					name: 'payment_reminder',
					language: { policy: 'deterministic', code: 'en' },
					components: [
						{ type: 'body', parameters: [{ type: 'text', text: 'Rishi' }, { type: 'text', text: 'ORD-12345' }, { type: 'text', text: '1,999' }] },
						{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'abc123XYZ' }] },
					],
				},
			},
			raw: expect.objectContaining({ messages: [{ id: out.wamid }] }),
		});
		expect((await apiRequests()).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'GET /v23.0/200000000000001/message_templates 200',
			'POST /v23.0/100000000000001/messages 200',
		]);
		expect(await chatOf(RECIPIENT)).toEqual([
			expect.objectContaining({
				kind: 'message',
				template: 'payment_reminder (en)',
				text: 'Hi Rishi, reminder to pay for your order #ORD-12345. Amount: ₹1,999',
				paymentLink: { url: LINK, gateway: 'Razorpay', amount: '₹1,999', text: 'Hi Rishi, reminder to pay for your order #ORD-12345. Amount: ₹1,999' },
			}),
		]);
	});

	it('reads the template\'s definition once per run, however many items; each item gets its own link', async () => {
		const items = ['abc1', 'abc2', 'abc3'].map((id) => ({ link: `https://rzp.io/i/${id}`, name: `Customer ${id}` }));
		const result = await bed.run(
			paymentLink({ paymentLink: '={{ $json.link }}', bodyParameters: { parameter: [{ text: '={{ $json.name }}' }, { text: 'ORD-1' }, { text: '250' }] } }),
			items,
			V2,
		);
		expect(result.error).toBeUndefined();
		expect(result.json(NODE).map((o) => [o.linkSuffix, o.paymentLink])).toEqual(items.map((i) => [i.link.slice('https://rzp.io/i/'.length), i.link]));
		const paths = (await apiRequests()).map((r) => `${r.method} ${r.path}`);
		expect(paths.filter((p) => p.startsWith('GET'))).toEqual(['GET /v23.0/200000000000001/message_templates']);
		expect(paths.filter((p) => p.startsWith('POST'))).toHaveLength(3);
	});

	it('the template dropdown lists only the approved templates fit for payment links, with their gateway', async () => {
		const workflow = bed.harness.createWorkflow({ nodes: [{ name: NODE, type: bed.harness.typeName('whatsAppPayments'), parameters: paymentLink() }] }, {});
		const context = new LoadOptionsContext(workflow, workflow.getNode(NODE)!, bed.harness.createAdditionalData(workflow, 'internal', bed.sandbox.url), 'parameters.template');
		expect(await new WhatsAppPayments().methods.loadOptions.getPaymentLinkTemplates.call(context)).toEqual([
			{ name: 'payment_reminder (en)', value: 'payment_reminder|en', description: 'Razorpay links: button URL https://rzp.io/i/{{1}}' },
		]);
	});
});

/** [what the merchant did, the form's parameters, how the item's error starts]. */
const USER_ERRORS: Array<[string, INodeParameters, string | RegExp]> = [
	['a link under the shop\'s own domain', paymentLink({ paymentLink: 'https://myshop.in/pay/abc123XYZ' }), 'Input item 1: Payment Link: https://myshop.in/pay/abc123XYZ is not a direct Razorpay, PayU or Cashfree payment link.'],
	['a Razorpay page that is not a payment link', paymentLink({ paymentLink: 'https://pages.razorpay.com/pl_1/view' }), /^Input item 1: Payment Link: .* is a Razorpay address but not a Razorpay payment link/],
	['an empty cell as the link', paymentLink({ paymentLink: '={{ " " }}' }), 'Input item 1: Payment Link: is empty: paste the link your payment gateway created, e.g. https://rzp.io/i/abc123XYZ'],
	['an empty body parameter', paymentLink({ bodyParameters: { parameter: [{ text: 'Rishi' }, { text: '' }, { text: '1' }] } }), 'Input item 1: Body Parameters › line 2: is empty'],
	['a local number without its country code (payment links are for India)', paymentLink({ to: '9876543210' }), 'Input item 1: Recipient Phone Number: "9876543210" has no country code: add the country code, e.g. 91 9876543210'],
	['a template value that is not name|language', paymentLink({ template: 'payment_reminder' }), 'Template Name or ID: "payment_reminder" is not a template from the list'],
	// Found with the template's definition, before the message is sent:
	['a Cashfree link in the Razorpay template', paymentLink({ paymentLink: 'https://cfre.in/CSHFRE/k8Jh' }), /^Input item 1: Payment Link: https:\/\/cfre\.in\/CSHFRE\/k8Jh does not start with the template button's URL https:\/\/rzp\.io\/i\//],
	['fewer body parameters than the template has', paymentLink({ bodyParameters: { parameter: [{ text: 'Rishi' }] } }), 'Input item 1: Body Parameters: 1 given, the template payment_reminder (en) has 3 body placeholders'],
	['a template whose button is not a gateway\'s', paymentLink({ template: 'track_order|en_US', bodyParameters: { parameter: [{ text: 'A1' }] } }), /^Input item 1: Template Name or ID: track_order \(en_US\) has the button URL prefix https:\/\/shop\.sandbox\.test\/track\/, which is not a supported one/],
	['a template of an order bill', paymentLink({ template: 'order_bill|en_US', bodyParameters: { parameter: [{ text: 'A1' }] } }), /^Input item 1: Template Name or ID: order_bill \(en_US\) has a button of type ORDER_DETAILS/],
	['a template that is not approved', paymentLink({ template: 'order_bill_draft|en_US', bodyParameters: {} }), /^Input item 1: Template Name or ID: order_bill_draft \(en_US\) is not approved yet \(status PENDING\)/],
	['a template the account does not have', paymentLink({ template: 'nope|en' }), 'Template Name or ID: nope (en) is not a template of your WhatsApp Business Account'],
];

describe('errors name the form\'s labels, and nothing bad reaches the messages endpoint', () => {
	it.each(USER_ERRORS)('%s', async (_what, parameters, message) => {
		await bed.control('POST', '/_sandbox/reset');
		const result = await bed.run(parameters, [{}], V2);
		expect(result.error?.message).toEqual(typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message));
		expect((await apiRequests()).filter((r) => r.method === 'POST')).toEqual([]);
	});

	it('Continue On Fail: a bad item is output with its error, the others are sent', async () => {
		await bed.control('POST', '/_sandbox/reset');
		const items: IDataObject[] = [{ link: 'https://rzp.io/i/good1' }, { link: 'https://bit.ly/x' }, { link: 'https://rzp.io/rzp/other' }, { link: 'https://rzp.io/i/good2' }];
		const result = await bed.run(paymentLink({ paymentLink: '={{ $json.link }}' }), items, { ...V2, continueOnFail: true });
		expect(result.error).toBeUndefined();
		const out = result.json(NODE);
		expect(out.map((o) => o.paymentLink ?? o.error)).toEqual([
			'https://rzp.io/i/good1',
			expect.stringMatching(/^Input item 2: Payment Link: https:\/\/bit\.ly\/x is not a direct/),
			expect.stringMatching(/^Input item 3: Payment Link: https:\/\/rzp\.io\/rzp\/other does not start with the template button's URL https:\/\/rzp\.io\/i\/.*https:\/\/rzp\.io\/rzp\/\{\{1\}\}/),
			'https://rzp.io/i/good2',
		]);
		expect((await apiRequests()).filter((r) => r.method === 'POST')).toHaveLength(2);
		expect(JSON.stringify(out)).not.toContain(TOKEN);
	});
});

describe('the sandbox takes payment link templates like Meta', () => {
	const send = async (template: IDataObject) => {
		const response = await fetch(`${bed.sandbox.url}/v23.0/${PHONE_NUMBER_ID}/messages`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({ messaging_product: 'whatsapp', to: '919000000001', type: 'template', template }),
		});
		return { status: response.status, body: (await response.json()) as any };
	};
	const button = (suffix: string) => ({ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: suffix }] });
	const body = (...texts: string[]) => ({ type: 'body', parameters: texts.map((text) => ({ type: 'text', text })) });

	it('a template the account does not have: 132001', async () => {
		const answer = await send({ name: 'payment_reminder', language: { code: 'hi' }, components: [body('a', 'b', 'c'), button('x')] });
		expect(answer).toEqual({ status: 404, body: { error: expect.objectContaining({ code: 132001 }) } });
	});

	it('a body parameter count other than the template\'s: 132000', async () => {
		const answer = await send({ name: 'payment_reminder', language: { code: 'en' }, components: [body('a'), button('x')] });
		expect(answer).toEqual({ status: 400, body: { error: expect.objectContaining({ code: 132000, error_data: expect.objectContaining({ details: expect.stringContaining('(1)') }) }) } });
	});

	it('a message not shaped as a payment link template (header, second button, button index 1): delivered as a plain template, no payment bubble', async () => {
		await bed.control('POST', '/_sandbox/reset');
		const header = { type: 'header', parameters: [{ type: 'text', text: 'Bill' }] };
		const forms = [
			[body('a', 'b', 'c'), button('x'), button('y')],
			[header, body('a', 'b', 'c'), button('x')],
			[body('a', 'b', 'c'), { ...button('x'), index: '1' }],
			[{ type: 'body', parameters: [{ type: 'currency', currency: { amount_1000: 1000 } }] }, button('x')],
		];
		for (const components of forms) expect((await send({ name: 'payment_reminder', language: { code: 'en' }, components })).status).toBe(200);
		const chat = await chatOf('919000000001');
		expect(chat).toHaveLength(forms.length);
		for (const bubble of chat) expect(bubble).not.toHaveProperty('paymentLink');
	});

	it('a URL button template that is not a payment link template: accepted, shown as a plain link button', async () => {
		await bed.control('POST', '/_sandbox/reset');
		const answer = await send({ name: 'track_order', language: { code: 'en_US' }, components: [body('A1'), button('A1')] });
		expect(answer.status).toBe(200);
		expect(await chatOf('919000000001')).toEqual([
			expect.objectContaining({ text: 'Follow your order A1.', paymentLink: { url: 'https://shop.sandbox.test/track/A1', gateway: null, text: 'Follow your order A1.' } }),
		]);
	});
});
