import { type Locale, resolveLocale } from '../domain/i18n';
import { type Department, type Person, type Role, rolesOf } from '../domain/org';
import { NotRegisteredError } from '../domain/errors';
import type { Repositories } from '../storage';

/** Who is acting in this turn, as the bot knows them. */
export interface Member {
  person: Person;
  department: Department | undefined;
  /** The departments the person leads, with names. */
  leads: Department[];
  roles: Role[];
  locale: Locale;
  /** No install event said their language: the welcome waits for their first message. */
  welcomePending: boolean;
}

/** The language to use for someone who may not be registered (no person row). */
export async function localeForUser(repos: Repositories, userId: string | undefined, teamsLocale: string | undefined): Promise<Locale> {
  if (!userId) return resolveLocale({ teamsLocale });
  const [person, preferences] = await Promise.all([repos.org.getPerson(userId), repos.preferences.get(userId)]);
  return resolveLocale({ choice: preferences?.language, hr: person?.language, teamsLocale });
}

/**
 * The registered, active person behind an Entra object id, with their department and roles.
 * Throws NotRegisteredError for anyone HR has not imported (or who has left).
 */
export async function requireMember(repos: Repositories, userId: string | undefined, teamsLocale: string | undefined): Promise<Member> {
  if (!userId) throw new NotRegisteredError('(no Entra object id on the activity)');
  const [person, preferences] = await Promise.all([repos.org.getPerson(userId), repos.preferences.get(userId)]);
  if (!person || !person.active) throw new NotRegisteredError(userId);
  const [department, ...leads] = await Promise.all([
    repos.org.getDepartment(person.departmentId),
    ...person.leaderOf.map((id) => repos.org.getDepartment(id)),
  ]);
  return {
    person,
    department,
    leads: leads.filter((d): d is Department => d !== undefined),
    roles: rolesOf(person),
    locale: resolveLocale({ choice: preferences?.language, hr: person.language, teamsLocale }),
    welcomePending: preferences?.welcomePending ?? false,
  };
}
