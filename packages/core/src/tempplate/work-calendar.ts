import calendar from '../data/cn-holidays-2024-2026.json' with { type: 'json' };

/**
 * The working-day calendar of the PRC (国务院 holiday and 调休 notices 2024–2026, data/cn-holidays-2024-2026.json,
 * MIT, from chinese-days): a weekend day is a working day when it is a make-up day; a weekday is a day off in a
 * holiday or an in-lieu day. Outside the years the data covers, Monday–Friday work and `covered` is false.
 */
const OFF = new Set([...Object.keys(calendar.holidays), ...Object.keys(calendar.inLieuDays)]);
const MAKE_UP = new Set(Object.keys(calendar.workdays));
const FIRST_YEAR = 2024;
const LAST_YEAR = 2026;

export interface DayKind {
  working: boolean;
  /** The holiday or make-up day's name, if any. */
  name: string | null;
  covered: boolean;
}

const names = { ...calendar.holidays, ...calendar.inLieuDays, ...calendar.workdays } as Record<string, { name: string }>;

/** The kind of a calendar date `YYYY-MM-DD`. */
export function dayKind(date: string): DayKind {
  const year = Number(date.slice(0, 4));
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  const working = MAKE_UP.has(date) || (!OFF.has(date) && weekday !== 0 && weekday !== 6);
  return { working, name: names[date]?.name ?? null, covered: year >= FIRST_YEAR && year <= LAST_YEAR };
}

/** Beijing time (UTC+8, no daylight saving) of an instant, as date `YYYY-MM-DD` and time `HH:mm`. */
export function beijingClock(at: Date): { date: string; time: string } {
  const iso = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * A deadline `days` working days after an instant (工作日 by the calendar above): the end (24:00 Beijing time) of the
 * `days`-th working day after the instant's date, e.g. assigned on Friday with 1 day → due at the end of Monday.
 */
export function addWorkingDays(from: Date, days: number): Date {
  let date = beijingClock(from).date;
  for (let left = days; left > 0; ) {
    date = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    if (dayKind(date).working) left -= 1;
  }
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000);
}
