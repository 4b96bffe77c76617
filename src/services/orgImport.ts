import { type ImportProblem, parseOrganisationCsv } from '../domain/orgImport';
import type { Repositories } from '../storage';
import type { ImportSummary } from '../storage/orgRepository';

export type OrgFileImport = { ok: true; summary: ImportSummary } | { ok: false; problems: ImportProblem[] };

/**
 * Imports an organisation file: all or nothing. The whole file is validated before the first
 * write; a file with any problem writes nothing and returns every problem with its line.
 */
export async function importOrganisationFile(repos: Repositories, text: string, options: { partial?: boolean } = {}): Promise<OrgFileImport> {
  const parsed = parseOrganisationCsv(text);
  if (!parsed.ok) return parsed;
  return { ok: true, summary: await repos.org.importOrganisation(parsed.organisation, options) };
}
