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

  it('when an activity arrives without a Bot Framework token, then it is refused with 401', async () => {
    const response = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(response.status).toBe(401);
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
