import { addDays, endOfDate, isSendAllowed, nextSendMoment, type SendWindow, workingDayOnOrBefore, zonedTime } from './quietHours';

/**
 * Nudges to employees who have not prepared for MUS by their round's deadline: when they are
 * planned, and whether one still goes out when its moment comes. Pure.
 */
export interface NudgePolicy {
  /** At most this many nudges per person per cycle (0: none). */
  maxNudges: number;
  window: SendWindow;
  /** No nudge sooner than this after the invitation. */
  minHoursAfterStart: number;
}

/** Days before the deadline a nudge aims at, most useful first: the day before, then earlier. */
const ladder = [1, 3, 7, 14, 21, 28, 42, 56, 84];

/**
 * The moments to nudge, in time order: at the start of the working day on or before each rung of
 * the ladder, never sooner than `minHoursAfterStart` after the round started, never on the same
 * day twice, at most `maxNudges`. A deadline is "by this date": the day itself still counts.
 */
export function planNudges(startedAt: Date, deadline: string, policy: NudgePolicy): Date[] {
  const earliest = startedAt.getTime() + policy.minHoursAfterStart * 3_600_000;
  const end = endOfDate(deadline, policy.window.timeZone).getTime();
  const days = new Set<string>();
  for (const offset of ladder) {
    if (days.size >= policy.maxNudges) break;
    const day = workingDayOnOrBefore(addDays(deadline, -offset), policy.window);
    const at = zonedTime(day, policy.window.startHour, 0, policy.window.timeZone).getTime();
    if (at >= earliest && at < end) days.add(day);
  }
  return [...days].sort().map((day) => zonedTime(day, policy.window.startHour, 0, policy.window.timeZone));
}

export type Decision = { send: true } | { send: false; skip: string } | { send: false; deferUntil: Date };

/**
 * Whether a nudge due now goes out: never to someone who finished (or left), never after the
 * deadline, not when a later nudge is already due too (after downtime, one nudge, not a burst),
 * and not in quiet hours (then: at the next moment the bot may write, if still before the deadline).
 */
export function decideNudge(input: {
  now: Date;
  deadline: string;
  finished: boolean;
  active: boolean;
  nextNudgeAt?: Date | undefined;
  window: SendWindow;
}): Decision {
  const end = endOfDate(input.deadline, input.window.timeZone);
  if (!input.active) return { send: false, skip: 'left' };
  if (input.finished) return { send: false, skip: 'finished' };
  if (input.now >= end) return { send: false, skip: 'after-deadline' };
  if (input.nextNudgeAt && input.nextNudgeAt <= input.now) return { send: false, skip: 'superseded' };
  return whenAllowed(input.now, end, input.window, 'after-deadline');
}

/** Send now if the bot may write now; else defer to the next moment, unless that is `until` or later. */
export function whenAllowed(now: Date, until: Date, window: SendWindow, lateReason: string): Decision {
  if (isSendAllowed(now, window)) return { send: true };
  const next = nextSendMoment(now, window);
  return next >= until ? { send: false, skip: lateReason } : { send: false, deferUntil: next };
}
