import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { botHarness, demo, visibleText } from '../support/botHarness';
import { testRepositories } from '../support/storage';

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
    expect(entry).toMatchObject({ readerId: id(lars), subjectIds: [id(mette)], kind: 'shared-preparation', detail: cycle });
    expect(Date.parse(entry!.at)).toBeGreaterThanOrEqual(before - 1000);
    expect((await harness.repos.audit.latest(1))[0]).toEqual(entry);
  });

  it('when Lars opens Mette\'s plan, her rating and his department, then each read is recorded — the department as ONE entry naming everyone it showed', async () => {
    await harness.submit(lars, { verb: verbs.planShow, ownerId: mette.aadObjectId });
    await harness.submit(lars, { verb: verbs.leaderRatingOpen, ownerId: mette.aadObjectId });
    const before = (await harness.repos.audit.latest(100)).length;
    expect(textOf(await harness.say(lars, 'min afdeling'))).toContain('Sofie Hansen');
    const added = (await harness.repos.audit.latest(100)).slice(0, (await harness.repos.audit.latest(100)).length - before);
    expect(added).toHaveLength(1);
    const shownIds = (await harness.repos.org.listMemberIds('hjemmeplejen-nord')).filter((memberId) => memberId !== id(lars));
    expect(added[0]).toMatchObject({ readerId: id(lars), kind: 'department-status', detail: `Hjemmeplejen Nord ${cycle}` });
    expect([...added[0]!.subjectIds].sort()).toEqual([...shownIds].sort());
    // Each person on it still finds it: per-person search reads their index, which points at the one entry.
    const kinds = (await entriesAbout(mette)).map((e) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['department-status', 'leader-rating', 'plan']);
    expect(await entriesAbout(sofie)).toEqual([added[0]]);
    // Never Lars himself.
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

  it('when Camilla (HR) opens the audit log, then she sees the latest reads with names, one line per view, and can filter on one person and on the kind of read', async () => {
    // (The previous test dropped the log's table: these reads are recorded anew.)
    await harness.submit(lars, { verb: verbs.deptOpenShared, ownerId: mette.aadObjectId });
    await harness.say(lars, 'min afdeling');
    const all = textOf(await harness.say(camilla, 'revisionslog'));
    expect(all).toContain('Revisionslog');
    expect(all).toContain('Lars Nielsen så Mette Jensen: delte MUS-forberedelse');
    const overview = all.split('\n').filter((line) => line.includes('status i afdelingens oversigt'));
    expect(overview).toHaveLength(1);
    // Everyone it showed is named (ten here, so the card names all of them).
    const [, count, names] = /^Lars Nielsen så (\d+) personer: status i afdelingens oversigt \(Hjemmeplejen Nord \d{4}\) – (.+)$/.exec(overview[0]!)!;
    expect(names!.split(/, | og /)).toHaveLength(Number(count));
    expect(names).toContain('Mette Jensen');

    const onlySofie = invokeText(await harness.execute(camilla, verbs.auditShow, { person: 'sofie.hansen@demokommune.dk', kind: 'all' }));
    expect(onlySofie).toContain('Revisionslog – Sofie Hansen');
    // The one entry of the view, with Sofie named first.
    expect(onlySofie).toMatch(/Lars Nielsen så \d+ personer: status i afdelingens oversigt \(Hjemmeplejen Nord \d{4}\) – Sofie Hansen, /);
    expect(onlySofie).not.toContain('delte MUS-forberedelse');

    // Reads of shared preparations are not buried: HR filters on that kind.
    for (const [locale, reads, overviewText] of [['da-DK', 'Lars Nielsen så Mette Jensen: delte MUS-forberedelse', 'afdelingens oversigt'], ['en-US', 'Lars Nielsen saw Mette Jensen: shared MUS preparation', 'department overview']] as const) {
      if (locale === 'en-US') await harness.repos.preferences.setLanguage(camilla.aadObjectId, 'en');
      const shared = invokeText(await harness.execute(camilla, verbs.auditShow, { person: '', kind: 'shared-preparation' }, { locale }));
      expect(shared).toContain(reads);
      expect(shared.split('\n').filter((line) => line.includes(overviewText) && !/^(Afdelingens oversigt|Department overview)$/.test(line))).toEqual([]);
    }
    await harness.repos.preferences.setLanguage(camilla.aadObjectId, 'da');

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

describe('audit entries that name many people', () => {
  it('when one read shows 1,200 people, then it is written as entries of at most 500 names, and each person finds theirs', async () => {
    const repos = await testRepositories();
    const ids = Array.from({ length: 1200 }, (_, i) => `person-${String(i).padStart(4, '0')}`);
    await repos.audit.record({ readerId: 'leader-1', subjectIds: ids, kind: 'department-status', detail: 'Alle afdelinger 2026' });
    const entries = await repos.audit.latest(10);
    expect(entries.map((e) => e.subjectIds.length).sort()).toEqual([200, 500, 500]);
    expect(new Set(entries.flatMap((e) => e.subjectIds))).toEqual(new Set(ids));
    const [found] = await repos.audit.forSubject('person-1099', 10);
    expect(found?.subjectIds).toContain('person-1099');
    expect(await repos.audit.forSubject('person-1099', 10, 'plan')).toEqual([]);
  });

  it('when the log holds entries written before entries could name several people, then they are read as entries of one person', async () => {
    const repos = await testRepositories();
    const old = { readerId: 'leader-1', subjectId: 'person-1', kind: 'plan', detail: '2025', at: '2025-03-01T10:00:00.000Z' };
    const table = repos.tables.table('audit');
    for (const partitionKey of ['m|2025-03', 'p|person-1']) await table.createEntity({ partitionKey, rowKey: `${9_999_999_999_999 - Date.parse(old.at)}|abc`, ...old });
    const expected = { readerId: 'leader-1', subjectIds: ['person-1'], kind: 'plan', detail: '2025', at: old.at };
    expect(await repos.audit.forSubject('person-1', 10)).toEqual([expected]);
    expect(await repos.audit.latest(10)).toEqual([expected]);
  });
});
