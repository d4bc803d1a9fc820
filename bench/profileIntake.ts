/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * `node dist-dev/bench/profileIntake.js [endpoint...]`: where a request's CPU goes inside the bench's real n8n.
 * For each endpoint (ourAccept, ourRefuse, webhookAccept, webhookRefuse: bench/intake.ts's deliveries; checkout,
 * checkoutPlain: bench/checkout.ts's example 6 and its plain-n8n copy; default all), records a CPU profile of the n8n
 * process while it answers requests at a fixed offered load, writes it to .cache/profiles/<endpoint>.cpuprofile
 * (open it in Chrome DevTools or speedscope) and prints the CPU per request by package and the top functions.
 * Not a bench row: it only tells where to look (docs/performance.md).
 */
import * as fs from 'fs';
import * as path from 'path';

import { baselineTarget, checkoutTarget, deployCheckout, type Target } from './checkout';
import { describeProfile, summarizeProfile, type CpuProfile } from './cpuProfile';
import { deployEndpoints, offer, startN8n } from './intake';
import { atRate, median, percentile } from './measure';
import { PACKAGE_ROOT } from './paths';

const PER_SECOND = Number(process.env.PROFILE_PER_SECOND) || 10;
const SECONDS = Number(process.env.PROFILE_SECONDS) || 10;
/** How long the executions of accepted requests get to finish inside the profile. */
const SETTLE_MS = Number(process.env.PROFILE_SETTLE_MS) || 8000;

/** One way to load n8n: offers requests at a rate and says how they were answered; settleMs: how long their executions may run on. */
interface Profiled {
	offer(perSecond: number, seconds: number): Promise<string>;
	settleMs: number;
}

/** A checkout endpoint's answers are its workflow's: the execution is done when the answer comes. */
function checkoutProfiled(target: Target): Profiled {
	return {
		async offer(perSecond, seconds) {
			const times = await atRate(perSecond, seconds, () => target.send());
			return `p50 ${median(times).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms`;
		},
		settleMs: 500,
	};
}

async function main(): Promise<void> {
	const log = (message: string) => process.stderr.write(`[profile] ${message}\n`);
	const n8n = await startN8n(log);
	try {
		const { endpoints, waitIdle } = await deployEndpoints(n8n.instance);
		// The checkout workflows are deployed only when asked for: an intake profile holds no checkout workflow.
		const profiled: Record<string, () => Promise<Profiled>> = {
			...Object.fromEntries(
				Object.entries(endpoints).map(([name, endpoint]): [string, () => Promise<Profiled>] => [
					name,
					async () => ({
						async offer(perSecond, seconds) {
							const run = await offer(endpoint, perSecond, seconds);
							return `p50 ${run.p50.toFixed(0)} ms, p99 ${run.p99.toFixed(0)} ms, unexpected ${run.unexpected}`;
						},
						// The executions an accepted delivery starts are part of its cost; waitIdle's own API calls are not, so wait a fixed time.
						settleMs: endpoint.expected === 200 ? SETTLE_MS : 500,
					}),
				]),
			),
			checkout: async () => checkoutProfiled(checkoutTarget(await deployCheckout(n8n.instance), n8n.instance.appSecret)),
			checkoutPlain: async () => checkoutProfiled(await baselineTarget(n8n.instance)),
		};
		const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(profiled);
		const dir = path.join(PACKAGE_ROOT, '.cache', 'profiles');
		fs.mkdirSync(dir, { recursive: true });
		for (const name of names) {
			if (!profiled[name]) throw new Error(`no endpoint ${name}: ${Object.keys(profiled).join(', ')}`);
			const target = await profiled[name]();
			await target.offer(PER_SECOND, 2); // warm-up
			await waitIdle();
			let answered = '';
			const profile = (await n8n.inspector.cpuProfile(async () => {
				answered = await target.offer(PER_SECOND, SECONDS);
				await new Promise((resolve) => setTimeout(resolve, target.settleMs));
			})) as CpuProfile;
			await waitIdle();
			fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
			const requests = PER_SECOND * SECONDS;
			log(`${name}: ${requests} requests at ${PER_SECOND}/s offered, ${answered}`);
			process.stdout.write(`${name}\n${describeProfile(summarizeProfile(profile), requests)}\n`);
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
