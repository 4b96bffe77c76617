import { z } from 'zod';
import type { TableClients } from './client';
import { EntityTable } from './entityTable';
import { odataString } from './keys';

/**
 * Gap summaries posted in a channel, and the team's votes on them (table postings), one
 * partition per posting:
 * - PK <posting id>  RK "posting"         what was posted: the card's data (figures already
 *                                        cleared by the anonymity rules) and what can be voted on
 * - PK <posting id>  RK "vote|<person>"   the area that person wants prioritised (one each)
 */
const postingSchema = z.object({
  type: z.literal('posting'),
  departmentId: z.string(),
  cycle: z.string(),
  channelId: z.string(),
  postedBy: z.string(),
  postedAt: z.string(),
  locale: z.enum(['da', 'en']),
  /** The rendered card data of the summary (see CardData['gap-summary']). */
  card: z.record(z.unknown()),
  choices: z.array(z.object({ competenceId: z.string(), name: z.string() })),
});
const voteSchema = z.object({ type: z.literal('vote'), competenceId: z.string(), at: z.string() });
const rowSchema = z.discriminatedUnion('type', [postingSchema, voteSchema]);
type Row = z.infer<typeof rowSchema>;
export type Posting = z.infer<typeof postingSchema>;

export class PostingRepository {
  private readonly table: EntityTable<Row>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('postings'), rowSchema, ['card', 'choices']);
  }

  async create(id: string, posting: Omit<Posting, 'type' | 'postedAt'>): Promise<void> {
    await this.table.insert(id, 'posting', { type: 'posting', ...posting, postedAt: this.now().toISOString() });
  }

  /** The posting with the votes counted per area, and each person's vote. */
  async load(id: string): Promise<{ posting: Posting; votes: Map<string, string> } | undefined> {
    const rows = await this.table.listPartition(id);
    const posting = rows.find((r) => r.value.type === 'posting')?.value;
    if (!posting || posting.type !== 'posting') return undefined;
    const votes = new Map(rows.flatMap((r) => (r.value.type === 'vote' ? [[r.row.slice('vote|'.length), r.value.competenceId] as const] : [])));
    return { posting, votes };
  }

  /** The votes on every summary of a department posted in a cycle: per area, how many. */
  async votesFor(departmentId: string, cycle: string): Promise<Map<string, number>> {
    const postings = await this.table.query(`RowKey eq 'posting' and departmentId eq ${odataString(departmentId)} and cycle eq ${odataString(cycle)}`);
    const counts = new Map<string, number>();
    for (const { partition } of postings) {
      const loaded = await this.load(partition);
      for (const area of loaded?.votes.values() ?? []) counts.set(area, (counts.get(area) ?? 0) + 1);
    }
    return counts;
  }

  /** One vote per person: a new vote replaces that person's earlier one. */
  async vote(id: string, personId: string, competenceId: string): Promise<void> {
    await this.table.upsert(id, `vote|${personId.toLowerCase()}`, { type: 'vote', competenceId, at: this.now().toISOString() });
  }
}
