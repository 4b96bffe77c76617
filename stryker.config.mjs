// @ts-check
// Mutation testing (StrykerJS) of the modules that carry a promise in SECURITY.md: run with
// `npm run mutate` (scripts/mutate.ts), one module at a time, each against the tests that prove
// its promise (the list is in scripts/mutationModules.ts). Not part of `npm test`.
// scripts/mutate.ts sets MUTATION_MUTATE (what to mutate), MUTATION_TESTS (the test files, read by
// vitest.mutation.config.ts) and MUTATION_REPORT (where the JSON report goes).
const mutate = (process.env.MUTATION_MUTATE ?? '').split(',').filter(Boolean);
const report = process.env.MUTATION_REPORT ?? 'reports/mutation/report';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate,
  // perTest: each mutant runs only the tests that reach it. A module whose tests build the bot in
  // a beforeAll hook (integration tests) asks for 'all' (scripts/mutationModules.ts): code run in
  // hooks is reached by no test in particular.
  coverageAnalysis: process.env.MUTATION_COVERAGE ?? 'perTest',
  ignoreStatic: (process.env.MUTATION_COVERAGE ?? 'perTest') === 'perTest',
  // Two cores, shared: one test runner at a time.
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  // Added to each test's own time: a mutant that loops forever costs this much, once.
  timeoutMS: Number(process.env.MUTATION_TIMEOUT_MS ?? 10_000),
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `${report}.json` },
  htmlReporter: { fileName: `${report}.html` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  // TypeScript 7 has no compiler API for Stryker's tsconfig rewriting, and the sandbox needs none
  // (vitest runs the sources through esbuild): point it at no file.
  tsconfigFile: 'no-tsconfig-for-stryker.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['.local', 'reports', 'dist', 'coverage', 'bench/results', '.azurite', 'devTools'],
  thresholds: { high: 90, low: 80, break: null },
};
