import { z } from 'zod';
import { actionItemSchema } from './actionPlanRepository';
import type { TableClients } from './client';
import { ConcurrencyError, EntityTable } from './entityTable';
import { odataString } from './keys';

/**
 * Group conversations (GRUS), one partition per conversation (table groupConversations):
 * - PK <grus id>  RK "grus"              who runs it, for which team channel, who takes part, the
 *                                        questions asked, its state, and the group's plan
 * - PK <grus id>  RK "answer|<person>"   that participant's answers (one row each, replaced when
 *                                        they answer again while it is open)
 * - PK "claims|<cycle>"  RK <person>  the one GRUS that person takes part in this cycle
 * Posting the result moves the header from "open" to "posted" with its ETag, so however many
 * instances see the last answer at once, the team's result is posted once. A person takes part
 * in one GRUS a cycle: claimed by insert, so two GRUS started at once cannot both have them.
 */
const headerSchema = z.object({
  type: z.literal('grus'),
  departmentId: z.string(),
  cycle: z.string(),
  channelId: z.string(),
  teamName: z.string(),
  startedBy: z.string(),
  startedAt: z.string(),
  deadline: z.string(),
  locale: z.enum(['da', 'en']),
  participants: z.array(z.string()),
  /** The group question set when it started (theme id → question ids), so later bank edits do not change it. */
  questions: z.array(z.object({ themeId: z.string(), questionIds: z.array(z.string()) })),
  state: z.enum(['open', 'posted']),
  postedAt: z.string().optional(),
  respondents: z.number().int().optional(),
  plan: z.array(actionItemSchema).optional(),
  planPostedAt: z.string().optional(),
});
const answerSchema = z.object({ type: z.literal('answer'), answers: z.record(z.union([z.string(), z.array(z.string())])), at: z.string() });
const claimSchema = z.object({ type: z.literal('claim'), grusId: z.string(), cycle: z.string(), at: z.string() });
const rowSchema = z.discriminatedUnion('type', [headerSchema, answerSchema, claimSchema]);
type Row = z.infer<typeof rowSchema>;
export type Grus = z.infer<typeof headerSchema>;
export type GrusAnswers = Record<string, string | string[]>;

const headerKey = 'grus';
const claimsPartition = (cycle: string) => `claims|${cycle}`;
const answerKey = (personId: string) => `answer|${personId.toLowerCase()}`;

export class GrusRepository {
  private readonly table: EntityTable<Row>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('groupConversations'), rowSchema, ['participants', 'questions', 'answers', 'plan']);
  }

  async create(id: string, grus: Omit<Grus, 'type' | 'startedAt' | 'state'>): Promise<Grus> {
    const header: Grus = { type: 'grus', ...grus, startedAt: this.now().toISOString(), state: 'open' };
    await this.table.insert(id, headerKey, header);
    return header;
  }

  async get(id: string): Promise<{ grus: Grus; etag: string } | undefined> {
    const stored = await this.table.get(id, headerKey);
    return stored?.value.type === 'grus' ? { grus: stored.value, etag: stored.etag } : undefined;
  }

  /** The header and every answer (by participant). */
  async load(id: string): Promise<{ grus: Grus; etag: string; answers: Map<string, GrusAnswers> } | undefined> {
    const rows = await this.table.listPartition(id);
    const header = rows.find((r) => r.row === headerKey);
    if (!header || header.value.type !== 'grus') return undefined;
    const answers = new Map(rows.flatMap((r) => (r.value.type === 'answer' ? [[r.row.slice('answer|'.length), r.value.answers] as const] : [])));
    return { grus: header.value, etag: header.etag, answers };
  }

  async saveAnswer(id: string, personId: string, answers: GrusAnswers): Promise<void> {
    await this.table.upsert(id, answerKey(personId), { type: 'answer', answers, at: this.now().toISOString() });
  }

  /** Changes the header only if nobody else did since `etag` was read; false if someone did. */
  async replaceHeader(id: string, grus: Grus, etag: string): Promise<boolean> {
    try {
      await this.table.replace(id, headerKey, grus, etag);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
  }

  /** Everyone who takes part in a GRUS this cycle already. */
  async participantsOf(cycle: string): Promise<Set<string>> {
    return new Set((await this.table.listPartition(claimsPartition(cycle))).map((r) => r.row));
  }

  /**
   * Claims these people for one GRUS this cycle: all or none (false when any of them was claimed
   * by another GRUS meanwhile; what this call claimed is then let go).
   */
  async claimParticipants(cycle: string, grusId: string, personIds: readonly string[]): Promise<boolean> {
    const at = this.now().toISOString();
    const done: string[][] = [];
    for (let start = 0; start < personIds.length; start += 100) {
      const chunk = personIds.slice(start, start + 100).map((p) => p.toLowerCase());
      try {
        await this.table.transact(claimsPartition(cycle), chunk.map((row) => ({ kind: 'insert' as const, row, value: { type: 'claim' as const, grusId, cycle, at } })));
        done.push(chunk);
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        for (const claimed of done) await this.table.transact(claimsPartition(cycle), claimed.map((row) => ({ kind: 'delete' as const, row })));
        return false;
      }
    }
    return true;
  }

  /** Every conversation still open for answers (few at any time: a team's GRUS lasts weeks). */
  async listOpen(): Promise<Array<{ id: string; grus: Grus }>> {
    const rows = await this.table.query(`RowKey eq '${headerKey}' and state eq 'open'`);
    return rows.flatMap((r) => (r.value.type === 'grus' ? [{ id: r.partition, grus: r.value }] : []));
  }

  /** The conversations a leader started, newest first. */
  async listStartedBy(personId: string): Promise<Array<{ id: string; grus: Grus }>> {
    const rows = await this.table.query(`RowKey eq '${headerKey}' and startedBy eq ${odataString(personId)}`);
    return rows
      .flatMap((r) => (r.value.type === 'grus' ? [{ id: r.partition, grus: r.value }] : []))
      .sort((a, b) => b.grus.startedAt.localeCompare(a.grus.startedAt));
  }
}
