import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectorSimulator, type ConnectorSimulator } from '../../bench/connectorSimulator';
import { createAdapter } from '../../src/bot/app';
import { createBotDelivery } from '../../src/bot/delivery';
import { continueWith } from '../../src/bot/proactive';
import { type OutboxConfig, parseConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import type { DeliveryPort, DeliveryResult } from '../../src/messaging/delivery';
import { OutboxDispatcher } from '../../src/messaging/dispatcher';
import { createOutbox, type OutboxMessage } from '../../src/messaging/outbox';
import type { BatchStatus } from '../../src/storage/outboxRepository';
import type { Repositories } from '../../src/storage';
import { manualClock, type ManualClock } from '../support/manualClock';
import { testRepositories } from '../support/storage';

// The outbox on a real Azurite. Time is a manual clock: retries hours apart take no time.

const defaults = parseConfig({ APP_ENV: 'local' }).outbox;
const logger = createLogger('silent');

let repos: Repositories & { prefix: string };
let simulator: ConnectorSimulator;

beforeAll(async () => {
  repos = await testRepositories();
  simulator = await startConnectorSimulator({ tenantRequestsPerSecond: 1000 });
});
afterAll(async () => {
  await simulator?.close();
  await repos?.tables.dropTables();
});

let batchNumber = 0;
function newBatch(label = 'MUS-runde 2026: invitationer') {
  return { batchId: `batch-${++batchNumber}-${Date.now()}`, label, requestedBy: 'leader-lars' };
}

function message(conversationId: string, text: string, serviceUrl = 'http://127.0.0.1:9/'): OutboxMessage {
  return {
    recipient: `person-${conversationId}`,
    reference: { bot: { id: '28:bot' }, user: { id: `29:${conversationId}` }, conversation: { id: conversationId, tenantId: 'tenant-1' }, channelId: 'msteams', serviceUrl },
    activity: { type: 'message', text },
  };
}

/** A delivery port that answers from a script (default: delivered) and records what it sent. */
function recordingDelivery(answer: (conversationId: string, text: string) => DeliveryResult = () => ({ ok: true })) {
  const sent: Array<{ conversationId: string; text: string }> = [];
  const port: DeliveryPort = {
    async deliver(reference, activity) {
      const text = String(activity.text);
      const result = answer(reference.conversation.id, text);
      if (result.ok) sent.push({ conversationId: reference.conversation.id, text });
      return result;
    },
  };
  return { port, sent };
}

function dispatcher(clock: ManualClock, delivery: DeliveryPort, options: { instanceId?: string; config?: Partial<OutboxConfig>; onBatchDone?: (s: BatchStatus) => Promise<void> } = {}) {
  return new OutboxDispatcher({
    store: repos.outbox,
    delivery,
    config: { ...defaults, ...options.config },
    clock,
    logger,
    instanceId: options.instanceId ?? 'instance-a',
    ...(options.onBatchDone ? { onBatchDone: options.onBatchDone } : {}),
  });
}

/** Runs the dispatchers together until the batch has nothing pending, advancing time when all are idle. */
async function drain(clock: ManualClock, batchId: string, ...dispatchers: OutboxDispatcher[]): Promise<BatchStatus> {
  for (let round = 0; round < 500; round++) {
    const tried = await Promise.all(dispatchers.map((d) => d.drainOnce()));
    const status = (await repos.outbox.batchStatus(batchId))!;
    if (status.pending === 0) {
      await Promise.all(dispatchers.map((d) => d.drainOnce())); // lets one of them close the batch
      return (await repos.outbox.batchStatus(batchId))!;
    }
    if (tried.every((n) => n === 0)) clock.advance(1000);
  }
  throw new Error('the outbox did not drain');
}

describe('the proactive outbox on Azurite', () => {
  it('when two instances drain one outbox at once, then every message is delivered exactly once and the batch counts them', async () => {
    const clock = manualClock();
    const outbox = createOutbox(repos.outbox, clock);
    const batch = newBatch();
    // 120 people, and one channel that gets 12 messages (more than Teams allows per second).
    const messages = [
      ...Array.from({ length: 120 }, (_, i) => message(`a:person-${i}`, `invitation ${i}`)),
      ...Array.from({ length: 12 }, (_, i) => message('19:channel@thread.tacv2', `channel post ${i}`)),
    ];
    await outbox.enqueue(batch, messages);
    expect(await outbox.batchStatus(batch.batchId)).toMatchObject({ queued: 132, pending: 132, delivered: 0, failed: 0, open: true, requestedBy: 'leader-lars' });

    const viaA = recordingDelivery();
    const viaB = recordingDelivery();
    const done: BatchStatus[] = [];
    const onBatchDone = async (status: BatchStatus) => void done.push(status);
    const a = dispatcher(clock, viaA.port, { instanceId: 'a', config: { instances: 2, concurrency: 6 }, onBatchDone });
    const b = dispatcher(clock, viaB.port, { instanceId: 'b', config: { instances: 2, concurrency: 6 }, onBatchDone });
    const status = await drain(clock, batch.batchId, a, b);

    expect(viaA.sent.length).toBeGreaterThan(0);
    expect(viaB.sent.length).toBeGreaterThan(0);
    const texts = [...viaA.sent, ...viaB.sent].map((s) => s.text);
    expect(texts).toHaveLength(132);
    expect(new Set(texts).size).toBe(132);
    expect(status).toMatchObject({ queued: 132, delivered: 132, failed: 0, pending: 0, open: false });
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ batchId: batch.batchId, delivered: 132, requestedBy: 'leader-lars' });
  });

  it('when an instance dies holding a claim, then the message waits for the lease to end and is then sent once by another', async () => {
    const clock = manualClock();
    const batch = newBatch();
    await createOutbox(repos.outbox, clock).enqueue(batch, [message('a:crash', 'invitation')]);
    const [entry] = await repos.outbox.claimable(batch.batchId, clock.now(), 10);
    expect(await repos.outbox.claim(entry!, 'dead-instance', clock.now(), defaults.leaseMs)).toBeDefined();

    const { port, sent } = recordingDelivery();
    const survivor = dispatcher(clock, port, { instanceId: 'survivor' });
    expect(await survivor.drainOnce()).toBe(0);
    clock.advance(defaults.leaseMs - 1000);
    expect(await survivor.drainOnce()).toBe(0);
    clock.advance(1001);
    await survivor.drainOnce();

    expect(sent).toEqual([{ conversationId: 'a:crash', text: 'invitation' }]);
    expect(await repos.outbox.batchStatus(batch.batchId)).toMatchObject({ delivered: 1, pending: 0 });
  });

  it('when the connector answers 429 with Retry-After, then the message is not retried before that time and is delivered after it', async () => {
    const clock = manualClock();
    const batch = newBatch();
    await createOutbox(repos.outbox, clock).enqueue(batch, [message('a:throttled', 'invitation', simulator.serviceUrl)]);
    const requestsBefore = simulator.stats().requests;
    simulator.failNext(1, 429, '120');
    const real = dispatcher(clock, createBotDelivery(continueWith(createAdapter(undefined), '')), { config: { backoffBaseMs: 10 } });

    await real.drainOnce();
    expect(simulator.stats().requests - requestsBefore).toBe(1);
    clock.advance(119_000);
    expect(await real.drainOnce()).toBe(0);
    expect(simulator.received('a:throttled')).toHaveLength(0);
    clock.advance(1500);
    await real.drainOnce();

    expect(simulator.received('a:throttled').map((a) => a.text)).toEqual(['invitation']);
    expect(simulator.stats().requests - requestsBefore).toBe(2);
    expect(await repos.outbox.batchStatus(batch.batchId)).toMatchObject({ delivered: 1, failed: 0, pending: 0 });
  });

  it('when the connector keeps failing with 5xx, then the message is retried with growing waits and dead-lettered after the last attempt', async () => {
    const clock = manualClock();
    const batch = newBatch();
    await createOutbox(repos.outbox, clock).enqueue(batch, [message('a:flaky', 'invitation')]);
    const attemptsAt: number[] = [];
    const { port } = recordingDelivery(() => {
      attemptsAt.push(clock.now().getTime());
      return { ok: false, status: 503, message: 'Service Unavailable' };
    });
    const status = await drain(clock, batch.batchId, dispatcher(clock, port, { config: { maxAttempts: 4, backoffBaseMs: 2000 } }));

    expect(attemptsAt).toHaveLength(4);
    const waits = attemptsAt.slice(1).map((at, i) => at - attemptsAt[i]!);
    expect(waits[0]).toBeGreaterThanOrEqual(1000);
    expect(waits[2]).toBeGreaterThanOrEqual(4000);
    expect(status).toMatchObject({ queued: 1, delivered: 0, failed: 1, pending: 0 });
    const letters = await repos.outbox.deadLetters(batch.batchId);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.letter).toMatchObject({ reason: 'exhausted', status: 503, attempts: 4, recipient: 'person-a:flaky' });
  });

  it('when a recipient has blocked the bot (403), then nothing more is sent to them, their other messages fail at once, and others still get theirs', async () => {
    const clock = manualClock();
    const batch = newBatch();
    await createOutbox(repos.outbox, clock).enqueue(batch, [
      message('a:blocker', 'first'),
      message('a:blocker', 'second'),
      message('a:blocker', 'third'),
      message('a:friendly', 'hello'),
    ]);
    const calls: string[] = [];
    const { port, sent } = recordingDelivery((conversationId, text) => {
      calls.push(`${conversationId} ${text}`);
      return conversationId === 'a:blocker' ? { ok: false, status: 403, message: 'ConversationBlockedByUser' } : { ok: true };
    });
    const status = await drain(clock, batch.batchId, dispatcher(clock, port, { config: { concurrency: 1 } }));

    expect(calls.filter((c) => c.startsWith('a:blocker'))).toHaveLength(1);
    expect(sent).toEqual([{ conversationId: 'a:friendly', text: 'hello' }]);
    expect(status).toMatchObject({ queued: 4, delivered: 1, failed: 3, pending: 0 });
    const letters = await repos.outbox.deadLetters(batch.batchId);
    expect(letters.map((l) => l.letter.reason)).toEqual(['blocked', 'blocked', 'blocked']);
    expect(letters.every((l) => l.letter.attempts === 1)).toBe(true);
    expect(await repos.outbox.isBlocked('a:blocker')).toBe(true);
  });

  it('when the real botbuilder adapter sends through the connector, then 429, 5xx and 403 are each handled as such and the batch tells the requester', async () => {
    const clock = manualClock();
    const outbox = createOutbox(repos.outbox, clock);
    const batch = newBatch('GRUS-resultater');
    await outbox.enqueue(batch, [
      message('a:real-1', 'one', simulator.serviceUrl),
      message('a:real-2', 'two', simulator.serviceUrl),
      message('a:real-3', 'three', simulator.serviceUrl),
    ]);
    simulator.block('a:real-3');
    simulator.failNext(1, 502);
    const real = dispatcher(clock, createBotDelivery(continueWith(createAdapter(undefined), '')), { config: { concurrency: 1, backoffBaseMs: 10 } });
    const status = await drain(clock, batch.batchId, real);

    expect(status).toMatchObject({ label: 'GRUS-resultater', queued: 3, delivered: 2, failed: 1, pending: 0 });
    expect(simulator.received('a:real-1')).toHaveLength(1);
    expect(simulator.received('a:real-2')).toHaveLength(1);
    expect((await outbox.deadLetters(batch.batchId)).map((l) => l.letter)).toMatchObject([{ reason: 'blocked', status: 403, recipient: 'person-a:real-3' }]);
    expect(simulator.stats().duplicates).toBe(0);
  });

  it('when a conversation gets more than Teams allows per second, then its messages are spread over the documented windows', async () => {
    const clock = manualClock();
    const batch = newBatch();
    await createOutbox(repos.outbox, clock).enqueue(batch, Array.from({ length: 20 }, (_, i) => message('19:busy@thread.tacv2', `post ${i}`)));
    const sentAt: number[] = [];
    const { port } = recordingDelivery(() => {
      sentAt.push(clock.now().getTime());
      return { ok: true };
    });
    // One at a time: with several in flight, other sends' sleeps move this manual clock between a
    // send's reservation and its delivery, which real time does not (by more than the padding).
    const status = await drain(clock, batch.batchId, dispatcher(clock, port, { config: { concurrency: 1 } }));

    expect(status).toMatchObject({ delivered: 20, pending: 0 });
    const most = (windowMs: number) => Math.max(...sentAt.map((end) => sentAt.filter((at) => at > end - windowMs && at <= end).length));
    expect(most(1000)).toBeLessThanOrEqual(7);
    expect(most(2000)).toBeLessThanOrEqual(8);
  });
});
