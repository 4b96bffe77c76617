import { CardFactory, type TurnContext } from 'botbuilder';
import { AppError, InvalidInputError, StaleCardError } from '../domain/errors';
import { type Locale, localeFromTeams } from '../domain/i18n';
import { say } from '../domain/texts';
import { localeForUser } from '../services/identity';
import { type AdaptiveCardJson, renderCard } from './cards';
import type { BotDeps } from './deps';
import { teamsLocaleOf, userIdOf } from './turn';

/** The one place where an error becomes what the user reads. */
export function errorLines(error: unknown, locale: Locale): { title: string; lines: string[] } {
  if (error instanceof InvalidInputError) {
    return { title: say(locale, 'invalidInputTitle'), lines: error.problems.map((p) => p[locale]) };
  }
  if (error instanceof AppError) {
    const key = ({ 'not-registered': 'notRegistered', 'not-allowed': 'notAllowed', 'stale-card': 'staleCard', 'not-found': 'notFound' } as const)[
      error.kind as Exclude<AppError['kind'], 'invalid-input'>
    ];
    return { title: say(locale, 'appName'), lines: [say(locale, key)] };
  }
  return { title: say(locale, 'appName'), lines: [say(locale, 'unexpectedError')] };
}

async function safeLocale(context: TurnContext, deps: BotDeps): Promise<Locale> {
  try {
    return await localeForUser(deps.repos, userIdOf(context), teamsLocaleOf(context));
  } catch {
    return localeFromTeams(teamsLocaleOf(context));
  }
}

function logError(context: TurnContext, error: unknown, deps: BotDeps): void {
  const details = { activityType: context.activity.type, conversationType: context.activity.conversation?.conversationType };
  if (error instanceof AppError) deps.logger.info({ ...details, kind: error.kind, msg: error.message }, 'expected failure');
  else deps.logger.error({ ...details, err: error }, 'turn failed');
}

/** Answers a failed message turn in the user's language; never rethrows. */
export async function replyWithError(context: TurnContext, error: unknown, deps: BotDeps): Promise<void> {
  logError(context, error, deps);
  try {
    const locale = await safeLocale(context, deps);
    const { title, lines } = errorLines(error, locale);
    if (error instanceof InvalidInputError || error instanceof StaleCardError) {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderCard('notice', { title, lines }, locale))] });
    } else {
      await context.sendActivity(lines.join('\n\n'));
    }
  } catch (sendError) {
    deps.logger.error({ err: sendError }, 'could not tell the user about a failed turn');
  }
}

/** The card an Action.Execute invoke returns when it failed: the user sees why, not "Unable to reach app". */
export async function errorCard(context: TurnContext, error: unknown, deps: BotDeps): Promise<AdaptiveCardJson> {
  logError(context, error, deps);
  const locale = await safeLocale(context, deps);
  return renderCard('notice', errorLines(error, locale), locale);
}
