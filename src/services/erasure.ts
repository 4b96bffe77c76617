import { randomBytes } from 'node:crypto';
import { assertAllowed } from '../domain/authorization';
import { InvalidInputError, NotFoundError } from '../domain/errors';
import type { Person } from '../domain/org';
import { texts } from '../domain/texts';
import type { Repositories } from '../storage';
import type { ErasureCounts, ErasureTarget } from '../storage/erasure';
import { findPeople, recordReads } from './audit';
import { subjectOf } from './department';
import type { Member } from './identity';

/**
 * Erasure on request (GDPR art. 17), by HR in chat: find the person, see what will be erased
 * (counts per kind), confirm. The erasure's id is made when the confirmation is shown and
 * carried by its button, so a second click (or a replayed one) continues the same erasure.
 * The storage side (what is deleted, what is redacted, resuming) is in src/storage/erasure.ts.
 */
export function newErasureId(): string {
  return randomBytes(8).toString('hex');
}

const pseudonymOf = (erasureId: string) => `slettet-${erasureId}`;

/** What finds the person in stored rows: their id, e-mail, name and personal chat (erasure, and their own data export). */
export async function identifiersOf(repos: Repositories, person: Person): Promise<Omit<ErasureTarget, 'pseudonym'>> {
  const conversation = await repos.conversations.get('user', person.id);
  const conversationId = conversation?.reference.conversation.id;
  return {
    personId: person.id.toLowerCase(),
    ...(person.email ? { email: person.email.toLowerCase() } : {}),
    name: person.name,
    conversationIds: conversationId ? [conversationId] : [],
  };
}

async function targetOf(repos: Repositories, person: Person, erasureId: string): Promise<ErasureTarget> {
  return { ...(await identifiersOf(repos, person)), pseudonym: pseudonymOf(erasureId) };
}

async function personToErase(repos: Repositories, member: Member, personId: string): Promise<Person> {
  assertAllowed(await subjectOf(repos, member), { action: 'erase-person' });
  if (personId.toLowerCase() === member.person.id.toLowerCase()) {
    throw new InvalidInputError([texts.eraseNotSelf]);
  }
  const person = await repos.org.getPerson(personId);
  if (!person) throw new NotFoundError(`person ${personId}`);
  return person;
}

/** HR searches for the person to erase (active or not). */
export async function searchPeopleToErase(repos: Repositories, member: Member, query: string): Promise<Person[]> {
  assertAllowed(await subjectOf(repos, member), { action: 'erase-person' });
  return (await findPeople(repos, query)).slice(0, 10);
}

/** What erasing the person would delete and change, per table; nothing is changed. */
export async function previewErasure(repos: Repositories, member: Member, personId: string): Promise<{ person: Person; counts: ErasureCounts; erasureId: string }> {
  const person = await personToErase(repos, member, personId);
  const erasureId = newErasureId();
  return { person, counts: await repos.erasure.preview(await targetOf(repos, person, erasureId)), erasureId };
}

/**
 * Erases the person: the request is recorded first, then every row is deleted or redacted, and
 * the erasure is written to the audit log under the pseudonym. Running it again with the same
 * erasure id (a second click, or after a crash) finishes what is left.
 */
export async function erasePerson(repos: Repositories, member: Member, personId: string, erasureId: string): Promise<{ name: string; counts: ErasureCounts }> {
  if (!/^[0-9a-f]{16}$/.test(erasureId)) throw new InvalidInputError([{ da: 'Ugyldig sletning.', en: 'Invalid erasure.' }]);
  const existing = await repos.erasure.getRequest(erasureId);
  if (existing) {
    assertAllowed(await subjectOf(repos, member), { action: 'erase-person' });
    if (existing.state === 'pending' && existing.personId !== personId.toLowerCase()) throw new InvalidInputError([{ da: 'Ugyldig sletning.', en: 'Invalid erasure.' }]);
    const counts = await repos.erasure.erase(erasureId);
    return { name: existing.pseudonym, counts };
  }
  const person = await personToErase(repos, member, personId);
  await repos.erasure.createRequest(erasureId, await targetOf(repos, person, erasureId), member.person.id);
  const counts = await repos.erasure.erase(erasureId);
  await recordReads(repos, member, [pseudonymOf(erasureId)], 'erasure');
  return { name: person.name, counts };
}
