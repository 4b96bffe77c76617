import type { Aarshjul, Milestone, MilestoneAudience } from './catalogue';
import { addDays, addMonths, dateString, daysBetween, endOfDate, localDate, nextSendMoment, type SendWindow, zonedTime } from './quietHours';

/**
 * The årshjul as concrete dates: a cycle's milestones (with a department's overrides), when each
 * reminder is due, who gets it, and a leader's "your year". Pure: no I/O, no clock.
 */

/** One milestone on one date of a cycle. */
export interface Occurrence {
  /** With the department's overrides applied. */
  milestone: Milestone;
  cycle: string;
  /** The milestone's date, `YYYY-MM-DD` in the årshjul's time zone. */
  date: string;
  /** When its reminder is due: the first moment the bot may write, on or after the lead time. */
  remindAt: Date;
  /** Stable within the cycle: the milestone id, and `#n` for the n-th time a recurring one comes. */
  key: string;
}

/**
 * Audiences reached through a department (its leaders, its employees, the MED-udvalg of the area
 * starting there and its tillidsrepræsentanter — so a department's own date applies to them) or
 * the whole municipality (HR, Hovedudvalget).
 */
export const departmentAudiences: readonly MilestoneAudience[] = ['leaders', 'employees', 'med-members'];
export const municipalityAudiences: readonly MilestoneAudience[] = ['hr', 'hovedudvalg'];

/** The milestones as they apply to a department (or the municipality's own, without one). */
export function milestonesFor(aarshjul: Aarshjul, departmentId?: string): Milestone[] {
  const overrides = departmentId ? aarshjul.departments?.find((d) => d.departmentId === departmentId)?.milestones ?? [] : [];
  return aarshjul.milestones.flatMap((milestone) => {
    const override = overrides.find((o) => o.id === milestone.id);
    if (override?.disabled) return [];
    return [{
      ...milestone,
      ...(override?.date ? { date: override.date } : {}),
      ...(override?.leadTimeDays !== undefined ? { leadTimeDays: override.leadTimeDays } : {}),
    }];
  });
}

/** When a reminder for a milestone on `date` is due: lead time before, at the start of the send window. */
export function reminderDue(date: string, leadTimeDays: number, window: SendWindow): Date {
  return nextSendMoment(zonedTime(addDays(date, -leadTimeDays), window.startHour, 0, window.timeZone), window);
}

/** Every milestone date of a cycle (a calendar year), in date order. */
export function occurrencesOf(aarshjul: Aarshjul, cycle: number, window: SendWindow, departmentId?: string): Occurrence[] {
  const out: Occurrence[] = [];
  for (const milestone of milestonesFor(aarshjul, departmentId)) {
    const first = dateString(cycle, milestone.date.month, milestone.date.day);
    const every = milestone.recurrence?.everyMonths;
    const dates = every ? Array.from({ length: Math.ceil((13 - milestone.date.month) / every) }, (_, n) => addMonths(first, n * every)) : [first];
    dates.forEach((date, n) => {
      out.push({
        milestone, cycle: String(cycle), date,
        remindAt: reminderDue(date, milestone.leadTimeDays, window),
        key: every ? `${milestone.id}#${n + 1}` : milestone.id,
      });
    });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
}

/** The cycle (calendar year) `now` is in, in the årshjul's time zone. */
export function cycleYearOf(aarshjul: Aarshjul, now: Date): number {
  return Number(localDate(now, aarshjul.timezone).slice(0, 4));
}

/** A milestone is past once its day is over: a reminder for it then comes too late to help. */
export function isPast(date: string, now: Date, timeZone: string): boolean {
  return now.getTime() >= endOfDate(date, timeZone).getTime();
}

export interface YearEntry {
  key: string;
  milestone: Milestone;
  date: string;
  /** Days from today to the date: negative when it is behind us. */
  days: number;
}

export interface LeaderYear {
  /** The next milestones for leaders, soonest first. */
  next: YearEntry[];
  /** Milestones for leaders whose date has passed and whose action is not known to be done. */
  overdue: YearEntry[];
}

/**
 * "Your year" for a leader: what is next and what is overdue. `done` holds occurrence keys the
 * caller knows are done (e.g. the profile was reviewed, the MUS round was started). A milestone
 * has one state: overdue (its latest undone date) or coming up — never both, even when its date
 * next year is already among the next ones.
 */
export function leaderYear(occurrences: readonly Occurrence[], today: string, done: ReadonlySet<string>, limit = 3): LeaderYear {
  const forLeaders = occurrences
    .filter((o) => o.milestone.audience.includes('leaders'))
    .map((o) => ({ key: o.key, milestone: o.milestone, date: o.date, days: daysBetween(today, o.date) }));
  const overdue = new Map<string, YearEntry>();
  for (const entry of forLeaders) if (entry.days < 0 && !done.has(entry.key)) overdue.set(entry.milestone.id, entry);
  return {
    next: forLeaders.filter((e) => e.days >= 0 && !overdue.has(e.milestone.id)).slice(0, limit),
    overdue: [...overdue.values()],
  };
}
