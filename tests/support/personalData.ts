import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { demoOrganisationFile } from '../../scripts/lib/demo';

/** The demo municipality's people (data/demo/organisation.csv): id, name and e-mail address. */
export function demoPeople(): Array<{ id: string; name: string; email: string }> {
  const rows = parse(readFileSync(demoOrganisationFile, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  return rows.filter((row) => row.type === 'person').map((row) => ({ id: row.id!, name: row.name!, email: row.email! }));
}

/**
 * The personal data found in a text (telemetry as it would leave the process): any demo person's
 * id, full name, first or last name (3+ letters), e-mail address, any of `typed`, and anything
 * shaped like an Entra id, an e-mail address or a Teams conversation or user id.
 */
export function personalDataIn(text: string, typed: readonly string[]): string[] {
  const haystack = text.toLowerCase();
  const known = [
    ...demoPeople().flatMap((person) => [person.id, person.name, person.email, ...person.name.split(' ').filter((part) => part.length >= 3)]),
    ...typed,
  ].filter((value) => value && haystack.includes(value.toLowerCase()));
  const shapes = [
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/,
    /[a-z0-9._-]+@[a-z0-9-]+\.[a-z]{2,}/,
    /\b(29|a|19):[a-z0-9_-]+/,
  ].flatMap((shape) => shape.exec(haystack)?.[0] ?? []);
  return [...known, ...shapes];
}
