import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { StorageConfig } from '../../src/config';
import { openStorage, type Repositories } from '../../src/storage';

export function testStorageConfig(): StorageConfig {
  return { kind: 'connectionString', connectionString: inject('storageConnectionString') };
}

/** A fresh table prefix, so each test file has tables of its own in the shared Azurite. */
export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export async function testRepositories(now?: () => Date): Promise<Repositories & { prefix: string }> {
  const prefix = uniquePrefix();
  const repos = await openStorage(testStorageConfig(), prefix, now);
  return { ...repos, prefix };
}
