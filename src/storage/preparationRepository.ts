import { z } from 'zod';
import type { StepAnswer } from '../domain/preparation';
import type { TableClients } from './client';
import { AlreadyExistsError, EntityTable, type TableWrite } from './entityTable';
import { encodeKey, odataString } from './keys';

/**
 * An employee's MUS preparation for one cycle. Key scheme (table preparations), all of one
 * person in one partition so that a step and the header are written in one transaction:
 * - PK <Entra object id>  RK "mus|<cycle>"              the header (status, version, sharing)
 * - PK <Entra object id>  RK "mus|<cycle>|<step id>"    one row per step's answers
 * - PK <Entra object id>  RK "mus|<cycle>|~leader-rating"  the leader's rating beside the self-rating
 * The header's `version` goes up with every write; cards carry it to detect stale clicks.
 */
const answerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('questions'), answers: z.record(z.union([z.string().max(10_000), z.array(z.string().max(200)).max(50)])) }),
  z.object({ kind: z.literal('rating'), ratings: z.record(z.union([z.number().int().min(0).max(10), z.literal('na')])) }),
]);

const headerSchema = z.object({
  type: z.literal('header'),
  cycle: z.string(),
  departmentId: z.string(),
  version: z.number().int().min(0),
  completedSteps: z.array(z.string()),
  sharedSections: z.array(z.string()).optional(),
  sharedAt: z.string().optional(),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type PreparationHeader = z.infer<typeof headerSchema>;

const stepRowSchema = z.object({ type: z.literal('step'), stepId: z.string(), answer: answerSchema, updatedAt: z.string() });
const leaderRatingSchema = z.object({
  type: z.literal('leader-rating'),
  leaderId: z.string(),
  ratings: z.record(z.union([z.number().int().min(0).max(10), z.literal('na')])),
  updatedAt: z.string(),
});
export type LeaderRating = z.infer<typeof leaderRatingSchema>;
const rowSchema = z.discriminatedUnion('type', [headerSchema, stepRowSchema, leaderRatingSchema]);
type Row = z.infer<typeof rowSchema>;

/** One person's ratings in a cycle: their own, and their leader's where given. */
export interface PersonRatings {
  self: Record<string, number | 'na'>;
  leader?: Record<string, number | 'na'>;
  /** The department they prepared in this cycle (from the preparation's header), if they started one. */
  departmentId?: string;
}

export interface Preparation {
  header: PreparationHeader;
  etag: string;
  answers: Map<string, StepAnswer>;
  leaderRating?: LeaderRating;
}

const headerKey = (cycle: string) => `mus|${cycle}`;
const stepKey = (cycle: string, stepId: string) => `mus|${cycle}|${stepId}`;
const leaderRatingKey = (cycle: string) => `mus|${cycle}|~leader-rating`;

export class PreparationRepository {
  private readonly table: EntityTable<Row>;

  /** The leader's rating of this employee in this cycle, if one was given. */
  async getLeaderRating(userId: string, cycle: string): Promise<LeaderRating | undefined> {
    const row = (await this.table.get(userId.toLowerCase(), leaderRatingKey(cycle)))?.value;
    return row?.type === 'leader-rating' ? row : undefined;
  }

  /** Last writer wins: the newest rating from the leader is the one that counts. */
  async saveLeaderRating(userId: string, cycle: string, leaderId: string, ratings: LeaderRating['ratings']): Promise<void> {
    await this.table.upsert(userId.toLowerCase(), leaderRatingKey(cycle), { type: 'leader-rating', leaderId, ratings, updatedAt: this.now().toISOString() });
  }

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('preparations'), rowSchema, ['completedSteps', 'sharedSections', 'answer', 'ratings']);
  }

  /**
   * Every person's self-ratings and leader's ratings of a cycle, for aggregates: RowKey ranges
   * over the table (rating steps and leader ratings), never anyone's written answers.
   */
  async listRatings(cycle: string): Promise<Map<string, PersonRatings>> {
    return (await this.listRatingsOf([cycle])).get(cycle)!;
  }

  /**
   * The same for several cycles (this and last) in ONE query: the table has no partition to narrow
   * it, so each query is a scan of the whole table, and one scan is cheaper than one per cycle and
   * kind of row. `withDepartment` adds the preparation headers (which department each prepared in).
   */
  async listRatingsOf(cycles: readonly string[], options: { withDepartment?: boolean } = {}): Promise<Map<string, Map<string, PersonRatings>>> {
    const ranges = cycles.map((cycle) => {
      const from = odataString(encodeKey(`${headerKey(cycle)}|rating-`));
      const to = odataString(encodeKey(`${headerKey(cycle)}|rating.`));
      const header = options.withDepartment ? ` or RowKey eq ${odataString(encodeKey(headerKey(cycle)))}` : '';
      return `(RowKey ge ${from} and RowKey lt ${to}) or RowKey eq ${odataString(encodeKey(leaderRatingKey(cycle)))}${header}`;
    });
    const out = new Map(cycles.map((cycle) => [cycle, new Map<string, PersonRatings>()]));
    if (cycles.length === 0) return out;
    const wanted = new Set(cycles);
    const rows = options.withDepartment
      // The release reads the whole table once anyway: one unfiltered scan, decoding only these rows.
      ? await this.table.scan((_partition, row) => {
        const [kind, cycle, step] = row.split('|');
        return kind === 'mus' && wanted.has(cycle ?? '') && (step === undefined || step.startsWith('rating-') || step === '~leader-rating');
      })
      : await this.table.query(ranges.join(' or '));
    for (const { partition, row, value } of rows) {
      const cycle = row.split('|')[1]!;
      const people = out.get(cycle);
      if (!people) continue;
      const entry = people.get(partition) ?? people.set(partition, { self: {} }).get(partition)!;
      if (value.type === 'step' && value.answer.kind === 'rating') Object.assign(entry.self, value.answer.ratings);
      if (value.type === 'leader-rating') entry.leader = { ...value.ratings };
      if (value.type === 'header') entry.departmentId = value.departmentId;
    }
    return out;
  }

  async load(userId: string, cycle: string): Promise<Preparation | undefined> {
    const rows = await this.table.listPartition(userId.toLowerCase());
    const stored = rows.find((r) => r.row === headerKey(cycle));
    if (!stored || stored.value.type !== 'header') return undefined;
    const answers = new Map<string, StepAnswer>();
    let leaderRating: LeaderRating | undefined;
    for (const row of rows) {
      if (!row.row.startsWith(`${headerKey(cycle)}|`)) continue;
      if (row.value.type === 'step') answers.set(row.value.stepId, row.value.answer);
      if (row.value.type === 'leader-rating') leaderRating = row.value;
    }
    return { header: stored.value, etag: stored.etag, answers, ...(leaderRating ? { leaderRating } : {}) };
  }

  /** Starts a preparation (or returns the existing one). */
  async start(userId: string, cycle: string, departmentId: string): Promise<Preparation> {
    const existing = await this.load(userId, cycle);
    if (existing) return existing;
    const at = this.now().toISOString();
    try {
      await this.table.insert(userId.toLowerCase(), headerKey(cycle), {
        type: 'header', cycle, departmentId, version: 0, completedSteps: [], startedAt: at, updatedAt: at,
      });
    } catch (error) {
      // Started at the same moment from another device: theirs is as good as ours.
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
    return (await this.load(userId, cycle))!;
  }

  /**
   * Saves one step's answer and moves the header on, atomically, only if the header is still as
   * read (`prep.etag`): a concurrent write makes this throw ConcurrencyError and nothing is saved.
   */
  async saveStep(userId: string, prep: Preparation, stepId: string, answer: StepAnswer, completed: boolean): Promise<PreparationHeader> {
    const at = this.now().toISOString();
    const completedSteps = completed ? [...new Set([...prep.header.completedSteps, stepId])] : prep.header.completedSteps;
    const header: PreparationHeader = { ...prep.header, version: prep.header.version + 1, completedSteps, updatedAt: at };
    await this.table.transact(userId.toLowerCase(), [
      { kind: 'replace', row: headerKey(prep.header.cycle), value: header, etag: prep.etag },
      { kind: 'upsert', row: stepKey(prep.header.cycle, stepId), value: { type: 'step', stepId, answer, updatedAt: at } },
    ]);
    return header;
  }

  /**
   * Writes a whole preparation — header, every step's answer and the leader's rating — in one
   * transaction of the person's partition, as the same rows start/saveStep/saveLeaderRating
   * write (for loading many at once: the aggregation benchmark). Replaces what is stored.
   */
  async writeWhole(userId: string, prep: Pick<Preparation, 'header' | 'answers' | 'leaderRating'>): Promise<void> {
    const { cycle, updatedAt } = prep.header;
    const writes: Array<TableWrite<Row>> = [
      { kind: 'upsert', row: headerKey(cycle), value: prep.header },
      ...[...prep.answers].map(([stepId, answer]): TableWrite<Row> => ({ kind: 'upsert', row: stepKey(cycle, stepId), value: { type: 'step', stepId, answer, updatedAt } })),
      ...(prep.leaderRating ? [{ kind: 'upsert', row: leaderRatingKey(cycle), value: prep.leaderRating } satisfies TableWrite<Row>] : []),
    ];
    if (writes.length > 100) throw new Error(`a preparation of ${writes.length} rows does not fit one transaction (at most 100)`);
    await this.table.transact(userId.toLowerCase(), writes);
  }

  /** Records what the employee shares with the leader (conditional on the header's ETag). */
  async share(userId: string, prep: Preparation, sections: string[]): Promise<PreparationHeader> {
    const at = this.now().toISOString();
    const header: PreparationHeader = { ...prep.header, version: prep.header.version + 1, sharedSections: sections, sharedAt: at, updatedAt: at };
    await this.table.replace(userId.toLowerCase(), headerKey(prep.header.cycle), header, prep.etag);
    return header;
  }
}
