import type { CommandId } from './commands';
import type { LocalizedText } from './i18n';

/**
 * Expected failures, each mapped once (in src/bot/errors.ts) to a message in the user's language.
 * Anything else is a bug: logged with details, answered with a short apology.
 */
export abstract class AppError extends Error {
  abstract readonly kind: 'not-registered' | 'not-allowed' | 'invalid-input' | 'stale-card' | 'not-found';
}

/** The user is not in the organisation imported by HR. */
export class NotRegisteredError extends AppError {
  readonly kind = 'not-registered' as const;
  constructor(readonly userId: string) {
    super(`User ${userId} is not registered`);
    this.name = 'NotRegisteredError';
  }
}

export class NotAllowedError extends AppError {
  readonly kind = 'not-allowed' as const;
  constructor(readonly action: string) {
    super(`Not allowed: ${action}`);
    this.name = 'NotAllowedError';
  }
}

/** Input that did not pass validation; `problems` are shown to the user. */
export class InvalidInputError extends AppError {
  readonly kind = 'invalid-input' as const;
  constructor(readonly problems: LocalizedText[]) {
    super(`Invalid input: ${problems.map((p) => p.en).join('; ')}`);
    this.name = 'InvalidInputError';
  }
}

/**
 * A card was clicked after the flow moved on (or on another device). `next` is the command that
 * shows how things stand now; without one (a card the bot no longer knows) the person is shown
 * the commands they can use.
 */
export class StaleCardError extends AppError {
  readonly kind = 'stale-card' as const;
  constructor(readonly what: string, readonly next?: CommandId) {
    super(`Stale card: ${what}`);
    this.name = 'StaleCardError';
  }
}

export class NotFoundError extends AppError {
  readonly kind = 'not-found' as const;
  constructor(readonly what: string) {
    super(`Not found: ${what}`);
    this.name = 'NotFoundError';
  }
}
