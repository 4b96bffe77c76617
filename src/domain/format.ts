import type { Locale } from './i18n';

/**
 * Dates, times and numbers as people of each language write them — one formatter per locale,
 * used by every card, message and export (Intl, so no hand-made month names):
 * - Danish: "28. december 2026", "kl. 23.59", "28. december 2026 kl. 23.59", "mandag kl. 08.00",
 *   "2,5", "2.000";
 * - English: "28 December 2026", "23:59", "28 December 2026 at 23:59", "Monday at 08:00",
 *   "2.5", "2,000".
 * Calendar dates (YYYY-MM-DD: deadlines, milestones) are days, shown as they are; instants (an
 * ISO time with a clock: approvals, reads) are shown in the municipality's time zone.
 *
 * A Danish day is followed by a no-break space ("5.\u00a0januar"): the day stays with its month
 * on a narrow card, and card markdown does not read a text that starts "5. januar 2027" as a
 * numbered list (which Teams indents, and on Android numbers "1.").
 */
export interface Formatter {
  readonly locale: Locale;
  /** A day: a calendar date (YYYY-MM-DD) as it is, an instant as its day in the time zone. */
  date(value: string | Date): string;
  /** A clock time of an instant: "kl. 23.59" / "23:59". */
  time(instant: string | Date): string;
  /** Day and time of an instant: "28. december 2026 kl. 23.59" / "28 December 2026 at 23:59". */
  dateTime(instant: string | Date): string;
  /** Weekday and time of an instant (soon after now): "mandag kl. 08.00" / "Monday at 08:00". */
  weekdayTime(instant: string | Date): string;
  /** From one day to another: "1. marts 2027 – 30. juni 2027". */
  period(start: string, end: string): string;
  /** A number with the language's decimal sign and grouping; `decimals` at most (default 2). */
  number(value: number, options?: { decimals?: number; signed?: boolean; grouping?: boolean }): string;
}

/** The municipalities' time zone unless the årshjul names another. */
export const defaultTimeZone = 'Europe/Copenhagen';

const tags: Record<Locale, string> = { da: 'da-DK', en: 'en-GB' };
/** "5. januar" → "5.\u00a0januar" (see above). */
const keepDayWithMonth = (text: string) => text.replace(/^(\d{1,2}\.) /, '$1\u00a0');
const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

const cache = new Map<string, Formatter>();

export function formatterFor(locale: Locale, timeZone: string = defaultTimeZone): Formatter {
  const key = `${locale}|${timeZone}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = createFormatter(locale, timeZone);
    cache.set(key, formatter);
  }
  return formatter;
}

function createFormatter(locale: Locale, timeZone: string): Formatter {
  const tag = tags[locale];
  const day = (zone: string) => new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone });
  const dayOfCalendarDate = day('UTC');
  const dayOfInstant = day(timeZone);
  const clock = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  const weekday = new Intl.DateTimeFormat(tag, { weekday: 'long', timeZone });
  const numbers = new Map<string, Intl.NumberFormat>();
  const at = locale === 'da' ? 'kl.' : 'at';

  const instantOf = (value: string | Date): Date | undefined => {
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  };
  const date = (value: string | Date): string => {
    if (typeof value === 'string' && calendarDate.test(value)) {
      const parsed = instantOf(`${value}T00:00:00Z`);
      return parsed ? keepDayWithMonth(dayOfCalendarDate.format(parsed)) : value;
    }
    const instant = instantOf(value);
    return instant ? keepDayWithMonth(dayOfInstant.format(instant)) : String(value);
  };
  const time = (value: string | Date): string => {
    const instant = instantOf(value);
    if (!instant) return String(value);
    return locale === 'da' ? `${at} ${clock.format(instant)}` : clock.format(instant);
  };
  return {
    locale,
    date,
    time,
    dateTime: (value) => (instantOf(value) ? `${date(value)} ${at} ${clock.format(instantOf(value)!)}` : String(value)),
    weekdayTime: (value) => (instantOf(value) ? `${weekday.format(instantOf(value)!)} ${at} ${clock.format(instantOf(value)!)}` : String(value)),
    period: (start, end) => `${date(start)} – ${date(end)}`,
    number(value, options = {}) {
      const { decimals = 2, signed = false, grouping = true } = options;
      const key = `${decimals}|${signed}|${grouping}`;
      let format = numbers.get(key);
      if (!format) {
        format = new Intl.NumberFormat(tag, { maximumFractionDigits: decimals, useGrouping: grouping, ...(signed ? { signDisplay: 'exceptZero' as const } : {}) });
        numbers.set(key, format);
      }
      return format.format(value);
    },
  };
}

/** A calendar date written as ISO (YYYY-MM-DD), as no person should have to read it. */
export const isoDatePattern = /\b\d{4}-\d{2}-\d{2}\b/;
