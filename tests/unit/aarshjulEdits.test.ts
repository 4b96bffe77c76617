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
  it('when nothing differs from the base, then there is nothing to store', () => {
    const year = '2026';
    const input = Object.fromEntries(file.milestones.flatMap((m) => [
      [`date_${m.id}`, `${year}-${String(m.date.month).padStart(2, '0')}-${String(m.date.day).padStart(2, '0')}`], [`lead_${m.id}`, String(m.leadTimeDays)], [`on_${m.id}`, 'true'],
    ]));
    expect(parseAarshjulForm(input, file)).toEqual({ ok: true, overrides: [] });
  });

  it('when a date, a notice and a switch change, then only those are kept', () => {
    expect(parseAarshjulForm({ 'date_mus-held': '2026-04-07', 'lead_profile-review': 30, 'on_action-plan-due': 'false' }, file)).toEqual({
      ok: true,
      overrides: [{ id: 'profile-review', leadTimeDays: 30 }, { id: 'mus-held', date: { month: 4, day: 7 } }, { id: 'action-plan-due', disabled: true }],
    });
  });

  it.each([
    ['an impossible date', { 'date_mus-held': '2026-02-30' }, 'er ikke en gyldig dato'],
    ['a month 13', { 'date_mus-held': '2026-13-01' }, 'er ikke en gyldig dato'],
    ['a notice over 180 days', { 'lead_mus-held': '181' }, 'varslet skal være 0–180 dage'],
    ['a notice that is not a whole number', { 'lead_mus-held': '2.5' }, 'varslet skal være 0–180 dage'],
  ])('when the form has %s, then it is refused', (_what, input, message) => {
    const form = parseAarshjulForm(input, file);
    expect(!form.ok && form.problems[0]!.da).toContain(message);
  });
});
