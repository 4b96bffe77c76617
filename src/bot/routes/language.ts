import { type Application, TurnState } from '@microsoft/teams-ai';
import { commandTrigger } from '../../domain/commands';
import type { Locale } from '../../domain/i18n';
import { say } from '../../domain/texts';
import type { BotDeps } from '../deps';
import { forMember } from '../handlers';

/** `dansk` / `english`: the person's own language choice, which wins over Teams' locale. */
export function registerLanguage(app: Application<TurnState>, deps: BotDeps): void {
  const choose = (language: Locale) =>
    forMember(deps, async (context, member) => {
      await deps.repos.preferences.setLanguage(member.person.id, language);
      await context.sendActivity(say(language, 'languageSet'));
    });
  app.message(commandTrigger('language-da'), choose('da'));
  app.message(commandTrigger('language-en'), choose('en'));
}
