import type { Competence, RatingScale } from './catalogue';
import type { LocalizedText } from './i18n';

/** Card input id of a competence's desired level. */
export const desiredInputId = (competenceId: string) => `d_${competenceId}`;

export type ProfileForm = { ok: true; desired: Record<string, number> } | { ok: false; problems: LocalizedText[] };

/** Validates the profile card: each competence empty (no wish) or a level of the scale. */
export function parseProfileForm(input: Record<string, unknown>, competences: readonly Competence[], scale: RatingScale): ProfileForm {
  const levels = new Set(scale.levels.map((l) => String(l.value)));
  const desired: Record<string, number> = {};
  const problems: LocalizedText[] = [];
  for (const competence of competences) {
    const raw = input[desiredInputId(competence.id)];
    if (raw === undefined || raw === null || raw === '') continue;
    if (typeof raw !== 'string' || !levels.has(raw.trim())) {
      problems.push({ da: `${competence.name.da}: vælg et niveau på skalaen.`, en: `${competence.name.en}: choose a level on the scale.` });
      continue;
    }
    desired[competence.id] = Number(raw.trim());
  }
  return problems.length ? { ok: false, problems } : { ok: true, desired };
}
