import {
  type CompetenceAudience, defaultTextMaxLength, type DomainData, groupsWithCompetences, defaultQuestionSet, type RatingScale,
} from '../domain/catalogue';
import {
  buildSteps, firstUnansweredIndex, parseStepInput, type PreparationStep, sectionIds, type StepAnswer,
} from '../domain/preparation';
import type { LocalizedText } from '../domain/i18n';
import { desiredFor, withDepartmentCompetences } from '../domain/profile';
import { resolveDepartmentQuestionSet } from '../domain/questionSet';
import type { Logger } from '../logger';
import type { Repositories } from '../storage';
import { ConcurrencyError } from '../storage/entityTable';
import type { Preparation } from '../storage/preparationRepository';
import type { Member } from './identity';

/** MUS cycles run by calendar year until leaders name their rounds. */
export function currentCycle(now: Date): string {
  return String(now.getUTCFullYear());
}

export interface PreparationContext {
  steps: PreparationStep[];
  scale: RatingScale;
  /** The department's desired level per competence id, where the leader set one. */
  desired: Record<string, number>;
  cycle: string;
  /** 'leader' for a leader's LUS. */
  audience: CompetenceAudience;
}

/**
 * Whose conversation a preparation is for: a leader prepares for their LUS (leader questions and
 * leader competences, with their own leader as the counterpart), everyone else for MUS.
 */
export function conversationAudience(person: { leaderOf: readonly string[] }): CompetenceAudience {
  return person.leaderOf.length > 0 ? 'leader' : 'employee';
}

/** The steps, scale and desired levels of a person's MUS (or a leader's LUS) preparation this cycle. */
export async function preparationContext(
  repos: Repositories, data: DomainData, person: { departmentId: string; leaderOf: readonly string[]; jobGroup?: string | undefined }, now: Date, logger?: Logger,
): Promise<PreparationContext> {
  const cycle = currentCycle(now);
  const { departmentId } = person;
  const audience = conversationAudience(person);
  const [override, profile] = await Promise.all([
    repos.departmentSettings.getQuestionSet(departmentId, audience),
    repos.departmentSettings.getProfile(departmentId, cycle),
  ]);
  // The department's own set as far as the bank still has it (its leader re-saves it to tidy up), else the default.
  const own = override && resolveDepartmentQuestionSet(data.questionBank, override, defaultTextMaxLength);
  if (own?.missing.length) logger?.warn({ departmentId, missing: own.missing }, 'department question set names questions the bank no longer has; they are not asked');
  const questionSet = own?.themes ?? defaultQuestionSet(data.questionBank, audience);
  const groups = groupsWithCompetences(data.competenceModel, audience);
  // The department's own professional competences are rated in MUS, not in a leader's LUS.
  const steps = buildSteps(questionSet, audience === 'employee' ? withDepartmentCompetences(groups, profile?.competences ?? []) : groups);
  return { steps, scale: data.competenceModel.scale, desired: profile ? desiredFor(profile, person.jobGroup) : {}, cycle, audience };
}

/** What the employee should see next. */
export type PreparationView =
  | { kind: 'step'; index: number; prep: Preparation; values?: StepAnswer; problems?: LocalizedText[]; stale?: boolean }
  | { kind: 'summary'; prep: Preparation; stale?: boolean }
  | { kind: 'saved'; prep: Preparation }
  /** What is shared with the leader now (a click on an older card after sharing). */
  | { kind: 'shared'; prep: Preparation; stale: true };

export type PreparationAction = 'next' | 'back' | 'save' | 'goto' | 'resume';

export interface CardSubmission {
  /** The preparation version the card was rendered from. */
  version?: number;
  stepId?: string;
  /** For goto: the step to open. */
  target?: string;
  values: Record<string, unknown>;
}

/** The first step this preparation has not completed (`steps.length` when all are). */
function resumeIndex(ctx: PreparationContext, prep: Preparation): number {
  return firstUnansweredIndex(ctx.steps, new Set(prep.header.completedSteps));
}

function viewAt(ctx: PreparationContext, prep: Preparation, index: number, stale = false): PreparationView {
  if (index >= ctx.steps.length) return { kind: 'summary', prep, stale };
  return { kind: 'step', index: Math.max(0, index), prep, stale };
}

/** The first unanswered step (or the summary), starting the preparation if needed. */
export async function resumePreparation(repos: Repositories, ctx: PreparationContext, member: Member): Promise<PreparationView> {
  const prep = await repos.preparations.start(member.person.id, ctx.cycle, member.person.departmentId);
  return viewAt(ctx, prep, resumeIndex(ctx, prep));
}

/**
 * Handles a click on a preparation card. A card whose version is not the stored one (an old card,
 * another device, a double click) is answered with the current step — never a lost or doubled
 * answer. Next validates strictly and keeps the typed answers on the card when something is wrong;
 * Back and Save keep whatever is valid.
 */
export async function actOnPreparation(
  repos: Repositories, ctx: PreparationContext, member: Member, action: PreparationAction, submission: CardSubmission,
): Promise<PreparationView> {
  const userId = member.person.id;
  const prep = await repos.preparations.start(userId, ctx.cycle, member.person.departmentId);
  if (action === 'resume') return viewAt(ctx, prep, resumeIndex(ctx, prep));
  if (submission.version !== prep.header.version) return viewAt(ctx, prep, resumeIndex(ctx, prep), true);

  if (action === 'goto') {
    const index = ctx.steps.findIndex((s) => s.id === submission.target);
    if (index < 0) return viewAt(ctx, prep, resumeIndex(ctx, prep), true);
    return { kind: 'step', index, prep };
  }
  const index = ctx.steps.findIndex((s) => s.id === submission.stepId);
  if (index < 0) return viewAt(ctx, prep, resumeIndex(ctx, prep), true);
  const step = ctx.steps[index]!;
  const parsed = parseStepInput(step, submission.values, ctx.scale, action === 'next');
  if (!parsed.ok) return { kind: 'step', index, prep, values: parsed.answer, problems: parsed.problems };

  const wasCompleted = prep.header.completedSteps.includes(step.id);
  try {
    const header = await repos.preparations.saveStep(userId, prep, step.id, parsed.answer, action === 'next' || wasCompleted);
    // The etag of `next` is not the stored one; every action reloads before it writes.
    const next: Preparation = { ...prep, header, answers: new Map(prep.answers).set(step.id, parsed.answer) };
    if (action === 'save') return { kind: 'saved', prep: next };
    return viewAt(ctx, next, action === 'next' ? index + 1 : index - 1);
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    const latest = (await repos.preparations.load(userId, ctx.cycle))!;
    return viewAt(ctx, latest, resumeIndex(ctx, latest), true);
  }
}

export type ShareOutcome = {
  prep: Preparation;
  sections: string[];
  leaders: Array<{ id: string; name: string }>;
};

/** Records which sections the employee shares; the leaders to tell are returned. */
export async function sharePreparation(
  repos: Repositories, ctx: PreparationContext, member: Member, submission: CardSubmission,
): Promise<ShareOutcome | PreparationView> {
  const userId = member.person.id;
  const prep = await repos.preparations.start(userId, ctx.cycle, member.person.departmentId);
  if (submission.version !== prep.header.version || resumeIndex(ctx, prep) < ctx.steps.length) return staleShare(ctx, prep);
  const sections = sectionIds(ctx.steps).filter((id) => submission.values[`share_${id}`] === 'true' || submission.values[`share_${id}`] === true);
  let header;
  try {
    header = await repos.preparations.share(userId, prep, sections);
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    return staleShare(ctx, (await repos.preparations.load(userId, ctx.cycle))!);
  }
  return { prep: { ...prep, header }, sections, leaders: await leadersOf(repos, member.person) };
}

/**
 * A "share" click on a card older than the preparation (a double click, a second device): when
 * sharing is the last thing that happened, the employee sees what is shared now — never the
 * summary as it was before; otherwise the current step or summary. Nothing is sent again.
 */
function staleShare(ctx: PreparationContext, prep: Preparation): PreparationView {
  const { sharedAt, updatedAt } = prep.header;
  const resumeAt = resumeIndex(ctx, prep);
  if (sharedAt && sharedAt === updatedAt && resumeAt >= ctx.steps.length) return { kind: 'shared', prep, stale: true };
  return viewAt(ctx, prep, resumeAt, true);
}

/** The leaders of the person's department (not the person), else those of the parent department. */
export async function leadersOf(repos: Repositories, person: { id: string; departmentId: string }): Promise<Array<{ id: string; name: string }>> {
  let departmentId: string | undefined = person.departmentId;
  const seen = new Set<string>();
  while (departmentId && !seen.has(departmentId)) {
    seen.add(departmentId);
    const ids = (await repos.org.getLeaderIds(departmentId)).filter((id) => id !== person.id);
    const people = (await Promise.all(ids.map((id) => repos.org.getPerson(id)))).filter((p) => p?.active);
    if (people.length > 0) return people.map((p) => ({ id: p!.id, name: p!.name }));
    departmentId = (await repos.org.getDepartment(departmentId))?.parentId;
  }
  return [];
}

/** The competences rated in a preparation, in order (the rating steps' groups). */
export function ratedCompetences(ctx: PreparationContext) {
  return ctx.steps.flatMap((step) => (step.kind === 'rating' ? step.group.competences : []));
}

/** The competence groups rated in a preparation (with the department's own competences). */
export function ratedGroups(ctx: PreparationContext) {
  return ctx.steps.flatMap((step) => (step.kind === 'rating' ? [step.group] : []));
}
