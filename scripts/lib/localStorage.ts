import path from 'node:path';
import { loadConfig, type AppConfig, type StorageConfig } from '../../src/config';
import { projectRoot } from '../../src/paths';
import { azuriteConnectionString } from '../../src/storage/client';
import { startAzurite } from './processes';

/** Where `npm start` keeps its Azurite data, and the port it serves it on. */
export const localAzuriteDir = path.join(projectRoot, '.local/azurite');
export const localAzuritePort = Number(process.env.LOCAL_AZURITE_PORT ?? 10002);

async function reachable(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/devstoreaccount1/Tables`, { signal: AbortSignal.timeout(1500) });
    return true;
  } catch {
    return false;
  }
}

/**
 * The storage a command-line script should use: the configured one, or else the local Azurite of
 * `npm start` (started for the duration of the script if it is not running).
 */
export async function storageForScript(): Promise<{ config: AppConfig; storage: StorageConfig; release(): Promise<void> }> {
  const config = loadConfig({ APP_ENV: 'local', ...process.env });
  if (config.storage) return { config, storage: config.storage, release: async () => {} };
  if (await reachable(localAzuritePort)) {
    return { config, storage: { kind: 'connectionString', connectionString: azuriteConnectionString(localAzuritePort) }, release: async () => {} };
  }
  const azurite = await startAzurite({ port: localAzuritePort, location: localAzuriteDir });
  return { config, storage: { kind: 'connectionString', connectionString: azurite.connectionString }, release: azurite.stop };
}

/** Runs `work` with the storage a script should use, released at the end whatever happens. */
export async function withScriptStorage<T>(work: (config: AppConfig, storage: StorageConfig) => Promise<T>): Promise<T> {
  const { config, storage, release } = await storageForScript();
  try {
    return await work(config, storage);
  } finally {
    await release();
  }
}

/** Runs a script's main and exits with its code; an error is said in one line (exit code 1). */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
