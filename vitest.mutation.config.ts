import { defineConfig } from 'vitest/config';

// The tests a mutation run uses (scripts/mutate.ts names them per module in MUTATION_TESTS):
// unit tests alone, or with Azurite for integration tests, as in vitest.config.ts.
const tests = (process.env.MUTATION_TESTS ?? '').split(',').filter(Boolean);
const integration = tests.some((t) => t.startsWith('tests/integration/'));

export default defineConfig({
  test: {
    include: tests,
    environment: 'node',
    ...(integration ? { globalSetup: ['tests/support/azuriteSetup.ts'] } : {}),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
