import type { Aarshjul, MilestoneOverride } from './catalogue';
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

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The edit card's fields for each milestone: a date (its month and day are kept; the year is the
 * card's), the lead time in days (0–180) and whether it is on. Only what differs from `base` is
 * kept as an override.
 */
export function parseAarshjulForm(
  input: Record<string, unknown>, base: Aarshjul,
): { ok: true; overrides: MilestoneOverride[] } | { ok: false; problems: LocalizedText[] } {
  const problems: LocalizedText[] = [];
  const overrides: MilestoneOverride[] = [];
  for (const milestone of base.milestones) {
    const name = milestone.name;
    const rawDate = input[aarshjulInputs.date(milestone.id)];
    const rawLead = input[aarshjulInputs.lead(milestone.id)];
    const on = input[aarshjulInputs.active(milestone.id)];
    const override: MilestoneOverride = { id: milestone.id };
    if (typeof rawDate === 'string' && rawDate.trim() !== '') {
      const match = isoDate.exec(rawDate.trim());
      if (!match || !isCalendarDate(rawDate.trim())) problems.push({ da: `${name.da}: "${rawDate}" er ikke en gyldig dato.`, en: `${name.en}: "${rawDate}" is not a valid date.` });
      else {
        const date = { month: Number(match[2]), day: Number(match[3]) };
        if (date.month !== milestone.date.month || date.day !== milestone.date.day) override.date = date;
      }
    }
    if (rawLead !== undefined && rawLead !== '') {
      const lead = Number(rawLead);
      if (!Number.isInteger(lead) || lead < 0 || lead > 180) problems.push({ da: `${name.da}: varslet skal være 0–180 dage.`, en: `${name.en}: the notice must be 0–180 days.` });
      else if (lead !== milestone.leadTimeDays) override.leadTimeDays = lead;
    }
    if (on === 'false' || on === false) override.disabled = true;
    if (Object.keys(override).length > 1) overrides.push(override);
  }
  return problems.length ? { ok: false, problems } : { ok: true, overrides };
}
