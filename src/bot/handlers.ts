import type { TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { type Member, requireMember } from '../services/identity';
import type { AdaptiveCardJson } from './cards';
import type { BotDeps } from './deps';
import { errorCard, replyWithError } from './errors';
import { teamsLocaleOf, userIdOf } from './turn';
import { welcomeIfPending } from './welcome';

/**
 * Route handlers for registered people. The person is resolved first (an unknown user gets the
 * "ask HR" message), and any failure is answered in one place: as a message for messages and
 * Action.Submit, as a card for Action.Execute (an invoke always gets its response).
 */
export function forMember(deps: BotDeps, handler: (context: TurnContext, member: Member, data: unknown) => Promise<void>) {
  return async (context: TurnContext, _state?: TurnState, data?: unknown): Promise<void> => {
    try {
      const member = await requireMember(deps.repos, userIdOf(context), teamsLocaleOf(context));
      await welcomeIfPending(context, deps.repos, member);
      await handler(context, member, data);
    } catch (error) {
      await replyWithError(context, error, deps);
    }
  };
}

export function cardForMember(deps: BotDeps, handler: (context: TurnContext, member: Member, data: unknown) => Promise<AdaptiveCardJson>) {
  return async (context: TurnContext, _state: TurnState, data: unknown): Promise<AdaptiveCardJson> => {
    try {
      const member = await requireMember(deps.repos, userIdOf(context), teamsLocaleOf(context));
      return await handler(context, member, data);
    } catch (error) {
      return errorCard(context, error, deps);
    }
  };
}
