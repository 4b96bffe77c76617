import { z } from 'zod';
import type { AarshjulEdits } from '../domain/aarshjulEdits';
import { milestoneOverrideSchema } from '../domain/catalogue';
import type { TableClients } from './client';
import { EntityTable } from './entityTable';

/**
 * HR's edits of the årshjul (table aarshjul): PK "municipality" or a department id, RK "edits";
 * the overrides laid over the data file's årshjul. A handful of rows: read whole.
 */
const editsSchema = z.object({ milestones: z.array(milestoneOverrideSchema), updatedAt: z.string(), updatedBy: z.string().optional() });
type StoredEdits = z.infer<typeof editsSchema>;

const municipality = 'municipality';
const row = 'edits';

export class AarshjulRepository {
  private readonly table: EntityTable<StoredEdits>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('aarshjul'), editsSchema, ['milestones']);
  }

  async load(): Promise<AarshjulEdits> {
    const rows = await this.table.query();
    const stamp = rows.map((r) => r.value.updatedAt).sort().at(-1) ?? '';
    return {
      municipality: rows.find((r) => r.partition === municipality)?.value.milestones ?? [],
      departments: rows.filter((r) => r.partition !== municipality && r.value.milestones.length > 0).map((r) => ({ departmentId: r.partition, milestones: r.value.milestones })),
      stamp,
    };
  }

  /** Saves the overrides of one scope (the municipality when `departmentId` is undefined); an empty list is "as the file says". */
  async save(departmentId: string | undefined, milestones: StoredEdits['milestones'], updatedBy: string): Promise<void> {
    // An empty list is kept as a row too: its time stamp tells the planner to plan again.
    await this.table.upsert(departmentId ?? municipality, row, { milestones, updatedAt: this.now().toISOString(), updatedBy });
  }
}
