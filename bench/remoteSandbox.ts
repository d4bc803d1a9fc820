/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/** The parent side of bench/sandboxProcess.ts: start the sandbox in a child process and drive it over HTTP. */
import { spawn } from 'child_process';
import * as path from 'path';
import { createInterface } from 'readline';

import type { SandboxOptions } from '../sandbox';

export interface RemoteSandbox {
	url: string;
	/** Forgets orders, rate windows and the request log (POST /_sandbox/reset). */
	reset(): Promise<void>;
	/** The API requests since the last reset, as the sandbox logged them: what, status and arrival time in ms (GET /_sandbox/requests, at most its last 1000). */
	requests(): Promise<Array<{ method: string; path: string; status: number | 'reset'; atMs: number }>>;
	close(): Promise<void>;
}

/** Options that survive JSON (no clock, no callbacks). */
export type RemoteSandboxOptions = Omit<SandboxOptions, 'now' | 'onRequest' | 'port'>;

export async function startRemoteSandbox(options: RemoteSandboxOptions): Promise<RemoteSandbox> {
	const child = spawn(process.execPath, [path.join(__dirname, 'sandboxProcess.js'), JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'inherit'] });
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const firstLine = await new Promise<string>((resolve, reject) => {
		const lines = createInterface({ input: child.stdout });
		lines.once('line', (line) => {
			lines.close();
			resolve(line);
		});
		child.once('exit', (code) => reject(new Error(`the bench sandbox exited (code ${code}) before it listened`)));
	});
	const { url } = JSON.parse(firstLine) as { url: string };
	const control = async (method: 'GET' | 'POST', controlPath: string) => {
		const response = await fetch(`${url}${controlPath}`, { method, headers: { 'content-type': 'application/json' } });
		if (!response.ok) throw new Error(`${method} ${controlPath}: HTTP ${response.status}`);
		return (await response.json()) as unknown;
	};
	return {
		url,
		reset: async () => {
			await control('POST', '/_sandbox/reset');
		},
		requests: async () =>
			((await control('GET', '/_sandbox/requests')) as { data: Array<{ method: string; path: string; status: number | 'reset'; time: string }> }).data.map((entry) => ({
				method: entry.method,
				path: entry.path,
				status: entry.status,
				atMs: Date.parse(entry.time),
			})),
		close: async () => {
			child.stdin.end();
			await exited;
		},
	};
}
