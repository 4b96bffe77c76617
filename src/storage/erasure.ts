import { RestError, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { TableClients } from './client';
import { AlreadyExistsError, EntityTable } from './entityTable';
import { decodeKey, encodeKey } from './keys';
import { deleteIfPresent, listAll, type RawEntity } from './rawRows';
import type { OutboxRepository } from './outboxRepository';
import type { ReleaseRepository } from './releaseRepository';
import { PersonMatcher } from './personMatch';
import { type TableRole, tableRoles } from './tables';

/**
 * Erasure of one person (GDPR art. 17), by HR on request.
 *
 * How: every table is scanned whole (erasure is rare; the scan is what makes "no row mentions
 * them" true for tables and fields added later, too) and each row that names the person — by
 * Entra object id, e-mail or their personal chat's conversation id, in a key or any field, as an
 * exact identifier and never as part of a longer one (src/storage/personMatch.ts) — is
 * either DELETED (the row is about them) or REDACTED (the row is someone else's or the
 * department's, and only names them as the other party): their id is removed from lists
 * (invited, participants, leaders) and replaced elsewhere by the erasure's pseudonym
 * (`slettet-<random>`, e.g. the leader who approved an employee's plan), and their name by
 * "(slettet)" in such rows (not where it is part of another person's longer name). The pseudonym links nothing to the person once their rows are gone.
 *
 * Which rows are deleted, by table: people, memberships, preferences, their personal chat
 * (conversations "user"), everything in their own partition of preparations and plans (answers,
 * self-ratings, the leader's ratings of them, plans, versions, follow-ups), their votes, GRUS
 * answers, schedule items for them (nudges, reminders, follow-ups, and their due rows), waiting
 * outbox messages to or about them (counted as failed in their batch, no dead letter), dead
 * letters and their chat's delivery state. Everything else that mentions them is redacted; the
 * audit log keeps who read what, with the erased person as the pseudonym.
 *
 * Resumable: the request row (table erasures, PK "erasure", RK <erasure id>) is written first
 * with what to look for; `erase` can run any number of times (each pass only finds what is left)
 * and, once a pass finds nothing, the request is rewritten without the identifiers (`done`).
 */
export const erasureRequestSchema = z.object({
  state: z.enum(['pending', 'done']),
  /** Present while pending only. */
  personId: z.string().optional(),
  email: z.string().optional(),
  name: z.string().optional(),
  conversationIds: z.array(z.string()).default([]),
  pseudonym: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  finishedAt: z.string().optional(),
  /** Rows deleted / redacted per table, once done. */
  counts: z.record(z.object({ deleted: z.number().int(), redacted: z.number().int() })).default({}),
});
export type ErasureRequest = z.infer<typeof erasureRequestSchema>;
export type ErasureCounts = ErasureRequest['counts'];

/** What identifies the person in stored rows. */
export interface ErasureTarget {
  personId: string;
  email?: string;
  name?: string;
  conversationIds: readonly string[];
  pseudonym: string;
}

const requestPartition = 'erasure';

type Action = 'delete' | 'redact';

const systemFields = new Set(['partitionKey', 'rowKey', 'etag', 'timestamp', 'odata.etag', 'odata.metadata']);

/** A row's own fields (not keys, ETag, timestamp or OData type annotations). */
function dataFields(entity: RawEntity): Array<[string, unknown]> {
  return Object.entries(entity).filter(([field]) => !systemFields.has(field) && !field.endsWith('@odata.type'));
}

/** A stored row as the matcher sees it: decoded keys and its own fields. */
interface Row {
  entity: RawEntity;
  pk: string;
  rk: string;
}

const rowOf = (entity: RawEntity): Row => ({ entity, pk: decodeKey(entity.partitionKey ?? ''), rk: decodeKey(entity.rowKey ?? '') });

/** Whether a row names the person by an exact identifier, in a key or any field. */
function rowNames(row: Row, match: PersonMatcher): boolean {
  return match.inText(row.pk) || match.inText(row.rk) || dataFields(row.entity).some(([field, value]) => match.inText(field) || match.inValue(value));
}

/** Whether a row that names the person is theirs (deleted) or names them as the other party (redacted). */
function actionFor(role: TableRole, row: Row, target: ErasureTarget, match: PersonMatcher): Action {
  const id = target.personId.toLowerCase();
  const own = row.pk.toLowerCase() === id || row.rk.toLowerCase() === id;
  switch (role) {
    case 'activities':
    case 'people':
    case 'memberships':
    case 'preferences':
    case 'deadLetters':
    case 'deliveryStates':
    case 'outbox':
    case 'installations':
      return 'delete';
    case 'conversations':
      return row.pk === 'user' ? 'delete' : 'redact';
    case 'preparations':
    case 'plans':
    case 'directory':
      return own ? 'delete' : 'redact';
    case 'postings':
    case 'groupConversations':
      // Their vote or their GRUS answers ("vote|<id>", "answer|<id>"); the posting / the conversation itself is the team's.
      return match.inText(row.rk) ? 'delete' : 'redact';
    case 'schedule':
      // An item for them (its id names them) and its due row; a fan-out that lists them is redacted.
      return typeof row.entity.id === 'string' && match.inText(row.entity.id) ? 'delete' : 'redact';
    default:
      return 'redact';
  }
}

function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof RestError && (error.statusCode === 404 || error.statusCode === 412);
}

export class ErasureStore {
  private readonly requests: EntityTable<ErasureRequest>;

  constructor(
    private readonly tables: TableClients, private readonly outbox: OutboxRepository, private readonly releases: ReleaseRepository,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.requests = new EntityTable(tables.table('erasures'), erasureRequestSchema, ['conversationIds', 'counts']);
  }

  /** Records an erasure to do, before anything is deleted (so a crash leaves a request to finish). */
  async createRequest(erasureId: string, target: ErasureTarget, requestedBy: string): Promise<void> {
    try {
      await this.requests.insert(requestPartition, erasureId, {
        state: 'pending', personId: target.personId.toLowerCase(), ...(target.email ? { email: target.email } : {}), ...(target.name ? { name: target.name } : {}),
        conversationIds: [...target.conversationIds], pseudonym: target.pseudonym, requestedBy, requestedAt: this.now().toISOString(), counts: {},
      });
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
  }

  async getRequest(erasureId: string): Promise<ErasureRequest | undefined> {
    return (await this.requests.get(requestPartition, erasureId))?.value;
  }

  /** Erasures started but not finished (a crash, a storage fault): to run again. */
  async pending(): Promise<Array<{ erasureId: string; request: ErasureRequest }>> {
    return (await this.requests.query(`PartitionKey eq '${requestPartition}' and state eq 'pending'`)).map((r) => ({ erasureId: r.row, request: r.value }));
  }

  /** What erasing would do, per table (nothing is changed). */
  async preview(target: ErasureTarget): Promise<ErasureCounts> {
    return this.pass(target, false);
  }

  /**
   * Runs the erasure `erasureId` to its end (again, if it was cut off): passes until nothing
   * mentions the person, then closes the request without the identifiers. Returns the counts.
   */
  async erase(erasureId: string): Promise<ErasureCounts> {
    const request = await this.getRequest(erasureId);
    if (!request) throw new Error(`No erasure request ${erasureId}`);
    if (request.state === 'done') return request.counts;
    const target: ErasureTarget = {
      personId: request.personId!, ...(request.email ? { email: request.email } : {}), ...(request.name ? { name: request.name } : {}),
      conversationIds: request.conversationIds, pseudonym: request.pseudonym,
    };
    const total: ErasureCounts = {};
    for (let pass = 0; ; pass++) {
      const counts = await this.pass(target, true, erasureId);
      if (Object.keys(counts).length === 0) break;
      // Rows keep appearing (a writer racing the erasure): stay pending, the next run goes on.
      if (pass >= 4) throw new Error(`Erasure ${erasureId} still finds rows after ${pass + 1} passes`);
      for (const [role, c] of Object.entries(counts)) {
        const t = (total[role] ??= { deleted: 0, redacted: 0 });
        t.deleted += c.deleted;
        t.redacted += c.redacted;
      }
    }
    await this.requests.upsert(requestPartition, erasureId, {
      state: 'done', conversationIds: [], pseudonym: request.pseudonym, requestedBy: request.requestedBy, requestedAt: request.requestedAt,
      finishedAt: this.now().toISOString(), counts: total,
    });
    return total;
  }

  /**
   * Every row that is the person's own (the rows an erasure deletes), for their data export
   * (GDPR art. 15/20): table, keys and fields as stored (JSON fields parsed). Rows that only name
   * them as the other party belong to someone else and are not included. The same full scan as
   * an erasure: rare, and right for tables added later too.
   */
  async rowsOf(target: Omit<ErasureTarget, 'pseudonym'>): Promise<Array<{ table: TableRole; partitionKey: string; rowKey: string; fields: Record<string, unknown> }>> {
    const full: ErasureTarget = { ...target, pseudonym: '' };
    const match = await this.matcherOf(full);
    const out: Array<{ table: TableRole; partitionKey: string; rowKey: string; fields: Record<string, unknown> }> = [];
    for (const role of tableRoles) {
      // Not data about them: the erasure journal, the audit log (reads BY others), redelivery claims
      // (two-day technical copies), released figures (aggregates; the ledgers hold a number for them, no data of theirs).
      if (role === 'erasures' || role === 'audit' || role === 'activities' || role === 'releases') continue;
      for (const entity of await listAll(this.tables.table(role))) {
        const row = rowOf(entity);
        if (!rowNames(row, match) || actionFor(role, row, full, match) !== 'delete') continue;
        const fields = Object.fromEntries(dataFields(entity).map(([field, value]) => [field, typeof value === 'string' && /^[[{]/.test(value) ? parseOrKeep(value) : value]));
        out.push({ table: role, partitionKey: row.pk, rowKey: row.rk, fields });
      }
    }
    return out;
  }

  /**
   * What finds the person: their identifiers, and — to leave alone — the names of everyone else
   * whose name contains theirs.
   */
  private async matcherOf(target: ErasureTarget): Promise<PersonMatcher> {
    const id = target.personId.toLowerCase();
    const otherNames = (await listAll(this.tables.table('people')))
      .filter((p) => decodeKey(p.partitionKey ?? '').toLowerCase() !== id && typeof p.name === 'string')
      .map((p) => p.name as string);
    return new PersonMatcher({
      ids: [target.personId, ...(target.email ? [target.email] : []), ...target.conversationIds],
      ...(target.name ? { name: target.name } : {}),
      pseudonym: target.pseudonym,
      otherNames,
    });
  }

  /** One scan of every table; with `apply`, deletes and redacts what it finds. */
  private async pass(target: ErasureTarget, apply: boolean, erasureId?: string): Promise<ErasureCounts> {
    const match = await this.matcherOf(target);
    const counts: ErasureCounts = {};
    for (const role of tableRoles) {
      const client = this.tables.table(role);
      if (role === 'releases') {
        // Released figures name nobody; the ledgers link a number to the person (gzip'd, so no
        // text scan finds it): unlinked, their contributions kept under a number nothing leads to.
        const ledgers = await this.releases.ledgersLinking(target.personId);
        if (ledgers.length) counts[role] = { deleted: 0, redacted: ledgers.length };
        if (apply) for (const ledger of ledgers) await this.releases.unlinkIn(ledger, target.personId);
        continue;
      }
      for (const entity of await listAll(client)) {
        const row = rowOf(entity);
        // The request being run is the journal of this erasure (closed without identifiers at the end).
        if (role === 'erasures' && row.rk === erasureId) continue;
        // Redelivery claims keep the answer a card action got, which may name the person (e.g.
        // HR's own "… is erased" card): short-lived, so any that names them goes entirely.
        const named = role === 'activities' && dataFields(entity).some(([, value]) => match.nameInValue(value));
        if (!named && !rowNames(row, match)) continue;
        const action = actionFor(role, row, target, match);
        const c = (counts[role] ??= { deleted: 0, redacted: 0 });
        c[action === 'delete' ? 'deleted' : 'redacted']++;
        if (!apply) continue;
        if (role === 'outbox' && row.rk.startsWith('i:')) await this.outbox.discard(row.pk, row.rk.slice(2));
        else if (action === 'delete') await deleteIfPresent(client, entity);
        else await this.redact(client, row, match, role === 'audit');
      }
    }
    return counts;
  }

  private async redact(client: TableClient, row: Row, match: PersonMatcher, keepInLists: boolean): Promise<void> {
    const { entity } = row;
    const fields = Object.fromEntries(dataFields(entity).map(([field, value]) => [field, match.redactValue(value, keepInLists)]));
    const next = { partitionKey: encodeKey(match.redactText(row.pk)), rowKey: encodeKey(match.redactText(row.rk)), ...fields };
    if (next.partitionKey === entity.partitionKey && next.rowKey === entity.rowKey) {
      // Conditional: a row changed since the scan is found again by the next pass.
      await client.updateEntity(next, 'Replace', { etag: entity.etag }).catch((e: unknown) => { if (!isMissing(e)) throw e; });
    } else {
      // A key named them (e.g. the audit's "reads of X"): the row moves to the pseudonym's key.
      await client.upsertEntity(next, 'Replace');
      await deleteIfPresent(client, entity);
    }
  }
}
