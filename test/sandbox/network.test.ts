/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/** The sandbox as a far-away HTTPS API: TLS with a local CA the client trusts, the round-trip option checked. */
import * as fs from 'fs';
import https from 'https';

import { startSandbox, type Sandbox } from '../../sandbox';
import { optionsFromArgs } from '../../sandbox/cli';
import { makeLocalCa, type LocalCa } from '../../sandbox/localCa';
import { PHONE_NUMBER_ID, TOKEN } from './helpers';

function get(url: string, ca?: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		https
			.get(url, { ca, headers: { authorization: `Bearer ${TOKEN}` } }, (response) => {
				let body = '';
				response.on('data', (chunk: Buffer) => (body += chunk.toString()));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
			})
			.on('error', reject);
	});
}

describe('sandbox over HTTPS with a local CA', () => {
	let ca: LocalCa;
	let sandbox: Sandbox;

	beforeAll(async () => {
		ca = makeLocalCa();
		sandbox = await startSandbox({ port: 0, rttMs: 1, tls: { key: fs.readFileSync(ca.keyFile, 'utf8'), cert: fs.readFileSync(ca.certFile, 'utf8') } });
	});

	afterAll(async () => {
		await sandbox?.close();
		fs.rmSync(ca.dir, { recursive: true, force: true });
	});

	it('serves the API on an https URL to a client that trusts the CA', async () => {
		expect(sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
		const answer = await get(`${sandbox.cloudApiUrl()}/${PHONE_NUMBER_ID}/payment_configurations`, fs.readFileSync(ca.caFile, 'utf8'));
		expect(answer.status).toBe(200);
		expect(JSON.parse(answer.body)).toHaveProperty('data');
	});

	it('is refused by a client that does not trust the CA', async () => {
		await expect(get(`${sandbox.cloudApiUrl()}/${PHONE_NUMBER_ID}/payment_configurations`)).rejects.toThrow(/certificate/);
	});
});

describe('far-away options', () => {
	it('refuses a round trip that is not a whole number of ms from 0 to 60000', async () => {
		await expect(startSandbox({ port: 0, rttMs: -1 })).rejects.toThrow('rttMs: must be an integer from 0 to 60000');
		await expect(startSandbox({ port: 0, rttMs: 1.5 })).rejects.toThrow('rttMs');
	});

	it('reads --rtt-ms, and --tls-key only with --tls-cert', () => {
		expect(optionsFromArgs(['--rtt-ms', '150']).options.rttMs).toBe(150);
		expect(() => optionsFromArgs(['--tls-key', 'key.pem'])).toThrow('--tls-key and --tls-cert: give both or neither');
	});
});
