import { z } from 'zod';
import type { LocalizedText } from './i18n';
import { type Department, departmentIdSchema, findParentCycle, type Organisation, type Person, personSchema } from './org';

/**
 * How the organisation is read from Entra ID: mapping rules as data (`data/entra-mapping.json`,
 * or ENTRA_MAPPING_FILE), and the pure function that turns the directory's users and group
 * memberships into the same Organisation the CSV import writes. Like the CSV import it is all or
 * nothing: any problem (a ring of managers, departments that are each other's parents, a person
 * without a usable name or e-mail, a group in the rules that Entra does not have) refuses the
 * whole run, every problem named.
 */

const groupId = z.string().trim().min(1).max(100);
/** A department as the rules name it: its id, or its name as the directory writes it. */
const departmentRef = z.string().trim().min(1).max(200);

export const entraMappingSchema = z.object({
  schemaVersion: z.literal(1),
  departments: z.discriminatedUnion('from', [
    z.object({
      /** The department is a user attribute (by default `department`); the manager tree gives the leaders and the tree above. */
      from: z.literal('attribute'),
      attribute: z.enum(['department', 'officeLocation', 'companyName']).default('department'),
      /** Pinned ids for department names (a name not listed gets an id made from it). */
      ids: z.record(z.string().trim().min(1).max(200), departmentIdSchema).default({}),
      /** Pinned parents (department id → parent id); the rest follow the manager tree. */
      parents: z.record(departmentIdSchema, departmentIdSchema).default({}),
    }).strict(),
    z.object({
      /** Every manager leads a unit of their direct reports, named by their department attribute (or their name); units nest as the managers do. */
      from: z.literal('manager-tree'),
    }).strict(),
  ]),
  /** Only members of this group are synced (e.g. "Alle ansatte"); absent: every enabled member user. */
  scopeGroup: groupId.optional(),
  /** Members of these groups are HR administrators. */
  hrGroups: z.array(groupId).default([]),
  /** Each local MED-udvalg: its group, and the area (a department, with all below it) it covers. */
  medGroups: z.array(z.object({ group: groupId, area: departmentRef }).strict()).default([]),
  /** Members of these groups sit in Hovedudvalget. */
  hovedudvalgGroups: z.array(groupId).default([]),
  /** Members of these groups are tillidsrepræsentant of the department they work in. */
  trGroups: z.array(groupId).default([]),
  /** The job group: the job title, or the first listed group a person is in. */
  jobGroup: z.union([
    z.object({ from: z.literal('jobTitle') }).strict(),
    z.object({ from: z.literal('groups'), groups: z.array(z.object({ group: groupId, name: z.string().trim().min(1).max(100) }).strict()) }).strict(),
    z.object({ from: z.literal('none') }).strict(),
  ]).default({ from: 'jobTitle' }),
  /** Take HR's language for a person from Entra's preferredLanguage (da-DK → Danish, en-* → English). */
  languageFromEntra: z.boolean().default(true),
}).strict();
export type EntraMapping = z.infer<typeof entraMappingSchema>;

/** Every group the rules name. */
export function groupsOf(mapping: EntraMapping): string[] {
  return [...new Set([
    ...(mapping.scopeGroup ? [mapping.scopeGroup] : []),
    ...mapping.hrGroups, ...mapping.medGroups.map((m) => m.group), ...mapping.hovedudvalgGroups, ...mapping.trGroups,
    ...(mapping.jobGroup.from === 'groups' ? mapping.jobGroup.groups.map((g) => g.group) : []),
  ])];
}

/** A user as the sync keeps it between runs (the attributes the rules may read). */
export const directoryUserSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable().optional(),
  mail: z.string().nullable().optional(),
  userPrincipalName: z.string().nullable().optional(),
  department: z.string().nullable().optional(),
  jobTitle: z.string().nullable().optional(),
  officeLocation: z.string().nullable().optional(),
  companyName: z.string().nullable().optional(),
  preferredLanguage: z.string().nullable().optional(),
  accountEnabled: z.boolean().nullable().optional(),
  userType: z.string().nullable().optional(),
  managerId: z.string().optional(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

export interface SyncProblem {
  /** Who or what it is about (a person's name and id, a department, a group). */
  subject: string;
  message: LocalizedText;
}

export type MappingResult =
  | {
    ok: true;
    organisation: Organisation;
    /** Department names the directory uses, with the id each got (kept, so a renamed department keeps its id). */
    departmentIds: Record<string, string>;
    /** Users left out, and why (not in scope, disabled, guests, no department). */
    skipped: { outOfScope: number; disabled: number; guests: number; noDepartment: number };
  }
  | { ok: false; problems: SyncProblem[] };

const problem = (subject: string, da: string, en: string): SyncProblem => ({ subject, message: { da, en } });

/** A department id made from a name: lower case, Danish letters spelt out, other characters as '-'. */
export function departmentIdFromName(name: string): string {
  const slug = name.toLowerCase().replaceAll('æ', 'ae').replaceAll('ø', 'oe').replaceAll('å', 'aa')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 56);
  return slug || 'afdeling';
}

const languageOf = (preferred: string | null | undefined): Person['language'] =>
  !preferred ? undefined : /^en\b/i.test(preferred) ? 'en' : /^da\b/i.test(preferred) ? 'da' : undefined;

/** The first ring in the manager links among `users`, as ids on it, or undefined. */
export function findManagerCycle(managerOf: ReadonlyMap<string, string | undefined>): string[] | undefined {
  const done = new Set<string>();
  for (const start of managerOf.keys()) {
    const path: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !done.has(current)) {
      const at = path.indexOf(current);
      if (at >= 0) return path.slice(at);
      path.push(current);
      current = managerOf.get(current);
    }
    path.forEach((id) => done.add(id));
  }
  return undefined;
}

const mostCommon = (values: readonly string[]): string | undefined => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
};

/**
 * The organisation the directory describes under the rules. `previousIds` are the department ids
 * given to names by earlier runs: a name keeps its id, and a name whose people are all (or mostly)
 * the people of a department that is left with nobody is a rename and keeps that department's id.
 */
export function mapDirectory(
  users: readonly DirectoryUser[], members: ReadonlyMap<string, ReadonlySet<string>>, mapping: EntraMapping, previousIds: Readonly<Record<string, string>>,
  previousDepartmentOf: ReadonlyMap<string, string> = new Map(),
): MappingResult {
  const problems: SyncProblem[] = [];
  const inGroup = (group: string, userId: string) => members.get(group)?.has(userId) ?? false;
  for (const group of groupsOf(mapping)) {
    if (!members.has(group)) problems.push(problem(`group ${group}`, `Gruppen ${group} fra reglerne findes ikke i Entra ID.`, `The group ${group} in the rules does not exist in Entra ID.`));
  }
  const skipped = { outOfScope: 0, disabled: 0, guests: 0, noDepartment: 0 };
  const name = (u: DirectoryUser) => `${u.displayName?.trim() || '(uden navn)'} (${u.id})`;

  // Who is in: enabled members (not guests) in the scope group.
  const inScope = users.filter((u) => {
    if (mapping.scopeGroup && !inGroup(mapping.scopeGroup, u.id)) return skipped.outOfScope++, false;
    if (u.userType && u.userType.toLowerCase() === 'guest') return skipped.guests++, false;
    if (u.accountEnabled === false) return skipped.disabled++, false;
    return true;
  });
  const byId = new Map(inScope.map((u) => [u.id, u]));
  const managerOf = new Map(inScope.map((u) => [u.id, u.managerId && byId.has(u.managerId) ? u.managerId : undefined]));
  const ring = findManagerCycle(managerOf);
  if (ring) {
    const names = ring.map((id) => byId.get(id)?.displayName ?? id);
    problems.push(problem(`managers ${ring.join(', ')}`, `Lederne i Entra ID går i ring: ${[...names, names[0]].join(' → ')}. Ret lederfeltet for en af dem.`,
      `The managers in Entra ID go round in a ring: ${[...names, names[0]].join(' → ')}. Fix the manager of one of them.`));
  }
  const reports = new Map<string, string[]>();
  for (const [id, manager] of managerOf) if (manager) reports.set(manager, [...(reports.get(manager) ?? []), id]);

  // Each person's department (by name), its leaders and its parent.
  const departmentNameOf = new Map<string, string>();
  const idOfName = new Map<string, string>();
  const leadersOf = new Map<string, Set<string>>();
  const parentOf = new Map<string, string | undefined>();
  if (mapping.departments.from === 'attribute') {
    const attribute = mapping.departments.attribute;
    for (const u of inScope) {
      const value = u[attribute]?.trim();
      if (value) departmentNameOf.set(u.id, value);
      else skipped.noDepartment++;
    }
  } else if (!ring) {
    // A manager leads a unit; a person belongs to their manager's unit (the top of a tree to their own).
    const unitName = (leader: string) => byId.get(leader)!.department?.trim() || byId.get(leader)!.displayName?.trim() || leader;
    const leaders = [...reports.keys()];
    const nameOfLeader = new Map(leaders.map((l) => [l, unitName(l)]));
    // Two units with one name are told apart by their leader's name.
    const seen = new Map<string, number>();
    for (const l of leaders) seen.set(nameOfLeader.get(l)!, (seen.get(nameOfLeader.get(l)!) ?? 0) + 1);
    for (const l of leaders) if (seen.get(nameOfLeader.get(l)!)! > 1) nameOfLeader.set(l, `${nameOfLeader.get(l)} (${byId.get(l)!.displayName ?? l})`);
    for (const u of inScope) {
      const manager = managerOf.get(u.id);
      const unitLeader = manager ?? (reports.has(u.id) ? u.id : undefined);
      if (unitLeader) departmentNameOf.set(u.id, nameOfLeader.get(unitLeader)!);
      else skipped.noDepartment++;
    }
    for (const l of leaders) {
      const unit = nameOfLeader.get(l)!;
      leadersOf.set(unit, new Set([l]));
      const above = managerOf.get(l);
      parentOf.set(unit, above ? nameOfLeader.get(above) : undefined);
    }
  }

  const placed = inScope.filter((u) => departmentNameOf.has(u.id));
  const names = [...new Set(placed.map((u) => departmentNameOf.get(u.id)!))].sort((a, b) => a.localeCompare(b, 'da'));
  const peopleOfName = new Map<string, string[]>();
  for (const u of placed) peopleOfName.set(departmentNameOf.get(u.id)!, [...(peopleOfName.get(departmentNameOf.get(u.id)!) ?? []), u.id]);

  // Department ids: pinned by the rules, kept from earlier runs, a rename of a department left
  // empty, or made from the name (told apart by a number if two names make the same id).
  const pinned = mapping.departments.from === 'attribute' ? mapping.departments.ids : {};
  const taken = new Set<string>();
  const departmentIds: Record<string, string> = {};
  const assign = (n: string, id: string) => {
    idOfName.set(n, id);
    departmentIds[n] = id;
    taken.add(id);
  };
  for (const n of names) if (pinned[n]) assign(n, pinned[n]);
  for (const n of names) if (!idOfName.has(n) && previousIds[n] && !taken.has(previousIds[n])) assign(n, previousIds[n]);
  const stillUsed = new Set(idOfName.values());
  for (const n of names) {
    if (idOfName.has(n)) continue;
    const people = peopleOfName.get(n)!;
    const before = mostCommon(people.flatMap((id) => (previousDepartmentOf.has(id) ? [previousDepartmentOf.get(id)!] : [])));
    const cameFrom = before ? people.filter((id) => previousDepartmentOf.get(id) === before).length : 0;
    const emptied = before !== undefined && !stillUsed.has(before) && !taken.has(before);
    if (before && emptied && cameFrom * 2 > people.length) assign(n, before);
  }
  for (const n of names) {
    if (idOfName.has(n)) continue;
    const base = departmentIdFromName(n);
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
    assign(n, id);
  }

  if (mapping.departments.from === 'attribute') {
    // Leaders: the department's top people (whose manager is elsewhere) who manage people in it;
    // where none does, the managers above its top people (a leader filed under the parent).
    for (const n of names) {
      const inside = new Set(peopleOfName.get(n)!);
      const tops = [...inside].filter((id) => !inside.has(managerOf.get(id) ?? ''));
      const within = tops.filter((id) => (reports.get(id) ?? []).some((r) => inside.has(r)));
      const leaders = new Set(within.length ? within : tops.flatMap((id) => (managerOf.get(id) ? [managerOf.get(id)!] : [])));
      leadersOf.set(n, leaders);
      // The parent: where the leaders themselves belong (or their managers, for a leader inside).
      const above = [...leaders].flatMap((l) => {
        const own = departmentNameOf.get(l);
        if (own && own !== n) return [own];
        const m = managerOf.get(l);
        const theirs = m ? departmentNameOf.get(m) : undefined;
        return theirs && theirs !== n ? [theirs] : [];
      });
      parentOf.set(n, mostCommon(above));
    }
  }

  const departments: Department[] = names.map((n) => {
    const id = idOfName.get(n)!;
    const pinnedParent = mapping.departments.from === 'attribute' ? mapping.departments.parents[id] : undefined;
    const derived = parentOf.get(n);
    const parentId = pinnedParent ?? (derived ? idOfName.get(derived) : undefined);
    return { id, name: n.slice(0, 200), ...(parentId && parentId !== id ? { parentId } : {}) };
  });
  const knownIds = new Set(departments.map((d) => d.id));
  for (const d of departments) {
    if (d.parentId && !knownIds.has(d.parentId)) {
      problems.push(problem(`department ${d.id}`, `Overafdelingen "${d.parentId}" for ${d.name} findes ikke blandt afdelingerne.`, `The parent "${d.parentId}" of ${d.name} is not among the departments.`));
    }
  }
  const departmentCycle = findParentCycle(departments);
  if (departmentCycle) {
    problems.push(problem(`departments ${departmentCycle.join(', ')}`, `Afdelingerne er hinandens overafdelinger i ring: ${departmentCycle.join(' → ')}. Ret lederne i Entra ID, eller fastlæg overafdelingerne i reglerne.`,
      `The departments are each other's parents in a ring: ${departmentCycle.join(' → ')}. Fix the managers in Entra ID, or pin the parents in the rules.`));
  }

  // An area given by name or id.
  const areaId = (ref: string) => (knownIds.has(ref) ? ref : idOfName.get(ref));
  const medAreas = new Map<string, string[]>();
  for (const { group, area } of mapping.medGroups) {
    const id = areaId(area);
    if (!id) {
      problems.push(problem(`MED group ${group}`, `MED-udvalgets område "${area}" er ikke en afdeling.`, `The MED committee's area "${area}" is not a department.`));
      continue;
    }
    for (const userId of members.get(group) ?? []) medAreas.set(userId, [...new Set([...(medAreas.get(userId) ?? []), id])]);
  }

  const people: Person[] = [];
  for (const u of placed) {
    const departmentId = idOfName.get(departmentNameOf.get(u.id)!)!;
    const jobGroup = mapping.jobGroup.from === 'jobTitle'
      ? u.jobTitle?.trim() || undefined
      : mapping.jobGroup.from === 'groups' ? mapping.jobGroup.groups.find((g) => inGroup(g.group, u.id))?.name : undefined;
    const language = mapping.languageFromEntra ? languageOf(u.preferredLanguage) : undefined;
    const candidate = {
      id: u.id,
      name: u.displayName?.trim() ?? '',
      email: (u.mail?.trim() || u.userPrincipalName?.trim()) ?? '',
      departmentId,
      ...(jobGroup ? { jobGroup: jobGroup.slice(0, 100) } : {}),
      leaderOf: names.filter((n) => leadersOf.get(n)?.has(u.id)).map((n) => idOfName.get(n)!),
      hrAdmin: mapping.hrGroups.some((g) => inGroup(g, u.id)),
      medAreas: medAreas.get(u.id) ?? [],
      hovedudvalg: mapping.hovedudvalgGroups.some((g) => inGroup(g, u.id)),
      trFor: mapping.trGroups.some((g) => inGroup(g, u.id)) ? [departmentId] : [],
      ...(language ? { language } : {}),
      active: true,
    };
    const checked = personSchema.safeParse(candidate);
    if (!checked.success) {
      const fields = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      problems.push(problem(name(u), `${name(u)} kan ikke bruges: ${fields}.`, `${name(u)} cannot be used: ${fields}.`));
      continue;
    }
    people.push(checked.data);
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, organisation: { departments, people }, departmentIds, skipped };
}
