/**
 * The customer's phone page (the sandbox's GET /) in a real browser against the real n8n: a workflow sends a
 * bill -> the page shows it with the right total -> the test presses Pay as the customer would -> the trigger
 * runs in n8n -> the "processing" status bubble appears. Brazil One-Click the same way; a failed payment starts
 * nothing and changes no status. A checkout button template's bill: its panel applies a coupon and an address through
 * example 6 (the checkout endpoint in n8n) and the payment charges the re-priced total. Takes the README's screenshots
 * of the chat, the payment sheet and the merchant tab, and docs/sandbox.md's of the checkout panel.
 */
import type { Browser, Page } from 'playwright-core';

import { SANDBOX_PHONE_NUMBER_ID, SANDBOX_TOKEN, SANDBOX_WABA_ID } from '../../scripts/n8n-api';
import { businessKeyPair, PASSPHRASE } from '../fixtures/checkout';
import { BUYER_ADDRESS, CHECKOUT_CONFIGURATION } from '../fixtures/checkoutOrder';
import { paymentVariantMessages } from '../fixtures/orders';
import { orderStatus } from '../sandbox/messages';
import { launchBrowser, screenshot, shows } from './browser';
import { Deployment, e2eInstance, example, postJson, sandboxOrder, sandboxPost, uniqueReference, waitForOrder, type Deployed } from './support';

const instance = e2eInstance();
const deployment = new Deployment(instance);
/** Customers of their own, so that this chat holds only this file's orders. */
const INDIA_CUSTOMER = { phone: '919812300015', shown: '+91 98123 00015' };
const BRAZIL_CUSTOMER = { phone: '5511912340015', shown: '+55 11 91234-0015' };
const CHECKOUT_CUSTOMER = { phone: '919812300016', shown: '+91 98123 00016' };
let billing: Deployed;
let paymentReceived: Deployed;
let oneClick: Deployed;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	billing = await deployment.deploy(example('01-bill-from-webhook-order.json'));
	paymentReceived = await deployment.deploy(example('02-payment-received.json'));
	oneClick = await deployment.deploy(example('03-brazil-one-click.json'));
	// Brazil runs on the Cloud API, whose webhook URL the operator sets (360dialog's trigger registers its own).
	await sandboxPost(instance.sandboxUrl, '/_sandbox/webhook', { url: Deployment.url(oneClick, 'One-Click confirmed'), appSecret: instance.appSecret, verifyToken: instance.verifyToken });
	browser = await launchBrowser();
	page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
	await page.goto(`${instance.sandboxUrl}/`);
});
afterAll(async () => {
	await browser?.close();
	await deployment.teardown();
});

/** Example 1's webhook order: 2 x 250 + 150 + 18 tax = ₹668.00. */
async function sendIndiaBill(referenceId: string): Promise<void> {
	const sent = await postJson(Deployment.url(billing, 'New order'), {
		orderId: referenceId,
		phone: INDIA_CUSTOMER.phone,
		customerName: 'Asha',
		tax: 18,
		items: [
			{ retailer_id: 'tea-250g', name: 'Masala tea 250 g', amount: 250, quantity: 2 },
			{ retailer_id: 'mug', name: 'Mug', amount: 150, quantity: 1 },
		],
	});
	expect(sent).toMatchObject({ status: 200, body: { referenceId } });
}

/** Opens the customer's chat and returns the bill's order card once it shows. */
async function openBill(customer: { shown: string }, referenceId: string) {
	await (await shows(page.getByRole('button', { name: new RegExp(customer.shown.replace(/\+/g, '\\+')) }), `the chat of ${customer.shown}`)).click();
	return shows(page.locator(`[data-kind=order][data-reference="${referenceId}"]`), `the order card of ${referenceId}`);
}

/** The sheet "Review and pay" opens on the bill. */
async function reviewAndPay(referenceId: string) {
	const card = page.locator(`[data-kind=order][data-reference="${referenceId}"]`);
	await card.getByRole('button', { name: 'Review and pay' }).click();
	return shows(page.getByRole('dialog', { name: 'Review and pay' }), `the payment sheet of ${referenceId}`);
}

const statusBubble = (referenceId: string) => page.locator(`[data-kind=status][data-reference="${referenceId}"]`);

test('India: the bill shows with its total; paying on the page runs the trigger and the "processing" bubble appears', async () => {
	const referenceId = uniqueReference('PHONE-IN');
	await sendIndiaBill(referenceId);
	const card = await openBill(INDIA_CUSTOMER, referenceId);
	await expect(card.locator('.total dd').textContent()).resolves.toBe('₹668.00');
	await expect(card.locator('.items li').allTextContents()).resolves.toEqual(['Masala tea 250 g × 2₹250.00', 'Mug × 1₹150.00']);

	const before = (await deployment.api.executions(paymentReceived.id)).length;
	const sheet = await reviewAndPay(referenceId);
	await sheet.getByRole('radio', { name: 'UPI app (razorpay)' }).check();
	await sheet.getByRole('radio', { name: 'Payment succeeds' }).check();
	await screenshot(page, 'phone-payment-sheet.png');
	await sheet.getByRole('button', { name: 'Pay ₹668.00' }).click();

	await shows(statusBubble(referenceId).and(page.locator('[data-status=processing]')), `the "processing" status bubble of ${referenceId}`);
	await expect(statusBubble(referenceId).locator('.status-line').textContent()).resolves.toBe('Order processing');
	const [execution] = await deployment.api.waitForExecutions(paymentReceived.id, before + 1);
	expect(execution.status).toBe('success');
	await shows(page.locator(`[data-kind=payment][data-reference="${referenceId}"][data-outcome=success]`), 'the customer\'s payment bubble');
	await screenshot(page, 'phone-chat.png');
});

test('India: a failed payment shows as failed, starts no workflow and changes no status', async () => {
	const referenceId = uniqueReference('PHONE-IN');
	await sendIndiaBill(referenceId);
	await openBill(INDIA_CUSTOMER, referenceId);
	const before = (await deployment.api.executions(paymentReceived.id)).length;
	const sheet = await reviewAndPay(referenceId);
	await sheet.getByRole('radio', { name: 'Card (razorpay)' }).check();
	await sheet.getByRole('radio', { name: 'Payment fails' }).check();
	await sheet.getByRole('button', { name: 'Pay ₹668.00' }).click();
	await shows(page.locator(`[data-kind=payment][data-reference="${referenceId}"][data-outcome=failed]`), 'the failed payment bubble');

	// The failed payment's webhook reached n8n (delivered) and started nothing.
	await sandboxPost(instance.sandboxUrl, '/_sandbox/webhooks/flush');
	await waitForOrder(instance, referenceId, 'to show the failed payment', (o) => o.payment_status === 'failed');
	expect((await deployment.api.executions(paymentReceived.id)).length).toBe(before);
	expect(await sandboxOrder(instance, referenceId)).toMatchObject({ order_status: 'pending' });
	// A fresh page draws the chat as the sandbox holds it now: no status bubble, the order still pending.
	await page.reload();
	const card = await openBill(INDIA_CUSTOMER, referenceId);
	await expect(card.locator('.state').textContent()).resolves.toBe('Payment failed · order pending');
	expect(await statusBubble(referenceId).count()).toBe(0);
});

test('India: an order status Meta refuses shows as a notice, Meta\'s reason a sentence of its own', async () => {
	const referenceId = uniqueReference('PHONE-IN');
	await sendIndiaBill(referenceId);
	await sandboxPost(instance.sandboxUrl, `/_sandbox/orders/${referenceId}/pay`, { outcome: 'success', method: 'upi' });
	// Canceling a paid order: error 2047, whose message on the India page ends without a full stop.
	const canceled = orderStatus(referenceId, 'canceled', INDIA_CUSTOMER.phone);
	const sent = await postJson(`${instance.sandboxUrl}/v23.0/${SANDBOX_PHONE_NUMBER_ID}/messages`, canceled, { authorization: `Bearer ${SANDBOX_TOKEN}` });
	expect(sent.status).toBe(200);
	await openBill(INDIA_CUSTOMER, referenceId);
	const notice = await shows(page.locator(`[data-kind=error][data-reference="${referenceId}"][data-code="2047"]`), `the 2047 notice of ${referenceId}`);
	await expect(notice.locator('p').textContent()).resolves.toBe(
		`Meta refused the order status "canceled" for ${referenceId}: Could not change order status to 'canceled'. The customer does not see it; the shop gets this error by webhook.`,
	);
});

test('India: a payment link bill is paid on the gateway\'s page with the method the customer picks there (card here)', async () => {
	const referenceId = uniqueReference('PHONE-LINK');
	const bill = paymentVariantMessages()['india/payment_link'] as { to: string; interactive: { action: { parameters: { reference_id: string; order: Record<string, unknown> } } } };
	bill.to = INDIA_CUSTOMER.phone;
	bill.interactive.action.parameters.reference_id = referenceId;
	delete bill.interactive.action.parameters.order.expiration; // the fixture's expiration is valid at the fixture clock only
	const sent = await postJson(`${instance.sandboxUrl}/v23.0/${SANDBOX_PHONE_NUMBER_ID}/messages`, bill, { authorization: `Bearer ${SANDBOX_TOKEN}` });
	expect(sent.status).toBe(200);
	await openBill(INDIA_CUSTOMER, referenceId);
	const sheet = await reviewAndPay(referenceId);
	await expect(sheet.getByRole('radio', { name: /^Payment link: / }).count()).resolves.toBe(4);
	await sheet.getByRole('radio', { name: /^Payment link: Card/ }).check();
	await sheet.getByRole('radio', { name: 'Payment succeeds' }).check();
	await sheet.getByRole('button', { name: 'Pay ₹1,153.60' }).click();
	await shows(page.locator(`[data-kind=payment][data-reference="${referenceId}"][data-outcome=success]`), 'the customer\'s payment bubble');
	const order = await sandboxOrder(instance, referenceId);
	expect(order?.transactions).toEqual([expect.objectContaining({ method: { type: 'card' } })]);
});

test('Brazil One-Click: "Pay with card ending 4242" runs the trigger; the status bubble says processing, payment captured', async () => {
	const referenceId = uniqueReference('PHONE-BR');
	const sent = await postJson(Deployment.url(oneClick, 'New order (Brazil)'), {
		orderId: referenceId,
		phone: BRAZIL_CUSTOMER.phone,
		customerName: 'Bia',
		cardLastFour: '4242',
		cardCredentialId: 'card-7',
		items: [{ retailer_id: 'tshirt-m', name: 'Camiseta', amount: 89.9, quantity: 1 }],
	});
	expect(sent).toMatchObject({ status: 200, body: { referenceId } });
	const card = await openBill(BRAZIL_CUSTOMER, referenceId);
	await expect(card.locator('.total dd').textContent()).resolves.toBe('R$\u00a089,90');

	const before = (await deployment.api.executions(oneClick.id)).length;
	const sheet = await reviewAndPay(referenceId);
	await sheet.getByRole('button', { name: 'Pay with card ending 4242' }).click();
	await shows(statusBubble(referenceId).and(page.locator('[data-status=processing][data-payment=captured]')), `the "processing, payment captured" bubble of ${referenceId}`);
	const executions = await deployment.api.waitForExecutions(oneClick.id, before + 1);
	expect(executions.some((e) => e.status === 'success')).toBe(true);
});

/** A Cloud API request to the sandbox as the set-up of the checkout endpoint makes it (docs/checkout.md § Set-up, once). */
async function cloudApiPost(path: string, body: unknown): Promise<void> {
	expect(await postJson(`${instance.sandboxUrl}/v23.0/${path}`, body, { authorization: `Bearer ${SANDBOX_TOKEN}` })).toMatchObject({ status: 200 });
}

test('a checkout button template: the bill\'s panel applies coupons and the address through example 6 in n8n, shows the re-priced order and the shop\'s refusals; paying charges the re-priced total', async () => {
	// Example 6 is the shop's checkout endpoint: its key in the credential, the public half uploaded, its URL linked.
	const credentialName = 'WhatsApp Checkout Endpoint (sandbox)';
	instance.credentials[credentialName] = await deployment.api.createCredential(credentialName, 'whatsAppCheckoutEndpointApi', { privateKey: businessKeyPair().privateKey, passphrase: PASSPHRASE, appSecret: instance.appSecret });
	const endpoint = await deployment.deploy(example('06-checkout-endpoint.json'));
	await cloudApiPost(`${SANDBOX_PHONE_NUMBER_ID}/whatsapp_business_encryption`, { business_public_key: businessKeyPair().publicKey });
	await cloudApiPost(`${SANDBOX_WABA_ID}/payment_configuration/${CHECKOUT_CONFIGURATION}`, { data_endpoint_url: Deployment.url(endpoint, 'WhatsApp Checkout Endpoint') });

	// The shop's offer: ₹2,000 on sale at ₹1,500 + ₹200 shipping + ₹100 tax - ₹150 = ₹1,650.
	const referenceId = uniqueReference('PHONE-CO');
	const offer = { phone: CHECKOUT_CUSTOMER.phone, customerName: 'Nidhi', referenceId, name: 'Blue Elf Aloe', image: 'https://shop.example/aloe.jpg', price: '2000', salePrice: '1500', tax: '100', shipping: '200', discount: '150' };
	expect(await postJson(Deployment.url(endpoint, 'Product back in stock'), offer)).toMatchObject({ status: 200 });
	const card = await openBill(CHECKOUT_CUSTOMER, referenceId);
	await expect(card.locator('.total dd').textContent()).resolves.toBe('₹1,650.00');

	const sheet = await reviewAndPay(referenceId);
	const panel = sheet.getByRole('region', { name: 'Coupon and shipping' });
	const notice = panel.locator('.checkout-status');
	await panel.getByLabel('Coupon code').fill('BOGUS');
	await panel.getByRole('button', { name: 'Apply', exact: true }).click();
	await shows(notice.and(page.locator('[data-outcome=refused]')), 'the shop\'s refusal of BOGUS');
	await expect(notice.textContent()).resolves.toBe('The shop says: Sorry, BOGUS is not a valid coupon for this order');

	await panel.getByLabel('Coupon code').fill('WELCOME10');
	await panel.getByRole('button', { name: 'Apply', exact: true }).click();
	await shows(notice.and(page.locator('[data-outcome=ok]')), 'WELCOME10 applied');
	await expect(notice.textContent()).resolves.toBe('Coupon WELCOME10 applied: the total is now ₹1,500.00.');
	await expect(panel.locator('.totals .coupon').textContent()).resolves.toBe('Coupon (WELCOME10)₹150.00');

	// Example 6 ships for free from ₹1,000 of goods.
	const address: Record<string, string> = { ...BUYER_ADDRESS, phone_number: CHECKOUT_CUSTOMER.phone };
	const labels: Record<string, string> = { name: 'Name', phone_number: 'Phone number', address: 'Address', city: 'City', state: 'State', in_pin_code: 'PIN code' };
	for (const [field, label] of Object.entries(labels)) await panel.getByLabel(label, { exact: true }).fill(address[field]);
	await panel.getByRole('button', { name: 'Use address' }).click();
	await shows(notice.and(page.locator('[data-outcome=ok]', { hasText: 'Shipping' })), 'the shipping priced for the address');
	await expect(notice.textContent()).resolves.toBe('Shipping priced for this address: the total is now ₹1,300.00.');
	await expect(panel.locator('.totals').textContent()).resolves.toBe('Subtotal₹1,500.00Discount (Additional 10% off)₹150.00Coupon (WELCOME10)₹150.00Shipping₹0.00Tax₹100.00Total₹1,300.00');
	await expect(panel.getByText(`The shop priced the shipping to ${BUYER_ADDRESS.name}, ${BUYER_ADDRESS.city} ${BUYER_ADDRESS.in_pin_code}.`).count()).resolves.toBe(1);
	await sheet.evaluate((dialog) => (dialog.scrollTop = 0));
	await screenshot(page, 'phone-checkout.png');

	await sheet.getByRole('button', { name: 'Pay ₹1,300.00' }).click();
	await shows(page.locator(`[data-kind=payment][data-reference="${referenceId}"][data-outcome=success]`, { hasText: 'Paid ₹1,300.00' }), 'the payment of the re-priced total');
	await waitForOrder(instance, referenceId, 'to be paid at the re-priced total', (o) => o.payment_status === 'captured' && o.total === '1300.00');
	await expect(card.locator('.total dd').textContent()).resolves.toBe('₹1,300.00');
});

test('the merchant tab lists the orders, the webhook deliveries with their answers and the API requests', async () => {
	await page.getByRole('tab', { name: 'Merchant' }).click();
	const orders = page.locator('#orders-table');
	await shows(orders.locator('tr', { hasText: 'PHONE-IN' }), 'an India order in the orders table');
	await shows(orders.locator('tr', { hasText: 'PHONE-BR' }).locator('.pill.processing'), 'the Brazil order, processing, in the orders table');
	await shows(page.locator('#webhooks-table [data-state=delivered] .pill.ok', { hasText: '200' }), 'a delivered webhook answered 200');
	await shows(page.locator('#requests-table tr', { hasText: '/messages' }), 'a messages request in the request log');
	await expect(page.locator('#faults-form').getByLabel('Seed').inputValue()).resolves.toMatch(/^\d+$/);
	await screenshot(page, 'phone-merchant.png');
	// The tabs follow the keyboard (arrow keys), as WAI-ARIA tabs do.
	await page.getByRole('tab', { name: 'Merchant' }).press('ArrowLeft');
	await shows(page.locator('#view-phone'), 'the phone view after ArrowLeft');
});

test('on a phone-sized screen the chats and the open chat take the screen in turn', async () => {
	await page.setViewportSize({ width: 390, height: 844 });
	await page.reload();
	const chats = await shows(page.getByRole('navigation', { name: 'Chats' }), 'the chats list');
	await page.getByRole('button', { name: new RegExp(INDIA_CUSTOMER.shown.replace(/\+/g, '\\+')) }).click();
	await shows(page.locator('[data-kind=order]'), 'an order card on the small screen');
	expect(await chats.isVisible()).toBe(false);
	await page.getByRole('button', { name: 'Back to the chats' }).click();
	await shows(chats, 'the chats list after Back');
});
