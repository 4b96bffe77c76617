import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import { AppError, InvalidInputError, StaleCardError } from '../domain/errors';
import { type Locale, localeFromTeams } from '../domain/i18n';
import { say } from '../domain/texts';
import { localeForUser } from '../services/identity';
import { type AdaptiveCardJson, renderCard, replyWithCard } from './cards';
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

/** Answers a failed turn in the user's language; never rethrows. A card action invoke gets its invoke response. */
export async function replyWithError(context: TurnContext, error: unknown, deps: BotDeps): Promise<void> {
  if (isCardActionInvoke(context) && !context.turnState.get(INVOKE_RESPONSE_KEY)) return answerInvokeWithError(context, error, deps);
  logError(context, error, deps);
  try {
    const locale = await safeLocale(context, deps);
    const { title, lines } = errorLines(error, locale);
    if (error instanceof InvalidInputError || error instanceof StaleCardError) {
      await replyWithCard(context, renderCard('notice', { title, lines }, locale));
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

function isCardActionInvoke(context: TurnContext): boolean {
  return context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action';
}

/** Answers a card action invoke with the card that says what went wrong (never rethrows). */
export async function answerInvokeWithError(context: TurnContext, error: unknown, deps: BotDeps): Promise<void> {
  try {
    const card = await errorCard(context, error, deps);
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } },
    });
  } catch (sendError) {
    deps.logger.error({ err: sendError }, 'could not answer a failed card action');
  }
}

/**
 * A card action no route took (an unknown verb: an old or foreign card). An Action.Execute must
 * still get an invoke response, or Teams shows "Unable to reach app".
 */
export async function answerUnhandled(context: TurnContext, deps: BotDeps): Promise<void> {
  if (isCardActionInvoke(context) && !context.turnState.get(INVOKE_RESPONSE_KEY)) {
    await answerInvokeWithError(context, new StaleCardError('unknown card action'), deps);
  }
}
