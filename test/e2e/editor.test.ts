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

import { clickOnce, EDITOR_TIMEOUT_MS, editorDescribe, expectLabels, launchBrowser, openEditor, screenshot, shows, TRY_MS, untilShows } from './browser';
import { NO_CREDENTIAL_YET } from '../../nodes/WhatsAppPayments/methods/loadOptions';
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

/**
 * "Sending Phone Number", loaded with the new credential. n8n (2.41.1) starts a dropdown's load when the node's
 * credential changes but skips it while an earlier load is under way, so a load begun before the credential
 * reached the node can stand: the dropdown then offers our "Loads With the Credential (Reopen the Node if
 * This Stays)" entry (or the list of the credential before), and the merchant does what it says; so does
 * the test. A click that lands while another popup closes opens nothing: the dropdown is clicked again.
 */
async function pickSendingNumber(): Promise<void> {
	const wanted = '919876543210 · Sandbox Store';
	// Lists loaded before the new credential reached the node: without one, or with the 360dialog credential the panel opened with.
	const outdated = [NO_CREDENTIAL_YET[0].name, 'The Number of Your 360dialog API Key'];
	const field = parameter('phoneNumberId', ndv());
	const lists = page.locator('.el-popper:visible, [role=listbox]:visible');
	let shown: string[] = [];
	let reopened = 0;
	let clickedAt = 0;
	const deadline = Date.now() + EDITOR_TIMEOUT_MS;
	while (Date.now() < deadline) {
		shown = await lists.allInnerTexts();
		if (shown.some((t) => t.includes(wanted))) return await clickOnce(option(wanted));
		// A failed load turns the dropdown into a text field that reads "Error fetching options".
		const error = /^Error/.test(await field.locator('input').first().inputValue({ timeout: 1000 }).catch(() => ''));
		if ((error || shown.some((t) => outdated.some((entry) => t.includes(entry)))) && reopened < 2) {
			reopened++;
			await page.keyboard.press('Escape');
			await clickOnce(page.locator('[data-test-id=ndv-close-button]:visible, [data-test-id=back-to-canvas]:visible'));
			await ndv().waitFor({ state: 'hidden', timeout: EDITOR_TIMEOUT_MS });
			await untilShows('the reopened panel of the bill node', ndv(), () => page.locator('.vue-flow__node', { hasText: /order details/i }).first().dblclick({ timeout: TRY_MS }));
			clickedAt = 0;
		}
		// The list did not open (or shows something else) for a while: clicked again, as a merchant would.
		if (Date.now() - clickedAt > 10000) {
			await clickOnce(field).catch(() => undefined);
			clickedAt = Date.now();
		}
		await page.waitForTimeout(1000);
	}
	const input = field.locator('input').first();
	const value = `${await input.inputValue({ timeout: 1000 }).catch(() => '?')} / ${await input.getAttribute('placeholder', { timeout: 1000 }).catch(() => '?')}`;
	throw new Error(`the entry ${wanted} of Sending Phone Number did not show within ${EDITOR_TIMEOUT_MS / 1000} s (reopened ${reopened}x); the field showed "${value}", the open lists ${JSON.stringify(shown)}`);
}

/** A new workflow with a manual trigger and, after it, WhatsApp Payments → "Send an order details bill". */
async function addBillNode(): Promise<void> {
	await page.goto(`${instance.n8nUrl}/workflow/new`, { waitUntil: 'commit' });
	await shows(page.getByTestId('canvas-plus-button'), 'the empty canvas', EDITOR_TIMEOUT_MS);
	const search = page.getByTestId('node-creator-search-bar');
	// Each step is repeated only while its result has not shown; the "+" it starts from is gone once it has.
	await untilShows('the manual trigger on the canvas', page.getByTestId('canvas-handle-plus'), async () => {
		await clickOnce(page.getByTestId('canvas-plus-button'));
		await search.first().fill('manual', { timeout: TRY_MS });
		await clickOnce(page.getByTestId('node-creator-item-name').filter({ hasText: 'Trigger manually' }));
	});
	await untilShows('the panel of the new node', ndv(), async () => {
		await clickOnce(page.getByTestId('canvas-handle-plus'));
		await search.first().fill('WhatsApp Payments', { timeout: TRY_MS });
		const creator = page.getByTestId('node-creator');
		await clickOnce(creator.getByText('WhatsApp Payments', { exact: true }));
		await clickOnce(creator.getByText('Send an order details bill', { exact: true }));
	});
}

/** "Create new credential" from the node's picker; fills the Cloud API form as a merchant with the sandbox would. */
async function createCredential(): Promise<void> {
	const modal = await untilShows('the new credential form', page.getByTestId('editCredential-modal'), async () => {
		await clickOnce(ndv().getByTestId('node-credentials-select'));
		await clickOnce(page.getByTestId('node-credentials-select-item-new'));
	});
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

		await pickSendingNumber();
		await fill('to', '919812300017');
		await fill('referenceId', referenceId);
		const razorpay = page.getByTestId('rlc-item').filter({ hasText: /^razorpay-sandbox \(Razorpay, / });
		await clickOnce(await untilShows('razorpay-sandbox in the Payment Configuration list', razorpay, () => clickOnce(parameter('paymentConfiguration').getByTestId('rlc-input'))));

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
