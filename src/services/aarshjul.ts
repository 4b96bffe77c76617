import { cycleYearOf } from '../domain/aarshjul';
import { applyAarshjulEdits, parseAarshjulForm } from '../domain/aarshjulEdits';
import { assertAllowed } from '../domain/authorization';
import type { Aarshjul, DomainData, Milestone, MilestoneOverride, YearlyDate } from '../domain/catalogue';
import type { LocalizedText } from '../domain/i18n';
import type { Repositories } from '../storage';
import { subjectOf } from './department';
import type { Member } from './identity';

/** The årshjul in force: the data file's, with HR's edits from chat laid over it. */
export async function effectiveAarshjul(repos: Repositories, data: DomainData): Promise<Aarshjul> {
  return applyAarshjulEdits(data.aarshjul, await repos.aarshjul.load());
}

export interface AarshjulRow {
  milestone: Milestone;
  date: YearlyDate;
  leadTimeDays: number;
  active: boolean;
}

/**
 * What an edit starts from and what it shows. For the municipality: the file's milestones with
 * HR's municipality edits; for a department: the municipality's årshjul with that department's
 * overrides (from the file or HR).
 */
async function scopeOf(repos: Repositories, data: DomainData, departmentId: string | undefined) {
  const edits = await repos.aarshjul.load();
  const base = departmentId ? applyAarshjulEdits(data.aarshjul, { ...edits, departments: [] }) : data.aarshjul;
  const overrides: MilestoneOverride[] = departmentId
    ? applyAarshjulEdits(data.aarshjul, edits).departments?.find((d) => d.departmentId === departmentId)?.milestones ?? []
    : edits.municipality;
  return { base, overrides };
}

export async function aarshjulForEditing(repos: Repositories, data: DomainData, member: Member, departmentId?: string): Promise<AarshjulRow[]> {
  assertAllowed(await subjectOf(repos, member), { action: 'edit-aarshjul' });
  const { base, overrides } = await scopeOf(repos, data, departmentId);
  return base.milestones.map((milestone) => {
    const o = overrides.find((x) => x.id === milestone.id);
    return { milestone, date: o?.date ?? milestone.date, leadTimeDays: o?.leadTimeDays ?? milestone.leadTimeDays, active: !o?.disabled };
  });
}

/** Saves HR's edit card for the municipality or one department (refused input changes nothing). */
export async function saveAarshjul(
  repos: Repositories, data: DomainData, member: Member, departmentId: string | undefined, input: Record<string, unknown> | 'reset', now: Date,
): Promise<{ ok: true } | { ok: false; problems: LocalizedText[] }> {
  assertAllowed(await subjectOf(repos, member), { action: 'edit-aarshjul' });
  if (input === 'reset') {
    await repos.aarshjul.save(departmentId, [], member.person.id);
    return { ok: true };
  }
  const { base } = await scopeOf(repos, data, departmentId);
  const form = parseAarshjulForm(input, base, cycleYearOf(data.aarshjul, now));
  if (!form.ok) return form;
  await repos.aarshjul.save(departmentId, form.overrides, member.person.id);
  return { ok: true };
}
