import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideNudge, type NudgePolicy, planNudges } from '../../src/domain/nudges';
import { defaultSendWindow, endOfDate, isSendAllowed, localDate, zonedTime } from '../../src/domain/quietHours';

const window = defaultSendWindow;
const policy: NudgePolicy = { maxNudges: 2, window, minHoursAfterStart: 24 };
const at = (date: string, hour: number) => zonedTime(date, hour, 0, window.timeZone);
const days = (dates: Date[]) => dates.map((d) => `${localDate(d, window.timeZone)} ${d.toISOString().slice(11, 16)}Z`);

describe('planning nudges', () => {
  it('when a round starts four weeks before a Monday deadline, then two nudges go at 08:00 on working days before it', () => {
    // Deadline Monday 21 Dec: the day before is a Sunday, so Friday 18th; a week before is Monday 14th.
    expect(days(planNudges(at('2026-11-23', 10), '2026-12-21', policy))).toEqual(['2026-12-14 07:00Z', '2026-12-18 07:00Z']);
  });

  it('when the deadline is three days away, then there is room for one nudge only', () => {
    expect(days(planNudges(at('2026-11-23', 10), '2026-11-26', policy))).toEqual(['2026-11-25 07:00Z']);
  });

  it('when the deadline is tomorrow or nudges are switched off, then none is planned', () => {
    expect(planNudges(at('2026-11-23', 10), '2026-11-24', policy)).toEqual([]);
    expect(planNudges(at('2026-11-23', 10), '2026-12-21', { ...policy, maxNudges: 0 })).toEqual([]);
  });

  it('when any round is planned, then nudges are few, ordered, in the send window, after the start and before the deadline', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 5 }),
        (startedAt, inDays, maxNudges) => {
          const deadline = new Date(startedAt.getTime() + inDays * 86_400_000).toISOString().slice(0, 10);
          const planned = planNudges(startedAt, deadline, { ...policy, maxNudges });
          expect(planned.length).toBeLessThanOrEqual(maxNudges);
          planned.forEach((moment, i) => {
            expect(isSendAllowed(moment, window)).toBe(true);
            expect(moment.getTime()).toBeGreaterThanOrEqual(startedAt.getTime() + 24 * 3_600_000);
            expect(moment.getTime()).toBeLessThan(endOfDate(deadline, window.timeZone).getTime());
            if (i > 0) expect(localDate(moment, window.timeZone) > localDate(planned[i - 1]!, window.timeZone)).toBe(true);
          });
        },
      ),
    );
  });
});

describe('deciding a nudge when it is due', () => {
  const base = { deadline: '2026-12-21', finished: false, active: true, window };

  it('when the employee has not prepared and it is a working morning, then it is sent', () => {
    expect(decideNudge({ ...base, now: at('2026-12-18', 8) })).toEqual({ send: true });
  });

  it('when the employee has finished or left, then it is skipped', () => {
    expect(decideNudge({ ...base, now: at('2026-12-18', 8), finished: true })).toEqual({ send: false, skip: 'finished' });
    expect(decideNudge({ ...base, now: at('2026-12-18', 8), active: false })).toEqual({ send: false, skip: 'left' });
  });

  it('when the deadline has passed (caught up after downtime), then it is skipped, not sent late', () => {
    expect(decideNudge({ ...base, now: at('2026-12-22', 9) })).toEqual({ send: false, skip: 'after-deadline' });
    // Still the deadline day: it counts.
    expect(decideNudge({ ...base, now: at('2026-12-21', 9) })).toEqual({ send: true });
  });

  it('when a later nudge is due as well, then the earlier one is skipped so the person gets one, not a burst', () => {
    expect(decideNudge({ ...base, now: at('2026-12-18', 9), nextNudgeAt: at('2026-12-18', 8) })).toEqual({ send: false, skip: 'superseded' });
  });

  it('when it is night or weekend, then it waits for the next working morning — unless that is after the deadline', () => {
    expect(decideNudge({ ...base, now: at('2026-12-18', 22) })).toEqual({ send: false, deferUntil: at('2026-12-21', 8) });
    expect(decideNudge({ ...base, deadline: '2026-12-19', now: at('2026-12-18', 22) })).toEqual({ send: false, skip: 'after-deadline' });
  });
});
