/**
 * The replay window keeps successes only (nodes/WhatsAppCheckoutTrigger/replayWindow.ts; docs/checkout.md, Repeats):
 * any answer but a 2xx, Respond to Checkout's refusal (427) as much as n8n's 500, is forgotten, so the same body again
 * runs the workflow. On the class, as the window's bounds in checkoutReplay.test.ts.
 */
import { CHECKOUT_STATUS } from '../../core/checkout';
import { ReplayWindow, type KeptAnswer } from '../../nodes/WhatsAppCheckoutTrigger/replayWindow';

const body = Buffer.from('the same signed, encrypted body');
const answerWith = (status: number): KeptAnswer => ({ status, contentType: 'text/plain', body: Buffer.from(`answer ${status}`) });

describe('the replay window keeps 2xx answers only', () => {
	it.each([
		['a refusal from Respond to Checkout', CHECKOUT_STATUS.refused],
		["n8n's 500 (the workflow failed)", 500],
	])('%s: a repeat already waiting gets it; the next identical body runs the workflow', async (_, status) => {
		const window = new ReplayWindow();
		const first = window.claim(body, 0);
		const waiting = window.claim(body, 0);
		if (!('keep' in first) || !('repeat' in waiting)) throw new Error('the first claim keeps, the second repeats');
		const answer = answerWith(status);
		first.keep(answer);
		expect(await waiting.repeat).toBe(answer);
		expect('keep' in window.claim(body, 1)).toBe(true);
	});

	it('a 200 is kept: the next identical body gets it without running the workflow', async () => {
		const window = new ReplayWindow();
		const first = window.claim(body, 0);
		if (!('keep' in first)) throw new Error('the first claim keeps');
		const answer = answerWith(200);
		first.keep(answer);
		const again = window.claim(body, 1);
		if (!('repeat' in again)) throw new Error('a kept success is a repeat');
		expect(await again.repeat).toBe(answer);
	});
});
