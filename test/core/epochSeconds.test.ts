/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only code, never runs inside n8n (docs/verification.md) */
/** readEpochSeconds: a time without an offset is a wall-clock time in the zone the caller names, never the server's. */
import { EPOCH_SECONDS_FORMS, readEpochSeconds } from '../../core/epochSeconds';

describe('readEpochSeconds: a date and time without an offset is read in the zone given', () => {
	it.each<[string, string, string, number]>([
		['India (no DST)', '2026-07-31T14:30:00', 'Asia/Kolkata', 1785488400],
		['Brazil (no DST since 2019)', '2026-07-31T14:30:00', 'America/Sao_Paulo', 1785519000],
		['UTC', '2026-07-31T14:30:00', 'UTC', 1785508200],
		['a space instead of T, no seconds', '2026-07-31 14:30', 'Asia/Kolkata', 1785488400],
		['a fraction (floored)', '2026-07-31T14:30:00.999', 'Asia/Kolkata', 1785488400],
		['a date alone: its midnight in the zone', '2026-07-31', 'Asia/Kolkata', 1785436200],
		['Berlin in winter (+01:00)', '2026-01-15T12:00:00', 'Europe/Berlin', 1768474800],
		['Berlin just before the spring-forward change (still +01:00)', '2026-03-29T00:30:00', 'Europe/Berlin', 1774740600],
		['a time in Berlin\'s spring-forward gap: moved forward by the gap (03:30 summer time)', '2026-03-29T02:30:00', 'Europe/Berlin', 1774747800],
		['a time Berlin\'s clocks show twice (set back): the earlier, summer-time one', '2026-10-25T02:30:00', 'Europe/Berlin', 1792888200],
		['a time in New York\'s spring-forward gap', '2026-03-08T02:30:00', 'America/New_York', 1772955000],
		['a time New York\'s clocks show twice: the earlier, daylight-time one', '2026-11-01T01:30:00', 'America/New_York', 1793511000],
	])('%s', (_what, text, zone, seconds) => {
		expect(readEpochSeconds(text, zone)).toEqual({ seconds });
	});

	it('reads it in UTC when no zone is given, whatever the process\'s TZ (Date.parse would read it in the server\'s zone)', () => {
		const tz = process.env.TZ;
		try {
			for (const zone of ['Asia/Kolkata', 'America/Sao_Paulo', 'UTC']) {
				process.env.TZ = zone;
				expect(readEpochSeconds('2026-07-31T14:30:00')).toEqual({ seconds: 1785508200 });
				expect(readEpochSeconds('2026-07-31T14:30:00', 'Asia/Kolkata')).toEqual({ seconds: 1785488400 });
			}
		} finally {
			if (tz === undefined) delete process.env.TZ;
			else process.env.TZ = tz;
		}
	});
});

describe('readEpochSeconds: what carries its own zone ignores the one given', () => {
	it.each<[string, unknown, number]>([
		['Z', '2026-07-31T14:30:00Z', 1785508200],
		['a lower-case z', '2026-07-31T14:30:00z', 1785508200],
		['an offset', '2026-07-31T14:30:00+05:30', 1785488400],
		['an offset without a colon', '2026-07-31T14:30:00+0530', 1785488400],
		['an n8n DateTime as text (milliseconds and offset)', '2026-07-31T14:30:00.000-03:00', 1785519000],
		['epoch seconds', 1785488400, 1785488400],
		['epoch seconds as text', ' 1785488400 ', 1785488400],
		['a Date', new Date(1785488400_500), 1785488400],
	])('%s', (_what, value, seconds) => {
		expect(readEpochSeconds(value, 'Europe/Berlin')).toEqual({ seconds });
		expect(readEpochSeconds(value, 'No/Such_Zone')).toEqual({ seconds });
	});
});

describe('readEpochSeconds: refusals', () => {
	it.each<[string, unknown, string]>([
		['a word', 'tomorrow', `"tomorrow" is not a date: give ${EPOCH_SECONDS_FORMS}`],
		['a day the calendar lacks', '2026-02-30T10:00:00', `"2026-02-30T10:00:00" is not a date: give ${EPOCH_SECONDS_FORMS}`],
		['an hour the clock lacks', '2026-07-31T25:00:00', `"2026-07-31T25:00:00" is not a date: give ${EPOCH_SECONDS_FORMS}`],
		['a minute the clock lacks, with an offset', '2026-07-31T14:60:00+05:30', `"2026-07-31T14:60:00+05:30" is not a date: give ${EPOCH_SECONDS_FORMS}`],
		['milliseconds', 1785488400000, '1785488400000 looks like milliseconds; give epoch seconds (1785488400)'],
	])('%s', (_what, value, error) => {
		expect(readEpochSeconds(value, 'Asia/Kolkata')).toEqual({ error });
	});

	it('a time without an offset in a zone the runtime does not know: refused, never read in another zone', () => {
		expect(readEpochSeconds('2026-07-31T14:30:00', 'No/Such_Zone')).toEqual({
			error: '"2026-07-31T14:30:00" has no offset and its time zone "No/Such_Zone" is unknown: add Z or an offset such as +05:30',
		});
	});
});
