import type { TurnContext } from 'botbuilder';
import { commandsFor } from '../domain/commands';
import { NotRegisteredError } from '../domain/errors';
import { greeting, roleSummary, say } from '../domain/texts';
import { localeForUser, type Member, requireMember } from '../services/identity';
import type { Repositories } from '../storage';
import { type AdaptiveCardJson, renderCard, replyWithCard } from './cards';
import { teamsLocaleOf, userIdOf } from './turn';

/**
 * The welcome in a personal chat, sent once per install and always in the person's language.
 *
 * Teams announces an install twice — installationUpdate and conversationUpdate (membersAdded:
 * the bot) — in either order, and often only one of them carries the locale (the Agents
 * Playground sends it on neither). The welcome goes out from whichever event first knows the
 * person's language: their own choice, HR's, or the Teams locale of the event (or of the other
 * event, stored with the conversation). The two events share one claim, across instances. An
 * event that knows no language does not guess: the welcome then waits for the person's first
 * message, whose locale is known, and comes before the answer to it (`welcomeIfPending`).
 */
export async function welcomeOnInstall(context: TurnContext, repos: Repositories): Promise<void> {
  const userId = userIdOf(context);
  const conversationId = context.activity.conversation?.id;
  if (!userId || !conversationId) return;
  const teamsLocale = teamsLocaleOf(context);
  if (!teamsLocale) {
    const [person, preferences] = await Promise.all([repos.org.getPerson(userId), repos.preferences.get(userId)]);
    if (!(preferences?.language ?? person?.language)) {
      // Someone not registered is told so when they write, in their language: that is their welcome.
      if (person) await repos.preferences.setWelcomePending(userId, true);
      return;
    }
  }
  if (await repos.activities.claimWelcome(conversationId, userId)) await replyWithCard(context, await welcomeCard(repos, userId, teamsLocale));
}

/** Before the first answer to someone whose welcome waited for a language: the welcome, once. */
export async function welcomeIfPending(context: TurnContext, repos: Repositories, member: Member): Promise<void> {
  const conversationId = context.activity.conversation?.id;
  if (!member.welcomePending || !conversationId || context.activity.conversation?.conversationType !== 'personal') return;
  if (await repos.activities.claimWelcome(conversationId, member.person.id)) await replyWithCard(context, welcomeCardOf(member));
  await repos.preferences.setWelcomePending(member.person.id, false);
}

/** The app was removed: installing it again greets again. */
export async function forgetWelcome(context: TurnContext, repos: Repositories): Promise<void> {
  const [conversationId, userId] = [context.activity.conversation?.id, userIdOf(context)];
  if (conversationId && userId) await repos.activities.forgetWelcome(conversationId, userId);
}

/** The first card a person reads, in their language: who they are and what they can do, or "ask HR". */
export async function welcomeCard(repos: Repositories, userId: string, teamsLocale: string | undefined): Promise<AdaptiveCardJson> {
  try {
    return welcomeCardOf(await requireMember(repos, userId, teamsLocale));
  } catch (error) {
    if (!(error instanceof NotRegisteredError)) throw error;
    const locale = await localeForUser(repos, userId, teamsLocale);
    return renderCard('notice', { title: say(locale, 'welcomeTitle'), lines: [say(locale, 'welcomeIntro'), say(locale, 'notRegistered')] }, locale);
  }
}

function welcomeCardOf(member: Member): AdaptiveCardJson {
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
}
