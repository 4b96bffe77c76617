import os from 'node:os';
import { parseArgs } from 'node:util';
import { CardFactory } from 'botbuilder';
import { startAzurite } from '../scripts/lib/processes';
import { createAdapter } from '../src/bot/app';
import { renderCard } from '../src/bot/cards';
import { createBotDelivery } from '../src/bot/delivery';
import { continueWith } from '../src/bot/proactive';
import { parseConfig } from '../src/config';
import { prepInviteText, say } from '../src/domain/texts';
import { createLogger } from '../src/logger';
import { systemClock } from '../src/messaging/clock';
import { OutboxDispatcher } from '../src/messaging/dispatcher';
import { createOutbox, type OutboxMessage } from '../src/messaging/outbox';
import { openStorage } from '../src/storage';
import { startConnectorSimulator } from './connectorSimulator';
import { peakRssOf } from './procStats';

/**
 * Fan-out benchmark: N MUS invitations through the real outbox (Azurite, in memory) and the real
 * botbuilder delivery to the local connector simulator, which enforces Teams' limits, injects
 * faults and counts duplicates. `npm run bench:fanout -- --count 25000`. See bench/README.md.
 */
const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '25000' },
    instances: { type: 'string', default: '2' },
    'tenant-rps': { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '8' },
    'inject-429': { type: 'string', default: '0.01' },
    'inject-5xx': { type: 'string', default: '0.01' },
  },
});
const count = Number(args.count);
const instances = Number(args.instances);
const tenantRps = Number(args['tenant-rps']);

const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / 1024 / 1024)} MB`);

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const simulator = await startConnectorSimulator({
    tenantRequestsPerSecond: tenantRps,
    inject429Rate: Number(args['inject-429']),
    inject5xxRate: Number(args['inject-5xx']),
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  try {
    const config = parseConfig({
      APP_ENV: 'local',
      OUTBOX_TENANT_RPS: String(tenantRps),
      OUTBOX_INSTANCES: String(instances),
      OUTBOX_CONCURRENCY: String(args.concurrency),
      OUTBOX_POLL_MS: '200',
    });
    const repos = await openStorage({ kind: 'connectionString', connectionString: azurite.connectionString }, 'bench');
    const outbox = createOutbox(repos.outbox, systemClock);
    const batch = { batchId: 'mus-2026-invitations', label: 'MUS-runde 2026: invitationer', requestedBy: 'bench-leader' };

    const enqueueStarted = Date.now();
    for (let start = 0; start < count; start += 1000) {
      const messages: OutboxMessage[] = [];
      for (let i = start; i < Math.min(count, start + 1000); i++) {
        const card = renderCard('prep-resume', { title: say('da', 'prepInviteTitle'), text: `${prepInviteText('Lars Nielsen').da} (#${i})`, buttonTitle: say('da', 'prepStart'), facts: [] }, 'da');
        messages.push({
          recipient: `person-${i}`,
          reference: { bot: { id: '28:kompetencebot' }, user: { id: `29:person-${i}` }, conversation: { id: `a:person-${i}`, tenantId: 'bench-tenant' }, channelId: 'msteams', serviceUrl: simulator.serviceUrl },
          activity: { type: 'message', attachments: [CardFactory.adaptiveCard(card)] },
        });
      }
      await outbox.enqueue(batch, messages);
    }
    const enqueueSeconds = (Date.now() - enqueueStarted) / 1000;
    console.log(`enqueued ${count} in ${enqueueSeconds.toFixed(1)} s; sending with ${instances} instance(s) at ${tenantRps}/s per tenant`);

    const logger = createLogger('warn', 'bench');
    let doneAt: number | undefined;
    const dispatchers = Array.from({ length: instances }, (_, i) =>
      new OutboxDispatcher({
        store: repos.outbox,
        // Each instance its own adapter, as separate processes would have.
        delivery: createBotDelivery(continueWith(createAdapter(undefined), '')),
        config: config.outbox,
        clock: systemClock,
        logger,
        instanceId: `bench-${i}`,
        onBatchDone: async () => void (doneAt ??= Date.now()),
      }));
    const sendStarted = Date.now();
    dispatchers.forEach((d) => d.start());
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      const status = (await outbox.batchStatus(batch.batchId))!;
      const stats = simulator.stats();
      console.log(`${Math.round((Date.now() - sendStarted) / 1000)} s: delivered ${status.delivered}, failed ${status.failed}, pending ${status.pending}; connector: ${stats.requests} requests, ${stats.limited} over the limit`);
      if (status.pending === 0 && doneAt) break;
    }
    await Promise.all(dispatchers.map((d) => d.stop()));
    const sendSeconds = (doneAt! - sendStarted) / 1000;

    const status = (await outbox.batchStatus(batch.batchId))!;
    const deadLetters = await outbox.deadLetters(batch.batchId);
    const stats = simulator.stats();
    const acceptedSpan = ((stats.lastAcceptedAt ?? 0) - (stats.firstAcceptedAt ?? 0)) / 1000;
    const deliveredRate = stats.accepted / sendSeconds;
    const requestRate = stats.requests / sendSeconds;
    const lost = count - stats.accepted - deadLetters.length;
    const rows: Array<[string, string]> = [
      ['machine', `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${mb(os.totalmem())} RAM, Node ${process.version}`],
      ['messages', `${count} to ${count} conversations in one tenant, ${instances} sender instance(s), ${args.concurrency} in flight each`],
      ['fault injection', `${args['inject-429']} 429 + ${args['inject-5xx']} 5xx`],
      ['tenant limit', `${tenantRps} requests/s`],
      ['wall time (send)', `${sendSeconds.toFixed(1)} s (enqueue before it: ${enqueueSeconds.toFixed(1)} s)`],
      ['delivered', `${stats.accepted} (outbox counts ${status.delivered}); dead-lettered ${deadLetters.length} (outbox counts ${status.failed})`],
      ['messages lost', String(lost)],
      ['duplicates', String(stats.duplicates)],
      ['connector requests', `${stats.requests}: ${stats.injected429} injected 429, ${stats.injected5xx} injected 5xx, ${stats.limited} 429 for exceeding a limit`],
      ['delivered rate', `${deliveredRate.toFixed(1)}/s = ${(deliveredRate / tenantRps).toFixed(3)} of the tenant limit (first to last accepted: ${acceptedSpan.toFixed(1)} s)`],
      ['request rate', `${requestRate.toFixed(1)}/s = ${(requestRate / tenantRps).toFixed(3)} of the tenant limit`],
      ['peak RSS, bot process', mb(peakRss)],
      ['peak RSS, Azurite', mb(peakRssOf(azurite.process.pid))],
    ];
    console.log(`\n| measure | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}`);
    if (lost !== 0 || stats.duplicates !== 0) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await simulator.close();
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
