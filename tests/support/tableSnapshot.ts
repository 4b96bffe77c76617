import { TableClient } from '@azure/data-tables';
import { inject } from 'vitest';
import type { TableClients } from '../../src/storage/client';
import { decodeKey } from '../../src/storage/keys';
import { type TableRole, tableName, tableRoles } from '../../src/storage/tables';

/**
 * Every entity of every table of a test prefix, as comparable data (no ETag or Timestamp), so a
 * test can say "nothing was written". Roles in `ignore` are left out (e.g. the record of which
 * activities were handled, which every turn writes by design).
 */
export async function snapshotTables(prefix: string, ignore: readonly TableRole[] = []): Promise<Record<string, unknown[]>> {
  const connectionString = inject('storageConnectionString');
  const entries = await Promise.all(
    tableRoles
      .filter((role) => !ignore.includes(role))
      .map(async (role) => {
        const client = TableClient.fromConnectionString(connectionString, tableName(prefix, role), { allowInsecureConnection: true });
        const rows: unknown[] = [];
        try {
          for await (const entity of client.listEntities()) {
            const { etag: _etag, timestamp: _timestamp, ...data } = entity as Record<string, unknown>;
            rows.push(data);
          }
        } catch (error) {
          if ((error as { statusCode?: number }).statusCode !== 404) throw error;
        }
        return [role, rows] as const;
      }),
  );
  return Object.fromEntries(entries);
}

/** One stored row: its table, decoded keys and fields as stored (no ETag or Timestamp). */
export interface StoredRow {
  role: TableRole;
  pk: string;
  rk: string;
  fields: Record<string, unknown>;
}

/** Every row of every table, raw (no schema): what erasure tests compare before and after. */
export async function scanRows(tables: TableClients): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  for (const role of tableRoles) {
    for await (const e of tables.table(role).listEntities<Record<string, unknown>>()) {
      const { etag: _etag, timestamp: _timestamp, partitionKey, rowKey, ...fields } = e as Record<string, unknown>;
      rows.push({ role, pk: decodeKey(String(partitionKey)), rk: decodeKey(String(rowKey)), fields });
    }
  }
  return rows;
}
