import { z } from 'zod';
import type { TableClients } from './client';
import { EntityTable } from './entityTable';

/**
 * What a person chose for themselves (kept apart from the HR-owned people table so that a
 * re-import never overwrites it), and whether their welcome waits for their first message (no
 * install event said their language). Key scheme: PK <Entra object id>, RK "preferences".
 */
const preferencesSchema = z.object({
  language: z.enum(['da', 'en']).optional(),
  welcomePending: z.boolean().optional(),
  updatedAt: z.string(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export class PreferenceRepository {
  private readonly table: EntityTable<Preferences>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('preferences'), preferencesSchema);
  }

  async get(userId: string): Promise<Preferences | undefined> {
    return (await this.table.get(userId.toLowerCase(), 'preferences'))?.value;
  }

  /** The welcome waits for the person's first message (true), or has been sent (false). */
  async setWelcomePending(userId: string, pending: boolean): Promise<void> {
    await this.table.update(userId.toLowerCase(), 'preferences', (current) =>
      (current?.welcomePending ?? false) === pending ? undefined : { ...current, welcomePending: pending, updatedAt: this.now().toISOString() });
  }

  async setLanguage(userId: string, language: 'da' | 'en'): Promise<void> {
    await this.table.update(userId.toLowerCase(), 'preferences', (current) => ({
      ...current,
      language,
      updatedAt: this.now().toISOString(),
    }));
  }
}
