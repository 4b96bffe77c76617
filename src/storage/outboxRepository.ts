import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { TableClients } from './client';
import { conversationReferenceSchema } from './conversationRepository';
import { ConcurrencyError, EntityTable, type TableWrite } from './entityTable';
import { encodeKey, odataString } from './keys';

/**
 * The outbox of proactive messages: every message the bot starts itself is written here first
 * and sent by whichever bot instance claims it (src/messaging). Nothing about it lives in memory.
 *
 * Key schemes:
 * - table outbox, PK "<batch id>:<lane 00..15>": a batch's messages are spread over 16 lanes
 *   (partitions), so that parallel senders do not fight over one counter and no partition gets
 *   hot (Azurite, too, slows down badly with tens of thousands of rows in one partition).
 *   - RK "i:<item id>"  a message waiting to be sent. `availableAt` is when it may next be
 *     claimed: a claim moves it to the end of the lease, a retry to the end of the backoff. Once
 *     delivered or dead-lettered it becomes a "done" row in the same transaction that counts it
 *     (ETag-checked: a sender whose lease ran out cannot count it twice), then is deleted.
 *   - RK "c"            the lane's counters (queued / delivered / failed); the batch's figures
 *     are the sum over its lanes.
 * - table outboxBatches, PK <batch id>, RK "batch": what the batch is ("MUS round … invitations"),
 *   who asked for it (they are told the figures) and whether it still has messages to send.
 * - table deadLetters, PK <batch id>, RK <item id>: a message given up on, with why.
 * - table deliveryStates, PK <conversation id>, RK "state": the conversation's recent sends (for
 *   Teams' per-conversation rate limits, shared by all instances) and whether it refused the bot.
 */

const itemPrefix = 'i:';
const counterRow = 'c';
const lanes = 16;
const batchRow = 'batch';
const stateRow = 'state';

/** A Bot Framework activity as plain JSON (the outbox does not know botbuilder). */
export const outboxActivitySchema = z.object({ type: z.string() }).passthrough();
export type OutboxActivity = z.infer<typeof outboxActivitySchema>;

/** A person the bot has no conversation with yet: the app is installed for them before the send. */
const installTargetSchema = z.object({ userId: z.string(), tenantId: z.string() });
export type InstallTarget = z.infer<typeof installTargetSchema>;

const itemSchema = z.object({
  kind: z.literal('item'),
  /** Who it is for, in the caller's words (a person id, a channel id): for reports. */
  recipient: z.string(),
  /** The conversation (`install:<person>` until an install has found it). */
  conversationId: z.string(),
  tenantId: z.string(),
  /** Where to send; absent while the app still has to be installed for `install`. */
  reference: conversationReferenceSchema.optional(),
  install: installTargetSchema.optional(),
  activity: outboxActivitySchema,
  enqueuedAt: z.string(),
  availableAt: z.string(),
  /** Claims so far, including the current one (a crashed claim counts). */
  attempts: z.number().int().min(0),
  claimedBy: z.string().optional(),
  lastError: z.string().optional(),
});
export type OutboxItem = z.infer<typeof itemSchema>;

const counterSchema = z.object({
  kind: z.literal('counter'),
  queued: z.number().int().min(0),
  delivered: z.number().int().min(0),
  failed: z.number().int().min(0),
});
type Counter = z.infer<typeof counterSchema>;

/** A finished item, between its counting and its deletion (never claimable: no availableAt). */
const doneSchema = z.object({ kind: z.literal('done'), outcome: z.enum(['delivered', 'failed']) });

const outboxRowSchema = z.discriminatedUnion('kind', [itemSchema, counterSchema, doneSchema]);
type OutboxRow = z.infer<typeof outboxRowSchema>;

const batchSchema = z.object({
  label: z.string(),
  requestedBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** False once every message was delivered or given up on (until more are enqueued). */
  open: z.boolean(),
  closedAt: z.string().optional(),
});
export type OutboxBatch = z.infer<typeof batchSchema>;

export const deadLetterReasons = ['blocked', 'exhausted', 'rejected', 'unreachable'] as const;
export type DeadLetterReason = (typeof deadLetterReasons)[number];

const deadLetterSchema = z.object({
  recipient: z.string(),
  conversationId: z.string(),
  reference: conversationReferenceSchema.optional(),
  activity: outboxActivitySchema,
  /**
   * blocked: the recipient refused the bot (403); exhausted: retries used up; rejected: a
   * permanent error; unreachable: the app could not be installed for them (`detail`: why).
   */
  reason: z.enum(deadLetterReasons),
  status: z.number().int().optional(),
  detail: z.string(),
  attempts: z.number().int().min(0),
  enqueuedAt: z.string(),
  failedAt: z.string(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;

const deliveryStateSchema = z.object({
  /** Epoch milliseconds of recent sends (within the longest rate window). */
  sends: z.array(z.number()),
  blockedAt: z.string().optional(),
  blockedDetail: z.string().optional(),
});
type DeliveryState = z.infer<typeof deliveryStateSchema>;

/**
 * Batch ids are made by the code (e.g. "mus-round|<department>|<cycle>"): letters, digits, `._-`,
 * parts separated by `|` as in every key, so that a person id in one is an exact segment (erasure).
 */
export const batchIdPattern = /^[A-Za-z0-9._|-]{1,200}$/;

/** A batch as given to enqueue: its id, what it is, and who asked. */
export interface BatchRef {
  batchId: string;
  label: string;
  requestedBy: string;
}

/** A message to a conversation (`reference`), or to a person the app is first installed for (`install`). */
export type NewOutboxMessage = { recipient: string; activity: OutboxActivity } & (
  | { reference: z.input<typeof conversationReferenceSchema>; install?: undefined }
  | { reference?: undefined; install: InstallTarget }
);

export interface BatchCounts {
  queued: number;
  delivered: number;
  failed: number;
  /** Neither delivered nor failed yet. */
  pending: number;
}

export type BatchStatus = BatchCounts & { batchId: string } & Partial<OutboxBatch>;

/** A claimable item with the ETag that a claim must match. */
export interface OutboxEntry {
  batchId: string;
  /** The lane (partition) it is stored in. */
  partition: string;
  itemId: string;
  item: OutboxItem;
  etag: string;
}

const itemRow = (itemId: string) => `${itemPrefix}${itemId}`;

/** A new item id: time-ordered (base-36 milliseconds), then the position in its enqueue, then random. */
function newItemId(now: Date, index: number): string {
  return `${now.getTime().toString(36).padStart(9, '0')}-${index.toString(36).padStart(4, '0')}-${randomBytes(4).toString('hex')}`;
}

const laneOf = (batchId: string, lane: number) => `${batchId}:${String(lane).padStart(2, '0')}`;

/** Every lane of a batch (`;` is the character after `:`, and batch ids hold neither). */
const batchLanesFilter = (batchId: string) => `PartitionKey ge ${odataString(`${batchId}:`)} and PartitionKey lt ${odataString(`${batchId};`)}`;

export class OutboxRepository {
  private readonly outbox: EntityTable<OutboxRow>;
  private readonly batches: EntityTable<OutboxBatch>;
  private readonly deadLetterTable: EntityTable<DeadLetter>;
  private readonly states: EntityTable<DeliveryState>;

  constructor(tables: TableClients) {
    this.outbox = new EntityTable(tables.table('outbox'), outboxRowSchema, ['reference', 'activity', 'install']);
    this.batches = new EntityTable(tables.table('outboxBatches'), batchSchema);
    this.deadLetterTable = new EntityTable(tables.table('deadLetters'), deadLetterSchema, ['reference', 'activity']);
    this.states = new EntityTable(tables.table('deliveryStates'), deliveryStateSchema, ['sends']);
  }

  /**
   * Adds messages to a batch, up to 99 per transaction together with the count they add, so a
   * crash never leaves messages uncounted. The batch is (re)opened last: a sender closing it at
   * the same time loses its ETag race and sees the new messages.
   */
  async enqueue(batch: BatchRef, messages: readonly NewOutboxMessage[], now: Date): Promise<string[]> {
    if (!batchIdPattern.test(batch.batchId)) throw new Error(`Batch id ${JSON.stringify(batch.batchId)} must match ${batchIdPattern}`);
    const at = now.toISOString();
    const byLane = new Map<number, Array<TableWrite<OutboxRow>>>();
    const ids = messages.map((message, index) => {
      const itemId = newItemId(now, index);
      const reference = message.reference ? conversationReferenceSchema.parse(message.reference) : undefined;
      const item: OutboxItem = {
        kind: 'item',
        recipient: message.recipient,
        conversationId: reference ? reference.conversation.id : `install:${message.install!.userId}`,
        tenantId: reference ? reference.conversation.tenantId ?? '' : message.install!.tenantId,
        ...(reference ? { reference } : { install: message.install! }),
        activity: message.activity,
        enqueuedAt: at,
        availableAt: at,
        attempts: 0,
      };
      const lane = index % lanes;
      byLane.set(lane, [...(byLane.get(lane) ?? []), { kind: 'insert', row: itemRow(itemId), value: item }]);
      return itemId;
    });
    for (const [lane, writes] of byLane) {
      for (let start = 0; start < writes.length; start += 99) {
        const chunk = writes.slice(start, start + 99);
        await this.transactWithCount(laneOf(batch.batchId, lane), { queued: chunk.length }, chunk);
      }
    }
    await this.batches.update(batch.batchId, batchRow, (current) => ({
      label: batch.label,
      requestedBy: batch.requestedBy,
      createdAt: current?.createdAt ?? at,
      updatedAt: at,
      open: true,
    }));
    return ids;
  }

  /**
   * Writes `writes` to one lane and adds `add` to its counters, atomically; a lost race on the
   * counters is retried with a fresh read. Fails with ConcurrencyError when one of `writes`
   * itself is stale.
   */
  private async transactWithCount(
    partition: string, add: Partial<BatchCounts>, writes: TableWrite<OutboxRow>[], isStale?: () => Promise<boolean>,
  ): Promise<void> {
    const row = counterRow;
    for (let attempt = 1; ; attempt++) {
      const current = await this.outbox.get(partition, row);
      const counter = current?.value.kind === 'counter' ? current.value : { kind: 'counter' as const, queued: 0, delivered: 0, failed: 0 };
      const next: Counter = {
        kind: 'counter',
        queued: counter.queued + (add.queued ?? 0),
        delivered: counter.delivered + (add.delivered ?? 0),
        failed: counter.failed + (add.failed ?? 0),
      };
      const counterWrite: TableWrite<OutboxRow> = current ? { kind: 'replace', row, value: next, etag: current.etag } : { kind: 'insert', row, value: next };
      try {
        await this.outbox.transact(partition, [...writes, counterWrite]);
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 50) throw error;
        if (isStale && (await isStale())) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 5)));
      }
    }
  }

  /** Ids of the batches that still have messages to send. */
  async openBatches(): Promise<string[]> {
    return (await this.batches.query('open eq true')).map((row) => row.partition);
  }

  /** Up to `take` messages of a batch that may be claimed now. */
  async claimable(batchId: string, now: Date, take: number): Promise<OutboxEntry[]> {
    const filter = `${batchLanesFilter(batchId)} and availableAt le ${odataString(now.toISOString())}`;
    const rows = await this.outbox.query(filter, take);
    return rows.flatMap(({ partition, row, value, etag }) =>
      value.kind === 'item' && row.startsWith(itemPrefix) ? [{ batchId, partition, itemId: row.slice(itemPrefix.length), item: value, etag }] : [],
    );
  }

  /**
   * Takes a message for `leaseMs`: only one claimer can win (ETag). Undefined when another
   * instance was first. Counts the attempt now, so a message whose sender keeps crashing ends.
   */
  async claim(entry: OutboxEntry, claimedBy: string, now: Date, leaseMs: number): Promise<OutboxEntry | undefined> {
    const item: OutboxItem = {
      ...entry.item,
      availableAt: new Date(now.getTime() + leaseMs).toISOString(),
      attempts: entry.item.attempts + 1,
      claimedBy,
    };
    try {
      const etag = await this.outbox.replace(entry.partition, itemRow(entry.itemId), item, entry.etag);
      return { ...entry, item, etag };
    } catch (error) {
      if (error instanceof ConcurrencyError) return undefined;
      throw error;
    }
  }

  /**
   * Gives a claimed message back, to be claimed again at `availableAt`. With `countAttempt`
   * false (the bot held back for the rate limit, nothing was sent) the claim is not counted.
   * False when the lease was lost meanwhile.
   */
  async release(entry: OutboxEntry, availableAt: Date, options: { lastError?: string; countAttempt: boolean }): Promise<boolean> {
    const { claimedBy: _claimedBy, ...rest } = entry.item;
    const item: OutboxItem = {
      ...rest,
      availableAt: availableAt.toISOString(),
      attempts: options.countAttempt ? entry.item.attempts : Math.max(0, entry.item.attempts - 1),
      ...(options.lastError ? { lastError: options.lastError } : {}),
    };
    try {
      await this.outbox.replace(entry.partition, itemRow(entry.itemId), item, entry.etag);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
  }

  /** A claimed message was delivered: counted and removed. False when the lease was lost. */
  async markDelivered(entry: OutboxEntry): Promise<boolean> {
    return this.finish(entry, 'delivered');
  }

  /**
   * A claimed message is given up on: kept in the dead letters, then counted as failed and
   * removed. (The dead letter is written first and keyed by the item, so a crash in between
   * only writes it again.) False when the lease was lost.
   */
  async markFailed(entry: OutboxEntry, failure: { reason: DeadLetterReason; status?: number; detail: string }, now: Date): Promise<boolean> {
    await this.deadLetterTable.upsert(entry.batchId, entry.itemId, {
      recipient: entry.item.recipient,
      conversationId: entry.item.conversationId,
      ...(entry.item.reference ? { reference: entry.item.reference } : {}),
      activity: entry.item.activity,
      reason: failure.reason,
      ...(failure.status === undefined ? {} : { status: failure.status }),
      detail: failure.detail.slice(0, 2000),
      attempts: entry.item.attempts,
      enqueuedAt: entry.item.enqueuedAt,
      failedAt: now.toISOString(),
    });
    return this.finish(entry, 'failed');
  }

  /**
   * Removes a waiting message without sending it and without a dead letter (erasure: it holds
   * personal data that must not leave any more), counted as failed so its batch still closes.
   * A message claimed by a sender at that moment is retried until the claim is settled.
   */
  async discard(partition: string, itemId: string): Promise<void> {
    for (let attempt = 1; attempt <= 20; attempt++) {
      const stored = await this.outbox.get(partition, itemRow(itemId));
      if (!stored) return;
      if (stored.value.kind !== 'item') {
        await this.outbox.delete(partition, itemRow(itemId));
        return;
      }
      const batchId = partition.slice(0, partition.lastIndexOf(':'));
      if (await this.finish({ batchId, partition, itemId, item: stored.value, etag: stored.etag }, 'failed')) return;
    }
    throw new ConcurrencyError(`outbox item ${itemId}`);
  }

  private async finish(entry: OutboxEntry, outcome: 'delivered' | 'failed'): Promise<boolean> {
    const row = itemRow(entry.itemId);
    const leaseLost = async () => (await this.outbox.get(entry.partition, row))?.etag !== entry.etag;
    const done: TableWrite<OutboxRow> = { kind: 'replace', row, value: { kind: 'done', outcome }, etag: entry.etag };
    try {
      await this.transactWithCount(entry.partition, { [outcome]: 1 }, [done], leaseLost);
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
    await this.outbox.delete(entry.partition, row);
    return true;
  }

  /** The batch's figures, summed over its lanes (undefined for an unknown batch). */
  async batchStatus(batchId: string): Promise<BatchStatus | undefined> {
    const counters = this.outbox.query(`${batchLanesFilter(batchId)} and RowKey eq ${odataString(counterRow)}`);
    const [meta, shards] = await Promise.all([this.batches.get(batchId, batchRow), counters]);
    if (!meta && shards.length === 0) return undefined;
    const counts = { queued: 0, delivered: 0, failed: 0 };
    for (const { value } of shards) {
      if (value.kind !== 'counter') continue;
      counts.queued += value.queued;
      counts.delivered += value.delivered;
      counts.failed += value.failed;
    }
    return { batchId, ...meta?.value, ...counts, pending: counts.queued - counts.delivered - counts.failed };
  }

  /**
   * Closes a batch with nothing pending; the status when this call closed it, undefined when it
   * is not done or someone else closed it (the ETag makes exactly one closer).
   */
  async closeIfDone(batchId: string, now: Date): Promise<BatchStatus | undefined> {
    const meta = await this.batches.get(batchId, batchRow);
    if (!meta?.value.open) return undefined;
    const status = await this.batchStatus(batchId);
    if (!status || status.pending > 0) return undefined;
    const at = now.toISOString();
    try {
      await this.batches.replace(batchId, batchRow, { ...meta.value, open: false, closedAt: at, updatedAt: at }, meta.etag);
    } catch (error) {
      if (error instanceof ConcurrencyError) return undefined;
      throw error;
    }
    return { ...status, open: false, closedAt: at };
  }

  async deadLetters(batchId: string): Promise<Array<{ itemId: string; letter: DeadLetter }>> {
    return (await this.deadLetterTable.listPartition(batchId)).map(({ row, value }) => ({ itemId: row, letter: value }));
  }

  /**
   * Takes a send slot in a conversation, shared by every instance: `reserve` (pure) gets the
   * recent sends and says whether one more fits. `blocked` when the conversation refused the bot.
   */
  async reserveSend(
    conversationId: string,
    reserve: (sends: readonly number[]) => { ok: true; history: number[] } | { ok: false; retryAt: number },
  ): Promise<{ kind: 'reserved' } | { kind: 'wait'; retryAt: number } | { kind: 'blocked' }> {
    let verdict: { kind: 'reserved' } | { kind: 'wait'; retryAt: number } | { kind: 'blocked' } = { kind: 'reserved' };
    await this.states.update(conversationId, stateRow, (current) => {
      if (current?.blockedAt) {
        verdict = { kind: 'blocked' };
        return undefined;
      }
      const decision = reserve(current?.sends ?? []);
      if (!decision.ok) {
        verdict = { kind: 'wait', retryAt: decision.retryAt };
        return undefined;
      }
      verdict = { kind: 'reserved' };
      return { ...current, sends: decision.history };
    }, 20);
    return verdict;
  }

  /** The conversation refused the bot (403): nothing more is sent to it until it is unblocked. */
  async blockConversation(conversationId: string, detail: string, now: Date): Promise<void> {
    await this.states.update(conversationId, stateRow, (current) => ({
      sends: current?.sends ?? [],
      blockedAt: current?.blockedAt ?? now.toISOString(),
      blockedDetail: detail.slice(0, 500),
    }), 20);
  }

  /** The bot may write to the conversation again (e.g. the user reinstalled the app). */
  async unblockConversation(conversationId: string): Promise<void> {
    await this.states.update(conversationId, stateRow, (current) =>
      current?.blockedAt ? { sends: current.sends } : undefined,
    20);
  }

  async isBlocked(conversationId: string): Promise<boolean> {
    return Boolean((await this.states.get(conversationId, stateRow))?.value.blockedAt);
  }
}
