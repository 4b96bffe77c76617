import { type Application, TurnState } from '@microsoft/teams-ai';
import { commandTrigger, commandsFor } from '../../domain/commands';
import { renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { forMember } from '../handlers';
import { scopeOf } from '../turn';
import { verbs } from '../verbs';

/** `hjælp` / `help`, and the welcome card's "Show commands" button. */
export function registerHelp(app: Application<TurnState>, deps: BotDeps): void {
  const showHelp = forMember(deps, async (context, member) => {
    const card = renderCard('help', { notices: [], commands: commandsFor(member.roles, scopeOf(context), member.locale) }, member.locale);
    await replyWithCard(context, card);
  });
  app.adaptiveCards.actionSubmit(verbs.showHelp, showHelp);
  app.message(commandTrigger('help'), showHelp);
}
