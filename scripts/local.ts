/**
 * `npm start`: everything a newcomer needs on a laptop with no Azure and no Teams tenant:
 * Azurite (table service, data in .local/azurite), the bot, and the Microsoft 365 Agents
 * Playground pointed at it. Loads the demo municipality and a year of use in it on first start
 * (scripts/lib/demoYear.ts). Ctrl-C stops all three.
 *
 *   npm start                  you act as Mette Jensen (employee)
 *   npm start -- --as leader   you act as Lars Nielsen (leader of Hjemmeplejen Nord)
 *   npm start -- --as hr       you act as Camilla Holm (HR administrator)
 */
import path from 'node:path';
import { loadConfig } from '../src/config';
import { projectRoot } from '../src/paths';
import { openStorage } from '../src/storage';
import { loadDomainData } from '../src/data/loadDomainData';
import { seedDemo } from './lib/demo';
import { seedDemoYear } from './lib/demoYear';
import { localAzuriteDir, localAzuritePort } from './lib/localStorage';
import { type Running, startAzurite, startBot, startPlayground } from './lib/processes';

const personas: Record<string, { file: string; who: string }> = {
  employee: { file: '.m365agentsplayground.yml', who: 'Mette Jensen (medarbejder / employee)' },
  leader: { file: 'playground/as-leader.yml', who: 'Lars Nielsen (leder / leader)' },
  hr: { file: 'playground/as-hr.yml', who: 'Camilla Holm (HR)' },
  med: { file: 'playground/as-med.yml', who: 'Sofie Hansen (MED-udvalget for Social og Sundhed / MED committee)' },
};

function botLogLine(line: string): void {
  // A dependency touching a deprecated Node API prints a warning: noise for a newcomer.
  if (/DeprecationWarning|trace-deprecation/.test(line)) return;
  try {
    const entry = JSON.parse(line) as { level: number; msg: string; err?: { message?: string } };
    const level = entry.level >= 50 ? 'ERROR' : entry.level >= 40 ? 'WARN ' : 'info ';
    console.log(`[bot] ${level} ${entry.msg}${entry.err?.message ? `: ${entry.err.message}` : ''}`);
  } catch {
    console.log(`[bot] ${line}`);
  }
}

async function main(): Promise<void> {
  const asAt = process.argv.indexOf('--as');
  const personaName = asAt >= 0 ? process.argv[asAt + 1] ?? 'employee' : 'employee';
  const persona = personas[personaName];
  if (!persona) throw new Error(`--as must be one of: ${Object.keys(personas).join(', ')}`);

  const config = loadConfig({ APP_ENV: 'local', ...process.env });
  const running: Running[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the Playground, the bot and Azurite …');
    for (const part of running.reverse()) await part.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void stopAll(0));
  process.once('SIGTERM', () => void stopAll(0));

  try {
    let connectionString = config.storage?.kind === 'connectionString' ? config.storage.connectionString : undefined;
    if (!config.storage) {
      const azurite = await startAzurite({ port: localAzuritePort, location: localAzuriteDir });
      running.push(azurite);
      connectionString = azurite.connectionString;
      console.log(`Azurite (Table Storage) on 127.0.0.1:${azurite.port}, data in ${path.relative(projectRoot, localAzuriteDir)}/`);
    }
    const storage = config.storage ?? { kind: 'connectionString' as const, connectionString: connectionString! };
    const repos = await openStorage(storage, config.tablePrefix);
    if ((await repos.org.listDepartments()).length === 0) {
      await seedDemo(repos);
      await seedDemoYear(repos, await loadDomainData(config.dataDir));
      console.log('First start: loaded the demo municipality and a year of use in it (the same as npm run seed:demo).');
    }

    const bot = await startBot({
      port: config.port,
      env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', ...(connectionString ? { STORAGE_CONNECTION_STRING: connectionString } : {}) },
      onLog: botLogLine,
    });
    running.push(bot);
    const playground = await startPlayground({
      port: Number(process.env.PLAYGROUND_PORT ?? 56150),
      botEndpoint: bot.endpoint,
      configFile: path.join(projectRoot, persona.file),
    });
    running.push(playground);

    for (const part of running) {
      part.process.once('exit', (code) => {
        if (!stopping) {
          console.error(`A part stopped unexpectedly (exit code ${code}); stopping the rest.`);
          void stopAll(1);
        }
      });
    }
    console.log(`
Kompetencebot is running.
  Open ${playground.url} in your browser: you are ${persona.who}.
  The bot listens on ${bot.endpoint}
  Other personas: npm start -- --as leader | --as hr | --as employee
  Press Ctrl-C to stop everything.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stopAll(1);
  }
}

void main();
