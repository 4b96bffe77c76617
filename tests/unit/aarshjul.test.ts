import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { leaderYear, milestonesFor, occurrencesOf, isPast } from '../../src/domain/aarshjul';
import { type Aarshjul, validateDomainData } from '../../src/domain/catalogue';
import { defaultSendWindow, localTime, zonedTime } from '../../src/domain/quietHours';
import { loadDomainData } from '../../src/data/loadDomainData';

const window = defaultSendWindow;
let shipped: Aarshjul;
beforeAll(async () => {
  shipped = (await loadDomainData()).aarshjul;
});
const withDepartments = (departments: Aarshjul['departments']): Aarshjul => ({ ...structuredClone(shipped), departments });

describe('the årshjul as dates', () => {
  it('when the shipped årshjul is laid out for 2026, then each milestone has its date and a reminder at 08:00 on a working day', () => {
    const list = occurrencesOf(shipped, 2026, window);
    expect(list.map((o) => o.date)).toEqual([
      '2026-01-15', '2026-02-01', '2026-02-28', '2026-03-31', '2026-04-30', '2026-09-15', '2026-10-15', '2026-11-15', '2026-12-01',
    ]);
    const profile = list[0]!;
    // 14 days before 15 January is New Year's Day: the reminder waits for Friday 2 January.
    expect(profile.remindAt.toISOString()).toBe('2026-01-02T07:00:00.000Z');
    for (const o of list) expect(localTime(o.remindAt, window.timeZone)).toMatchObject({ hour: 8, minute: 0 });
    // Lead time 0 on a Sunday: Monday morning.
    expect(list[1]!.remindAt.toISOString()).toBe('2026-02-02T07:00:00.000Z');
  });

  it('when a department moves one milestone and switches another off, then only that department sees it', () => {
    const aarshjul = withDepartments([
      { departmentId: 'hjemmeplejen-nord', milestones: [{ id: 'mus-held', date: { month: 5, day: 15 }, leadTimeDays: 3 }, { id: 'med-discussion', disabled: true }] },
    ]);
    const nord = occurrencesOf(aarshjul, 2026, window, 'hjemmeplejen-nord');
    expect(nord.find((o) => o.key === 'mus-held')).toMatchObject({ date: '2026-05-15' });
    expect(nord.find((o) => o.key === 'mus-held')!.remindAt.toISOString()).toBe('2026-05-12T06:00:00.000Z');
    expect(nord.some((o) => o.key === 'med-discussion')).toBe(false);
    expect(occurrencesOf(aarshjul, 2026, window, 'other').find((o) => o.key === 'mus-held')).toMatchObject({ date: '2026-03-31' });
    expect(milestonesFor(aarshjul)).toHaveLength(9);
  });

  it('when a milestone recurs every six months, then it comes twice in the cycle with distinct keys, month ends clamped', () => {
    const aarshjul = structuredClone(shipped) as Aarshjul;
    const followUp = aarshjul.milestones.find((m) => m.id === 'mus-held')!;
    (followUp as { recurrence?: { everyMonths: number } }).recurrence = { everyMonths: 6 };
    const list = occurrencesOf(aarshjul, 2026, window).filter((o) => o.milestone.id === 'mus-held');
    expect(list.map((o) => [o.key, o.date])).toEqual([['mus-held#1', '2026-03-31'], ['mus-held#2', '2026-09-30']]);
  });

  it('when a day is over, then its milestone is past', () => {
    expect(isPast('2026-12-01', zonedTime('2026-12-01', 23, 59, window.timeZone), window.timeZone)).toBe(false);
    expect(isPast('2026-12-01', zonedTime('2026-12-02', 0, 0, window.timeZone), window.timeZone)).toBe(true);
  });
});

describe("a leader's year", () => {
  it('when it is late November, then the next is the Lederforum and earlier milestones not done are overdue', () => {
    const year = leaderYear(occurrencesOf(shipped, 2026, window), '2026-11-23', new Set(['profile-review', 'mus-season-opens']));
    expect(year.next.map((e) => [e.key, e.days])).toEqual([['lederforum-evaluation', 8]]);
    expect(year.overdue.map((e) => e.key)).toEqual(['mus-held', 'action-plan-due', 'mid-year-follow-up', 'med-discussion']);
  });

  it('when this year\'s profile review is overdue and next year\'s is among the next, then it is shown once, as overdue', () => {
    const both = [...occurrencesOf(shipped, 2026, window), ...occurrencesOf(shipped, 2027, window)].map((o) => ({ ...o, key: `${o.cycle}:${o.key}` }));
    const done = new Set(both.filter((o) => o.milestone.id !== 'profile-review').map((o) => o.key));
    const year = leaderYear(both, '2026-12-07', done);
    expect(year.overdue.map((e) => [e.milestone.id, e.date])).toEqual([['profile-review', '2026-01-15']]);
    expect(year.next.map((e) => e.milestone.id)).not.toContain('profile-review');
    expect(year.next).toHaveLength(3);
  });

  it('for any day of two cycles and any milestones done, no milestone is both overdue and next, nor overdue twice', () => {
    const aarshjul = structuredClone(shipped) as Aarshjul;
    (aarshjul.milestones.find((m) => m.id === 'mus-held') as { recurrence?: { everyMonths: number } }).recurrence = { everyMonths: 3 };
    const both = [...occurrencesOf(aarshjul, 2026, window), ...occurrencesOf(aarshjul, 2027, window)].map((o) => ({ ...o, key: `${o.cycle}:${o.key}` }));
    fc.assert(fc.property(fc.integer({ min: 0, max: 729 }), fc.subarray(both.map((o) => o.key)), (day, done) => {
      const today = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
      const year = leaderYear(both, today, new Set(done));
      const overdue = year.overdue.map((e) => e.milestone.id);
      expect(new Set(overdue).size).toBe(overdue.length);
      for (const entry of year.next) expect(overdue).not.toContain(entry.milestone.id);
    }));
  });
});

describe('årshjul overrides in the data file', () => {
  it('when an override names an unknown milestone, a bad date or a recurrence that does not divide the year, then each is reported', async () => {
    const data = await loadDomainData();
    const raw = structuredClone(data) as unknown as Record<string, unknown> & { aarshjul: Record<string, unknown> & { milestones: Array<Record<string, unknown>> } };
    raw.aarshjul.milestones[0]!.recurrence = { everyMonths: 5 };
    raw.aarshjul.departments = [
      { departmentId: 'a', milestones: [{ id: 'nope' }, { id: 'mus-held', date: { month: 4, day: 31 } }] },
      { departmentId: 'a', milestones: [{ id: 'mus-held', disabled: true }] },
    ];
    const result = validateDomainData(raw as never);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toEqual([
      'aarshjul.json: departments[0].milestones[0].id "nope" is not a milestone (known: profile-review, mus-season-opens, preparation-deadline, mus-held, action-plan-due, mid-year-follow-up, med-discussion, hovedudvalg-discussion, lederforum-evaluation)',
      'aarshjul.json: departments[0].milestones[1].date.day is 31, but April has 30 days',
      'aarshjul.json: departments[1].departmentId "a" is used twice (first at departments[0])',
      'aarshjul.json: milestones[0].recurrence.everyMonths is 5; it must divide the year evenly (1, 2, 3, 4, 6 or 12)',
    ]);
  });
});
