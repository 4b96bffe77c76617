import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobs, nudgePolicyOf } from '../../src/jobs';
import { musNudgeKind, nudgeId } from '../../src/jobs/musNudges';
import { parseConfig } from '../../src/config';
import { zonedTime } from '../../src/domain/quietHours';
import { createLogger } from '../../src/logger';
import { createServer } from '../../src/server';
import { botHarness, demo, type DemoUser, visibleText } from '../support/botHarness';
import { demoId } from '../support/ratings';

let harness: Awaited<ReturnType<typeof botHarness>>;
const logger = createLogger('silent');
const config = parseConfig({ APP_ENV: 'local' });
const cycle = String(new Date().getUTCFullYear());
const allSteps = ['theme-looking-back', 'theme-tasks-wellbeing', 'theme-collaboration-leadership', 'rating-udvikling', 'rating-kultur',
  'rating-resultater', 'theme-future-ambitions', 'theme-learning-preferences', 'theme-development-goals'];
const cph = (date: string, hour: number) => zonedTime(date, hour, 0, 'Europe/Copenhagen');

function jobs(options: { aarshjul: boolean }) {
  return createJobs({
    repos: harness.repos, domainData: harness.domainData, messenger: harness.bot.reminders, policy: nudgePolicyOf(config, harness.domainData), logger, ...options,
  });
}

const cardsTo = (replies: ReturnType<typeof harness.takeProactive>, user: { aadObjectId: string }, title: string) =>
  replies.filter((r) => r.conversation?.id === `a:personal-${user.aadObjectId}` && visibleText(r).includes(title));

beforeAll(async () => {
  harness = await botHarness();
  for (const user of [demo.mette, demo.sofie, demo.lars, demo.camilla]) await harness.install(user);
});
afterAll(async () => {
  await harness?.repos.tables.dropTables();
});

describe('nudges before a MUS round deadline', () => {
  it('when Lars starts a round with a near deadline and the clock passes the nudge moments, then Sofie (not prepared) gets exactly one nudge and Mette (prepared) none', async () => {
    const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await harness.execute(demo.lars, 'round.start', { departmentId: 'hjemmeplejen-nord', deadline, includeSub: 'false' });
    harness.takeProactive();
    // Mette finishes her preparation; Sofie does not.
    let prep = await harness.repos.preparations.start(demo.mette.aadObjectId, cycle, 'hjemmeplejen-nord');
    for (const stepId of allSteps) {
      const answer = stepId.startsWith('rating') ? { kind: 'rating' as const, ratings: {} } : { kind: 'questions' as const, answers: {} };
      await harness.repos.preparations.saveStep(demo.mette.aadObjectId, prep, stepId, answer, true);
      prep = (await harness.repos.preparations.load(demo.mette.aadObjectId, cycle))!;
    }

    const planned = (await Promise.all([1, 2].map((n) => harness.repos.schedule.get(nudgeId(cycle, demo.sofie.aadObjectId, n))))).filter((i) => i !== undefined);
    expect(planned.length).toBeGreaterThan(0);
    expect(planned.every((i) => i.kind === musNudgeKind && i.state === 'pending')).toBe(true);
    const last = new Date(planned.at(-1)!.dueAt);

    // The bot was not ticking in between: at the last nudge's moment, everything earlier is due too.
    const report = await jobs({ aarshjul: false }).runDue(last);
    const sent = harness.takeProactive();
    expect(cardsTo(sent, demo.sofie, 'Husk din MUS-forberedelse')).toHaveLength(1);
    expect(visibleText(cardsTo(sent, demo.sofie, 'Husk din MUS-forberedelse')[0]!)).toContain('du er ikke begyndt endnu');
    expect(cardsTo(sent, demo.mette, 'Husk din MUS-forberedelse')).toHaveLength(0);
    expect(report.sent).toBe(1);
    expect(await harness.repos.schedule.get(nudgeId(cycle, demo.mette.aadObjectId, planned.length))).toMatchObject({ state: 'skipped', reason: 'finished' });

    // Ticks after that send nothing more, even after the deadline.
    await jobs({ aarshjul: false }).runDue(new Date(last.getTime() + 60_000));
    await jobs({ aarshjul: false }).runDue(new Date(Date.parse(`${deadline}T23:30:00Z`)));
    expect(cardsTo(harness.takeProactive(), demo.sofie, 'Husk din MUS-forberedelse')).toHaveLength(0);
  });

  it('when a nudge comes due at a weekend, then it waits for Monday 08:00 and is sent then', async () => {
    await harness.repos.rounds.open('hjemmeplejen-nord', '2028', '2028-03-15', false, demo.lars.aadObjectId);
    const id = nudgeId('2028', demo.sofie.aadObjectId, 1);
    await harness.repos.schedule.schedule({ id, kind: musNudgeKind, dueAt: cph('2028-03-04', 10), payload: { cycle: '2028', departmentId: 'hjemmeplejen-nord', personId: demo.sofie.aadObjectId, n: 1 } });
    expect(await jobs({ aarshjul: false }).runDue(cph('2028-03-04', 10))).toMatchObject({ deferred: 1, sent: 0 }); // Saturday
    expect(await harness.repos.schedule.get(id)).toMatchObject({ state: 'pending', dueAt: cph('2028-03-06', 8).toISOString(), reason: 'quiet hours' });
    expect(await jobs({ aarshjul: false }).runDue(cph('2028-03-05', 23))).toMatchObject({ ran: 0 });
    expect(harness.takeProactive()).toHaveLength(0);
    expect(await jobs({ aarshjul: false }).runDue(cph('2028-03-06', 8))).toMatchObject({ sent: 1 });
    expect(cardsTo(harness.takeProactive(), demo.sofie, 'Husk din MUS-forberedelse')).toHaveLength(1);
  });
});

describe('årshjul reminders', () => {
  it('when the MUS season opens and no round is started, then a leader gets the reminder with "start the MUS round", employees one with "prepare", each once', async () => {
    const monday = cph('2027-02-01', 9);
    await jobs({ aarshjul: true }).runDue(monday);
    const sent = harness.takeProactive();
    const lars = cardsTo(sent, demo.lars, 'MUS-sæsonen åbner');
    expect(lars).toHaveLength(1);
    expect(visibleText(lars[0]!)).toContain('Start MUS-runde: Hjemmeplejen Nord');
    expect(visibleText(lars[0]!)).toContain('Hjemmeplejen Nord: ingen MUS-runde startet endnu');
    const mette = cardsTo(sent, demo.mette, 'MUS-sæsonen åbner');
    expect(mette).toHaveLength(1);
    expect(visibleText(mette[0]!)).toContain('Forbered MUS');
    // A leader is also a member of the department: one reminder, the leader's.
    expect(visibleText(lars[0]!)).not.toContain('Forbered MUS');

    await jobs({ aarshjul: true }).runDue(new Date(monday.getTime() + 3_600_000));
    expect(cardsTo(harness.takeProactive(), demo.lars, 'MUS-sæsonen åbner')).toHaveLength(0);
  });

  it('when the bot comes back after a milestone day has passed, then that reminder is skipped rather than sent late', async () => {
    // Lederforum on 1 December 2027, reminder due 10 November; the bot was down until 2 December.
    await jobs({ aarshjul: true }).runDue(cph('2027-11-01', 9));
    harness.takeProactive();
    await jobs({ aarshjul: true }).runDue(cph('2027-12-02', 9));
    expect(cardsTo(harness.takeProactive(), demo.camilla, 'Lederforum')).toHaveLength(0);
    expect(await harness.repos.schedule.get('milestone|2027|lederforum-evaluation|municipality')).toMatchObject({ state: 'skipped', reason: 'past' });
  });

  it("when the MED discussion's reminder comes due, then the area's MED members and the TR get it once, with the way to their area's figures; employees do not; Hovedudvalget's goes to its members only", async () => {
    const anne: DemoUser = { aadObjectId: demoId(7), name: 'Anne Kristensen' };
    const maria: DemoUser = { aadObjectId: demoId(13), name: 'Maria Rasmussen' };
    const julie: DemoUser = { aadObjectId: demoId(18), name: 'Julie Poulsen' };
    for (const user of [anne, maria, julie]) await harness.install(user);
    harness.takeProactive();
    // 15 October 2028, 21 days' notice: Sunday 24 September, so Monday 08:00.
    await jobs({ aarshjul: true }).runDue(cph('2028-09-25', 9));
    const sent = harness.takeProactive();
    const med = 'Årlig drøftelse i MED-udvalget';
    for (const user of [demo.sofie, anne, maria, julie, demo.lars, demo.camilla]) expect(cardsTo(sent, user, med), user.name).toHaveLength(1);
    expect(cardsTo(sent, demo.mette, med)).toHaveLength(0);
    expect(visibleText(cardsTo(sent, demo.sofie, med)[0]!)).toContain('Åbn områdets tal');
    expect(visibleText(cardsTo(sent, demo.lars, med)[0]!)).not.toContain('Åbn områdets tal');
    await jobs({ aarshjul: true }).runDue(cph('2028-09-25', 15));
    expect(cardsTo(harness.takeProactive(), demo.sofie, med)).toHaveLength(0);

    // 15 November 2028, 21 days' notice: Wednesday 25 October.
    await jobs({ aarshjul: true }).runDue(cph('2028-10-25', 9));
    const later = harness.takeProactive();
    const hu = 'Hovedudvalgets årlige drøftelse';
    expect(cardsTo(later, maria, hu)).toHaveLength(1);
    expect(cardsTo(later, demo.camilla, hu)).toHaveLength(1);
    for (const user of [demo.sofie, anne, demo.lars, demo.mette]) expect(cardsTo(later, user, hu), user.name).toHaveLength(0);
  });
});

describe('POST /api/jobs/run', () => {
  const key = 'k'.repeat(40);
  let baseUrl: string;
  let close: () => void;
  beforeAll(async () => {
    const scheduler = jobs({ aarshjul: false });
    const server = createServer({
      logger, handleMessages: async () => undefined, checkStorage: async () => undefined,
      jobs: { key, runDue: (now) => scheduler.runDue(now), allowNowOverride: false, clock: () => new Date('2026-11-24T09:00:00Z') },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close?.());

  const post = (headers: Record<string, string>, body?: unknown) =>
    fetch(`${baseUrl}/api/jobs/run`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: body ? JSON.stringify(body) : '{}' });

  it('when it is called without the key or with a wrong one, then it answers 401 and runs nothing', async () => {
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: `Bearer ${'x'.repeat(40)}` })).status).toBe(401);
    expect((await post({ 'x-jobs-key': key.slice(1) })).status).toBe(401);
  });

  it('when it is called with the key, then it runs the due jobs at the server clock and reports', async () => {
    const response = await post({ authorization: `Bearer ${key}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ now: '2026-11-24T09:00:00.000Z', report: { ran: expect.any(Number), busy: expect.any(Number) } });
    expect((await post({ 'x-jobs-key': key })).status).toBe(200);
  });

  it('when a caller outside local mode says what time it is, then it is refused', async () => {
    expect((await post({ authorization: `Bearer ${key}` }, { now: '2030-01-01T00:00:00Z' })).status).toBe(400);
  });
});
