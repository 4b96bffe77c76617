import { type Application, TurnState } from '@microsoft/teams-ai';
import { type TurnContext } from 'botbuilder';
import { commandsFor } from '../../domain/commands';
import { NotRegisteredError } from '../../domain/errors';
import { greeting, roleSummary, say } from '../../domain/texts';
import { localeForUser, requireMember } from '../../services/identity';
import { installedByBotRecently } from '../../services/proactiveInstall';
import { renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { replyWithError } from '../errors';
import { scopeOf, teamsLocaleOf, userIdOf } from '../turn';

/** The greeting when the app is installed: personal chat, or a team / group chat. */
export function registerWelcome(app: Application<TurnState>, deps: BotDeps): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const botWasAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botWasAdded) return;
    try {
      if (scopeOf(context) === 'personal') {
        const userId = userIdOf(context);
        if (userId && (await installedByBotRecently(deps.repos, userId, new Date()))) return;
        await greetPerson(context, deps);
      } else await greetTeam(context, deps);
    } catch (error) {
      await replyWithError(context, error, deps);
    }
  });
}

async function greetPerson(context: TurnContext, deps: BotDeps): Promise<void> {
  try {
    const member = await requireMember(deps.repos, userIdOf(context), teamsLocaleOf(context));
    const { locale, person } = member;
    const card = renderCard(
      'welcome',
      {
        greeting: greeting(person.name)[locale],
        roleSummary: roleSummary({
          ...(member.department ? { departmentName: member.department.name } : {}),
          leaderOf: member.leads.map((d) => d.name),
          hr: person.hrAdmin,
        })[locale],
        commands: commandsFor(member.roles, 'personal', locale),
      },
      locale,
    );
    await replyWithCard(context, card);
  } catch (error) {
    if (!(error instanceof NotRegisteredError)) throw error;
    const locale = await localeForUser(deps.repos, userIdOf(context), teamsLocaleOf(context));
    const card = renderCard('notice', { title: say(locale, 'welcomeTitle'), lines: [say(locale, 'welcomeIntro'), say(locale, 'notRegistered')] }, locale);
    await replyWithCard(context, card);
  }
}

async function greetTeam(context: TurnContext, deps: BotDeps): Promise<void> {
  const locale = await localeForUser(deps.repos, userIdOf(context), teamsLocaleOf(context));
  await replyWithCard(context, renderCard('team-welcome', {}, locale));
}
