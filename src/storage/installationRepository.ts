import { z } from 'zod';
import { unreachableReasons, type UnreachableReason } from '../domain/reach';
import type { TableClients } from './client';
import { AlreadyExistsError, ConcurrencyError, EntityTable } from './entityTable';

/**
 * Proactive installs of the app for people the bot had no conversation with (table installations):
 * - PK <Entra object id>  RK "install"   how far installing for the person got: claimed by an
 *                                        instance (lease), installed (the POST is never sent
 *                                        again), the personal chat found, or failed and why
 * - PK "failed"           RK <person id> one row per person it failed for, so HR's count is one
 *                                        partition read (removed when it succeeds later)
 * Every step is written before the next Graph call, so a restart continues where it stopped and
 * never installs twice.
 */
const installRow = 'install';
const failedPartition = 'failed';

const installSchema = z.object({
  /** Installed (the POST succeeded or Graph said it already was), with the chat once found. */
  installedAt: z.string().optional(),
  chatId: z.string().optional(),
  failedAt: z.string().optional(),
  reason: z.enum(unreachableReasons).optional(),
  detail: z.string().max(1000).optional(),
  /** The instance working on it, until when. */
  owner: z.string().optional(),
  leaseUntil: z.string().optional(),
  /** POSTs sent for the person (for the record: it should stay at 1), and when the last was about to be sent. */
  posts: z.number().int().min(0).default(0),
  postedAt: z.string().optional(),
});
export type Installation = z.infer<typeof installSchema>;

const failedSchema = z.object({ reason: z.enum(unreachableReasons), failedAt: z.string() });

export class InstallationRepository {
  private readonly installs: EntityTable<Installation>;
  private readonly failures: EntityTable<z.infer<typeof failedSchema>>;

  constructor(tables: TableClients) {
    this.installs = new EntityTable(tables.table('installations'), installSchema);
    this.failures = new EntityTable(tables.table('installations'), failedSchema);
  }

  async get(personId: string): Promise<Installation | undefined> {
    return (await this.installs.get(personId.toLowerCase(), installRow))?.value;
  }

  /**
   * Takes the person's install for `leaseMs` unless another instance holds a lease that has not
   * run out (ETag): the installation as it is then, or undefined when someone else is on it.
   */
  async claim(personId: string, owner: string, now: Date, leaseMs: number): Promise<Installation | undefined> {
    const key = personId.toLowerCase();
    const current = await this.installs.get(key, installRow);
    if (current?.value.owner && current.value.owner !== owner && Date.parse(current.value.leaseUntil ?? '') > now.getTime()) return undefined;
    const next: Installation = { ...(current?.value ?? { posts: 0 }), owner, leaseUntil: new Date(now.getTime() + leaseMs).toISOString() };
    try {
      if (current) await this.installs.replace(key, installRow, next, current.etag);
      else await this.installs.insert(key, installRow, next);
      return next;
    } catch (error) {
      if (error instanceof ConcurrencyError || error instanceof AlreadyExistsError) return undefined;
      throw error;
    }
  }

  /** Records a step under the caller's claim (unconditional: the claim made it the only writer). */
  async record(personId: string, change: Partial<Installation>): Promise<Installation> {
    const key = personId.toLowerCase();
    const next = await this.installs.update(key, installRow, (current) => ({ ...(current ?? { posts: 0 }), ...change }));
    if (change.chatId || change.installedAt) await this.failures.delete(failedPartition, key);
    return next!;
  }

  /** Installing failed for good (for now): the reason, and the person in HR's count. */
  async fail(personId: string, reason: UnreachableReason, detail: string, now: Date): Promise<void> {
    const key = personId.toLowerCase();
    const failedAt = now.toISOString();
    await this.failures.upsert(failedPartition, key, { reason, failedAt });
    await this.installs.update(key, installRow, (current) => {
      const { owner: _o, leaseUntil: _l, ...rest } = current ?? { posts: 0 };
      return { ...rest, reason, detail: detail.slice(0, 1000), failedAt };
    });
  }

  /** Gives the claim back (a retry later), keeping what was done. */
  async release(personId: string, owner: string): Promise<void> {
    await this.installs.update(personId.toLowerCase(), installRow, (current) => {
      if (!current || current.owner !== owner) return undefined;
      const { owner: _o, leaseUntil: _l, ...rest } = current;
      return rest;
    });
  }

  /** Everyone the app could not be installed for, with why. */
  async failed(): Promise<Array<{ personId: string; reason: UnreachableReason; failedAt: string }>> {
    return (await this.failures.listPartition(failedPartition)).map(({ row, value }) => ({ personId: row, ...value }));
  }
}
