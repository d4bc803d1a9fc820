/**
 * Times the API takes as epoch seconds (an order's expiration, the payment time of a Brazil order_status),
 * read from what a workflow holds: whole epoch seconds (a number or digits), a Date, or an ISO 8601 date
 * or date and time. Nothing else: JavaScript's own date parser also reads words ("Yesterday at 5" is a day
 * of 2001, "12" is December 2001), and such a time would reach the buyer as a real date.
 */

/** Longest epoch seconds taken as seconds (the year 5138); larger numbers are almost surely milliseconds. */
export const MAX_EPOCH_SECONDS = 1e11;

/** An ISO 8601 date, or date and time (minutes, optional seconds and fraction, optional Z or offset). */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** What the reader accepts, for error messages. */
export const EPOCH_SECONDS_FORMS = 'epoch seconds or an ISO 8601 date and time, e.g. 2026-07-31T14:30:00Z';

/** The epoch milliseconds of an ISO 8601 text, NaN when it is none or names a day the calendar lacks (2026-02-30). */
function isoMs(value: string): number {
	const match = ISO_8601.exec(value);
	if (!match) return NaN;
	const [year, month, day] = match.slice(1, 4).map(Number);
	const calendar = new Date(Date.UTC(year, month - 1, day));
	if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return NaN;
	return Date.parse(value);
}

/** `value` in whole epoch seconds, or why it cannot be one (a message for "<field>: <message>"). */
export function readEpochSeconds(value: unknown): { seconds: number } | { error: string } {
	let seconds: number;
	if (value instanceof Date) seconds = Math.floor(value.getTime() / 1000);
	else if (typeof value === 'number') seconds = value;
	else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) seconds = Number(value);
	else if (typeof value === 'string') seconds = Math.floor(isoMs(value.trim()) / 1000);
	else seconds = NaN;
	if (!Number.isSafeInteger(seconds) || seconds < 0) {
		const shown = typeof value === 'string' ? `"${value}"` : value instanceof Date ? 'an invalid Date' : String(value);
		return { error: `${shown} is not a date: give ${EPOCH_SECONDS_FORMS}` };
	}
	if (seconds > MAX_EPOCH_SECONDS) return { error: `${seconds} looks like milliseconds; give epoch seconds (${Math.floor(seconds / 1000)})` };
	return { seconds };
}
