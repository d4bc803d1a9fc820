/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * The customer's phone page: `GET /` serves it, `/_sandbox/phone/{file}` its stylesheet and scripts (plain
 * files in ./page, no build step, no framework), `GET /_sandbox/phone/chats` what it draws. The page acts
 * through the control API like any client (pay, one-click, faults), so a payment made on it sends the same
 * webhooks as the curl commands do. Control routes: only a loopback Host may read them (router.ts).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { controlError, ok, type Router, type SandboxResponse } from '../router';
import type { PaymentsSimulator } from '../simulator';
import { chats } from './chats';

const PAGE_DIR = join(__dirname, 'page');
/** The page's files by name, with their content types: nothing else is served from the folder. */
const FILES: Record<string, string> = {
	'index.html': 'text/html; charset=utf-8',
	'phone.css': 'text/css; charset=utf-8',
	'common.js': 'text/javascript; charset=utf-8',
	'chat.js': 'text/javascript; charset=utf-8',
	'merchant.js': 'text/javascript; charset=utf-8',
};

function pageFile(name: string): SandboxResponse {
	const contentType = FILES[name];
	if (!contentType) return controlError(404, `no page file ${JSON.stringify(name)}`);
	// Read on each request: the page is small, and an edited file shows on reload.
	return { status: 200, contentType, body: readFileSync(join(PAGE_DIR, name)) };
}

export function addPhoneRoutes(router: Router, simulator: PaymentsSimulator, now: () => number): void {
	router
		.add('GET', '/', 'control', () => pageFile('index.html'))
		.add('GET', '/_sandbox/phone/chats', 'control', () => {
			const { orders, otherMessages } = simulator.conversations();
			return ok({ data: chats(orders, otherMessages, now()) });
		})
		.add('GET', '/_sandbox/phone/:file', 'control', (r) => pageFile(r.params.file));
}
