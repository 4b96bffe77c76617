import { assertAllowed } from '../domain/authorization';
import { type Competence, type DomainData, groupsWithCompetences } from '../domain/catalogue';
import { NotFoundError } from '../domain/errors';
import { type ActionItem, type AreaSuggestion, parseActionItems, suggestAreas } from '../domain/actionPlan';
import type { LocalizedText } from '../domain/i18n';
import { withDepartmentCompetences } from '../domain/profile';
import type { Repositories } from '../storage';
import type { ActionPlan } from '../storage/actionPlanRepository';
import { ConcurrencyError } from '../storage/entityTable';
import { runLimited } from '../storage/orgRepository';
import { subjectOf } from './department';
import { gapSummary } from './gaps';
import type { Member } from './identity';

export interface ActionPlanView {
  departmentId: string;
  departmentName: string;
  cycle: string;
  /** The competences an item can be about: the model's and the department's own. */
  competences: Competence[];
  /** What the gaps, the team's votes and the individual plans point at, most pressing first. */
  suggestions: Array<AreaSuggestion & { competence: Competence }>;
  plan?: ActionPlan;
  /** The ETag the card carries, so a save over someone else's newer save is refused. */
  etag?: string;
}

/**
 * The department's action plan as its leader composes it: the plan so far and what to build it
 * from — gaps only where the anonymity rules show them, the team's votes on posted summaries, and
 * how many goals in the department's development plans work on each competence.
 */
export async function openActionPlan(
  repos: Repositories, data: DomainData, member: Member, departmentId: string, cycle: string, threshold: number,
): Promise<ActionPlanView> {
  const subject = await subjectOf(repos, member);
  assertAllowed(subject, { action: 'edit-action-plan', departmentId });
  const department = await repos.org.getDepartment(departmentId);
  if (!department) throw new NotFoundError(`department ${departmentId}`);
  const [summary, votes, stored, profile, memberIds] = await Promise.all([
    gapSummary(repos, data, member, departmentId, cycle, threshold),
    repos.postings.votesFor(departmentId, cycle),
    repos.actionPlans.get(departmentId, cycle),
    repos.departmentSettings.getProfile(departmentId, cycle),
    repos.org.listMemberIds(departmentId),
  ]);
  const planGoals = new Map<string, number>();
  await runLimited(memberIds, 8, async (id) => {
    const plan = await repos.plans.load(id, cycle, departmentId);
    for (const goal of plan.plan.goals) planGoals.set(goal.competenceId, (planGoals.get(goal.competenceId) ?? 0) + 1);
  });
  const competences = withDepartmentCompetences(groupsWithCompetences(data.competenceModel, 'employee'), profile?.competences ?? []).flatMap((g) => g.competences);
  const byId = new Map(competences.map((c) => [c.id, c]));
  const gaps = new Map(summary.lines.flatMap((l) => (l.figure?.gap !== undefined ? [[l.competence.id, l.figure.gap] as const] : [])));
  const suggestions = suggestAreas(competences.map((c) => ({
    competenceId: c.id, votes: votes.get(c.id) ?? 0, planGoals: planGoals.get(c.id) ?? 0, ...(gaps.has(c.id) ? { gap: gaps.get(c.id)! } : {}),
  }))).map((s) => ({ ...s, competence: byId.get(s.competenceId)! }));
  return {
    departmentId, departmentName: department.name, cycle, competences, suggestions,
    ...(stored ? { plan: stored.plan, etag: stored.etag } : {}),
  };
}

export type ActionPlanSave =
  | { kind: 'saved'; plan: ActionPlan; view: ActionPlanView }
  | { kind: 'invalid'; problems: LocalizedText[]; view: ActionPlanView }
  | { kind: 'stale'; view: ActionPlanView };

/**
 * Saves the plan as a draft, or approves it (a numbered version). A change after approval is a
 * draft again until approved anew. A card older than the stored plan changes nothing.
 */
export async function saveActionPlan(
  repos: Repositories, data: DomainData, member: Member, departmentId: string, cycle: string, threshold: number,
  input: unknown, cardEtag: string, approve: boolean,
): Promise<ActionPlanSave> {
  const view = await openActionPlan(repos, data, member, departmentId, cycle, threshold);
  if ((view.etag ?? '') !== cardEtag) return { kind: 'stale', view };
  const parsed = parseActionItems(input, {
    competenceIds: new Set(view.competences.map((c) => c.id)),
    activityIds: new Set(data.activityCatalogue.activities.map((a) => a.id)),
  }, cycle);
  if (!parsed.ok) return { kind: 'invalid', problems: parsed.problems, view };
  try {
    const plan = await repos.actionPlans.save(departmentId, cycle, parsed.items, member.person.id, approve, view.etag, view.plan);
    const saved = await repos.actionPlans.get(departmentId, cycle);
    return { kind: 'saved', plan, view: { ...view, plan, ...(saved ? { etag: saved.etag } : {}) } };
  } catch (error) {
    if (error instanceof ConcurrencyError) return { kind: 'stale', view: await openActionPlan(repos, data, member, departmentId, cycle, threshold) };
    throw error;
  }
}

/** The plan's items, the way the form is filled: the saved ones, or the suggestions to start from. */
export function itemsToEdit(view: ActionPlanView): ActionItem[] {
  if (view.plan) return view.plan.items;
  return view.suggestions.slice(0, 3).map((s) => ({ goal: '', competenceId: s.competenceId, activityId: '', owner: '', due: '' }));
}
