import { z } from 'zod';
import type { TableClients } from './client';
import { EntityTable } from './entityTable';

export const actionItemSchema = z.object({
  goal: z.string().max(1000),
  competenceId: z.string().max(100),
  activityId: z.string().max(100),
  owner: z.string().max(400),
  due: z.string().max(10),
});

/**
 * Departments' action plans (handlingsplaner). Key scheme (table actionPlans):
 * - PK <department id>  RK "<cycle>"              the plan as it is now (draft or approved)
 * - PK <department id>  RK "<cycle>|v<0001>"      each approved version, as approved
 * Writes are conditional on the plan's ETag (two leaders of one department may both edit).
 */
const planSchema = z.object({
  type: z.literal('plan'),
  items: z.array(actionItemSchema),
  /** The approved version this is, or the last approved version it was changed from. */
  version: z.number().int().min(0),
  state: z.enum(['draft', 'approved']),
  updatedAt: z.string(),
  updatedBy: z.string(),
  approvedAt: z.string().optional(),
  approvedBy: z.string().optional(),
  /** The channel it was last posted in. */
  postedTo: z.string().optional(),
});
const versionSchema = z.object({ type: z.literal('version'), items: z.array(actionItemSchema), version: z.number().int().min(1), approvedAt: z.string(), approvedBy: z.string() });
const rowSchema = z.discriminatedUnion('type', [planSchema, versionSchema]);
type Row = z.infer<typeof rowSchema>;
export type ActionPlan = z.infer<typeof planSchema>;

const versionKey = (cycle: string, version: number) => `${cycle}|v${String(version).padStart(4, '0')}`;

export class ActionPlanRepository {
  private readonly table: EntityTable<Row>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('actionPlans'), rowSchema, ['items']);
  }

  async get(departmentId: string, cycle: string): Promise<{ plan: ActionPlan; etag: string } | undefined> {
    const stored = await this.table.get(departmentId, cycle);
    return stored?.value.type === 'plan' ? { plan: stored.value, etag: stored.etag } : undefined;
  }

  /** The last approved version of the plan, as approved (a later draft is not in it); undefined before the first approval. */
  async getApproved(departmentId: string, cycle: string): Promise<{ items: ActionPlan['items']; version: number; approvedAt: string } | undefined> {
    const current = await this.get(departmentId, cycle);
    if (!current || current.plan.version < 1) return undefined;
    const stored = await this.table.get(departmentId, versionKey(cycle, current.plan.version));
    return stored?.value.type === 'version' ? { items: stored.value.items, version: stored.value.version, approvedAt: stored.value.approvedAt } : undefined;
  }

  /**
   * Writes the plan as a draft, or approves it (a new version, its snapshot written in the same
   * transaction). `etag` is the one the leader's card was made from (undefined: no plan yet);
   * throws ConcurrencyError if someone else saved in between.
   */
  async save(
    departmentId: string, cycle: string, items: ActionPlan['items'], by: string, approve: boolean, etag: string | undefined, previous: ActionPlan | undefined,
  ): Promise<ActionPlan> {
    const at = this.now().toISOString();
    const lastVersion = previous?.version ?? 0;
    const version = approve ? lastVersion + 1 : lastVersion;
    const plan: ActionPlan = {
      type: 'plan', items, version, state: approve ? 'approved' : 'draft', updatedAt: at, updatedBy: by,
      ...(approve ? { approvedAt: at, approvedBy: by } : {}),
      ...(previous?.postedTo ? { postedTo: previous.postedTo } : {}),
    };
    const writes = [
      etag ? { kind: 'replace' as const, row: cycle, value: plan, etag } : { kind: 'insert' as const, row: cycle, value: plan },
      ...(approve ? [{ kind: 'insert' as const, row: versionKey(cycle, version), value: { type: 'version' as const, items, version, approvedAt: at, approvedBy: by } }] : []),
    ];
    await this.table.transact(departmentId, writes);
    return plan;
  }

  /** Notes where the approved plan was posted (last writer wins: it only says where to look). */
  async markPosted(departmentId: string, cycle: string, channelId: string): Promise<void> {
    await this.table.update(departmentId, cycle, (current) => (current?.type === 'plan' ? { ...current, postedTo: channelId } : undefined));
  }
}
