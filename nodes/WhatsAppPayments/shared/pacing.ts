import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { boundedNumber, type NumberBounds } from '../../shared/numberOption';
import { DEFAULT_PACING, type PacingSettings } from '../transport';
import { readParameter } from './parameters';
import { fromVersion2, inVersion1 } from './versions';

/** Items in flight when nothing better is known: no rate to keep, or no answer seen yet. */
export const DEFAULT_CONCURRENCY = 10;
const MAX_CONCURRENCY = 100;
// Plain names, because n8n's lint wants a parameter default it can read without evaluating code.
const { maxRequestsPerSecond, maxRetries, initialRetryDelayMs, lookupLagBoundMs } = DEFAULT_PACING;

/** Every numeric option's bounds: the editor enforces them on typed values, readPacing on any value. */
const BOUNDS = {
	concurrency: { displayName: 'Concurrency', min: 0, max: MAX_CONCURRENCY, integer: true },
	// 0 is no limit; below 0.1/s a run of two items would wait for hours (0.0000001/s: 115 days between starts).
	maxRequestsPerSecond: { displayName: 'Max Requests Per Second', min: 0, max: 1000, leastAboveZero: 0.1 },
	maxRetries: { displayName: 'Max Retries', min: 0, max: 10, integer: true },
	initialRetryDelayMs: { displayName: 'Initial Retry Delay (Ms)', min: 0, max: 60_000 },
	lookupLagBoundMs: { displayName: 'Payment Lookup Lag Bound (Ms)', min: 0, max: 600_000 },
} satisfies Record<string, NumberBounds>;

/** How items are paced and retried: "Sending Limits" of the sending operations (version 1: every operation's "Options"). */
const pacingOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_CONCURRENCY },
		default: 0,
		hint: '0 = automatic (recommended); e.g. 5 to send at most 5 at a time',
		description:
			'How many items are in flight at once. 0 = automatic: as many as Max Requests Per Second needs at the API\'s observed response time (rate x response time, re-estimated during the run, at least 10, at most 100), so a far-away API still gets the full rate.',
	},
	{
		displayName: 'Max Requests Per Second',
		name: 'maxRequestsPerSecond',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1000 },
		default: maxRequestsPerSecond,
		hint: 'e.g. 20 for a number also used in the WhatsApp Business app, or when other workflows send from the same number at the same time',
		description:
			`Requests this node starts per second in one run (0 = no limit; otherwise at least ${BOUNDS.maxRequestsPerSecond.leastAboveZero}): spaced evenly, and never more within any one second, even after a pause of the n8n process. The limit is per run: runs at the same time add up (two runs at 40/s make 80/s). The default, 78, stays just under the 80 messages/s a business number takes by default, so that network delays bunching requests together do not push a second over it; a 130429 (limit hit) is retried after a pause. Lower it when other workflows send from the same number at the same time, or when customers write to it a lot: their messages count toward the same limit. A number also used in the WhatsApp Business app takes 20 messages/s.`,
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: maxRetries,
		hint: 'e.g. 4: a busy or throttled API is asked again up to 4 times',
		description:
			'Retries of a throttled or transient failure. A request that may already have been processed is never resent blindly: an order details bill is first looked up by its payment configuration and reference ID (India payment gateway and legacy UPI); Brazil, UPI Intent Link and Payment Link bills cannot be looked up, so they are not resent after such a failure but fail with "may have been delivered"; other writes are not resent.',
	},
	{
		displayName: 'Initial Retry Delay (Ms)',
		name: 'initialRetryDelayMs',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 60000 },
		default: initialRetryDelayMs,
		hint: 'e.g. 1000 (1 second), then 4 s, 16 s ...',
		description: 'Wait before the first retry; each further retry waits four times longer (at most 60 s)',
	},
	{
		displayName: 'Payment Lookup Lag Bound (Ms)',
		name: 'lookupLagBoundMs',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 600000 },
		default: lookupLagBoundMs,
		hint: 'e.g. 30000 (30 seconds); raise it if your payment lookups lag longer',
		description:
			'Order details only: how long a new order may take to show in the payment lookup. Before a bill whose first attempt may have been processed is sent again, the lookup must still say "not found" this long after that attempt failed.',
	},
];

/**
 * Hides an option of the payment lookup from the bills it cannot find: Brazil's, and India's by UPI intent link or
 * payment link (no payment configuration to look up; with them "Skip Orders Already Sent" failed every item). A form
 * without these fields (a checkout button template, paid through a gateway) keeps it.
 */
export const ORDERS_LOOKED_UP: INodeProperties['displayOptions'] = { hide: { '/market': ['brazil'], '/paymentMethod': ['upiIntentLink', 'paymentLink'] } };

export interface Pacing extends PacingSettings {
	/** 0 = automatic (InFlightWindow). */
	concurrency: number;
}

/** Spare room above rate x response time, for answers slower than the average. */
const HEADROOM = 1.5;
/** Weight of the newest response time in the running average. */
const SMOOTHING = 0.2;

/**
 * How many items one run keeps in flight. A fixed Concurrency is kept as set. Automatic: Little's law,
 * items in flight = rate x time in flight, so keeping Max Requests Per Second against an API that answers in
 * `t` seconds takes rate x t requests in flight (an API 150 ms away, reached over a new HTTPS connection per
 * request as n8n's helper makes it, answers in about 0.45 s: 36 in flight for 80/s). The time is the longer of
 * the running average of this run's answers and the wait of the oldest request still unanswered, so the window
 * grows while the first answers are still on their way instead of starving the rate until they come. Bounded
 * to 10-100: 10 (the fixed default of before) leaves room for items waiting out a retry.
 */
export class InFlightWindow {
	private averageMs: number | undefined;

	/** Send times of the requests not answered yet, oldest first (a Set keeps insertion order). */
	private readonly unanswered = new Set<{ sentAt: number }>();

	private mayGrow: () => void = () => {};

	constructor(
		private readonly pacing: Pacing,
		private readonly now: () => number = Date.now,
	) {}

	/** `listener` is called whenever the window may have grown (a request left), to start more items. */
	onMayGrow(listener: () => void): void {
		this.mayGrow = listener;
	}

	/** A request leaves now; call the returned function when its exchange ends (`answered`: an HTTP answer, whose time counts). */
	requestSent(): (answered: boolean) => void {
		const request = { sentAt: this.now() };
		this.unanswered.add(request);
		this.mayGrow();
		return (answered) => {
			this.unanswered.delete(request);
			if (answered) this.observe(this.now() - request.sentAt);
		};
	}

	private observe(ms: number): void {
		this.averageMs = this.averageMs === undefined ? ms : this.averageMs + SMOOTHING * (ms - this.averageMs);
	}

	size(): number {
		if (this.pacing.concurrency > 0) return this.pacing.concurrency;
		if (this.pacing.maxRequestsPerSecond <= 0) return DEFAULT_CONCURRENCY;
		const oldest = this.unanswered.values().next();
		const waitedMs = oldest.done ? 0 : this.now() - oldest.value.sentAt;
		const timeInFlightMs = Math.max(this.averageMs ?? 0, waitedMs);
		const needed = Math.ceil(((this.pacing.maxRequestsPerSecond * timeInFlightMs) / 1000) * HEADROOM) + 1;
		return Math.min(MAX_CONCURRENCY, Math.max(DEFAULT_CONCURRENCY, needed));
	}
}

/**
 * Pacing is per node run, so it is read from the first item: "Sending Limits" (version 2), over the same
 * names in "Options" (version 1 workflows). A value out of bounds stops the run with an error naming it by
 * the collection it was set in and its label ("Sending Limits › Concurrency: must be ...").
 */
export function readPacing(ctx: IExecuteFunctions): Pacing {
	const options = readParameter<IDataObject>(ctx, 'options', 0, {});
	const sendingLimits = readParameter<IDataObject>(ctx, 'sendingLimits', 0, {});
	const limit = (name: keyof typeof BOUNDS, fallback: number) =>
		name in sendingLimits
			? boundedNumber(sendingLimits[name], fallback, BOUNDS[name], 'Sending Limits')
			: boundedNumber(options[name], fallback, BOUNDS[name], 'Options');
	try {
		return {
			concurrency: limit('concurrency', 0),
			maxRequestsPerSecond: limit('maxRequestsPerSecond', DEFAULT_PACING.maxRequestsPerSecond),
			maxRetries: limit('maxRetries', DEFAULT_PACING.maxRetries),
			initialRetryDelayMs: limit('initialRetryDelayMs', DEFAULT_PACING.initialRetryDelayMs),
			lookupLagBoundMs: limit('lookupLagBoundMs', DEFAULT_PACING.lookupLagBoundMs),
		};
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message);
	}
}

/** Which pacing options an operation shows: none (reads, configuration changes), a message's, or an order_details bill's (plus the lookup lag bound). */
export type Sending = 'none' | 'message' | 'orderDetails';

const collection = (displayName: string, name: string, placeholder: string, options: INodeProperties[], description?: string): INodeProperties => ({
	displayName,
	name,
	type: 'collection',
	placeholder,
	default: {},
	...(description ? { description } : {}),
	options,
});

/**
 * The display options every one of these options has, if they share them: their collection then hides with them, not
 * left empty. Only conditions on root fields ("/market") mean the same on the collection, so only those are shared.
 */
function sharedDisplay(options: INodeProperties[]): Pick<INodeProperties, 'displayOptions'> {
	const display = options[0]?.displayOptions;
	if (display === undefined || options.some((o) => o.displayOptions !== display)) return {};
	const keys = [...Object.keys(display.show ?? {}), ...Object.keys(display.hide ?? {})];
	return keys.every((key) => key.startsWith('/')) ? { displayOptions: display } : {};
}

/**
 * An operation's "Options" and "Sending Limits". Version 1: one "Options" with the operation's own options
 * (`version1Own` too: options that version 2 shows on the form itself) and every pacing option, on every
 * operation. Version 2: "Options" only when the operation has options of its own, and "Sending Limits" only
 * on sending operations.
 */
export function optionsCollection(own: INodeProperties[] = [], sending: Sending = 'none', version1Own: INodeProperties[] = []): INodeProperties[] {
	const limits =
		sending === 'orderDetails'
			? pacingOptions.map((o) => (o.name === 'lookupLagBoundMs' ? { ...o, displayOptions: ORDERS_LOOKED_UP } : o))
			: pacingOptions.filter((o) => o.name !== 'lookupLagBoundMs');
	return [
		inVersion1(collection('Options', 'options', 'Add Option', [...version1Own, ...own, ...pacingOptions])),
		...(own.length > 0 ? [fromVersion2({ ...collection('Options', 'options', 'Add Option', own), ...sharedDisplay(own) })] : []),
		...(sending !== 'none'
			? [fromVersion2(collection('Sending Limits', 'sendingLimits', 'Add Limit', limits, 'How fast and how many at once this node sends, and how it retries; the defaults suit most shops'))]
			: []),
	];
}
