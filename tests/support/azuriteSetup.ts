import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../scripts/lib/processes';

declare module 'vitest' {
  export interface ProvidedContext {
    storageConnectionString: string;
  }
}

/**
 * Integration and e2e tests run against a real Azurite table service: the one named by
 * STORAGE_CONNECTION_STRING if set, else one started here on a free port, in memory.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configured = process.env.STORAGE_CONNECTION_STRING;
  if (configured) {
    project.provide('storageConnectionString', configured);
    return async () => {};
  }
  const azurite = await startAzurite();
  project.provide('storageConnectionString', azurite.connectionString);
  return () => azurite.stop();
}
