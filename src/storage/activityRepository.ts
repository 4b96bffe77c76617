import { z } from 'zod';
import type { TableClients } from './client';
import { AlreadyExistsError, EntityTable } from './entityTable';
import { encodeKey, InvalidKeyError, odataString } from './keys';

/**
 * Which inbound activities the bot has taken on, so that a delivery Teams retries (same
 * conversation, same activity id) has one effect, across instances. Key scheme: PK
 * `d|<UTC day received>`, RK `<conversation id>|<activity id>`; a claim is an insert, so of two
 * instances receiving the same activity exactly one wins. A card action's invoke response is kept
 * with its claim (when small enough), so a retried Action.Execute gets the same card back. Rows
 * are kept `activityRetentionDays` and then deleted by the scheduler (`deleteReceivedBefore`).
 */
const activitySchema = z.object({
  receivedAt: z.string(),
  state: z.enum(['handling', 'done']),
  response: z.unknown().optional(),
});
type ActivityRow = z.infer<typeof activitySchema>;

export const activityRetentionDays = 2;
/** A retry arriving this soon after midnight (UTC) is also looked for in yesterday's partition. */
const midnightOverlapMs = 30 * 60_000;
/** Table Storage allows 64 KiB per property; larger responses are not kept. */
const maxResponseChars = 30_000;

export type ActivityClaim = { first: true; receivedAt: Date } | { first: false; response?: unknown };

const dayOf = (date: Date) => `d|${date.toISOString().slice(0, 10)}`;
/** The welcome's claim of a person in a conversation (no activity of Teams has such an id). */
const welcomeClaim = (userId: string) => `welcome-${userId.toLowerCase()}`;
const rowOf = (conversationId: string, activityId: string) => `${conversationId}|${activityId}`;

export class ActivityRepository {
  private readonly table: EntityTable<ActivityRow>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('activities'), activitySchema, ['response']);
  }

  /** Takes the activity on; `first: false` when it was taken on before (a redelivery). */
  async claim(conversationId: string, activityId: string): Promise<ActivityClaim> {
    const now = this.now();
    const row = rowOf(conversationId, activityId);
    if (!fitsKey(row)) return { first: true, receivedAt: now };
    if (now.getTime() % 86_400_000 < midnightOverlapMs) {
      const earlier = await this.table.get(dayOf(new Date(now.getTime() - 86_400_000)), row);
      if (earlier) return { first: false, response: earlier.value.response };
    }
    try {
      await this.table.insert(dayOf(now), row, { receivedAt: now.toISOString(), state: 'handling' });
      return { first: true, receivedAt: now };
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await this.table.get(dayOf(now), row);
      return { first: false, response: existing?.value.response };
    }
  }

  /** The activity was handled; `response` (an invoke's) is replayed to a redelivery. */
  async complete(conversationId: string, activityId: string, receivedAt: Date, response?: unknown): Promise<void> {
    const row = rowOf(conversationId, activityId);
    if (!fitsKey(row)) return;
    const kept = response !== undefined && JSON.stringify(response).length <= maxResponseChars ? { response } : {};
    await this.table.upsert(dayOf(receivedAt), row, { receivedAt: receivedAt.toISOString(), state: 'done', ...kept });
  }

  /** The turn failed before it could answer: a redelivery may try again. */
  async release(conversationId: string, activityId: string, receivedAt: Date): Promise<void> {
    const row = rowOf(conversationId, activityId);
    if (fitsKey(row)) await this.table.delete(dayOf(receivedAt), row);
  }

  /**
   * The one welcome of an install. Teams sends two events when the app is installed
   * (installationUpdate and conversationUpdate, in either order, one of them often without a
   * locale); whichever claims the welcome first greets, and no other does — across instances.
   * Keyed by the conversation and the person (a personal chat's id is not always unique to one
   * person: the Agents Playground gives every persona the same).
   */
  async claimWelcome(conversationId: string, userId: string): Promise<boolean> {
    return (await this.claim(conversationId, welcomeClaim(userId))).first;
  }

  /** The app was removed: installing it again greets again. */
  async forgetWelcome(conversationId: string, userId: string): Promise<void> {
    const row = rowOf(conversationId, welcomeClaim(userId));
    if (!fitsKey(row)) return;
    const now = this.now();
    for (const day of [now, new Date(now.getTime() - 86_400_000)]) await this.table.delete(dayOf(day), row);
  }

  /** Deletes the claims of days before `cutoff`'s; returns how many. */
  async deleteReceivedBefore(cutoff: Date): Promise<number> {
    const old = await this.table.query(`PartitionKey lt ${odataString(encodeKey(dayOf(cutoff)))}`);
    for (const { partition, row } of old) await this.table.delete(partition, row);
    return old.length;
  }
}

function fitsKey(row: string): boolean {
  try {
    encodeKey(row);
    return true;
  } catch (error) {
    if (error instanceof InvalidKeyError) return false;
    throw error;
  }
}
