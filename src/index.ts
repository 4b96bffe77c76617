import { createBot } from './bot/app';
import { ConfigError, loadConfig } from './config';
import { loadDomainData } from './data/loadDomainData';
import { createJobs, nudgePolicyOf } from './jobs';
import { startTicker } from './jobs/ticker';
import { createLogger } from './logger';
import { createServer } from './server';
import { openStorage } from './storage';
import { downloadExport } from './services/exports';
import { startTelemetry } from './telemetry';
import { readAppVersion } from './version';
import { createGraphClient } from './graph';
import { loadEntraMapping } from './services/entraSync';

/** Composition root: read config, build the parts, start the server. No logic here. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  for (const warning of config.warnings) logger.warn(warning);
  const telemetry = startTelemetry(config.telemetry?.connectionString, readAppVersion());
  if (config.localNetworkAllowed) {
    logger.warn(
      { host: config.host },
      'LOCAL_ALLOW_NETWORK=true: local mode (anonymous: anyone who reaches it can act as anyone) may listen beyond loopback, use storage elsewhere and answer any service URL',
    );
  }
  if (!config.storage) {
    throw new ConfigError([
      'STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL is not set (`npm start` starts Azurite and sets it for you)',
    ]);
  }
  const domainData = await loadDomainData(config.dataDir);
  const repos = await openStorage(config.storage, config.tablePrefix);
  // Routes may ask for the schedule to run at once (HR publishing figures): bound once the jobs exist.
  const kick = { run: () => {} };
  // One Graph client (one share of the app's Graph limits) for the sync and proactive installs.
  const graph = config.graph ? createGraphClient(config.graph) : undefined;
  const bot = createBot({ config, repos, domainData, logger, runJobsSoon: () => kick.run() }, graph ? { graph } : {});
  bot.dispatcher.start();
  const clock = () => new Date();
  const entraSync = config.entraSync && graph
    ? { graph, mapping: await loadEntraMapping(config.entraSync.mappingFile), everyMinutes: config.entraSync.everyMinutes }
    : undefined;
  const jobs = createJobs({
    repos, domainData, messenger: bot.reminders, policy: nudgePolicyOf(config, domainData), logger, anonymityThreshold: config.anonymityThreshold,
    retentionYears: config.retentionYears, releases: true, ...(entraSync ? { entraSync } : {}),
  });
  kick.run = () => {
    void jobs.runDue(clock()).catch((error: unknown) => logger.error({ err: error }, 'scheduled work failed'));
  };
  const ticker = config.jobs.tickSeconds > 0
    ? startTicker({ intervalMs: config.jobs.tickSeconds * 1000, jitterMs: config.jobs.tickSeconds * 250, run: () => jobs.runDue(clock()), logger })
    : undefined;
  const server = createServer({
    logger,
    handleMessages: (req, res) => bot.handle(req, res),
    checkStorage: async () => {
      await repos.org.getDepartment('healthz');
    },
    ...(config.exports ? { downloadExport: (token: string) => downloadExport(repos, domainData, token, config.exports!.linkKey, config.anonymityThreshold, clock()) } : {}),
    ...(config.jobs.key ? { jobs: { key: config.jobs.key, runDue: jobs.runDue, allowNowOverride: config.mode === 'local', clock } } : {}),
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  logger.info(
    { port: config.port, mode: config.mode, authentication: config.bot ? 'bot framework tokens' : 'anonymous (local)', telemetry: telemetry.exporting ? 'Application Insights' : 'off' },
    `Kompetencebot listening on http://${config.host}:${config.port}/api/messages`,
  );

  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    void ticker?.stop();
    void bot.dispatcher.stop();
    // Telemetry flushes what it holds before the exit (at most the 3 s below).
    server.close(() => void telemetry.shutdown().catch(() => undefined).finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
}

main().catch((error: unknown) => {
  // A bad configuration or bad domain data file: say what is wrong, once, and exit.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
