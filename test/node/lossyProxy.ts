/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * A proxy on 127.0.0.1 in front of the sandbox that can lose responses or answer in the API's place.
 * - 'loseResponse': the request is forwarded and processed, then the connection to the client is
 *   destroyed instead of answering. This is the failure the sandbox's own faults never produce (they
 *   fail before processing) and the one that makes resending dangerous.
 * - 'cutResponse': forwarded and processed, then half the answer's body is sent under its full length and the
 *   connection closed (an answer broken off); 'garbledResponse': forwarded and processed, then bytes that are no HTTP.
 * - a canned answer ({ status, body }): returned without forwarding, so the API never sees the request
 *   (e.g. a 500 before processing, a stale "not found", an answer nobody can read). With a content type, the
 *   body (a string) goes out as it is under it: a proxy's HTML page, an empty or cut body.
 */
import http from 'http';
import type { AddressInfo } from 'net';

import { cloudCredentials, type Testbed } from './testbed';

export type ProxyAction = 'forward' | 'loseResponse' | 'cutResponse' | 'garbledResponse' | { status: number; body: unknown; contentType?: string };

interface Exchange {
	method: string;
	path: string;
	status: number;
}

export interface LossyProxy {
	url: string;
	/** Every request as it reached the proxy: its content type and body. */
	received: Array<{ method: string; path: string; contentType?: string; body: string }>;
	/** Responses lost so far (after the API processed the request). */
	lost: Exchange[];
	/** Requests answered by the proxy itself, never forwarded. */
	answered: Exchange[];
	close(): Promise<void>;
}

/** `decide(method, path, n)` chooses what happens to the n-th request (from 0). */
export async function startLossyProxy(target: string, decide: (method: string, path: string, n: number) => ProxyAction): Promise<LossyProxy> {
	const lost: Exchange[] = [];
	const answered: Exchange[] = [];
	const received: LossyProxy['received'] = [];
	let count = 0;
	const server = http.createServer((req, res) => {
		const n = count++;
		const method = req.method ?? 'GET';
		const path = new URL(req.url ?? '/', target).pathname;
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ method, path, contentType: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
			const action = decide(method, path, n);
			if (typeof action === 'object') {
				answered.push({ method, path, status: action.status });
				res.writeHead(action.status, { 'content-type': action.contentType ?? 'application/json' });
				res.end(action.contentType === undefined ? JSON.stringify(action.body) : String(action.body));
				return;
			}
			const upstream = http.request(`${target}${req.url}`, { method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
				const body: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => body.push(chunk));
				answer.on('end', () => {
					if (action === 'loseResponse' || action === 'cutResponse' || action === 'garbledResponse') {
						lost.push({ method, path, status: answer.statusCode ?? 0 });
						const full = Buffer.concat(body);
						if (action === 'cutResponse') {
							res.writeHead(answer.statusCode ?? 200, { ...answer.headers, 'content-length': String(full.length) });
							res.write(full.subarray(0, full.length >> 1));
						} else if (action === 'garbledResponse') req.socket.write('no HTTP at all\r\n\r\n');
						// Once the written bytes are out: a destroy at once could drop them before they leave.
						req.socket.end(() => req.socket.destroy());
						return;
					}
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					res.end(Buffer.concat(body));
				});
			});
			upstream.on('error', () => req.socket.destroy());
			upstream.end(Buffer.concat(chunks));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		lost,
		answered,
		received,
		close: () => {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

/** Runs `body` with the node's credential pointing at a proxy in front of the sandbox; `body`'s answer is returned. */
export async function throughProxy<T>(bed: Testbed, decide: (method: string, path: string, n: number) => ProxyAction, body: (proxy: LossyProxy) => Promise<T>): Promise<T> {
	const proxy = await startLossyProxy(bed.sandbox.url, decide);
	bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(proxy.url));
	try {
		return await body(proxy);
	} finally {
		bed.harness.setCredentials('whatsAppPaymentsApi', cloudCredentials(bed.sandbox.url));
		await proxy.close();
	}
}
