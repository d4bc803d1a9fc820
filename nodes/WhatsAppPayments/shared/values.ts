/** Small readers of node parameter values. */

/** Trimmed text, or undefined for empty / missing values. */
export const text = (x: unknown): string | undefined =>
	x === undefined || x === null || String(x).trim() === '' ? undefined : String(x).trim();

/** The object without its undefined, null and blank-string entries (unset optional fields). */
export function withoutEmpty<T extends object>(x: T): T {
	return Object.fromEntries(
		Object.entries(x).filter(([, v]) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')),
	) as T;
}
