import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type Department, type OrganisationInput, type Person, departmentSchema, personSchema } from '../domain/org';
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

const storedDepartmentSchema = departmentSchema.extend({
  updatedAt: z.string(),
  leaderIds: z.array(z.string()).default([]),
  /** Members of the local MED-udvalg whose area starts here, and the department's tillidsrepræsentanter. */
  medIds: z.array(z.string()).default([]),
  trIds: z.array(z.string()).default([]),
});
const roleHolderFields = ['leaderIds', 'medIds', 'trIds'] as const;
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
    this.departments = new EntityTable(tables.table('departments'), storedDepartmentSchema, roleHolderFields);
    this.people = new EntityTable(tables.table('people'), storedPersonSchema, ['leaderOf', 'medAreas', 'trFor']);
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
    return stored ? departmentOf(stored.value) : undefined;
  }

  /** The people who lead a department, as the last import said. */
  async getLeaderIds(departmentId: string): Promise<string[]> {
    return (await this.departments.get(departmentPartition, departmentId))?.value.leaderIds ?? [];
  }

  /**
   * Who holds a role at a department, as the last import said: its leaders, the members of the
   * local MED-udvalg whose area starts at it, and its tillidsrepræsentanter.
   */
  async getRoleHolders(departmentId: string): Promise<{ leaderIds: string[]; medIds: string[]; trIds: string[] }> {
    const stored = (await this.departments.get(departmentPartition, departmentId))?.value;
    return { leaderIds: stored?.leaderIds ?? [], medIds: stored?.medIds ?? [], trIds: stored?.trIds ?? [] };
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
    const departments = rows.map(({ value }) => departmentOf(value));
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
   * A person whose stored row already says the same is not written again (a sync every hour
   * rewrites only who changed); a person's membership is written before the person row, so an
   * interrupted run never leaves an unchanged-looking person without their membership.
   */
  async importOrganisation(input: OrganisationInput, options: { partial?: boolean } = {}): Promise<ImportSummary> {
    const org = { departments: input.departments, people: input.people.map((p) => personSchema.parse(p)) };
    const updatedAt = this.now().toISOString();
    const holders = (has: (p: Person) => boolean) => org.people.filter(has).map((p) => p.id);
    const stored = new Map((await this.departments.listPartition(departmentPartition)).map(({ row, value }) => [row, value]));
    const departments = org.departments.map((department) => ({
      ...department,
      leaderIds: holders((p) => p.leaderOf.includes(department.id)),
      medIds: holders((p) => p.medAreas.includes(department.id)),
      trIds: holders((p) => p.trFor.includes(department.id)),
    }));
    const changedDepartments = departments.filter((d) => {
      const before = stored.get(d.id);
      return !before || JSON.stringify({ ...before, updatedAt: '' }) !== JSON.stringify(storedDepartmentSchema.parse({ ...d, updatedAt: '' }));
    });
    if (changedDepartments.length > 0) {
      // A new tree version before and after: a reader that sees it reads the departments again.
      const bump = () => this.versions.upsert(versionPartition, departmentsVersionRow, { version: randomUUID() });
      await bump();
      await this.departments.upsertBatch(departmentPartition, changedDepartments.map((value) => ({ row: value.id, value: { ...value, updatedAt } })));
      await bump();
    }
    const before = await this.listPeople();
    const beforeById = new Map(before.map((p) => [p.id, p]));
    const listed = new Set(org.people.map((p) => p.id));

    await runLimited(org.people, 16, async (person) => {
      const previous = beforeById.get(person.id);
      const next: Person = { ...person, active: true };
      if (previous && samePerson(previous, next)) return;
      if (previous && previous.departmentId !== person.departmentId) {
        await this.memberships.delete(previous.departmentId, person.id);
      }
      await this.memberships.upsert(person.departmentId, person.id, { name: person.name });
      await this.people.upsert(person.id, personRow, { ...next, updatedAt });
    });

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

function departmentOf(stored: z.infer<typeof storedDepartmentSchema>): Department {
  const { updatedAt: _updatedAt, leaderIds: _leaders, medIds: _med, trIds: _tr, ...department } = stored;
  return department;
}

/** Whether a stored person already says everything an import would write. */
function samePerson(stored: Person, next: Person): boolean {
  const canonical = (p: Person) => JSON.stringify(personSchema.parse(p), Object.keys(personSchema.shape).sort());
  return canonical(stored) === canonical(next);
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
