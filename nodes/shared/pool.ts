/**
 * Runs `task` over `inputs` with at most `limit` running at once; results keep the inputs' order.
 * `limit` may be a function: it is asked again each time a task could start, so the window can grow or
 * shrink while the run goes on (see InFlightWindow in nodes/WhatsAppPayments/shared/pacing.ts). It is asked when a
 * task ends, and whenever `onLimitMayGrow` calls the function it was given (a limit that grows with time).
 */
export function mapWithLimit<T, R>(
	inputs: readonly T[],
	limit: number | (() => number),
	task: (input: T, index: number) => Promise<R>,
	onLimitMayGrow?: (startMore: () => void) => void,
): Promise<R[]> {
	const currentLimit = typeof limit === 'number' ? () => limit : limit;
	const results: R[] = new Array(inputs.length);
	return new Promise((resolve, reject) => {
		let next = 0;
		let running = 0;
		let failed = false;
		const fill = () => {
			if (failed) return;
			if (next >= inputs.length && running === 0) resolve(results);
			while (next < inputs.length && running < Math.max(1, currentLimit())) {
				const index = next++;
				running++;
				task(inputs[index], index).then(
					(result) => {
						results[index] = result;
						running--;
						fill();
					},
					(error: unknown) => {
						failed = true;
						reject(error);
					},
				);
			}
		};
		onLimitMayGrow?.(fill);
		fill();
	});
}
