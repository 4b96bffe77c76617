import { type Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { commandsFor } from '../../domain/commands';
import { NotRegisteredError } from '../../domain/errors';
import { greeting, roleSummary, say } from '../../domain/texts';
import { localeForUser, requireMember } from '../../services/identity';
import { scheduleWelcome } from '../../jobs/welcome';
import type { Repositories } from '../../storage';
import { type AdaptiveCardJson, renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { replyWithError } from '../errors';
import { scopeOf, teamsLocaleOf, userIdOf } from '../turn';

/**
 * The greeting when the app is installed: personal chat, or a team / group chat.
 *
 * Teams announces an install twice — installationUpdate and conversationUpdate (membersAdded:
 * the bot) — in either order, and one of them often without a locale. In a personal chat the
 * welcome is sent once, by whichever event first knows the person's language: their own choice,
 * HR's, or the locale of the event (or of the other event, stored with the conversation). An
 * event that knows none of them leaves the welcome to the other event, and to a job that greets
 * shortly after if nothing did (src/jobs/welcome.ts). Removing the app lets a new install greet.
 */
export function registerWelcome(app: Application<TurnState>, deps: BotDeps): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const botWasAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botWasAdded) return;
    await welcome(context, deps);
  });
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = context.activity.action ?? '';
    if (/^add/.test(action) && scopeOf(context) === 'personal') await welcome(context, deps);
    const [conversationId, userId] = [context.activity.conversation?.id, userIdOf(context)];
    if (/^remove/.test(action) && conversationId && userId) await deps.repos.activities.forgetWelcome(conversationId, userId);
  });
}

async function welcome(context: TurnContext, deps: BotDeps): Promise<void> {
  try {
    if (scopeOf(context) === 'personal') await welcomePersonOnce(context, deps);
    else if (context.activity.type === ActivityTypes.ConversationUpdate) await replyWithCard(context, renderCard('team-welcome', {}, await localeForUser(deps.repos, userIdOf(context), teamsLocaleOf(context))));
  } catch (error) {
    await replyWithError(context, error, deps);
  }
}

async function welcomePersonOnce(context: TurnContext, deps: BotDeps): Promise<void> {
  const userId = userIdOf(context);
  const conversationId = context.activity.conversation?.id;
  if (!userId || !conversationId) return;
  const teamsLocale = teamsLocaleOf(context);
  if (!teamsLocale && !(await hasOwnLanguage(deps.repos, userId))) {
    await scheduleWelcome(deps.repos, { personId: userId, conversationId }, context.activity.id ?? context.activity.type, new Date());
    return;
  }
  if (!(await deps.repos.activities.claimWelcome(conversationId, userId))) return;
  await replyWithCard(context, await welcomeCard(deps.repos, userId, teamsLocale));
}

/** Whether the person's language is set regardless of Teams: their own choice, or HR's. */
async function hasOwnLanguage(repos: Repositories, userId: string): Promise<boolean> {
  const [person, preferences] = await Promise.all([repos.org.getPerson(userId), repos.preferences.get(userId)]);
  return !!(preferences?.language ?? person?.language);
}

/** The first card a person reads, in their language: who they are and what they can do, or "ask HR". */
export async function welcomeCard(repos: Repositories, userId: string, teamsLocale: string | undefined): Promise<AdaptiveCardJson> {
  try {
    const member = await requireMember(repos, userId, teamsLocale);
    const { locale, person } = member;
    return renderCard('welcome', {
      greeting: greeting(person.name)[locale],
      roleSummary: roleSummary({
        ...(member.department ? { departmentName: member.department.name } : {}),
        leaderOf: member.leads.map((d) => d.name),
        hr: person.hrAdmin,
      })[locale],
      commands: commandsFor(member.roles, 'personal', locale),
    }, locale);
  } catch (error) {
    if (!(error instanceof NotRegisteredError)) throw error;
    const locale = await localeForUser(repos, userId, teamsLocale);
    return renderCard('notice', { title: say(locale, 'welcomeTitle'), lines: [say(locale, 'welcomeIntro'), say(locale, 'notRegistered')] }, locale);
  }
}
