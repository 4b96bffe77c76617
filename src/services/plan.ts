import { randomUUID } from 'node:crypto';
import { assertAllowed } from '../domain/authorization';
import { recordReads } from './audit';
import { type Activity, type Competence, type DomainData, groupsWithCompetences } from '../domain/catalogue';
import { NotFoundError } from '../domain/errors';
import type { LocalizedText } from '../domain/i18n';
import type { Person } from '../domain/org';
import {
  addAction, addGoal, approve, type EffectAnswer, findAction, limitProblem, parseActionForm, parseEffectForm, parseGoalForm,
  type PlanParty, type PlanState, planStatus, removeAction, removeGoal,
} from '../domain/plan';
import type { Repositories } from '../storage';
import { ConcurrencyError } from '../storage/entityTable';
import type { StoredPlan } from '../storage/planRepository';
import { subjectOf } from './department';
import type { Member } from './identity';
import { conversationAudience, leadersOf, preparationContext, ratedCompetences } from './preparation';

/** A plan as one of its two parties sees it. */
export interface PlanView {
  owner: Person;
  /** Whether the member acts as the plan's employee or as their leader. */
  party: PlanParty;
  stored: StoredPlan;
  cycle: string;
  /** The card was older than the plan: the current plan is shown instead. */
  stale?: boolean;
  /** Why the last change was refused (the form's typed values come back with it). */
  problems?: LocalizedText[];
}

/**
 * The competences a plan's goals can be about: those the employee rates (with the department's
 * own), and for a leader their leader competences and the general ones.
 */
export async function planCompetences(repos: Repositories, data: DomainData, owner: Person, now: Date): Promise<Competence[]> {
  const rated = ratedCompetences(await preparationContext(repos, data, owner, now));
  if (conversationAudience(owner) === 'employee') return rated;
  return [...rated, ...groupsWithCompetences(data.competenceModel, 'employee').flatMap((g) => g.competences)];
}

/** The plan of `ownerId` this cycle, once the member may work on it (NotFound / NotAllowed). */
export async function openPlan(repos: Repositories, member: Member, ownerId: string, cycle: string): Promise<PlanView> {
  const owner = await repos.org.getPerson(ownerId);
  if (!owner || !owner.active) throw new NotFoundError(`person ${ownerId}`);
  assertAllowed(await subjectOf(repos, member), { action: 'work-on-plan', ownerId: owner.id, ownerDepartmentId: owner.departmentId });
  const stored = await repos.plans.load(owner.id, cycle, owner.departmentId);
  // The leader opening an employee's plan reads their personal data (recorded; one's own is not).
  await recordReads(repos, member, [owner.id], 'plan', cycle);
  return { owner, party: owner.id === member.person.id ? 'employee' : 'leader', stored, cycle };
}

export type PlanChange =
  | { kind: 'add-goal'; input: Record<string, unknown> }
  | { kind: 'add-action'; goalId: string; input: Record<string, unknown> }
  | { kind: 'remove-goal'; goalId: string }
  | { kind: 'remove-action'; goalId: string; actionId: string }
  | { kind: 'approve' };

/** What the other party should be told after a change, if anything. */
export type PlanEvent = 'approved-by-one' | 'approved' | 'reopened';

export interface PlanChangeOutcome {
  view: PlanView;
  /** Set when the change was saved and the other party should hear of it. */
  event?: PlanEvent;
  /** The people on the other side of the plan (the employee, or their leaders). */
  counterparts: Array<{ id: string; name: string }>;
}

type Applied = { ok: true; plan: PlanState } | { ok: false; problems: LocalizedText[] };

function apply(plan: PlanState, change: PlanChange, party: PlanParty, member: Member, context: { competenceIds: string[]; activities: readonly Activity[]; now: Date }): Applied {
  const today = context.now.toISOString().slice(0, 10);
  const newId = () => randomUUID().slice(0, 8);
  switch (change.kind) {
    case 'add-goal': {
      const limit = limitProblem(plan);
      if (limit) return { ok: false, problems: [limit] };
      const form = parseGoalForm(change.input, context.competenceIds, context.activities, today);
      if (!form.ok) return form;
      const { action, ...goal } = form.value;
      return { ok: true, plan: addGoal(plan, { id: newId(), ...goal, actions: [{ id: newId(), ...action }] }) };
    }
    case 'add-action': {
      if (!plan.goals.some((g) => g.id === change.goalId)) return { ok: false, problems: [goneProblem] };
      const limit = limitProblem(plan, change.goalId);
      if (limit) return { ok: false, problems: [limit] };
      const form = parseActionForm(change.input, context.activities, today);
      if (!form.ok) return form;
      return { ok: true, plan: addAction(plan, change.goalId, { id: newId(), ...form.value }) };
    }
    case 'remove-goal':
      return { ok: true, plan: removeGoal(plan, change.goalId) };
    case 'remove-action':
      return { ok: true, plan: removeAction(plan, change.goalId, change.actionId) };
    case 'approve': {
      const outcome = approve(plan, party, { personId: member.person.id, at: context.now.toISOString() });
      return outcome.ok ? { ok: true, plan: outcome.plan } : outcome;
    }
  }
}

const goneProblem: LocalizedText = { da: 'Målet findes ikke længere i planen.', en: 'The goal is no longer in the plan.' };

function eventOf(before: PlanState, after: PlanState): PlanEvent | undefined {
  if (after.approvedVersion > before.approvedVersion) return 'approved';
  const approvedBefore = planStatus(before).kind === 'approved';
  if (approvedBefore && planStatus(after).kind !== 'approved') return 'reopened';
  const count = (p: PlanState) => Object.keys(p.approvals).length;
  if (count(after) > count(before)) return 'approved-by-one';
  return undefined;
}

/**
 * Applies one change from a plan card. A card older than the stored plan (another device, the
 * other party changed it meanwhile, a double click) changes nothing and gets the current plan.
 */
export async function changePlan(
  repos: Repositories, data: DomainData, member: Member, ownerId: string, cycle: string, revision: number | undefined,
  change: PlanChange, now: Date,
): Promise<PlanChangeOutcome> {
  const view = await openPlan(repos, member, ownerId, cycle);
  const counterparts = view.party === 'employee' ? await leadersOf(repos, view.owner) : [{ id: view.owner.id, name: view.owner.name }];
  const before = view.stored.plan;
  if (revision !== before.revision) return { view: { ...view, stale: true }, counterparts };
  const applied = apply(before, change, view.party, member, {
    // Only a new goal names a competence: other changes need not read the owner's preparation setup.
    competenceIds: change.kind === 'add-goal' ? (await planCompetences(repos, data, view.owner, now)).map((c) => c.id) : [],
    activities: data.activityCatalogue.activities, now,
  });
  if (!applied.ok) return { view: { ...view, problems: applied.problems }, counterparts };
  if (applied.plan === before) return { view, counterparts };
  try {
    await repos.plans.save(view.owner.id, cycle, view.stored, applied.plan, member.person.id);
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    return { view: { ...(await openPlan(repos, member, ownerId, cycle)), stale: true }, counterparts };
  }
  const event = eventOf(before, applied.plan);
  return { view: await openPlan(repos, member, ownerId, cycle), counterparts, ...(event ? { event } : {}) };
}

/** The employee's own answer to how an action went; stored with the plan, seen by the leader. */
export async function saveEffect(
  repos: Repositories, member: Member, cycle: string, actionId: string, input: Record<string, unknown>,
): Promise<{ ok: true; view: PlanView } | { ok: false; problems: LocalizedText[]; view: PlanView }> {
  assertAllowed(await subjectOf(repos, member), { action: 'evaluate-own-plan', ownerId: member.person.id });
  const view = await openPlan(repos, member, member.person.id, cycle);
  if (!findAction(view.stored.plan, actionId)) throw new NotFoundError(`plan action ${actionId}`);
  const form = parseEffectForm(input);
  if (!form.ok) return { ok: false, problems: form.problems, view };
  await repos.plans.saveEffect(member.person.id, cycle, actionId, form.value);
  return { ok: true, view: await openPlan(repos, member, member.person.id, cycle) };
}

export type { EffectAnswer };
