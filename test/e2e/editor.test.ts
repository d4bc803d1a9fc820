/**
 * The merchant's path in the real n8n editor, with nothing but the UI: a new workflow, a Send Order Details
 * node (version 2), a NEW credential made from the node's credential picker (the token, the App Secret, and
 * under "Advanced Settings" the sandbox's base URL), then the sending number and the payment configuration
 * picked from dropdowns loaded with that token, the recipient, reference, an item and the tax typed, and
 * "Execute step" pressed. The sandbox must then hold the bill. No ID is typed but the token.
 * Takes the README's screenshots of the credential form and the bill form.
 *
 * n8n picks the most recent credential of the type for a new node (the e2e set-up made two), so the test
 * creates its own from the picker, as a merchant's first credential would be.
 */
import type { Browser, Locator, Page } from 'playwright-core';

import { EDITOR_TIMEOUT_MS, editorDescribe, expectLabels, launchBrowser, openEditor, screenshot, shows } from './browser';
import { e2eInstance, sandboxOrder, uniqueReference, waitFor } from './support';

const instance = e2eInstance();
/** The sandbox's token and app secret (scripts/e2e.sh starts it with this app secret). */
const TOKEN = 'sandbox-token';
editorDescribe('the merchant in the editor', () => {
let browser: Browser;
let page: Page;

beforeAll(async () => {
	browser = await launchBrowser();
	page = await openEditor(browser, instance);
}, 3 * EDITOR_TIMEOUT_MS);
afterAll(async () => {
	await browser?.close();
});

const ndv = () => page.getByTestId('ndv');
const parameter = (name: string, scope: Locator | Page = page) => scope.getByTestId(`parameter-input-${name}`);
/** The open dropdown's option with this text (n8n renders dropdowns outside the panel). */
const option = (text: string | RegExp) => page.locator('.el-popper:visible, [role=listbox]:visible').getByText(text).first();

async function fill(name: string, value: string, scope: Locator | Page = page): Promise<void> {
	const input = (await shows(parameter(name, scope), `the field "${name}"`, EDITOR_TIMEOUT_MS)).locator('input, textarea').first();
	await input.fill(value);
	await input.press('Tab');
}

async function pick(name: string, text: string | RegExp, what: string): Promise<void> {
	await (await shows(parameter(name), `the dropdown ${what}`, EDITOR_TIMEOUT_MS)).click();
	await (await shows(option(text), `the entry ${String(text)} of ${what}`, EDITOR_TIMEOUT_MS)).click();
}

/** A new workflow with a manual trigger and, after it, WhatsApp Payments → "Send an order details bill". */
async function addBillNode(): Promise<void> {
	await page.goto(`${instance.n8nUrl}/workflow/new`, { waitUntil: 'commit' });
	await (await shows(page.getByTestId('canvas-plus-button'), 'the empty canvas', EDITOR_TIMEOUT_MS)).click();
	await (await shows(page.getByTestId('node-creator-search-bar'), 'the node panel', EDITOR_TIMEOUT_MS)).fill('manual');
	await (await shows(page.getByTestId('node-creator-item-name').filter({ hasText: 'Trigger manually' }), 'the manual trigger in the node panel', EDITOR_TIMEOUT_MS)).click();
	await (await shows(page.getByTestId('canvas-handle-plus'), 'the + after the trigger', EDITOR_TIMEOUT_MS)).click();
	await (await shows(page.getByTestId('node-creator-search-bar'), 'the node panel', EDITOR_TIMEOUT_MS)).fill('WhatsApp Payments');
	const creator = page.getByTestId('node-creator');
	await (await shows(creator.getByText('WhatsApp Payments', { exact: true }), 'WhatsApp Payments in the node panel', EDITOR_TIMEOUT_MS)).click();
	await (await shows(creator.getByText('Send an order details bill', { exact: true }), 'the action "Send an order details bill"', EDITOR_TIMEOUT_MS)).click();
	await shows(ndv(), 'the panel of the new node', EDITOR_TIMEOUT_MS);
}

/** "Create new credential" from the node's picker; fills the Cloud API form as a merchant with the sandbox would. */
async function createCredential(): Promise<void> {
	await (await shows(ndv().getByTestId('node-credentials-select'), 'the credential picker', EDITOR_TIMEOUT_MS)).click();
	await (await shows(page.getByTestId('node-credentials-select-item-new'), '"Create new credential"', EDITOR_TIMEOUT_MS)).click();
	const modal = await shows(page.getByTestId('editCredential-modal'), 'the new credential form', EDITOR_TIMEOUT_MS);
	// The merchant's form: the token and the App Secret, the developer fields hidden until "Advanced Settings".
	await expectLabels(modal, ['Provider', 'Access Token', 'App Secret', 'App ID', 'Advanced Settings'], 'the credential form');
	expect(await modal.getByText('Base URL Override', { exact: true }).count()).toBe(0);
	await fill('accessToken', TOKEN, modal);
	await fill('appSecret', instance.appSecret, modal);
	await screenshot(page, 'credential-cloud-api.png');
	await parameter('advanced', modal).locator('.el-switch').click();
	await fill('baseUrl', instance.sandboxUrl, modal);
	const name = (await modal.getByTestId('credential-name').innerText()).trim();
	await modal.getByTestId('credential-save-button').click();
	// n8n tests a new credential when it is saved and, when the test passes, closes the form and picks it for the node.
	await modal.waitFor({ state: 'hidden', timeout: EDITOR_TIMEOUT_MS });
	expect(await ndv().getByTestId('node-credentials-select').locator('input').first().inputValue()).toBe(name);
}

test(
	'a merchant makes the credential and a bill in the editor, picks the number and the payment configuration from dropdowns, and the sandbox receives the bill',
	async () => {
		const referenceId = uniqueReference('EDITOR');
		await addBillNode();
		await createCredential();

		await pick('phoneNumberId', '919876543210 · Sandbox Store', 'Sending Phone Number');
		await fill('to', '919812300017');
		await fill('referenceId', referenceId);
		await (await shows(parameter('paymentConfiguration').getByTestId('rlc-input'), 'the Payment Configuration list', EDITOR_TIMEOUT_MS)).click();
		await (await shows(page.getByTestId('rlc-item').filter({ hasText: /^razorpay-sandbox \(Razorpay, / }), 'razorpay-sandbox in the Payment Configuration list', EDITOR_TIMEOUT_MS)).click();

		// One item row: India without a catalog asks for the origin and the importer on the row.
		await (await shows(ndv().getByTestId('fixed-collection-add').filter({ hasText: 'Add Item' }), '"Add Item"', EDITOR_TIMEOUT_MS)).click();
		const row = ndv().getByTestId('fixed-collection-items');
		await fill('name', 'Masala tea 250 g', row);
		await fill('amount', '250', row);
		await fill('quantity', '2', row);
		await fill('countryOfOrigin', 'India', row);
		await fill('importerName', 'Chai Imports', row);
		await fill('importerAddressLine1', '12 Tea Street', row);
		await fill('importerCity', 'Mumbai', row);
		await fill('importerZoneCode', 'MH', row);
		await fill('importerPostalCode', '400001', row);
		await fill('importerCountryCode', 'IN', row);
		await fill('taxAmount', '18');
		await fill('body', 'Your tea order: tap to pay');
		// Tab from the body opens the next dropdown ("Add Field"): closed, and the form shown from its top.
		await page.keyboard.press('Escape');
		await parameter('phoneNumberId', ndv()).scrollIntoViewIfNeeded();
		await screenshot(page, 'node-send-order-details.png');

		await ndv().getByTestId('node-execute-button').first().click();
		const output = ndv().getByTestId('output-panel');
		await shows(output.getByText(referenceId), 'the reference in the node\'s output', EDITOR_TIMEOUT_MS);

		// The sandbox received the bill: 2 x 250 + 18 tax, to the customer, on the Cloud API.
		const order = await waitFor(`the sandbox to hold ${referenceId}`, 30000, () => sandboxOrder(instance, referenceId));
		expect(order).toMatchObject({ channel: 'cloudApi', market: 'india', order_status: 'pending', total: '518.00', payment_configuration: 'razorpay-sandbox' });
	},
	10 * EDITOR_TIMEOUT_MS,
);
});
