import type { Competence, RatingScale } from './catalogue';
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
