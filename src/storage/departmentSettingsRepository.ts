import { z } from 'zod';
import type { TableClients } from './client';
import { EntityTable } from './entityTable';

/**
 * What a leader sets for a department (edited in the leader flows):
 * - questionSets: PK <department id>  RK <audience: employee | leader | group>
 *   the department's own choice of themes and questions from the bank (else the default set);
 * - profiles:     PK <department id>  RK <cycle>
 *   the competence profile: the desired level per competence id.
 */
const entrySchema = z.object({ themeId: z.string(), questionIds: z.array(z.string()).min(1) });
const questionSetSchema = z.object({ entries: z.array(entrySchema).min(1), updatedAt: z.string(), updatedBy: z.string().optional() });
const profileSchema = z.object({ desired: z.record(z.number().int().min(1).max(10)), updatedAt: z.string(), updatedBy: z.string().optional() });

export type StoredQuestionSet = z.infer<typeof questionSetSchema>;
export type StoredProfile = z.infer<typeof profileSchema>;

export class DepartmentSettingsRepository {
  private readonly questionSets: EntityTable<StoredQuestionSet>;
  private readonly profiles: EntityTable<StoredProfile>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.questionSets = new EntityTable(tables.table('questionSets'), questionSetSchema, ['entries']);
    this.profiles = new EntityTable(tables.table('profiles'), profileSchema, ['desired']);
  }

  async getQuestionSet(departmentId: string, audience: string): Promise<StoredQuestionSet | undefined> {
    return (await this.questionSets.get(departmentId, audience))?.value;
  }

  async setQuestionSet(departmentId: string, audience: string, entries: StoredQuestionSet['entries'], updatedBy?: string): Promise<void> {
    await this.questionSets.upsert(departmentId, audience, { entries, updatedAt: this.now().toISOString(), ...(updatedBy ? { updatedBy } : {}) });
  }

  async getProfile(departmentId: string, cycle: string): Promise<StoredProfile | undefined> {
    return (await this.profiles.get(departmentId, cycle))?.value;
  }

  async setProfile(departmentId: string, cycle: string, desired: Record<string, number>, updatedBy?: string): Promise<void> {
    await this.profiles.upsert(departmentId, cycle, { desired, updatedAt: this.now().toISOString(), ...(updatedBy ? { updatedBy } : {}) });
  }
}
