/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * A real browser for the e2e tests: Debian's chromium (scripts/chromium.sh installs it; CHROMIUM names
 * another binary) driven by playwright-core, which loads nothing but what the tests open on 127.0.0.1.
 * Screenshots go to $SCREENSHOT_DIR (docs/screenshots to refresh the README's), else to the e2e state folder.
 */
import { mkdirSync } from 'fs';
import { join } from 'path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** How long a page, bubble or panel may take to show before a test fails. */
export const SHOW_TIMEOUT_MS = 30000;

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		// No sandbox: CI runs as root. The rest keeps chromium from calling home (nothing may leave 127.0.0.1).
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps'],
	});
}

/** Waits until the locator is visible, failing with `what` (a sentence a reader of the CI log understands). */
export async function shows(locator: Locator, what: string, timeout = SHOW_TIMEOUT_MS): Promise<Locator> {
	try {
		await locator.first().waitFor({ state: 'visible', timeout });
	} catch {
		throw new Error(`${what} did not show within ${timeout / 1000} s`);
	}
	return locator.first();
}

/** The folder screenshots go to (created). */
export function screenshotDir(): string {
	const dir = process.env.SCREENSHOT_DIR || join(process.env.E2E_STATE ?? '.', 'screenshots');
	mkdirSync(dir, { recursive: true });
	return dir;
}

export async function screenshot(page: Page, file: string): Promise<void> {
	await page.screenshot({ path: join(screenshotDir(), file), animations: 'disabled' });
}
