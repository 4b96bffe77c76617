import { assertAllowed } from '../domain/authorization';
import type { Person } from '../domain/org';
import type { Repositories } from '../storage';
import type { AuditEntry, AuditKind } from '../storage/auditRepository';
import { subjectOf } from './department';
import type { Member } from './identity';

/**
 * The record of who saw whose personal data (GDPR). Every service that shows one person's data
 * to another calls `recordReads` BEFORE it returns the data: if the entry cannot be written,
 * the read fails with it (privacy first — an unrecorded read is never shown). Reading one's own
 * data is not recorded.
 */
export async function recordReads(repos: Repositories, reader: Member, subjectIds: readonly string[], kind: AuditKind, detail = ''): Promise<void> {
  const readerId = reader.person.id.toLowerCase();
  const others = [...new Set(subjectIds.map((id) => id.toLowerCase()))].filter((id) => id !== readerId);
  await repos.audit.record(others.map((subjectId) => ({ readerId, subjectId, kind, detail: detail.slice(0, 200) })));
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
  entries: Array<AuditEntry & { readerName: string; subjectName: string }>;
}

/** HR's view of the audit log: the newest entries, or the newest about one person. */
export async function auditLog(repos: Repositories, member: Member, filter: string | undefined, take = 50): Promise<AuditView> {
  assertAllowed(await subjectOf(repos, member), { action: 'view-audit-log' });
  let person: Person | undefined;
  let entries: AuditEntry[];
  if (filter?.trim()) {
    const matches = await findPeople(repos, filter);
    // An erased person is found by their pseudonym only.
    if (matches.length > 1) return { ambiguous: matches.slice(0, 10), entries: [] };
    person = matches[0];
    entries = await repos.audit.forSubject(person?.id ?? filter.trim(), take);
  } else {
    entries = await repos.audit.latest(take);
  }
  const names = new Map<string, string>();
  // A department's figures or plan (MED, TR) are recorded under the department, not a person.
  const lookUp = async (id: string) =>
    id.startsWith('department:') ? (await repos.org.getDepartment(id.slice('department:'.length)))?.name ?? id : (await repos.org.getPerson(id))?.name ?? id;
  const nameOf = async (id: string) => {
    if (!names.has(id)) names.set(id, await lookUp(id));
    return names.get(id)!;
  };
  const named = [];
  for (const entry of entries) named.push({ ...entry, readerName: await nameOf(entry.readerId), subjectName: await nameOf(entry.subjectId) });
  return { ...(person ? { person } : {}), ambiguous: [], entries: named };
}
