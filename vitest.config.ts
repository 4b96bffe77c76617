import { defineConfig } from 'vitest/config';

// Three projects, one command (`npm test`):
// - unit: pure functions, no I/O;
// - integration: real Azurite (started by tests/support/azuriteSetup.ts on a free port) and the
//   real bot adapter;
// - e2e: Azurite + the bot + the Microsoft 365 Agents Playground + headless Chromium.
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/azuriteSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/azuriteSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
