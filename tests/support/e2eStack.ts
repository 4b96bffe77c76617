import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { seedDemo } from '../../scripts/lib/demo';
import { freePort, startBot, startPlayground } from '../../scripts/lib/processes';
import { projectRoot } from '../../src/paths';
import { openStorage, type Repositories } from '../../src/storage';
import { uniquePrefix } from './storage';

/** The flags Chromium needs on these machines (root, no GPU, no network but loopback). */
export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface Stack {
  repos: Repositories;
  playgroundUrl: string;
  page: Page;
  /** Stops the bot process and starts a new one on the same port (state must survive). */
  restartBot(): Promise<void>;
  botLog(): string;
  stop(): Promise<void>;
}

/**
 * A whole local stack for one test file: the bot (its own process, its own tables in the shared
 * Azurite, loaded with the demo municipality), the Agents Playground in front of it, and a
 * Chromium page on the Playground. The persona file decides who the browser user is.
 */
export async function startStack(options: { persona?: string; botEnv?: Record<string, string> } = {}): Promise<Stack> {
  const connectionString = inject('storageConnectionString');
  const prefix = uniquePrefix();
  const repos = await openStorage({ kind: 'connectionString', connectionString }, prefix);
  await seedDemo(repos);

  let log = '';
  const botPort = await freePort();
  const botEnv = { STORAGE_CONNECTION_STRING: connectionString, TABLE_PREFIX: prefix, LOG_LEVEL: 'info', ...options.botEnv };
  const onLog = (line: string) => {
    log = (log + line + '\n').slice(-50_000);
  };
  let bot = await startBot({ port: botPort, env: botEnv, onLog });
  const playground = await startPlayground({
    botEndpoint: bot.endpoint,
    configFile: path.join(projectRoot, options.persona ?? '.m365agentsplayground.yml'),
    workDir: mkdtempSync(path.join(tmpdir(), 'kb-playground-')),
  });

  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs, headless: true });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
    // Only the Playground's own origin: its page would ask a CDN for fonts.
    await context.route('**/*', (route) =>
      route.request().url().startsWith(playground.url) || route.request().url().startsWith('ws://127.0.0.1')
        ? route.continue()
        : route.abort(),
    );
  } catch (error) {
    await Promise.all([playground.stop(), bot.stop()]);
    throw error;
  }
  const page = await context.newPage();
  await page.goto(playground.url);

  return {
    repos,
    playgroundUrl: playground.url,
    page,
    async restartBot() {
      await bot.stop();
      bot = await startBot({ port: botPort, env: botEnv, onLog });
    },
    botLog: () => log,
    async stop() {
      await context?.close().catch(() => undefined);
      await browser?.close().catch(() => undefined);
      await playground.stop();
      await bot.stop();
      await repos.tables.dropTables();
    },
  };
}
