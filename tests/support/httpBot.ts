import type { AddressInfo } from 'node:net';
import { createBot } from '../../src/bot/app';
import { parseConfig } from '../../src/config';
import { loadDomainData } from '../../src/data/loadDomainData';
import { createLogger } from '../../src/logger';
import { createServer } from '../../src/server';
import type { Repositories } from '../../src/storage';
import { seedDemo } from '../../scripts/lib/demo';
import { startConnectorStub } from './connectorStub';
import { testRepositories } from './storage';

/** The real bot behind the real HTTP server, in this process, on a loopback port (local mode: no tokens). */
export async function startHttpBot(repos: Repositories & { prefix: string }, connectionString: string) {
  const config = parseConfig({ APP_ENV: 'local', STORAGE_CONNECTION_STRING: connectionString, TABLE_PREFIX: repos.prefix });
  const logger = createLogger('silent');
  const bot = createBot({ config, repos, domainData: await loadDomainData(), logger });
  const server = createServer({ logger, handleMessages: (req, res) => bot.handle(req, res), checkStorage: async () => undefined });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    bot,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The demo municipality on tables of its own, the bot behind HTTP, and a stand-in Bot Connector it replies to. */
export async function startBotWithConnector(connectionString: string) {
  const connector = await startConnectorStub();
  const repos = await testRepositories();
  await seedDemo(repos);
  const http = await startHttpBot(repos, connectionString);
  return {
    connector, repos, http,
    close: async () => {
      await http.close();
      await connector.close();
    },
  };
}

/**
 * For tests that start the bot as its own process: the demo municipality on tables of its own,
 * a stand-in Bot Connector on loopback, and the environment that points the bot at them.
 */
export async function seededForProcess(connectionString: string, extra: Record<string, string> = {}) {
  const connector = await startConnectorStub();
  const repos = await testRepositories();
  await seedDemo(repos);
  const env = { STORAGE_CONNECTION_STRING: connectionString, TABLE_PREFIX: repos.prefix, LOG_LEVEL: 'warn', JOBS_TICK_SECONDS: '0', ...extra };
  return { connector, repos, env };
}
