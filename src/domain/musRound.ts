import { z } from 'zod';
import type { LocalizedText } from './i18n';
import { isCalendarDate } from './quietHours';

/**
 * A leader's MUS round: a deadline for the department's preparation. Pure validation of the
 * start form; the deadline is a calendar date (Adaptive Cards' Input.Date gives YYYY-MM-DD).
 */
export const maxRoundDays = 366;

export type RoundForm = { ok: true; deadline: string; includeSubDepartments: boolean } | { ok: false; problems: LocalizedText[] };

const formSchema = z.object({
  deadline: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/).optional().or(z.literal('')),
  includeSub: z.enum(['true', 'false']).optional(),
});

export function parseRoundForm(input: unknown, today: string): RoundForm {
  const parsed = formSchema.safeParse(input ?? {});
  const deadline = parsed.success ? parsed.data.deadline : undefined;
  if (!deadline) {
    return { ok: false, problems: [{ da: 'Vælg en frist for forberedelsen.', en: 'Choose a deadline for the preparation.' }] };
  }
  if (!isCalendarDate(deadline)) {
    return { ok: false, problems: [{ da: 'Fristen er ikke en gyldig dato.', en: 'The deadline is not a valid date.' }] };
  }
  const days = (Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  if (days < 1) return { ok: false, problems: [{ da: 'Fristen skal ligge efter i dag.', en: 'The deadline must be after today.' }] };
  if (days > maxRoundDays) return { ok: false, problems: [{ da: 'Fristen må højst ligge et år frem.', en: 'The deadline can be at most a year ahead.' }] };
  return { ok: true, deadline, includeSubDepartments: parsed.success && parsed.data.includeSub === 'true' };
}
