import { type Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes } from 'botbuilder';
import { StaleCardError } from '../../domain/errors';
import { say } from '../../domain/texts';
import { requireMember } from '../../services/identity';
import type { BotDeps } from '../deps';
import { replyWithError } from '../errors';
import { teamsLocaleOf, userIdOf } from '../turn';

/**
 * Registered last: a message no other route took. A card submission with an unknown verb is an
 * old or foreign card; anything else is text the bot did not understand.
 */
export function registerFallback(app: Application<TurnState>, deps: BotDeps): void {
  app.activity(ActivityTypes.Message, async (context) => {
    try {
      const member = await requireMember(deps.repos, userIdOf(context), teamsLocaleOf(context));
      if (context.activity.value && !context.activity.text) throw new StaleCardError('unknown card action');
      await context.sendActivity(say(member.locale, 'didNotUnderstand'));
    } catch (error) {
      await replyWithError(context, error, deps);
    }
  });
}
