import { z } from 'zod';
import type { TableClients } from './client';
import { EntityTable } from './entityTable';

/**
 * MUS rounds. Key scheme (table rounds): PK <department id>  RK <cycle>. `invited` lists who got
 * the invitation, so that starting the round again (a new deadline, new people) never invites
 * anyone twice.
 */
const roundSchema = z.object({
  deadline: z.string(),
  includeSubDepartments: z.boolean(),
  startedBy: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  invited: z.array(z.string()),
});
export type MusRound = z.infer<typeof roundSchema>;

export class RoundRepository {
  private readonly table: EntityTable<MusRound>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('rounds'), roundSchema, ['invited']);
  }

  async get(departmentId: string, cycle: string): Promise<MusRound | undefined> {
    return (await this.table.get(departmentId, cycle))?.value;
  }

  /** Creates or updates the round's deadline (concurrency-safe). */
  async open(departmentId: string, cycle: string, deadline: string, includeSubDepartments: boolean, startedBy: string): Promise<MusRound> {
    const at = this.now().toISOString();
    return (await this.table.update(departmentId, cycle, (current) => ({
      invited: [],
      startedAt: at,
      startedBy,
      ...current,
      deadline,
      includeSubDepartments,
      updatedAt: at,
    })))!;
  }

  /** Records invitations sent (concurrency-safe: merges with what others recorded). */
  async markInvited(departmentId: string, cycle: string, personIds: readonly string[]): Promise<void> {
    await this.table.update(departmentId, cycle, (current) =>
      current ? { ...current, invited: [...new Set([...current.invited, ...personIds])], updatedAt: this.now().toISOString() } : undefined,
    );
  }
}
