import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { z } from 'zod';
import { jobKind } from '../../src/jobs/kinds';
import { createScheduler, type Scheduler } from '../../src/jobs/scheduler';
import { createLogger } from '../../src/logger';
import { projectRoot } from '../../src/paths';
import { openStorage, type Repositories } from '../../src/storage';
import { testRepositories, testStorageConfig } from '../support/storage';

// The schedule itself, with a job kind that only records what it "sends".
let repos: Repositories & { prefix: string };
let sent: string[];
const logger = createLogger('silent');
const t0 = new Date('2026-11-24T09:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
/** The kind tests/support/scheduleWorker.ts registers too (importing it would run it). */
const recordingKind = 'test-record';
const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 5));

const recording = jobKind({
  kind: recordingKind,
  payload: z.object({ crashBeforeSend: z.boolean().optional() }).passthrough(),
  async run(payload, context) {
    await pause();
    if (payload.crashBeforeSend) throw new Error('storage hiccup before the send');
    await context.beginSend();
    await pause();
    sent.push(context.id);
    return { state: 'sent' };
  },
});

function scheduler(r: Repositories, owner: string): Scheduler {
  return createScheduler({ schedule: r.schedule, kinds: [recording], logger, owner, leaseMs: 120_000, concurrency: 4 });
}

const schedule = (r: Repositories, id: string, dueAt: Date, payload: Record<string, unknown> = {}) =>
  r.schedule.schedule({ id, kind: recordingKind, dueAt, payload });

beforeAll(async () => {
  repos = await testRepositories();
});
afterAll(async () => {
  await repos?.tables.dropTables();
});

describe('the durable schedule', () => {
  it('when the same id is scheduled twice, then there is one item; a waiting one moves, a finished one stays finished', async () => {
    sent = [];
    expect(await schedule(repos, 'once|a', minutes(10))).toBe('created');
    expect(await schedule(repos, 'once|a', minutes(10))).toBe('unchanged');
    expect(await schedule(repos, 'once|a', minutes(5))).toBe('moved');
    expect((await repos.schedule.dueIds(minutes(4), 100)).map((d) => d.id)).not.toContain('once|a');
    expect((await repos.schedule.dueIds(minutes(5), 100)).map((d) => d.id)).toContain('once|a');
    await scheduler(repos, 'one').runDue(minutes(5));
    expect(sent).toEqual(['once|a']);
    expect(await schedule(repos, 'once|a', minutes(20))).toBe('finished');
    await scheduler(repos, 'one').runDue(minutes(30));
    expect(sent).toEqual(['once|a']);
    expect(await repos.schedule.get('once|a')).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('when two scheduler instances run the same due items at the same time, then each item is sent exactly once', async () => {
    sent = [];
    const other = await openStorage(testStorageConfig(), repos.prefix); // a second instance: own clients, same tables
    const ids = Array.from({ length: 40 }, (_, i) => `race|${i}`);
    for (const id of ids) await schedule(repos, id, minutes(60 + (ids.indexOf(id) % 3)));
    const [a, b] = await Promise.all([scheduler(repos, 'instance-a').runDue(minutes(70)), scheduler(other, 'instance-b').runDue(minutes(70))]);
    expect([...sent].sort()).toEqual([...ids].sort());
    expect(a.sent + b.sent).toBe(40);
    for (const id of ids) expect((await repos.schedule.get(id))?.state).toBe('sent');
    expect(await repos.schedule.dueIds(minutes(70), 100)).toEqual([]);
  });

  it('when two scheduler processes run the same due items at the same time, then each item is sent exactly once', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `process-race|${i}`);
    for (const id of ids) await schedule(repos, id, minutes(100));
    const runWorker = (owner: string) =>
      new Promise<string[]>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'tests/support/scheduleWorker.ts')], {
          cwd: projectRoot,
          env: { ...process.env, STORAGE_CONNECTION_STRING: inject('storageConnectionString'), TABLE_PREFIX: repos.prefix, NOW: minutes(100).toISOString(), OWNER: owner },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('exit', (code) => (code === 0 ? resolve(out.split('\n').filter((l) => l.startsWith('SENT ')).map((l) => l.slice(5))) : reject(new Error(err))));
      });
    const [first, second] = await Promise.all([runWorker('process-a'), runWorker('process-b')]);
    expect([...first, ...second].sort()).toEqual([...ids].sort());
  });

  it('when the bot was down while items came due, then the next run sends them all', async () => {
    sent = [];
    await schedule(repos, 'downtime|1', minutes(200));
    await schedule(repos, 'downtime|2', minutes(300));
    await schedule(repos, 'downtime|later', minutes(2000));
    // Nothing ran between minute 200 and minute 1000.
    const report = await scheduler(repos, 'one').runDue(minutes(1000));
    expect(sent.sort()).toEqual(['downtime|1', 'downtime|2']);
    expect(report).toMatchObject({ sent: 2 });
    expect((await repos.schedule.get('downtime|later'))?.state).toBe('pending');
  });

  it('when an instance crashed holding a claim, then no one runs the item until the lease runs out, and then it is sent once', async () => {
    sent = [];
    await schedule(repos, 'crash|claimed', minutes(400));
    expect(await repos.schedule.claim('crash|claimed', 'crashed-instance', minutes(400), 120_000)).toBeDefined();
    // The crashed instance never finishes. Another one tries while the lease holds…
    expect(await scheduler(repos, 'survivor').runDue(minutes(401))).toMatchObject({ sent: 0, busy: 1 });
    expect(sent).toEqual([]);
    // …and after it ran out.
    expect(await scheduler(repos, 'survivor').runDue(minutes(403))).toMatchObject({ sent: 1 });
    expect(sent).toEqual(['crash|claimed']);
    expect(await repos.schedule.get('crash|claimed')).toMatchObject({ state: 'sent', owner: 'survivor', attempts: 2 });
  });

  it('when an instance crashed while sending, then the item is not sent again (at most once) but ends as failed with the reason', async () => {
    sent = [];
    await schedule(repos, 'crash|sending', minutes(500));
    const claim = await repos.schedule.claim('crash|sending', 'crashed-instance', minutes(500), 120_000);
    await repos.schedule.markSending(claim!);
    await scheduler(repos, 'survivor').runDue(minutes(510));
    expect(sent).toEqual([]);
    expect(await repos.schedule.get('crash|sending')).toMatchObject({ state: 'failed', reason: expect.stringContaining('interrupted while sending') });
  });

  it('when a job throws before it sends, then it is retried later with a pause, and not before', async () => {
    sent = [];
    await schedule(repos, 'retry|1', minutes(600), { crashBeforeSend: true });
    expect(await scheduler(repos, 'one').runDue(minutes(600))).toMatchObject({ retried: 1 });
    const item = await repos.schedule.get('retry|1');
    expect(item).toMatchObject({ state: 'pending', reason: expect.stringContaining('storage hiccup') });
    expect(new Date(item!.dueAt).getTime()).toBeGreaterThan(minutes(600).getTime());
    expect(await scheduler(repos, 'one').runDue(minutes(600))).toMatchObject({ ran: 0 });
    await repos.schedule.schedule({ id: 'retry|1', kind: recordingKind, dueAt: new Date(item!.dueAt), payload: {} });
    expect(await scheduler(repos, 'one').runDue(new Date(item!.dueAt))).toMatchObject({ sent: 1 });
  });

  it('when an item is cancelled while it waits, then it is skipped with the reason and never runs', async () => {
    sent = [];
    await schedule(repos, 'cancel|1', minutes(700));
    expect(await repos.schedule.cancel('cancel|1', 'no longer wanted')).toBe(true);
    await scheduler(repos, 'one').runDue(minutes(800));
    expect(sent).toEqual([]);
    expect(await repos.schedule.get('cancel|1')).toMatchObject({ state: 'skipped', reason: 'no longer wanted' });
  });
});
