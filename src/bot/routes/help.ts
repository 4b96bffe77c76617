import { type Application, TurnState } from '@microsoft/teams-ai';
import { CardFactory, type TurnContext } from 'botbuilder';
import { commandTrigger, commandsFor } from '../../domain/commands';
import { requireMember } from '../../services/identity';
import { renderCard } from '../cards';
import type { BotDeps } from '../deps';
import { replyWithError } from '../errors';
import { verbs } from '../verbs';
import { scopeOf, teamsLocaleOf, userIdOf } from '../turn';

/** `hjælp` / `help`, and the welcome card's "Show commands" button. */
export function registerHelp(app: Application<TurnState>, deps: BotDeps): void {
  const showHelp = async (context: TurnContext) => {
    try {
      const member = await requireMember(deps.repos, userIdOf(context), teamsLocaleOf(context));
      const card = renderCard('help', { commands: commandsFor(member.roles, scopeOf(context), member.locale) }, member.locale);
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    } catch (error) {
      await replyWithError(context, error, deps);
    }
  };
  app.adaptiveCards.actionSubmit(verbs.showHelp, showHelp);
  app.message(commandTrigger('help'), showHelp);
}
