/**
 * Where the trigger remembers which updates it already emitted: one DedupeWindow per
 * workflow + trigger node + endpoint (test or production), in this module's memory.
 *
 * Why module memory and not workflow static data: static data is written back to the database as
 * a whole after each delivery, so concurrent deliveries overwrite each other's keys (last write
 * wins, and a retry racing its original slips through), and a window of thousands of keys would be
 * rewritten on every POST. Memory is exact within one process, bounded, and costs nothing; what it
 * gives up is surviving a restart.
 *
 * What this means when n8n runs several processes (queue mode with webhook processors, or several
 * main instances behind a load balancer): each process has its own window, so a retry that lands on
 * another process than the original is emitted again, and so is a retry after a restart. The window
 * removes the common case (Meta's quick retries to the same process) but is not a guarantee.
 * A window lives as long as the process (so saving an active workflow keeps it) and never holds more
 * than "Deduplication Memory" keys. It keeps a 64-bit digest of each key, not the key (core/dedupe.ts):
 * 16 bytes per key plus its index, whatever the key's length, so a full default window of 10 000 keys
 * takes about 0.22 MiB and the largest (100 000) about 2.5 MiB.
 * Workflows that move money must still be idempotent on the payment's reference_id (plus status),
 * e.g. "insert ... on conflict do nothing" in the order database before fulfilling.
 */
import { DedupeWindow, type DedupeWindowOptions } from '../../core/dedupe';

const windows = new Map<string, DedupeWindow>();

export function dedupeScope(workflowId: string | undefined, nodeId: string, endpoint: 'test' | 'production'): string {
	return `${workflowId ?? 'unsaved'}/${nodeId}/${endpoint}`;
}

/** The window of this scope; a new (empty) one when the scope is new or its limits were changed. */
export function dedupeWindowFor(scope: string, options: DedupeWindowOptions): DedupeWindow {
	const existing = windows.get(scope);
	if (existing && existing.maxEntries === options.maxEntries && existing.ttlMs === options.ttlMs) return existing;
	const window = new DedupeWindow(options);
	windows.set(scope, window);
	return window;
}
