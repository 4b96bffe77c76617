import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { currentCycle } from '../../src/services/preparation';
import { openStorage } from '../../src/storage';
import { botHarness, demo } from '../support/botHarness';
import { postActivity, teamsActivities } from '../support/connectorStub';
import { startBotWithConnector } from '../support/httpBot';
import { testRepositories, testStorageConfig } from '../support/storage';

// Teams redelivers an activity (same id) when the first delivery was not answered in time, and
// the copies may reach different instances: each activity must have exactly one effect.

const cycle = currentCycle(new Date());
type Card = { actions?: Array<{ data?: Record<string, unknown> }> };
const invokeCard = (replies: Partial<Activity>[]) => (replies.find((r) => r.type === 'invokeResponse')?.value as { body: { value: Card } }).body.value;
const cardOf = (replies: Partial<Activity>[]) => replies[0]!.attachments![0]!.content as Card;

describe('the same activity delivered twice, through the bot', () => {
  let harness: Awaited<ReturnType<typeof botHarness>>;
  beforeAll(async () => {
    harness = await botHarness();
  });

  it('when a message is delivered twice with the same id, then the bot answers it once', async () => {
    const first = await harness.say(demo.mette, 'hjælp', { id: 'msg-1' });
    const second = await harness.say(demo.mette, 'hjælp', { id: 'msg-1' });
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
  });

  it('when a card action is delivered twice, then the step is saved once and the second delivery gets the same card back', async () => {
    const card = cardOf(await harness.say(demo.mette, 'forbered MUS'));
    const data = card.actions![0]!.data!;
    const before = (await harness.repos.preparations.load(demo.mette.aadObjectId, cycle))!.header.version;
    const values = { ...data, q_x: 'ignored' };
    const first = invokeCard(await harness.execute(demo.mette, 'prep.save', values, { id: 'invoke-1' }));
    const second = invokeCard(await harness.execute(demo.mette, 'prep.save', values, { id: 'invoke-1' }));
    expect(second).toEqual(first);
    const after = (await harness.repos.preparations.load(demo.mette.aadObjectId, cycle))!.header.version;
    expect(after).toBe(before + 1);
  });

  it('when a turn fails, then its claim is released and the redelivery is handled', async () => {
    const app = harness.bot.app;
    const run = app.run.bind(app);
    app.run = async () => {
      throw new Error('the turn failed');
    };
    try {
      const failed = await harness.say(demo.mette, 'hjælp', { id: 'fails-once' });
      expect(JSON.stringify(failed)).toContain('Beklager');
    } finally {
      app.run = run;
    }
    const again = await harness.say(demo.mette, 'hjælp', { id: 'fails-once' });
    expect(again).toHaveLength(1);
    expect(JSON.stringify(again)).not.toContain('Beklager');
  });

  it('when a card action is redelivered while its first delivery is still running, then it is told the first click is still being handled, and changes nothing', async () => {
    await harness.repos.activities.claim(`a:personal-${demo.mette.aadObjectId}`, 'still-running');
    const before = (await harness.repos.preparations.load(demo.mette.aadObjectId, cycle))?.header.version;
    const replies = await harness.execute(demo.mette, 'prep.save', { stepId: 'x', version: 0 }, { id: 'still-running' });
    expect(replies.filter((r) => r.type !== 'invokeResponse')).toHaveLength(0);
    expect(JSON.stringify(invokeCard(replies))).toContain('Jeg er stadig i gang med det, du trykkede på.');
    expect((await harness.repos.preparations.load(demo.mette.aadObjectId, cycle))?.header.version).toBe(before);
  });

  it('when another invoke is redelivered while its first delivery is still running, then it is answered 200 and nothing runs', async () => {
    await harness.repos.activities.claim(`a:personal-${demo.mette.aadObjectId}`, 'consent-twice');
    const replies = await harness.invoke(demo.mette, 'fileConsent/invoke', { type: 'fileUpload', action: 'decline', context: {} }, { id: 'consent-twice' });
    expect(replies).toEqual([expect.objectContaining({ type: 'invokeResponse', value: { status: 200 } })]);
  });

  it('when the same activity id comes in another conversation, then it is a different activity and is answered', async () => {
    await harness.say(demo.sofie, 'hjælp', { id: 'shared-id' });
    expect(await harness.say(demo.ahmad, 'hjælp', { id: 'shared-id' })).toHaveLength(1);
  });
});

describe('claims on activities, across instances', () => {
  it('when several instances claim the same activity at once, then exactly one gets it', async () => {
    const prefix = (await testRepositories()).prefix;
    const instances = await Promise.all([1, 2, 3, 4].map(() => openStorage(testStorageConfig(), prefix)));
    const claims = await Promise.all(instances.flatMap((repos) => [repos.activities.claim('a:chat', '42'), repos.activities.claim('a:chat', '42')]));
    expect(claims.filter((c) => c.first)).toHaveLength(1);
  });

  it('when a turn failed and its claim was released, then a redelivery is handled', async () => {
    const { activities } = await testRepositories();
    const claim = await activities.claim('a:chat', '7');
    if (!claim.first) throw new Error('expected the first claim');
    await activities.release('a:chat', '7', claim.receivedAt);
    expect((await activities.claim('a:chat', '7')).first).toBe(true);
  });

  it('when a retry arrives just after midnight, then yesterday\'s claim still counts', async () => {
    let now = new Date('2026-03-02T23:59:50Z');
    const repos = await testRepositories(() => now);
    expect((await repos.activities.claim('a:chat', 'm')).first).toBe(true);
    now = new Date('2026-03-03T00:00:20Z');
    expect((await repos.activities.claim('a:chat', 'm')).first).toBe(false);
  });

  it('when the cleanup runs, then claims older than the retention are deleted and recent ones kept', async () => {
    let now = new Date('2026-03-01T12:00:00Z');
    const repos = await testRepositories(() => now);
    await repos.activities.claim('a:chat', 'old');
    now = new Date('2026-03-04T12:00:00Z');
    await repos.activities.claim('a:chat', 'new');
    expect(await repos.activities.deleteReceivedBefore(new Date('2026-03-02T12:00:00Z'))).toBe(1);
    expect((await repos.activities.claim('a:chat', 'new')).first).toBe(false);
    expect((await repos.activities.claim('a:chat', 'old')).first).toBe(true);
  });
});

describe('the same activity posted twice to /api/messages', () => {
  let setup: Awaited<ReturnType<typeof startBotWithConnector>>;
  let connector: typeof setup.connector;
  let http: typeof setup.http;
  beforeAll(async () => {
    setup = await startBotWithConnector(inject('storageConnectionString'));
    ({ connector, http } = setup);
  });
  afterAll(async () => setup?.close());

  it('when Teams redelivers a message over HTTP, then the connector receives one reply', async () => {
    const activity = teamsActivities(connector.serviceUrl, demo.mette).message('hjælp', 'http-1');
    expect((await postActivity(http.url, activity)).status).toBe(200);
    expect((await postActivity(http.url, activity)).status).toBe(200);
    expect(connector.received.filter((r) => r.replyToId === 'http-1')).toHaveLength(1);
  });

  it('when a message comes without an id (nothing to recognise a redelivery by), then each copy is answered', async () => {
    const { id: _id, ...activity } = teamsActivities(connector.serviceUrl, demo.mette).message('hjælp', 'unused');
    const before = connector.received.length;
    expect((await postActivity(http.url, activity)).status).toBe(200);
    expect((await postActivity(http.url, activity)).status).toBe(200);
    expect(connector.received.length - before).toBe(2);
  });
});
