import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { boundedNumber, type NumberBounds } from '../../shared/numberOption';
import { DEFAULT_PACING, type PacingSettings } from '../transport';
import { readParameter } from './parameters';

export const DEFAULT_CONCURRENCY = 10;
// Plain names, because n8n's lint wants a parameter default it can read without evaluating code.
const { maxRequestsPerSecond, maxRetries, initialRetryDelayMs, lookupLagBoundMs } = DEFAULT_PACING;

/** Every numeric option's bounds: the editor enforces them on typed values, readPacing on any value. */
const BOUNDS = {
	concurrency: { displayName: 'Concurrency', min: 1, max: 100, integer: true },
	maxRequestsPerSecond: { displayName: 'Max Requests Per Second', min: 0, max: 1000 },
	maxRetries: { displayName: 'Max Retries', min: 0, max: 10, integer: true },
	initialRetryDelayMs: { displayName: 'Initial Retry Delay (Ms)', min: 0, max: 60_000 },
	lookupLagBoundMs: { displayName: 'Payment Lookup Lag Bound (Ms)', min: 0, max: 600_000 },
} satisfies Record<string, NumberBounds>;

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
		typeOptions: { minValue: 0, maxValue: 1000 },
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
		typeOptions: { minValue: 0, maxValue: 60000 },
		default: initialRetryDelayMs,
		description: 'Wait before the first retry; each further retry waits four times longer (at most 60 s)',
	},
	{
		displayName: 'Payment Lookup Lag Bound (Ms)',
		name: 'lookupLagBoundMs',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 600000 },
		default: lookupLagBoundMs,
		description:
			'Order details only: how long a new order may take to show in the payment lookup. Before a bill whose first attempt may have been processed is sent again, the lookup must still say "not found" this long after that attempt failed.',
	},
];

export interface Pacing extends PacingSettings {
	concurrency: number;
}

/** Pacing is per node run, so it is read from the first item's options; a value out of bounds stops the run with an error naming the option. */
export function readPacing(ctx: IExecuteFunctions): Pacing {
	const options = readParameter<IDataObject>(ctx, 'options', 0, {});
	try {
		return {
			concurrency: boundedNumber(options.concurrency, DEFAULT_CONCURRENCY, BOUNDS.concurrency),
			maxRequestsPerSecond: boundedNumber(options.maxRequestsPerSecond, DEFAULT_PACING.maxRequestsPerSecond, BOUNDS.maxRequestsPerSecond),
			maxRetries: boundedNumber(options.maxRetries, DEFAULT_PACING.maxRetries, BOUNDS.maxRetries),
			initialRetryDelayMs: boundedNumber(options.initialRetryDelayMs, DEFAULT_PACING.initialRetryDelayMs, BOUNDS.initialRetryDelayMs),
			lookupLagBoundMs: boundedNumber(options.lookupLagBoundMs, DEFAULT_PACING.lookupLagBoundMs, BOUNDS.lookupLagBoundMs),
		};
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message);
	}
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
