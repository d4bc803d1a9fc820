/**
 * Fault injection that is deterministic under a seed: the n-th API request since the faults were last
 * set gets the same fault for the same seed, whatever happened to the requests before it.
 */

export interface FaultSettings {
	/** Probability (0-1) of an HTTP 500 with code 1 or 2; nothing is processed. */
	errorRate: number;
	/** Probability (0-1) of the connection being reset; nothing is processed. */
	resetRate: number;
	/**
	 * Probability (0-1) that the request is processed, then the connection drops before the answer: the
	 * failure that makes resending dangerous (the client cannot tell it from a reset).
	 */
	dropRate: number;
	/** A new order is invisible to payment lookups (answered "not found") for this many ms of real time (the lag clock). */
	lookupLagMs: number;
	/** Delay added to every API request. */
	latencyMs: number;
	seed: number;
}

export type Fault = { kind: 'none' } | { kind: 'error'; code: 1 | 2 } | { kind: 'reset' } | { kind: 'drop' };

export const DEFAULT_FAULTS: FaultSettings = { errorRate: 0, resetRate: 0, dropRate: 0, lookupLagMs: 0, latencyMs: 0, seed: 1 };

const RATES = ['errorRate', 'resetRate', 'dropRate'] as const;
const DURATIONS = ['latencyMs', 'lookupLagMs'] as const;

/** mulberry32: a small, fast 32-bit PRNG; the same seed yields the same sequence. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Checks a partial settings object; returns the problems as "field: rule" strings. */
export function faultSettingsErrors(x: Record<string, unknown>): string[] {
	const errors: string[] = [];
	const known = new Set<string>([...RATES, ...DURATIONS, 'seed']);
	for (const key of Object.keys(x)) if (!known.has(key)) errors.push(`${key}: is not a fault setting`);
	for (const key of RATES) {
		if (x[key] !== undefined && !(typeof x[key] === 'number' && x[key] >= 0 && x[key] <= 1)) errors.push(`${key}: must be a number from 0 to 1`);
	}
	for (const key of DURATIONS) {
		if (x[key] !== undefined && !(Number.isInteger(x[key]) && (x[key] as number) >= 0 && (x[key] as number) <= 60000)) {
			errors.push(`${key}: must be an integer from 0 to 60000`);
		}
	}
	if (x.seed !== undefined && !Number.isInteger(x.seed)) errors.push('seed: must be an integer');
	return errors;
}

export class FaultInjector {
	private settings: FaultSettings;
	private requestIndex = 0;
	/** Orders still inside their lookup lag: reference -> creation (on the lag clock). */
	private readonly createdAt = new Map<string, number>();

	/** lagClock: monotonic ms that the lookup lag is measured on; tests step one by hand instead of waiting. */
	constructor(
		settings: Partial<FaultSettings> = {},
		private readonly lagClock: () => number = () => performance.now(),
	) {
		this.settings = FaultInjector.checked({ ...DEFAULT_FAULTS, ...settings });
	}

	/** Changes some settings and restarts the request count, so a seed replays from its first request. */
	configure(settings: Partial<FaultSettings>): FaultSettings {
		this.settings = FaultInjector.checked({ ...this.settings, ...settings });
		this.requestIndex = 0;
		return this.current();
	}

	current(): FaultSettings & { requestCount: number } {
		return { ...this.settings, requestCount: this.requestIndex };
	}

	restart(): void {
		this.requestIndex = 0;
		this.createdAt.clear();
	}

	/** The fault of the next request. One draw per request, from a PRNG seeded by (seed, index). */
	next(): Fault {
		const index = this.requestIndex++;
		const { errorRate, resetRate, dropRate, seed } = this.settings;
		if (errorRate === 0 && resetRate === 0 && dropRate === 0) return { kind: 'none' };
		const random = mulberry32((seed + Math.imul(index, 0x9e3779b9)) >>> 0);
		const draw = random();
		if (draw < errorRate) return { kind: 'error', code: random() < 0.5 ? 1 : 2 };
		if (draw < errorRate + resetRate) return { kind: 'reset' };
		if (draw < errorRate + resetRate + dropRate) return { kind: 'drop' };
		return { kind: 'none' };
	}

	/** Records when an order was created, for the lookup lag. */
	orderCreated(referenceId: string): void {
		if (this.settings.lookupLagMs > 0) this.createdAt.set(referenceId, this.lagClock());
	}

	/** Whether a lookup of this order must still answer "not found" because of the lookup lag. */
	hiddenFromLookup(referenceId: string): boolean {
		const created = this.createdAt.get(referenceId);
		if (created === undefined) return false;
		if (this.lagClock() - created >= this.settings.lookupLagMs) {
			this.createdAt.delete(referenceId);
			return false;
		}
		return true;
	}

	private static checked(settings: FaultSettings): FaultSettings {
		const errors = faultSettingsErrors(settings as unknown as Record<string, unknown>);
		if (settings.errorRate + settings.resetRate + settings.dropRate > 1) errors.push('errorRate + resetRate + dropRate: must be at most 1');
		if (errors.length) throw new RangeError(`Invalid fault settings: ${errors.join('; ')}`);
		return settings;
	}
}
