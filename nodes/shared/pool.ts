/** Runs `task` over `inputs` with at most `limit` running at once; results keep the inputs' order. */
export async function mapWithLimit<T, R>(inputs: readonly T[], limit: number, task: (input: T, index: number) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			results[index] = await task(inputs[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
	return results;
}
