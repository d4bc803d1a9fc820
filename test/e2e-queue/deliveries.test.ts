/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Payment deliveries in queue mode: 1000 signed deliveries of captured payments, sent round-robin to the
 * two webhook processes (what a load balancer does), 30 % of them delivered again to the *other* process
 * (WhatsApp's retries). The trigger deduplicates per process, so every cross-process retry starts the
 * workflow again; example 5's Postgres claim still fulfils each payment exactly once.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';

import { deployWorkflow, sandboxPost, waitFor } from '../../scripts/n8n-api';
import { example } from '../e2e/support';
import { inParallel, onCloudApi, postToWebhook, queueInstance, report, sandboxRequests, sendBillDirectly, sql, waitForExecutionsDone } from './support';

const PAYMENTS = 1000;
/** Deliveries i with i % 10 < 3 are delivered again to the other webhook process. */
const isRedelivered = (i: number) => i % 10 < 3;
/** And every 20th again to the same process: its window must drop those. */
const isRetriedOnSameProcess = (i: number) => i % 20 === 5;

const instance = queueInstance();
let capture: Server;
const captured: Array<{ body: string; headers: IncomingHttpHeaders }> = [];

beforeAll(async () => {
	capture = createServer((req, res) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (body += chunk));
		req.on('end', () => {
			captured.push({ body, headers: req.headers });
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
	await sandboxPost(instance.sandboxUrl, '/_sandbox/webhook', { url: null });
	await new Promise((resolve) => capture.close(resolve));
});

test('1000 payments, round-robin over 2 webhook processes, 30 % redelivered to the other one: each fulfilled exactly once', async () => {
	// The payments WhatsApp will deliver: real bills, paid in the sandbox, which signs each delivery with
	// the app secret. The deliveries are captured here and then replayed the way a load balancer spreads them.
	const prefix = `QD-${Date.now().toString(36)}`;
	const refs = Array.from({ length: PAYMENTS }, (_, i) => `${prefix}-${i}`);
	const { port } = capture.address() as AddressInfo;
	await sandboxPost(instance.sandboxUrl, '/_sandbox/webhook', { url: `http://127.0.0.1:${port}/`, appSecret: instance.appSecret });
	await inParallel(refs, 8, (ref) => sendBillDirectly(instance, ref));
	for (const ref of refs) {
		await sandboxPost(instance.sandboxUrl, `/_sandbox/orders/${ref}/pay`, { outcome: 'success', method: 'upi' });
		await sandboxPost(instance.sandboxUrl, '/_sandbox/webhooks/flush');
	}
	expect(captured).toHaveLength(PAYMENTS);
	expect(captured.every((d) => typeof d.headers['x-hub-signature-256'] === 'string')).toBe(true);

	const deployed = await deployWorkflow(instance, example('05-idempotent-fulfilment.json', onCloudApi));
	const path = new URL(deployed.webhooks[0].url).pathname;
	const urls = instance.webhookUrls.map((base) => `${base}${path}`);
	// n8n activates a published workflow after its publish call answers: wait until every webhook process
	// knows the trigger (Meta's verification GET answers the challenge) before the first delivery.
	const challenge = `?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(instance.verifyToken)}&hub.challenge=ready`;
	for (const url of urls) await waitFor(`the trigger on ${url}`, 300_000, async () => ((await fetch(url + challenge)).status === 200 ? true : undefined));
	// A delivery not answered 200 (an error status, a connection reset on an overloaded machine) is sent again
	// to the same process, as WhatsApp retries it; that process's window drops it if it had emitted it already.
	const unanswered: string[] = [];
	const deliver = async (i: number, process: number) => {
		const { body, headers } = captured[i];
		for (let attempt = 1; ; attempt++) {
			const outcome = await postToWebhook(urls[process], body, { 'x-hub-signature-256': String(headers['x-hub-signature-256']) }).catch((error: Error) => error.message);
			if (outcome === 200) return;
			unanswered.push(`delivery ${i} to webhook process ${process + 1}: ${outcome}`);
			if (attempt === 10) throw new Error(`not answered 200 in 10 attempts: ${unanswered.slice(-10).join('; ')}`);
			await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
		}
	};
	const sends = captured.flatMap((_, i) => [
		{ i, process: i % 2 },
		...(isRedelivered(i) ? [{ i, process: (i + 1) % 2 }] : []),
		...(isRetriedOnSameProcess(i) ? [{ i, process: i % 2 }] : []),
	]);
	const started = Date.now();
	await inParallel(sends, 16, ({ i, process }) => deliver(i, process));
	const deliverSeconds = (Date.now() - started) / 1000;

	const redelivered = captured.filter((_, i) => isRedelivered(i)).length;
	const sameProcessRetries = captured.filter((_, i) => isRetriedOnSameProcess(i)).length;
	const byStatus = await waitForExecutionsDone(instance, deployed.id, PAYMENTS + redelivered, 1_200_000);
	const executions = Object.values(byStatus).reduce((a, b) => a + b, 0);
	const processedSeconds = (Date.now() - started) / 1000;

	// The trigger: every cross-process retry emitted again (each process has its own window), none of the same-process ones.
	expect(byStatus).toEqual({ success: PAYMENTS + redelivered });
	// Postgres: one claim per payment.
	const claims = sql(instance, 'shop', `SELECT count(*), count(DISTINCT reference_id) FROM whatsapp_payment_events WHERE reference_id LIKE '${prefix}-%'`)[0].map(Number);
	expect(claims).toEqual([PAYMENTS, PAYMENTS]);
	// The sandbox: exactly one order_status "processing" per payment, and every order processing.
	const fulfilments = new Map<string, number>();
	for (const r of sandboxRequests()) if (r.type === 'order_status' && r.ref && r.status === '200') fulfilments.set(r.ref, (fulfilments.get(r.ref) ?? 0) + 1);
	const counts = refs.map((ref) => fulfilments.get(ref) ?? 0);
	expect(counts.filter((c) => c === 1)).toHaveLength(PAYMENTS);
	const orders = ((await (await fetch(`${instance.sandboxUrl}/_sandbox/orders`)).json()) as { data: Array<{ reference_id: string; order_status: string }> }).data;
	const ours = new Set(refs);
	expect(orders.filter((o) => ours.has(o.reference_id) && o.order_status === 'processing')).toHaveLength(PAYMENTS);

	report('deliveries', {
		payments: PAYMENTS,
		deliveries: sends.length,
		redeliveredToOtherProcess: redelivered,
		retriedOnSameProcess: sameProcessRetries,
		notAnswered200AndSentAgain: unanswered.length,
		workflowRunsStartedByTheTrigger: executions,
		plainTriggerDuplicates: executions - PAYMENTS,
		claimedInPostgres: claims[0],
		fulfilled: counts.filter((c) => c > 0).length,
		fulfilledTwice: counts.filter((c) => c > 1).length,
		deliveriesPerSecond: Math.round(sends.length / deliverSeconds),
		allExecutionsDoneAfterSeconds: Math.round(processedSeconds),
	});
});
