/**
 * The trigger's decrypted credential, kept in this module's memory between deliveries.
 *
 * Why: inside n8n every getCredentials of a webhook reads the credential from the database, decrypts it and
 * evaluates its fields in a freshly acquired expression isolate; measured in n8n 2.41 that was about a third of
 * the CPU a delivery costs (docs/performance.md). n8n's Webhook node pays it too, but n8n spares only its own
 * Webhook node a second isolate per POST, which every other trigger pays; keeping the credential is what lets
 * this trigger answer as fast as the Webhook node.
 *
 * Changes still arrive: a kept credential is used for at most FRESH_MS, and a delivery it refuses loads the
 * credential again (unless it was loaded in the last RELOAD_AFTER_REFUSAL_MS) and is checked once more, so a new
 * App Secret is used from its first delivery on, or within RELOAD_AFTER_REFUSAL_MS (WhatsApp retries a refused
 * delivery). A flood of forged deliveries costs one load per RELOAD_AFTER_REFUSAL_MS. What may lag by up to FRESH_MS:
 * a removed App Secret (deliveries signed with the old one are still accepted that long) and the access token
 * of the payment lookup. Kept per workflow + node + credential, so nodes never share data, and only in memory
 * (never logged, never in output).
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE, type TriggerCredentials } from './credentials';

const FRESH_MS = 60_000;
const RELOAD_AFTER_REFUSAL_MS = 10_000;

interface Kept {
	/** Pending while it loads, so that deliveries arriving meanwhile share one load. */
	credentials: Promise<TriggerCredentials>;
	loadedAt: number;
}

export class CredentialCache {
	private readonly kept = new Map<string, Kept>();

	constructor(private readonly now: () => number = Date.now) {}

	/** The credential of this node: the kept one while fresh, else loaded with `load` and kept. */
	async get(scope: string, load: () => Promise<TriggerCredentials>): Promise<TriggerCredentials> {
		const kept = this.kept.get(scope);
		if (kept && this.now() - kept.loadedAt < FRESH_MS) return await kept.credentials;
		return await this.reload(scope, load);
	}

	/**
	 * After a delivery was refused with `refusedWith`: a newer credential to check it with again, or undefined.
	 * Loaded again unless the kept one was loaded less than RELOAD_AFTER_REFUSAL_MS ago.
	 */
	async afterRefusal(scope: string, load: () => Promise<TriggerCredentials>, refusedWith: TriggerCredentials): Promise<TriggerCredentials | undefined> {
		const kept = this.kept.get(scope);
		if (!kept || this.now() - kept.loadedAt >= RELOAD_AFTER_REFUSAL_MS) return await this.reload(scope, load);
		const current = await kept.credentials;
		return current === refusedWith ? undefined : current;
	}

	private async reload(scope: string, load: () => Promise<TriggerCredentials>): Promise<TriggerCredentials> {
		const entry: Kept = { credentials: load(), loadedAt: this.now() };
		this.kept.set(scope, entry);
		// A failed load is not kept: the next delivery tries again (and this one fails with the load's error).
		entry.credentials.catch(() => {
			if (this.kept.get(scope) === entry) this.kept.delete(scope);
		});
		return await entry.credentials;
	}
}

/** Where the node's credential is kept: its workflow, the node, and the credential it uses. */
export function credentialScope(context: IWebhookFunctions): string {
	const node = context.getNode();
	const credential = node.credentials?.[CREDENTIAL_TYPE];
	return `${context.getWorkflow().id ?? 'unsaved'}/${node.id}/${credential?.id ?? credential?.name ?? ''}`;
}
