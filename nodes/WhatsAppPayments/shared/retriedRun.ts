/**
 * n8n's "Retry On Fail" runs the whole node again when it throws, on the same input items: the items done before the
 * failure would be sent again (a buyer billed twice, a refund asked twice). So a run that fails leaves what it had
 * done, keyed by execution and node, and the next run of that node in the same execution (the retry) gives those
 * items' outputs again instead of repeating their requests. Only a failed run leaves a record, and the next run takes
 * it, so a node that runs again in one execution for another reason (a loop) after a success sends as asked. n8n
 * retries a node in the process that ran it (in queue mode, the worker's), so the record lives in this process.
 */
import { createHash } from 'crypto';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

interface FailedRun {
	at: number;
	/** Per input item done: the fingerprint of its input item and the outputs it gave. */
	done: Map<number, { input: string; outputs: INodeExecutionData[] }>;
}

/** n8n waits at most 5 s between tries, at most 5 tries: a record older than this belongs to no retry. */
const RECORD_LIFETIME_MS = 10 * 60 * 1000;
/** Records kept at most (the oldest go first), so that failed runs never make the process grow. */
const MAX_RECORDS = 500;

const failedRuns = new Map<string, FailedRun>();

/** The run's key: execution and node; none when the engine gives no execution id. */
function runKey(ctx: IExecuteFunctions): string | undefined {
	const executionId = ctx.getExecutionId();
	return executionId ? `${executionId}\u0000${ctx.getNode().name}` : undefined;
}

/** An input item as compared between tries: a retry has the same items, a later run of a loop other ones. */
const fingerprintOf = (ctx: IExecuteFunctions, itemIndex: number): string =>
	createHash('sha256').update(JSON.stringify(ctx.getInputData()[itemIndex]?.json ?? null)).digest('base64');

/** Records the items a failing run had done (`done[slot]` for input item `itemIndexes[slot]`, empty when not done). */
export function recordFailedRun(ctx: IExecuteFunctions, itemIndexes: number[], done: INodeExecutionData[][]): void {
	const key = runKey(ctx);
	if (key === undefined) return;
	const now = Date.now();
	for (const [oldKey, run] of failedRuns) if (now - run.at > RECORD_LIFETIME_MS || failedRuns.size >= MAX_RECORDS) failedRuns.delete(oldKey);
	const record: FailedRun = { at: now, done: new Map() };
	done.forEach((outputs, slot) => {
		if (outputs.length > 0) record.done.set(itemIndexes[slot], { input: fingerprintOf(ctx, itemIndexes[slot]), outputs });
	});
	if (record.done.size > 0) failedRuns.set(key, record);
}

/**
 * Takes the record a failed run of this node in this execution left: the outputs of each input item it had done,
 * for the items that are still the same. Empty when this run is no retry.
 */
export function takeFailedRun(ctx: IExecuteFunctions): Map<number, INodeExecutionData[]> {
	const key = runKey(ctx);
	const run = key === undefined ? undefined : failedRuns.get(key);
	const redone = new Map<number, INodeExecutionData[]>();
	if (key === undefined || run === undefined) return redone;
	failedRuns.delete(key);
	if (Date.now() - run.at > RECORD_LIFETIME_MS) return redone;
	for (const [itemIndex, { input, outputs }] of run.done) if (fingerprintOf(ctx, itemIndex) === input) redone.set(itemIndex, outputs);
	return redone;
}
