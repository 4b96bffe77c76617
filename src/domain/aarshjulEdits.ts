import { z } from 'zod';
import { type Aarshjul, maxLeadTimeDays, type MilestoneOverride } from './catalogue';
import type { LocalizedText } from './i18n';
import { isCalendarDate } from './quietHours';

/**
 * HR's changes to the årshjul, made in chat: for the whole municipality, or for one department.
 * Each is a list of overrides (a milestone moved, its lead time changed, or switched off) laid
 * over the data file's årshjul. Pure.
 */
export interface AarshjulEdits {
  municipality: MilestoneOverride[];
  departments: Array<{ departmentId: string; milestones: MilestoneOverride[] }>;
  /** Changes whenever an edit is saved, so that the planner plans again at once. */
  stamp: string;
}

export const noEdits: AarshjulEdits = { municipality: [], departments: [], stamp: '' };

/** The årshjul in force: the file's, with HR's municipality edits, then department edits (HR's win over the file's). */
export function applyAarshjulEdits(aarshjul: Aarshjul, edits: AarshjulEdits): Aarshjul {
  if (edits.municipality.length === 0 && edits.departments.length === 0) return aarshjul;
  const milestones = aarshjul.milestones.flatMap((milestone) => {
    const edit = edits.municipality.find((e) => e.id === milestone.id);
    if (edit?.disabled) return [];
    return [{ ...milestone, ...(edit?.date ? { date: edit.date } : {}), ...(edit?.leadTimeDays !== undefined ? { leadTimeDays: edit.leadTimeDays } : {}) }];
  });
  const departments = new Map((aarshjul.departments ?? []).map((d) => [d.departmentId, d.milestones]));
  for (const d of edits.departments) {
    const fromFile = (departments.get(d.departmentId) ?? []).filter((o) => !d.milestones.some((e) => e.id === o.id));
    departments.set(d.departmentId, [...fromFile, ...d.milestones]);
  }
  return {
    ...aarshjul,
    version: `${aarshjul.version}+${edits.stamp}`,
    milestones,
    departments: [...departments].filter(([, m]) => m.length > 0).map(([departmentId, m]) => ({ departmentId, milestones: m })),
  };
}

export const aarshjulInputs = {
  date: (id: string) => `date_${id}`,
  lead: (id: string) => `lead_${id}`,
  active: (id: string) => `on_${id}`,
} as const;
const inputKey = /^(date|lead|on)_(.+)$/;

/** The card's fields, one schema each; a message names the problem (see `problemText`). */
const fieldSchemas = (cycleYear: number) => ({
  date: z.string().trim()
    .refine(isCalendarDate, 'not-a-date')
    .refine((value) => Math.abs(Number(value.slice(0, 4)) - cycleYear) <= 1, 'outside-cycle')
    .transform((value) => ({ month: Number(value.slice(5, 7)), day: Number(value.slice(8, 10)) })),
  lead: z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'lead').transform(Number)])
    .pipe(z.number({ message: 'lead' }).int('lead').min(0, 'lead').max(maxLeadTimeDays, 'lead')),
  on: z.union([z.boolean(), z.enum(['true', 'false'], { message: 'switch' }).transform((value) => value === 'true')]),
});
type Problem = 'not-a-date' | 'outside-cycle' | 'lead' | 'switch';

function problemText(problem: Problem, name: LocalizedText, cycleYear: number): LocalizedText {
  switch (problem) {
    case 'not-a-date': return { da: `${name.da}: datoen er ikke en gyldig dato.`, en: `${name.en}: the date is not a valid date.` };
    case 'outside-cycle': return { da: `${name.da}: datoen skal ligge i ${cycleYear - 1}–${cycleYear + 1}.`, en: `${name.en}: the date must be in ${cycleYear - 1}–${cycleYear + 1}.` };
    case 'lead': return { da: `${name.da}: varslet skal være 0–${maxLeadTimeDays} dage.`, en: `${name.en}: the notice must be 0–${maxLeadTimeDays} days.` };
    case 'switch': return { da: `${name.da}: slå den til eller fra.`, en: `${name.en}: switch it on or off.` };
  }
}

/**
 * The edit card's fields for each milestone (`date_<id>`, `lead_<id>`, `on_<id>`): a date in the
 * cycle year ± 1 (its month and day are kept: the årshjul repeats every year), the notice in
 * days (0–90) and whether it is on. Recurring milestones have no date field (their dates follow
 * their recurrence); a field for a milestone `base` does not have is refused. An empty field
 * leaves the milestone as `base` has it. Only what differs from `base` is kept as an override.
 */
export function parseAarshjulForm(
  input: Record<string, unknown>, base: Aarshjul, cycleYear: number,
): { ok: true; overrides: MilestoneOverride[] } | { ok: false; problems: LocalizedText[] } {
  const schemas = fieldSchemas(cycleYear);
  const problems: LocalizedText[] = [];
  const overrides = new Map(base.milestones.map((m) => [m.id, { id: m.id } as MilestoneOverride]));
  for (const [key, value] of Object.entries(input)) {
    const [, field, id] = inputKey.exec(key) ?? [];
    if (!field || !id || value === '' || value === undefined) continue;
    const milestone = base.milestones.find((m) => m.id === id);
    if (!milestone || (field === 'date' && milestone.recurrence)) {
      problems.push({ da: `Årshjulet har ingen milepæl "${id}", der kan rettes sådan.`, en: `The annual cycle has no milestone "${id}" that can be changed like that.` });
      continue;
    }
    const override = overrides.get(id)!;
    if (field === 'date') {
      const date = schemas.date.safeParse(value);
      if (!date.success) problems.push(problemText(date.error.issues[0]!.message as Problem, milestone.name, cycleYear));
      else if (date.data.month !== milestone.date.month || date.data.day !== milestone.date.day) override.date = date.data;
    } else if (field === 'lead') {
      const lead = schemas.lead.safeParse(value);
      if (!lead.success) problems.push(problemText('lead', milestone.name, cycleYear));
      else if (lead.data !== milestone.leadTimeDays) override.leadTimeDays = lead.data;
    } else {
      const on = schemas.on.safeParse(value);
      if (!on.success) problems.push(problemText('switch', milestone.name, cycleYear));
      else if (!on.data) override.disabled = true;
    }
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, overrides: [...overrides.values()].filter((o) => Object.keys(o).length > 1) };
}
