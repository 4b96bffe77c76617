import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { parseConfig } from '../../src/config';
import { addDays, isWorkingDay, localDate, weekdayOf, zonedTime } from '../../src/domain/quietHours';
import { departmentGroup, selfKind } from '../../src/domain/releases';
import { createJobs, nudgePolicyOf } from '../../src/jobs';
import { morningReleaseId } from '../../src/jobs/releases';
import { createLogger } from '../../src/logger';
import { publishReleases } from '../../src/services/releases';
import { botHarness, demo, visibleText } from '../support/botHarness';
import { demoId, rateThemselves } from '../support/ratings';

// The release job: figures are published on the working morning, when a MUS round's deadline
// passes, when HR asks and after a profile changes — on Azurite, through the real scheduler, with
// an injected clock; and two instances releasing at once.
let harness: Awaited<ReturnType<typeof botHarness>>;
const config = parseConfig({ APP_ENV: 'local' });
const zone = 'Europe/Copenhagen';
const today = localDate(new Date(), zone);
const cycle = today.slice(0, 4);
const hjemmeplejen = departmentGroup('hjemmeplejen-nord');
const samarbejde = selfKind('samarbejdskompetence');
const policy = () => nudgePolicyOf(config, harness.domainData);
const jobs = () => createJobs({
  repos: harness.repos, domainData: harness.domainData, messenger: harness.bot.reminders, policy: policy(), logger: createLogger('silent'),
  aarshjul: false, anonymityThreshold: 5, releases: true, owner: 'test-instance',
});
/** The next day from `date` (inclusive) that is (or is not) a working day, in this cycle's year if there is one. */
function nextDay(from: string, working: boolean): string {
  let date = from;
  while (isWorkingDay(date, policy().window) !== working || (!working && ![0, 6].includes(weekdayOf(date)))) date = addDays(date, 1);
  return date;
}
const released = () => harness.repos.releases.current(cycle, hjemmeplejen);

beforeAll(async () => {
  harness = await botHarness();
  for (const user of [demo.camilla, demo.lars]) await harness.install(user);
  await rateThemselves(harness.repos, [1, 3, 4, 7, 8].map(demoId), cycle, 'hjemmeplejen-nord', { samarbejdskompetence: 3 });
  harness.takeProactive();
});
afterAll(async () => {
  await harness?.repos.tables.dropTables();
});

describe('when figures are published', () => {
  it('when a weekend morning passes, then nothing is published; on the working morning, the five who rated are', async () => {
    const saturday = nextDay(today, false);
    await jobs().runDue(zonedTime(saturday, 7, 0, zone));
    expect(await harness.repos.schedule.get(morningReleaseId(saturday))).toBeUndefined();
    expect(await released()).toBeUndefined();

    const monday = nextDay(saturday, true);
    const report = await jobs().runDue(zonedTime(monday, 6, 5, zone));
    expect((await harness.repos.schedule.get(morningReleaseId(monday)))?.state).toBe('done');
    expect(report.done).toBeGreaterThan(0);
    expect((await released())?.figures[samarbejde]).toMatchObject({ respondents: 5, distribution: [0, 0, 5, 0, 0] });
    // The same morning again publishes nothing more.
    const before = (await released())!.release;
    await jobs().runDue(zonedTime(monday, 9, 0, zone));
    expect((await released())!.release).toBe(before);
  });

  it("when a MUS round's deadline passes, then the figures are published at the end of that day", async () => {
    const deadline = addDays(today, 9);
    await harness.execute(demo.lars, verbs.roundStart, { departmentId: 'hjemmeplejen-nord', deadline, includeSub: 'false' });
    harness.takeProactive();
    const item = await harness.repos.schedule.get(`release|deadline|${cycle}|hjemmeplejen-nord`);
    expect(item?.dueAt).toBe(zonedTime(addDays(deadline, 1), 0, 0, zone).toISOString());
    await rateThemselves(harness.repos, [9].map(demoId), cycle, 'hjemmeplejen-nord', { samarbejdskompetence: 1 });
    const before = (await released())!;
    await jobs().runDue(new Date(item!.dueAt));
    expect((await harness.repos.schedule.get(`release|deadline|${cycle}|hjemmeplejen-nord`))?.state).toBe('done');
    // A release was made (the count moved), and the figure stayed: one more is not five more.
    const after = (await released())!;
    expect(after.release).toBeGreaterThan(before.release);
    expect(after.answered).toBe(6);
    expect(after.figures[samarbejde]).toEqual(before.figures[samarbejde]);
  });

  it('when Camilla asks to publish now, then it is done at once and she is told what was published', async () => {
    await rateThemselves(harness.repos, [10, 11, 12, 24].map(demoId), cycle, 'hjemmeplejen-nord', { samarbejdskompetence: 5 });
    expect((await harness.submit(demo.camilla, { verb: verbs.releasePublish })).map(visibleText).join('\n')).toContain('Tallene udgives nu');
    await jobs().runDue(new Date(Date.now() + 1000));
    const told = harness.takeProactive().filter((r) => r.conversation?.id === `a:personal-${demo.camilla.aadObjectId}`).map(visibleText).join('\n');
    expect(told).toContain('Tallene er udgivet');
    expect(told).toMatch(new RegExp(`${cycle}: udgivelse nr\\. \\d+ med \\d+ nye tal\\.`));
    expect((await released())?.figures[samarbejde]).toMatchObject({ respondents: 10, distribution: [1, 0, 5, 0, 4] });
  });

  it('when Lars saves a new desired level, then a release some minutes later holds the gaps against it — and many saves make one release', async () => {
    for (const level of ['4', '5']) await harness.execute(demo.lars, verbs.profileSave, { departmentId: 'hjemmeplejen-nord', jobGroup: '', d_samarbejdskompetence: level });
    const items = (await harness.repos.schedule.dueIds(new Date(Date.now() + 10 * 60_000), 100)).filter((i) => i.id.startsWith('release|profile|'));
    expect(items).toHaveLength(1);
    expect(new Date(items[0]!.dueAt).getTime()).toBeGreaterThan(Date.now() + 60_000);
    expect((await released())?.desired.samarbejdskompetence).toBeUndefined();
    await jobs().runDue(new Date(items[0]!.dueAt));
    expect((await released())?.desired.samarbejdskompetence).toBe(5);
    expect(visibleText((await harness.submit(demo.lars, { verb: verbs.gapsOpen, departmentId: 'hjemmeplejen-nord' }))[0]!)).toContain('Nu 3,6 · Ønsket 5 · Gab 1,4');
  });
});

describe('several instances', () => {
  it('when two instances publish at the same moment, then each release number is committed once, whole, and every view reads a committed release', async () => {
    await rateThemselves(harness.repos, [13, 14, 15, 6, 2].map(demoId), cycle, 'social-sundhed', { samarbejdskompetence: 2 });
    const now = new Date();
    const run = (owner: string) => publishReleases(harness.repos, harness.domainData, { now, threshold: 5, trigger: 'morning', owner, cycle });
    const [a, b] = await Promise.all([run('instance-a'), run('instance-b')]);
    const made = [...a, ...b].filter((r) => r.cycle === cycle && r.release !== undefined);
    expect(made.length).toBeGreaterThanOrEqual(1);
    const headers = (await harness.repos.releases.headersOf(cycle)).map((h) => h.header);
    expect(new Set(headers.map((h) => h.release)).size).toBe(headers.length);
    expect(headers.every((h) => h.state === 'committed')).toBe(true);
    const latest = headers.at(-1)!;
    // The current rows are the newest committed release's rows, exactly.
    const rows = await harness.repos.releases.groupsOfRelease(cycle, latest.release);
    for (const row of rows) expect(await harness.repos.releases.current(cycle, row.group)).toEqual(row);
  });

  it('when a release was cut off after its number was claimed, then another run waits, and takes the number over once the claim is old', async () => {
    const latest = (await harness.repos.releases.latest(cycle))!;
    const claimedAt = new Date();
    await harness.repos.releases.claim({ release: latest.release + 1, cycle, state: 'writing', owner: 'crashed', startedAt: claimedAt.toISOString(), at: claimedAt.toISOString(), trigger: 'morning', fresh: 0, groups: 0, digest: '' }, 0);
    await rateThemselves(harness.repos, [17, 18, 19, 20, 21].map(demoId), cycle, 'borgerservice', { samarbejdskompetence: 4 });
    const soon = await publishReleases(harness.repos, harness.domainData, { now: new Date(claimedAt.getTime() + 60_000), threshold: 5, trigger: 'morning', owner: 'b', cycle });
    expect(soon.find((r) => r.cycle === cycle)).toMatchObject({ reason: 'another release of this cycle is being made' });
    expect((await harness.repos.releases.latest(cycle))!.release).toBe(latest.release);
    const later = await publishReleases(harness.repos, harness.domainData, { now: new Date(claimedAt.getTime() + 16 * 60_000), threshold: 5, trigger: 'morning', owner: 'b', cycle });
    expect(later.find((r) => r.cycle === cycle)?.release).toBe(latest.release + 1);
    expect((await harness.repos.releases.current(cycle, departmentGroup('borgerservice')))?.figures[samarbejde]).toMatchObject({ respondents: 5 });
  });
});
