import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import { AppError, InvalidInputError, StaleCardError } from '../domain/errors';
import { type Locale, localeFromTeams } from '../domain/i18n';
import { commands, commandsFor } from '../domain/commands';
import { say, staleCard, type TextKey } from '../domain/texts';
import { localeForUser, requireMember } from '../services/identity';
import { type AdaptiveCardJson, renderCard, replyWithCard } from './cards';
import type { BotDeps } from './deps';
import { scopeOf, teamsLocaleOf, userIdOf } from './turn';

/** The one place where an error becomes what the user reads. */
export function errorLines(error: unknown, locale: Locale): { title: string; lines: string[] } {
  if (error instanceof InvalidInputError) {
    return { title: say(locale, 'invalidInputTitle'), lines: error.problems.map((p) => p[locale]) };
  }
  if (error instanceof StaleCardError) {
    const command = commands.find((c) => c.id === error.next);
    return { title: say(locale, 'appName'), lines: [command ? staleCard(command.title)[locale] : say(locale, 'staleCardUnknown')] };
  }
  if (error instanceof AppError) {
    const key = ({ 'not-registered': 'notRegistered', 'not-allowed': 'notAllowed', 'not-found': 'notFound' } as const)[
      error.kind as Exclude<AppError['kind'], 'invalid-input' | 'stale-card'>
    ];
    return { title: say(locale, 'appName'), lines: [say(locale, key)] };
  }
  return { title: say(locale, 'appName'), lines: [say(locale, 'unexpectedError')] };
}

/**
 * The card that answers a failed turn. A card the bot no longer knows (no command to point at)
 * is answered with the commands the person can use, under the reason — never "here is the
 * current one" with nothing current.
 */
async function errorCardIn(context: TurnContext, error: unknown, locale: Locale, deps: BotDeps): Promise<AdaptiveCardJson> {
  const { title, lines } = errorLines(error, locale);
  if (error instanceof StaleCardError && !error.next) {
    const member = await requireMember(deps.repos, userIdOf(context), teamsLocaleOf(context)).catch(() => undefined);
    if (member) return renderCard('help', { notices: lines, commands: commandsFor(member.roles, scopeOf(context), locale) }, locale);
  }
  return renderCard('notice', { title, lines }, locale);
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
    if (error instanceof InvalidInputError || error instanceof StaleCardError) {
      await replyWithCard(context, await errorCardIn(context, error, locale, deps));
    } else {
      await context.sendActivity(errorLines(error, locale).lines.join('\n\n'));
    }
  } catch (sendError) {
    deps.logger.error({ err: sendError }, 'could not tell the user about a failed turn');
  }
}

/** The card an Action.Execute invoke returns when it failed: the user sees why, not "Unable to reach app". */
export async function errorCard(context: TurnContext, error: unknown, deps: BotDeps): Promise<AdaptiveCardJson> {
  logError(context, error, deps);
  return errorCardIn(context, error, await safeLocale(context, deps), deps);
}

function isCardActionInvoke(context: TurnContext): boolean {
  return context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action';
}

/** Answers a card action invoke with the card that says what went wrong (never rethrows). */
export async function answerInvokeWithError(context: TurnContext, error: unknown, deps: BotDeps): Promise<void> {
  await answerInvokeWith(context, () => errorCard(context, error, deps), deps);
}

/** Answers a card action invoke with a notice in the person's language (never rethrows). */
export async function answerInvokeWithNotice(context: TurnContext, key: TextKey, deps: BotDeps): Promise<void> {
  await answerInvokeWith(context, async () => {
    const locale = await safeLocale(context, deps);
    return renderCard('notice', { title: say(locale, 'appName'), lines: [say(locale, key)] }, locale);
  }, deps);
}

async function answerInvokeWith(context: TurnContext, card: () => Promise<AdaptiveCardJson>, deps: BotDeps): Promise<void> {
  try {
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: await card() } },
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
