import { type Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { localeForUser } from '../../services/identity';
import { installedByBotRecently } from '../../services/proactiveInstall';
import { renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { replyWithError } from '../errors';
import { scopeOf, teamsLocaleOf, userIdOf } from '../turn';
import { forgetWelcome, welcomeOnInstall } from '../welcome';

/** The greeting when the app is installed: in a personal chat (src/bot/welcome.ts), or in a team / group chat. */
export function registerWelcome(app: Application<TurnState>, deps: BotDeps): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const botWasAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botWasAdded) return;
    await safely(context, deps, () => (scopeOf(context) === 'personal' ? welcomeUnlessInstalledByBot(context, deps) : greetTeam(context, deps)));
  });
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    if (scopeOf(context) !== 'personal') return;
    const action = context.activity.action ?? '';
    if (/^add/.test(action)) await safely(context, deps, () => welcomeUnlessInstalledByBot(context, deps));
    if (/^remove/.test(action)) await forgetWelcome(context, deps.repos);
  });
}

async function safely(context: TurnContext, deps: BotDeps, greet: () => Promise<void>): Promise<void> {
  try {
    await greet();
  } catch (error) {
    await replyWithError(context, error, deps);
  }
}

/** The personal welcome — unless the bot installed the app itself: the message that made it is on its way. */
async function welcomeUnlessInstalledByBot(context: TurnContext, deps: BotDeps): Promise<void> {
  const userId = userIdOf(context);
  if (userId && (await installedByBotRecently(deps.repos, userId, new Date()))) return;
  await welcomeOnInstall(context, deps.repos);
}

async function greetTeam(context: TurnContext, deps: BotDeps): Promise<void> {
  const locale = await localeForUser(deps.repos, userIdOf(context), teamsLocaleOf(context));
  await replyWithCard(context, renderCard('team-welcome', {}, locale));
}
