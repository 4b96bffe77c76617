import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../../src/paths';
import { importOrganisationFile } from '../../src/services/orgImport';
import type { Repositories } from '../../src/storage';
import type { ImportSummary } from '../../src/storage/orgRepository';

export const demoOrganisationFile = path.join(projectRoot, 'data/demo/organisation.csv');

/** Loads the demo municipality; fails loudly if the shipped demo file ever stops validating. */
export async function seedDemo(repos: Repositories): Promise<ImportSummary> {
  const result = await importOrganisationFile(repos, await readFile(demoOrganisationFile, 'utf8'));
  if (!result.ok) {
    throw new Error(`The demo file is invalid:\n${result.problems.map((p) => `  line ${p.line}: ${p.message.en}`).join('\n')}`);
  }
  return result.summary;
}
