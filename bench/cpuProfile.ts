/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Reading a V8 CPU profile (the inspector's Profiler.stop) of the real n8n: how much CPU the process spent, and how
 * much of it in (or below) a given package, so a row can say which part of a delivery's cost is ours and which n8n's.
 */
import * as path from 'path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

export interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** Our package as n8n loads it (from its nodes folder). */
export const OUR_PACKAGE = 'n8n-nodes-whatsapp-payments';
/** Packages whose inclusive time (theirs and all they call) a summary reports. */
export const INCLUSIVE_PACKAGES = [OUR_PACKAGE, '@n8n/expression-runtime', '@n8n/typeorm', 'n8n-nodes-base', 'n8n/webhooks', 'n8n/credentials-helper.js', 'express'];

/** Which package (or which part of n8n's own dist) a script URL belongs to. */
export function ownerOf(url: string): string {
	if (!url) return '(native/V8)';
	const parts = url.replace(/^file:\/\//, '').split('node_modules/');
	if (parts.length === 1) return url.startsWith('node:') ? `node:${url.slice(5).split('/')[0]}` : '(other)';
	const rest = parts[parts.length - 1].split('/');
	const pkg = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
	return pkg === 'n8n' ? `n8n/${rest[2] ?? ''}` : pkg;
}

export interface ProfileSummary {
	/** CPU microseconds the process was busy (not idle, not "(program)"). */
	busyUs: number;
	/** Self time by package. */
	selfUs: Map<string, number>;
	/** Inclusive time of INCLUSIVE_PACKAGES: a sample counts when any frame of its stack is in the package. */
	inclusiveUs: Map<string, number>;
	/** Self time by function ("name package file:line"). */
	functionUs: Map<string, number>;
}

export function summarizeProfile(profile: CpuProfile): ProfileSummary {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const sampleUs = new Map<number, number>();
	profile.samples.forEach((id, i) => sampleUs.set(id, (sampleUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
	const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
	const summary: ProfileSummary = { busyUs: 0, selfUs: new Map(), inclusiveUs: new Map(), functionUs: new Map() };
	for (const [id, us] of sampleUs) {
		const { callFrame } = byId.get(id) as ProfileNode;
		if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') continue;
		summary.busyUs += us;
		const owner = ownerOf(callFrame.url);
		add(summary.selfUs, owner, us);
		add(summary.functionUs, `${callFrame.functionName || '(anonymous)'} ${owner} ${path.basename(callFrame.url)}:${callFrame.lineNumber}`, us);
		const owners = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) owners.add(ownerOf((byId.get(at) as ProfileNode).callFrame.url));
		for (const inclusive of INCLUSIVE_PACKAGES) if (owners.has(inclusive)) add(summary.inclusiveUs, inclusive, us);
	}
	return summary;
}

/** A summary as text, per delivery: busy CPU, then the largest packages and functions. */
export function describeProfile(summary: ProfileSummary, deliveries: number): string {
	const ms = (us: number) => (us / 1000 / deliveries).toFixed(2);
	const top = (map: Map<string, number>, n: number) =>
		[...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([key, us]) => `    ${ms(us).padStart(7)} ms  ${((100 * us) / summary.busyUs).toFixed(1).padStart(5)} %  ${key}`);
	return [
		`  busy ${ms(summary.busyUs)} ms CPU per delivery`,
		'  by package (self time):',
		...top(summary.selfUs, 12),
		'  by package (inclusive: the package and all it calls):',
		...top(summary.inclusiveUs, INCLUSIVE_PACKAGES.length),
		'  top functions (self time):',
		...top(summary.functionUs, 30),
	].join('\n');
}
