/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * A real browser for the e2e tests: Debian's chromium (scripts/chromium.sh installs it; CHROMIUM names
 * another binary) driven by playwright-core, which loads nothing but what the tests open on 127.0.0.1.
 * Screenshots go to $SCREENSHOT_DIR (docs/screenshots to refresh the README's), else to the e2e state folder.
 */
import { mkdirSync } from 'fs';
import { join } from 'path';
import { chromium, selectors, type Browser, type Locator, type Page } from 'playwright-core';

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

/** How long one try of a step in the editor may take before the step is tried again. */
export const TRY_MS = 45000;

/**
 * Runs `action` (clicks with their own short timeouts) until `done` shows, for up to EDITOR_TIMEOUT_MS: the
 * editor on a loaded machine sometimes drops a click (a popup closing, a list re-rendering under the
 * pointer), and a merchant simply clicks again. `action` must be safe to repeat once `done` is near.
 */
export async function untilShows(what: string, done: Locator, action: () => Promise<void>): Promise<Locator> {
	const deadline = Date.now() + EDITOR_TIMEOUT_MS;
	let last = '';
	while (Date.now() < deadline) {
		await action().catch((error: Error) => (last = error.message.split('\n')[0]));
		try {
			await done.first().waitFor({ state: 'visible', timeout: TRY_MS });
			return done.first();
		} catch {
			// Tried again below.
		}
	}
	throw new Error(`${what} did not show within ${EDITOR_TIMEOUT_MS / 1000} s${last ? ` (last click: ${last})` : ''}`);
}

/** Clicks the first of `locator` once it is visible, within one try of a step. */
export const clickOnce = (locator: Locator) => locator.first().click({ timeout: TRY_MS });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each label must render inside `scope` as the whole text of an element (but for spaces and the " *" of required fields). */
export async function expectLabels(scope: Locator, labels: string[], what: string): Promise<void> {
	for (const label of labels) await shows(scope.getByText(new RegExp(`^\\s*${escapeRegExp(label)}(\\s*\\*)?\\s*$`)), `${what}: "${label}"`, EDITOR_TIMEOUT_MS);
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

/** The editor's first load: minutes on a loaded 2-core machine (a wait, never a timing assertion). */
const SIGN_IN_TIMEOUT_MS = 300000;

/** Signs the instance's owner in through n8n's sign-in form. */
export async function signIn(page: Page, instance: { n8nUrl: string; owner: { email: string; password: string } }): Promise<void> {
	// 'commit': the sign-in page's "load" waits for every chunk of the editor, which a loaded machine delays for minutes.
	await page.goto(`${instance.n8nUrl}/signin`, { waitUntil: 'commit' });
	const email = await shows(page.locator('input[type=email], input[name=emailOrLdapLoginId]'), 'the sign-in form', SIGN_IN_TIMEOUT_MS);
	const deadline = Date.now() + SIGN_IN_TIMEOUT_MS;
	// Signed in once the address leaves /signin ('commit': the page's "load" may wait on the editor's chunks for minutes,
	// and the steps after this wait for what they need). An Enter the form was not ready for is pressed again.
	const signedIn = (url: URL) => !url.pathname.includes('signin');
	for (;;) {
		await email.fill(instance.owner.email);
		await page.locator('input[type=password]').first().fill(instance.owner.password);
		await page.keyboard.press('Enter');
		try {
			await page.waitForURL(signedIn, { timeout: TRY_MS, waitUntil: 'commit' });
			return;
		} catch (error) {
			if (signedIn(new URL(page.url()))) return;
			if (Date.now() > deadline) throw error;
		}
	}
}

/**
 * The editor tests run in n8n 2.x, whose editor our users meet and the README pictures. n8n 1.123.81's editor is an
 * older generation (another node panel, and its public API refuses the examples' pinned data on import), so
 * there they are skipped; the node itself is tested in 1.x by the rest of the e2e suite.
 */
export const editorDescribe = (process.env.N8N_VERSION ?? '2.').startsWith('1.') ? describe.skip : describe;

/** The editor is slow on a loaded 2-core machine: every wait in its tests is long, none is a timing assertion. */
export const EDITOR_TIMEOUT_MS = 300000;

/** A page of the editor with the owner signed in; dialogs ("leave without saving?") are accepted, nothing is kept. */
export async function openEditor(browser: Browser, instance: { n8nUrl: string; owner: { email: string; password: string } }): Promise<Page> {
	// n8n's editor marks its parts with data-test-id, not playwright's default data-testid.
	selectors.setTestIdAttribute('data-test-id');
	const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
	page.setDefaultTimeout(EDITOR_TIMEOUT_MS);
	page.on('dialog', (dialog) => void dialog.accept());
	await signIn(page, instance);
	return page;
}
