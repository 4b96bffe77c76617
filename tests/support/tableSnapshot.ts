import { TableClient } from '@azure/data-tables';
import { inject } from 'vitest';
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
