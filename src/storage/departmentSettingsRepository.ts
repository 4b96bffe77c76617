import { z } from 'zod';
import type { TableClients } from './client';
import type { CompetenceProfile } from '../domain/profile';
import { EntityTable } from './entityTable';

/**
 * What a leader sets for a department (edited in the leader flows):
 * - questionSets: PK <department id>  RK <audience: employee | leader | group>
 *   the department's own choice of themes and questions from the bank (else the default set);
 * - profiles:     PK <department id>  RK <cycle>
 *   the competence profile of that cycle: desired levels (department-wide and per job group) and
 *   the department's own competences. A cycle without its own row uses the latest earlier one,
 *   so the history stays per cycle and a new year starts from last year's profile.
 */
const entrySchema = z.object({ themeId: z.string(), questionIds: z.array(z.string()).min(1) });
const questionSetSchema = z.object({
  entries: z.array(entrySchema),
  /** The department's own questions, asked after the bank's. */
  custom: z.array(z.object({ id: z.string(), text: z.string().max(1000) })).default([]),
  updatedAt: z.string(),
  updatedBy: z.string().optional(),
});
const levels = z.record(z.number().int().min(1).max(10));
const profileSchema = z.object({
  desired: levels,
  jobGroups: z.record(levels).default({}),
  competences: z.array(z.object({ id: z.string(), groupId: z.string(), name: z.string().max(200), short: z.string().max(400) })).default([]),
  updatedAt: z.string(),
  updatedBy: z.string().optional(),
});

export type StoredQuestionSet = z.infer<typeof questionSetSchema>;
export type StoredProfile = z.infer<typeof profileSchema>;

export class DepartmentSettingsRepository {
  private readonly questionSets: EntityTable<StoredQuestionSet>;
  private readonly profiles: EntityTable<StoredProfile>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.questionSets = new EntityTable(tables.table('questionSets'), questionSetSchema, ['entries', 'custom']);
    this.profiles = new EntityTable(tables.table('profiles'), profileSchema, ['desired', 'jobGroups', 'competences']);
  }

  async getQuestionSet(departmentId: string, audience: string): Promise<StoredQuestionSet | undefined> {
    return (await this.questionSets.get(departmentId, audience))?.value;
  }

  async setQuestionSet(
    departmentId: string, audience: string, entries: StoredQuestionSet['entries'], updatedBy?: string, custom: StoredQuestionSet['custom'] = [],
  ): Promise<void> {
    await this.questionSets.upsert(departmentId, audience, { entries, custom, updatedAt: this.now().toISOString(), ...(updatedBy ? { updatedBy } : {}) });
  }

  /** Back to the bank's default set. */
  async clearQuestionSet(departmentId: string, audience: string): Promise<void> {
    await this.questionSets.delete(departmentId, audience);
  }

  /** The profile in force in `cycle`: its own, else the latest earlier cycle's. */
  async getProfile(departmentId: string, cycle: string): Promise<StoredProfile | undefined> {
    const rows = await this.profiles.listPartition(departmentId);
    const inForce = rows.filter((r) => r.row <= cycle).sort((a, b) => b.row.localeCompare(a.row))[0];
    return inForce?.value;
  }

  /** Every department's profile in force in `cycle` (one scan of the small profiles table: for a release). */
  async listProfilesInForce(cycle: string): Promise<Map<string, StoredProfile>> {
    const out = new Map<string, { row: string; value: StoredProfile }>();
    for (const { partition, row, value } of await this.profiles.query()) {
      if (row > cycle) continue;
      const best = out.get(partition);
      if (!best || row > best.row) out.set(partition, { row, value });
    }
    return new Map([...out].map(([id, { value }]) => [id, value]));
  }

  /** Whether the profile was edited in this very cycle (not only carried over from an earlier one). */
  async hasOwnProfile(departmentId: string, cycle: string): Promise<boolean> {
    return (await this.profiles.get(departmentId, cycle)) !== undefined;
  }

  /** Changes the cycle's profile (starting from the one in force), safe against concurrent edits. */
  async updateProfile(departmentId: string, cycle: string, change: (current: CompetenceProfile) => CompetenceProfile, updatedBy?: string): Promise<CompetenceProfile> {
    const inForce = await this.getProfile(departmentId, cycle);
    const start: CompetenceProfile = inForce ? { desired: inForce.desired, jobGroups: inForce.jobGroups, competences: inForce.competences } : { desired: {}, jobGroups: {}, competences: [] };
    const saved = await this.profiles.update(departmentId, cycle, (current) => {
      const base = current ? { desired: current.desired, jobGroups: current.jobGroups, competences: current.competences } : start;
      return { ...change(base), updatedAt: this.now().toISOString(), ...(updatedBy ? { updatedBy } : {}) };
    });
    return { desired: saved!.desired, jobGroups: saved!.jobGroups, competences: saved!.competences };
  }

  /** Sets the department-wide desired levels of a cycle. */
  async setProfile(departmentId: string, cycle: string, desired: Record<string, number>, updatedBy?: string): Promise<void> {
    await this.updateProfile(departmentId, cycle, (current) => ({ ...current, desired }), updatedBy);
  }
}
