import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { createTableClients, type TableClients } from '../../src/storage/client';
import { AlreadyExistsError, ConcurrencyError, CorruptEntityError, EntityTable } from '../../src/storage/entityTable';
import { encodeKey } from '../../src/storage/keys';
import { tableName } from '../../src/storage/tables';
import { testStorageConfig, uniquePrefix } from '../support/storage';

// The storage contract every table relies on, checked against a real Azurite.
const schema = z.object({ text: z.string(), count: z.number().int(), tags: z.array(z.string()).optional() });
type Row = z.infer<typeof schema>;

let tables: TableClients;
let table: EntityTable<Row>;
let prefix: string;

beforeAll(async () => {
  prefix = uniquePrefix();
  tables = createTableClients(testStorageConfig(), prefix);
  await tables.ensureTables();
  table = new EntityTable(tables.table('preparations'), schema, ['tags']);
});
afterAll(async () => {
  await tables.dropTables();
});

describe('the storage contract on Azurite', () => {
  it('when keys hold characters Table Storage forbids, then they round-trip unchanged', async () => {
    const oddKeys = ['a/b\\c#d?e', '100%', 'msteams/conversations/19:abc@thread.v2;messageid=1', 'tab\tnew\nline', 'æøå 🎉', "it's"];
    for (const key of oddKeys) {
      await table.upsert(key, key, { text: key, count: 1, tags: [key] });
      const stored = await table.get(key, key);
      expect(stored?.value).toEqual({ text: key, count: 1, tags: [key] });
    }
    const listed = await table.listPartition(oddKeys[0]!);
    expect(listed.map((r) => r.row)).toEqual([oddKeys[0]]);
  });

  it('when a key is unknown, then reading it gives undefined and deleting it is harmless', async () => {
    expect(await table.get('nobody', 'nothing')).toBeUndefined();
    await expect(table.delete('nobody', 'nothing')).resolves.toBeUndefined();
  });

  it('when a write carries a stale ETag, then it is refused and the newer value stays', async () => {
    await table.insert('p', 'stale', { text: 'first', count: 1 });
    const read = (await table.get('p', 'stale'))!;
    await table.replace('p', 'stale', { text: 'second', count: 2 }, read.etag);
    await expect(table.replace('p', 'stale', { text: 'lost update', count: 3 }, read.etag)).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await table.get('p', 'stale'))?.value.text).toBe('second');
  });

  it('when an entity is inserted twice, then the second insert is refused', async () => {
    await table.insert('p', 'twice', { text: 'one', count: 1 });
    await expect(table.insert('p', 'twice', { text: 'two', count: 2 })).rejects.toBeInstanceOf(AlreadyExistsError);
  });

  it('when twenty writers update one entity at once, then no update is lost', async () => {
    await Promise.all(
      Array.from({ length: 20 }, () => table.update('p', 'counter', (current) => ({ text: 'counter', count: (current?.count ?? 0) + 1 }), 50)),
    );
    expect((await table.get('p', 'counter'))?.value.count).toBe(20);
  });

  it('when a value breaks the schema, then it is refused before it is written', async () => {
    await expect(table.upsert('p', 'bad', { text: 'x', count: 1.5 } as Row)).rejects.toThrow();
    expect(await table.get('p', 'bad')).toBeUndefined();
  });

  it('when a stored entity no longer matches the schema, then reading it says so instead of passing it on', async () => {
    const raw = TableClient.fromConnectionString(inject('storageConnectionString'), tableName(prefix, 'preparations'), { allowInsecureConnection: true });
    await raw.upsertEntity({ partitionKey: encodeKey('p'), rowKey: 'corrupt', text: 42, count: 'many' });
    await expect(table.get('p', 'corrupt')).rejects.toBeInstanceOf(CorruptEntityError);
  });

  it('when 150 rows of one partition are written as a batch, then all are there', async () => {
    await table.upsertBatch('batch', Array.from({ length: 150 }, (_, i) => ({ row: `r${String(i).padStart(3, '0')}`, value: { text: `${i}`, count: i } })));
    const rows = await table.listPartition('batch');
    expect(rows).toHaveLength(150);
    expect(rows[149]?.value.count).toBe(149);
  });
  it('when a transaction inserts a row that already exists, then none of its writes land', async () => {
    await table.insert('tx', 'taken', { text: 'first', count: 1 });
    await expect(
      table.transact('tx', [
        { kind: 'upsert', row: 'other', value: { text: 'other', count: 2 } },
        { kind: 'insert', row: 'taken', value: { text: 'second', count: 2 } },
      ]),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await table.get('tx', 'other')).toBeUndefined();
    expect((await table.get('tx', 'taken'))?.value.text).toBe('first');
  });

  it('when a query asks for a few rows, then it returns at most that many', async () => {
    await table.upsertBatch('take', Array.from({ length: 30 }, (_, i) => ({ row: `r${String(i).padStart(2, '0')}`, value: { text: `${i}`, count: i } })));
    const rows = await table.query(`PartitionKey eq 'take'`, 7);
    expect(rows.map((r) => r.row)).toEqual(['r00', 'r01', 'r02', 'r03', 'r04', 'r05', 'r06']);
  });
});
