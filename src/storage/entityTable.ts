import { RestError, type TableClient, type TableEntityResult, type TransactionAction } from '@azure/data-tables';
import type { z } from 'zod';
import { decodeKey, encodeKey, odataString } from './keys';

/** One write of a transaction (EntityTable.transact). */
export type TableWrite<T> =
  | { kind: 'replace'; row: string; value: T; etag: string }
  | { kind: 'upsert'; row: string; value: T }
  | { kind: 'insert'; row: string; value: T }
  | { kind: 'delete'; row: string };

/** A stored value with the ETag it was read or written with. */
export interface Stored<T> {
  value: T;
  etag: string;
}

/** A conditional write lost a race: someone else changed the entity since it was read. */
export class ConcurrencyError extends Error {
  constructor(what: string) {
    super(`Concurrent change to ${what}`);
    this.name = 'ConcurrencyError';
  }
}

/** An insert found the entity already there. */
export class AlreadyExistsError extends Error {
  constructor(what: string) {
    super(`${what} already exists`);
    this.name = 'AlreadyExistsError';
  }
}

/** An entity read back from storage does not match its schema. */
export class CorruptEntityError extends Error {
  constructor(what: string, detail: string) {
    super(`Stored ${what} does not match its schema: ${detail}`);
    this.name = 'CorruptEntityError';
  }
}

/** 404 for a missing entity, not for a missing table (that is a fault, never "no such user"). */
function isMissingEntity(error: unknown): boolean {
  if (!(error instanceof RestError) || error.statusCode !== 404) return false;
  // The SDK leaves `code` empty for some answers; the OData error code is then in the message.
  return error.code !== 'TableNotFound' && !error.message.includes('"TableNotFound"');
}

const systemProperties = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp', 'odata.etag', 'odata.metadata']);

/**
 * One table with one entity schema. Keys given to it are plain text and escaped here; values are
 * validated by zod on write and on read. Fields named in `jsonFields` (objects, arrays) are stored
 * as JSON strings, everything else as Table properties. Conditional writes take an ETag.
 */
export class EntityTable<T extends Record<string, unknown>> {
  constructor(
    private readonly client: TableClient,
    private readonly schema: z.ZodType<T, z.ZodTypeDef, unknown>,
    private readonly jsonFields: readonly string[] = [],
  ) {}

  private describe(partition: string, row: string): string {
    return `${this.client.tableName}(${partition}, ${row})`;
  }

  private toEntity(partition: string, row: string, value: T) {
    const checked = this.schema.parse(value);
    const entity: Record<string, unknown> = { partitionKey: encodeKey(partition), rowKey: encodeKey(row) };
    for (const [field, fieldValue] of Object.entries(checked)) {
      if (fieldValue === undefined) continue;
      entity[field] = this.jsonFields.includes(field) ? JSON.stringify(fieldValue) : fieldValue;
    }
    return entity as { partitionKey: string; rowKey: string } & Record<string, unknown>;
  }

  private fromEntity(entity: TableEntityResult<Record<string, unknown>>): T {
    const raw: Record<string, unknown> = {};
    for (const [field, fieldValue] of Object.entries(entity)) {
      if (systemProperties.has(field)) continue;
      raw[field] = this.jsonFields.includes(field) && typeof fieldValue === 'string' ? JSON.parse(fieldValue) : fieldValue;
    }
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) {
      throw new CorruptEntityError(
        this.describe(decodeKey(entity.partitionKey ?? ''), decodeKey(entity.rowKey ?? '')),
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    return parsed.data;
  }

  async get(partition: string, row: string): Promise<Stored<T> | undefined> {
    try {
      const entity = await this.client.getEntity<Record<string, unknown>>(encodeKey(partition), encodeKey(row));
      return { value: this.fromEntity(entity), etag: entity.etag };
    } catch (error) {
      if (isMissingEntity(error)) return undefined;
      throw error;
    }
  }

  /** Creates the entity; fails with AlreadyExistsError if it exists. */
  async insert(partition: string, row: string, value: T): Promise<string> {
    try {
      const result = await this.client.createEntity(this.toEntity(partition, row, value));
      return result.etag ?? '';
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 409) throw new AlreadyExistsError(this.describe(partition, row));
      throw error;
    }
  }

  /** Replaces the entity only if it still has `etag`; fails with ConcurrencyError otherwise. */
  async replace(partition: string, row: string, value: T, etag: string): Promise<string> {
    try {
      const result = await this.client.updateEntity(this.toEntity(partition, row, value), 'Replace', { etag });
      return result.etag ?? '';
    } catch (error) {
      if (error instanceof RestError && (error.statusCode === 412 || error.statusCode === 404)) {
        throw new ConcurrencyError(this.describe(partition, row));
      }
      throw error;
    }
  }

  /** Writes unconditionally (last writer wins): for data where that is the right rule. */
  async upsert(partition: string, row: string, value: T): Promise<void> {
    await this.client.upsertEntity(this.toEntity(partition, row, value), 'Replace');
  }

  /** Deletes the entity (if `etag` is given, only if unchanged). Deleting a missing entity is fine. */
  async delete(partition: string, row: string, etag?: string): Promise<void> {
    try {
      await this.client.deleteEntity(encodeKey(partition), encodeKey(row), etag ? { etag } : undefined);
    } catch (error) {
      if (isMissingEntity(error)) return;
      if (error instanceof RestError && error.statusCode === 412) throw new ConcurrencyError(this.describe(partition, row));
      throw error;
    }
  }

  /**
   * Read-modify-write with optimistic concurrency: `change` gets the current value (or undefined)
   * and returns the new one (or undefined to leave it as it is). Retried when another writer won.
   */
  async update(
    partition: string,
    row: string,
    change: (current: T | undefined) => T | undefined,
    attempts = 8,
  ): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(partition, row);
      const next = change(current?.value);
      if (next === undefined) return current?.value;
      try {
        if (current) await this.replace(partition, row, next, current.etag);
        else await this.insert(partition, row, next);
        return next;
      } catch (error) {
        const lostRace = error instanceof ConcurrencyError || error instanceof AlreadyExistsError;
        if (!lostRace || attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  /** Every entity of one partition, in row-key order. */
  async listPartition(partition: string): Promise<Array<{ row: string; value: T; etag: string }>> {
    const filter = `PartitionKey eq ${odataString(encodeKey(partition))}`;
    return this.query(filter);
  }

  /**
   * Entities matching an OData filter (keys in the filter must already be encoded); with `take`,
   * at most that many (the rest is not fetched).
   */
  async query(filter?: string, take?: number): Promise<Array<{ partition: string; row: string; value: T; etag: string }>> {
    const out: Array<{ partition: string; row: string; value: T; etag: string }> = [];
    const entities = this.client.listEntities<Record<string, unknown>>(filter ? { queryOptions: { filter } } : {});
    const pages = entities.byPage(take === undefined ? {} : { maxPageSize: Math.min(take, 1000) });
    for await (const page of pages) {
      for (const entity of page) {
        out.push({ partition: decodeKey(entity.partitionKey ?? ''), row: decodeKey(entity.rowKey ?? ''), value: this.fromEntity(entity), etag: entity.etag });
        if (take !== undefined && out.length >= take) return out;
      }
    }
    return out;
  }

  /**
   * Every entity of the whole table whose keys pass `keep`, in one unfiltered scan: the service
   * sends every row, and only the kept ones are decoded and checked. On a table whose rows of
   * interest are spread over every partition this is cheaper than an OData filter, which the
   * service (and Azurite) evaluates row by row as well.
   */
  async scan(keep: (partition: string, row: string) => boolean): Promise<Array<{ partition: string; row: string; value: T }>> {
    const out: Array<{ partition: string; row: string; value: T }> = [];
    for await (const entity of this.client.listEntities<Record<string, unknown>>()) {
      const partition = decodeKey(entity.partitionKey ?? '');
      const row = decodeKey(entity.rowKey ?? '');
      if (keep(partition, row)) out.push({ partition, row, value: this.fromEntity(entity) });
    }
    return out;
  }

  /**
   * Several writes to ONE partition, all or none: a `replace` whose ETag is stale, an `insert` of
   * a row that exists or a `delete` of one that does not fails the whole transaction with
   * ConcurrencyError. (A delete here is unconditional: the SDK's transaction drops a delete's ETag.)
   */
  async transact(partition: string, writes: TableWrite<T>[]): Promise<void> {
    const actions: TransactionAction[] = writes.map((w): TransactionAction => {
      switch (w.kind) {
        case 'replace':
          return ['update', this.toEntity(partition, w.row, w.value), 'Replace', { etag: w.etag }];
        case 'upsert':
          return ['upsert', this.toEntity(partition, w.row, w.value), 'Replace'];
        case 'insert':
          return ['create', this.toEntity(partition, w.row, w.value)];
        case 'delete':
          return ['delete', { partitionKey: encodeKey(partition), rowKey: encodeKey(w.row) }];
      }
    });
    try {
      await this.client.submitTransaction(actions);
    } catch (error) {
      if (error instanceof RestError && [404, 409, 412].includes(error.statusCode ?? 0)) {
        throw new ConcurrencyError(this.describe(partition, writes.map((w) => w.row).join(', ')));
      }
      throw error;
    }
  }

  /**
   * Writes up to 100 entities of ONE partition in one atomic transaction. Checked here because
   * Azurite accepts batches that span partitions and the real service refuses them.
   */
  async upsertBatch(partition: string, rows: Array<{ row: string; value: T }>): Promise<void> {
    for (let start = 0; start < rows.length; start += 100) {
      const chunk = rows.slice(start, start + 100);
      const actions: TransactionAction[] = chunk.map(({ row, value }) => ['upsert', this.toEntity(partition, row, value), 'Replace']);
      await this.client.submitTransaction(actions);
    }
  }
}
