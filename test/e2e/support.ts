/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * What every e2e test needs: the running instance (started by scripts/e2e.sh), the example
 * workflows with their stand-ins, the sandbox's control API and n8n's executions.
 */
import { join } from 'path';

import { deployWorkflow, N8nApi, readInstance, sandboxPost, waitFor, type Deployed, type Execution, type Instance } from '../../scripts/n8n-api';
import { readWorkflow, withStandIns, type WorkflowFile } from '../../scripts/workflows';

export { sandboxPost, waitFor, type Deployed, type Execution };

export function e2eInstance(): Instance {
	const stateDir = process.env.E2E_STATE;
	if (!stateDir) throw new Error('E2E_STATE is not set: run the e2e tests with `bash scripts/e2e.sh` (it starts n8n and the sandbox)');
	return readInstance(stateDir);
}

/** An example workflow (examples/<file>) as the e2e tests run it: with stand-ins, triggers on demand. */
export function example(file: string, edit: (workflow: WorkflowFile) => void = () => undefined): WorkflowFile {
	const workflow = readWorkflow(join(__dirname, '..', '..', 'examples', file));
	edit(workflow);
	return withStandIns(workflow, { onDemand: true });
}

/** Deploys workflows for one test file and unpublishes them afterwards (webhook paths are per instance). */
export class Deployment {
	readonly api: N8nApi;
	private readonly deployed: Deployed[] = [];

	constructor(readonly instance: Instance) {
		this.api = new N8nApi(instance.n8nUrl, instance.apiKey);
	}

	async deploy(workflow: WorkflowFile): Promise<Deployed> {
		const deployed = await deployWorkflow(this.instance, workflow);
		this.deployed.push(deployed);
		return deployed;
	}

	async teardown(): Promise<void> {
		for (const { id } of this.deployed.splice(0)) await this.api.unpublishWorkflow(id);
	}

	/** The URL of a deployed workflow's webhook node. */
	static url(deployed: Deployed, node: string): string {
		const hook = deployed.webhooks.find((w) => w.node === node);
		if (!hook) throw new Error(`${deployed.workflow.name}: no webhook node "${node}"`);
		return hook.url;
	}
}

let counter = 0;
/** A reference ID no other test uses. */
export const uniqueReference = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON: keep the text
	}
	return { status: response.status, body: parsed };
}

export interface SandboxOrder {
	reference_id: string;
	channel: string;
	market: string;
	order_status: string;
	payment_status: string;
	total: string;
	[key: string]: unknown;
}

export async function sandboxOrder(instance: Instance, referenceId: string): Promise<SandboxOrder | undefined> {
	const response = await fetch(`${instance.sandboxUrl}/_sandbox/orders/${encodeURIComponent(referenceId)}`);
	if (response.status === 404) return undefined;
	if (!response.ok) throw new Error(`GET /_sandbox/orders/${referenceId}: HTTP ${response.status}`);
	return (await response.json()) as SandboxOrder;
}

/** Waits until the sandbox's order matches `predicate` (webhooks and workflows run asynchronously). */
export function waitForOrder(instance: Instance, referenceId: string, what: string, predicate: (order: SandboxOrder) => boolean): Promise<SandboxOrder> {
	return waitFor(`order ${referenceId} ${what}`, 30000, async () => {
		const order = await sandboxOrder(instance, referenceId);
		return order && predicate(order) ? order : undefined;
	});
}

/** The JSON items a node output in an execution (first run, first output). */
export function nodeOutput(execution: Execution, node: string): Array<Record<string, unknown>> {
	const run = execution.data?.resultData.runData[node]?.[0];
	if (!run) throw new Error(`execution ${execution.id}: node "${node}" did not run (ran: ${Object.keys(execution.data?.resultData.runData ?? {}).join(', ')})`);
	return (run.data?.main[0] ?? []).map((item) => item.json);
}
