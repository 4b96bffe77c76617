import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type Department, type Organisation, type Person, departmentSchema, personSchema } from '../domain/org';
import type { TableClients } from './client';
import { EntityTable } from './entityTable';

/**
 * Key scheme
 * - departments:  PK "department"       RK <department id>
 *                 PK "version"          RK "departments"    the tree's version (new at every import)
 * - people:       PK <Entra object id>  RK "person"        (point read on every turn)
 * - memberships:  PK <department id>    RK <person id>     (who is in a department)
 */
const departmentPartition = 'department';
const personRow = 'person';

const storedDepartmentSchema = departmentSchema.extend({ updatedAt: z.string(), leaderIds: z.array(z.string()).default([]) });
const storedPersonSchema = personSchema.extend({ updatedAt: z.string() });
const membershipSchema = z.object({ name: z.string() });
/** PK "version" RK "departments": changed by every import, so cached trees know when to read again. */
const versionSchema = z.object({ version: z.string() });
const versionPartition = 'version';
const departmentsVersionRow = 'departments';

export interface ImportSummary {
  departments: number;
  people: number;
  /** People already stored whom this file no longer lists: kept, marked inactive. */
  deactivated: number;
}

export class OrgRepository {
  private readonly departments: EntityTable<z.infer<typeof storedDepartmentSchema>>;
  private readonly people: EntityTable<z.infer<typeof storedPersonSchema>>;
  private readonly memberships: EntityTable<z.infer<typeof membershipSchema>>;
  private readonly versions: EntityTable<z.infer<typeof versionSchema>>;
  private departmentCache: { version: string; departments: Department[] } | undefined;

  constructor(tables: TableClients, private readonly now: () => Date = () => new Date()) {
    this.departments = new EntityTable(tables.table('departments'), storedDepartmentSchema, ['leaderIds']);
    this.people = new EntityTable(tables.table('people'), storedPersonSchema, ['leaderOf']);
    this.memberships = new EntityTable(tables.table('memberships'), membershipSchema);
    this.versions = new EntityTable(tables.table('departments'), versionSchema);
  }

  async getPerson(id: string): Promise<Person | undefined> {
    const stored = await this.people.get(id.toLowerCase(), personRow);
    if (!stored) return undefined;
    const { updatedAt: _updatedAt, ...person } = stored.value;
    return person;
  }

  async getDepartment(id: string): Promise<Department | undefined> {
    const stored = await this.departments.get(departmentPartition, id);
    if (!stored) return undefined;
    const { updatedAt: _updatedAt, leaderIds: _leaders, ...department } = stored.value;
    return department;
  }

  /** The people who lead a department, as the last import said. */
  async getLeaderIds(departmentId: string): Promise<string[]> {
    return (await this.departments.get(departmentPartition, departmentId))?.value.leaderIds ?? [];
  }

  /**
   * Every department. Read on most leaders' turns (to know what lies below the departments they
   * lead), so kept per instance and checked by one point read of the tree's version, which every
   * import changes: another instance's import is seen at once, and an unchanged tree costs no scan.
   */
  async listDepartments(): Promise<Department[]> {
    const version = (await this.versions.get(versionPartition, departmentsVersionRow))?.value.version;
    if (version !== undefined && this.departmentCache?.version === version) return this.departmentCache.departments;
    const rows = await this.departments.listPartition(departmentPartition);
    const departments = rows.map(({ value: { updatedAt: _updatedAt, leaderIds: _leaders, ...department } }) => department);
    if (version !== undefined) this.departmentCache = { version, departments };
    return departments;
  }

  /** Ids of the active members of one department. */
  async listMemberIds(departmentId: string): Promise<string[]> {
    return (await this.memberships.listPartition(departmentId)).map((m) => m.row);
  }

  async listPeople(): Promise<Person[]> {
    const rows = await this.people.query(`RowKey eq '${personRow}'`);
    return rows.map(({ value: { updatedAt: _updatedAt, ...person } }) => person);
  }

  /**
   * Writes a validated organisation. Every write is an idempotent upsert, so a run interrupted by
   * a storage fault is completed by running the same import again. People missing from the file
   * are kept with their data but marked inactive (unless `partial`), and leave their department.
   */
  async importOrganisation(org: Organisation, options: { partial?: boolean } = {}): Promise<ImportSummary> {
    const updatedAt = this.now().toISOString();
    // A new tree version first: a reader that sees it reads the departments again.
    const bump = () => this.versions.upsert(versionPartition, departmentsVersionRow, { version: randomUUID() });
    await bump();
    await this.departments.upsertBatch(
      departmentPartition,
      org.departments.map((department) => ({
        row: department.id,
        value: { ...department, updatedAt, leaderIds: org.people.filter((p) => p.leaderOf.includes(department.id)).map((p) => p.id) },
      })),
    );
    await bump();
    const before = await this.listPeople();
    const beforeById = new Map(before.map((p) => [p.id, p]));
    const listed = new Set(org.people.map((p) => p.id));

    await runLimited(org.people, 16, async (person) => {
      const previous = beforeById.get(person.id);
      if (previous && previous.departmentId !== person.departmentId) {
        await this.memberships.delete(previous.departmentId, person.id);
      }
      await this.people.upsert(person.id, personRow, { ...person, active: true, updatedAt });
    });
    const byDepartment = new Map<string, Person[]>();
    for (const person of org.people) byDepartment.set(person.departmentId, [...(byDepartment.get(person.departmentId) ?? []), person]);
    for (const [departmentId, members] of byDepartment) {
      await this.memberships.upsertBatch(departmentId, members.map((m) => ({ row: m.id, value: { name: m.name } })));
    }

    let deactivated = 0;
    if (!options.partial) {
      const leaving = before.filter((p) => p.active && !listed.has(p.id));
      await runLimited(leaving, 16, async (person) => {
        await this.people.upsert(person.id, personRow, { ...person, active: false, updatedAt });
        await this.memberships.delete(person.departmentId, person.id);
      });
      deactivated = leaving.length;
    }
    return { departments: org.departments.length, people: org.people.length, deactivated };
  }
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function runLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(workers);
}
