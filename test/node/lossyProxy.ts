/**
 * A proxy on 127.0.0.1 in front of the sandbox that can lose responses: the request is forwarded and
 * processed, then the connection to the client is destroyed instead of answering. This is the failure
 * the sandbox's own faults never produce (they fail before processing) and the one that makes
 * resending dangerous.
 */
import http from 'http';
import type { AddressInfo } from 'net';

export interface LossyProxy {
	url: string;
	/** Responses lost so far, by method and path. */
	lost: Array<{ method: string; path: string; status: number }>;
	close(): Promise<void>;
}

/** `loseResponse(method, path, n)` decides for the n-th request (from 0) whether its answer is lost. */
export async function startLossyProxy(target: string, loseResponse: (method: string, path: string, n: number) => boolean): Promise<LossyProxy> {
	const lost: LossyProxy['lost'] = [];
	let count = 0;
	const server = http.createServer((req, res) => {
		const n = count++;
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (answer) => {
				const body: Buffer[] = [];
				answer.on('data', (chunk: Buffer) => body.push(chunk));
				answer.on('end', () => {
					const method = req.method ?? 'GET';
					const path = new URL(req.url ?? '/', target).pathname;
					if (loseResponse(method, path, n)) {
						lost.push({ method, path, status: answer.statusCode ?? 0 });
						req.socket.destroy();
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
		close: () => {
			server.closeAllConnections();
			return new Promise((resolve) => server.close(() => resolve()));
		},
	};
}
