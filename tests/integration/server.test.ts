import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/app';
import { parseConfig } from '../../src/config';
import { loadDomainData } from '../../src/data/loadDomainData';
import { createLogger } from '../../src/logger';
import { projectRoot } from '../../src/paths';
import { createServer } from '../../src/server';
import { testRepositories } from '../support/storage';

// The HTTP surface with a bot identity configured: tokens are required.
let baseUrl: string;
let close: () => void;

beforeAll(async () => {
  const repos = await testRepositories();
  const config = parseConfig({
    APP_ENV: 'production',
    BOT_ID: '11111111-2222-4333-8444-555555555555',
    BOT_PASSWORD: 'not-a-real-secret',
    BOT_TENANT_ID: '66666666-7777-4888-9999-000000000000',
    STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
  });
  const logger = createLogger('silent');
  const bot = createBot({ config, repos, domainData: await loadDomainData(), logger });
  const server = createServer({ logger, handleMessages: (req, res) => bot.handle(req, res), checkStorage: async () => void (await repos.org.getDepartment('x')) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close?.());

const activity = {
  type: 'message', id: '1', text: 'hjælp', channelId: 'msteams', serviceUrl: 'https://smba.example.invalid/',
  from: { id: '29:x', aadObjectId: '0d1e2f30-0000-4000-8000-000000000001' }, recipient: { id: '28:bot' },
  conversation: { id: 'a:1', conversationType: 'personal' },
};

describe('the HTTP server', () => {
  it('when /healthz is asked and storage answers, then it says ok', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('when no JOBS_KEY is configured, then POST /api/jobs/run does not exist', async () => {
    const response = await fetch(`${baseUrl}/api/jobs/run`, { method: 'POST', headers: { authorization: 'Bearer anything' } });
    expect(response.status).toBe(404);
  });

  it('when an activity arrives without a Bot Framework token, then it is refused with 401', async () => {
    const response = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(response.status).toBe(401);
  });
});

describe('POST /api/jobs/run with a key configured', () => {
  const key = 'k'.repeat(40);
  const runs: Date[] = [];
  let jobsUrl: string;
  let closeJobs: () => void;
  beforeAll(async () => {
    const server = createServer({
      logger: createLogger('silent'), handleMessages: async () => undefined, checkStorage: async () => undefined,
      jobs: { key, runDue: async (now) => void runs.push(now), allowNowOverride: false, clock: () => new Date('2026-11-24T09:00:00Z') },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jobsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/jobs/run`;
    closeJobs = () => server.close();
  });
  afterAll(() => closeJobs?.());
  const post = (headers: Record<string, string>) => fetch(jobsUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

  const refused: Array<[string, Record<string, string>]> = [
    ['no key', {}],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['a wrong key of the same length', { authorization: `Bearer ${'x'.repeat(40)}` }],
    ['the key minus its last character', { 'x-jobs-key': key.slice(0, -1) }],
    ['the key with something appended', { 'x-jobs-key': `${key}k` }],
    ['the key in another scheme', { authorization: `Basic ${key}` }],
  ];
  for (const [what, headers] of refused) {
    it(`when it is called with ${what}, then it answers 401 and runs no job`, async () => {
      const before = runs.length;
      expect((await post(headers)).status).toBe(401);
      expect(runs.length).toBe(before);
    });
  }

  it('when it is called with the right key, then it runs the due jobs once', async () => {
    const before = runs.length;
    expect((await post({ authorization: `Bearer ${key}` })).status).toBe(200);
    expect(runs.length).toBe(before + 1);
  });
});

describe('starting the bot', () => {
  it('when production mode has no credentials, then the process refuses to start and names what is missing', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/index.ts')], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, APP_ENV: 'production' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toContain('BOT_ID is required');
    expect(result.stderr).toContain('BOT_PASSWORD is required');
  });
});
