import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { downloadExport } from '../../src/services/exports';
import { botHarness, demo, type DemoUser, visibleText } from '../support/botHarness';
import { scanRows } from '../support/tableSnapshot';

// Through the real bot on Azurite: municipalities' addresses contain one another's
// (anne.mette.jensen@ beside mette.jensen@, initials ln@ inside jln@). Mette's "mine data" holds
// nothing of Anne's; erasing Mette and Lone in chat leaves Anne's and Jens's rows exactly as they were.
let harness: Awaited<ReturnType<typeof botHarness>>;
const { mette, camilla } = demo;
const anne: DemoUser = { aadObjectId: '0d1e2f30-0000-4000-8000-0000000000a1', name: 'Anne Mette Jensen' };
const lone: DemoUser = { aadObjectId: '0d1e2f30-0000-4000-8000-0000000000a2', name: 'Lone Nielsen' };
const jens: DemoUser = { aadObjectId: '0d1e2f30-0000-4000-8000-0000000000a3', name: 'Jens Lone Nielsen' };
const email = { mette: 'mette.jensen@demokommune.dk', anne: 'anne.mette.jensen@demokommune.dk', lone: 'ln@demokommune.dk', jens: 'jln@demokommune.dk' };

type Row = { role: string; pk: string; rk: string; text: string };
const scanAll = async (): Promise<Row[]> => (await scanRows(harness.repos.tables)).map((r) => ({ role: r.role, pk: r.pk, rk: r.rk, text: JSON.stringify(r.fields) }));
const keyOf = (r: Row) => `${r.role}|${r.pk}|${r.rk}`;
/** The rows that are someone's by their keys (their partition, their row, their vote …). */
const rowsOf = (rows: Row[], user: DemoUser) => rows.filter((r) => [r.pk, r.rk].some((k) => k.split(/[|:]/).includes(user.aadObjectId)));
const invokeCard = (replies: Partial<Activity>[]) => (replies.find((r) => r.type === 'invokeResponse')!.value as { body: { value: unknown } }).body.value;
const cardText = (card: unknown) => visibleText({ attachments: [{ contentType: 'x', content: card }] });

/** Everyone prepares a little, in their own words that name themselves. */
async function prepare(user: DemoUser, words: string) {
  await harness.install(user);
  await harness.say(user, 'forbered MUS');
  const cycle = String(new Date().getUTCFullYear());
  const prep = (await harness.repos.preparations.load(user.aadObjectId, cycle))!;
  await harness.repos.preparations.saveStep(user.aadObjectId, prep, 'theme-looking-back', { kind: 'questions', answers: { 'looking-back-proud': words } }, true);
}

async function erase(user: DemoUser, mail: string) {
  const found = JSON.stringify(invokeCard(await harness.execute(camilla, verbs.eraseSearch, { query: mail })));
  expect(found).toContain(`"personId":"${user.aadObjectId}"`);
  const preview = invokeCard(await harness.execute(camilla, verbs.erasePreview, { personId: user.aadObjectId }));
  const erasureId = /"erasureId":"([0-9a-f]{16})"/.exec(JSON.stringify(preview))![1]!;
  expect(cardText(invokeCard(await harness.execute(camilla, verbs.eraseConfirm, { personId: user.aadObjectId, erasureId })))).toContain('Personen er slettet');
}

beforeAll(async () => {
  harness = await botHarness();
  await harness.repos.org.importOrganisation({
    departments: [],
    people: [
      { id: anne.aadObjectId, name: anne.name, email: email.anne, departmentId: 'hjemmeplejen-nord', leaderOf: [], hrAdmin: false, active: true, language: 'da' },
      { id: lone.aadObjectId, name: lone.name, email: email.lone, departmentId: 'hjemmeplejen-nord', leaderOf: [], hrAdmin: false, active: true, language: 'da' },
      { id: jens.aadObjectId, name: jens.name, email: email.jens, departmentId: 'hjemmeplejen-nord', leaderOf: [], hrAdmin: false, active: true, language: 'da' },
    ],
  }, { partial: true });
  await harness.install(camilla);
  await prepare(mette, 'Mette Jensen er stolt af nattevagterne');
  await prepare(anne, `Anne Mette Jensen (${email.anne}) er stolt af sit hold`);
  await prepare(lone, 'Lone Nielsen er stolt');
  await prepare(jens, `Jens Lone Nielsen, ${email.jens}, er stolt af ruterne`);
});
afterAll(async () => {
  await harness?.repos.tables.dropTables();
});

describe('look-alike addresses and names', () => {
  it("when Mette downloads 'mine data', then it holds her rows and not one of Anne Mette Jensen's", async () => {
    const card = (await harness.say(mette, 'mine data')).find((r) => r.attachments?.length)!.attachments![0]!.content as { actions: Array<{ type: string; url?: string }> };
    const url = card.actions.find((a) => a.type === 'Action.OpenUrl' && a.url?.includes('/api/exports/'))!.url!;
    const token = url.slice(url.lastIndexOf('/') + 1);
    const outcome = await downloadExport(harness.repos, harness.domainData, token, harness.config.exports!.linkKey, harness.config.anonymityThreshold, new Date());
    expect(outcome.status).toBe(200);
    const text = (outcome as { file: { body: Buffer } }).file.body.toString('utf8');
    const data = JSON.parse(text) as { rows: Array<{ table: string; partitionKey: string; rowKey: string }> };
    expect(text).toContain('Mette Jensen er stolt af nattevagterne');
    expect(text).not.toContain(anne.aadObjectId);
    expect(text).not.toContain(email.anne);
    expect(text).not.toContain('stolt af sit hold');
    expect(data.rows.length).toBeGreaterThan(3);
  });

  it('when HR erases Mette and Lone in chat, then Anne\'s and Jens\'s rows are exactly as they were, and Mette\'s and Lone\'s are gone', async () => {
    const before = await scanAll();
    const kept = [...rowsOf(before, anne), ...rowsOf(before, jens)];
    expect(kept.map((r) => r.role)).toEqual(expect.arrayContaining(['people', 'memberships', 'conversations', 'preparations']));

    await erase(mette, email.mette);
    await erase(lone, email.lone);

    const after = await scanAll();
    const byKey = new Map(after.map((r) => [keyOf(r), r.text]));
    for (const row of kept) expect(byKey.get(keyOf(row)), keyOf(row)).toBe(row.text);
    expect(rowsOf(after, mette)).toEqual([]);
    expect(rowsOf(after, lone)).toEqual([]);
    expect(await harness.repos.org.getPerson(anne.aadObjectId)).toMatchObject({ name: 'Anne Mette Jensen', email: email.anne });
    expect(await harness.repos.org.getPerson(jens.aadObjectId)).toMatchObject({ name: 'Jens Lone Nielsen', email: email.jens });
    // Anne and Jens still use the bot as before.
    expect(visibleText((await harness.say(anne, 'forbered MUS'))[0]!)).not.toContain('ikke registreret');
    expect(visibleText((await harness.say(jens, 'forbered MUS'))[0]!)).not.toContain('ikke registreret');
  });
});
