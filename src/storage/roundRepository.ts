import { z } from 'zod';
import type { TableClients } from './client';
import { ConcurrencyError, EntityTable, type TableWrite } from './entityTable';
import { encodeKey, odataString } from './keys';

/**
 * MUS rounds. Key scheme (table rounds), one partition per department:
 * - PK <department id>  RK <cycle>                     the round: deadline, who started it, when
 * - PK <department id>  RK "<cycle>|invited|<0000>"   who got the invitation, 800 people a row
 *   (a Table property holds 32K characters: a round for thousands spans several rows)
 * The lists let starting the round again (a new deadline, new people) never invite anyone twice.
 * A round and its lists share a partition, so recording invitations is one transaction.
 */
const roundSchema = z.object({
  deadline: z.string(),
  includeSubDepartments: z.boolean(),
  startedBy: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  /** Rounds stored before the lists had rows of their own kept them here. */
  invited: z.array(z.string()).default([]),
});
export type MusRound = z.infer<typeof roundSchema>;

const invitedSchema = z.object({ ids: z.array(z.string()) });
const perRow = 800;
const invitedRow = (cycle: string, n: number) => `${cycle}|invited|${String(n).padStart(4, '0')}`;

export class RoundRepository {
  private readonly table: EntityTable<MusRound>;
  private readonly lists: EntityTable<z.infer<typeof invitedSchema>>;
  /** Both kinds of row, for one transaction over a round and its lists. */
  private readonly rows: EntityTable<MusRound | z.infer<typeof invitedSchema>>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('rounds'), roundSchema, ['invited']);
    this.lists = new EntityTable(tables.table('rounds'), invitedSchema, ['ids']);
    this.rows = new EntityTable(tables.table('rounds'), z.union([roundSchema, invitedSchema]), ['invited', 'ids']);
  }

  /** The invitation rows of a round, in order, with their ETags. */
  private async invitedRows(departmentId: string, cycle: string) {
    const from = invitedRow(cycle, 0).slice(0, -4);
    const filter = `PartitionKey eq ${odataString(encodeKey(departmentId))} and RowKey ge ${odataString(encodeKey(from))} and RowKey lt ${odataString(encodeKey(`${from}~`))}`;
    return this.lists.query(filter);
  }

  async get(departmentId: string, cycle: string): Promise<MusRound | undefined> {
    const [round, rows] = await Promise.all([this.table.get(departmentId, cycle), this.invitedRows(departmentId, cycle)]);
    if (!round) return undefined;
    return { ...round.value, invited: [...round.value.invited, ...rows.flatMap((r) => r.value.ids)] };
  }

  /** Creates or updates the round's deadline (concurrency-safe). */
  async open(departmentId: string, cycle: string, deadline: string, includeSubDepartments: boolean, startedBy: string): Promise<MusRound> {
    const at = this.now().toISOString();
    await this.table.update(departmentId, cycle, (current) => ({
      invited: [],
      startedAt: at,
      startedBy,
      ...current,
      deadline,
      includeSubDepartments,
      updatedAt: at,
    }));
    return (await this.get(departmentId, cycle))!;
  }

  /** Records invitations sent (concurrency-safe: merges with what others recorded, in one transaction). */
  async markInvited(departmentId: string, cycle: string, personIds: readonly string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const [round, rows] = await Promise.all([this.table.get(departmentId, cycle), this.invitedRows(departmentId, cycle)]);
      if (!round) return;
      const known = new Set([...round.value.invited, ...rows.flatMap((r) => r.value.ids)]);
      const fresh = [...new Set(personIds)].filter((id) => !known.has(id));
      if (fresh.length === 0) return;
      // Fill the last row, then new rows of 800; the round's own row is written too (its ETag guards the whole).
      const last = rows.at(-1);
      const room = last ? perRow - last.value.ids.length : 0;
      const writes: Array<TableWrite<MusRound | z.infer<typeof invitedSchema>>> = [];
      if (last && room > 0) writes.push({ kind: 'replace', row: last.row, value: { ids: [...last.value.ids, ...fresh.slice(0, room)] }, etag: last.etag });
      const rest = fresh.slice(Math.max(0, room));
      for (let i = 0; i < rest.length; i += perRow) writes.push({ kind: 'insert', row: invitedRow(cycle, rows.length + i / perRow), value: { ids: rest.slice(i, i + perRow) } });
      writes.push({ kind: 'replace', row: cycle, value: { ...round.value, updatedAt: this.now().toISOString() }, etag: round.etag });
      try {
        // At most 100 writes to a transaction: 99 rows of 800 are 79,200 people.
        await this.rows.transact(departmentId, writes);
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 8) throw error;
      }
    }
  }
}
