import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { TableClients } from './client';
import { EntityTable } from './entityTable';
import { encodeKey, odataString } from './keys';

/**
 * The audit log: every read of other people's personal data (who read, whose, what, when). One
 * entry per read, naming everyone it showed (a leader's `min afdeling` is one entry, not one per
 * employee), and an index row per person named, so both questions HR asks are one partition read,
 * newest first:
 * - PK "m|<yyyy-mm>"    RK "<inverted ms>|<entry id>"  the entry: reader, subjects, kind, detail, time
 *                                                      ("the latest entries": this month, then the one before, …)
 * - PK "p|<subject id>" RK the entry's RK              the index row: kind and time, pointing at the
 *                                                      entry by its RK (its month is in the time)
 * The inverted time (9999999999999 − epoch ms, 13 digits) makes the row-key order newest first,
 * so `take N` reads only N rows; the kind is on both rows, so HR's filter by kind is part of the
 * same query. The index rows are written first: an entry is never in the month list without being
 * findable by each person. They are in different partitions (no transaction), so a failure leaves
 * at most index rows without their entry, which are skipped; the read it records has then failed
 * too (see src/services/audit.ts) and is not shown. Erasure redacts entries like any row: the
 * erased person's id becomes the erasure's pseudonym, in the list and in their index rows' key.
 */
export const auditKinds = ['shared-preparation', 'plan', 'leader-rating', 'department-status', 'erasure', 'area-figures', 'area-action-plan'] as const;
export type AuditKind = (typeof auditKinds)[number];

/** More people than this in one read make several entries (a Table property holds 32K characters). */
export const maxSubjectsPerEntry = 500;

const entrySchema = z.object({
  readerId: z.string(),
  subjectIds: z.array(z.string()).min(1).max(maxSubjectsPerEntry),
  kind: z.enum(auditKinds),
  /** What exactly, e.g. the cycle, or the departments whose status was shown. */
  detail: z.string().max(200).default(''),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof entrySchema>;

const indexSchema = z.object({ kind: z.enum(auditKinds), at: z.string() }).strict();

/** Entries written before they could name several people had one `subjectId` and a full copy per subject. */
const rowSchema = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== 'object' || !('subjectId' in raw)) return raw;
    const { subjectId, ...rest } = raw as Record<string, unknown>;
    return { ...rest, subjectIds: [subjectId] };
  },
  z.union([entrySchema, indexSchema]),
);
type Row = AuditEntry | z.infer<typeof indexSchema>;
const isEntry = (row: Row): row is AuditEntry => 'readerId' in row;

const maxTime = 9_999_999_999_999;
const invertedTime = (at: Date) => String(maxTime - at.getTime()).padStart(13, '0');
const monthPartition = (at: Date) => `m|${at.toISOString().slice(0, 7)}`;
const subjectPartition = (subjectId: string) => `p|${subjectId.toLowerCase()}`;
const kindFilter = (kind: AuditKind | undefined) => (kind ? ` and kind eq ${odataString(kind)}` : '');

export class AuditRepository {
  private readonly table: EntityTable<Row>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('audit'), rowSchema as z.ZodType<Row, z.ZodTypeDef, unknown>, ['subjectIds']);
  }

  /** Records one read of these people now; throws if storage does (the caller must then not show what was read). */
  async record(read: { readerId: string; subjectIds: readonly string[]; kind: AuditKind; detail: string }): Promise<void> {
    const subjects = [...new Set(read.subjectIds.map((id) => id.toLowerCase()))];
    const at = this.now();
    for (let start = 0; start < subjects.length; start += maxSubjectsPerEntry) {
      const entry: AuditEntry = {
        readerId: read.readerId.toLowerCase(), subjectIds: subjects.slice(start, start + maxSubjectsPerEntry), kind: read.kind, detail: read.detail, at: at.toISOString(),
      };
      const row = `${invertedTime(at)}|${randomBytes(6).toString('hex')}`;
      await Promise.all(entry.subjectIds.map((subjectId) => this.table.insert(subjectPartition(subjectId), row, { kind: entry.kind, at: entry.at })));
      await this.table.insert(monthPartition(at), row, entry);
    }
  }

  /** The newest entries that name one person (optionally of one kind). */
  async forSubject(subjectId: string, take: number, kind?: AuditKind): Promise<AuditEntry[]> {
    const filter = `PartitionKey eq ${odataString(encodeKey(subjectPartition(subjectId)))}${kindFilter(kind)}`;
    const rows = await this.table.query(filter, take);
    const entries = await Promise.all(rows.map(async ({ row, value }) => {
      if (isEntry(value)) return value;
      const entry = (await this.table.get(monthPartition(new Date(value.at)), row))?.value;
      return entry && isEntry(entry) ? entry : undefined;
    }));
    return entries.filter((entry): entry is AuditEntry => entry !== undefined);
  }

  /** The newest entries of all (optionally of one kind), looking back at most `months` calendar months. */
  async latest(take: number, kind?: AuditKind, months = 24): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    const cursor = this.now();
    cursor.setUTCDate(1);
    for (let i = 0; i < months && out.length < take; i++) {
      const filter = `PartitionKey eq ${odataString(encodeKey(monthPartition(cursor)))}${kindFilter(kind)}`;
      out.push(...(await this.table.query(filter, take - out.length)).map((r) => r.value).filter(isEntry));
      cursor.setUTCMonth(cursor.getUTCMonth() - 1);
    }
    return out;
  }

  /** Deletes entries older than `before` (retention), with their index rows; returns how many entries. */
  async deleteOlderThan(before: Date): Promise<number> {
    const bound = odataString(invertedTime(before));
    const old = await this.table.query(`RowKey gt ${bound}`);
    for (const { partition, row } of old) await this.table.delete(partition, row);
    return old.filter(({ partition }) => partition.startsWith('m|')).length;
  }
}
