import type { AuditRepository } from './auditRepository';
import type { TableClients } from './client';
import { decodeKey, encodeKey, odataString } from './keys';
import { deleteIfPresent, listAll, type RawEntity } from './rawRows';
import type { TableRole } from './tables';

/**
 * The retention period: a cycle's personal data is kept for `years` full years after the cycle's
 * calendar year ends, then deleted. For `now` in 2026 and 3 years, cycles up to 2022 go (2023 is
 * kept until the end of 2026), and time-stamped records (audit entries, dead letters, outbox
 * batches with nothing left to send, finished erasure records, schedule markers) from before
 * 1 January 2023.
 *
 * What a cycle is in each table (the key schemes are in the repositories):
 * - preparations  RK "mus|<cycle>…"          answers, self-ratings, leader ratings
 * - plans         RK "plan|<cycle>…"         plans, approved versions, follow-up answers
 * - rounds        RK "<cycle>[|invited|n]"   MUS rounds and whom they invited
 * - actionPlans   RK "<cycle>" / "<cycle>|v…" departments' action plans
 * - postings      the partition of a posting whose `cycle` is old (the posting and its votes)
 * - groupConversations  the partition of a GRUS whose `cycle` is old (header and answers)
 * - schedule      items (of any kind) due before 1 January of the first kept year, and their due rows
 * - releases      every partition of an old cycle: released figures, headers and ledgers
 * Kept: departments' competence profiles and question sets (no person's data; the profile in
 * force carries into the next cycle) and the organisation itself (HR's import keeps it).
 *
 * Idempotent: a function of `now` alone; running it again deletes nothing more.
 */
export interface RetentionReport {
  cutoffYear: number;
  deleted: Partial<Record<TableRole, number>>;
}

/** The first calendar year that is kept. */
export function firstKeptYear(now: Date, years: number): number {
  return now.getUTCFullYear() - years;
}

/** The year a cycle id belongs to ("2024", "2024-forår" → 2024); undefined if it names none. */
export function cycleYear(cycle: string): number | undefined {
  const match = /^(\d{4})(?![0-9a-z])/i.exec(cycle);
  return match ? Number(match[1]) : undefined;
}

export class RetentionStore {
  constructor(private readonly tables: TableClients, private readonly audit: AuditRepository) {}

  async purge(now: Date, years: number): Promise<RetentionReport> {
    const keepFrom = firstKeptYear(now, years);
    const cutoff = new Date(Date.UTC(keepFrom, 0, 1));
    const cutoffIso = cutoff.toISOString();
    const old = (cycle: string | undefined) => {
      const year = cycle === undefined ? undefined : cycleYear(cycle);
      return year !== undefined && year < keepFrom;
    };
    const deleted: RetentionReport['deleted'] = {};
    const drop = async (role: TableRole, rows: RawEntity[]) => {
      for (const row of rows) await deleteIfPresent(this.tables.table(role), row);
      if (rows.length) deleted[role] = (deleted[role] ?? 0) + rows.length;
    };
    // Cycle ids start with their year, so the old ones sort before it: the service filters by key range.
    const byKey = async (role: TableRole, prefix: string, cycleOfRow: (rk: string) => string | undefined) => {
      const below = `RowKey ge ${odataString(encodeKey(prefix))} and RowKey lt ${odataString(encodeKey(`${prefix}${keepFrom}`))}`;
      const rows = await listAll(this.tables.table(role), below);
      await drop(role, rows.filter((r) => old(cycleOfRow(decodeKey(r.rowKey ?? '')))));
    };

    await byKey('preparations', 'mus|', (rk) => (rk.startsWith('mus|') ? rk.split('|')[1] : undefined));
    await byKey('plans', 'plan|', (rk) => (rk.startsWith('plan|') ? rk.split('|')[1] : undefined));
    await byKey('rounds', '', (rk) => rk.split('|')[0]);
    await byKey('actionPlans', '', (rk) => rk.split('|')[0]);

    // Released figures and their ledgers: every partition names its cycle ("h|<cycle>", "g|<cycle>|…", "c|<cycle>", "l|<cycle>|…").
    const releases = await listAll(this.tables.table('releases'));
    await drop('releases', releases.filter((r) => old(decodeKey(r.partitionKey ?? '').split('|')[1])));

    for (const role of ['postings', 'groupConversations'] as const) {
      const rows = await listAll(this.tables.table(role));
      const oldPartitions = new Set(rows.filter((r) => typeof r.cycle === 'string' && old(r.cycle)).map((r) => r.partitionKey));
      await drop(role, rows.filter((r) => oldPartitions.has(r.partitionKey)));
    }

    // Schedule items (any kind) due before the cutoff, their due rows, and markers set before it.
    const schedule = await listAll(this.tables.table('schedule'));
    const dueBefore = (r: RawEntity) => {
      const rk = decodeKey(r.rowKey ?? '');
      if (r.type === 'item') return typeof r.dueAt === 'string' && r.dueAt < cutoffIso;
      if (r.type === 'due') return rk.slice(2, 2 + cutoffIso.length) < cutoffIso;
      return r.type === 'marker' && typeof r.at === 'string' && r.at < cutoffIso;
    };
    await drop('schedule', schedule.filter(dueBefore));

    const stamped = async (role: TableRole, field: string, also: (r: RawEntity) => boolean = () => true) => {
      const rows = await listAll(this.tables.table(role));
      await drop(role, rows.filter((r) => typeof r[field] === 'string' && (r[field] as string) < cutoffIso && also(r)));
    };
    await stamped('deadLetters', 'failedAt');
    // A batch last touched before the cutoff with no message left to send goes, with its lanes' counters.
    const outboxRows = await listAll(this.tables.table('outbox'));
    const batchOf = (partition: string) => partition.slice(0, partition.lastIndexOf(':'));
    const alive = new Set(outboxRows.filter((r) => r.kind === 'item').map((r) => batchOf(decodeKey(r.partitionKey ?? ''))));
    const oldBatches = (await listAll(this.tables.table('outboxBatches')))
      .filter((r) => typeof r.updatedAt === 'string' && r.updatedAt < cutoffIso && !alive.has(decodeKey(r.partitionKey ?? '')));
    const gone = new Set(oldBatches.map((r) => decodeKey(r.partitionKey ?? '')));
    await drop('outbox', outboxRows.filter((r) => gone.has(batchOf(decodeKey(r.partitionKey ?? '')))));
    await drop('outboxBatches', oldBatches);
    await stamped('erasures', 'requestedAt', (r) => r.state === 'done');

    const auditDeleted = await this.audit.deleteOlderThan(cutoff);
    if (auditDeleted) deleted.audit = auditDeleted;
    return { cutoffYear: keepFrom, deleted };
  }
}
