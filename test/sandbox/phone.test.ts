/**
 * The customer's phone page over real HTTP: the page and its files are served, and GET /_sandbox/phone/chats
 * shows each customer's chat as WhatsApp would (order card with its amounts and payment sheet, the customer's
 * payments, order statuses, Meta's 2046/2047 refusals, other messages), changing with the control API's actions.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import type { Chat, OrderCard } from '../../sandbox/phone/chats';
import { FIXTURE_NOW_MS, paymentVariantMessages } from '../fixtures/orders';
import { HELD, client, cloudClient, controlClient, textMessage } from './helpers';
import { BRAZIL_BUYER, BUYER, brazilOneClickOrder, indiaOrder, orderStatus } from './messages';

let sandbox: Sandbox;
/** The fixtures' clock, one second further at each reading: every message and payment has its own time, as in a chat. */
let clock = FIXTURE_NOW_MS;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, now: () => (clock += 1000), webhookBatchMs: HELD });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const send = async (message: unknown) => expect((await cloudClient(sandbox.url).post('/100000000000001/messages', message)).status).toBe(200);
const chats = async (): Promise<Chat[]> => (await client(sandbox.url).get('/_sandbox/phone/chats')).data.data;
const chatOf = async (waId: string): Promise<Chat> => {
	const chat = (await chats()).find((c) => c.waId === waId);
	if (!chat) throw new Error(`no chat with ${waId}`);
	return chat;
};

test('GET / serves the page, /_sandbox/phone/ its files only', async () => {
	const page = await client(sandbox.url).get('/');
	expect(page.status).toBe(200);
	expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
	expect(page.data).toContain('<dialog id="sheet"');
	for (const [file, type] of [['chat.js', 'text/javascript'], ['merchant.js', 'text/javascript'], ['common.js', 'text/javascript'], ['phone.css', 'text/css']]) {
		const answer = await client(sandbox.url).get(`/_sandbox/phone/${file}`);
		expect([file, answer.status, answer.headers['content-type']]).toEqual([file, 200, `${type}; charset=utf-8`]);
	}
	expect((await client(sandbox.url).get('/_sandbox/phone/..%2Findex.ts')).status).toBe(404);
	expect((await client(sandbox.url).get('/_sandbox/phone/routes.js')).status).toBe(404);
	// Like the rest of the control API, only for a loopback Host.
	expect((await client(sandbox.url, { host: 'shop.example.com' }).get('/_sandbox/phone/chats')).status).toBe(403);
});

test('an India bill is an order card with every amount, and its sheet offers the gateway', async () => {
	await send(indiaOrder('IN-PHONE-1'));
	const [chat] = await chats();
	expect(chat.waId).toBe(BUYER);
	const card = chat.bubbles[0] as OrderCard;
	expect(card).toMatchObject({
		kind: 'order',
		referenceId: 'IN-PHONE-1',
		body: 'Your order is ready to pay',
		items: [
			{ name: 'Assam tea 500 g', quantity: 2, price: '₹500.00', salePrice: '₹450.00' },
			{ name: 'Clay mug', quantity: 1, price: '₹120.00' },
		],
		subtotal: '₹1,020.00',
		discount: { amount: '₹100.00', description: 'Welcome offer' },
		shipping: { amount: '₹50.00', description: 'Standard delivery' },
		tax: { amount: '₹183.60', description: 'GST 18%' },
		total: '₹1,153.60',
		expiry: { at: new Date(FIXTURE_NOW_MS + 3600_000).toISOString(), description: 'Pay within the hour' },
		orderStatus: 'pending',
		paymentStatus: 'new',
		sheet: { market: 'india', gateway: { provider: 'razorpay', methods: ['upi', 'card', 'netbanking', 'wallet'] } },
	});
	expect(card.closed).toBeUndefined();
});

test('paying through the control API shows the payment, then the order status; a refused status shows its error', async () => {
	await send(indiaOrder('IN-PHONE-2'));
	await controlClient(sandbox.url).post('/orders/IN-PHONE-2/pay', { outcome: 'failed', method: 'card' });
	await controlClient(sandbox.url).post('/orders/IN-PHONE-2/pay', { outcome: 'success', method: 'upi' });
	await send(orderStatus('IN-PHONE-2', 'processing'));
	await send(orderStatus('IN-PHONE-2', 'canceled'));
	await send(textMessage());
	const { bubbles } = await chatOf(BUYER);
	expect(bubbles.map((b) => b.kind)).toEqual(['order', 'payment', 'payment', 'status', 'status', 'message']);
	expect(bubbles[0]).toMatchObject({ paymentStatus: 'captured', orderStatus: 'processing', closed: 'Paid' });
	expect(bubbles.slice(1, 3)).toMatchObject([
		{ outcome: 'failed', method: 'card', amount: '₹1,153.60' },
		{ outcome: 'success', method: 'upi', amount: '₹1,153.60' },
	]);
	expect(bubbles[3]).toMatchObject({ kind: 'status', status: 'processing', body: 'Your order is processing', description: 'update' });
	expect(bubbles[3]).not.toHaveProperty('error');
	expect(bubbles[4]).toMatchObject({ kind: 'status', status: 'canceled', error: { code: 2047, title: 'Cannot cancel order' } });
	expect(bubbles[5]).toMatchObject({ kind: 'message', text: 'hello' });
});

test('a Brazil bill offers Pix, boleto, link and One-Click; choosing the card shows it and closes the sheet', async () => {
	const variants = paymentVariantMessages();
	await send(variants['brazil/pix_dynamic_code']);
	expect(((await chatOf(BRAZIL_BUYER)).bubbles[0] as OrderCard).sheet).toEqual({
		market: 'brazil',
		pix: { code: '00020101021226700014br.gov.bcb.pix2548pix.example.com/qr/v2/1234', merchantName: 'Loja Exemplo', key: 'loja@example.com', keyType: 'EMAIL' },
	});
	sandbox.reset();
	await send(variants['brazil/boleto']);
	expect(((await chatOf(BRAZIL_BUYER)).bubbles[0] as OrderCard).sheet).toEqual({ market: 'brazil', boleto: { digitableLine: '03399026944140000002628346101018898510000008848' } });
	sandbox.reset();
	await send(variants['brazil/payment_link']);
	expect(((await chatOf(BRAZIL_BUYER)).bubbles[0] as OrderCard).sheet).toEqual({ market: 'brazil', paymentLink: 'https://pagar.example.com.br/BR-PEDIDO-2001' });
	sandbox.reset();
	await send(brazilOneClickOrder('BR-PHONE-1'));
	const before = (await chatOf(BRAZIL_BUYER)).bubbles[0] as OrderCard;
	expect(before).toMatchObject({ total: 'R$\u00a0500,00', sheet: { market: 'brazil', oneClick: { lastFourDigits: '5235' } } });
	await controlClient(sandbox.url).post('/orders/BR-PHONE-1/one-click', {});
	expect((await chatOf(BRAZIL_BUYER)).bubbles[0]).toMatchObject({ paymentStatus: 'pending', closed: 'Card chosen: the shop is charging it' });
	await send(orderStatus('BR-PHONE-1', 'processing', BRAZIL_BUYER, { status: 'captured' }));
	const { bubbles } = await chatOf(BRAZIL_BUYER);
	expect(bubbles.map((b) => b.kind)).toEqual(['order', 'payment', 'status']);
	expect(bubbles[1]).toMatchObject({ outcome: 'card chosen', method: 'card ending 5235' });
	expect(bubbles[2]).toMatchObject({ status: 'processing', payment: 'captured' });
});

test('the chats: one per customer, the most recently active first', async () => {
	await send(indiaOrder('IN-PHONE-3'));
	await send(brazilOneClickOrder('BR-PHONE-2'));
	expect((await chats()).map((c) => c.waId)).toEqual([BRAZIL_BUYER, BUYER]);
});
