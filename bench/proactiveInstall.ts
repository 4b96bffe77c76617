import os from 'node:os';
import { parseArgs } from 'node:util';
import { startAzurite } from '../scripts/lib/processes';
import { type Bot, createBot } from '../src/bot/app';
import { inviteAllToPrepare } from '../src/bot/proactive';
import { parseConfig } from '../src/config';
import { loadDomainData } from '../src/data/loadDomainData';
import { createLogger } from '../src/logger';
import { batchIdOf } from '../src/messaging/outbox';
import { startMusRound } from '../src/services/department';
import { requireMember } from '../src/services/identity';
import { openStorage } from '../src/storage';
import { startGraphStandIn } from '../tests/support/graphStandIn';
import { startConnectorSimulator } from './connectorSimulator';

/**
 * A MUS round in a tenant where nobody has opened the bot: N employees, none with a conversation.
 * The real round (startMusRound), the real outbox and dispatchers of `--instances` bot instances,
 * proactive installs through a stand-in Graph on loopback that answers 429 above `--graph-limit`
 * requests per second (Teams' installedApps: 30 per app per tenant), and the connector simulator
 * with Teams' limits. Checks that everyone is installed for once and invited once.
 * `npm run bench:install -- --count 1000`. See bench/README.md.
 */
const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    instances: { type: 'string', default: '2' },
    'graph-rps': { type: 'string', default: '20' },
    'graph-limit': { type: 'string', default: '30' },
    'tenant-rps': { type: 'string', default: '50' },
  },
});
const count = Number(args.count);
const instances = Number(args.instances);
const id = (n: number) => `0d1e2f30-0000-4000-9000-${String(n).padStart(12, '0')}`;
const appId = 'kompetencebot-catalog-app';

async function main(): Promise<void> {
  const azurite = await startAzurite();
  const simulator = await startConnectorSimulator({ tenantRequestsPerSecond: Number(args['tenant-rps']) });
  const graph = await startGraphStandIn({ pageSize: 100 });
  graph.limitRate(Number(args['graph-limit']));
  const bots: Bot[] = [];
  try {
    const repos = await openStorage({ kind: 'connectionString', connectionString: azurite.connectionString }, 'bench');
    const leader = { id: id(0), name: 'Leder Benchsen', email: 'leder@bench.dk', departmentId: 'bench', leaderOf: ['bench'] };
    const people = Array.from({ length: count }, (_, i) => ({ id: id(i + 1), name: `Medarbejder ${i + 1}`, email: `m${i + 1}@bench.dk`, departmentId: 'bench' }));
    await repos.org.importOrganisation({ departments: [{ id: 'bench', name: 'Benchafdelingen' }], people: [leader, ...people] });
    graph.upsertUsers([leader, ...people].map((p) => ({ id: p.id, displayName: p.name, userPrincipalName: p.email, accountEnabled: true })));

    const config = parseConfig({
      APP_ENV: 'local', PROACTIVE_INSTALL: 'on', TEAMS_APP_CATALOG_ID: appId, GRAPH_BASE_URL: graph.baseUrl, GRAPH_TOKEN: graph.token,
      GRAPH_REQUESTS_PER_SECOND: String(args['graph-rps']), OUTBOX_INSTANCES: String(instances), OUTBOX_TENANT_RPS: String(args['tenant-rps']),
      TEAMS_SERVICE_URL: simulator.serviceUrl, OUTBOX_POLL_MS: '200', TABLE_PREFIX: 'bench',
    });
    const domainData = await loadDomainData(config.dataDir);
    const logger = createLogger('warn', 'bench');
    for (let i = 0; i < instances; i++) bots.push(createBot({ config, repos, domainData, logger }, { instanceId: `bench-${i}` }));

    const cycle = String(new Date().getUTCFullYear());
    const batch = { batchId: batchIdOf('mus-round', 'bench', cycle), label: 'MUS bench: invitationer', requestedBy: leader.id };
    const member = await requireMember(repos, leader.id, undefined);
    const roundStarted = Date.now();
    const deadline = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
    const outcome = await startMusRound(repos, member, 'bench', { deadline, includeSubDepartments: false }, cycle, (people) => inviteAllToPrepare(bots[0]!.proactive, people.map((p) => ({ userId: p.id, invitation: { leaderName: member.person.name, deadline, steps: 9 } })), batch));
    const roundSeconds = (Date.now() - roundStarted) / 1000;
    console.log(`round started in ${roundSeconds.toFixed(1)} s: ${outcome.invited.length} invited, ${outcome.installing} to install first, ${outcome.unreachable.length} unreachable`);

    const sendStarted = Date.now();
    bots.forEach((b) => b.dispatcher.start());
    let status = await repos.outbox.batchStatus(batch.batchId);
    while ((status?.pending ?? 1) > 0) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      status = await repos.outbox.batchStatus(batch.batchId);
      console.log(`${Math.round((Date.now() - sendStarted) / 1000)} s: delivered ${status?.delivered}, failed ${status?.failed}, pending ${status?.pending}; Graph ${graph.requests.length} requests (${graph.throttled} 429)`);
    }
    const sendSeconds = (Date.now() - sendStarted) / 1000;
    await Promise.all(bots.map((b) => b.dispatcher.stop()));

    const posts = people.map((p) => graph.installCalls.get(p.id) ?? 0);
    const stats = simulator.stats();
    const byKind = (method: string, pattern: RegExp) => graph.requests.filter((r) => r.method === method && pattern.test(r.path)).length;
    const reachedOnce = stats.accepted === count && stats.duplicates === 0 && posts.every((n) => n === 1);
    const rows: Array<[string, string]> = [
      ['machine', `${os.cpus().length} cores, Node ${process.version}`],
      ['people', `${count} in one department, none with a conversation; ${instances} bot instance(s)`],
      ['limits', `Graph: the bot keeps to ${args['graph-rps']} requests/s in all, the stand-in answers 429 above ${args['graph-limit']}/s; Teams: ${args['tenant-rps']}/s per tenant`],
      ['round start (queueing)', `${roundSeconds.toFixed(1)} s`],
      ['wall time (install + send)', `${sendSeconds.toFixed(1)} s = ${(count / sendSeconds).toFixed(1)} people/s`],
      ['invited / delivered / failed', `${outcome.invited.length} / ${status?.delivered} / ${status?.failed}`],
      ['installs (POST) per person', `min ${Math.min(...posts)}, max ${Math.max(...posts)}`],
      ['Graph requests', `${graph.requests.length}: ${byKind('POST', /installedApps$/)} install, ${byKind('GET', /installedApps$/)} list, ${byKind('GET', /\/chat$/)} chat; ${graph.throttled} answered 429`],
      ['connector', `${stats.requests} requests, ${stats.accepted} accepted, ${stats.duplicates} duplicates, ${stats.limited} over a limit`],
      ['everyone reached once', reachedOnce ? 'yes' : 'NO'],
    ];
    console.log(`\n| measure | value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}`);
    if (!reachedOnce) process.exitCode = 1;
  } finally {
    await Promise.all(bots.map((b) => b.dispatcher.stop()));
    await graph.close();
    await simulator.close();
    await azurite.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
