import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startConnectorSimulator, type ConnectorSimulator } from '../../bench/connectorSimulator';
import { createAdapter } from '../../src/bot/app';
import { createBotDelivery } from '../../src/bot/delivery';
import { continueWith } from '../../src/bot/proactive';
import { parseConfig } from '../../src/config';
import { texts } from '../../src/domain/texts';
import { loadDomainData } from '../../src/data/loadDomainData';
import { createLogger } from '../../src/logger';
import { OutboxDispatcher } from '../../src/messaging/dispatcher';
import { createOutbox } from '../../src/messaging/outbox';
import { currentCycle } from '../../src/services/preparation';
import { demo } from '../support/botHarness';
import { postActivity, teamsActivities } from '../support/connectorStub';
import { startBotWithConnector } from '../support/httpBot';
import { manualClock } from '../support/manualClock';
import { testRepositories } from '../support/storage';

// The Bot Connector answering 429 and 5xx in bursts: for the outbox's proactive sends, and for
// replies inside a turn.

describe('proactive sends in a burst of 429 and 500', () => {
  let simulator: ConnectorSimulator;
  beforeAll(async () => {
    simulator = await startConnectorSimulator({ tenantRequestsPerSecond: 1000 });
  });
  afterAll(async () => simulator?.close());

  it('when the connector answers a burst of 429s and 500s, then every message is delivered exactly once and none is dead-lettered', async () => {
    const repos = await testRepositories();
    const clock = manualClock();
    const batch = { batchId: `burst-${Date.now()}`, label: 'MUS-runde: invitationer', requestedBy: 'lars' };
    const conversations = Array.from({ length: 12 }, (_, i) => `a:burst-${i}`);
    await createOutbox(repos.outbox, clock).enqueue(batch, conversations.map((id) => ({
      recipient: `person-${id}`,
      reference: { bot: { id: '28:bot' }, user: { id: `29:${id}` }, conversation: { id, tenantId: 't' }, channelId: 'msteams', serviceUrl: simulator.serviceUrl },
      activity: { type: 'message', text: `invitation ${id}` },
    })));
    // Fourteen failures in a row, mixed: more than one per message, less than the attempts allowed.
    for (let i = 0; i < 7; i++) {
      simulator.failNext(1, 429, '1');
      simulator.failNext(1, 500);
    }
    const dispatcher = new OutboxDispatcher({
      store: repos.outbox, delivery: createBotDelivery(continueWith(createAdapter(undefined), '')),
      config: { ...parseConfig({ APP_ENV: 'local' }).outbox, backoffBaseMs: 10, concurrency: 4 }, clock, logger: createLogger('silent'), instanceId: 'burst',
    });
    for (let round = 0; round < 200 && (await repos.outbox.batchStatus(batch.batchId))!.pending > 0; round++) {
      if ((await dispatcher.drainOnce()) === 0) clock.advance(1000);
    }

    expect(await repos.outbox.batchStatus(batch.batchId)).toMatchObject({ queued: 12, delivered: 12, failed: 0, pending: 0 });
    for (const id of conversations) expect(simulator.received(id).map((a) => a.text)).toEqual([`invitation ${id}`]);
    expect(simulator.stats()).toMatchObject({ requests: 12 + 14, accepted: 12, duplicates: 0 });
    expect(await repos.outbox.deadLetters(batch.batchId)).toEqual([]);
  });
});

describe('replies in a turn while the connector throttles', () => {
  let setup: Awaited<ReturnType<typeof startBotWithConnector>>;
  let connector: typeof setup.connector;
  let http: typeof setup.http;
  let repos: typeof setup.repos;
  beforeAll(async () => {
    setup = await startBotWithConnector(inject('storageConnectionString'));
    ({ connector, http, repos } = setup);
  });
  afterAll(async () => setup?.close());

  it('when a reply meets a short burst of 429s, then it is retried and arrives once', async () => {
    const mette = teamsActivities(connector.serviceUrl, demo.mette);
    connector.failNext([429, 429]);
    const activity = mette.message('hjælp');
    expect((await postActivity(http.url, activity)).status).toBe(200);
    expect(connector.received.filter((r) => r.replyToId === activity.id)).toHaveLength(1);
  });

  it('when every reply is refused with 429 or 500, then what the person saved in that turn is kept, and is there when they come back', async () => {
    const lars = teamsActivities(connector.serviceUrl, demo.lars);
    const open = lars.message('handlingsplan');
    await postActivity(http.url, open);
    const form = JSON.stringify(connector.received.find((r) => r.replyToId === open.id)!.activity);
    const slot = /goal_(\d+)/.exec(form)![1];
    const data = JSON.parse(/"data":(\{[^{}]*"subjectId"[^{}]*\})/.exec(form)![1]!) as { subjectId: string; etag: string };
    const activityId = (await loadDomainData()).activityCatalogue.activities[0]!.id;

    connector.failNext(Array.from({ length: 20 }, (_, i) => (i % 2 ? 500 : 429)));
    const save = { ...lars.message(''), text: undefined, value: {
      verb: 'actionPlan.save', subjectId: data.subjectId, etag: data.etag,
      [`goal_${slot}`]: 'Gemt trods 429', [`activity_${slot}`]: activityId, [`owner_${slot}`]: 'Lars', [`due_${slot}`]: `${currentCycle(new Date())}-12-01`,
    } };
    expect((await postActivity(http.url, save)).status).toBeLessThan(500);
    expect(connector.failedCount).toBeGreaterThan(0);
    const stored = await repos.actionPlans.get('hjemmeplejen-nord', currentCycle(new Date()));
    expect(JSON.stringify(stored)).toContain('Gemt trods 429');

    connector.failNext([]);
    const again = lars.message('handlingsplan');
    await postActivity(http.url, again);
    const reply = JSON.stringify(connector.received.filter((r) => r.replyToId === again.id).map((r) => r.activity));
    expect(reply).toContain('Gemt trods 429');
    expect(reply).not.toContain(texts.unexpectedError.da);
  });
});
