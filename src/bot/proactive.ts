import type { TeamsAdapter } from '@microsoft/teams-ai';
import { CardFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Locale } from '../domain/i18n';
import { prepInviteText, preparationTime, say } from '../domain/texts';
import { formatterFor } from '../domain/format';
import type { Clock } from '../messaging/clock';
import { type BatchRef, dailyBatch, type Outbox } from '../messaging/outbox';
import { localeForUser } from '../services/identity';
import type { Repositories } from '../storage';
import { type AdaptiveCardJson, renderCard } from './cards';

/** 'queued': in the outbox, to be sent (throttled, retried) by a bot instance; 'unreachable': no conversation yet. */
export type SendOutcome = 'queued' | 'unreachable';

/**
 * Messages the bot starts itself, to a person's personal chat, through the conversation
 * reference stored when they installed the app or last wrote. Every one goes through the outbox
 * (src/messaging): durable, within Teams' rate limits, retried, dead-lettered, counted per batch.
 */
export interface ProactiveSender {
  /** The language to write to this person in. */
  localeOf(userId: string): Promise<Locale>;
  /**
   * Queues the card for the person, in `batch` (whose requester can follow its delivered /
   * pending / failed counts) or else in the day's batch of unrequested messages.
   */
  sendCard(userId: string, card: AdaptiveCardJson, batch?: BatchRef): Promise<SendOutcome>;
  /** Queues the card as a new post in a team channel the bot is installed in. */
  sendCardToChannel(channelId: string, card: AdaptiveCardJson, batch?: BatchRef): Promise<SendOutcome>;
}

/** Runs `logic` in a turn on a stored conversation (the adapter's continueConversation). */
export type ContinueConversation = (reference: ConversationReference, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

export function continueWith(adapter: TeamsAdapter, botAppId: string): ContinueConversation {
  return (reference, logic) => adapter.continueConversationAsync(botAppId, reference, logic);
}

export function createProactiveSender(outbox: Outbox, repos: Repositories, clock: Clock): ProactiveSender {
  return {
    async localeOf(userId) {
      const stored = await repos.conversations.get('user', userId);
      return localeForUser(repos, userId, stored?.locale);
    },
    async sendCard(userId, card, batch) {
      const stored = await repos.conversations.get('user', userId);
      if (!stored) return 'unreachable';
      const activity = { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
      await outbox.enqueue(batch ?? dailyBatch(clock.now()), [{ recipient: userId, reference: stored.reference, activity }]);
      return 'queued';
    },
    async sendCardToChannel(channelId, card, batch) {
      const stored = await repos.conversations.get('channel', channelId);
      if (!stored) return 'unreachable';
      const activity = { type: 'message', attachments: [CardFactory.adaptiveCard(card)] };
      await outbox.enqueue(batch ?? dailyBatch(clock.now()), [{ recipient: `channel:${channelId}`, reference: stored.reference, activity }]);
      return 'queued';
    },
  };
}

/** What an invitation to prepare says: who asks, the round's deadline (YYYY-MM-DD), how many steps. */
export interface Invitation {
  leaderName: string;
  deadline: string;
  steps: number;
}

/**
 * Invites an employee to prepare for MUS (called by a leader's MUS round): the deadline the
 * leader set and how long it takes, and a button that opens the first unanswered step.
 */
export async function inviteToPrepare(sender: ProactiveSender, userId: string, invitation: Invitation, batch?: BatchRef): Promise<SendOutcome> {
  const locale = await sender.localeOf(userId);
  const card = renderCard('prep-resume', {
    title: say(locale, 'prepInviteTitle'),
    text: prepInviteText(invitation.leaderName)[locale],
    buttonTitle: say(locale, 'prepStart'),
    facts: [
      { title: say(locale, 'roundDeadline'), value: formatterFor(locale).date(invitation.deadline) },
      { title: say(locale, 'prepInviteTime'), value: preparationTime(invitation.steps)[locale] },
    ],
  }, locale);
  return sender.sendCard(userId, card, batch);
}
