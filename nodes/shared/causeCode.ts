/**
 * The system error code (ECONNRESET, ETIMEDOUT ...) of a failed request. n8n wraps the network error
 * (NodeApiError > AxiosError > the socket's error), so the code may sit a few causes down. Only the code
 * is read: the wrappers also carry the request, credential headers included.
 */
export function causeCode(error: unknown, wanted: (code: string) => boolean): string | null {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (typeof current === 'object' && current !== null && !seen.has(current)) {
		seen.add(current);
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && wanted(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return null;
}

/**
 * What became of the answer to a request that left, in words, when its code says it broke off (axios's
 * ERR_BAD_RESPONSE, a premature close) or was no HTTP at all (Node's parser: HPE_INVALID_CONSTANT, ...); else null.
 * Whatever the API did, its answer is lost.
 */
export function brokenAnswer(code: string): string | null {
	if (code === 'ERR_BAD_RESPONSE' || code === 'ERR_STREAM_PREMATURE_CLOSE') return 'the answer broke off';
	return code.startsWith('HPE_') ? 'the answer was no valid HTTP' : null;
}
