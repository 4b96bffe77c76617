import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { seedDemo } from '../../scripts/lib/demo';
import { launchChromium, openPlayground } from '../../scripts/lib/browser';
import { freePort, startBot, startPlayground } from '../../scripts/lib/processes';
import { projectRoot } from '../../src/paths';
import { openStorage, type Repositories } from '../../src/storage';
import { waitForCard } from './playgroundPage';
import { uniquePrefix } from './storage';

export interface Stack {
  repos: Repositories;
  playgroundUrl: string;
  /** The bot's own address, e.g. for POST /api/jobs/run. */
  botUrl: string;
  /** The browser of the first persona. */
  page: Page;
  /** One page per persona, each on its own Playground in front of the same bot. */
  pages: Page[];
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
export async function startStack(options: { personas?: string[]; botEnv?: Record<string, string> } = {}): Promise<Stack> {
  const connectionString = inject('storageConnectionString');
  const prefix = uniquePrefix();
  const repos = await openStorage({ kind: 'connectionString', connectionString }, prefix);
  await seedDemo(repos);

  let log = '';
  const botPort = await freePort();
  // No in-process tick: a test that wants scheduled jobs to run calls the jobs endpoint.
  const botEnv = { STORAGE_CONNECTION_STRING: connectionString, TABLE_PREFIX: prefix, LOG_LEVEL: 'info', JOBS_TICK_SECONDS: '0', ...options.botEnv };
  const onLog = (line: string) => {
    log = (log + line + '\n').slice(-50_000);
  };
  let bot = await startBot({ port: botPort, env: botEnv, onLog });
  const personas = options.personas ?? ['.m365agentsplayground.yml'];
  const playgrounds: Array<Awaited<ReturnType<typeof startPlayground>>> = [];
  let browser: Browser | undefined;
  const pages: Page[] = [];
  try {
    for (const persona of personas) {
      playgrounds.push(
        await startPlayground({
          botEndpoint: bot.endpoint,
          configFile: path.join(projectRoot, persona),
          workDir: mkdtempSync(path.join(tmpdir(), 'kb-playground-')),
        }),
      );
    }
    browser = await launchChromium();
    for (const playground of playgrounds) pages.push(await openPlayground(browser, playground.url));
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await Promise.all([...playgrounds.map((p) => p.stop()), bot.stop()]);
    throw error;
  }

  return {
    repos,
    playgroundUrl: playgrounds[0]!.url,
    botUrl: `http://127.0.0.1:${botPort}`,
    page: pages[0]!,
    pages,
    async restartBot() {
      await bot.stop();
      bot = await startBot({ port: botPort, env: botEnv, onLog });
    },
    botLog: () => log,
    async stop() {
      for (const page of pages) await page.context().close().catch(() => undefined);
      await browser?.close().catch(() => undefined);
      for (const playground of playgrounds) await playground.stop();
      await bot.stop();
      await repos.tables.dropTables();
    },
  };
}

/** A stack whose Playgrounds have all shown the bot's welcome (the app is installed for each). */
export async function startWelcomedStack(personas: string[], welcome: string | RegExp = 'Velkommen til Kompetencebot'): Promise<Stack> {
  const stack = await startStack({ personas });
  for (const page of stack.pages) await waitForCard(page, welcome, 30_000);
  return stack;
}
