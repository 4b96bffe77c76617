import { type Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { commandTrigger } from '../../domain/commands';
import { InvalidInputError, NotFoundError } from '../../domain/errors';
import type { Locale } from '../../domain/i18n';
import { formatterFor } from '../../domain/format';
import {
  activityFormLabels, type EffectOutcome, effectOutcomes, effectTextLimit, findAction, type PlanParty, planInputs, planLimits, planStatus,
  responsibleOptions, type Responsible,
} from '../../domain/plan';
import {
  effectIntro, effectTitle, planAddActionTitle, planApprovalsLine, planApprovedStatus, planAwaiting, planChangedStatus,
  planEffectLine, planGoalHeading, planHistory, planNewGoalTitle, planNoticeText, planResponsibleLine, planTitle, say, type TextKey,
} from '../../domain/texts';
import type { Member } from '../../services/identity';
import { changePlan, openPlan, type PlanChange, type PlanChangeOutcome, planCompetences, type PlanView, saveEffect } from '../../services/plan';
import { nudgePolicyOf } from '../../jobs';
import { schedulePlanFollowUps } from '../../jobs/planFollowUps';
import { currentCycle } from '../../services/preparation';
import type { Repositories } from '../../storage';
import { type AdaptiveCardJson, type CardData, renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { cardForMember, forMember } from '../handlers';
import type { ProactiveSender } from '../proactive';
import { verbs } from '../verbs';

const planRefSchema = z.object({
  ownerId: z.string().min(1).max(100),
  cycle: z.string().regex(/^\d{4}$/),
  revision: z.coerce.number().int().min(0).optional(),
  goalId: z.string().max(40).optional(),
  actionId: z.string().max(40).optional(),
});
type PlanRef = z.infer<typeof planRefSchema>;

function planRef(data: unknown): PlanRef {
  const parsed = planRefSchema.safeParse(data);
  if (!parsed.success) throw new InvalidInputError([{ da: 'Kortet mangler hvilken plan det gælder.', en: 'The card does not say which plan it is about.' }]);
  return parsed.data;
}

const responsibleKeys: Record<Responsible, TextKey> = { employee: 'responsibleEmployee', leader: 'responsibleLeader', both: 'responsibleBoth' };
const outcomeKeys: Record<EffectOutcome, TextKey> = { 'very-well': 'effectVeryWell', well: 'effectWell', partly: 'effectPartly', not: 'effectNot' };

/** Development plans: the employee's own (`udviklingsplan`), and their leader's view of it. */
export function registerPlan(app: Application<TurnState>, deps: BotDeps, sender: ProactiveSender): void {
  const data = deps.domainData;
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const today = () => inDays(0);
  const activityName = (id: string, locale: Locale) => {
    const activity = data.activityCatalogue.activities.find((a) => a.id === id);
    return activity ? `${activity.name[locale]} (${activityFormLabels[activity.form][locale]})` : id;
  };
  const period = (start: string, end: string, locale: Locale) => formatterFor(locale).period(start, end);

  const planCard = async (view: PlanView, member: Member, notices: string[] = [], good = false): Promise<AdaptiveCardJson> => {
    const locale = member.locale;
    const { plan, versions, effects } = view.stored;
    const names = await personNames(deps.repos, Object.values(plan.approvals).map((a) => a!.personId));
    // The department's own competences are not in the model: name them from the owner's list.
    const competences = await planCompetences(deps.repos, data, view.owner, new Date());
    const competenceName = (id: string) => competences.find((c) => c.id === id)?.name[locale] ?? data.competenceModel.competences.find((c) => c.id === id)?.name[locale] ?? id;
    const status = planStatus(plan);
    const partyName = (party: PlanParty) => (party === 'employee' ? view.owner.name : names.get(plan.approvals.leader?.personId ?? '') ?? say(locale, 'responsibleLeader'));
    const statusText = {
      draft: () => say(locale, 'planStatusDraft'),
      awaiting: () => (status.kind === 'awaiting' ? planAwaiting(partyName(status.approvedBy), status.waitingFor === 'employee' ? view.owner.name : say(locale, 'responsibleLeader').toLowerCase())[locale] : ''),
      approved: () => planApprovedStatus(plan.approvedVersion)[locale],
      changed: () => planChangedStatus(plan.approvedVersion)[locale],
    }[status.kind]();
    const approvals = Object.values(plan.approvals).map((a) => ({ name: names.get(a!.personId) ?? '', date: formatterFor(locale).date(a!.at) }));
    const isOwner = view.party === 'employee';
    return renderCard('plan', {
      title: planTitle(view.owner.name, view.cycle)[locale],
      status: statusText,
      statusColor: status.kind === 'approved' ? 'Good' : status.kind === 'draft' ? 'Default' : 'Warning',
      approvals: approvals.length ? planApprovalsLine(approvals)[locale] : '',
      notices: [...(view.stale ? [say(locale, 'planStale')] : []), ...notices],
      noticeColor: good ? 'Good' : 'Attention',
      ownerId: view.owner.id, cycle: view.cycle, revision: plan.revision,
      canApprove: plan.goals.length > 0 && !plan.approvals[view.party],
      history: versions.length ? planHistory(versions.map((v) => ({ version: v.version, date: formatterFor(locale).date(v.approvedAt) })))[locale] : '',
      goals: plan.goals.map((goal, index) => ({
        id: goal.id,
        heading: planGoalHeading(index, competenceName(goal.competenceId))[locale],
        goal: goal.goal,
        evaluation: goal.evaluation,
        actions: goal.actions.map((action) => {
          const effect = effects.get(action.id);
          return {
            id: action.id, goalId: goal.id, title: activityName(action.activityId, locale), note: action.note,
            period: period(action.start, action.end, locale),
            responsible: planResponsibleLine(say(locale, responsibleKeys[action.responsible]))[locale],
            effect: effect ? planEffectLine(say(locale, outcomeKeys[effect.outcome]), effect.use)[locale] : '',
            canEvaluate: isOwner && action.end <= today(),
          };
        }),
      })),
    }, locale);
  };

  const formCard = async (view: PlanView, member: Member, goalId: string, problems: string[], typed: Record<string, unknown> = {}): Promise<AdaptiveCardJson> => {
    const locale = member.locale;
    const goal = view.stored.plan.goals.find((g) => g.id === goalId);
    const value = (id: string) => (typeof typed[id] === 'string' ? (typed[id] as string) : '');
    const competences = await planCompetences(deps.repos, data, view.owner, new Date());
    const groupName = (id: string) => data.competenceModel.groups.find((g) => g.id === id)?.name[locale] ?? '';
    const values: CardData['plan-form']['values'] = {
      competence: value(planInputs.competence), goal: value(planInputs.goal), evaluation: value(planInputs.evaluation),
      // A new action proposes today and three months on; both can be changed.
      activity: value(planInputs.activity), note: value(planInputs.note), start: value(planInputs.start) || today(),
      end: value(planInputs.end) || (typed[planInputs.end] === undefined ? inDays(91) : ''), responsible: value(planInputs.responsible) || 'employee',
    };
    return renderCard('plan-form', {
      title: goal ? planAddActionTitle(goal.goal)[locale] : planNewGoalTitle(view.owner.name)[locale],
      subtitle: '', notices: problems, ownerId: view.owner.id, cycle: view.cycle, revision: view.stored.plan.revision,
      goalId: goal?.id ?? '', saveVerb: goal ? verbs.planSaveAction : verbs.planSaveGoal,
      competences: competences.map((c) => ({ title: `${groupName(c.groupId)} – ${c.name[locale]}`, value: c.id })),
      activities: data.activityCatalogue.activities.map((a) => ({ title: activityName(a.id, locale), value: a.id })),
      responsibleChoices: responsibleOptions.map((r) => ({ title: say(locale, responsibleKeys[r]), value: r })),
      limits: { goal: planLimits.goalText, evaluation: planLimits.evaluationText, note: planLimits.noteText },
      values,
    }, locale);
  };

  const effectCard = (view: PlanView, member: Member, actionId: string, problems: string[], typed: Record<string, unknown> = {}): AdaptiveCardJson => {
    const locale = member.locale;
    const found = findAction(view.stored.plan, actionId);
    if (!found) throw new NotFoundError(`plan action ${actionId}`);
    const saved = view.stored.effects.get(actionId);
    const value = (id: string, fallback: string) => (typeof typed[id] === 'string' ? (typed[id] as string) : fallback);
    return renderCard('plan-effect', {
      title: effectTitle(activityName(found.action.activityId, locale))[locale],
      intro: effectIntro(found.goal.goal, period(found.action.start, found.action.end, locale))[locale],
      notices: problems, ownerId: view.owner.id, cycle: view.cycle, actionId, maxLength: effectTextLimit,
      outcomes: effectOutcomes.map((o) => ({ title: say(locale, outcomeKeys[o]), value: o })),
      values: { outcome: value('e_outcome', saved?.outcome ?? ''), use: value('e_use', saved?.use ?? ''), next: value('e_next', saved?.next ?? '') },
    }, locale);
  };

  /** Tells the other side of the plan what changed, in their own chat and language. */
  const notify = async (outcome: PlanChangeOutcome, member: Member) => {
    if (!outcome.event) return;
    const { owner, stored } = outcome.view;
    for (const person of outcome.counterparts) {
      const locale = await sender.localeOf(person.id);
      const notice = planNoticeText(outcome.event, member.person.name, owner.name, stored.plan.approvedVersion);
      const card = renderCard('plan-notice', {
        title: notice.title[locale], text: notice.text[locale], buttonTitle: say(locale, 'planOpen'),
        verb: verbs.planOpen, ownerId: owner.id, cycle: outcome.view.cycle, actionId: '',
      }, locale);
      if ((await sender.sendCard(person.id, card)) === 'unreachable') deps.logger.info({ personId: person.id }, 'plan notice: counterpart not reachable');
    }
  };

  const change = (toChange: (ref: PlanRef, input: Record<string, unknown>) => PlanChange, formOnProblem: boolean) =>
    cardForMember(deps, async (_context, member, raw) => {
      const ref = planRef(raw);
      const input = (raw ?? {}) as Record<string, unknown>;
      const outcome = await changePlan(deps.repos, data, member, ref.ownerId, ref.cycle, ref.revision, toChange(ref, input), new Date());
      const problems = outcome.view.problems?.map((p) => p[member.locale]) ?? [];
      if (problems.length && formOnProblem) return formCard(outcome.view, member, ref.goalId ?? '', problems, input);
      await notify(outcome, member);
      // An approved version's actions become follow-ups: "how did it go?" after each one ends.
      if (outcome.event === 'approved') {
        await schedulePlanFollowUps(deps.repos, nudgePolicyOf(deps.config, data).window, outcome.view.owner.id, outcome.view.cycle, outcome.view.stored.plan);
      }
      return planCard(outcome.view, member, problems, false);
    });

  app.message(commandTrigger('plan'), forMember(deps, async (context, member) => {
    await replyWithCard(context, await planCard(await openPlan(deps.repos, member, member.person.id, currentCycle(new Date())), member));
  }));

  // From the department card or a shared preparation: a leader opens an employee's plan.
  app.adaptiveCards.actionSubmit(verbs.planShow, forMember(deps, async (context, member, raw) => {
    const parsed = z.object({ ownerId: z.string().min(1).max(100) }).safeParse(raw);
    if (!parsed.success) throw new InvalidInputError([{ da: 'Vælg en medarbejder.', en: 'Choose an employee.' }]);
    await replyWithCard(context, await planCard(await openPlan(deps.repos, member, parsed.data.ownerId, currentCycle(new Date())), member));
  }));

  app.adaptiveCards.actionExecute(verbs.planOpen, cardForMember(deps, async (_context, member, raw) => {
    const ref = planRef(raw);
    return planCard(await openPlan(deps.repos, member, ref.ownerId, ref.cycle), member);
  }));

  app.adaptiveCards.actionExecute(verbs.planGoalForm, cardForMember(deps, async (_context, member, raw) => {
    const ref = planRef(raw);
    return formCard(await openPlan(deps.repos, member, ref.ownerId, ref.cycle), member, '', []);
  }));

  app.adaptiveCards.actionExecute(verbs.planActionForm, cardForMember(deps, async (_context, member, raw) => {
    const ref = planRef(raw);
    return formCard(await openPlan(deps.repos, member, ref.ownerId, ref.cycle), member, ref.goalId ?? '', []);
  }));

  app.adaptiveCards.actionExecute(verbs.planSaveGoal, change((_ref, input) => ({ kind: 'add-goal', input }), true));
  app.adaptiveCards.actionExecute(verbs.planSaveAction, change((ref, input) => ({ kind: 'add-action', goalId: ref.goalId ?? '', input }), true));
  app.adaptiveCards.actionExecute(verbs.planRemoveGoal, change((ref) => ({ kind: 'remove-goal', goalId: ref.goalId ?? '' }), false));
  app.adaptiveCards.actionExecute(verbs.planRemoveAction, change((ref) => ({ kind: 'remove-action', goalId: ref.goalId ?? '', actionId: ref.actionId ?? '' }), false));
  app.adaptiveCards.actionExecute(verbs.planApprove, change(() => ({ kind: 'approve' }), false));

  app.adaptiveCards.actionExecute(verbs.planEffectForm, cardForMember(deps, async (_context, member, raw) => {
    const ref = planRef(raw);
    const view = await openPlan(deps.repos, member, member.person.id, ref.cycle);
    return effectCard(view, member, ref.actionId ?? '', []);
  }));

  app.adaptiveCards.actionExecute(verbs.planEffectSave, cardForMember(deps, async (_context, member, raw) => {
    const ref = planRef(raw);
    const input = (raw ?? {}) as Record<string, unknown>;
    const saved = await saveEffect(deps.repos, member, ref.cycle, ref.actionId ?? '', input);
    if (!saved.ok) return effectCard(saved.view, member, ref.actionId ?? '', saved.problems.map((p) => p[member.locale]), input);
    return planCard(saved.view, member, [say(member.locale, 'effectSaved')], true);
  }));
}

async function personNames(repos: Repositories, ids: string[]): Promise<Map<string, string>> {
  const people = await Promise.all([...new Set(ids)].map((id) => repos.org.getPerson(id)));
  return new Map(people.flatMap((p) => (p ? [[p.id, p.name] as const] : [])));
}
