// A browser test of the package in the real n8n editor, which also takes the README's screenshots.
// Debian's chromium, driven by playwright-core, signs in, opens each panel of our nodes and our
// credential, ASSERTS that our parameters render there (their labels), and only then saves the
// screenshot. A panel that does not open or a label that does not render fails the run (exit 1).
// Run by scripts/screenshots.sh (which starts the instance and imports the examples):
//   node scripts/screenshots.js <state-dir> <out-dir>
'use strict';
const path = require('path');
const fs = require('fs');

const [stateDir, outDir] = process.argv.slice(2);
const instance = JSON.parse(fs.readFileSync(path.join(stateDir, 'instance.json'), 'utf8'));
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

/** How long a page, panel or label may take to render before the test fails. */
const RENDER_TIMEOUT_MS = 30000;
/** What has rendered may still be fading in (buttons, icons): the picture waits this long after the checks. */
const SETTLE_MS = 1000;
const INDIA_BILL = 'WhatsApp Payments 1: bill from a webhook order (India)';
const PAYMENT_RECEIVED = 'WhatsApp Payments 2: payment received (India)';
const BRAZIL_ONE_CLICK = 'WhatsApp Payments 3: Brazil bill with One-Click, charge on confirmation';
/** By the names n8n-api.ts gives the sandbox credentials (SANDBOX_CREDENTIALS). */
const CLOUD_API_CREDENTIAL = 'WhatsApp Payments (Cloud API)';
const DIALOG360_CREDENTIAL = 'WhatsApp Payments (360dialog)';

/**
 * What is checked, and saved as `file` when one is given: a workflow's canvas (its nodes), one of its
 * nodes' panels (its parameter labels) or a credential's form (its field labels).
 */
const CHECKS = [
	{ file: 'workflow-payment-received.png', workflow: PAYMENT_RECEIVED, expect: ['Payment captured', 'Look up payment', 'Tell the customer: processing'] },
	{
		file: 'node-send-order-details.png',
		workflow: INDIA_BILL,
		node: 'Send bill',
		expect: ['Recipient Phone Number', 'Market', 'Reference ID', 'Goods Type', 'Payment Method', 'Payment Gateway', 'Payment Configuration', 'Items Source'],
	},
	{ file: 'node-trigger.png', workflow: PAYMENT_RECEIVED, node: 'Payment captured', expect: ['Events', 'Confirm With Payment Lookup'] },
	{ file: 'node-send-order-status.png', workflow: BRAZIL_ONE_CLICK, node: 'Order status: payment captured', expect: ['Recipient Phone Number', 'Reference ID', 'Status', 'Body', 'Additional Fields'] },
	{ file: 'node-look-up-payment.png', workflow: PAYMENT_RECEIVED, node: 'Look up payment', expect: ['Payment Configuration', 'Reference ID'] },
	{
		file: 'credential-cloud-api.png',
		credential: CLOUD_API_CREDENTIAL,
		// n8n tests a saved credential when its form opens: against the sandbox, that test passes.
		expect: ['Provider', 'Access Token', 'App Secret', 'App ID', 'Advanced Settings', 'Connection tested successfully'],
	},
	{ credential: DIALOG360_CREDENTIAL, expect: ['Provider', 'API Key', 'Webhook Secret', 'Advanced Settings', 'Connection tested successfully'] },
];

async function workflowsByName() {
	const response = await fetch(`${instance.n8nUrl}/api/v1/workflows?limit=100`, { headers: { 'X-N8N-API-KEY': instance.apiKey } });
	if (!response.ok) throw new Error(`GET /api/v1/workflows: HTTP ${response.status}`);
	return new Map((await response.json()).data.map((w) => [w.name, w]));
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Fails with the check's name and the label when a label does not render inside `scope`. */
async function expectLabels(scope, labels, what) {
	for (const label of labels) {
		// The whole text of an element, but for spaces and the " *" n8n adds to required parameters.
		const exactLabel = new RegExp(`^\\s*${escapeRegExp(label)}(\\s*\\*)?\\s*$`);
		try {
			await scope.getByText(exactLabel).first().waitFor({ state: 'visible', timeout: RENDER_TIMEOUT_MS });
		} catch {
			throw new Error(`${what}: "${label}" did not render within ${RENDER_TIMEOUT_MS / 1000} s`);
		}
	}
}

async function waitFor(locator, what) {
	try {
		await locator.waitFor({ state: 'visible', timeout: RENDER_TIMEOUT_MS });
	} catch {
		throw new Error(`${what} did not open within ${RENDER_TIMEOUT_MS / 1000} s`);
	}
}

/** n8n's own popovers (the "Production Checklist") may cover the canvas. */
async function dismissChecklist(page) {
	const checklist = page.locator('text=Production Checklist');
	if (await checklist.isVisible()) await checklist.locator('xpath=ancestor::*[.//button][1]').locator('button').last().click();
}

/** Opens what the check names and returns the element its labels must render in, and a description. */
async function open(page, check, workflows) {
	if (check.credential) {
		const ref = Object.values(instance.credentials).find((c) => c.name === check.credential);
		if (!ref) throw new Error(`no credential named "${check.credential}" in ${stateDir}/instance.json`);
		await page.goto(`${instance.n8nUrl}/home/credentials/${ref.id}`);
		const modal = page.locator('[data-test-id="editCredential-modal"]');
		const what = `the credential "${check.credential}"`;
		await waitFor(modal, what);
		return { scope: modal, what };
	}
	const workflow = workflows.get(check.workflow);
	if (!workflow) throw new Error(`no workflow named "${check.workflow}": were the examples imported?`);
	await page.goto(`${instance.n8nUrl}/workflow/${workflow.id}`);
	const canvas = page.locator('.vue-flow');
	await waitFor(page.locator('.vue-flow__node').first(), `the canvas of "${check.workflow}"`);
	await dismissChecklist(page);
	if (!check.node) return { scope: canvas, what: `the canvas of "${check.workflow}"` };
	await page.locator('.vue-flow__node', { hasText: check.node }).first().dblclick();
	const panel = page.locator('[data-test-id="ndv"]').first();
	const what = `the panel of "${check.node}" (${check.workflow})`;
	await waitFor(panel, what);
	// A community node that n8n could not load opens as "Install this node to use it": no parameters.
	if (await panel.getByText('Install this node to use it').isVisible()) throw new Error(`${what}: n8n did not load the node`);
	return { scope: panel, what };
}

async function main() {
	const workflows = await workflowsByName();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
		// Leaving a workflow may ask "leave without saving?" (beforeunload): nothing here is saved.
		page.on('dialog', (dialog) => void dialog.accept());
		await page.goto(`${instance.n8nUrl}/signin`);
		await page.locator('input[type=email], input[name=emailOrLdapLoginId], input[name=email]').first().fill(instance.owner.email);
		await page.locator('input[type=password]').first().fill(instance.owner.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: RENDER_TIMEOUT_MS });
		for (const check of CHECKS) {
			const { scope, what } = await open(page, check, workflows);
			await expectLabels(scope, check.expect, what);
			if (check.file) {
				await page.waitForTimeout(SETTLE_MS);
				await page.screenshot({ path: path.join(outDir, check.file), animations: 'disabled' });
				console.log(`ok ${what}: ${check.expect.length} labels rendered -> ${check.file}`);
			} else {
				console.log(`ok ${what}: ${check.expect.length} labels rendered`);
			}
		}
	} finally {
		await browser.close();
	}
}

main().catch((error) => {
	console.error(`[screenshots] FAILED: ${error.message}`);
	process.exitCode = 1;
});
