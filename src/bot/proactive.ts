import type { TeamsAdapter } from '@microsoft/teams-ai';
import { type Activity, CardFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Locale } from '../domain/i18n';
import { say } from '../domain/texts';
import { localeForUser } from '../services/identity';
import type { Repositories } from '../storage';
import { type AdaptiveCardJson, renderCard } from './cards';

/**
 * Messages the bot starts itself, to a person's personal chat, through the conversation
 * reference stored when they installed the app or last wrote. (The throttled, retrying queue
 * of the årshjul issue will sit behind this same interface.)
 */
export interface ProactiveSender {
  /** The language to write to this person in. */
  localeOf(userId: string): Promise<Locale>;
  /** 'unreachable' when the person has no conversation with the bot yet. */
  sendCard(userId: string, card: AdaptiveCardJson): Promise<'sent' | 'unreachable'>;
}

/** Runs `logic` in a turn on a stored conversation (the adapter's continueConversation). */
export type ContinueConversation = (reference: ConversationReference, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

export function continueWith(adapter: TeamsAdapter, botAppId: string): ContinueConversation {
  return (reference, logic) => adapter.continueConversationAsync(botAppId, reference, logic);
}

export function createProactiveSender(continueConversation: ContinueConversation, repos: Repositories): ProactiveSender {
  return {
    async localeOf(userId) {
      const stored = await repos.conversations.get('user', userId);
      return localeForUser(repos, userId, stored?.locale);
    },
    async sendCard(userId, card) {
      const stored = await repos.conversations.get('user', userId);
      if (!stored) return 'unreachable';
      const activity: Partial<Activity> = { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
      await continueConversation(stored.reference as unknown as ConversationReference, async (context) => {
        await context.sendActivity(activity);
      });
      return 'sent';
    },
  };
}

/**
 * Invites an employee to prepare for MUS (called by a leader's MUS round, or anything else that
 * needs it): a card with a button that opens the first unanswered step.
 */
export async function inviteToPrepare(sender: ProactiveSender, userId: string): Promise<'sent' | 'unreachable'> {
  const locale = await sender.localeOf(userId);
  const card = renderCard('prep-resume', { title: say(locale, 'prepInviteTitle'), text: say(locale, 'prepInviteText'), buttonTitle: say(locale, 'prepStart') }, locale);
  return sender.sendCard(userId, card);
}
