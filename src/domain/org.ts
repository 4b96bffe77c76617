import { z } from 'zod';

/** Department ids are short, stable codes chosen by HR (e.g. "hjemmeplejen-nord"). */
export const departmentIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only');

/** An Entra (Azure AD) object id. */
export const entraObjectIdSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be an Entra object id (a GUID)');

export const departmentSchema = z.object({
  id: departmentIdSchema,
  name: z.string().trim().min(1).max(200),
  parentId: departmentIdSchema.optional(),
});
export type Department = z.infer<typeof departmentSchema>;

export const personSchema = z.object({
  id: entraObjectIdSchema,
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().email().max(320),
  departmentId: departmentIdSchema,
  jobGroup: z.string().trim().min(1).max(100).optional(),
  /** Departments this person leads. */
  leaderOf: z.array(departmentIdSchema).default([]),
  hrAdmin: z.boolean().default(false),
  /** Areas (a department and what lies below it) whose local MED-udvalg the person sits in. */
  medAreas: z.array(departmentIdSchema).default([]),
  /** Sits in Hovedudvalget (the municipality-wide MED committee). */
  hovedudvalg: z.boolean().default(false),
  /** Departments the person is the tillidsrepræsentant (TR) of. */
  trFor: z.array(departmentIdSchema).default([]),
  /** The language HR set for the person, if any; the person's own choice and Teams' locale come after. */
  language: z.enum(['da', 'en']).optional(),
  /** False once a re-import no longer lists the person: kept (their data is theirs), but not served. */
  active: z.boolean().default(true),
});
export type Person = z.infer<typeof personSchema>;
/** A person as an import gives them (the role lists may be left out: none). */
export type PersonInput = z.input<typeof personSchema>;

/**
 * 'med': member of a local MED-udvalg; 'hovedudvalg': member of Hovedudvalget; 'tr': a
 * tillidsrepræsentant. The three read released figures and approved action plans of their area.
 */
export type Role = 'employee' | 'leader' | 'hr' | 'med' | 'hovedudvalg' | 'tr';

export function rolesOf(person: Person): Role[] {
  const roles: Role[] = ['employee'];
  if (person.leaderOf.length > 0) roles.push('leader');
  if (person.hrAdmin) roles.push('hr');
  if (person.medAreas.length > 0) roles.push('med');
  if (person.hovedudvalg) roles.push('hovedudvalg');
  if (person.trFor.length > 0) roles.push('tr');
  return roles;
}

/**
 * The departments a person may follow as MED member or TR: each MED area and each TR department
 * with everything below it (Hovedudvalget sees the whole municipality: not listed here).
 */
export function representedDepartments(departments: readonly Department[], person: Pick<Person, 'medAreas' | 'trFor'>): string[] {
  return [...new Set([...person.medAreas, ...person.trFor].flatMap((id) => departmentAndDescendants(departments, id)))];
}

/** The department and every department below it, from a flat list with parent ids. */
export function departmentAndDescendants(departments: readonly Department[], rootId: string): string[] {
  const children = new Map<string, string[]>();
  for (const d of departments) {
    if (!d.parentId) continue;
    children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
  }
  const out: string[] = [];
  const queue = [rootId];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return out;
}

/** Finds a cycle in the parent links, as the list of department ids on it, or undefined. */
export function findParentCycle(departments: readonly Department[]): string[] | undefined {
  const parentOf = new Map(departments.map((d) => [d.id, d.parentId]));
  for (const start of departments) {
    const path: string[] = [];
    let current: string | undefined = start.id;
    while (current !== undefined) {
      const at = path.indexOf(current);
      if (at >= 0) return path.slice(at);
      path.push(current);
      current = parentOf.get(current);
    }
  }
  return undefined;
}

export interface Organisation {
  departments: Department[];
  people: Person[];
}

/** An organisation as an import gives it (people checked against the schema when written). */
export interface OrganisationInput {
  departments: Department[];
  people: PersonInput[];
}
