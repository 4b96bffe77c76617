import { type Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import type { ThemeWithQuestions } from '../../domain/catalogue';
import { commandTrigger } from '../../domain/commands';
import { assertAllowed } from '../../domain/authorization';
import { InvalidInputError, NotAllowedError, NotFoundError } from '../../domain/errors';
import { subjectOf } from '../../services/department';
import type { Locale } from '../../domain/i18n';
import { formatterFor } from '../../domain/format';
import type { QuestionAnswers } from '../../domain/preparation';
import {
  grusAnswerSaved, grusInvite, grusPosted, grusStarted, grusStartTitle, grusStatusLine, grusStatusTitle, say,
} from '../../domain/texts';
import { answerGrus, grusForParticipant, grusOverview, openForParticipant, postGrusNow, startGrus, type TeamRoster } from '../../services/grus';
import type { Member } from '../../services/identity';
import { currentCycle } from '../../services/preparation';
import type { Grus } from '../../storage/grusRepository';
import { type AdaptiveCardJson, renderCard, replyWithCard } from '../cards';
import { departmentRef, grusRef } from '../cardInput';
import type { BotDeps } from '../deps';
import { cardForMember, forMember } from '../handlers';
import type { ProactiveSender } from '../proactive';
import { verbs } from '../verbs';
import { grusResultCard, publishGrusResult } from '../grusCards';
import { questionInputs } from '../preparationCards';
import { registerGroupPlan } from './actionPlan';
import { nudgePolicyOf } from '../../jobs';
import { scheduleGrusDeadline } from '../../jobs/grusDeadline';
import { channelChoices } from '../turn';

const startSchema = z.object({ departmentId: z.string().min(1).max(64), channelId: z.string().max(300).optional(), deadline: z.string().max(10).optional() });

const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** The questions card a participant answers, filled with what they answered (or typed). */
export function questionsCard(
  grusId: string, grus: Grus, themes: ThemeWithQuestions[], leaderName: string, answers: QuestionAnswers, locale: Locale,
  notices: string[], noticeStyle: 'good' | 'warning',
): AdaptiveCardJson {
  const invite = grusInvite(leaderName, grus.teamName, formatterFor(locale).date(grus.deadline));
  const open = grus.state === 'open';
  return renderCard('grus-questions', {
    title: invite.title[locale], intro: invite.intro[locale], grusId, open,
    notices: open || notices.length ? notices : [say(locale, 'grusClosed')], noticeStyle: open ? noticeStyle : 'good',
    themes: open ? themes.map((theme) => ({
      title: theme.title[locale], intro: theme.intro?.[locale] ?? '', questions: questionInputs(theme.questions, answers, locale, false),
    })) : [],
  }, locale);
}

/**
 * GRUS: a leader starts a group conversation for a team; each member answers the group questions
 * in their own chat; the result, counted without names, goes to the team's channel once — when
 * the last has answered, or when the leader shares it and enough have answered.
 */
export function registerGrus(app: Application<TurnState>, deps: BotDeps, sender: ProactiveSender, roster: TeamRoster): void {
  const threshold = deps.config.anonymityThreshold;

  const statusCard = async (member: Member) => {
    const locale = member.locale;
    const items = await grusOverview(deps.repos, member);
    return renderCard('grus-status', {
      title: grusStatusTitle()[locale], departmentId: member.person.leaderOf[0] ?? '',
      items: items.map(({ id, grus, answered }) => ({
        grusId: id, team: grus.teamName,
        line: grusStatusLine(grus.state, grus.respondents ?? answered, grus.participants.length, formatterFor(locale).date(grus.deadline), threshold)[locale],
        canPost: grus.state === 'open' && answered >= threshold,
        canPlan: grus.state === 'posted',
      })),
    }, locale);
  };

  // A leader sees the conversations they run; anyone sees the questions they are asked (also
  // those the bot could not bring them, before they had installed the app).
  app.message(commandTrigger('grus'), forMember(deps, async (context, member) => {
    const asked = await openForParticipant(deps.repos, deps.domainData, member);
    for (const view of asked) {
      const leader = (await deps.repos.org.getPerson(view.grus.startedBy))?.name ?? '';
      await replyWithCard(context, questionsCard(view.id, view.grus, view.themes, leader, view.answers, member.locale, [], 'good'));
    }
    if (member.leads.length > 0) await replyWithCard(context, await statusCard(member));
    else if (asked.length === 0) await context.sendActivity(say(member.locale, 'grusNothingOpen'));
  }));

  app.adaptiveCards.actionSubmit(verbs.grusForm, forMember(deps, async (context, member, data) => {
    const departmentId = departmentRef(data);
    // Its leaders, also those of a department above it.
    assertAllowed(await subjectOf(deps.repos, member), { action: 'run-grus', departmentId });
    const department = await deps.repos.org.getDepartment(departmentId);
    if (!department) throw new NotFoundError(`department ${departmentId}`);
    const channels = await channelChoices(deps.repos);
    await replyWithCard(context, renderCard('grus-start', {
      title: grusStartTitle(department.name)[member.locale], notices: [], departmentId, channels, channelId: '', deadline: addDays(new Date(), 14),
    }, member.locale));
  }));

  app.adaptiveCards.actionSubmit(verbs.grusStart, forMember(deps, async (context, member, data) => {
    const parsed = startSchema.safeParse(data);
    if (!parsed.success || !parsed.data.channelId) throw new InvalidInputError([{ da: 'Vælg et team.', en: 'Choose a team.' }]);
    const now = new Date();
    const started = await startGrus(deps.repos, deps.domainData, member, roster, {
      departmentId: parsed.data.departmentId, channelId: parsed.data.channelId, deadline: parsed.data.deadline ?? '',
    }, currentCycle(now), threshold, now);
    await scheduleGrusDeadline(deps.repos, nudgePolicyOf(deps.config, deps.domainData).window, started.id, started.grus.deadline);
    let unreachable = 0;
    for (const participant of started.grus.participants) {
      const locale = await sender.localeOf(participant);
      const card = questionsCard(started.id, started.grus, started.themes, member.person.name, {}, locale, [], 'good');
      if ((await sender.sendCard(participant, card)) === 'unreachable') unreachable += 1;
    }
    const deadline = formatterFor(member.locale).date(started.grus.deadline);
    await context.sendActivity(grusStarted(started.grus.teamName, started.grus.participants.length, unreachable, deadline)[member.locale]);
  }));

  app.adaptiveCards.actionExecute(verbs.grusAnswer, cardForMember(deps, async (_context, member, data) => {
    const grusId = grusRef(data);
    const input = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    const view = await grusForParticipant(deps.repos, deps.domainData, member, grusId);
    const leader = (await deps.repos.org.getPerson(view.grus.startedBy))?.name ?? '';
    if (view.grus.state !== 'open') return questionsCard(grusId, view.grus, view.themes, leader, view.answers, member.locale, [], 'good');
    const outcome = await answerGrus(deps.repos, deps.domainData, member, grusId, input, threshold);
    if (outcome.kind === 'invalid') {
      return questionsCard(grusId, view.grus, view.themes, leader, outcome.answers, member.locale, outcome.problems.map((p) => p[member.locale]), 'warning');
    }
    const saved = await grusForParticipant(deps.repos, deps.domainData, member, grusId);
    if (outcome.posted) {
      // This answer was the last one: the result goes to the channel and the card closes.
      // The leader is told too (they may not be the one whose turn this is).
      await publishGrusResult(sender, outcome.posted);
      return questionsCard(grusId, saved.grus, saved.themes, leader, saved.answers, member.locale, [grusPosted(saved.grus.teamName)[member.locale]], 'good');
    }
    const notice = grusAnswerSaved(outcome.answered, outcome.participants)[member.locale];
    return questionsCard(grusId, saved.grus, saved.themes, leader, saved.answers, member.locale, [notice], 'good');
  }));

  app.adaptiveCards.actionSubmit(verbs.grusPostNow, forMember(deps, async (context, member, data) => {
    const posted = await postGrusNow(deps.repos, deps.domainData, member, grusRef(data), threshold);
    await sender.sendCardToChannel(posted.grus.channelId, grusResultCard(posted.result, posted.grus));
    await context.sendActivity(grusPosted(posted.grus.teamName)[member.locale]);
    await replyWithCard(context, await statusCard(member));
  }));

  registerGroupPlan(app, deps, sender);
}
