import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { TableClients } from './client';
import { EntityTable } from './entityTable';
import { encodeKey, odataString } from './keys';

/**
 * The audit log: every read of another person's personal data (who read, whose, what, when).
 * Each entry is written twice, so both questions HR asks are one partition read, newest first:
 * - PK "m|<yyyy-mm>"    RK "<inverted ms>|<entry id>"  the month's entries: "the latest entries"
 *                                                      (this month, then the one before, …)
 * - PK "p|<subject id>" RK "<inverted ms>|<entry id>"  every read of one person's data
 * The inverted time (9999999999999 − epoch ms, 13 digits) makes the row-key order newest first,
 * so `take N` reads only N rows. The subject's row is written first: an entry is never in the
 * month list without also being findable by person. The two rows are in different partitions
 * (no transaction), so a failure between them leaves the entry findable by person only; the
 * read it records has then failed too (see src/services/audit.ts) and is not shown.
 */
export const auditKinds = ['shared-preparation', 'plan', 'leader-rating', 'department-status', 'erasure', 'area-figures', 'area-action-plan'] as const;
export type AuditKind = (typeof auditKinds)[number];

const entrySchema = z.object({
  readerId: z.string(),
  subjectId: z.string(),
  kind: z.enum(auditKinds),
  /** What exactly, e.g. the cycle, or the department whose status was shown. */
  detail: z.string().max(200).default(''),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof entrySchema>;

const maxTime = 9_999_999_999_999;
const invertedTime = (at: Date) => String(maxTime - at.getTime()).padStart(13, '0');
const monthPartition = (at: Date) => `m|${at.toISOString().slice(0, 7)}`;
const subjectPartition = (subjectId: string) => `p|${subjectId.toLowerCase()}`;

export class AuditRepository {
  private readonly table: EntityTable<AuditEntry>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('audit'), entrySchema);
  }

  /** Records reads now; throws if storage does (the caller must then not show what was read). */
  async record(entries: ReadonlyArray<Omit<AuditEntry, 'at'>>): Promise<void> {
    if (entries.length === 0) return;
    const at = this.now();
    const rows = entries.map((entry) => ({
      row: `${invertedTime(at)}|${randomBytes(6).toString('hex')}`,
      value: { ...entry, subjectId: entry.subjectId.toLowerCase(), readerId: entry.readerId.toLowerCase(), at: at.toISOString() },
    }));
    await Promise.all(rows.map(({ row, value }) => this.table.insert(subjectPartition(value.subjectId), row, value)));
    await this.table.upsertBatch(monthPartition(at), rows);
  }

  /** The newest entries about one person. */
  async forSubject(subjectId: string, take: number): Promise<AuditEntry[]> {
    const filter = `PartitionKey eq ${odataString(encodeKey(subjectPartition(subjectId)))}`;
    return (await this.table.query(filter, take)).map((r) => r.value);
  }

  /** The newest entries of all, looking back at most `months` calendar months. */
  async latest(take: number, months = 24): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    const cursor = this.now();
    cursor.setUTCDate(1);
    for (let i = 0; i < months && out.length < take; i++) {
      const filter = `PartitionKey eq ${odataString(encodeKey(monthPartition(cursor)))}`;
      out.push(...(await this.table.query(filter, take - out.length)).map((r) => r.value));
      cursor.setUTCMonth(cursor.getUTCMonth() - 1);
    }
    return out;
  }

  /** Deletes entries older than `before` (retention): whole month partitions and the subjects' rows. */
  async deleteOlderThan(before: Date): Promise<number> {
    const bound = odataString(invertedTime(before));
    const old = await this.table.query(`RowKey gt ${bound}`);
    for (const { partition, row } of old) await this.table.delete(partition, row);
    return old.length / 2;
  }
}
