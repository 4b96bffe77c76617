import type { StoredConversationReference } from '../storage/conversationRepository';
import type {
  BatchRef, BatchStatus, DeadLetter, InstallTarget, OutboxActivity, OutboxRepository,
} from '../storage/outboxRepository';
import type { Clock } from './clock';

export type { BatchRef, BatchStatus } from '../storage/outboxRepository';

/**
 * One proactive message: for whom (a person id, a channel id), where, and what. Where is a stored
 * conversation, or a person the app is first installed for (the dispatcher's resolver finds the chat).
 */
export type OutboxMessage = { recipient: string; activity: OutboxActivity } & (
  | { reference: StoredConversationReference; install?: undefined }
  | { reference?: undefined; install: InstallTarget }
);

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

/** A batch id from parts (e.g. 'mus-round', department id, cycle): any other character becomes '-'. */
export function batchIdOf(...parts: string[]): string {
  return parts.map((part) => part.replace(/[^A-Za-z0-9_-]/g, '-')).join('|').slice(0, 200);
}

/** The batch of proactive messages nobody in particular asked for (plan notices, reminders): one a day. */
export function dailyBatch(now: Date): BatchRef {
  const day = now.toISOString().slice(0, 10);
  return { batchId: batchIdOf('proactive', day), label: `Proactive messages ${day}`, requestedBy: 'system' };
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
