/**
 * Calendar arithmetic in the municipality's time zone, and the quiet hours: the bot never writes
 * to anyone at night, at weekends or on Danish public holidays. Pure, on top of `Intl` (Node's
 * full ICU has the IANA zones and their DST rules; no date library needed). Dates are calendar
 * dates as `YYYY-MM-DD` strings, instants are `Date`s.
 */

/** When messages may go out: working days from `startHour` to `endHour` (local, end exclusive). */
export interface SendWindow {
  timeZone: string;
  startHour: number;
  endHour: number;
  /** Also keep quiet on Danish public holidays (and 24 and 31 December). */
  danishHolidays: boolean;
}

export const defaultSendWindow: SendWindow = { timeZone: 'Europe/Copenhagen', startHour: 8, endHour: 17, danishHolidays: true };

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time of an instant in a time zone. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0 } = parts;
  return { year, month, day, hour, minute, weekday: weekdayOf(dateString(year, month, day)) };
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetAt(at: Date, timeZone: string): number {
  const seconds = Math.floor(at.getTime() / 1000) * 1000;
  const l = localTime(new Date(seconds), timeZone);
  const second = new Date(seconds).getUTCSeconds();
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, second) - seconds;
}

/**
 * The instant a wall-clock time happens in a time zone. A time that does not exist (the hour
 * skipped when summer time starts) is read as the same time after the jump; a time that happens
 * twice (when summer time ends) is the first of the two.
 */
export function zonedTime(date: string, hour: number, minute: number, timeZone: string): Date {
  const [year, month, day] = parseDate(date);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offsets half a day either side cover both sides of any DST change that day.
  const offsets = [...new Set([offsetAt(new Date(asUtc - 43_200_000), timeZone), offsetAt(new Date(asUtc + 43_200_000), timeZone)])];
  const matching = offsets.map((offset) => asUtc - offset).filter((instant) => localMatches(instant, date, hour, minute, timeZone));
  if (matching.length > 0) return new Date(Math.min(...matching));
  return new Date(asUtc - Math.min(...offsets)); // skipped by the jump: the same time after it
}

function localMatches(instant: number, date: string, hour: number, minute: number, timeZone: string): boolean {
  const l = localTime(new Date(instant), timeZone);
  return dateString(l.year, l.month, l.day) === date && l.hour === hour && l.minute === minute;
}

/** The calendar date of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  const l = localTime(at, timeZone);
  return dateString(l.year, l.month, l.day);
}

/** The first instant of the day after `date`: the end of a deadline that is "by this date". */
export function endOfDate(date: string, timeZone: string): Date {
  return zonedTime(addDays(date, 1), 0, 0, timeZone);
}

export function dateString(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parseDate(date: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** A real calendar date written YYYY-MM-DD (not 30 February, not month 13). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = parseDate(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** A month later or earlier; the day is kept, or the month's last day when it has fewer. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parseDate(date);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return dateString(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(day, last));
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const [year, month, day] = parseDate(date);
  return ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseDate(from);
  const [y2, m2, d2] = parseDate(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** Easter Sunday (Gregorian; the anonymous algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dateString(year, month, day);
}

/**
 * Danish public holidays, and the days most municipal workplaces also close (Grundlovsdag,
 * juleaftensdag, nytårsaftensdag). Store bededag stopped being a holiday in 2024.
 */
export function danishHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const fromEaster = [-3, -2, 0, 1, 39, 49, 50, ...(year < 2024 ? [26] : [])].map((days) => addDays(easter, days));
  const fixed = ['01-01', '06-05', '12-24', '12-25', '12-26', '12-31'].map((md) => `${year}-${md}`);
  return [...fixed, ...fromEaster].sort();
}

const holidayCache = new Map<number, Set<string>>();

/** A day the bot writes on: Monday to Friday and (if chosen) not a Danish holiday. */
export function isWorkingDay(date: string, window: SendWindow): boolean {
  if (weekdayOf(date) > 5) return false;
  if (!window.danishHolidays) return true;
  const year = Number(date.slice(0, 4));
  let holidays = holidayCache.get(year);
  if (!holidays) {
    holidays = new Set(danishHolidays(year));
    holidayCache.set(year, holidays);
  }
  return !holidays.has(date);
}

/** May a message go out at this instant? */
export function isSendAllowed(at: Date, window: SendWindow): boolean {
  const l = localTime(at, window.timeZone);
  return isWorkingDay(dateString(l.year, l.month, l.day), window) && l.hour >= window.startHour && l.hour < window.endHour;
}

/** The first moment at or after `at` when a message may go out. */
export function nextSendMoment(at: Date, window: SendWindow): Date {
  if (isSendAllowed(at, window)) return at;
  const l = localTime(at, window.timeZone);
  let date = dateString(l.year, l.month, l.day);
  if (!(isWorkingDay(date, window) && l.hour < window.startHour)) date = addDays(date, 1);
  for (let i = 0; i < 60 && !isWorkingDay(date, window); i++) date = addDays(date, 1);
  return zonedTime(date, window.startHour, 0, window.timeZone);
}

/** The working day on or before `date`. */
export function workingDayOnOrBefore(date: string, window: SendWindow): string {
  let day = date;
  for (let i = 0; i < 60 && !isWorkingDay(day, window); i++) day = addDays(day, -1);
  return day;
}
