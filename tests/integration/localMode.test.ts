import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBot } from '../../scripts/lib/processes';
import { demo } from '../support/botHarness';
import { postActivity, startConnectorStub, teamsActivities } from '../support/connectorStub';
import { seededForProcess } from '../support/httpBot';
import type { testRepositories } from '../support/storage';

// Local mode is anonymous (anyone who reaches it can claim to be anyone), so it stays on the
// laptop: the real process refuses to start listening beyond loopback or with storage that is not
// on loopback, unless LOCAL_ALLOW_NETWORK=true (then it warns at every start), and it answers
// only activities whose replies go back to this machine.

let connector: Awaited<ReturnType<typeof startConnectorStub>>;
let repos: Awaited<ReturnType<typeof testRepositories>>;
let env: Record<string, string>;

beforeAll(async () => {
  ({ connector, repos, env } = await seededForProcess(inject('storageConnectionString')));
}, 120_000);
afterAll(async () => {
  await connector?.close();
  await repos?.tables.dropTables();
});

/** Starts the bot and returns what it logged, or the reason it would not start. */
async function start(extra: Record<string, string>) {
  const lines: string[] = [];
  try {
    const bot = await startBot({ env: { ...env, ...extra }, onLog: (line) => lines.push(line) });
    return { bot, lines, refusal: undefined };
  } catch (error) {
    return { bot: undefined, lines, refusal: (error as Error).message };
  }
}

describe('local mode stays on the laptop', () => {
  it('when local mode is told to listen on every interface, then the process refuses to start and says why', async () => {
    const { bot, refusal } = await start({ HOST: '0.0.0.0' });
    await bot?.stop();
    expect(refusal).toMatch(/exited with code 1/);
    expect(refusal).toContain('HOST must be a loopback address');
    expect(refusal).toContain('LOCAL_ALLOW_NETWORK=true');
  }, 60_000);

  it('when local mode is given a storage account in the cloud, then the process refuses to start before it connects anywhere', async () => {
    const { bot, refusal } = await start({ STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=kommunensdata;AccountKey=a2V5;EndpointSuffix=core.windows.net' });
    await bot?.stop();
    expect(refusal).toMatch(/exited with code 1/);
    expect(refusal).toContain('STORAGE_CONNECTION_STRING must be Azurite or another loopback address');
  }, 60_000);

  it('when the override is set, then the bot starts and warns about it at every start', async () => {
    for (let run = 0; run < 2; run++) {
      const { bot, lines, refusal } = await start({ LOCAL_ALLOW_NETWORK: 'true' });
      expect(refusal).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await bot!.stop();
      const warnings = lines.filter((line) => line.includes('LOCAL_ALLOW_NETWORK=true')).map((line) => JSON.parse(line) as { level: number });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.level).toBe(40);
    }
  }, 90_000);

  it('when an activity names a service URL off this machine, then nothing runs, nothing is stored and no reply goes anywhere; from loopback it is answered', async () => {
    const { bot, lines } = await start({});
    try {
      const url = `http://127.0.0.1:${bot!.port}`;
      const elsewhere = teamsActivities('http://connector.invalid/teams/', demo.mette).message('hjælp');
      expect((await postActivity(url, elsewhere)).status).toBeLessThan(500);
      expect(lines.some((line) => line.includes('service URL is not on this machine: refused'))).toBe(true);
      expect(await repos.conversations.get('user', demo.mette.aadObjectId)).toBeUndefined();
      expect(connector.received).toHaveLength(0);

      const here = teamsActivities(connector.serviceUrl, demo.mette).message('hjælp');
      expect((await postActivity(url, here)).status).toBe(200);
      expect(connector.received.filter((r) => r.replyToId === here.id)).toHaveLength(1);
      expect(await repos.conversations.get('user', demo.mette.aadObjectId)).toBeDefined();
    } finally {
      await bot?.stop();
    }
  }, 90_000);
});
