/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Our panels in the real n8n editor, and the README's screenshots of them: the examples are imported as a user
 * imports them (no stand-ins, not published), each panel is opened, the test ASSERTS that our parameters render
 * there (their labels) and only then saves the picture. The credential form and the bill form of a new node are
 * taken by editor.test.ts, which makes them in the UI.
 */
import { join } from 'path';

import type { Browser, Locator, Page } from 'playwright-core';

import type { INodeTypeDescription } from 'n8n-workflow';

import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { WhatsAppPaymentsTrigger } from '../../nodes/WhatsAppPaymentsTrigger/WhatsAppPaymentsTrigger.node';
import { deployWorkflow } from '../../scripts/n8n-api';
import { readWorkflow } from '../../scripts/workflows';
import { EDITOR_TIMEOUT_MS, editorDescribe, expectLabels, launchBrowser, openEditor, screenshot, shows } from './browser';
import { e2eInstance } from './support';

const instance = e2eInstance();
/** What has rendered may still be fading in (buttons, icons): the picture waits this long after the checks. */
const SETTLE_MS = 1000;
/** The version a new node of each of our types gets: the pictures show that form, not an older one kept for old workflows. */
const CURRENT_VERSION = new Map(
	[new WhatsAppPayments().description, new WhatsAppPaymentsTrigger().description].map((d: INodeTypeDescription) => [d.name, d.defaultVersion ?? d.version]),
);

/** Fails unless the example's node `node` is of the current version of its type (it is the one pictured). */
function expectCurrentVersion(file: string, node: string): void {
	const found = readWorkflow(join(__dirname, '..', '..', 'examples', file)).nodes.find((n) => n.name === node);
	const type = String(found?.type).split('.').pop() as string;
	expect({ node, typeVersion: found?.typeVersion }).toEqual({ node, typeVersion: CURRENT_VERSION.get(type) });
}
editorDescribe('our panels in the editor', () => {
let browser: Browser;
let page: Page;
/** Workflow id by example file. */
const imported = new Map<string, string>();

beforeAll(async () => {
	for (const file of ['02-payment-received.json', '03-brazil-one-click.json']) {
		const { id } = await deployWorkflow(instance, readWorkflow(join(__dirname, '..', '..', 'examples', file)), { publish: false });
		imported.set(file, id);
	}
	browser = await launchBrowser();
	page = await openEditor(browser, instance);
}, 3 * EDITOR_TIMEOUT_MS);
afterAll(async () => {
	await browser?.close();
});

async function openCanvas(file: string): Promise<Locator> {
	await page.goto(`${instance.n8nUrl}/workflow/${imported.get(file)}`, { waitUntil: 'commit' });
	await shows(page.locator('.vue-flow__node'), `the canvas of ${file}`, EDITOR_TIMEOUT_MS);
	// n8n's "Production Checklist" popover may cover the canvas.
	const checklist = page.getByText('Production Checklist');
	if (await checklist.isVisible()) await checklist.locator('xpath=ancestor::*[.//button][1]').locator('button').last().click();
	return page.locator('.vue-flow');
}

async function openPanel(file: string, node: string): Promise<Locator> {
	expectCurrentVersion(file, node);
	await openCanvas(file);
	await page.locator('.vue-flow__node', { hasText: node }).first().dblclick();
	const panel = await shows(page.getByTestId('ndv'), `the panel of "${node}" (${file})`, EDITOR_TIMEOUT_MS);
	// A community node n8n could not load opens as "Install this node to use it", without parameters.
	expect(await panel.getByText('Install this node to use it').count()).toBe(0);
	return panel;
}

/** Fails when `label` is on the panel (a field of another version of the node). */
async function expectNoLabel(panel: Locator, label: string, what: string): Promise<void> {
	expect({ what, label, shown: await panel.getByText(label, { exact: true }).count() }).toEqual({ what, label, shown: 0 });
}

async function take(file: string): Promise<void> {
	await page.waitForTimeout(SETTLE_MS);
	await screenshot(page, file);
}

test('the canvas of example 2 (payment received)', async () => {
	await expectLabels(await openCanvas('02-payment-received.json'), ['Payment captured', 'Look up payment', 'Tell the customer: processing'], 'the canvas of example 2');
	await take('workflow-payment-received.png');
});

test('the trigger panel: what starts it and the lookup confirmation', async () => {
	const panel = await openPanel('02-payment-received.json', 'Payment captured');
	await expectLabels(panel, ['Trigger On', 'Payment Statuses', 'Confirm With Payment Lookup', 'Verify Token'], 'the trigger panel');
	await take('node-trigger.png');
});

test('the Send Order Status panel', async () => {
	const panel = await openPanel('03-brazil-one-click.json', 'Order status: payment captured');
	// Version 2: pacing under "Sending Limits" (version 1 kept it in "Options").
	await expectLabels(panel, ['Recipient Phone Number', 'Reference ID', 'Status', 'Body', 'Additional Fields', 'Sending Limits'], 'the Send Order Status panel');
	// The form ends below the panel's fold: scrolled so that the picture shows it down to "Sending Limits".
	await panel.getByText('Sending Limits', { exact: true }).scrollIntoViewIfNeeded();
	await take('node-send-order-status.png');
});

test('the Payment → Look Up panel', async () => {
	const panel = await openPanel('02-payment-received.json', 'Look up payment');
	// Version 2: a lookup sends nothing, so it has neither "Options" nor "Sending Limits".
	await expectLabels(panel, ['Payment Configuration', 'Reference ID'], 'the Look Up panel');
	for (const label of ['Options', 'Sending Limits']) await expectNoLabel(panel, label, 'the Look Up panel');
	await take('node-look-up-payment.png');
});

test('the 360dialog credential shows only what 360dialog uses, and its test passes against the sandbox', async () => {
	const ref = instance.credentials['WhatsApp Payments (360dialog)'];
	await page.goto(`${instance.n8nUrl}/home/credentials/${ref.id}`, { waitUntil: 'commit' });
	const modal = await shows(page.getByTestId('editCredential-modal'), 'the 360dialog credential', EDITOR_TIMEOUT_MS);
	await expectLabels(modal, ['Provider', 'API Key', 'Webhook Secret', 'Advanced Settings', 'Connection tested successfully'], 'the 360dialog credential');
	expect(await modal.getByText('Access Token', { exact: true }).count()).toBe(0);
});
});
