/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/node-usable-as-tool -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * A checkout request sent again (the same signed, encrypted body) gets its first answer and starts no execution
 * (nodes/WhatsAppCheckoutTrigger/replayWindow.ts), in n8n's engine over real HTTP on 127.0.0.1: WhatsApp's side as in
 * checkoutRespond.test.ts, against the trigger, a Gate the test holds open (to have a repeat arrive while the first
 * request runs) and Respond to Checkout. The clock is moved, never waited for. Then the window's bounds, on the class.
 */
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { WhatsAppCheckoutEndpointApi } from '../../credentials/WhatsAppCheckoutEndpointApi.credentials';
import { decryptResponse, encryptRequest } from '../../core/endpointCrypto';
import { signBody } from '../../core/signatures';
import { MAX_ANSWER_BYTES, MAX_REQUESTS, ReplayWindow, WINDOW_MS, type KeptAnswer } from '../../nodes/WhatsAppCheckoutTrigger/replayWindow';
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
});

/** A buyer's get_coupons as WhatsApp sends it: encrypted (a new AES key each time) and signed. */
function getCoupons(referenceId = 'replay-1') {
	const payload = { version: '3.0', action: 'data_exchange', sub_action: 'get_coupons', data: { order_details: checkoutOrderDetails(referenceId), input: { user_id: '919000090000' } } };
	const { body, aesKey, iv } = encryptRequest(payload, businessKeyPair().publicKey);
	return { text: JSON.stringify(body), aesKey, iv };
}

/** POSTs the body as it is: the status, content type and answer text. */
async function post(text: string): Promise<{ status: number; contentType: string | null; answer: string }> {
	const response = await fetch(server.webhookUrl(ENDPOINT), { method: 'POST', body: text, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(text, APP_SECRET) } });
	return { status: response.status, contentType: response.headers.get('content-type'), answer: await response.text() };
}

const ANSWER = { version: '3.0', sub_action: 'get_coupons', data: { coupons: COUPONS } };

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
		let reached!: () => void;
		let open!: () => void;
		const running = new Promise<void>((resolve) => (reached = resolve));
		held = { reached, open: new Promise<void>((resolve) => (open = resolve)) };
		// Observed, not changed: the repeat has been through the window once the second claim returns.
		const claim = ReplayWindow.prototype.claim;
		let claims = 0;
		let repeatClaimed!: () => void;
		const repeatArrived = new Promise<void>((resolve) => (repeatClaimed = resolve));
		jest.spyOn(ReplayWindow.prototype, 'claim').mockImplementation(function (this: ReplayWindow, ...args) {
			const result = claim.apply(this, args);
			if (++claims === 2) repeatClaimed();
			return result;
		});

		const request = getCoupons();
		const first = post(request.text);
		await running;
		const repeat = post(request.text);
		await repeatArrived;
		expect(server.executions).toHaveLength(1);
		open();
		const [firstAnswer, repeatAnswer] = await Promise.all([first, repeat]);
		expect(firstAnswer.status).toBe(200);
		expect(decryptResponse(firstAnswer.answer, request.aesKey, request.iv)).toEqual(ANSWER);
		expect(repeatAnswer).toEqual(firstAnswer);
		expect(await server.settled()).toHaveLength(1);
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

	it('a request the workflow failed on gets the same 500 again, still without an execution', async () => {
		const order = checkoutOrderDetails('replay-refused');
		// A request the workflow fails on (Respond to Checkout answers coupons to a remove_coupon): a 500.
		const payload = { version: '3.0', action: 'data_exchange', sub_action: 'remove_coupon', data: { order_details: order, input: { user_id: '919000090000' } } };
		const text = JSON.stringify(encryptRequest(payload, businessKeyPair().publicKey).body);
		const first = await post(text);
		expect(first.status).toBe(500);
		expect(await post(text)).toEqual(first);
		expect(await server.settled()).toHaveLength(1);
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
});
