import { z } from 'zod';
import { type DirectoryUser, directoryUserSchema } from '../domain/entraMapping';
import type { TableClients } from './client';
import { AlreadyExistsError, ConcurrencyError, EntityTable, type TableWrite } from './entityTable';

/**
 * What the Entra ID sync keeps between runs (table directory), so that a delta round — only the
 * users changed since — can be laid over the rest and the whole organisation mapped again:
 * - PK "user"  RK <Entra object id>  the attributes the mapping rules read (name, mail,
 *                                    department, job title, manager, enabled, language)
 * - PK "state" RK "users"            the delta link of the last imported round, the ids given to
 *                                    department names, how the last run went, and the run lock
 * The delta link is written last, after the organisation and the users: a run cut off anywhere
 * before it is repeated from the previous link (every write is idempotent).
 */
const userPartition = 'user';
const statePartition = 'state';
const stateRow = 'users';

const storedUserSchema = directoryUserSchema.omit({ id: true }).extend({
  displayName: z.string().optional(), mail: z.string().optional(), userPrincipalName: z.string().optional(), department: z.string().optional(),
  jobTitle: z.string().optional(), officeLocation: z.string().optional(), companyName: z.string().optional(), preferredLanguage: z.string().optional(),
  accountEnabled: z.boolean().optional(), userType: z.string().optional(),
});
type StoredUser = z.infer<typeof storedUserSchema>;

const stateSchema = z.object({
  deltaLink: z.string().optional(),
  departmentIds: z.record(z.string()).default({}),
  lastRunAt: z.string().optional(),
  lastOutcome: z.enum(['imported', 'refused', 'failed']).optional(),
  lastDetail: z.string().max(4000).optional(),
  /** The problems HR was last told about (so the same problems are told once). */
  problemsKey: z.string().optional(),
  lockedBy: z.string().optional(),
  lockedUntil: z.string().optional(),
});
export type DirectoryState = z.infer<typeof stateSchema>;

/** Table Storage has no null: an attribute Entra clears is left out. */
function toStored(user: DirectoryUser): StoredUser {
  const { id: _id, ...fields } = user;
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined)) as StoredUser;
}

export class DirectoryRepository {
  private readonly users: EntityTable<StoredUser>;
  private readonly states: EntityTable<DirectoryState>;

  constructor(tables: TableClients) {
    this.users = new EntityTable(tables.table('directory'), storedUserSchema);
    this.states = new EntityTable(tables.table('directory'), stateSchema, ['departmentIds']);
  }

  async state(): Promise<DirectoryState> {
    return (await this.states.get(statePartition, stateRow))?.value ?? { departmentIds: {} };
  }

  /** Every user as the last imported round left them. */
  async loadUsers(): Promise<Map<string, DirectoryUser>> {
    const rows = await this.users.listPartition(userPartition);
    return new Map(rows.map(({ row, value }) => [row, { id: row, ...value }]));
  }

  /** Writes the users that changed and removes those that left, 100 to a transaction. */
  async applyChanges(changed: readonly DirectoryUser[], removed: readonly string[]): Promise<void> {
    const writes: Array<TableWrite<StoredUser>> = [
      ...changed.map((u): TableWrite<StoredUser> => ({ kind: 'upsert', row: u.id, value: toStored(u) })),
      ...removed.map((id): TableWrite<StoredUser> => ({ kind: 'delete', row: id })),
    ];
    for (let start = 0; start < writes.length; start += 100) {
      const chunk = writes.slice(start, start + 100);
      try {
        await this.users.transact(userPartition, chunk);
      } catch (error) {
        // A delete of a row already gone fails the transaction: write that chunk one by one.
        if (!(error instanceof ConcurrencyError)) throw error;
        for (const w of chunk) {
          if (w.kind === 'delete') await this.users.delete(userPartition, w.row);
          else if (w.kind === 'upsert') await this.users.upsert(userPartition, w.row, w.value);
        }
      }
    }
  }

  /** Changes the state (the run lock, the outcome, the delta link); retried when another writer won. */
  async updateState(change: (current: DirectoryState) => DirectoryState | undefined): Promise<DirectoryState> {
    const next = await this.states.update(statePartition, stateRow, (current) => change(current ?? { departmentIds: {} }));
    return next ?? { departmentIds: {} };
  }

  /**
   * Takes the run lock until `until` unless another owner holds one that has not run out. Returns
   * false when someone else is running the sync.
   */
  async lock(owner: string, now: Date, until: Date): Promise<boolean> {
    try {
      let taken = false;
      await this.states.update(statePartition, stateRow, (current) => {
        const held = current?.lockedBy && current.lockedBy !== owner && current.lockedUntil && Date.parse(current.lockedUntil) > now.getTime();
        taken = !held;
        return held ? undefined : { ...(current ?? { departmentIds: {} }), lockedBy: owner, lockedUntil: until.toISOString() };
      }, 3);
      return taken;
    } catch (error) {
      if (error instanceof ConcurrencyError || error instanceof AlreadyExistsError) return false;
      throw error;
    }
  }

  async unlock(owner: string): Promise<void> {
    await this.updateState((current) => {
      if (current.lockedBy !== owner) return undefined;
      const { lockedBy: _by, lockedUntil: _until, ...rest } = current;
      return rest;
    });
  }
}
