import { z } from 'zod';
import { type EffectAnswer, effectOutcomes, type PlanState, zPlanState } from '../domain/plan';
import type { TableClients } from './client';
import { AlreadyExistsError, ConcurrencyError, EntityTable } from './entityTable';

/**
 * Development plans. Key scheme (table plans), one employee per partition so that approving a
 * version writes the plan and its snapshot in one transaction:
 * - PK <employee id>  RK "plan|<cycle>"                    the current plan (content, approvals)
 * - PK <employee id>  RK "plan|<cycle>|v<0001>"            each approved version, as approved
 * - PK <employee id>  RK "plan|<cycle>|effect|<action id>" the employee's effect follow-up
 * The plan's `revision` goes up with every write and writes are conditional on its ETag.
 */
const planRowSchema = z.object({
  type: z.literal('plan'),
  cycle: z.string(),
  departmentId: z.string(),
  plan: zPlanState,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
const versionRowSchema = z.object({ type: z.literal('version'), version: z.number().int().min(1), plan: zPlanState, approvedAt: z.string() });
const effectSchema = z.object({ outcome: z.enum(effectOutcomes), use: z.string().max(4000), next: z.string().max(4000) });
const effectRowSchema = z.object({ type: z.literal('effect'), actionId: z.string(), answer: effectSchema, answeredAt: z.string() });
const rowSchema = z.discriminatedUnion('type', [planRowSchema, versionRowSchema, effectRowSchema]);
type Row = z.infer<typeof rowSchema>;

export interface StoredPlan {
  plan: PlanState;
  departmentId: string;
  /** Absent for a plan that was never written. */
  etag?: string;
  /** Approved versions, oldest first. */
  versions: Array<{ version: number; plan: PlanState; approvedAt: string }>;
  effects: Map<string, EffectAnswer & { answeredAt: string }>;
}

const planKey = (cycle: string) => `plan|${cycle}`;
const versionKey = (cycle: string, version: number) => `plan|${cycle}|v${String(version).padStart(4, '0')}`;
const effectKey = (cycle: string, actionId: string) => `plan|${cycle}|effect|${actionId}`;

export class PlanRepository {
  private readonly table: EntityTable<Row>;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.table = new EntityTable(tables.table('plans'), rowSchema, ['plan', 'answer']);
  }

  /** The employee's plan this cycle: an empty draft if none was written yet. */
  async load(ownerId: string, cycle: string, departmentId: string): Promise<StoredPlan> {
    const rows = await this.table.listPartition(ownerId.toLowerCase());
    const out: StoredPlan = { plan: { revision: 0, goals: [], approvals: {}, approvedVersion: 0 }, departmentId, versions: [], effects: new Map() };
    for (const { row, value, etag } of rows) {
      if (row === planKey(cycle) && value.type === 'plan') Object.assign(out, { plan: value.plan, departmentId: value.departmentId, etag });
      else if (!row.startsWith(`${planKey(cycle)}|`)) continue;
      else if (value.type === 'version') out.versions.push({ version: value.version, plan: value.plan, approvedAt: value.approvedAt });
      else if (value.type === 'effect') out.effects.set(value.actionId, { ...value.answer, answeredAt: value.answeredAt });
    }
    out.versions.sort((a, b) => a.version - b.version);
    return out;
  }

  /**
   * Writes the plan if it is still as loaded (ConcurrencyError otherwise); when the write makes a
   * new approved version, the snapshot goes in the same transaction.
   */
  async save(ownerId: string, cycle: string, stored: StoredPlan, plan: PlanState, by: string): Promise<string | undefined> {
    const at = this.now().toISOString();
    const partition = ownerId.toLowerCase();
    const value: Row = { type: 'plan', cycle, departmentId: stored.departmentId, plan, updatedAt: at, updatedBy: by };
    if (stored.etag === undefined) {
      try {
        return await this.table.insert(partition, planKey(cycle), value);
      } catch (error) {
        if (error instanceof AlreadyExistsError) throw new ConcurrencyError(`plan of ${ownerId}`);
        throw error;
      }
    }
    const newVersion = plan.approvedVersion > stored.plan.approvedVersion;
    await this.table.transact(partition, [
      { kind: 'replace', row: planKey(cycle), value, etag: stored.etag },
      ...(newVersion ? [{ kind: 'upsert' as const, row: versionKey(cycle, plan.approvedVersion), value: { type: 'version' as const, version: plan.approvedVersion, plan, approvedAt: at } }] : []),
    ]);
    return undefined;
  }

  /** The employee's answer to an action's effect follow-up (a later answer replaces it). */
  async saveEffect(ownerId: string, cycle: string, actionId: string, answer: EffectAnswer): Promise<void> {
    await this.table.upsert(ownerId.toLowerCase(), effectKey(cycle, actionId), { type: 'effect', actionId, answer, answeredAt: this.now().toISOString() });
  }
}
