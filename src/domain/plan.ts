import { z } from 'zod';
import type { Activity, ActivityForm } from './catalogue';
import type { LocalizedText } from './i18n';
import { isCalendarDate } from './quietHours';

/**
 * The development plan (udviklingsplan, Herlev's form): goals tied to competences; for each goal
 * the actions that reach it (an activity from the catalogue, dates, who is responsible) and how
 * it is evaluated. One plan per employee per cycle. Either party drafts; both approve; an
 * approved plan is a numbered version, and any change afterwards needs both approvals again.
 * Pure: states in, states out.
 */

export const planParties = ['employee', 'leader'] as const;
export type PlanParty = (typeof planParties)[number];

export const responsibleOptions = ['employee', 'leader', 'both'] as const;
export type Responsible = (typeof responsibleOptions)[number];

/** Limits that keep a plan on one card and one Table entity (a property holds 32K characters). */
export const planLimits = { goals: 6, actionsPerGoal: 4, goalText: 300, evaluationText: 300, noteText: 300 } as const;

export interface PlanAction {
  id: string;
  activityId: string;
  note: string;
  start: string;
  end: string;
  responsible: Responsible;
}

export interface PlanGoal {
  id: string;
  competenceId: string;
  goal: string;
  evaluation: string;
  actions: PlanAction[];
}

export interface Approval {
  personId: string;
  at: string;
}

export interface PlanState {
  /** Goes up with every write; cards carry it so that a stale click never overwrites. */
  revision: number;
  goals: PlanGoal[];
  /** Approvals of the current content. Any change of content clears them. */
  approvals: Partial<Record<PlanParty, Approval>>;
  /** The number of the newest approved version (0: never approved). */
  approvedVersion: number;
}

export const emptyPlan: PlanState = { revision: 0, goals: [], approvals: {}, approvedVersion: 0 };

export type PlanStatus =
  | { kind: 'draft' }
  | { kind: 'awaiting'; approvedBy: PlanParty; waitingFor: PlanParty }
  | { kind: 'approved'; version: number }
  /** An approved plan was changed: both must approve the change. */
  | { kind: 'changed'; since: number; approvedBy?: PlanParty };

export function planStatus(plan: PlanState): PlanStatus {
  const approvedBy = planParties.filter((party) => plan.approvals[party]);
  if (approvedBy.length === 2) return { kind: 'approved', version: plan.approvedVersion };
  const one = approvedBy[0];
  if (plan.approvedVersion > 0) return { kind: 'changed', since: plan.approvedVersion, ...(one ? { approvedBy: one } : {}) };
  if (one) return { kind: 'awaiting', approvedBy: one, waitingFor: one === 'employee' ? 'leader' : 'employee' };
  return { kind: 'draft' };
}

/** A change of content: a new revision, and every approval of the old content is gone. */
function changed(plan: PlanState, goals: PlanGoal[]): PlanState {
  return { ...plan, revision: plan.revision + 1, goals, approvals: {} };
}

export function addGoal(plan: PlanState, goal: PlanGoal): PlanState {
  return changed(plan, [...plan.goals, goal]);
}

export function addAction(plan: PlanState, goalId: string, action: PlanAction): PlanState {
  return changed(plan, plan.goals.map((g) => (g.id === goalId ? { ...g, actions: [...g.actions, action] } : g)));
}

/** Removing what is not there (already removed on another device) changes nothing. */
export function removeGoal(plan: PlanState, goalId: string): PlanState {
  if (!plan.goals.some((g) => g.id === goalId)) return plan;
  return changed(plan, plan.goals.filter((g) => g.id !== goalId));
}

export function removeAction(plan: PlanState, goalId: string, actionId: string): PlanState {
  if (!plan.goals.some((g) => g.id === goalId && g.actions.some((a) => a.id === actionId))) return plan;
  return changed(plan, plan.goals.map((g) => (g.id === goalId ? { ...g, actions: g.actions.filter((a) => a.id !== actionId) } : g)));
}

/** Why a plan cannot be approved yet (empty when it can). */
export function approvalProblems(plan: PlanState): LocalizedText[] {
  if (plan.goals.length === 0) return [{ da: 'Tilføj mindst ét udviklingsmål, før planen godkendes.', en: 'Add at least one development goal before approving the plan.' }];
  return plan.goals
    .filter((g) => g.actions.length === 0)
    .map((g) => ({ da: `Målet "${g.goal}" mangler en handling.`, en: `The goal "${g.goal}" has no action.` }));
}

export type ApproveOutcome =
  | { ok: true; plan: PlanState; /** Both have now approved: `plan.approvedVersion` is new. */ nowApproved: boolean }
  | { ok: false; problems: LocalizedText[] };

/** One party approves the current content; with both approvals it becomes the next version. */
export function approve(plan: PlanState, party: PlanParty, approval: Approval): ApproveOutcome {
  const problems = approvalProblems(plan);
  if (problems.length) return { ok: false, problems };
  if (plan.approvals[party]) return { ok: true, plan, nowApproved: false };
  const approvals = { ...plan.approvals, [party]: approval };
  const both = planParties.every((p) => approvals[p]);
  return {
    ok: true,
    plan: { ...plan, revision: plan.revision + 1, approvals, approvedVersion: both ? plan.approvedVersion + 1 : plan.approvedVersion },
    nowApproved: both,
  };
}

/** Days after an action's end when the employee is asked how it went (seed 004). */
export const effectFollowUpDelayDays = 14;

export interface FollowUp {
  kind: 'effect';
  goalId: string;
  actionId: string;
  /** YYYY-MM-DD */
  due: string;
}

/** What the reminders should ask about, from an approved plan: every action, after it ends. */
export function planFollowUps(plan: PlanState): FollowUp[] {
  return plan.goals.flatMap((g) => g.actions.map((a) => ({ kind: 'effect' as const, goalId: g.id, actionId: a.id, due: addDays(a.end, effectFollowUpDelayDays) })));
}

/** The actions whose end date has passed by `today` (YYYY-MM-DD): these can be evaluated. */
export function endedActions(plan: PlanState, today: string): Array<{ goal: PlanGoal; action: PlanAction }> {
  return plan.goals.flatMap((goal) => goal.actions.filter((a) => a.end <= today).map((action) => ({ goal, action })));
}

export function findAction(plan: PlanState, actionId: string): { goal: PlanGoal; action: PlanAction } | undefined {
  for (const goal of plan.goals) {
    const action = goal.actions.find((a) => a.id === actionId);
    if (action) return { goal, action };
  }
  return undefined;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// The forms on the cards

/** Card input ids of the goal and action forms. */
export const planInputs = {
  competence: 'p_competence',
  goal: 'p_goal',
  evaluation: 'p_evaluation',
  activity: 'p_activity',
  note: 'p_note',
  start: 'p_start',
  end: 'p_end',
  responsible: 'p_responsible',
} as const;

export type FormResult<T> = { ok: true; value: T } | { ok: false; problems: LocalizedText[] };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function text(input: Record<string, unknown>, id: string): string {
  const value = input[id];
  return typeof value === 'string' ? value.trim() : '';
}

const length = (value: string) => [...value].length;

function requiredText(value: string, max: number, label: LocalizedText, problems: LocalizedText[]): void {
  if (!value) problems.push({ da: `Udfyld "${label.da}".`, en: `Fill in "${label.en}".` });
  else if (length(value) > max) problems.push({ da: `"${label.da}" må højst have ${max} tegn (der er ${length(value)}).`, en: `"${label.en}" can have at most ${max} characters (it has ${length(value)}).` });
}

export const planLabels = {
  competence: { da: 'Kompetence', en: 'Competence' },
  goal: { da: 'Udviklingsmål', en: 'Development goal' },
  evaluation: { da: 'Evaluering', en: 'Evaluation' },
  activity: { da: 'Handling', en: 'Action' },
  note: { da: 'Beskrivelse', en: 'Description' },
  start: { da: 'Start', en: 'Start' },
  end: { da: 'Slut', en: 'End' },
  responsible: { da: 'Ansvarlig', en: 'Responsible' },
} as const satisfies Record<keyof typeof planInputs, LocalizedText>;

/** Validates the action part of a form (activity from the catalogue, dates, responsible). */
export function parseActionForm(input: Record<string, unknown>, activities: readonly Activity[], today: string): FormResult<Omit<PlanAction, 'id'>> {
  const problems: LocalizedText[] = [];
  const activityId = text(input, planInputs.activity);
  if (!activities.some((a) => a.id === activityId)) problems.push({ da: 'Vælg en handling fra listen.', en: 'Choose an action from the list.' });
  const note = text(input, planInputs.note);
  if (length(note) > planLimits.noteText) problems.push({ da: `"Beskrivelse" må højst have ${planLimits.noteText} tegn.`, en: `"Description" can have at most ${planLimits.noteText} characters.` });
  const start = text(input, planInputs.start);
  const end = text(input, planInputs.end);
  if (!isCalendarDate(start)) problems.push({ da: 'Vælg en startdato.', en: 'Choose a start date.' });
  if (!isCalendarDate(end)) problems.push({ da: 'Vælg en slutdato.', en: 'Choose an end date.' });
  if (isCalendarDate(start) && isCalendarDate(end)) {
    if (end < start) problems.push({ da: 'Slutdatoen skal ligge efter startdatoen.', en: 'The end date must be after the start date.' });
    if (start < addDays(today, -366)) problems.push({ da: 'Startdatoen må højst ligge et år tilbage.', en: 'The start date can be at most a year ago.' });
    if (end > addDays(today, 3 * 366)) problems.push({ da: 'Slutdatoen må højst ligge tre år frem.', en: 'The end date can be at most three years ahead.' });
  }
  const responsible = text(input, planInputs.responsible);
  if (!(responsibleOptions as readonly string[]).includes(responsible)) problems.push({ da: 'Vælg hvem der er ansvarlig.', en: 'Choose who is responsible.' });
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { activityId, note, start, end, responsible: responsible as Responsible } };
}

/** Validates a new goal with its first action. */
export function parseGoalForm(
  input: Record<string, unknown>, competenceIds: readonly string[], activities: readonly Activity[], today: string,
): FormResult<Omit<PlanGoal, 'id' | 'actions'> & { action: Omit<PlanAction, 'id'> }> {
  const problems: LocalizedText[] = [];
  const competenceId = text(input, planInputs.competence);
  if (!competenceIds.includes(competenceId)) problems.push({ da: 'Vælg den kompetence, målet handler om.', en: 'Choose the competence the goal is about.' });
  const goal = text(input, planInputs.goal);
  requiredText(goal, planLimits.goalText, planLabels.goal, problems);
  const evaluation = text(input, planInputs.evaluation);
  requiredText(evaluation, planLimits.evaluationText, planLabels.evaluation, problems);
  const action = parseActionForm(input, activities, today);
  if (!action.ok) problems.push(...action.problems);
  if (problems.length || !action.ok) return { ok: false, problems };
  return { ok: true, value: { competenceId, goal, evaluation, action: action.value } };
}

/** Whether another goal / action still fits the plan's limits. */
export function limitProblem(plan: PlanState, goalId?: string): LocalizedText | undefined {
  if (goalId === undefined) {
    return plan.goals.length >= planLimits.goals
      ? { da: `En plan kan have højst ${planLimits.goals} mål.`, en: `A plan can have at most ${planLimits.goals} goals.` }
      : undefined;
  }
  const goal = plan.goals.find((g) => g.id === goalId);
  return goal && goal.actions.length >= planLimits.actionsPerGoal
    ? { da: `Et mål kan have højst ${planLimits.actionsPerGoal} handlinger.`, en: `A goal can have at most ${planLimits.actionsPerGoal} actions.` }
    : undefined;
}

// ---------------------------------------------------------------------------------------------
// Effect follow-up (seed 004): after an action, how did it go and how is it used in daily work?

export const effectOutcomes = ['very-well', 'well', 'partly', 'not'] as const;
export type EffectOutcome = (typeof effectOutcomes)[number];

export const effectInputs = { outcome: 'e_outcome', use: 'e_use', next: 'e_next' } as const;

export interface EffectAnswer {
  outcome: EffectOutcome;
  /** How the employee uses what they learnt in daily work. */
  use: string;
  /** What would help to keep it up (optional). */
  next: string;
}

export const effectTextLimit = 500;

export function parseEffectForm(input: Record<string, unknown>): FormResult<EffectAnswer> {
  const problems: LocalizedText[] = [];
  const outcome = text(input, effectInputs.outcome);
  if (!(effectOutcomes as readonly string[]).includes(outcome)) problems.push({ da: 'Vælg hvordan det gik.', en: 'Choose how it went.' });
  const use = text(input, effectInputs.use);
  requiredText(use, effectTextLimit, { da: 'Hvordan bruger du det i dit daglige arbejde?', en: 'How do you use it in your daily work?' }, problems);
  const next = text(input, effectInputs.next);
  if (length(next) > effectTextLimit) problems.push({ da: `Svaret må højst have ${effectTextLimit} tegn.`, en: `The answer can have at most ${effectTextLimit} characters.` });
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { outcome: outcome as EffectOutcome, use, next } };
}

export const activityFormLabels: Record<ActivityForm, LocalizedText> = {
  'on-the-job': { da: 'i hverdagen', en: 'on the job' },
  course: { da: 'kursus', en: 'course' },
  education: { da: 'uddannelse', en: 'education' },
  'self-study': { da: 'selvstudie', en: 'self-study' },
};

export const zPlanState = z.object({
  revision: z.number().int().min(0),
  goals: z.array(z.object({
    id: z.string().max(40),
    competenceId: z.string().max(100),
    goal: z.string().max(planLimits.goalText * 2),
    evaluation: z.string().max(planLimits.evaluationText * 2),
    actions: z.array(z.object({
      id: z.string().max(40),
      activityId: z.string().max(100),
      note: z.string().max(planLimits.noteText * 2),
      start: z.string().regex(isoDate),
      end: z.string().regex(isoDate),
      responsible: z.enum(responsibleOptions),
    })).max(planLimits.actionsPerGoal),
  })).max(planLimits.goals),
  approvals: z.object({
    employee: z.object({ personId: z.string(), at: z.string() }).optional(),
    leader: z.object({ personId: z.string(), at: z.string() }).optional(),
  }),
  approvedVersion: z.number().int().min(0),
}) satisfies z.ZodType<PlanState, z.ZodTypeDef, unknown>;
