import type { Activity } from 'botbuilder';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { createJobs, nudgePolicyOf } from '../../src/jobs';
import { parseConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { erasePerson } from '../../src/services/erasure';
import { publish } from '../support/releases';
import { gapSummary } from '../../src/services/gaps';
import { requireMember } from '../../src/services/identity';
import { botHarness, demo, visibleText } from '../support/botHarness';
import { scanRows } from '../support/tableSnapshot';

// HR erases a person on request, in chat, on Azurite: every row about them goes, rows where they
// are the other party lose them, nobody else's data changes, and a cut-off erasure is finished.
let harness: Awaited<ReturnType<typeof botHarness>>;
const { mette, lars, sofie, camilla } = demo;
const cycle = String(new Date().getUTCFullYear());
const id = (n: number) => `0d1e2f30-0000-4000-8000-${String(n).padStart(12, '0')}`;
const email = { mette: 'mette.jensen@demokommune.dk', lars: 'lars.nielsen@demokommune.dk', sofie: 'sofie.hansen@demokommune.dk' };
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

type Row = { role: string; pk: string; rk: string; text: string };

/** A row's fields as text; released figures and ledgers are gzip'd JSON in binary fields, read as the JSON. */
function readable(fields: Record<string, unknown>): string {
  const parts = Object.keys(fields).filter((f) => /^d\d+$/.test(f) && fields[f] instanceof Uint8Array).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  if (!parts.length) return JSON.stringify(fields);
  const rest = Object.fromEntries(Object.entries(fields).filter(([f]) => !parts.includes(f)));
  return `${JSON.stringify(rest)} ${gunzipSync(Buffer.concat(parts.map((f) => fields[f] as Uint8Array))).toString('utf8')}`;
}

/** Every row of every table, raw (no schema), with its content as text. */
async function scanAll(): Promise<Row[]> {
  return (await scanRows(harness.repos.tables)).map((r) => ({ role: r.role, pk: r.pk, rk: r.rk, text: `${r.pk} ${r.rk} ${readable(r.fields)}`.toLowerCase() }));
}
const mentioning = (rows: Row[], ...needles: string[]) => rows.filter((r) => needles.some((n) => r.text.includes(n.toLowerCase())));
const keyOf = (r: Row) => `${r.role}|${r.pk}|${r.rk}`;

const invokeCard = (replies: Partial<Activity>[]) =>
  (replies.find((r) => r.type === 'invokeResponse')!.value as { body: { value: Record<string, unknown> } }).body.value;
const cardText = (card: unknown) => visibleText({ attachments: [{ contentType: 'x', content: card }] });

async function rate(personId: string, level: number) {
  const prep = await harness.repos.preparations.start(personId, cycle, 'hjemmeplejen-nord');
  await harness.repos.preparations.saveStep(personId, prep, 'rating-kultur', { kind: 'rating', ratings: { samarbejdskompetence: level } }, true);
}

/** After a release: how many have rated, and how many the released samarbejdskompetence figure counts. */
async function hjemmeplejenRespondents(): Promise<{ answered: number; figure: number | undefined }> {
  await publish(harness.repos, harness.domainData);
  const hr = await requireMember(harness.repos, camilla.aadObjectId, 'da-DK');
  const summary = await gapSummary(harness.repos, harness.domainData, hr, 'hjemmeplejen-nord', cycle, 5);
  return { answered: summary.answered, figure: summary.lines.find((l) => l.competence.id === 'samarbejdskompetence')?.figure?.self.respondents };
}

beforeAll(async () => {
  harness = await botHarness();
  const { repos } = harness;
  for (const user of [mette, lars, sofie, camilla]) await harness.install(user);
  harness.takeProactive();

  // Ratings that feed the department's gap aggregate: Mette and six colleagues.
  for (const [i, personId] of [mette.aadObjectId, sofie.aadObjectId, id(4), id(7), id(8), id(9), id(10)].entries()) await rate(personId, 2 + (i % 3));
  // Mette shares; Lars opens it (audit) and rates her and Sofie.
  const prep = (await repos.preparations.load(mette.aadObjectId, cycle))!;
  await repos.preparations.share(mette.aadObjectId, prep, ['competences']);
  await harness.submit(lars, { verb: verbs.deptOpenShared, ownerId: mette.aadObjectId });
  // Lars's department overview: one audit entry naming Mette, Sofie and the others.
  await harness.say(lars, 'min afdeling');
  await repos.preparations.saveLeaderRating(mette.aadObjectId, cycle, lars.aadObjectId, { samarbejdskompetence: 3 });
  await repos.preparations.saveLeaderRating(sofie.aadObjectId, cycle, lars.aadObjectId, { samarbejdskompetence: 4 });
  await repos.preferences.setLanguage(mette.aadObjectId, 'da');

  // Plans of Mette and Sofie, each approved by Lars as their leader.
  for (const owner of [mette.aadObjectId, sofie.aadObjectId]) {
    const stored = await repos.plans.load(owner, cycle, 'hjemmeplejen-nord');
    await repos.plans.save(owner, cycle, stored, { revision: 1, goals: [], approvals: { leader: { personId: lars.aadObjectId, at: new Date().toISOString() } }, approvedVersion: 0 }, lars.aadObjectId);
  }
  await harness.say(lars, 'udviklingsplan');
  await harness.submit(lars, { verb: verbs.planOpen, ownerId: mette.aadObjectId });

  // Lars starts a MUS round: invitations go through the outbox to Mette, Sofie and the others.
  await harness.execute(lars, verbs.roundStart, { departmentId: 'hjemmeplejen-nord', deadline: inDays(30), includeSub: 'false' });
  harness.takeProactive();
  await repos.schedule.schedule({ id: `nudge|${cycle}|${mette.aadObjectId}|1`, kind: 'mus-nudge', dueAt: new Date(Date.now() + 86_400_000), payload: { cycle, departmentId: 'hjemmeplejen-nord', personId: mette.aadObjectId, n: 1 } });

  // A message to Mette still waiting in the outbox, and one that failed (a dead letter).
  const reference = (await repos.conversations.get('user', mette.aadObjectId))!.reference;
  await repos.outbox.enqueue({ batchId: 'test-waiting', label: 'waiting', requestedBy: lars.aadObjectId }, [{ recipient: mette.aadObjectId, reference, activity: { type: 'message', text: 'Til Mette' } }], new Date());
  await repos.outbox.enqueue({ batchId: 'test-failed', label: 'failed', requestedBy: lars.aadObjectId }, [{ recipient: mette.aadObjectId, reference, activity: { type: 'message', text: 'Til Mette' } }], new Date());
  const [entry] = await repos.outbox.claimable('test-failed', new Date(), 1);
  await repos.outbox.markFailed((await repos.outbox.claim(entry!, 'test', new Date(), 60_000))!, { reason: 'exhausted', status: 500, detail: 'gave up' }, new Date());

  // A team vote and GRUS answers.
  await repos.postings.create('posting-1', { departmentId: 'hjemmeplejen-nord', cycle, channelId: '19:general@thread.tacv2', postedBy: lars.aadObjectId, locale: 'da', card: {}, choices: [] });
  await repos.postings.vote('posting-1', mette.aadObjectId, 'samarbejdskompetence');
  await repos.postings.vote('posting-1', sofie.aadObjectId, 'samarbejdskompetence');
  await repos.grus.create('grus-1', {
    departmentId: 'hjemmeplejen-nord', cycle, channelId: '19:general@thread.tacv2', teamName: 'Hjemmeplejen Nord', startedBy: lars.aadObjectId,
    deadline: inDays(10), locale: 'da', participants: [mette.aadObjectId, sofie.aadObjectId], questions: [],
  });
  await repos.grus.saveAnswer('grus-1', mette.aadObjectId, { q1: 'Mettes GRUS-svar' });
  await repos.grus.saveAnswer('grus-1', sofie.aadObjectId, { q1: 'Sofies GRUS-svar' });
});

afterAll(async () => {
  await harness?.repos.tables.dropTables();
});

describe('HR erases a person on request', () => {
  it('when an employee or a leader asks to erase someone, then they are refused in their language and nothing changes', async () => {
    expect(visibleText((await harness.say(mette, 'slet person'))[0]!)).toContain('Kun HR kan slette personer');
    expect(visibleText((await harness.say(lars, 'erase person', { locale: 'en-US' }))[0]!)).toContain('HR');
    expect(cardText(invokeCard(await harness.execute(lars, verbs.eraseConfirm, { personId: sofie.aadObjectId, erasureId: 'aaaaaaaaaaaaaaaa' })))).toContain('ikke adgang');
    expect(cardText(invokeCard(await harness.execute(lars, verbs.erasePreview, { personId: sofie.aadObjectId })))).toContain('ikke adgang');
    expect(await harness.repos.org.getPerson(sofie.aadObjectId)).toBeDefined();
  });

  it('when Camilla erases Mette in chat, then no row of any table names her id or e-mail, her ratings leave the aggregate, and nobody else\'s data changed', async () => {
    expect(await hjemmeplejenRespondents()).toEqual({ answered: 7, figure: 7 });
    expect(mentioning(await scanAll(), mette.aadObjectId, email.mette).map((r) => r.role)).toEqual(
      expect.arrayContaining(['people', 'memberships', 'conversations', 'preferences', 'preparations', 'plans', 'rounds', 'schedule', 'outbox', 'deadLetters', 'deliveryStates', 'postings', 'groupConversations', 'audit', 'releases']),
    );

    expect(visibleText((await harness.say(camilla, 'slet person'))[0]!)).toContain('Slet en person');
    const found = invokeCard(await harness.execute(camilla, verbs.eraseSearch, { query: email.mette.toUpperCase() }));
    expect(cardText(found)).toContain('Mette Jensen');
    expect(JSON.stringify(found)).toContain(`"personId":"${mette.aadObjectId}"`);
    const byName = cardText(invokeCard(await harness.execute(camilla, verbs.eraseSearch, { query: 'jensen' })));
    expect(byName).toContain('Mette Jensen');

    const preview = invokeCard(await harness.execute(camilla, verbs.erasePreview, { personId: mette.aadObjectId }));
    const previewText = cardText(preview);
    expect(previewText).toContain('Dette slettes eller ændres om Mette Jensen (mette.jensen@demokommune.dk)');
    expect(previewText).toMatch(/Personen: 1 slettes/);
    expect(previewText).toMatch(/MUS-forberedelser, selvvurderinger og lederens vurderinger: \d+ slettes/);
    expect(previewText).toMatch(/MUS-runder \(inviteret eller startet af personen\): 1 ændres/);
    const erasureId = /"erasureId":"([0-9a-f]{16})"/.exec(JSON.stringify(preview))![1]!;
    expect(await harness.repos.org.getPerson(mette.aadObjectId)).toBeDefined();

    const before = await scanAll();
    const done = cardText(invokeCard(await harness.execute(camilla, verbs.eraseConfirm, { personId: mette.aadObjectId, erasureId })));
    expect(done).toContain('Personen er slettet');
    const after = await scanAll();

    expect(mentioning(after, mette.aadObjectId, email.mette)).toEqual([]);
    const erasedName = after.filter((r) => r.text.includes('mette jensen'));
    expect(erasedName).toEqual([]);
    // Her own rows are gone, not renamed: the pseudonym is left only in the audit log and the erasure record.
    expect([...new Set(after.filter((r) => r.text.includes(`slettet-${erasureId}`)).map((r) => r.role))].sort()).toEqual(['audit', 'erasures']);

    // Every row that did not mention her is there, unchanged (except Camilla's own chat row, refreshed
    // on each turn, and the outbox's counters, which count her dropped message as failed).
    const afterByKey = new Map(after.map((r) => [keyOf(r), r.text]));
    const untouched = before.filter((r) => mentioning([r], mette.aadObjectId, email.mette).length === 0
      && !(r.role === 'conversations' && r.rk === camilla.aadObjectId) && !(r.role === 'outbox' && r.rk === 'c'));
    for (const row of untouched) expect(afterByKey.get(keyOf(row)), keyOf(row)).toBe(row.text);

    // Where she was the other party, the row stays without her.
    const round = (await harness.repos.rounds.get('hjemmeplejen-nord', cycle))!;
    expect(round.invited).toContain(sofie.aadObjectId);
    expect(round.invited).not.toContain(mette.aadObjectId);
    const grus = (await harness.repos.grus.load('grus-1'))!;
    expect(grus.grus.participants).toEqual([sofie.aadObjectId]);
    expect([...grus.answers.keys()]).toEqual([sofie.aadObjectId]);
    expect([...(await harness.repos.postings.load('posting-1'))!.votes.keys()]).toEqual([sofie.aadObjectId]);
    // The waiting message was dropped and counted as failed, so its batch closes.
    expect(await harness.repos.outbox.batchStatus('test-waiting')).toMatchObject({ queued: 1, failed: 1, pending: 0 });

    // Her ratings no longer feed the aggregate.
    expect((await harness.repos.preparations.listRatings(cycle)).has(mette.aadObjectId)).toBe(false);
    // She no longer counts as having rated; the released figure stays as it was until at least
    // five have changed it, so her departure cannot be read as the difference of two figures.
    expect(await hjemmeplejenRespondents()).toEqual({ answered: 6, figure: 7 });

    // The erasure is in the audit log under its pseudonym, and the request keeps no identifiers.
    const request = (await harness.repos.erasure.getRequest(erasureId))!;
    expect(request).toMatchObject({ state: 'done', requestedBy: camilla.aadObjectId, pseudonym: `slettet-${erasureId}` });
    expect(request.personId).toBeUndefined();
    expect((await harness.repos.audit.forSubject(`slettet-${erasureId}`, 10)).map((e) => e.kind)).toContain('erasure');
    // The overview's one entry named several people: she is the pseudonym there, the others stay,
    // and the entry is found by her pseudonym and by each of the others.
    const [overview] = await harness.repos.audit.forSubject(sofie.aadObjectId, 10, 'department-status');
    expect(overview!.subjectIds).toContain(`slettet-${erasureId}`);
    expect(overview!.subjectIds).toContain(sofie.aadObjectId.toLowerCase());
    expect(overview!.subjectIds).not.toContain(mette.aadObjectId.toLowerCase());
    expect(await harness.repos.audit.forSubject(`slettet-${erasureId}`, 10, 'department-status')).toEqual([overview]);
    expect(await harness.repos.audit.forSubject(mette.aadObjectId, 10)).toEqual([]);
  });

  it('when the confirmation is clicked again, then the same erasure is reported done and nothing else happens', async () => {
    const [request] = (await harness.repos.erasure.pending());
    expect(request).toBeUndefined();
    const done = (await harness.repos.tables.table('erasures').listEntities().next()).value as { rowKey: string };
    // (Every turn leaves a short-lived redelivery claim in activities: not data about anyone.)
    const rowsBefore = (await scanAll()).filter((r) => r.role !== 'conversations' && r.role !== 'audit' && r.role !== 'activities').map(keyOf).sort();
    const again = cardText(invokeCard(await harness.execute(camilla, verbs.eraseConfirm, { personId: mette.aadObjectId, erasureId: done.rowKey })));
    expect(again).toContain('er slettet');
    expect((await scanAll()).filter((r) => r.role !== 'conversations' && r.role !== 'audit' && r.role !== 'activities').map(keyOf).sort()).toEqual(rowsBefore);
  });

  it('when HR only previews an erasure, then nothing is erased', async () => {
    const preview = invokeCard(await harness.execute(camilla, verbs.erasePreview, { personId: sofie.aadObjectId }));
    const erasureId = /"erasureId":"([0-9a-f]{16})"/.exec(JSON.stringify(preview))![1]!;
    // Only previewed: nothing is erased.
    expect(await harness.repos.org.getPerson(sofie.aadObjectId)).toBeDefined();
    expect(await harness.repos.erasure.getRequest(erasureId)).toBeUndefined();
  });

  it('when a leader is erased, then the employees\' plans and ratings stay, with the leader replaced by the pseudonym', async () => {
    const hr = await requireMember(harness.repos, camilla.aadObjectId, 'da-DK');
    const sofieBefore = (await scanAll()).filter((r) => r.pk === sofie.aadObjectId);
    await erasePerson(harness.repos, hr, lars.aadObjectId, 'b0b0b0b0b0b0b0b0');
    const after = await scanAll();
    expect(mentioning(after, lars.aadObjectId, email.lars)).toEqual([]);

    const plan = await harness.repos.plans.load(sofie.aadObjectId, cycle, 'hjemmeplejen-nord');
    expect(plan.plan.approvals.leader?.personId).toBe('slettet-b0b0b0b0b0b0b0b0');
    expect((await harness.repos.preparations.getLeaderRating(sofie.aadObjectId, cycle))?.ratings).toEqual({ samarbejdskompetence: 4 });
    expect(await harness.repos.org.getLeaderIds('hjemmeplejen-nord')).toEqual([]);
    // Sofie's own rows are all still there (only the leader's id in them changed).
    const sofieAfter = after.filter((r) => r.pk === sofie.aadObjectId);
    expect(sofieAfter.map(keyOf).sort()).toEqual(sofieBefore.map(keyOf).sort());
    expect(await harness.repos.org.getPerson(sofie.aadObjectId)).toMatchObject({ name: 'Sofie Hansen' });
  });

  it('when an erasure was cut off after its request was recorded, then the schedule finishes it', async () => {
    const { repos } = harness;
    const ahmad = id(4);
    const hr = await requireMember(repos, camilla.aadObjectId, 'da-DK');
    expect(hr.person.id).toBe(camilla.aadObjectId);
    // The crash: the request is written and only the person row is gone.
    await repos.erasure.createRequest('c0c0c0c0c0c0c0c0', { personId: ahmad, email: 'ahmad.karimi@demokommune.dk', name: 'Ahmad Karimi', conversationIds: [], pseudonym: 'slettet-c0c0c0c0c0c0c0c0' }, camilla.aadObjectId);
    await repos.tables.table('people').deleteEntity(ahmad, 'person');
    expect(mentioning(await scanAll(), ahmad).length).toBeGreaterThan(0);

    const jobs = createJobs({
      repos, domainData: harness.domainData, messenger: harness.bot.reminders, policy: nudgePolicyOf(parseConfig({ APP_ENV: 'local' }), harness.domainData),
      logger: createLogger('silent'), aarshjul: false, retentionYears: 3,
    });
    // Within its first ten minutes it may still be running: left alone.
    await jobs.runDue(new Date());
    expect((await repos.erasure.getRequest('c0c0c0c0c0c0c0c0'))?.state).toBe('pending');
    await jobs.runDue(new Date(Date.now() + 11 * 60_000));
    expect((await repos.erasure.getRequest('c0c0c0c0c0c0c0c0'))?.state).toBe('done');
    expect(mentioning(await scanAll(), ahmad, 'ahmad.karimi@demokommune.dk')).toEqual([]);
  });
});
