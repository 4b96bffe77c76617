import { type Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { commandTrigger } from '../../domain/commands';
import type { Locale } from '../../domain/i18n';
import { say } from '../../domain/texts';
import { requireMember } from '../../services/identity';
import type { BotDeps } from '../deps';
import { replyWithError } from '../errors';
import { teamsLocaleOf, userIdOf } from '../turn';

/** `dansk` / `english`: the person's own language choice, which wins over Teams' locale. */
export function registerLanguage(app: Application<TurnState>, deps: BotDeps): void {
  const choose = (language: Locale) => async (context: TurnContext) => {
    try {
      const member = await requireMember(deps.repos, userIdOf(context), teamsLocaleOf(context));
      await deps.repos.preferences.setLanguage(member.person.id, language);
      await context.sendActivity(say(language, 'languageSet'));
    } catch (error) {
      await replyWithError(context, error, deps);
    }
  };
  app.message(commandTrigger('language-da'), choose('da'));
  app.message(commandTrigger('language-en'), choose('en'));
}
