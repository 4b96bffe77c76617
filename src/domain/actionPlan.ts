import { z } from 'zod';
import { isCalendarDate } from './quietHours';
import type { LocalizedText } from './i18n';

/**
 * A plan for a group: the department's action plan (handlingsplan, from the gaps, the team's
 * votes and the individual plans) and a team's agreed plan after a GRUS. Areas to work on, each
 * with an activity from the catalogue, who is responsible, and by when.
 */
export interface ActionItem {
  /** What the group wants to reach ("Alle kan bruge den nye journal"). */
  goal: string;
  /** The competence it develops ('' when it is not one of the model's). */
  competenceId: string;
  /** An activity from the catalogue. */
  activityId: string;
  /** Who is responsible (a name or a role: "Lars", "teamet", "Mette og Sofie"). */
  owner: string;
  /** The date it is to be done by (YYYY-MM-DD). */
  due: string;
}

export const maxActionItems = 6;
export const goalMaxLength = 300;
export const ownerMaxLength = 100;

/** Card input ids of slot `i`. */
export const itemInputIds = (slot: number) => ({
  goal: `goal_${slot}`, competenceId: `competence_${slot}`, activityId: `activity_${slot}`, owner: `owner_${slot}`, due: `due_${slot}`,
});

const field = z.preprocess((v) => (v === undefined || v === null ? '' : v), z.string()).transform((s) => s.trim());

export type ActionItemsParse = { ok: true; items: ActionItem[] } | { ok: false; problems: LocalizedText[] };

/**
 * The items a plan form submitted: every filled slot must have a goal, an activity from the
 * catalogue, someone responsible and a date within the cycle's reach; a slot left empty is no
 * item. Anything a real card cannot send (wrong types, unknown ids) is refused, never stored.
 */
export function parseActionItems(
  input: unknown,
  known: { competenceIds: ReadonlySet<string>; activityIds: ReadonlySet<string> },
  cycle: string,
): ActionItemsParse {
  const problems: LocalizedText[] = [];
  const items: ActionItem[] = [];
  const record = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const firstYear = Number(cycle);
  for (let slot = 0; slot < maxActionItems; slot++) {
    const ids = itemInputIds(slot);
    const raw = {
      goal: field.safeParse(record[ids.goal]), competenceId: field.safeParse(record[ids.competenceId]),
      activityId: field.safeParse(record[ids.activityId]), owner: field.safeParse(record[ids.owner]), due: field.safeParse(record[ids.due]),
    };
    const n = slot + 1;
    if (Object.values(raw).some((r) => !r.success)) {
      problems.push({ da: `Punkt ${n}: et felt har en forkert form.`, en: `Item ${n}: a field has the wrong form.` });
      continue;
    }
    const item = Object.fromEntries(Object.entries(raw).map(([k, r]) => [k, r.success ? r.data : ''])) as unknown as ActionItem;
    if (!item.goal && !item.activityId && !item.owner && !item.due && !item.competenceId) continue;
    const before = problems.length;
    if (!item.goal) problems.push({ da: `Punkt ${n}: skriv målet.`, en: `Item ${n}: write the goal.` });
    if ([...item.goal].length > goalMaxLength) problems.push({ da: `Punkt ${n}: målet må højst have ${goalMaxLength} tegn.`, en: `Item ${n}: the goal may have at most ${goalMaxLength} characters.` });
    if (item.competenceId && !known.competenceIds.has(item.competenceId)) problems.push({ da: `Punkt ${n}: vælg en kompetence fra listen.`, en: `Item ${n}: choose a competence from the list.` });
    if (!known.activityIds.has(item.activityId)) problems.push({ da: `Punkt ${n}: vælg en aktivitet fra listen.`, en: `Item ${n}: choose an activity from the list.` });
    if (!item.owner) problems.push({ da: `Punkt ${n}: skriv hvem der er ansvarlig.`, en: `Item ${n}: say who is responsible.` });
    if ([...item.owner].length > ownerMaxLength) problems.push({ da: `Punkt ${n}: "ansvarlig" må højst have ${ownerMaxLength} tegn.`, en: `Item ${n}: "responsible" may have at most ${ownerMaxLength} characters.` });
    const year = Number(item.due.slice(0, 4));
    if (!isCalendarDate(item.due) || year < firstYear || year > firstYear + 2) {
      problems.push({ da: `Punkt ${n}: vælg en dato fra ${firstYear} til ${firstYear + 2}.`, en: `Item ${n}: choose a date from ${firstYear} to ${firstYear + 2}.` });
    }
    if (problems.length === before) items.push(item);
  }
  if (problems.length === 0 && items.length === 0) problems.push({ da: 'Skriv mindst ét punkt i planen.', en: 'Write at least one item in the plan.' });
  return problems.length ? { ok: false, problems } : { ok: true, items };
}

/** A suggested area for the department's action plan, from what the bot knows. */
export interface AreaSuggestion {
  competenceId: string;
  /** The gap where the anonymity rules let it be shown. */
  gap?: number;
  /** The team's priority votes on posted gap summaries. */
  votes: number;
  /** Goals in the department's individual development plans that develop this competence. */
  planGoals: number;
}

/**
 * The areas worth a place in the action plan, most pressing first: those the team voted for,
 * then the largest gaps, then the competences most individual plans work on.
 */
export function suggestAreas(suggestions: readonly AreaSuggestion[], limit = maxActionItems): AreaSuggestion[] {
  return suggestions
    .filter((s) => s.votes > 0 || (s.gap ?? 0) > 0 || s.planGoals > 0)
    .sort((a, b) => b.votes - a.votes || (b.gap ?? 0) - (a.gap ?? 0) || b.planGoals - a.planGoals || a.competenceId.localeCompare(b.competenceId))
    .slice(0, limit);
}
