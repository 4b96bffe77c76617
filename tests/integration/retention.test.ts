import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { createJobs, nudgePolicyOf } from '../../src/jobs';
import { retentionId } from '../../src/jobs/privacy';
import { createLogger } from '../../src/logger';
import { AuditRepository } from '../../src/storage/auditRepository';
import { decodeKey } from '../../src/storage/keys';
import { OutboxRepository } from '../../src/storage/outboxRepository';
import { tableRoles } from '../../src/storage/tables';
import { botHarness, demo } from '../support/botHarness';

// The retention period (3 years) on Azurite, with the scheduler on an injected clock: on
// 1 June 2026 everything of the 2022 cycle (and older) goes; 2023 and later are untouched.
let harness: Awaited<ReturnType<typeof botHarness>>;
const { mette, sofie, lars } = demo;
const now = new Date('2026-06-01T10:00:00Z');
const dept = 'hjemmeplejen-nord';

async function seedCycle(cycle: string, at: Date): Promise<void> {
  const { repos } = harness;
  for (const person of [mette.aadObjectId, sofie.aadObjectId]) {
    const prep = await repos.preparations.start(person, cycle, dept);
    await repos.preparations.saveStep(person, prep, 'rating-kultur', { kind: 'rating', ratings: { samarbejdskompetence: 3 } }, true);
    await repos.preparations.saveLeaderRating(person, cycle, lars.aadObjectId, { samarbejdskompetence: 4 });
    const plan = await repos.plans.load(person, cycle, dept);
    await repos.plans.save(person, cycle, plan, { revision: 1, goals: [], approvals: {}, approvedVersion: 0 }, person);
    await repos.plans.saveEffect(person, cycle, 'a1', { outcome: 'well', use: 'Bruger det', next: '' });
    await repos.schedule.schedule({ id: `nudge|${cycle}|${person}|1`, kind: 'mus-nudge', dueAt: new Date(`${cycle}-03-01T08:00:00Z`), payload: {} });
  }
  await repos.rounds.open(dept, cycle, `${cycle}-03-01`, false, lars.aadObjectId);
  await repos.rounds.markInvited(dept, cycle, [mette.aadObjectId, sofie.aadObjectId]);
  await repos.postings.create(`posting-${cycle}`, { departmentId: dept, cycle, channelId: '19:general@thread.tacv2', postedBy: lars.aadObjectId, locale: 'da', card: {}, choices: [] });
  await repos.postings.vote(`posting-${cycle}`, mette.aadObjectId, 'samarbejdskompetence');
  await repos.grus.create(`grus-${cycle}`, {
    departmentId: dept, cycle, channelId: '19:general@thread.tacv2', teamName: 'Hjemmeplejen Nord', startedBy: lars.aadObjectId,
    deadline: `${cycle}-04-01`, locale: 'da', participants: [mette.aadObjectId], questions: [],
  });
  await repos.grus.saveAnswer(`grus-${cycle}`, mette.aadObjectId, { q1: 'svar' });
  await repos.actionPlans.save(dept, cycle, [], lars.aadObjectId, true, undefined, undefined);
  await repos.departmentSettings.setProfile(dept, cycle, { samarbejdskompetence: 4 }, lars.aadObjectId);
  await new AuditRepository(repos.tables, () => at).record({ readerId: lars.aadObjectId, subjectIds: [mette.aadObjectId], kind: 'plan', detail: cycle });
  // A message that could not be delivered in that year.
  const outbox = new OutboxRepository(repos.tables);
  const reference = { bot: { id: 'b' }, conversation: { id: `a:${cycle}` }, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/' };
  await outbox.enqueue({ batchId: `batch-${cycle}`, label: 'x', requestedBy: lars.aadObjectId }, [{ recipient: mette.aadObjectId, reference, activity: { type: 'message' } }], at);
  const [entry] = await outbox.claimable(`batch-${cycle}`, at, 1);
  await outbox.markFailed((await outbox.claim(entry!, 'test', at, 60_000))!, { reason: 'rejected', status: 400, detail: 'x' }, at);
}

type Row = { key: string; text: string };
async function scanAll(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const role of tableRoles) {
    for await (const e of harness.repos.tables.table(role).listEntities<Record<string, unknown>>()) {
      const { etag: _etag, timestamp: _timestamp, ...fields } = e as Record<string, unknown>;
      rows.push({ key: `${role}|${decodeKey(String(e.partitionKey))}|${decodeKey(String(e.rowKey))}`, text: JSON.stringify(fields) });
    }
  }
  return rows;
}

const jobs = () => createJobs({
  repos: harness.repos, domainData: harness.domainData, messenger: harness.bot.reminders,
  policy: nudgePolicyOf(parseConfig({ APP_ENV: 'local' }), harness.domainData), logger: createLogger('silent'), aarshjul: false, retentionYears: 3,
});

beforeAll(async () => {
  harness = await botHarness();
  await seedCycle('2022', new Date('2022-05-01T10:00:00Z'));
  await seedCycle('2023', new Date('2023-02-01T10:00:00Z'));
  // Work still to come whose id happens to start like an old year (a GRUS id is a random UUID).
  await harness.repos.schedule.schedule({ id: 'grus|2022abcd-0000-4000-8000-000000000000|deadline', kind: 'grus-deadline', dueAt: new Date('2026-07-01T06:00:00Z'), payload: {} });
});
afterAll(async () => {
  await harness?.repos.tables.dropTables();
});

describe('the retention period', () => {
  it('when the scheduler runs on 1 June 2026 with 3 years, then the 2022 cycle is gone from every table and 2023 is untouched', async () => {
    const before = await scanAll();
    const mentions2022 = (r: Row) => r.key.includes('2022') || r.text.includes('2022');
    expect(before.filter(mentions2022).length).toBeGreaterThan(20);

    await jobs().runDue(now);
    expect(await harness.repos.schedule.get(retentionId(now))).toMatchObject({ kind: 'retention', state: 'done' });

    const after = await scanAll();
    const afterByKey = new Map(after.map((r) => [r.key, r.text]));
    // Every row of the old cycle is gone, except the department's competence profile (no one's personal data).
    expect(after.filter(mentions2022).map((r) => r.key).filter((k) => !k.startsWith('profiles|') && !k.includes('2022abcd'))).toEqual([]);
    expect(await harness.repos.preparations.load(mette.aadObjectId, '2022')).toBeUndefined();
    expect((await harness.repos.preparations.listRatings('2022')).size).toBe(0);
    expect(await harness.repos.rounds.get(dept, '2022')).toBeUndefined();
    expect(await harness.repos.postings.load('posting-2022')).toBeUndefined();
    expect(await harness.repos.grus.load('grus-2022')).toBeUndefined();
    expect(await harness.repos.outbox.deadLetters('batch-2022')).toEqual([]);
    expect(await harness.repos.departmentSettings.getProfile(dept, '2022')).toBeDefined();
    expect(await harness.repos.schedule.get('grus|2022abcd-0000-4000-8000-000000000000|deadline')).toMatchObject({ state: 'pending' });

    // Everything else is exactly as it was (the schedule's own rows aside: the seeded 2023 nudges came due and ran).
    const kept = before.filter((r) => !mentions2022(r) && !r.key.startsWith('schedule|'));
    for (const row of kept) expect(afterByKey.get(row.key), row.key).toBe(row.text);
    expect(await harness.repos.preparations.load(mette.aadObjectId, '2023')).toBeDefined();
    expect((await harness.repos.preparations.listRatings('2023')).size).toBe(2);
    expect((await harness.repos.rounds.get(dept, '2023'))?.invited).toHaveLength(2);
    expect((await harness.repos.audit.forSubject(mette.aadObjectId, 10)).map((e) => e.detail)).toEqual(['2023']);
    expect(await harness.repos.outbox.deadLetters('batch-2023')).toHaveLength(1);
  });

  it('when it runs again the same day or the next, then nothing more is deleted until 2023 falls out of the period', async () => {
    const before = (await scanAll()).filter((r) => !r.key.startsWith('schedule|')).map((r) => r.key).sort();
    await jobs().runDue(now);
    await jobs().runDue(new Date('2026-06-02T10:00:00Z'));
    expect((await scanAll()).filter((r) => !r.key.startsWith('schedule|')).map((r) => r.key).sort()).toEqual(before);

    await jobs().runDue(new Date('2027-01-02T10:00:00Z'));
    expect(await harness.repos.preparations.load(mette.aadObjectId, '2023')).toBeUndefined();
    expect(await harness.repos.audit.forSubject(mette.aadObjectId, 10)).toEqual([]);
  });
});
