import type { TeamsAdapter } from '@microsoft/teams-ai';
import { CardFactory, type ConversationReference, type TurnContext } from 'botbuilder';
import { type Locale, resolveLocale } from '../domain/i18n';
import { prepInviteText, preparationTime, say } from '../domain/texts';
import { formatterFor } from '../domain/format';
import type { Clock } from '../messaging/clock';
import { type BatchRef, dailyBatch, type Outbox, type OutboxMessage } from '../messaging/outbox';
import type { StoredConversationReference } from '../storage/conversationRepository';
import type { InstallTarget } from '../storage/outboxRepository';
import { runLimited } from '../storage/orgRepository';
import { localeForUser } from '../services/identity';
import type { Repositories } from '../storage';
import type { UnreachableReason } from '../domain/reach';
import type { Installer } from '../services/proactiveInstall';
import { type AdaptiveCardJson, renderCard } from './cards';

/** 'queued': in the outbox, to be sent (throttled, retried) by a bot instance; 'unreachable': no conversation yet. */
export type SendOutcome = 'queued' | 'unreachable';

/**
 * A message to a person, in more detail: 'queued' to their conversation, 'installing' (queued;
 * the app is installed for them first), or 'unreachable' with why.
 */
export type Delivery = { outcome: 'queued' | 'installing' } | { outcome: 'unreachable'; reason: UnreachableReason };

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
  /** As sendCard, saying whether the app is installed for the person first, or why they cannot be reached. */
  deliverCard(userId: string, card: AdaptiveCardJson, batch?: BatchRef): Promise<Delivery>;
  /** Many cards into one batch in one go (a MUS round's invitations), each with how it goes. */
  deliverCards(items: ReadonlyArray<{ userId: string; card: AdaptiveCardJson | ((locale: Locale) => AdaptiveCardJson) }>, batch: BatchRef): Promise<Delivery[]>;
  /** Queues the card as a new post in a team channel the bot is installed in. */
  sendCardToChannel(channelId: string, card: AdaptiveCardJson, batch?: BatchRef): Promise<SendOutcome>;
}

/** Runs `logic` in a turn on a stored conversation (the adapter's continueConversation). */
export type ContinueConversation = (reference: ConversationReference, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

export function continueWith(adapter: TeamsAdapter, botAppId: string): ContinueConversation {
  return (reference, logic) => adapter.continueConversationAsync(botAppId, reference, logic);
}

/**
 * With `install` (PROACTIVE_INSTALL=on), a person without a conversation is reached by
 * installing the app for them first: the message is queued for them, and the outbox's resolver
 * installs the app when it comes due.
 */
export function createProactiveSender(outbox: Outbox, repos: Repositories, clock: Clock, install?: { installer: Installer; tenantId: string }): ProactiveSender {
  /**
   * Where a message to the person goes — their conversation, an install first, or nowhere (why) —
   * and the language to write in, from one read of their conversation, person and preferences.
   */
  const recipientOf = async (userId: string): Promise<{ delivery: Delivery; to?: { reference: StoredConversationReference } | { install: InstallTarget }; locale: Locale }> => {
    const [conversation, person, preferences] = await Promise.all([repos.conversations.get('user', userId), repos.org.getPerson(userId), repos.preferences.get(userId)]);
    const locale = resolveLocale({ choice: preferences?.language, hr: person?.language, teamsLocale: conversation?.locale });
    if (!install) {
      if (conversation) return { delivery: { outcome: 'queued' }, to: { reference: conversation.reference }, locale };
      return { delivery: { outcome: 'unreachable', reason: person?.active === false ? 'user-disabled' : 'not-installed' }, locale };
    }
    const reach = await install.installer.reachOf(userId, { conversation, person });
    switch (reach.kind) {
      case 'conversation':
        return { delivery: { outcome: 'queued' }, to: { reference: reach.reference }, locale };
      case 'install':
        return { delivery: { outcome: 'installing' }, to: { install: { userId: userId.toLowerCase(), tenantId: install.tenantId } }, locale };
      case 'unreachable':
        return { delivery: { outcome: 'unreachable', reason: reach.reason }, locale };
    }
  };
  const deliverCards = async (items: ReadonlyArray<{ userId: string; card: AdaptiveCardJson | ((locale: Locale) => AdaptiveCardJson) }>, batch?: BatchRef): Promise<Delivery[]> => {
    const recipients = new Array<Awaited<ReturnType<typeof recipientOf>>>(items.length);
    await runLimited(items.map((item, index) => ({ item, index })), 16, async ({ item, index }) => {
      recipients[index] = await recipientOf(item.userId);
    });
    const messages: OutboxMessage[] = items.flatMap((item, index) => {
      const { to, locale } = recipients[index]!;
      const card = typeof item.card === 'function' ? item.card(locale) : item.card;
      return to ? [{ recipient: item.userId, activity: { type: 'message', attachments: [CardFactory.adaptiveCard(card)] }, ...to }] : [];
    });
    await outbox.enqueue(batch ?? dailyBatch(clock.now()), messages);
    return recipients.map((r) => r.delivery);
  };
  const deliverCard = async (userId: string, card: AdaptiveCardJson, batch?: BatchRef): Promise<Delivery> => (await deliverCards([{ userId, card }], batch))[0]!;
  return {
    async localeOf(userId) {
      return localeForUser(repos, userId, (await repos.conversations.get('user', userId))?.locale);
    },
    deliverCard,
    deliverCards,
    async sendCard(userId, card, batch) {
      return (await deliverCard(userId, card, batch)).outcome === 'unreachable' ? 'unreachable' : 'queued';
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
export async function inviteToPrepare(sender: ProactiveSender, userId: string, invitation: Invitation, batch?: BatchRef): Promise<Delivery> {
  const locale = await sender.localeOf(userId);
  return sender.deliverCard(userId, invitationCard(invitation)(locale), batch);
}

/** The invitation in a person's language: who asks, the deadline, and how long preparing takes. */
const invitationCard = (invitation: Invitation) => (locale: Locale) => renderCard('prep-resume', {
  title: say(locale, 'prepInviteTitle'),
  text: prepInviteText(invitation.leaderName)[locale],
  buttonTitle: say(locale, 'prepStart'),
  facts: [
    { title: say(locale, 'roundDeadline'), value: formatterFor(locale).date(invitation.deadline) },
    { title: say(locale, 'prepInviteTime'), value: preparationTime(invitation.steps)[locale] },
  ],
}, locale);

/** A MUS round's invitations, in one batch, each in the person's language. */
export function inviteAllToPrepare(sender: ProactiveSender, invitations: ReadonlyArray<{ userId: string; invitation: Invitation }>, batch: BatchRef): Promise<Delivery[]> {
  return sender.deliverCards(invitations.map(({ userId, invitation }) => ({ userId, card: invitationCard(invitation) })), batch);
}
