import type { OutboxActivity } from '../storage/outboxRepository';
import type { StoredConversationReference } from '../storage/conversationRepository';

/**
 * The port through which the outbox sends one message. The real one (src/bot/delivery.ts) uses
 * botbuilder's adapter; it reports what the Bot Connector answered instead of throwing.
 */
export interface DeliveryPort {
  deliver(reference: StoredConversationReference, activity: OutboxActivity): Promise<DeliveryResult>;
}

/** What the connector answered: ok, or the HTTP status (none for a network failure) and its Retry-After. */
export type DeliveryResult =
  | { ok: true }
  | { ok: false; status?: number; retryAfter?: string; message: string };
