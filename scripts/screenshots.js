// Screenshots of the package in the n8n editor (docs/screenshots/*.png), taken by Debian's
// chromium through playwright-core. Run by scripts/screenshots.sh, which starts the instance.
//   node scripts/screenshots.js <state-dir> <out-dir>
'use strict';
const path = require('path');
const fs = require('fs');

const [stateDir, outDir] = process.argv.slice(2);
const instance = JSON.parse(fs.readFileSync(path.join(stateDir, 'instance.json'), 'utf8'));
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

/** What to show: a workflow by name, and optionally one of its nodes opened. */
const SHOTS = [
	{ file: 'workflow-payment-received.png', workflow: 'WhatsApp Payments 2: payment received (India)' },
	{ file: 'node-send-order-details.png', workflow: 'WhatsApp Payments 1: bill from a webhook order (India)', node: 'Send bill' },
	{ file: 'node-trigger.png', workflow: 'WhatsApp Payments 2: payment received (India)', node: 'Payment captured' },
	{ file: 'node-send-order-status.png', workflow: 'WhatsApp Payments 3: Brazil bill with One-Click, charge on confirmation', node: 'Order status: payment captured' },
	{ file: 'node-look-up-payment.png', workflow: 'WhatsApp Payments 2: payment received (India)', node: 'Look up payment' },
];

async function workflowsByName() {
	const response = await fetch(`${instance.n8nUrl}/api/v1/workflows?limit=100`, { headers: { 'X-N8N-API-KEY': instance.apiKey } });
	if (!response.ok) throw new Error(`GET /api/v1/workflows: HTTP ${response.status}`);
	return new Map((await response.json()).data.map((w) => [w.name, w]));
}

async function main() {
	const workflows = await workflowsByName();
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
		await page.goto(`${instance.n8nUrl}/signin`);
		await page.locator('input[type=email], input[name=emailOrLdapLoginId], input[name=email]').first().fill(instance.owner.email);
		await page.locator('input[type=password]').first().fill(instance.owner.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30000 });
		for (const shot of SHOTS) {
			const workflow = workflows.get(shot.workflow);
			if (!workflow) throw new Error(`no workflow named "${shot.workflow}"`);
			await page.goto(`${instance.n8nUrl}/workflow/${workflow.id}`);
			await page.locator('.vue-flow__node').first().waitFor({ timeout: 30000 });
			await page.waitForTimeout(1500);
			// n8n's own "Production Checklist" popover covers the canvas.
			const checklist = page.locator('text=Production Checklist');
			if (await checklist.isVisible()) await checklist.locator('xpath=ancestor::*[.//button][1]').locator('button').last().click();
			if (shot.node) {
				await page.locator('.vue-flow__node', { hasText: shot.node }).first().dblclick();
				await page.locator('[data-test-id="ndv"]').first().waitFor({ timeout: 15000 });
				await page.waitForTimeout(1000);
			}
			await page.screenshot({ path: path.join(outDir, shot.file) });
			console.log(`screenshot ${shot.file}`);
			if (shot.node) await page.keyboard.press('Escape');
		}
	} finally {
		await browser.close();
	}
}

main().catch((error) => {
	console.error(`[screenshots] ${error.message}`);
	process.exitCode = 1;
});
