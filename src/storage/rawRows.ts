import { RestError, type TableClient, type TableEntityResult } from '@azure/data-tables';

/**
 * Whole-table work on rows as stored, whatever their repository (erasure and retention go through
 * every table, including ones added later).
 */
export type RawEntity = TableEntityResult<Record<string, unknown>>;

/** Every row of a table (optionally filtered), all pages. */
export async function listAll(client: TableClient, filter?: string): Promise<RawEntity[]> {
  const out: RawEntity[] = [];
  for await (const entity of client.listEntities<Record<string, unknown>>(filter ? { queryOptions: { filter } } : {})) out.push(entity);
  return out;
}

/** Deletes a row; one already gone (another instance, an earlier pass) is fine. */
export async function deleteIfPresent(client: TableClient, entity: RawEntity): Promise<void> {
  try {
    await client.deleteEntity(entity.partitionKey!, entity.rowKey!);
  } catch (error) {
    if (!(error instanceof RestError && error.statusCode === 404)) throw error;
  }
}
