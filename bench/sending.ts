/**
 * Issue 7, part 3: sending bills through n8n's real engine (test/engine/harness.ts: WorkflowExecute,
 * expression resolution, httpRequestWithAuthentication) to the sandbox, which runs in its own process.
 *   (a) at the API's limit (80 msg/s): how close our node gets to the limit, with no 130429 reaching the user;
 *   (b) unthrottled: our node against raw axios at the same concurrency (the HTTP floor);
 *   (c) against n8n's HTTP Request node with its defaults, the tool users would reach for instead.
 */
import axios from 'axios';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { performance } from 'perf_hooks';

import { WhatsAppPaymentsApi } from '../credentials/WhatsAppPaymentsApi.credentials';
import { WhatsAppPayments } from '../nodes/WhatsAppPayments/WhatsAppPayments.node';
import { chain, createEngineHarness, itemsSource, type AnyNodeType, type EngineHarness, type WorkflowRunResult } from '../test/engine/harness';
import { compareAsync, median } from './measure';
import { httpRequestNodePath, N8N_NOT_INSTALLED, n8nNodeModules } from './paths';
import { startRemoteSandbox, type RemoteSandbox } from './remoteSandbox';
import { BenchResult, skipped } from './report';
import { BILL_BODY, BILL_ITEMS, BILL_TAX, billMessage, nextReference, PAYMENT_CONFIGURATION, RECIPIENT } from './workloads';

const TOKEN = 'bench-token';
const PHONE_NUMBER_ID = '100000000000001';
const API_VERSION = 'v23.0';
/** Meta's default per-number limit. */
const API_LIMIT_PER_SECOND = 80;
/** The sandbox's limit when the limit is not what is measured. */
const NO_LIMIT = 1_000_000_000;
/** Our node's default concurrency, used by every competitor that has a concurrency. */
const CONCURRENCY = 10;
const RATE_LIMIT_CODE = 130429;

const SENDS_AT_LIMIT = 400;
const SENDS_UNTHROTTLED = 500;
const SAMPLING_AT_LIMIT = { warmup: 1, runs: 3 };
const SAMPLING_UNTHROTTLED = { warmup: 1, runs: 5 };

type Log = (message: string) => void;

/** One run of N sends: how many arrived, how long it took, and what the user saw. */
interface SendRun {
	sent: number;
	delivered: number;
	ms: number;
	/** Errors that reached the user (failed items, or the workflow stopping). */
	userErrors: string[];
}

const rate = (run: SendRun) => run.delivered / (run.ms / 1000);

async function timed(send: () => Promise<Omit<SendRun, 'ms'>>): Promise<SendRun> {
	const start = performance.now();
	const outcome = await send();
	return { ...outcome, ms: performance.now() - start };
}

// ---------------------------------------------------------------- the competitors

/** The WhatsApp Payments node, Order -> Send Order Details, one bill per input item, fields from expressions. */
function ourNodeParameters(options: INodeParameters): INodeParameters {
	return {
		resource: 'order',
		operation: 'sendOrderDetails',
		to: '={{ $json.to }}',
		market: 'india',
		referenceId: '={{ $json.referenceId }}',
		paymentMethod: 'paymentGateway',
		gateway: 'razorpay',
		paymentConfiguration: { __rl: true, mode: 'list', value: PAYMENT_CONFIGURATION },
		itemsSource: 'json',
		itemsJson: '={{ $json.items }}',
		taxAmount: BILL_TAX,
		body: BILL_BODY,
		options,
	};
}

/** n8n's HTTP Request node as a user would set it up for the Cloud API: POST, bearer header, the message as JSON body; every option at its default. */
function httpRequestParameters(url: string): INodeParameters {
	return {
		method: 'POST',
		url,
		authentication: 'none',
		sendHeaders: true,
		headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${TOKEN}` }] },
		sendBody: true,
		contentType: 'json',
		specifyBody: 'json',
		jsonBody: '={{ $json.message }}',
	};
}

const NODE = 'Send';

/** Runs Items -> node with the given input items; counts outputs carrying a message id as delivered. */
async function runThroughEngine(harness: EngineHarness, type: string, parameters: INodeParameters, items: IDataObject[]): Promise<Omit<SendRun, 'ms'>> {
	const result: WorkflowRunResult = await harness.runWorkflow({ nodes: [itemsSource(), { name: NODE, type, parameters }], connections: chain('Items', NODE) }, { items });
	const outputs = result.nodes[NODE]?.outputs[0] ?? [];
	const delivered = outputs.filter((item) => (item.json.messages as Array<{ id?: string }> | undefined)?.[0]?.id).length;
	const userErrors = outputs.filter((item) => item.json.error !== undefined).map((item) => String(item.json.error));
	if (result.status !== 'success') userErrors.push(result.error?.message ?? `workflow ${result.status}`);
	return { sent: items.length, delivered, userErrors };
}

interface Competitors {
	ourNode(sends: number, options: INodeParameters): Promise<SendRun>;
	axios(sends: number): Promise<SendRun>;
	/** null when n8n is not installed. */
	httpRequestNode: ((sends: number) => Promise<SendRun>) | null;
}

function competitors(sandbox: RemoteSandbox, httpRequestNode: AnyNodeType | null): Competitors {
	const messagesUrl = `${sandbox.url}/${API_VERSION}/${PHONE_NUMBER_ID}/messages`;
	const ours = createEngineHarness({
		nodeTypes: [new WhatsAppPayments()],
		credentialTypes: [new WhatsAppPaymentsApi()],
		credentials: { whatsAppPaymentsApi: { provider: 'cloudApi', accessToken: TOKEN, phoneNumberId: PHONE_NUMBER_ID, apiVersion: API_VERSION, baseUrl: sandbox.url } },
	});
	const theirs = httpRequestNode && createEngineHarness({ nodeTypes: [httpRequestNode], packageName: 'n8n-nodes-base' });
	const client = axios.create({ headers: { Authorization: `Bearer ${TOKEN}` }, validateStatus: () => true });
	return {
		ourNode: (sends, options) => {
			const items = Array.from({ length: sends }, () => ({ to: RECIPIENT, referenceId: nextReference(), items: BILL_ITEMS as unknown as IDataObject[] }));
			return timed(() => runThroughEngine(ours, ours.typeName('whatsAppPayments'), ourNodeParameters(options), items));
		},
		axios: (sends) => {
			// The floor: finished bodies, built before the clock starts; only HTTP remains.
			const messages = Array.from({ length: sends }, () => billMessage(nextReference()));
			return timed(async () => {
				let next = 0;
				let delivered = 0;
				const userErrors: string[] = [];
				const worker = async () => {
					while (next < messages.length) {
						const response = await client.post(messagesUrl, messages[next++]);
						if (response.status === 200) delivered++;
						else userErrors.push(`HTTP ${response.status}`);
					}
				};
				await Promise.all(Array.from({ length: CONCURRENCY }, worker));
				return { sent: sends, delivered, userErrors };
			});
		},
		httpRequestNode: theirs
			? (sends) => {
					const items = Array.from({ length: sends }, () => ({ message: billMessage(nextReference()) as IDataObject }));
					return timed(() => runThroughEngine(theirs, theirs.typeName('httpRequest'), httpRequestParameters(messagesUrl), items));
				}
			: null,
	};
}

function loadHttpRequestNode(): AnyNodeType | null {
	const nodeModules = n8nNodeModules();
	if (!nodeModules) return null;
	const { HttpRequest } = require(httpRequestNodePath(nodeModules)) as { HttpRequest: new () => AnyNodeType };
	return new HttpRequest();
}

const describeErrors = (runs: SendRun[]) => {
	const errors = runs.flatMap((run) => run.userErrors);
	return errors.length ? `${errors.length} errors reached the user, e.g. "${errors[0]}"` : 'no error reached the user';
};

// ---------------------------------------------------------------- (a) at the limit

async function benchAtLimit(log: Log, httpRequestNode: AnyNodeType | null): Promise<BenchResult[]> {
	const sandbox = await startRemoteSandbox({ token: TOKEN, phoneNumberId: PHONE_NUMBER_ID, rateLimit: API_LIMIT_PER_SECOND });
	try {
		const send = competitors(sandbox, httpRequestNode);
		const ourRuns: SendRun[] = [];
		let rateLimited = 0;
		for (let run = 0; run < SAMPLING_AT_LIMIT.warmup + SAMPLING_AT_LIMIT.runs; run++) {
			await sandbox.reset();
			const result = await send.ourNode(SENDS_AT_LIMIT, { maxRequestsPerSecond: API_LIMIT_PER_SECOND });
			const refusals = (await sandbox.statuses()).filter((status) => status === 400).length;
			log(`    at limit, run ${run}: ${result.delivered}/${result.sent} in ${result.ms.toFixed(0)} ms, ${refusals} x ${RATE_LIMIT_CODE} retried, ${result.userErrors.length} user errors`);
			if (run < SAMPLING_AT_LIMIT.warmup) continue;
			ourRuns.push(result);
			rateLimited += refusals;
		}
		const achieved = median(ourRuns.map(rate));
		const ratio = achieved / API_LIMIT_PER_SECOND;
		const clean = ourRuns.every((run) => run.userErrors.length === 0 && run.delivered === run.sent);
		const rows: BenchResult[] = [
			{
				name: `Send at the API limit (${API_LIMIT_PER_SECOND} msg/s): our node`,
				ours: achieved,
				baseline: API_LIMIT_PER_SECOND,
				unit: 'msg/s delivered',
				ratio,
				goal: 'achieved / limit >= 0.95, no 130429 reaches the user',
				pass: ratio >= 0.95 && clean,
				note:
					`${SENDS_AT_LIMIT} bills per run through n8n's engine (Items -> WhatsApp Payments, fields from expressions, Max Requests Per Second = ${API_LIMIT_PER_SECOND}, other options default) to the sandbox limited to ${API_LIMIT_PER_SECOND} msg/s per number; ` +
					`rate = delivered / wall time of the whole workflow run; ${rateLimited} x ${RATE_LIMIT_CODE} answered over ${SAMPLING_AT_LIMIT.runs} runs, all retried inside the node; ${describeErrors(ourRuns)}.`,
			},
		];
		if (send.httpRequestNode) rows.push(await benchHttpRequestAtLimit(log, sandbox, send.httpRequestNode, ourRuns));
		return rows;
	} finally {
		await sandbox.close();
	}
}

/**
 * (c) at the limit: the HTTP Request node with its defaults starts every item at once, so past the
 * first second's worth the API answers 130429 and the run stops with an error. What counts for the
 * user is how many of the bills arrive per workflow run.
 */
async function benchHttpRequestAtLimit(log: Log, sandbox: RemoteSandbox, httpRequestNode: (sends: number) => Promise<SendRun>, ourRuns: SendRun[]): Promise<BenchResult> {
	const runs: SendRun[] = [];
	for (let run = 0; run < SAMPLING_AT_LIMIT.runs; run++) {
		await sandbox.reset();
		const result = await httpRequestNode(SENDS_AT_LIMIT);
		log(`    at limit, HTTP Request node run ${run}: ${result.delivered}/${result.sent} in ${result.ms.toFixed(0)} ms, ${result.userErrors.length} user errors`);
		runs.push(result);
	}
	const share = (list: SendRun[]) => median(list.map((run) => (100 * run.delivered) / run.sent));
	const ours = share(ourRuns);
	const baseline = share(runs);
	const ratio = ours / baseline;
	return {
		name: `Send ${SENDS_AT_LIMIT} bills at the API limit: our node vs HTTP Request node (defaults)`,
		ours,
		baseline,
		unit: '% of bills delivered per run',
		ratio,
		goal: 'ours / HTTP Request >= 5',
		pass: ratio >= 5,
		note:
			`the same ${SENDS_AT_LIMIT} bills (finished message bodies for the HTTP Request node) against the sandbox limited to ${API_LIMIT_PER_SECOND} msg/s; the HTTP Request node with every option at its default starts all items at once, ` +
			`the API refuses what exceeds the limit with ${RATE_LIMIT_CODE}, and the run stops with that error (${describeErrors(runs)}); delivered in ${median(runs.map((run) => run.ms)).toFixed(0)} ms median.`,
	};
}

// ---------------------------------------------------------------- (b), (c) unthrottled

async function benchUnthrottled(log: Log, httpRequestNode: AnyNodeType | null): Promise<BenchResult[]> {
	const sandbox = await startRemoteSandbox({ token: TOKEN, phoneNumberId: PHONE_NUMBER_ID, rateLimit: NO_LIMIT });
	try {
		const send = competitors(sandbox, httpRequestNode);
		const runs: Record<string, SendRun[]> = { ours: [], axios: [], httpRequest: [] };
		const measured = (name: string, sendOnce: () => Promise<SendRun>) => async () => {
			await sandbox.reset();
			const result = await sendOnce();
			log(`    unthrottled, ${name}: ${result.delivered}/${result.sent} in ${result.ms.toFixed(0)} ms`);
			runs[name].push(result);
			return rate(result);
		};
		const httpRequest = send.httpRequestNode;
		const rates = await compareAsync(
			{
				ours: measured('ours', () => send.ourNode(SENDS_UNTHROTTLED, { concurrency: CONCURRENCY, maxRequestsPerSecond: 0 })),
				axios: measured('axios', () => send.axios(SENDS_UNTHROTTLED)),
				...(httpRequest ? { httpRequest: measured('httpRequest', () => httpRequest(SENDS_UNTHROTTLED)) } : {}),
			} as Record<'ours' | 'axios' | 'httpRequest', () => Promise<number>>,
			SAMPLING_UNTHROTTLED,
		);
		const rows: BenchResult[] = [
			{
				name: `Send unthrottled: our node vs raw axios (concurrency ${CONCURRENCY})`,
				ours: rates.ours,
				baseline: rates.axios,
				unit: 'msg/s delivered',
				ratio: rates.ours / rates.axios,
				goal: 'ours / axios >= 0.8',
				pass: rates.ours / rates.axios >= 0.8 && runs.ours.every((run) => run.userErrors.length === 0),
				note:
					`${SENDS_UNTHROTTLED} bills per run, sandbox without a rate limit; ours through n8n's engine (reads parameters and expressions, builds and validates each bill, retry policy armed, Max Requests Per Second = 0); ` +
					`axios POSTs the finished bodies (built before the clock starts) with ${CONCURRENCY} in flight; ${describeErrors(runs.ours)}.`,
			},
		];
		const name = `Send unthrottled: our node vs HTTP Request node (defaults)`;
		const goal = 'informational (the >= 5x goal is judged at the API limit)';
		if (!httpRequest) rows.push(skipped(name, 'msg/s delivered', goal, N8N_NOT_INSTALLED));
		else
			rows.push({
				name,
				ours: rates.ours,
				baseline: rates.httpRequest,
				unit: 'msg/s delivered',
				ratio: rates.ours / rates.httpRequest,
				goal,
				pass: null,
				note: `the same ${SENDS_UNTHROTTLED} bills per run; the HTTP Request node gets finished message bodies in its input items and starts all items at once (its default: no batching); ${describeErrors(runs.httpRequest)}.`,
			});
		return rows;
	} finally {
		await sandbox.close();
	}
}

export async function benchSending(log: Log): Promise<BenchResult[]> {
	const httpRequestNode = loadHttpRequestNode();
	const rows = [...(await benchAtLimit(log, httpRequestNode)), ...(await benchUnthrottled(log, httpRequestNode))];
	if (!httpRequestNode) rows.splice(1, 0, skipped(`Send ${SENDS_AT_LIMIT} bills at the API limit: our node vs HTTP Request node (defaults)`, '% of bills delivered per run', 'ours / HTTP Request >= 5', N8N_NOT_INSTALLED));
	return rows;
}
