import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { botHarness, demo, visibleText } from '../support/botHarness';

// The audit log: every read of another person's personal data is recorded before it is shown,
// and HR reads the log in chat. Through the real bot on Azurite.
let harness: Awaited<ReturnType<typeof botHarness>>;
const { mette, lars, sofie, camilla } = demo;
const cycle = String(new Date().getUTCFullYear());
const id = (user: { aadObjectId: string }) => user.aadObjectId.toLowerCase();

beforeAll(async () => {
  harness = await botHarness();
  const { repos } = harness;
  const prep = await repos.preparations.start(mette.aadObjectId, cycle, 'hjemmeplejen-nord');
  await repos.preparations.saveStep(mette.aadObjectId, prep, 'theme-future-ambitions', { kind: 'questions', answers: { 'future-next-year': 'Mit mål for næste år' } }, true);
  await repos.preparations.share(mette.aadObjectId, (await repos.preparations.load(mette.aadObjectId, cycle))!, ['theme-future-ambitions']);
});
afterAll(async () => {
  await harness?.repos.tables.dropTables();
});

const textOf = (replies: Partial<Activity>[]) => replies.map(visibleText).join('\n');
const invokeText = (replies: Partial<Activity>[]) =>
  visibleText({ attachments: [{ contentType: 'x', content: (replies.find((r) => r.type === 'invokeResponse')!.value as { body: { value: unknown } }).body.value }] });
const entriesAbout = async (user: { aadObjectId: string }) => harness.repos.audit.forSubject(user.aadObjectId, 100);

describe('the audit log of reads of other people\'s data', () => {
  it('when Lars opens Mette\'s shared preparation, then an entry says who, whose, what and when', async () => {
    const before = Date.now();
    expect(textOf(await harness.submit(lars, { verb: verbs.deptOpenShared, ownerId: mette.aadObjectId }))).toContain('Mit mål for næste år');
    const [entry] = await entriesAbout(mette);
    expect(entry).toMatchObject({ readerId: id(lars), subjectId: id(mette), kind: 'shared-preparation', detail: cycle });
    expect(Date.parse(entry!.at)).toBeGreaterThanOrEqual(before - 1000);
    expect((await harness.repos.audit.latest(1))[0]).toEqual(entry);
  });

  it('when Lars opens Mette\'s plan, her rating and his department, then each read is recorded', async () => {
    await harness.submit(lars, { verb: verbs.planShow, ownerId: mette.aadObjectId });
    await harness.submit(lars, { verb: verbs.leaderRatingOpen, ownerId: mette.aadObjectId });
    expect(textOf(await harness.say(lars, 'min afdeling'))).toContain('Sofie Hansen');
    const kinds = (await entriesAbout(mette)).map((e) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['department-status', 'leader-rating', 'plan']);
    // Everyone named on the department card is recorded, never Lars himself.
    expect((await entriesAbout(sofie)).map((e) => e.kind)).toEqual(['department-status']);
    expect(await entriesAbout(lars)).toEqual([]);
  });

  it('when Mette reads her own preparation and plan, then nothing is recorded', async () => {
    const count = (await harness.repos.audit.latest(100)).length;
    await harness.say(mette, 'forbered MUS');
    await harness.say(mette, 'udviklingsplan');
    const latest = await harness.repos.audit.latest(100);
    expect(latest).toHaveLength(count);
    expect(latest.filter((e) => e.readerId === id(mette))).toEqual([]);
  });

  it('when the audit entry cannot be written, then the read fails and nothing of Mette\'s is shown', async () => {
    const table = harness.repos.tables.table('audit');
    await table.deleteTable();
    try {
      const text = textOf(await harness.submit(lars, { verb: verbs.deptOpenShared, ownerId: mette.aadObjectId }));
      expect(text).toContain('noget gik galt');
      expect(text).not.toContain('Mit mål for næste år');
    } finally {
      await harness.repos.tables.ensureTables();
    }
  });

  it('when Camilla (HR) opens the audit log, then she sees the latest reads with names, and can filter on one person', async () => {
    // (The previous test dropped the log's table: these reads are recorded anew.)
    await harness.submit(lars, { verb: verbs.deptOpenShared, ownerId: mette.aadObjectId });
    await harness.say(lars, 'min afdeling');
    const all = textOf(await harness.say(camilla, 'revisionslog'));
    expect(all).toContain('Revisionslog');
    expect(all).toContain('Lars Nielsen så Mette Jensen: delte MUS-forberedelse');

    const onlySofie = invokeText(await harness.execute(camilla, verbs.auditShow, { person: 'sofie.hansen@demokommune.dk' }));
    expect(onlySofie).toContain('Revisionslog – Sofie Hansen');
    expect(onlySofie).toContain('Lars Nielsen så Sofie Hansen: status i afdelingens oversigt');
    expect(onlySofie).not.toContain('Mette Jensen');

    // The English command works too (Camilla's language, set by HR, is Danish).
    expect(textOf(await harness.say(camilla, 'audit log', { locale: 'en-US' }))).toContain('Lars Nielsen så Mette Jensen');
  });

  it('when HR asks for help, then the audit log and erasure are offered; a leader is not offered them', async () => {
    const hr = textOf(await harness.say(camilla, 'hjælp'));
    expect(hr).toContain('revisionslog');
    expect(hr).toContain('slet person');
    const leader = textOf(await harness.say(lars, 'hjælp'));
    expect(leader).not.toContain('revisionslog');
    expect(leader).not.toContain('slet person');
  });

  it('when a leader or an employee asks for the audit log, then they are refused and see no entries', async () => {
    expect(textOf(await harness.say(lars, 'revisionslog'))).toContain('Revisionsloggen kan kun ses af HR');
    expect(textOf(await harness.say(mette, 'audit log'))).toContain('Revisionsloggen kan kun ses af HR');
    const refused = invokeText(await harness.execute(lars, verbs.auditShow, { person: '' }));
    expect(refused).toContain('ikke adgang');
    expect(refused).not.toContain('Mette Jensen');
  });
});
