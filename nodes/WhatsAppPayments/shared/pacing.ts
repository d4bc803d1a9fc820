import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_PACING, type PacingSettings } from '../transport';
import { readParameter } from './parameters';

export const DEFAULT_CONCURRENCY = 10;
// Plain names, because n8n's lint wants a parameter default it can read without evaluating code.
const { maxRequestsPerSecond, maxRetries, initialRetryDelayMs } = DEFAULT_PACING;

/** Options every operation offers in its "Options" collection: how items are paced and retried. */
export const pacingOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100 },
		default: DEFAULT_CONCURRENCY,
		description: 'How many items are in flight at once',
	},
	{
		displayName: 'Max Requests Per Second',
		name: 'maxRequestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: maxRequestsPerSecond,
		description:
			'Requests this node starts per second in one run (0 = no limit). The limit is per run: runs at the same time add up (two runs at 40/s make 80/s). A business number takes 80 messages/s by default; staying well under it avoids error 130429.',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: maxRetries,
		description:
			'Retries of a throttled or transient failure. A request that may already have been processed is never resent blindly: an order details bill is first looked up by its payment configuration and reference ID, other writes are not resent.',
	},
	{
		displayName: 'Initial Retry Delay (Ms)',
		name: 'initialRetryDelayMs',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: initialRetryDelayMs,
		description: 'Wait before the first retry; each further retry waits four times longer (at most 60 s)',
	},
];

export interface Pacing extends PacingSettings {
	concurrency: number;
}

const positiveOr = (x: unknown, fallback: number) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : fallback);

/** Pacing is per node run, so it is read from the first item's options. */
export function readPacing(ctx: IExecuteFunctions): Pacing {
	const options = readParameter<IDataObject>(ctx, 'options', 0, {});
	return {
		concurrency: Math.max(1, Math.floor(positiveOr(options.concurrency, DEFAULT_CONCURRENCY))),
		maxRequestsPerSecond: positiveOr(options.maxRequestsPerSecond, DEFAULT_PACING.maxRequestsPerSecond),
		maxRetries: Math.floor(positiveOr(options.maxRetries, DEFAULT_PACING.maxRetries)),
		initialRetryDelayMs: positiveOr(options.initialRetryDelayMs, DEFAULT_PACING.initialRetryDelayMs),
	};
}

/** The "Options" collection of an operation: its own options, then the pacing options. */
export const optionsCollection = (own: INodeProperties[] = []): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [...own, ...pacingOptions],
});
