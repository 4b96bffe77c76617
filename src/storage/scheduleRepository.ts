import { z } from 'zod';
import type { TableClients } from './client';
import { AlreadyExistsError, ConcurrencyError, EntityTable } from './entityTable';
import { encodeKey, odataString } from './keys';

/**
 * The durable schedule: every reminder and nudge the bot will send, and what became of it.
 * Key scheme (table schedule):
 * - PK s<shard>  RK "i|<item id>"                  the item: kind, state, due time, payload, lease, outcome
 * - PK s<shard>  RK "d|<due ISO time>|<item id>"   its due row, present while the item waits
 * - PK "marker"  RK <name>                         work done once (e.g. a day's årshjul planning)
 * The shard is a hash of the item id, so an item and its due row share a partition: scheduling,
 * moving and finishing write both in one transaction. A tick reads, per shard, only the due rows
 * up to now (a key-range query), never the history. Item ids are deterministic (e.g.
 * "nudge|2026|<person>|1"): scheduling an id twice keeps one item, and a finished item is never
 * run again — at most once per id.
 */
export const scheduleShards = 8;

export const itemStates = ['pending', 'leased', 'sending', 'sent', 'skipped', 'failed', 'done'] as const;
export type ItemState = (typeof itemStates)[number];
/** States an item never leaves. */
export const finalStates: readonly ItemState[] = ['sent', 'skipped', 'failed', 'done'];

const itemSchema = z.object({
  type: z.literal('item'),
  id: z.string(),
  kind: z.string(),
  state: z.enum(itemStates),
  dueAt: z.string(),
  payload: z.record(z.unknown()),
  attempts: z.number().int().min(0),
  owner: z.string().optional(),
  leaseUntil: z.string().optional(),
  /** Why it was skipped, failed, deferred or retried. */
  reason: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().optional(),
});
const dueSchema = z.object({ type: z.literal('due'), id: z.string() });
const markerSchema = z.object({ type: z.literal('marker'), at: z.string() });
const rowSchema = z.discriminatedUnion('type', [itemSchema, dueSchema, markerSchema]);
type Row = z.infer<typeof rowSchema>;
export type ScheduledItem = z.infer<typeof itemSchema>;

export interface ScheduleRequest {
  id: string;
  kind: string;
  dueAt: Date;
  payload: Record<string, unknown>;
}

/** An item this instance holds the lease of, with the ETag that proves it. */
export interface Claim {
  item: ScheduledItem;
  etag: string;
}

const markerPartition = 'marker';
const itemRow = (id: string) => `i|${id}`;
const dueRow = (dueAt: string, id: string) => `d|${dueAt}|${id}`;

/** FNV-1a over the id's UTF-16 units, modulo the shard count. */
export function shardOf(id: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return `s${hash % scheduleShards}`;
}

export class ScheduleRepository {
  private readonly table: EntityTable<Row>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('schedule'), rowSchema, ['payload']);
  }

  async get(id: string): Promise<ScheduledItem | undefined> {
    return (await this.getStored(id))?.value;
  }

  private async getStored(id: string): Promise<{ value: ScheduledItem; etag: string } | undefined> {
    const stored = await this.table.get(shardOf(id), itemRow(id));
    return stored?.value.type === 'item' ? { value: stored.value, etag: stored.etag } : undefined;
  }

  /**
   * Schedules an item, or moves a waiting one to a new time / payload. An item that is running or
   * finished is left alone: what was sent stays sent.
   */
  async schedule(request: ScheduleRequest): Promise<'created' | 'moved' | 'unchanged' | 'running' | 'finished'> {
    const { id } = request;
    const partition = shardOf(id);
    const dueAt = request.dueAt.toISOString();
    for (let attempt = 1; ; attempt++) {
      const current = await this.getStored(id);
      const at = this.now().toISOString();
      try {
        if (!current) {
          const item: ScheduledItem = {
            type: 'item', id, kind: request.kind, state: 'pending', dueAt, payload: request.payload, attempts: 0, createdAt: at, updatedAt: at,
          };
          await this.table.transact(partition, [
            { kind: 'insert', row: itemRow(id), value: item },
            { kind: 'insert', row: dueRow(dueAt, id), value: { type: 'due', id } },
          ]);
          return 'created';
        }
        const item = current.value;
        if (finalStates.includes(item.state)) return 'finished';
        if (item.state !== 'pending') return 'running';
        if (item.dueAt === dueAt && JSON.stringify(item.payload) === JSON.stringify(request.payload)) return 'unchanged';
        await this.move(current, { ...item, dueAt, payload: request.payload, updatedAt: at });
        return 'moved';
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 5) throw error;
      }
    }
  }

  /** Replaces the item (if its ETag still holds) and moves its due row to the new item's time. */
  private async move(current: { value: ScheduledItem; etag: string }, next: ScheduledItem): Promise<void> {
    const partition = shardOf(next.id);
    const writes: Parameters<EntityTable<Row>['transact']>[1] = [{ kind: 'replace', row: itemRow(next.id), value: next, etag: current.etag }];
    if (current.value.dueAt !== next.dueAt) {
      writes.push({ kind: 'delete', row: dueRow(current.value.dueAt, next.id) });
      writes.push({ kind: 'insert', row: dueRow(next.dueAt, next.id), value: { type: 'due', id: next.id } });
    }
    await this.table.transact(partition, writes);
  }

  /** A waiting item that is no longer wanted ends as skipped; one running or finished is left. */
  async cancel(id: string, reason: string): Promise<boolean> {
    const current = await this.getStored(id);
    if (!current || current.value.state !== 'pending') return false;
    try {
      await this.finishStored(current, 'skipped', reason);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
  }

  /** The ids of items due at `now` or earlier, oldest first, at most `limit`. */
  async dueIds(now: Date, limit: number): Promise<Array<{ id: string; dueAt: string }>> {
    const upper = odataString(`d|${now.toISOString()}}`);
    const perShard = await Promise.all(
      Array.from({ length: scheduleShards }, (_, n) =>
        this.table.query(`PartitionKey eq ${odataString(encodeKey(`s${n}`))} and RowKey ge 'd|' and RowKey lt ${upper}`),
      ),
    );
    return perShard
      .flat()
      .flatMap((row) => (row.value.type === 'due' ? [{ id: row.value.id, dueAt: row.row.slice(2, 2 + 24) }] : []))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
      .slice(0, limit);
  }

  /**
   * Takes the lease of a due item: only if it is waiting, or its last holder's lease ran out.
   * Exactly one of several instances racing for it wins (ETag); the others get undefined. An item
   * whose holder crashed while sending is not sent again (at most once): it ends as failed.
   */
  async claim(id: string, owner: string, now: Date, leaseMs: number): Promise<Claim | undefined> {
    const current = await this.getStored(id);
    if (!current) return undefined;
    const item = current.value;
    const expired = item.leaseUntil !== undefined && item.leaseUntil <= now.toISOString();
    try {
      if (item.state === 'sending' && expired) {
        await this.finishStored(current, 'failed', 'interrupted while sending: not sent again, to send at most once');
        return undefined;
      }
      if (!(item.state === 'pending' || (item.state === 'leased' && expired))) return undefined;
      if (item.dueAt > now.toISOString()) return undefined;
      const leased: ScheduledItem = {
        ...item, state: 'leased', owner, leaseUntil: new Date(now.getTime() + leaseMs).toISOString(), attempts: item.attempts + 1, updatedAt: this.now().toISOString(),
      };
      const etag = await this.table.replace(shardOf(id), itemRow(id), leased, current.etag);
      return { item: leased, etag };
    } catch (error) {
      if (error instanceof ConcurrencyError) return undefined;
      throw error;
    }
  }

  /** Records that the one send is about to happen; fails with ConcurrencyError if the lease was lost. */
  async markSending(claim: Claim): Promise<Claim> {
    const item: ScheduledItem = { ...claim.item, state: 'sending', updatedAt: this.now().toISOString() };
    const etag = await this.table.replace(shardOf(item.id), itemRow(item.id), item, claim.etag);
    return { item, etag };
  }

  /** Ends a claimed item with its outcome, and removes its due row. */
  async finish(claim: Claim, state: 'sent' | 'skipped' | 'failed' | 'done', reason?: string): Promise<void> {
    await this.finishStored({ value: claim.item, etag: claim.etag }, state, reason);
  }

  private async finishStored(current: { value: ScheduledItem; etag: string }, state: ItemState, reason?: string): Promise<void> {
    const at = this.now().toISOString();
    const { leaseUntil: _lease, reason: _reason, ...rest } = current.value;
    const item: ScheduledItem = { ...rest, state, updatedAt: at, finishedAt: at, ...(reason ? { reason } : {}) };
    await this.table.transact(shardOf(item.id), [
      { kind: 'replace', row: itemRow(item.id), value: item, etag: current.etag },
      { kind: 'delete', row: dueRow(current.value.dueAt, item.id) },
    ]);
  }

  /** Puts a claimed item back to wait until `dueAt` (quiet hours, a retry after an error). */
  async defer(claim: Claim, dueAt: Date, reason: string): Promise<void> {
    const { owner: _owner, leaseUntil: _lease, ...rest } = claim.item;
    await this.move({ value: claim.item, etag: claim.etag }, { ...rest, state: 'pending', dueAt: dueAt.toISOString(), reason, updatedAt: this.now().toISOString() });
  }

  /** Whether a named piece of work was done already. */
  async hasMarker(name: string): Promise<boolean> {
    return (await this.table.get(markerPartition, name)) !== undefined;
  }

  async setMarker(name: string): Promise<void> {
    try {
      await this.table.insert(markerPartition, name, { type: 'marker', at: this.now().toISOString() });
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
  }
}
