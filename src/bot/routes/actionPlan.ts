import { type Application, TurnState } from '@microsoft/teams-ai';
import { type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { type ActionItem, goalMaxLength, itemInputIds, maxActionItems, ownerMaxLength } from '../../domain/actionPlan';
import type { Competence, DomainData } from '../../domain/catalogue';
import { commandTrigger } from '../../domain/commands';
import { InvalidInputError, NotAllowedError, NotFoundError } from '../../domain/errors';
import type { Locale } from '../../domain/i18n';
import { formatterFor } from '../../domain/format';
import {
  actionItemHeading, actionPlanApproved, actionPlanStatus, actionPlanTitle, groupPlanPosted, groupPlanTitle, say, suggestionLine,
} from '../../domain/texts';
import { type ActionPlanView, itemsToEdit, openActionPlan, saveActionPlan } from '../../services/actionPlan';
import { saveGroupPlan } from '../../services/grus';
import type { Member } from '../../services/identity';
import { currentCycle } from '../../services/preparation';
import { groupsWithCompetences } from '../../domain/catalogue';
import { type AdaptiveCardJson, type CardData, renderCard, replyWithCard } from '../cards';
import { departmentRef, grusRef } from '../cardInput';
import type { BotDeps } from '../deps';
import { forMember } from '../handlers';
import type { ProactiveSender } from '../proactive';
import { verbs } from '../verbs';
import { channelChoices } from '../turn';

const submitSchema = z.object({
  subjectId: z.string().min(1).max(64),
  etag: z.string().max(200).default(''),
  channelId: z.string().max(300).optional(),
});

function submission(data: unknown) {
  const parsed = submitSchema.safeParse(data);
  if (!parsed.success) throw new InvalidInputError([{ da: 'Kortet mangler hvilken plan det gælder.', en: 'The card does not say which plan.' }]);
  return parsed.data;
}

/** What the form sent, slot by slot, to show it again when something was refused. */
function typedItems(input: unknown): ActionItem[] {
  const record = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return Array.from({ length: maxActionItems }, (_, slot) => {
    const ids = itemInputIds(slot);
    return { goal: text(record[ids.goal]), competenceId: text(record[ids.competenceId]), activityId: text(record[ids.activityId]), owner: text(record[ids.owner]), due: text(record[ids.due]) };
  }).filter((item) => Object.values(item).some((v) => v !== ''));
}

interface FormParts {
  title: string; subtitle: string; notices: string[]; noticeStyle: 'good' | 'warning'; subjectId: string; etag: string; suggestions: string[];
  competences: Competence[]; items: ActionItem[]; channels: Array<{ title: string; value: string }>; channelId: string;
  buttons: CardData['action-plan-form']['buttons'];
}

function planFormCard(parts: FormParts, data: DomainData, locale: Locale): AdaptiveCardJson {
  const slotCount = Math.min(maxActionItems, Math.max(3, parts.items.length + 1));
  const { items, competences, ...rest } = parts;
  return renderCard('action-plan-form', {
    ...rest, goalMax: goalMaxLength, ownerMax: ownerMaxLength,
    competences: competences.map((c) => ({ title: c.name[locale], value: c.id })),
    activities: data.activityCatalogue.activities.map((a) => ({ title: a.name[locale], value: a.id })),
    slots: Array.from({ length: slotCount }, (_, slot) => ({
      heading: actionItemHeading(slot + 1)[locale],
      ids: itemInputIds(slot),
      values: items[slot] ?? { goal: '', competenceId: '', activityId: '', owner: '', due: '' },
    })),
  }, locale);
}

/** The plan as posted in a channel (and shown back to its author). */
export function postedPlanCard(title: string, subtitle: string, items: readonly ActionItem[], competences: readonly Competence[], data: DomainData, locale: Locale): AdaptiveCardJson {
  const t = (key: Parameters<typeof say>[1]) => say(locale, key);
  return renderCard('action-plan', {
    title, subtitle,
    items: items.map((item, i) => ({
      heading: `${i + 1}. ${item.goal}`,
      facts: [
        ...(item.competenceId ? [{ title: t('actionPlanCompetence'), value: competences.find((c) => c.id === item.competenceId)?.name[locale] ?? item.competenceId }] : []),
        { title: t('actionPlanActivity'), value: data.activityCatalogue.activities.find((a) => a.id === item.activityId)?.name[locale] ?? item.activityId },
        { title: t('actionPlanOwner'), value: item.owner },
        { title: t('actionPlanDue'), value: formatterFor(locale).date(item.due) },
      ],
    })),
  }, locale);
}

/**
 * The department's action plan (handlingsplan): the leader composes it from what the gaps, the
 * team's votes and the individual plans point at; saves drafts; approves it as a numbered
 * version and shares it in a team channel.
 */
export function registerActionPlan(app: Application<TurnState>, deps: BotDeps, sender: ProactiveSender): void {
  const threshold = deps.config.anonymityThreshold;

  const formFor = async (member: Member, view: ActionPlanView, items: ActionItem[], notices: string[], noticeStyle: 'good' | 'warning', channelId = '') => {
    const locale = member.locale;
    const plan = view.plan;
    const state = !plan ? 'new' : plan.state;
    const format = formatterFor(locale);
    return planFormCard({
      title: actionPlanTitle(view.departmentName, view.cycle)[locale],
      subtitle: actionPlanStatus(state, plan?.version ?? 0, plan?.approvedAt ? format.date(plan.approvedAt) : '')[locale],
      notices, noticeStyle, subjectId: view.departmentId, etag: view.etag ?? '',
      suggestions: view.suggestions.map((s) => suggestionLine(s.competence.name[locale], { ...(s.gap !== undefined ? { gap: format.number(s.gap, { decimals: 1 }) } : {}), votes: s.votes, planGoals: s.planGoals })[locale]),
      competences: view.competences, items, channels: await channelChoices(deps.repos), channelId,
      buttons: [
        { title: say(locale, 'actionPlanSaveDraft'), verb: verbs.actionPlanSave, style: 'default' },
        { title: say(locale, 'actionPlanApprove'), verb: verbs.actionPlanApprove, style: 'positive' },
      ],
    }, deps.domainData, locale);
  };

  const open = async (context: TurnContext, member: Member, departmentId: string) => {
    const view = await openActionPlan(deps.repos, deps.domainData, member, departmentId, currentCycle(new Date()), threshold);
    await replyWithCard(context, await formFor(member, view, itemsToEdit(view), [], 'good', view.plan?.postedTo ?? ''));
  };

  app.message(commandTrigger('action-plan'), forMember(deps, async (context, member) => {
    if (member.leads.length === 0) throw new NotAllowedError('edit-action-plan');
    for (const department of member.leads) await open(context, member, department.id);
  }));

  app.adaptiveCards.actionSubmit(verbs.actionPlanOpen, forMember(deps, async (context, member, data) => open(context, member, departmentRef(data))));

  for (const [verb, approve] of [[verbs.actionPlanSave, false], [verbs.actionPlanApprove, true]] as const) {
    app.adaptiveCards.actionSubmit(verb, forMember(deps, async (context, member, data) => {
      const { subjectId, etag, channelId } = submission(data);
      const locale = member.locale;
      const cycle = currentCycle(new Date());
      const outcome = await saveActionPlan(deps.repos, deps.domainData, member, subjectId, cycle, threshold, data, etag, approve);
      if (outcome.kind === 'stale') {
        await replyWithCard(context, await formFor(member, outcome.view, itemsToEdit(outcome.view), [say(locale, 'actionPlanStale')], 'warning'));
        return;
      }
      if (outcome.kind === 'invalid') {
        await replyWithCard(context, await formFor(member, outcome.view, typedItems(data), outcome.problems.map((p) => p[locale]), 'warning', channelId ?? ''));
        return;
      }
      const { plan, view } = outcome;
      if (!approve) {
        await replyWithCard(context, await formFor(member, view, plan.items, [say(locale, 'actionPlanSaved')], 'good', channelId ?? ''));
        return;
      }
      const channel = channelId ? await deps.repos.conversations.get('channel', channelId) : undefined;
      if (channel && channelId) {
        // The channel reads it in the language of whoever approved it.
        const subtitle = actionPlanStatus('approved', plan.version, formatterFor(locale).date(plan.approvedAt!))[locale];
        await sender.sendCardToChannel(channelId, postedPlanCard(actionPlanTitle(view.departmentName, cycle)[locale], subtitle, plan.items, view.competences, deps.domainData, locale));
        await deps.repos.actionPlans.markPosted(subjectId, cycle, channelId);
      }
      await context.sendActivity(actionPlanApproved(plan.version, channel ? channel.name ?? channelId : undefined)[locale]);
    }));
  }
}

/** After a GRUS: the leader writes down the group's agreed plan, and it is posted in the team's channel. */
export function registerGroupPlan(app: Application<TurnState>, deps: BotDeps, sender: ProactiveSender): void {
  const competencesOf = () => groupsWithCompetences(deps.domainData.competenceModel, 'employee').flatMap((g) => g.competences);
  const form = (member: Member, grusId: string, team: string, cycle: string, items: ActionItem[], notices: string[]) =>
    planFormCard({
      title: groupPlanTitle(team, cycle)[member.locale], subtitle: '', notices, noticeStyle: 'warning', subjectId: grusId, etag: '', suggestions: [],
      competences: competencesOf(), items, channels: [], channelId: '',
      buttons: [{ title: say(member.locale, 'grusPlanPost'), verb: verbs.grusPlanSave, style: 'positive' }],
    }, deps.domainData, member.locale);

  app.adaptiveCards.actionSubmit(verbs.grusPlanForm, forMember(deps, async (context, member, data) => {
    const grusId = grusRef(data);
    const loaded = await deps.repos.grus.get(grusId);
    if (!loaded) throw new NotFoundError(`grus ${grusId}`);
    if (!member.person.leaderOf.length) throw new NotAllowedError('run-grus');
    await replyWithCard(context, form(member, grusId, loaded.grus.teamName, loaded.grus.cycle, loaded.grus.plan ?? [], []));
  }));

  app.adaptiveCards.actionSubmit(verbs.grusPlanSave, forMember(deps, async (context, member, data) => {
    const { subjectId } = submission(data);
    const locale = member.locale;
    const competences = competencesOf();
    const outcome = await saveGroupPlan(deps.repos, deps.domainData, member, subjectId, data, new Set(competences.map((c) => c.id)));
    if (outcome.kind === 'invalid') {
      const loaded = await deps.repos.grus.get(subjectId);
      await replyWithCard(context, form(member, subjectId, loaded?.grus.teamName ?? '', loaded?.grus.cycle ?? '', typedItems(data), outcome.problems.map((p) => p[locale])));
      return;
    }
    const { grus, items } = outcome;
    const subtitle = `${member.person.name} · ${formatterFor(locale).date(grus.planPostedAt!)}`;
    await sender.sendCardToChannel(grus.channelId, postedPlanCard(groupPlanTitle(grus.teamName, grus.cycle)[locale], subtitle, items, competences, deps.domainData, locale));
    await context.sendActivity(groupPlanPosted(grus.teamName)[locale]);
  }));
}
