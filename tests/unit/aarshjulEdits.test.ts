import { beforeAll, describe, expect, it } from 'vitest';
import { loadDomainData } from '../../src/data/loadDomainData';
import { milestonesFor } from '../../src/domain/aarshjul';
import { applyAarshjulEdits, noEdits, parseAarshjulForm } from '../../src/domain/aarshjulEdits';
import { type Aarshjul, aarshjulSchema } from '../../src/domain/catalogue';

let file: Aarshjul;
beforeAll(async () => {
  const data = await loadDomainData();
  // The shipped file plus one department override of its own, to see HR's edits win over it.
  file = { ...data.aarshjul, departments: [{ departmentId: 'borgerservice', milestones: [{ id: 'profile-review', date: { month: 2, day: 1 } }] }] };
});

describe("HR's edits of the årshjul", () => {
  it('when there are no edits, then the file is the årshjul', () => {
    expect(applyAarshjulEdits(file, noEdits)).toBe(file);
  });

  it('when HR moves, re-times and switches off milestones, then the årshjul in force has exactly that, still valid, with a new version', () => {
    const edited = applyAarshjulEdits(file, {
      municipality: [{ id: 'lederforum-evaluation', date: { month: 12, day: 8 }, leadTimeDays: 7 }, { id: 'med-discussion', disabled: true }],
      departments: [{ departmentId: 'borgerservice', milestones: [{ id: 'profile-review', date: { month: 3, day: 1 } }] }, { departmentId: 'hjemmeplejen-nord', milestones: [{ id: 'mus-held', disabled: true }] }],
      stamp: '2026-11-23T10:00:00Z',
    });
    expect(aarshjulSchema.safeParse(edited).success).toBe(true);
    expect(edited.version).not.toBe(file.version);
    expect(milestonesFor(edited).find((m) => m.id === 'lederforum-evaluation')).toMatchObject({ date: { month: 12, day: 8 }, leadTimeDays: 7 });
    expect(milestonesFor(edited).map((m) => m.id)).not.toContain('med-discussion');
    expect(milestonesFor(edited, 'borgerservice').find((m) => m.id === 'profile-review')?.date).toEqual({ month: 3, day: 1 });
    expect(milestonesFor(edited, 'hjemmeplejen-nord').map((m) => m.id)).not.toContain('mus-held');
    expect(milestonesFor(edited, 'borgerservice').map((m) => m.id)).toContain('mus-held');
  });
});

describe('the årshjul edit form', () => {
  const cycle = 2026;

  it('when nothing differs from the base, then there is nothing to store', () => {
    const input = Object.fromEntries(file.milestones.flatMap((m) => [
      [`date_${m.id}`, `${cycle}-${String(m.date.month).padStart(2, '0')}-${String(m.date.day).padStart(2, '0')}`], [`lead_${m.id}`, String(m.leadTimeDays)], [`on_${m.id}`, 'true'],
    ]));
    expect(parseAarshjulForm({ ...input, departmentId: 'borgerservice' }, file, cycle)).toEqual({ ok: true, overrides: [] });
  });

  it('when a date, a notice and a switch change, then only those are kept, in the årshjul\'s order', () => {
    expect(parseAarshjulForm({ 'date_mus-held': '2027-04-07', 'lead_profile-review': 30, 'on_action-plan-due': 'false', 'lead_mus-held': '' }, file, cycle)).toEqual({
      ok: true,
      overrides: [{ id: 'profile-review', leadTimeDays: 30 }, { id: 'mus-held', date: { month: 4, day: 7 } }, { id: 'action-plan-due', disabled: true }],
    });
  });

  it('when a field is left empty, then the milestone stays as it is', () => {
    expect(parseAarshjulForm({ 'date_mus-held': '', 'lead_mus-held': '' }, file, cycle)).toEqual({ ok: true, overrides: [] });
  });

  it.each([
    ['an impossible date', { 'date_mus-held': '2026-02-30' }, 'MUS afholdt og udviklingsplaner godkendt: datoen er ikke en gyldig dato.'],
    ['a month 13', { 'date_mus-held': '2026-13-01' }, 'er ikke en gyldig dato'],
    ['a date that is not a date', { 'date_mus-held': 'næste tirsdag' }, 'er ikke en gyldig dato'],
    ['a date two years after the cycle', { 'date_mus-held': '2028-03-31' }, 'datoen skal ligge i 2025–2027'],
    ['a date two years before the cycle', { 'date_mus-held': '2024-03-31' }, 'datoen skal ligge i 2025–2027'],
    ['a notice over 90 days', { 'lead_mus-held': '91' }, 'varslet skal være 0–90 dage'],
    ['a negative notice', { 'lead_mus-held': -1 }, 'varslet skal være 0–90 dage'],
    ['a notice that is not a whole number', { 'lead_mus-held': '2.5' }, 'varslet skal være 0–90 dage'],
    ['a notice in words', { 'lead_mus-held': 'to uger' }, 'varslet skal være 0–90 dage'],
    ['a switch that is neither on nor off', { 'on_mus-held': 'maybe' }, 'slå den til eller fra'],
    ['a milestone the årshjul does not have', { 'date_christmas-party': '2026-12-20' }, 'Årshjulet har ingen milepæl "christmas-party"'],
  ])('when the form has %s, then it is refused and says why', (_what, input, message) => {
    const form = parseAarshjulForm(input, file, cycle);
    expect(form.ok).toBe(false);
    expect(!form.ok && form.problems[0]!.da).toContain(message);
  });

  it('when a recurring milestone gets a date, then it is refused: its dates follow its recurrence', () => {
    const recurring: Aarshjul = { ...file, milestones: file.milestones.map((m) => (m.id === 'mid-year-follow-up' ? { ...m, recurrence: { everyMonths: 3 } } : m)) };
    expect(parseAarshjulForm({ 'date_mid-year-follow-up': '2026-10-01' }, recurring, cycle).ok).toBe(false);
    expect(parseAarshjulForm({ 'lead_mid-year-follow-up': '3', 'on_mid-year-follow-up': false }, recurring, cycle)).toEqual({
      ok: true, overrides: [{ id: 'mid-year-follow-up', leadTimeDays: 3, disabled: true }],
    });
  });

  it('when several fields are wrong, then every problem is listed at once', () => {
    const form = parseAarshjulForm({ 'date_mus-held': '2026-02-30', 'lead_profile-review': '400', 'date_nope': '2026-01-01' }, file, cycle);
    expect(!form.ok && form.problems).toHaveLength(3);
  });
});
