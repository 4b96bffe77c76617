import type { StoredConversationReference } from '../storage/conversationRepository';
import type {
  BatchRef, BatchStatus, DeadLetter, OutboxActivity, OutboxRepository,
} from '../storage/outboxRepository';
import type { Clock } from './clock';

export type { BatchRef, BatchStatus } from '../storage/outboxRepository';

/** One proactive message: for whom (a person id, a channel id), where, and what. */
export interface OutboxMessage {
  recipient: string;
  reference: StoredConversationReference;
  activity: OutboxActivity;
}

/**
 * What the rest of the bot sees of the outbox: put messages in, ask how a batch is doing. The
 * sending is done by the OutboxDispatcher of every running instance.
 */
export interface Outbox {
  /** Durably queues the messages under the batch (created on first use, reopened if done). */
  enqueue(batch: BatchRef, messages: readonly OutboxMessage[]): Promise<void>;
  /** Delivered, pending and failed counts, the same from every instance; undefined if unknown. */
  batchStatus(batchId: string): Promise<BatchStatus | undefined>;
  /** The messages of a batch that were given up on, with why. */
  deadLetters(batchId: string): Promise<Array<{ itemId: string; letter: DeadLetter }>>;
}

export function createOutbox(store: OutboxRepository, clock: Clock): Outbox {
  return {
    async enqueue(batch, messages) {
      if (messages.length > 0) await store.enqueue(batch, messages, clock.now());
    },
    batchStatus: (batchId) => store.batchStatus(batchId),
    deadLetters: (batchId) => store.deadLetters(batchId),
  };
}
