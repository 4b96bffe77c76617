import type { Competence, GroupWithCompetences, RatingScale } from './catalogue';
import type { LocalizedText } from './i18n';

/** Card input id of a competence's desired level. */
export const desiredInputId = (competenceId: string) => `d_${competenceId}`;

export type ProfileForm = { ok: true; desired: Record<string, number> } | { ok: false; problems: LocalizedText[] };

/** Card input id of a leader's rating of a competence. */
export const leaderRatingInputId = (competenceId: string) => `l_${competenceId}`;

/** Validates the profile card: each competence empty (no wish) or a level of the scale. */
export function parseProfileForm(input: Record<string, unknown>, competences: readonly Competence[], scale: RatingScale): ProfileForm {
  return parseLevelForm(input, competences, scale, desiredInputId);
}

/** Validates the leader's rating card: the same rule, each competence empty or on the scale. */
export function parseLeaderRatingForm(input: Record<string, unknown>, competences: readonly Competence[], scale: RatingScale): ProfileForm {
  return parseLevelForm(input, competences, scale, leaderRatingInputId);
}

function parseLevelForm(
  input: Record<string, unknown>, competences: readonly Competence[], scale: RatingScale, inputIdOf: (competenceId: string) => string,
): ProfileForm {
  const levels = new Set(scale.levels.map((l) => String(l.value)));
  const desired: Record<string, number> = {};
  const problems: LocalizedText[] = [];
  for (const competence of competences) {
    const raw = input[inputIdOf(competence.id)];
    if (raw === undefined || raw === null || raw === '') continue;
    if (typeof raw !== 'string' || !levels.has(raw.trim())) {
      problems.push({ da: `${competence.name.da}: vælg et niveau på skalaen.`, en: `${competence.name.en}: choose a level on the scale.` });
      continue;
    }
    desired[competence.id] = Number(raw.trim());
  }
  return problems.length ? { ok: false, problems } : { ok: true, desired };
}

// ---------------------------------------------------------------------------------------------
// The department's competence profile: desired levels for the whole department, per job group
// where it has several, and the department's own professional ("faglige") competences.

/** A professional competence a department adds to the municipality's model, in its own words. */
export interface DepartmentCompetence {
  id: string;
  groupId: string;
  name: string;
  short: string;
}

export interface CompetenceProfile {
  /** Desired level per competence id, for the whole department. */
  desired: Record<string, number>;
  /** Per job group: levels that differ from the department's. */
  jobGroups: Record<string, Record<string, number>>;
  competences: DepartmentCompetence[];
}

export const emptyProfile: CompetenceProfile = { desired: {}, jobGroups: {}, competences: [] };

export const departmentCompetenceLimits = { count: 10, name: 60, short: 140 } as const;

/** A department competence in the model's shape (the leader's words serve both languages). */
export function asCompetence(c: DepartmentCompetence): Competence {
  const text = (value: string) => ({ da: value, en: value });
  return { id: c.id, groupId: c.groupId, audience: 'employee', name: text(c.name), short: text(c.short), what: text(c.short), why: text(''), how: text(''), professional: true };
}

/** The model's groups for employees, with the department's own competences added to their group. */
export function withDepartmentCompetences(groups: readonly GroupWithCompetences[], extras: readonly DepartmentCompetence[]): GroupWithCompetences[] {
  return groups.map((g) => ({ ...g, competences: [...g.competences, ...extras.filter((c) => c.groupId === g.id).map(asCompetence)] }));
}

/** The levels a person is rated against: the job group's where set, else the department's. */
export function desiredFor(profile: CompetenceProfile, jobGroup: string | undefined): Record<string, number> {
  return { ...profile.desired, ...(jobGroup ? profile.jobGroups[jobGroup] ?? {} : {}) };
}

export const newCompetenceInputs = { name: 'c_name', short: 'c_short', group: 'c_group' } as const;

/**
 * The "add a professional competence" fields of the profile card: all empty means none is added;
 * otherwise a name, a one-line description and a group are needed.
 */
export function parseNewCompetence(
  input: Record<string, unknown>, groupIds: readonly string[], existing: readonly DepartmentCompetence[], newId: string,
): { ok: true; competence?: DepartmentCompetence } | { ok: false; problems: LocalizedText[] } {
  const field = (id: string) => (typeof input[id] === 'string' ? (input[id] as string).trim() : '');
  const name = field(newCompetenceInputs.name);
  const short = field(newCompetenceInputs.short);
  const groupId = field(newCompetenceInputs.group);
  if (!name && !short) return { ok: true };
  const problems: LocalizedText[] = [];
  const count = (value: string) => [...value].length;
  if (!name) problems.push({ da: 'Giv den nye kompetence et navn.', en: 'Give the new competence a name.' });
  if (count(name) > departmentCompetenceLimits.name) problems.push({ da: `Navnet må højst have ${departmentCompetenceLimits.name} tegn.`, en: `The name can have at most ${departmentCompetenceLimits.name} characters.` });
  if (!short) problems.push({ da: 'Beskriv den nye kompetence med en linje.', en: 'Describe the new competence in one line.' });
  if (count(short) > departmentCompetenceLimits.short) problems.push({ da: `Beskrivelsen må højst have ${departmentCompetenceLimits.short} tegn.`, en: `The description can have at most ${departmentCompetenceLimits.short} characters.` });
  if (!groupIds.includes(groupId)) problems.push({ da: 'Vælg hvilken gruppe kompetencen hører til.', en: 'Choose the group the competence belongs to.' });
  if (existing.some((c) => c.name.toLowerCase() === name.toLowerCase())) problems.push({ da: `Afdelingen har allerede "${name}".`, en: `The department already has "${name}".` });
  if (existing.length >= departmentCompetenceLimits.count) problems.push({ da: `En afdeling kan have højst ${departmentCompetenceLimits.count} egne kompetencer.`, en: `A department can have at most ${departmentCompetenceLimits.count} competences of its own.` });
  if (problems.length) return { ok: false, problems };
  return { ok: true, competence: { id: newId, groupId, name, short } };
}
