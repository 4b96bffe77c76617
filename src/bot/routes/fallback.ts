import { type Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes } from 'botbuilder';
import { StaleCardError } from '../../domain/errors';
import { say } from '../../domain/texts';
import type { BotDeps } from '../deps';
import { forMember } from '../handlers';

/**
 * Registered last: a message no other route took. A card submission with an unknown verb is an
 * old or foreign card; anything else is text the bot did not understand.
 */
export function registerFallback(app: Application<TurnState>, deps: BotDeps): void {
  app.activity(
    ActivityTypes.Message,
    forMember(deps, async (context, member) => {
      if (context.activity.value && !context.activity.text) throw new StaleCardError('unknown card action');
      await context.sendActivity(say(member.locale, 'didNotUnderstand'));
    }),
  );
}
