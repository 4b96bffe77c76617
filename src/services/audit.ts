import { assertAllowed } from '../domain/authorization';
import type { Person } from '../domain/org';
import type { Repositories } from '../storage';
import type { AuditEntry, AuditKind } from '../storage/auditRepository';
import { subjectOf } from './department';
import type { Member } from './identity';

/**
 * The record of who saw whose personal data (GDPR). Every service that shows other people's data
 * calls `recordReads` BEFORE it returns the data, once per view with everyone the view shows: if
 * the entry cannot be written, the read fails with it (privacy first — an unrecorded read is
 * never shown). Reading one's own data is not recorded.
 */
export async function recordReads(repos: Repositories, reader: Member, subjectIds: readonly string[], kind: AuditKind, detail = ''): Promise<void> {
  const readerId = reader.person.id.toLowerCase();
  const others = [...new Set(subjectIds.map((id) => id.toLowerCase()))].filter((id) => id !== readerId);
  if (others.length) await repos.audit.record({ readerId, subjectIds: others, kind, detail: detail.slice(0, 200) });
}

/** The people a search names: an exact id or e-mail, else those whose name contains it. */
export async function findPeople(repos: Repositories, query: string): Promise<Person[]> {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const people = await repos.org.listPeople();
  const exact = people.filter((p) => p.id.toLowerCase() === q || (p.email ?? '').toLowerCase() === q);
  if (exact.length) return exact;
  return people.filter((p) => p.name.toLowerCase().includes(q)).sort((a, b) => a.name.localeCompare(b.name, 'da'));
}

export interface AuditView {
  /** The person filtered on (undefined: everyone). */
  person?: Person;
  /** More than one person matched the filter: the log of none of them is shown. */
  ambiguous: Person[];
  /**
   * Newest first, with names: the reader, and of the people read the first `namesShown` (the
   * person filtered on first), with how many there were in all.
   */
  entries: Array<AuditEntry & { readerName: string; subjectNames: string[] }>;
}

/** Names shown per entry on HR's card (an entry of a large department names hundreds). */
export const namesShown = 10;

/** HR's view of the audit log: the newest entries, or the newest about one person; of one kind of read, or all. */
export async function auditLog(repos: Repositories, member: Member, filter: string | undefined, kind?: AuditKind, take = 50): Promise<AuditView> {
  assertAllowed(await subjectOf(repos, member), { action: 'view-audit-log' });
  let person: Person | undefined;
  let entries: AuditEntry[];
  let first: string | undefined;
  if (filter?.trim()) {
    const matches = await findPeople(repos, filter);
    // An erased person is found by their pseudonym only.
    if (matches.length > 1) return { ambiguous: matches.slice(0, 10), entries: [] };
    person = matches[0];
    first = (person?.id ?? filter.trim()).toLowerCase();
    entries = await repos.audit.forSubject(first, take, kind);
  } else {
    entries = await repos.audit.latest(take, kind);
  }
  const shown = entries.map((entry) => ({
    entry,
    subjects: [...(first && entry.subjectIds.includes(first) ? [first] : []), ...entry.subjectIds.filter((id) => id !== first)].slice(0, namesShown),
  }));
  const ids = [...new Set(shown.flatMap(({ entry, subjects }) => [entry.readerId, ...subjects]))];
  // A department's figures or plan (MED, TR) are recorded under the department, not a person.
  const lookUp = async (id: string) =>
    id.startsWith('department:') ? (await repos.org.getDepartment(id.slice('department:'.length)))?.name ?? id : (await repos.org.getPerson(id))?.name ?? id;
  const names = new Map(await Promise.all(ids.map(async (id) => [id, await lookUp(id)] as const)));
  return {
    ...(person ? { person } : {}),
    ambiguous: [],
    entries: shown.map(({ entry, subjects }) => ({ ...entry, readerName: names.get(entry.readerId)!, subjectNames: subjects.map((id) => names.get(id)!) })),
  };
}
