/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- dev-only code, never runs inside n8n (docs/verification.md) */
/** Test helpers: a webhook receiver on 127.0.0.1 and an axios client that never throws on HTTP status. */
import axios, { type AxiosInstance } from 'axios';
import http from 'http';
import type { AddressInfo } from 'net';
import { verifyChallenge } from '../../core/signatures';

export const TOKEN = 'sandbox-token';
export const APP_SECRET = 'sandbox-app-secret';
export const PHONE_NUMBER_ID = '100000000000001';
export const WABA_ID = '200000000000001';
/** A batching window no test outlives: updates wait for an explicit flush, so deliveries never race the test. */
export const HELD = 600_000;

export interface Delivery {
	headers: http.IncomingHttpHeaders;
	raw: Buffer;
	body: any;
}

export interface Receiver {
	url: string;
	deliveries: Delivery[];
	/** Status codes for the next deliveries, in order (then 200). */
	respondWith(...statuses: number[]): void;
	/** Resolves once at least `count` deliveries have arrived (the test's timeout bounds the wait). */
	waitFor(count: number): Promise<Delivery[]>;
	close(): Promise<void>;
}

/** A webhook receiver; it answers Meta's subscription GET with the core's verifyChallenge and `verifyToken`. */
export async function startReceiver(verifyToken = 'receiver-verify-token'): Promise<Receiver> {
	const deliveries: Delivery[] = [];
	const statuses: number[] = [];
	let waiters: Array<() => void> = [];
	const server = http.createServer((req, res) => {
		if (req.method === 'GET') {
			const query = Object.fromEntries(new URL(req.url ?? '/', 'http://receiver').searchParams);
			const check = verifyChallenge(query, verifyToken);
			res.statusCode = check.ok ? 200 : 403;
			res.end(check.ok ? check.challenge : 'forbidden');
			return;
		}
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			deliveries.push({ headers: req.headers, raw, body: JSON.parse(raw.toString('utf8')) });
			res.statusCode = statuses.shift() ?? 200;
			res.end();
			const ready = waiters;
			waiters = [];
			ready.forEach((w) => w());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const waitFor = async (count: number): Promise<Delivery[]> => {
		while (deliveries.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
		return deliveries;
	};
	return {
		url: `http://127.0.0.1:${port}/webhook`,
		deliveries,
		respondWith: (...s) => statuses.push(...s),
		waitFor,
		close: () => {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

/** An axios client for the sandbox: statuses are asserted by the tests, never thrown. */
export function client(baseURL: string, headers: Record<string, string> = {}): AxiosInstance {
	return axios.create({ baseURL, headers, validateStatus: () => true, proxy: false });
}

export const cloudClient = (sandboxUrl: string, token = TOKEN) => client(`${sandboxUrl}/v23.0`, { Authorization: `Bearer ${token}` });
export const dialogClient = (sandboxUrl: string, key = TOKEN) => client(sandboxUrl, { 'D360-API-KEY': key });
export const controlClient = (sandboxUrl: string) => client(`${sandboxUrl}/_sandbox`, { 'content-type': 'application/json' });

/** A plain text message: accepted and logged, never stored as an order. */
export const textMessage = (to = '919876543210') => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body: 'hello' } });
