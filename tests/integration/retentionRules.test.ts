import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Repositories } from '../../src/storage';
import { AuditRepository } from '../../src/storage/auditRepository';
import { encodeKey } from '../../src/storage/keys';
import { cycleYear, firstKeptYear } from '../../src/storage/retention';
import type { TableRole } from '../../src/storage/tables';
import { testRepositories } from '../support/storage';

// The retention rules one by one, on rows written as stored, around the cutoff: with 3 years on
// 1 June 2026 the first kept year is 2023, so 1 January 2023 00:00 UTC is the line. What is
// older goes, what is on the line or newer stays, and the report counts exactly what went.
let repos: Repositories & { prefix: string };
const now = new Date('2026-06-01T10:00:00Z');
const cutoff = '2023-01-01T00:00:00.000Z';
const before = '2022-12-31T23:59:59.999Z';

const put = (role: TableRole, pk: string, rk: string, fields: Record<string, unknown>) =>
  repos.tables.table(role).createEntity({ partitionKey: encodeKey(pk), rowKey: encodeKey(rk), ...fields });
const has = async (role: TableRole, pk: string, rk: string) => {
  try {
    await repos.tables.table(role).getEntity(encodeKey(pk), encodeKey(rk));
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  repos = await testRepositories();
  // Cycles by key: a person's preparation and plan rows, a department's round and action plan.
  await put('preparations', 'p', 'mus|2022', { type: 'header' });
  await put('preparations', 'p', 'mus|2022|rating-x', { type: 'step' });
  await put('preparations', 'p', 'mus|2023', { type: 'header' });
  await put('preparations', 'p', 'other|2022', { type: 'other' });
  await put('preparations', 'p', 'mus|1x', { type: 'header' });
  await put('plans', 'p', 'plan|2022', { type: 'plan' });
  await put('plans', 'p', 'plan|2023|v0001', { type: 'version' });
  await put('rounds', 'd', '2022', { deadline: '2022-03-01' });
  await put('rounds', 'd', '2023', { deadline: '2023-03-01' });
  await put('actionPlans', 'd', '2022|v0001', { type: 'version' });
  await put('actionPlans', 'd', '2023', { type: 'plan' });
  // Cycles by field: a posting or a GRUS goes whole (with its votes and answers) when its cycle is old.
  await put('postings', 'post-old', 'posting', { type: 'posting', cycle: '2022' });
  await put('postings', 'post-old', 'vote|x', { type: 'vote' });
  await put('postings', 'post-new', 'posting', { type: 'posting', cycle: '2023' });
  await put('postings', 'post-odd', 'posting', { type: 'posting', cycle: 2022 });
  await put('groupConversations', 'g-old', 'grus', { type: 'grus', cycle: '2022' });
  await put('groupConversations', 'g-old', 'answer|x', { type: 'answer' });
  await put('groupConversations', 'g-new', 'grus', { type: 'grus', cycle: '2023-forår' });
  // The schedule: items by due time, due rows by the time in their key, markers by when they were set.
  await put('schedule', 's1', 'i|old', { type: 'item', id: 'old', dueAt: before });
  await put('schedule', 's1', 'i|line', { type: 'item', id: 'line', dueAt: cutoff });
  await put('schedule', 's1', `d|${before}|old`, { type: 'due', id: 'old' });
  await put('schedule', 's1', `d|${cutoff}|line`, { type: 'due', id: 'line' });
  await put('schedule', 'marker', 'old', { type: 'marker', at: before });
  await put('schedule', 'marker', 'line', { type: 'marker', at: cutoff });
  await put('schedule', 'marker', 'odd', { type: 'marker', at: 5 });
  await put('schedule', 'other', 'x', { type: 'other', at: before, dueAt: before });
  // Dead letters by when they failed.
  await put('deadLetters', 'b', 'old', { failedAt: before });
  await put('deadLetters', 'b', 'line', { failedAt: cutoff });
  // Outbox batches last touched before the line: gone with their lanes unless a message still waits.
  await put('outboxBatches', 'spent', 'batch', { updatedAt: before });
  await put('outbox', 'spent:00', 'c', { kind: 'counter' });
  await put('outbox', 'spent:01', 'c', { kind: 'counter' });
  await put('outboxBatches', 'waiting', 'batch', { updatedAt: before });
  await put('outbox', 'waiting:03', 'c', { kind: 'counter' });
  await put('outbox', 'waiting:03', 'i:1', { kind: 'item' });
  await put('outboxBatches', 'recent', 'batch', { updatedAt: cutoff });
  await put('outbox', 'recent:00', 'c', { kind: 'counter' });
  // An audit entry of 2022 (counted once, though kept twice: by month and by person).
  await new AuditRepository(repos.tables, () => new Date(before)).record({ readerId: 'a', subjectIds: ['b'], kind: 'plan', detail: '2022' });
  // Erasure records: finished old ones go; a pending one (it still has work to do) stays.
  await put('erasures', 'erasure', 'done-old', { state: 'done', requestedAt: before });
  await put('erasures', 'erasure', 'pending-old', { state: 'pending', requestedAt: before });
  await put('erasures', 'erasure', 'done-line', { state: 'done', requestedAt: cutoff });
});
afterAll(async () => {
  await repos?.tables.dropTables();
});

describe('the retention rules at the cutoff', () => {
  it('when it runs on 1 June 2026 with 3 years, then exactly what is older than 1 January 2023 goes, and the report counts it', async () => {
    expect(firstKeptYear(now, 3)).toBe(2023);
    const report = await repos.retention.purge(now, 3);
    expect(report).toEqual({
      cutoffYear: 2023,
      deleted: { preparations: 2, plans: 1, rounds: 1, actionPlans: 1, postings: 2, groupConversations: 2, schedule: 3, deadLetters: 1, outbox: 2, outboxBatches: 1, erasures: 1, audit: 1 },
    });
    for (const [role, pk, rk, kept] of [
      ['preparations', 'p', 'mus|2022', false], ['preparations', 'p', 'mus|2022|rating-x', false], ['preparations', 'p', 'mus|2023', true], ['preparations', 'p', 'other|2022', true], ['preparations', 'p', 'mus|1x', true],
      ['plans', 'p', 'plan|2022', false], ['plans', 'p', 'plan|2023|v0001', true], ['rounds', 'd', '2022', false], ['rounds', 'd', '2023', true],
      ['actionPlans', 'd', '2022|v0001', false], ['actionPlans', 'd', '2023', true],
      ['postings', 'post-old', 'posting', false], ['postings', 'post-old', 'vote|x', false], ['postings', 'post-new', 'posting', true], ['postings', 'post-odd', 'posting', true],
      ['groupConversations', 'g-old', 'grus', false], ['groupConversations', 'g-old', 'answer|x', false], ['groupConversations', 'g-new', 'grus', true],
    ] as const) expect(await has(role, pk, rk), `${role} ${pk} ${rk}`).toBe(kept);

    expect(await has('schedule', 's1', 'i|old')).toBe(false);
    expect(await has('schedule', 's1', 'i|line')).toBe(true);
    expect(await has('schedule', 's1', `d|${before}|old`)).toBe(false);
    expect(await has('schedule', 's1', `d|${cutoff}|line`)).toBe(true);
    expect(await has('schedule', 'marker', 'old')).toBe(false);
    expect(await has('schedule', 'marker', 'line')).toBe(true);
    expect(await has('schedule', 'marker', 'odd')).toBe(true);
    expect(await has('schedule', 'other', 'x')).toBe(true);
    expect(await has('deadLetters', 'b', 'old')).toBe(false);
    expect(await has('deadLetters', 'b', 'line')).toBe(true);
    expect(await has('outboxBatches', 'spent', 'batch')).toBe(false);
    expect(await has('outbox', 'spent:00', 'c')).toBe(false);
    expect(await has('outbox', 'spent:01', 'c')).toBe(false);
    expect(await has('outboxBatches', 'waiting', 'batch')).toBe(true);
    expect(await has('outbox', 'waiting:03', 'c')).toBe(true);
    expect(await has('outboxBatches', 'recent', 'batch')).toBe(true);
    expect(await has('outbox', 'recent:00', 'c')).toBe(true);
    expect(await has('erasures', 'erasure', 'done-old')).toBe(false);
    expect(await has('erasures', 'erasure', 'pending-old')).toBe(true);
    expect(await has('erasures', 'erasure', 'done-line')).toBe(true);
  });

  it('when it runs again, then nothing more goes and the report says nothing', async () => {
    expect(await repos.retention.purge(now, 3)).toEqual({ cutoffYear: 2023, deleted: {} });
  });

  it('reads a cycle\'s year only from its start, and only when the year stands alone there', () => {
    expect(cycleYear('2024')).toBe(2024);
    expect(cycleYear('2024-forår')).toBe(2024);
    expect(cycleYear('2024|v0001')).toBe(2024);
    expect(cycleYear('x2024')).toBeUndefined();
    expect(cycleYear('20245')).toBeUndefined();
    expect(cycleYear('2024a')).toBeUndefined();
    expect(cycleYear('2024B')).toBeUndefined();
    expect(cycleYear('forår')).toBeUndefined();
  });
});
