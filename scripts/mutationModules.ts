/**
 * The modules whose promises (SECURITY.md) mutation testing checks, each with the tests that
 * prove them: `npm run mutate` mutates one module at a time and runs only its tests against each
 * mutant. To add a module, add a line. `mutate` may name a line range (`file:from-to`) where only
 * part of a file carries the promise.
 */
export interface MutationModule {
  /** Short name for the command line and the report. */
  name: string;
  /** What to mutate: files or `file:from-to` ranges, separated by commas. */
  mutate: string;
  tests: string[];
  /** Extra environment for its tests (e.g. fewer fast-check runs per mutant). */
  env?: Record<string, string>;
}

/** Every test of the module for every mutant (its tests set the bot up in hooks: see stryker.config.mjs). */
const all = { MUTATION_COVERAGE: 'all' };

export const mutationModules: MutationModule[] = [
  { name: 'authorization', mutate: 'src/domain/authorization.ts', tests: ['tests/unit/authorization.test.ts'] },
  { name: 'export-links', mutate: 'src/domain/exportLink.ts', tests: ['tests/unit/exports.test.ts'] },
  // How rows are chosen, deleted and redacted (the request journal's lines aside).
  { name: 'erasure', mutate: 'src/storage/erasure.ts:67-119,src/storage/erasure.ts:205-286', tests: ['tests/integration/erasure.test.ts', 'tests/integration/erasureExact.test.ts', 'tests/integration/erasureLookalikes.test.ts'], env: { FUZZ_RUNS: '3', ...all } },
  { name: 'person-match', mutate: 'src/storage/personMatch.ts', tests: ['tests/unit/personMatch.test.ts'] },
  { name: 'retention', mutate: 'src/storage/retention.ts', tests: ['tests/integration/retention.test.ts', 'tests/integration/retentionRules.test.ts'], env: all },
  { name: 'tenants', mutate: 'src/bot/turn.ts:87-93', tests: ['tests/unit/tenants.test.ts', 'tests/integration/authentication.test.ts'], env: all },
  { name: 'tokens', mutate: 'src/bot/app.ts:55-100', tests: ['tests/integration/authentication.test.ts'], env: all },
  { name: 'redelivery', mutate: 'src/bot/redelivery.ts', tests: ['tests/integration/redelivery.test.ts'], env: all },
  { name: 'local-guard', mutate: 'src/localGuard.ts', tests: ['tests/unit/localGuard.test.ts'] },
  { name: 'plain-text', mutate: 'src/bot/plainText.ts', tests: ['tests/unit/plainTextCards.test.ts'] },
  // The CSV writer and its neutralisation (the XLSX writer's layout carries no promise; its text
  // cells are exceljs's, tested in tests/unit/exportFiles.test.ts).
  // Released figures: every rule of a release (the history property runs fewer cases per mutant).
  { name: 'releases', mutate: 'src/domain/releases.ts', tests: ['tests/unit/releases.test.ts'], env: { PROPERTY_RUNS: '150' } },
  { name: 'anonymity', mutate: 'src/domain/gaps.ts', tests: ['tests/unit/gaps.test.ts', 'tests/unit/releases.test.ts'], env: { PROPERTY_RUNS: '60' } },
  { name: 'spreadsheets', mutate: 'src/export/files.ts:7-39', tests: ['tests/unit/exportFiles.test.ts', 'tests/unit/exports.test.ts'] },
];
