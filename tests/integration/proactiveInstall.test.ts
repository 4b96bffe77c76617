import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectorSimulator, type ConnectorSimulator } from '../../bench/connectorSimulator';
import { seedDemo } from '../../scripts/lib/demo';
import { createAdapter } from '../../src/bot/app';
import { createBotDelivery } from '../../src/bot/delivery';
import { continueWith } from '../../src/bot/proactive';
import { verbs } from '../../src/bot/verbs';
import { parseConfig } from '../../src/config';
import { GraphClient } from '../../src/graph/graphClient';
import { createLogger } from '../../src/logger';
import { systemClock } from '../../src/messaging/clock';
import { OutboxDispatcher } from '../../src/messaging/dispatcher';
import { batchIdOf, createOutbox } from '../../src/messaging/outbox';
import { createInstaller } from '../../src/services/proactiveInstall';
import { botHarness, demo, type DemoUser, visibleText } from '../support/botHarness';
import { type GraphStandIn, installFailures, startGraphStandIn } from '../support/graphStandIn';
import { demoId } from '../support/ratings';
import { testRepositories } from '../support/storage';

// Reaching people who never opened the bot: the app installs itself for them through Graph (a
// stand-in on loopback), finds the personal chat and sends through the outbox — once each; who
// cannot be reached is named with why, for their leader and for HR.
let graph: GraphStandIn;
let harness: Awaited<ReturnType<typeof botHarness>>;
const appId = 'kb-catalog-app-0001';
const cycle = String(new Date().getUTCFullYear());
const anne: DemoUser = { aadObjectId: demoId(7), name: 'Anne Kristensen' };
const peter: DemoUser = { aadObjectId: demoId(8), name: 'Peter Larsen' };
const karen: DemoUser = { aadObjectId: demoId(24), name: 'Karen Bach' };
const inviteTitle = 'Tid til at forberede din MUS';
const installEnv = (baseUrl: string, token: string) => ({ PROACTIVE_INSTALL: 'on', TEAMS_APP_CATALOG_ID: appId, GRAPH_BASE_URL: baseUrl, GRAPH_TOKEN: token, GRAPH_REQUESTS_PER_SECOND: '30' });

beforeAll(async () => {
  graph = await startGraphStandIn({ pageSize: 50 });
  // Everyone in the demo municipality has a Teams account.
  graph.upsertUsers(Array.from({ length: 24 }, (_, i) => ({ id: demoId(i + 1), displayName: `Person ${i + 1}`, userPrincipalName: `p${i + 1}@demokommune.dk`, accountEnabled: true })));
  graph.failInstallFor(demo.ahmad.aadObjectId, installFailures.blockedByPolicy);
  graph.failInstallFor(anne.aadObjectId, installFailures.noLicence);
  graph.updateUser(karen.aadObjectId, { accountEnabled: false });
  harness = await botHarness({ env: installEnv(graph.baseUrl, graph.token) });
  await harness.install(demo.lars);
  await harness.install(demo.camilla);
});
afterAll(async () => {
  await graph?.close();
});

const cardsIn = (sent: ReturnType<typeof harness.takeProactive>, userId: string, title: string) =>
  sent.filter((a) => a.conversation?.id === graph.chatIdOf(userId.toLowerCase()) && visibleText(a).includes(title));

describe('proactive installs, through the bot', () => {
  it('when Lars starts a MUS round and nobody has opened the bot, then the app is installed for each through Graph, once, and each gets one invitation in the chat Graph names', async () => {
    // Peter leaves the organisation before the round (a re-import without him).
    const everyone = await harness.repos.org.listPeople();
    await harness.repos.org.importOrganisation({ departments: await harness.repos.org.listDepartments(), people: everyone.filter((p) => p.id !== peter.aadObjectId) });
    const deadline = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    const replies = await harness.execute(demo.lars, verbs.roundStart, { departmentId: 'hjemmeplejen-nord', deadline, includeSub: 'false' });
    const card = visibleText({ attachments: [{ contentType: 'x', content: (replies.find((r) => r.type === 'invokeResponse')!.value as { body: { value: unknown } }).body.value }] });
    // The outbox is drained within the turn: its messages come with the turn's replies.
    const sent = [...replies, ...harness.takeProactive()];

    // Hjemmeplejen Nord without Lars and Peter (who left): nine; for three Graph refuses to install.
    const reached = [1, 3, 9, 10, 11, 12].map(demoId);
    for (const id of reached) {
      expect(cardsIn(sent, id, inviteTitle), id).toHaveLength(1);
      expect(graph.installCalls.get(id), id).toBe(1);
      expect((await harness.repos.conversations.get('user', id))?.reference.conversation.id).toBe(graph.chatIdOf(id));
    }
    expect(card).toContain('har ikke åbnet Kompetencebot endnu: jeg installerer appen for dem i Teams');
    expect(card).toMatch(/Inviteret nu\s*\n?\s*9\n/);
    expect(card).toContain('9 har ikke åbnet Kompetencebot endnu');
    expect(cardsIn(sent, demo.ahmad.aadObjectId, inviteTitle)).toHaveLength(0);
    const status = await harness.repos.outbox.batchStatus(batchIdOf('mus-round', 'hjemmeplejen-nord', cycle));
    expect(status).toMatchObject({ queued: 9, delivered: 6, failed: 3, pending: 0 });
    expect(await harness.repos.org.getPerson(peter.aadObjectId)).toMatchObject({ active: false });
    expect(graph.installCalls.get(peter.aadObjectId)).toBeUndefined();
  });

  it("when Lars opens 'min afdeling', then he sees who could not be reached and why (app blocked by policy, no Teams licence, account disabled)", async () => {
    const text = visibleText((await harness.say(demo.lars, 'min afdeling'))[0]!);
    expect(text).toContain('6 leveret · 0 på vej · 3 kunne ikke leveres');
    expect(text).toContain('Ahmad Karimi (appen er blokeret af en Teams-politik)');
    expect(text).toContain('Anne Kristensen (har ingen Teams-licens)');
    expect(text).toContain('Karen Bach (kontoen er deaktiveret)');
  });

  it("when HR opens 'kommunen', then the count of people the bot cannot reach is there, by reason", async () => {
    const text = (await harness.say(demo.camilla, 'kommunen')).map(visibleText).join('\n');
    expect(text).toMatch(/Kompetencebot kan ikke nå 3 personer i Teams – 1: .*appen er blokeret af en Teams-politik/);
    expect(text).toContain('har ingen Teams-licens');
  });

  it('when Jens then starts a round for Social og Sundhed and all below, then those Graph refused are named at once with why, and Graph is not asked for them again the same day', async () => {
    await harness.install(demo.jens);
    const refused = [demo.ahmad.aadObjectId, anne.aadObjectId, karen.aadObjectId];
    const calls = refused.map((id) => graph.installCalls.get(id));
    const deadline = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
    const replies = await harness.execute(demo.jens, verbs.roundStart, { departmentId: 'social-sundhed', deadline, includeSub: 'true' });
    const card = JSON.stringify(replies.find((r) => r.type === 'invokeResponse')!.value);
    expect(card).toContain('Ahmad Karimi (appen er blokeret af en Teams-politik), Anne Kristensen (har ingen Teams-licens), Karen Bach (kontoen er deaktiveret)');
    expect(card).toContain('Det kan IT løse');
    expect(refused.map((id) => graph.installCalls.get(id))).toEqual(calls);
    // Mette was installed for in Lars's round: her invitation goes to the stored chat.
    expect(cardsIn(replies, demo.mette.aadObjectId, inviteTitle)).toHaveLength(1);
    expect(graph.installCalls.get(demo.mette.aadObjectId)).toBe(1);
  });

  it('when a reminder later goes to someone the bot installed for, then it goes to the stored chat without asking Graph', async () => {
    const before = graph.requests.length;
    await harness.submit(demo.lars, { verb: verbs.nudgeNow, departmentId: 'hjemmeplejen-nord' });
    await harness.bot.reminders.sendMilestoneReminder(demo.mette.aadObjectId, {
      milestone: harness.domainData.aarshjul.milestones[0]!, date: `${cycle}-12-31`, role: 'employee', departments: [],
    });
    expect(cardsIn(harness.takeProactive(), demo.mette.aadObjectId, 'Gennemgang af kompetenceprofilen')).toHaveLength(1);
    expect(graph.requests.length).toBe(before);
  });

  it('when Graph throttles an install with 429 and Retry-After, then the message waits at least that long, and is delivered once after', async () => {
    const rasmus = demoId(17);
    graph.failNext([{ status: 429, retryAfter: '2' }]);
    const started = Date.now();
    expect(await harness.bot.proactive.sendCard(rasmus, { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hej Rasmus' }] })).toBe('queued');
    expect(harness.takeProactive()).toHaveLength(0);
    const waiting = (await harness.repos.outbox.openBatches()).length;
    expect(waiting).toBeGreaterThan(0);
    // Nothing goes out before Retry-After has passed; then the install and the message do, once.
    let delivered: ReturnType<typeof harness.takeProactive> = [];
    while (delivered.length === 0 && Date.now() - started < 15_000) {
      await harness.bot.dispatcher.drainOnce();
      delivered = cardsIn(harness.takeProactive(), rasmus, 'Hej Rasmus');
      if (delivered.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(delivered).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    await harness.bot.dispatcher.drainOnce();
    expect(cardsIn(harness.takeProactive(), rasmus, 'Hej Rasmus')).toHaveLength(0);
    expect(graph.installCalls.get(rasmus)).toBe(1);
  });

  it('when the bot installed the app for someone, then Teams\' install greeting is left out (the message that caused it is on its way)', async () => {
    const replies = await harness.install(demo.mette);
    expect(replies.map(visibleText).join('\n')).not.toContain('Velkommen til Kompetencebot');
  });
});

describe('proactive installs survive restarts and run on several instances', () => {
  let simulator: ConnectorSimulator;
  let repos: Awaited<ReturnType<typeof testRepositories>>;
  let standIn: GraphStandIn;
  beforeAll(async () => {
    repos = await testRepositories();
    await seedDemo(repos);
    simulator = await startConnectorSimulator({ tenantRequestsPerSecond: 1000 });
    standIn = await startGraphStandIn();
    standIn.upsertUsers(Array.from({ length: 24 }, (_, i) => ({ id: demoId(i + 1), displayName: `Person ${i + 1}`, userPrincipalName: `p${i + 1}@demokommune.dk`, accountEnabled: true })));
  });
  afterAll(async () => {
    await simulator?.close();
    await standIn?.close();
    await repos?.tables.dropTables();
  });

  const instance = (owner: string) => {
    const config = parseConfig({ APP_ENV: 'local', OUTBOX_TENANT_RPS: '1000', OUTBOX_CONCURRENCY: '8' });
    const installer = createInstaller({
      repos, graph: new GraphClient({ baseUrl: standIn.baseUrl, getToken: async () => standIn.token }), catalogAppId: appId, graphBaseUrl: standIn.baseUrl,
      serviceUrl: simulator.serviceUrl, botAppId: 'kompetencebot', now: () => new Date(), owner,
    });
    const dispatcher = new OutboxDispatcher({
      store: repos.outbox, delivery: createBotDelivery(continueWith(createAdapter(undefined), '')), config: config.outbox,
      clock: systemClock, logger: createLogger('silent'), instanceId: owner, resolver: installer,
    });
    return { installer, dispatcher };
  };

  it('when two instances send to twenty people nobody installed for, then each is installed for once and gets one message', async () => {
    const people = Array.from({ length: 20 }, (_, i) => demoId(i + 1)).filter((id) => id !== demoId(5));
    const batch = { batchId: `two-instances-${Date.now()}`, label: 'two instances', requestedBy: 'test' };
    await createOutbox(repos.outbox, systemClock).enqueue(batch, people.map((userId) => ({ recipient: userId, install: { userId, tenantId: 't' }, activity: { type: 'message', text: `til ${userId}` } })));
    const [a, b] = [instance('instance-a'), instance('instance-b')];
    for (let pass = 0; pass < 20 && ((await repos.outbox.batchStatus(batch.batchId))?.pending ?? 0) > 0; pass++) {
      await Promise.all([a.dispatcher.drainOnce(), b.dispatcher.drainOnce()]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await repos.outbox.batchStatus(batch.batchId)).toMatchObject({ delivered: people.length, failed: 0, pending: 0 });
    for (const id of people) expect(standIn.installCalls.get(id), id).toBe(1);
    expect(simulator.stats().duplicates).toBe(0);
  });

  it('when an instance died after installing but before it found the chat, then the next one finds the chat without installing again', async () => {
    const mette = demoId(1).replace('0001', '0021');
    // The crashed instance: its POST went through and was recorded, its lease still runs.
    await repos.installations.claim(mette, 'crashed-instance', new Date(Date.now() - 120_000), 60_000);
    await fetch(`${standIn.baseUrl}/users/${mette}/teamwork/installedApps`, {
      method: 'POST', headers: { authorization: `Bearer ${standIn.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ 'teamsApp@odata.bind': `${standIn.baseUrl}/appCatalogs/teamsApps/${appId}` }),
    });
    await repos.installations.record(mette, { posts: 1, installedAt: new Date().toISOString() });
    const { installer } = instance('survivor');
    const resolved = await installer.resolve({ userId: mette, tenantId: 't' });
    expect(resolved).toMatchObject({ kind: 'reference', reference: { conversation: { id: standIn.chatIdOf(mette) }, serviceUrl: simulator.serviceUrl } });
    expect(standIn.installCalls.get(mette)).toBe(1);
    expect(await repos.installations.get(mette)).toMatchObject({ posts: 1, chatId: standIn.chatIdOf(mette) });
  });

  it('when the person already has the app (installed by them or their admin), then Graph answers 409 and the bot just finds the chat', async () => {
    const person = demoId(24);
    const install = () => fetch(`${standIn.baseUrl}/users/${person}/teamwork/installedApps`, {
      method: 'POST', headers: { authorization: `Bearer ${standIn.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ 'teamsApp@odata.bind': `${standIn.baseUrl}/appCatalogs/teamsApps/${appId}` }),
    });
    expect((await install()).status).toBe(201);
    expect(await instance('d').installer.resolve({ userId: person, tenantId: 't' })).toMatchObject({ kind: 'reference', reference: { conversation: { id: standIn.chatIdOf(person) } } });
    expect(standIn.installCalls.get(person)).toBe(2);
    expect(await repos.installations.get(person)).toMatchObject({ posts: 1, chatId: standIn.chatIdOf(person) });
  });

  it('when another instance holds the install of a person, then this one waits instead of installing too', async () => {
    const person = demoId(22);
    await repos.installations.claim(person, 'busy-instance', new Date(), 60_000);
    expect(await instance('other').installer.resolve({ userId: person, tenantId: 't' })).toMatchObject({ kind: 'retry' });
    expect(standIn.installCalls.get(person)).toBeUndefined();
  });

  it("when the app lacks the Graph permission, then it is said as IT's problem and tried again within the hour", async () => {
    const person = demoId(23);
    standIn.failInstallFor(person, { status: 403, code: 'Forbidden', message: "AAD App Id 'x' is not allowed to manage the Teams App 'y'" });
    expect(await instance('c').installer.resolve({ userId: person, tenantId: 't' })).toMatchObject({ kind: 'unreachable', reason: 'graph-permission' });
  });
});
