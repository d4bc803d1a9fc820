/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/node-usable-as-tool -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * A checkout request sent again (the same signed, encrypted body) gets its first answer and starts no execution
 * (nodes/WhatsAppCheckoutTrigger/replayWindow.ts), in n8n's engine over real HTTP on 127.0.0.1: WhatsApp's side as in
 * checkoutRespond.test.ts, against the trigger, a Gate the test holds open (to have a repeat arrive while the first
 * request runs) and Respond to Checkout. The clock is moved, never waited for; a repeat's wait is made 0 ms rather than
 * waited out. The harness serves production URLs only: the editor's test URL is n8n's same webhook context reporting
 * mode 'manual', so that test has n8n's WebhookContext say so. Then the window's bounds, on the class.
 */
import { WebhookContext } from 'n8n-core';
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { WhatsAppCheckoutEndpointApi } from '../../credentials/WhatsAppCheckoutEndpointApi.credentials';
import { CHECKOUT_STATUS } from '../../core/checkout';
import { decryptResponse, encryptRequest } from '../../core/endpointCrypto';
import { signBody } from '../../core/signatures';
import { ANSWER_WAIT_MS, MAX_ANSWER_BYTES, MAX_REQUESTS, ReplayWindow, replayWindowFor, WINDOW_MS, type KeptAnswer } from '../../nodes/WhatsAppCheckoutTrigger/replayWindow';
import { WhatsAppCheckoutTrigger } from '../../nodes/WhatsAppCheckoutTrigger/WhatsAppCheckoutTrigger.node';
import { WhatsAppPayments } from '../../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { CHECKOUT_CREDENTIAL_TYPE } from '../../nodes/shared/checkoutKey';
import { createEngineHarness, type EngineHarness, type WebhookServer } from '../engine/harness';
import { businessKeyPair, PASSPHRASE } from '../fixtures/checkout';
import { checkoutOrderDetails } from '../fixtures/checkoutOrder';

const APP_SECRET = 'checkout-replay-app-secret-7e3a';
const ENDPOINT = 'Endpoint';
const GATE = 'Gate';
const RESPOND = 'Respond to Checkout';
const COUPONS = [{ code: 'WELCOME10', id: 'welcome10', description: '10% off' }];

/** Held open by a test: the Gate says when an execution reached it and waits until the test opens it. */
let held: { reached: () => void; open: Promise<void> } | undefined;

/** A test-only node that passes its items on, once the test lets it. */
class Gate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Gate',
		name: 'gate',
		group: ['transform'],
		version: 1,
		description: 'Passes items on when the test opens it',
		defaults: { name: GATE },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (held) {
			held.reached();
			await held.open;
		}
		return [this.getInputData()];
	}
}

let harness: EngineHarness;
let server: WebhookServer;
let workflowCounter = 0;
let shiftMs = 0;

beforeEach(async () => {
	// The clock stands still unless the test moves it (the window's end is to the millisecond).
	const start = Date.now();
	shiftMs = 0;
	held = undefined;
	jest.spyOn(Date, 'now').mockImplementation(() => start + shiftMs);
	harness = createEngineHarness({
		nodeTypes: [new WhatsAppCheckoutTrigger(), new Gate(), new WhatsAppPayments()],
		credentialTypes: [new WhatsAppCheckoutEndpointApi()],
		credentials: { [CHECKOUT_CREDENTIAL_TYPE]: { privateKey: businessKeyPair().privateKey, passphrase: PASSPHRASE, appSecret: APP_SECRET } },
	});
	// A workflow of its own per test: the window is per workflow + node.
	server = await harness.startWebhookServer({
		id: `checkout-replay-test-${++workflowCounter}`,
		nodes: [
			{ name: ENDPOINT, type: harness.typeName('whatsAppCheckoutTrigger'), typeVersion: 1.1, parameters: {} },
			{ name: GATE, type: harness.typeName('gate'), typeVersion: 1, parameters: {} },
			{
				name: RESPOND,
				type: harness.typeName('whatsAppPayments'),
				typeVersion: 2,
				parameters: { resource: 'checkout', operation: 'respondToCheckout', answerWith: 'coupons', couponsSource: 'json', coupons: JSON.stringify(COUPONS) },
			},
		],
		connections: { [ENDPOINT]: { main: [[{ node: GATE, type: 'main', index: 0 }]] }, [GATE]: { main: [[{ node: RESPOND, type: 'main', index: 0 }]] } },
	});
});
afterEach(async () => {
	await server.close();
	jest.restoreAllMocks();
	ReplayWindow.answerWaitMs = ANSWER_WAIT_MS;
});

/** A buyer's get_coupons as WhatsApp sends it: encrypted (a new AES key each time) and signed. */
function getCoupons(referenceId = 'replay-1') {
	const payload = { version: '3.0', action: 'data_exchange', sub_action: 'get_coupons', data: { order_details: checkoutOrderDetails(referenceId), input: { user_id: '919000090000' } } };
	const { body, aesKey, iv } = encryptRequest(payload, businessKeyPair().publicKey);
	return { text: JSON.stringify(body), aesKey, iv };
}

/** POSTs the body as it is: the status, content type and answer text. */
async function post(text: string, signal?: AbortSignal): Promise<{ status: number; contentType: string | null; answer: string }> {
	const response = await fetch(server.webhookUrl(ENDPOINT), { method: 'POST', body: text, signal, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(text, APP_SECRET) } });
	return { status: response.status, contentType: response.headers.get('content-type'), answer: await response.text() };
}

const ANSWER = { version: '3.0', sub_action: 'get_coupons', data: { coupons: COUPONS } };
/** What a repeat gets when the first request had no answer: n8n's kind of error, no execution. */
const NO_ANSWER = { status: 500, contentType: 'application/json; charset=utf-8', answer: JSON.stringify({ code: 0, message: 'The same request, sent before, got no answer' }) };

/**
 * Holds the next execution at the Gate: `reached` when it got there, `open()` lets it on. `repeatClaimed`: the second
 * request has been through the window (observed, not changed: the real claim runs).
 */
function holdGate(): { reached: Promise<void>; open: () => void; repeatClaimed: Promise<void> } {
	let reached!: () => void;
	let open!: () => void;
	const gate = { reached: new Promise<void>((resolve) => (reached = resolve)), open: () => open() };
	held = { reached, open: new Promise<void>((resolve) => (open = resolve)) };
	const claim = ReplayWindow.prototype.claim;
	let claims = 0;
	let repeatClaimed!: () => void;
	jest.spyOn(ReplayWindow.prototype, 'claim').mockImplementation(function (this: ReplayWindow, ...args) {
		const result = claim.apply(this, args);
		if (++claims === 2) repeatClaimed();
		return result;
	});
	return { ...gate, repeatClaimed: new Promise<void>((resolve) => (repeatClaimed = resolve)) };
}

describe('checkout endpoint: a request sent again', () => {
	it('two identical requests: one execution; the second gets the first answer, byte for byte', async () => {
		const request = getCoupons();
		const first = await post(request.text);
		expect(first.status).toBe(200);
		expect(decryptResponse(first.answer, request.aesKey, request.iv)).toEqual(ANSWER);
		expect(await post(request.text)).toEqual(first);
		expect(await server.settled()).toEqual([expect.objectContaining({ status: 'success' })]);
	});

	it('two distinct requests (the same order, each with its own AES key): two executions', async () => {
		for (const request of [getCoupons(), getCoupons()]) {
			const answered = await post(request.text);
			expect(decryptResponse(answered.answer, request.aesKey, request.iv)).toEqual(ANSWER);
		}
		expect(await server.settled()).toHaveLength(2);
	});

	it('a repeat that arrives while the first runs waits for its answer and starts nothing', async () => {
		const gate = holdGate();
		const request = getCoupons();
		const first = post(request.text);
		await gate.reached;
		const repeat = post(request.text);
		await gate.repeatClaimed;
		expect(server.executions).toHaveLength(1);
		gate.open();
		const [firstAnswer, repeatAnswer] = await Promise.all([first, repeat]);
		expect(firstAnswer.status).toBe(200);
		expect(decryptResponse(firstAnswer.answer, request.aesKey, request.iv)).toEqual(ANSWER);
		expect(repeatAnswer).toEqual(firstAnswer);
		expect(await server.settled()).toHaveLength(1);
	});

	it('a repeat that waits longer than the bound gets an error answer, starts nothing, and the request is forgotten', async () => {
		ReplayWindow.answerWaitMs = 0;
		const gate = holdGate();
		const request = getCoupons();
		const first = post(request.text);
		await gate.reached;
		// The first request is still held at the Gate when the repeat's wait runs out.
		expect(await post(request.text)).toEqual(NO_ANSWER);
		expect(server.executions).toHaveLength(1);
		gate.open();
		expect(decryptResponse((await first).answer, request.aesKey, request.iv)).toEqual(ANSWER);
		// Forgotten: the same body again runs the workflow.
		const again = await post(request.text);
		expect(decryptResponse(again.answer, request.aesKey, request.iv)).toEqual(ANSWER);
		expect(await server.settled()).toHaveLength(2);
	});

	it('a repeat waiting for a request whose client left gets an error answer at once; the request is forgotten', async () => {
		// Longer than the test could wait: only the first response's closing releases the repeat.
		ReplayWindow.answerWaitMs = WINDOW_MS;
		const gate = holdGate();
		const request = getCoupons();
		const client = new AbortController();
		const first = post(request.text, client.signal).catch((error: Error) => error.name);
		await gate.reached;
		const repeat = post(request.text);
		await gate.repeatClaimed;
		client.abort();
		expect(await first).toBe('AbortError');
		expect(await repeat).toEqual(NO_ANSWER);
		gate.open();
		const again = await post(request.text);
		expect(decryptResponse(again.answer, request.aesKey, request.iv)).toEqual(ANSWER);
		expect(await server.settled()).toHaveLength(2);
	});

	it('the window lasts 10 minutes from the first request: a repeat after it runs the workflow again', async () => {
		const request = getCoupons();
		const first = await post(request.text);
		shiftMs += WINDOW_MS - 1;
		expect(await post(request.text)).toEqual(first);
		expect(server.executions).toHaveLength(1);
		shiftMs += 1;
		const late = await post(request.text);
		expect(decryptResponse(late.answer, request.aesKey, request.iv)).toEqual(ANSWER);
		expect(await server.settled()).toHaveLength(2);
	});

	it('a request the workflow failed on is not kept: a repeat waiting for it gets the 500, the next one runs the workflow', async () => {
		const gate = holdGate();
		// A request the workflow fails on (Respond to Checkout answers coupons to a remove_coupon): a 500.
		const payload = { version: '3.0', action: 'data_exchange', sub_action: 'remove_coupon', data: { order_details: checkoutOrderDetails('replay-refused'), input: { user_id: '919000090000' } } };
		const text = JSON.stringify(encryptRequest(payload, businessKeyPair().publicKey).body);
		const first = post(text);
		await gate.reached;
		const repeat = post(text);
		await gate.repeatClaimed;
		gate.open();
		const [firstAnswer, repeatAnswer] = await Promise.all([first, repeat]);
		expect(firstAnswer.status).toBe(500);
		expect(repeatAnswer).toEqual(firstAnswer);
		expect(server.executions).toHaveLength(1);
		// Sent again after the failure (the merchant may have fixed the workflow): it runs again.
		expect((await post(text)).status).toBe(500);
		expect(await server.settled()).toEqual([expect.objectContaining({ status: 'error' }), expect.objectContaining({ status: 'error' })]);
	});

	it("the editor's test URL (mode 'manual') keeps no window: the same body again runs the workflow again", async () => {
		jest.spyOn(WebhookContext.prototype, 'getMode').mockReturnValue('manual');
		const request = getCoupons();
		for (let n = 0; n < 2; n++) expect(decryptResponse((await post(request.text)).answer, request.aesKey, request.iv)).toEqual(ANSWER);
		expect(await server.settled()).toHaveLength(2);
	});
});

describe('the replay window: bounded', () => {
	const answer = (bytes: number): KeptAnswer => ({ status: 200, contentType: 'text/plain', body: Buffer.alloc(bytes) });
	const body = (n: number) => Buffer.from(`request ${n}`);
	const isRepeat = (window: ReplayWindow, n: number) => 'repeat' in window.claim(body(n), 0);

	it(`keeps at most ${MAX_REQUESTS} requests: the oldest is forgotten first`, () => {
		const window = new ReplayWindow();
		for (let n = 0; n <= MAX_REQUESTS; n++) expect(isRepeat(window, n)).toBe(false);
		expect(isRepeat(window, MAX_REQUESTS)).toBe(true);
		expect(isRepeat(window, 2)).toBe(true);
		expect(isRepeat(window, 0)).toBe(false);
	});

	it(`keeps at most ${MAX_ANSWER_BYTES} bytes of answers; a repeat waiting for a forgotten request still gets its answer`, async () => {
		const window = new ReplayWindow();
		const quarter = MAX_ANSWER_BYTES / 4;
		const first = window.claim(body(0), 0);
		const waiting = window.claim(body(0), 0);
		for (let n = 1; n < 4; n++) {
			const claim = window.claim(body(n), 0);
			if ('keep' in claim) claim.keep(answer(quarter));
		}
		if (!('keep' in first) || !('repeat' in waiting)) throw new Error('the first claim keeps, the second repeats');
		// The fourth quarter fills the window; one byte more forgets the oldest request (0), whose repeat still waits.
		const kept = answer(quarter + 1);
		first.keep(kept);
		expect(await waiting.repeat).toBe(kept);
		expect(isRepeat(window, 0)).toBe(false);
		expect(isRepeat(window, 1)).toBe(true);
	});

	it('every request forgets, in every window, what is older than the window, and drops the windows left empty', () => {
		const quiet = replayWindowFor('sweep/quiet', 0);
		quiet.claim(body(0), 0);
		expect(replayWindowFor('sweep/busy', WINDOW_MS - 1)).not.toBe(quiet);
		expect(replayWindowFor('sweep/quiet', WINDOW_MS - 1)).toBe(quiet);
		// A request to another node's window: the quiet one's request is past its window, and the window goes.
		replayWindowFor('sweep/busy', WINDOW_MS);
		expect(replayWindowFor('sweep/quiet', WINDOW_MS)).not.toBe(quiet);
	});
});

/**
 * The window keeps successes only (docs/checkout.md, Repeats): any answer but a 2xx, Respond to Checkout's refusal (427)
 * as much as n8n's 500, is forgotten, so the same body again runs the workflow. On the class, as the bounds above.
 */
describe('the replay window keeps 2xx answers only', () => {
	const body = Buffer.from('the same signed, encrypted body');
	const answerWith = (status: number): KeptAnswer => ({ status, contentType: 'text/plain', body: Buffer.from(`answer ${status}`) });

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
