import { z } from 'zod';
import { jobKind } from '../../src/jobs/kinds';
import { createScheduler } from '../../src/jobs/scheduler';
import { createLogger } from '../../src/logger';
import { openStorage } from '../../src/storage';

/**
 * One scheduler instance as its own process, for the two-process claim race: runs everything due
 * at NOW in the tables of TABLE_PREFIX and prints one line "SENT <id>" per item it sent.
 */
const recordingKind = 'test-record';

async function main(): Promise<void> {
  const env = z.object({ STORAGE_CONNECTION_STRING: z.string(), TABLE_PREFIX: z.string(), NOW: z.string(), OWNER: z.string() }).parse(process.env);
  const repos = await openStorage({ kind: 'connectionString', connectionString: env.STORAGE_CONNECTION_STRING }, env.TABLE_PREFIX);
  const scheduler = createScheduler({
    schedule: repos.schedule,
    logger: createLogger('silent'),
    owner: env.OWNER,
    concurrency: 4,
    kinds: [
      jobKind({
        kind: recordingKind,
        payload: z.object({}).passthrough(),
        async run(_payload, context) {
          await context.beginSend();
          process.stdout.write(`SENT ${context.id}\n`);
          return { state: 'sent' };
        },
      }),
    ],
  });
  await scheduler.runDue(new Date(env.NOW));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
