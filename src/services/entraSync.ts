import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  type DirectoryUser, directoryUserSchema, type EntraMapping, entraMappingSchema, groupsOf, mapDirectory, type SyncProblem,
} from '../domain/entraMapping';
import { GraphError, type GraphClient } from '../graph/graphClient';
import type { Repositories } from '../storage';
import type { ImportSummary } from '../storage/orgRepository';

/**
 * The organisation from Entra ID: users (name, mail, department, job title, manager, enabled,
 * language) through Microsoft Graph's delta query — every user the first time, then only the
 * changes since the last imported round — and the members of the groups the mapping rules name.
 * The users are kept between runs (src/storage/directoryRepository.ts), the whole directory is
 * mapped by the rules (src/domain/entraMapping.ts) and written by the CSV import's own writer
 * (OrgRepository.importOrganisation): all or nothing, people's own choices kept, leavers (and
 * disabled accounts) deactivated, never deleted. A refused run writes nothing and keeps the old
 * delta link, so its changes come again at the next run.
 */

/** The attributes read; `manager` comes back as `manager@delta`. */
const selected = ['displayName', 'mail', 'userPrincipalName', 'department', 'jobTitle', 'officeLocation', 'companyName', 'preferredLanguage', 'accountEnabled', 'userType', 'manager'];
export const usersDeltaPath = `/users/delta?$select=${selected.join(',')}`;

const deltaItemSchema = directoryUserSchema.omit({ managerId: true }).extend({
  id: z.string().trim().toLowerCase().regex(/^[0-9a-f-]{36}$/, 'must be an object id'),
  '@removed': z.object({ reason: z.string() }).passthrough().optional(),
  'manager@delta': z.array(z.object({ id: z.string(), '@removed': z.unknown().optional() }).passthrough()).optional(),
}).passthrough();
type DeltaItem = z.infer<typeof deltaItemSchema>;

const memberSchema = z.object({ '@odata.type': z.string().optional(), id: z.string() }).passthrough();

export type SyncReport =
  | { outcome: 'imported'; full: boolean; changes: number; summary: ImportSummary; skipped: { outOfScope: number; disabled: number; guests: number; noDepartment: number } }
  | { outcome: 'refused'; full: boolean; problems: SyncProblem[]; problemsKey: string; newProblems: boolean }
  | { outcome: 'busy' };

/** Reads and checks the mapping rules; every problem is listed with its JSON path. */
export async function loadEntraMapping(file: string): Promise<EntraMapping> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`The Entra ID mapping rules in ${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = entraMappingSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`The Entra ID mapping rules in ${file} are wrong:\n${parsed.error.issues.map((i) => `- ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

/** A user after a delta item: its attributes as Graph gave them, the manager kept unless `manager@delta` says. */
function merged(previous: DirectoryUser | undefined, item: DeltaItem): DirectoryUser {
  const { '@removed': _removed, 'manager@delta': managers, ...fields } = item;
  const managerId = managers === undefined ? previous?.managerId : managers.filter((m) => m['@removed'] === undefined).at(-1)?.id.toLowerCase();
  const user = directoryUserSchema.parse({ ...fields, id: item.id });
  return { ...user, ...(managerId ? { managerId } : {}) };
}

interface SyncDeps {
  repos: Repositories;
  graph: GraphClient;
  mapping: EntraMapping;
  now: () => Date;
  /** Names this run in the lock (another run meanwhile answers 'busy'). */
  owner: string;
}

const lockMs = 15 * 60_000;

export async function syncFromEntra(deps: SyncDeps): Promise<SyncReport> {
  const { repos, now } = deps;
  if (!(await repos.directory.lock(deps.owner, now(), new Date(now().getTime() + lockMs)))) return { outcome: 'busy' };
  try {
    return await run(deps);
  } catch (error) {
    await repos.directory.updateState((s) => ({ ...s, lastRunAt: now().toISOString(), lastOutcome: 'failed', lastDetail: (error instanceof Error ? error.message : String(error)).slice(0, 4000) }));
    throw error;
  } finally {
    await repos.directory.unlock(deps.owner);
  }
}

async function run({ repos, graph, mapping, now, owner }: SyncDeps): Promise<SyncReport> {
  const state = await repos.directory.state();
  const before = await repos.directory.loadUsers();
  const renewLock = () => repos.directory.lock(owner, now(), new Date(now().getTime() + lockMs));

  // The users: changes since the last imported round, or everyone (first run, or Graph lost the round: 410).
  let full = !state.deltaLink;
  let items: DeltaItem[] = [];
  let deltaLink: string | undefined;
  const read = async (from: string) => {
    items = [];
    for await (const page of graph.pages(from, deltaItemSchema)) {
      items.push(...page.items);
      deltaLink = page.deltaLink;
      await renewLock();
    }
  };
  try {
    await read(state.deltaLink ?? usersDeltaPath);
  } catch (error) {
    if (!(error instanceof GraphError && error.status === 410) || full) throw error;
    full = true;
    await read(usersDeltaPath);
  }
  if (!deltaLink) throw new Error('Microsoft Graph ended the delta round without a delta link');

  const after = new Map(full ? [] : before);
  for (const item of items) {
    if (item['@removed']) after.delete(item.id);
    else after.set(item.id, merged(full ? undefined : after.get(item.id), item));
  }

  // The groups the rules name, with everyone in them (nested groups included).
  const members = new Map<string, Set<string>>();
  for (const group of groupsOf(mapping)) {
    try {
      const ids = new Set<string>();
      for await (const page of graph.pages(`/groups/${encodeURIComponent(group)}/transitiveMembers?$select=id`, memberSchema)) {
        for (const m of page.items) if (!m['@odata.type'] || m['@odata.type'] === '#microsoft.graph.user') ids.add(m.id.toLowerCase());
      }
      members.set(group, ids);
    } catch (error) {
      if (!(error instanceof GraphError && error.status === 404)) throw error;
    }
  }

  const previousDepartmentOf = new Map((await repos.org.listPeople()).filter((p) => p.active).map((p) => [p.id, p.departmentId]));
  const mapped = mapDirectory([...after.values()], members, mapping, state.departmentIds, previousDepartmentOf);
  const at = now().toISOString();
  if (!mapped.ok) {
    const problemsKey = createHash('sha256').update(JSON.stringify(mapped.problems.map((p) => [p.subject, p.message.en]).sort())).digest('hex').slice(0, 32);
    await repos.directory.updateState((s) => ({
      ...s, lastRunAt: at, lastOutcome: 'refused', lastDetail: mapped.problems.map((p) => p.message.en).join('\n').slice(0, 4000), problemsKey,
    }));
    return { outcome: 'refused', full, problems: mapped.problems, problemsKey, newProblems: state.problemsKey !== problemsKey };
  }

  const summary = await repos.org.importOrganisation(mapped.organisation);
  const changed = [...after.values()].filter((u) => JSON.stringify(u) !== JSON.stringify(before.get(u.id)));
  const removed = [...before.keys()].filter((id) => !after.has(id));
  await repos.directory.applyChanges(changed, removed);
  // Last: the delta link. A run cut off before this point is repeated from the old one.
  await repos.directory.updateState((s) => {
    const { problemsKey: _told, ...rest } = s;
    return {
      ...rest, deltaLink, departmentIds: { ...s.departmentIds, ...mapped.departmentIds }, lastRunAt: at, lastOutcome: 'imported',
      lastDetail: `${summary.people} people, ${summary.departments} departments, ${summary.deactivated} deactivated`,
    };
  });
  return { outcome: 'imported', full, changes: items.length, summary, skipped: mapped.skipped };
}
