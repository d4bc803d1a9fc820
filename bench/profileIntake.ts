/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * `node dist-dev/bench/profileIntake.js [endpoint...]`: where a delivery's CPU goes inside the bench's real n8n.
 * For each endpoint (ourAccept, ourRefuse, webhookAccept, webhookRefuse; default all), records a CPU profile of
 * the n8n process while it answers deliveries at a fixed offered load, writes it to .cache/profiles/<endpoint>.cpuprofile
 * (open it in Chrome DevTools or speedscope) and prints the CPU per delivery by package and the top functions.
 * Not a bench row: it only tells where to look (docs/performance.md).
 */
import * as fs from 'fs';
import * as path from 'path';

import { describeProfile, summarizeProfile, type CpuProfile } from './cpuProfile';
import { deployEndpoints, offer, startN8n } from './intake';
import { PACKAGE_ROOT } from './paths';

const PER_SECOND = Number(process.env.PROFILE_PER_SECOND) || 10;
const SECONDS = Number(process.env.PROFILE_SECONDS) || 10;
/** How long accepted deliveries' executions get to finish inside the profile. */
const SETTLE_MS = Number(process.env.PROFILE_SETTLE_MS) || 8000;

async function main(): Promise<void> {
	const log = (message: string) => process.stderr.write(`[profile] ${message}\n`);
	const n8n = await startN8n(log);
	try {
		const { endpoints, waitIdle } = await deployEndpoints(n8n.instance);
		const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(endpoints);
		const dir = path.join(PACKAGE_ROOT, '.cache', 'profiles');
		fs.mkdirSync(dir, { recursive: true });
		for (const name of names) {
			const endpoint = endpoints[name as keyof typeof endpoints];
			if (!endpoint) throw new Error(`no endpoint ${name}: ${Object.keys(endpoints).join(', ')}`);
			await offer(endpoint, PER_SECOND, 2); // warm-up
			await waitIdle();
			let run: Awaited<ReturnType<typeof offer>> | undefined;
			// The executions an accepted delivery starts are part of its cost; waitIdle's own API calls are not, so wait a fixed time.
			const profile = (await n8n.inspector.cpuProfile(async () => {
				run = await offer(endpoint, PER_SECOND, SECONDS);
				await new Promise((resolve) => setTimeout(resolve, endpoint.expected === 200 ? SETTLE_MS : 500));
			})) as CpuProfile;
			await waitIdle();
			fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
			const deliveries = PER_SECOND * SECONDS;
			log(`${name}: ${deliveries} deliveries at ${PER_SECOND}/s offered, p50 ${run?.p50.toFixed(0)} ms, p99 ${run?.p99.toFixed(0)} ms, unexpected ${run?.unexpected}`);
			process.stdout.write(`${name}\n${describeProfile(summarizeProfile(profile), deliveries)}\n`);
		}
	} finally {
		n8n.inspector.close();
		await n8n.stop();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`[profile] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
