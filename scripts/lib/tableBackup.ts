import type { TableEntity } from '@azure/data-tables';
import { z } from 'zod';
import type { TableClients } from '../../src/storage/client';
import { deleteIfPresent, listAll } from '../../src/storage/rawRows';
import { type TableRole, tableRoles } from '../../src/storage/tables';

/**
 * A backup of every table as JSON Lines: a header, then one line per row with its table role and
 * the row as the Table service stores it (each property with its Edm type, so numbers, dates and
 * binaries come back as they were). Table Storage has no point-in-time restore or soft delete and
 * Azure Backup does not cover tables: this is the path infra/README.md documents.
 */
export const backupFormat = 'kompetencebot-tables';

const headerSchema = z.object({
  format: z.literal(backupFormat),
  formatVersion: z.literal(1),
  appVersion: z.string(),
  takenAt: z.string().datetime(),
  tables: z.array(z.string()),
  rows: z.number().int().min(0),
});
export type BackupHeader = z.infer<typeof headerSchema>;

const rowSchema = z.object({
  table: z.enum(tableRoles),
  row: z.object({ partitionKey: z.string(), rowKey: z.string() }).catchall(z.unknown()),
});

type RawRow = { partitionKey: string; rowKey: string } & Record<string, unknown>;

/** A row as stored: typed values (`{ value, type }`), no ETag or Timestamp. */
async function rowsOf(tables: TableClients, role: TableRole): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const entity of tables.table(role).listEntities({ disableTypeConversion: true })) {
    const { etag: _etag, timestamp: _timestamp, 'odata.metadata': _metadata, ...row } = entity as Record<string, unknown>;
    rows.push(row as RawRow);
  }
  return rows;
}

/** Writes the backup's lines (header first) through `write`; returns the header. */
export async function backupTables(tables: TableClients, write: (line: string) => void, appVersion: string, now: Date): Promise<BackupHeader> {
  const perTable = await Promise.all(tableRoles.map(async (role) => [role, await rowsOf(tables, role)] as const));
  const header: BackupHeader = {
    format: backupFormat, formatVersion: 1, appVersion, takenAt: now.toISOString(), tables: [...tableRoles],
    rows: perTable.reduce((sum, [, rows]) => sum + rows.length, 0),
  };
  write(JSON.stringify(header));
  for (const [table, rows] of perTable) for (const row of rows) write(JSON.stringify({ table, row }));
  return header;
}

export interface RestoreReport {
  header: BackupHeader;
  restored: number;
  /** Erasures finished after the backup was taken: their people are in the restored data again. */
  erasuresToRepeat: Array<{ pseudonym: string; finishedAt: string }>;
}

export class RestoreRefusedError extends Error {}

const erasureJournalSchema = z.object({ state: z.string(), pseudonym: z.string(), finishedAt: z.string().optional() }).passthrough();

/**
 * Restores a backup. The tables must be empty, or `replace` must be given: then every row now in
 * them is deleted first, so the tables are exactly as in the backup — except the erasure journal's
 * records of erasures finished after the backup, which are kept (they hold no identifiers) and
 * returned: HR must repeat those erasures (the people are in the restored rows again, and by
 * design nothing says who they were).
 */
export async function restoreTables(tables: TableClients, lines: readonly string[], options: { replace: boolean }): Promise<RestoreReport> {
  const [first, ...rest] = lines.filter((line) => line.trim() !== '');
  const header = headerSchema.parse(JSON.parse(first ?? 'null'));
  const rows = rest.map((line, index) => {
    const parsed = rowSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new RestoreRefusedError(`line ${index + 2} is not a row of a known table: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
  if (rows.length !== header.rows) throw new RestoreRefusedError(`the backup says ${header.rows} rows but holds ${rows.length}: it is cut off`);

  const current = await Promise.all(tableRoles.map(async (role) => [role, await listAll(tables.table(role))] as const));
  const nonEmpty = current.filter(([, existing]) => existing.length > 0).map(([role]) => role);
  if (nonEmpty.length > 0 && !options.replace) {
    throw new RestoreRefusedError(`the tables are not empty (${nonEmpty.join(', ')}): restore with --replace to put them back exactly as in the backup`);
  }
  const laterErasures = (current.find(([role]) => role === 'erasures')?.[1] ?? []).flatMap((entity) => {
    const journal = erasureJournalSchema.safeParse(entity);
    return journal.success && journal.data.state === 'done' && journal.data.finishedAt && journal.data.finishedAt > header.takenAt
      ? [{ entity, pseudonym: journal.data.pseudonym, finishedAt: journal.data.finishedAt }]
      : [];
  });

  for (const [role, existing] of current) for (const entity of existing) await deleteIfPresent(tables.table(role), entity);
  for (const { table, row } of rows) await tables.table(table).upsertEntity(row as TableEntity, 'Replace');
  for (const { entity } of laterErasures) {
    const { etag: _etag, timestamp: _timestamp, ...row } = entity as Record<string, unknown>;
    await tables.table('erasures').upsertEntity(row as TableEntity, 'Replace');
  }
  return { header, restored: rows.length, erasuresToRepeat: laterErasures.map(({ pseudonym, finishedAt }) => ({ pseudonym, finishedAt })) };
}
