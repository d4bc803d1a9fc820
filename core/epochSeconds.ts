/**
 * Times the API takes as epoch seconds (an order's expiration, the payment time of a Brazil order_status),
 * read from what a workflow holds: whole epoch seconds (a number or digits), a Date, or an ISO 8601 date
 * or date and time. Nothing else: JavaScript's own date parser also reads words ("Yesterday at 5" is a day
 * of 2001, "12" is December 2001), and such a time would reach the buyer as a real date.
 *
 * The pages want UTC seconds; a text without Z or an offset (what a date picker gives: 2026-07-31T14:30:00)
 * is a wall-clock time in the time zone the caller names, never the server's own (JavaScript's Date.parse
 * would read it in the process's zone, so the buyer's deadline would move with the server's TZ).
 */

/** Longest epoch seconds taken as seconds (the year 5138); larger numbers are almost surely milliseconds. */
export const MAX_EPOCH_SECONDS = 1e11;

/** An ISO 8601 date, or date and time (minutes, optional seconds and fraction, optional Z or offset). */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** What the reader accepts, for error messages. */
export const EPOCH_SECONDS_FORMS = 'epoch seconds or an ISO 8601 date and time, e.g. 2026-07-31T14:30:00Z';

const DAY_MS = 86_400_000;

/** Wall-clock readers per time zone; null for a name the runtime does not know. */
const clocks = new Map<string, Intl.DateTimeFormat | null>();

function clockOf(timeZone: string): Intl.DateTimeFormat | null {
	if (!clocks.has(timeZone)) {
		let clock: Intl.DateTimeFormat | null = null;
		try {
			const numeric = 'numeric' as const;
			clock = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: numeric, month: numeric, day: numeric, hour: numeric, minute: numeric, second: numeric });
		} catch {
			// RangeError: an unknown zone name.
		}
		clocks.set(timeZone, clock);
	}
	return clocks.get(timeZone) ?? null;
}

/** The zone's offset from UTC in ms at instant `ms`: its wall clock then, read as if UTC, minus the instant. */
function offsetAt(clock: Intl.DateTimeFormat, ms: number): number {
	const part = Object.fromEntries(clock.formatToParts(ms).map(({ type, value }) => [type, Number(value)]));
	const second = Math.floor(ms / 1000) * 1000;
	return Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second) - second;
}

/**
 * The instant at which the zone's clocks show `wall` (a wall-clock time as epoch ms read as if UTC). The offsets
 * a day before and after cover a change of offset in between. A wall time that occurs twice (clocks set back)
 * is the earlier instant; one the clocks skip (set forward) is moved forward by the gap (02:30 on Berlin's
 * spring-forward night is 03:30 summer time). Both are what JavaScript's Date and Temporal ("compatible") do.
 */
function instantOf(wall: number, clock: Intl.DateTimeFormat): number {
	const before = offsetAt(clock, wall - DAY_MS);
	const after = offsetAt(clock, wall + DAY_MS);
	if (offsetAt(clock, wall - before) === before) return wall - before;
	return offsetAt(clock, wall - after) === after ? wall - after : wall - before;
}

type Ms = { ms: number } | { error: string };

/** The epoch ms of an ISO 8601 text (NaN when it is none or names a day the calendar lacks: 2026-02-30), or why its zone cannot be read. */
function isoMs(value: string, timeZone: string): Ms {
	const match = ISO_8601.exec(value);
	if (!match) return { ms: NaN };
	const [, year, month, day, hour = '00', minute = '00', second = '00', fraction, offset] = match;
	const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
	if (calendar.getUTCFullYear() !== Number(year) || calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return { ms: NaN };
	const local = `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction === undefined ? '' : `.${fraction}`}`;
	if (offset !== undefined) return { ms: Date.parse(`${local}${offset.toUpperCase()}`) };
	const wall = Date.parse(`${local}Z`);
	if (Number.isNaN(wall)) return { ms: NaN };
	const clock = clockOf(timeZone);
	if (!clock) return { error: `"${value}" has no offset and its time zone "${timeZone}" is unknown: add Z or an offset such as +05:30` };
	return { ms: instantOf(wall, clock) };
}

/**
 * `value` in whole epoch seconds, or why it cannot be one (a message for "<field>: <message>"). An ISO 8601
 * text without Z or an offset (a date alone is its midnight) is read in `timeZone`, an IANA name; UTC unless told.
 */
export function readEpochSeconds(value: unknown, timeZone = 'UTC'): { seconds: number } | { error: string } {
	let seconds: number;
	if (value instanceof Date) seconds = Math.floor(value.getTime() / 1000);
	else if (typeof value === 'number') seconds = value;
	else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) seconds = Number(value);
	else if (typeof value === 'string') {
		const read = isoMs(value.trim(), timeZone);
		if ('error' in read) return read;
		seconds = Math.floor(read.ms / 1000);
	} else seconds = NaN;
	if (!Number.isSafeInteger(seconds) || seconds < 0) {
		const shown = typeof value === 'string' ? `"${value}"` : value instanceof Date ? 'an invalid Date' : String(value);
		return { error: `${shown} is not a date: give ${EPOCH_SECONDS_FORMS}` };
	}
	if (seconds > MAX_EPOCH_SECONDS) return { error: `${seconds} looks like milliseconds; give epoch seconds (${Math.floor(seconds / 1000)})` };
	return { seconds };
}
