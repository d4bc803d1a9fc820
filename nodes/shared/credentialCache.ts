/**
 * A trigger's decrypted credential, kept in this module's memory between requests: the WhatsApp Payments Trigger's
 * (WhatsApp Payments API) and the checkout endpoint's (its App Secret and the private key, parsed once per load);
 * also the private key of Respond to Checkout, which answers every checkout request the endpoint accepts.
 *
 * Why: inside n8n every getCredentials of a webhook reads the credential from the database, decrypts it and
 * evaluates its fields in a freshly acquired expression isolate; measured in n8n 2.41 that was about a third of
 * the CPU a payment delivery costs (docs/performance.md). n8n's Webhook node pays it too, but n8n spares only its
 * own Webhook node a second isolate per POST, which every other trigger pays; keeping the credential is what lets
 * the payment trigger answer as fast as the Webhook node. Both URLs are public, and the signature check needs the
 * credential: without it, every forged or unsigned POST would cost a credential load before it is refused.
 *
 * Changes still arrive: a kept credential is used for at most FRESH_MS, and a request it refuses (a signature that
 * does not match; at the checkout endpoint also a request its key cannot decrypt, or a key that does not load)
 * loads the credential again (unless it was loaded in the last RELOAD_AFTER_REFUSAL_MS) and is checked once more,
 * so a new App Secret or key is used from its first request on, or within RELOAD_AFTER_REFUSAL_MS (WhatsApp retries
 * a refused request). A flood of forged requests costs one load per RELOAD_AFTER_REFUSAL_MS. What may lag by up to
 * FRESH_MS: a removed App Secret or replaced key (requests signed or encrypted for the old one are still accepted
 * that long), the verify token of Meta's URL check, and the access token and base URL of the payment lookup. A load
 * that fails (a deleted credential, one that cannot be decrypted) is kept for RELOAD_AFTER_REFUSAL_MS: requests then
 * fail with its error without loading again. Kept per workflow + node + credential, so nodes never share data, and
 * only in memory (never logged, never in output).
 */
import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

const FRESH_MS = 60_000;
const RELOAD_AFTER_REFUSAL_MS = 10_000;

interface Kept<T> {
	/** Pending while it loads, so that requests arriving meanwhile share one load. */
	credentials: Promise<T>;
	loadedAt: number;
	/** The load failed (a deleted credential, one that does not decrypt): kept for RELOAD_AFTER_REFUSAL_MS only. */
	failed: boolean;
}

/** Kept credentials of one node type; `T` is what the node keeps of its credential (an object: compared by identity). */
export class CredentialCache<T extends object> {
	private readonly kept = new Map<string, Kept<T>>();

	constructor(private readonly now: () => number = () => Date.now()) {}

	/** The credential of this node: the kept one while fresh, else loaded with `load` and kept. */
	async get(scope: string, load: () => Promise<T>): Promise<T> {
		const kept = this.kept.get(scope);
		if (kept && this.now() - kept.loadedAt < (kept.failed ? RELOAD_AFTER_REFUSAL_MS : FRESH_MS)) return await kept.credentials;
		return await this.reload(scope, load);
	}

	/**
	 * A request checked the way every public URL here checks one: `check` with the kept credential and, when its
	 * result does not pass, once more with a newer credential if afterRefusal gives one. The credential of the last
	 * check comes back with its result.
	 */
	async checkWithKept<R>(scope: string, load: () => Promise<T>, check: (credentials: T) => R | Promise<R>, passed: (result: R) => boolean): Promise<{ credentials: T; result: R }> {
		const kept = await this.get(scope, load);
		const result = await check(kept);
		if (passed(result)) return { credentials: kept, result };
		const newer = await this.afterRefusal(scope, load, kept);
		return newer ? { credentials: newer, result: await check(newer) } : { credentials: kept, result };
	}

	/**
	 * After a request was refused with `refusedWith`: a newer credential to check it with again, or undefined.
	 * Loaded again unless the kept one was loaded less than RELOAD_AFTER_REFUSAL_MS ago.
	 */
	async afterRefusal(scope: string, load: () => Promise<T>, refusedWith: T): Promise<T | undefined> {
		const kept = this.kept.get(scope);
		if (!kept || this.now() - kept.loadedAt >= RELOAD_AFTER_REFUSAL_MS) return await this.reload(scope, load);
		const current = await kept.credentials;
		return current === refusedWith ? undefined : current;
	}

	/**
	 * Loads the credential now and keeps it, whatever the kept one's age: for a caller that knows the kept one is out of
	 * date (Respond to Checkout, when its kept key cannot open a request the endpoint already opened with a newer one).
	 */
	async reload(scope: string, load: () => Promise<T>): Promise<T> {
		const entry: Kept<T> = { credentials: load(), loadedAt: this.now(), failed: false };
		this.kept.set(scope, entry);
		// A failed load is kept briefly, so that requests (forged ones too) do not load again each: they fail with its error.
		entry.credentials.catch(() => {
			entry.failed = true;
		});
		return await entry.credentials;
	}
}

/** Where a node's credential of `credentialType` is kept: its workflow, the node, and the credential it uses. */
export function credentialScope(context: IWebhookFunctions | IExecuteFunctions, credentialType: string): string {
	const node = context.getNode();
	const credential = node.credentials?.[credentialType];
	return `${context.getWorkflow().id ?? 'unsaved'}/${node.id}/${credential?.id ?? credential?.name ?? ''}`;
}
