import { beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { botHarness, demo, visibleText } from '../support/botHarness';

// Department gap summaries from stored self-ratings, under the anonymity rules (threshold 5).
let harness: Awaited<ReturnType<typeof botHarness>>;
const cycle = String(new Date().getUTCFullYear());
const id = (n: number) => `0d1e2f30-0000-4000-8000-${String(n).padStart(12, '0')}`;
// Six of Hjemmeplejen Nord's employees; two of Borgerservice; later two of Social og Sundhed itself.
const hjemmeplejen = [1, 3, 4, 7, 8, 9];
const borgerservice = [17, 18];
const socialDirect = [13, 14];

async function rate(personNo: number, departmentId: string, level: number) {
  const prep = await harness.repos.preparations.start(id(personNo), cycle, departmentId);
  await harness.repos.preparations.saveStep(id(personNo), prep, 'rating-kultur', { kind: 'rating', ratings: { samarbejdskompetence: level, kommunikationskompetence: 'na' } }, true);
}

beforeAll(async () => {
  harness = await botHarness();
  await harness.repos.departmentSettings.setProfile('hjemmeplejen-nord', cycle, { samarbejdskompetence: 4 });
  for (const [i, n] of hjemmeplejen.entries()) await rate(n, 'hjemmeplejen-nord', i < 3 ? 2 : 3);
  for (const n of borgerservice) await rate(n, 'borgerservice', 5);
});

const gapsCard = async (user: { aadObjectId: string; name: string }, departmentId: string) =>
  (await harness.submit(user, { verb: verbs.gapsOpen, departmentId }))[0]!;
const gaps = async (user: { aadObjectId: string; name: string }, departmentId: string) => visibleText(await gapsCard(user, departmentId));

type Chart = { type: string; data: Array<{ legend: string; values: Array<{ x: string; y: number }> }>; fallback: unknown };
/** The chart elements on a reply's cards (Teams draws them; other hosts draw the fallback's bars). */
function chartsOf(reply: { attachments?: Array<{ content?: unknown }> }): Chart[] {
  const found: Chart[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if ((node as { type?: unknown }).type === 'Chart.VerticalBar.Grouped') found.push(node as Chart);
    Object.values(node).forEach(walk);
  };
  walk(reply.attachments?.map((a) => a.content));
  return found;
}

const invokeText = (replies: Awaited<ReturnType<typeof harness.say>>) =>
  visibleText({ attachments: [{ contentType: 'x', content: (replies.find((r) => r.type === 'invokeResponse')!.value as { body: { value: unknown } }).body.value }] });

describe('a gap summary shared with the team', () => {
  it('when Lars shares the summary in the team channel, then the channel gets it, and each member has one vote whose counts refresh', async () => {
    await harness.install(demo.lars, { scope: 'channel' });
    harness.takeProactive();
    const own = (await harness.submit(demo.lars, { verb: verbs.gapsOpen, departmentId: 'hjemmeplejen-nord' }))[0]!;
    expect(JSON.stringify(own)).toContain('"value":"19:general@thread.tacv2"');
    const replies = [...await harness.submit(demo.lars, { verb: verbs.gapsPost, departmentId: 'hjemmeplejen-nord', channelId: '19:general@thread.tacv2' }), ...harness.takeProactive()];
    expect(replies.map(visibleText).join('\n')).toContain('Kompetencegabet er delt i Hjemmeplejen Nord');

    const posted = replies.filter((r) => r.conversation?.id === '19:general@thread.tacv2');
    expect(posted).toHaveLength(1);
    const card = posted[0]!.attachments![0]!.content as { body: unknown };
    expect(visibleText(posted[0]!)).toContain('Samarbejdskompetence – 0 stemmer');
    const postingId = /"postingId":"([^"]+)"/.exec(JSON.stringify(card))![1]!;

    expect(invokeText(await harness.execute(demo.mette, verbs.gapsVote, { postingId, competenceId: 'samarbejdskompetence' }))).toContain('Samarbejdskompetence – 1 stemme');
    expect(invokeText(await harness.execute(demo.sofie, verbs.gapsVote, { postingId, competenceId: 'samarbejdskompetence' }))).toContain('Samarbejdskompetence – 2 stemmer');
    // Voting again does not count twice.
    expect(invokeText(await harness.execute(demo.mette, verbs.gapsVote, { postingId, competenceId: 'samarbejdskompetence' }))).toContain('Samarbejdskompetence – 2 stemmer');
    expect(invokeText(await harness.execute(demo.stranger, verbs.gapsVote, { postingId, competenceId: 'samarbejdskompetence' }))).toContain('ikke registreret');
  });

  it('when an employee tries to share a summary, then it is refused and nothing is posted', async () => {
    const replies = [...await harness.submit(demo.mette, { verb: verbs.gapsPost, departmentId: 'hjemmeplejen-nord', channelId: '19:general@thread.tacv2' }), ...harness.takeProactive()];
    expect(replies.map(visibleText).join('\n')).toContain('ikke adgang');
    expect(replies.filter((r) => r.conversation?.id === '19:general@thread.tacv2')).toHaveLength(0);
  });
});

describe('a department gap summary', () => {
  it('when six in Hjemmeplejen Nord have rated themselves, then Lars sees present against desired, the gap and what to learn', async () => {
    const text = await gaps(demo.lars, 'hjemmeplejen-nord');
    expect(text).toContain(`Kompetencegab – Hjemmeplejen Nord (${cycle})`);
    expect(text).toContain('6 har vurderet sig selv');
    expect(text).toContain('Nu 2,5 · Ønsket 4 · Gab 1,5');
    expect(text).toContain('fordeling 1: 0 · 2: 3 · 3: 3 · 4: 0 · 5: 0');
    // The chart has the rated competence only (communication was "not relevant" for all).
    const [chart, ...more] = chartsOf(await gapsCard(demo.lars, 'hjemmeplejen-nord'));
    expect(more).toHaveLength(0);
    expect(chart!.data.map((series) => [series.legend, series.values])).toEqual([
      ['Nu', [{ x: 'Samarbejdskompetence', y: 2.5 }]],
      ['Ønsket', [{ x: 'Samarbejdskompetence', y: 4 }]],
    ]);
    // Hosts without charts get bars built from columns: half the scale now, four fifths desired.
    const fallback = JSON.stringify(chart!.fallback);
    expect(fallback).toContain('"width":50,"style":"accent"');
    expect(fallback).toContain('"width":80,"style":"good"');
    expect(text).toContain('De største gab');
    expect(text).toMatch(/\*\*Samarbejdskompetence\*\* \(1,5\): .+/);
    // Nobody rated communication (all "not relevant"): no figures for it.
    expect(text).toMatch(/\*\*Kommunikationskompetence\*\*\nFor få svar til at vise tal \(under 5\)\./);
  });

  it('when only two in Borgerservice have rated, then Birgitte sees no figures at all', async () => {
    const card = await gapsCard(demo.birgitte, 'borgerservice');
    const text = visibleText(card);
    expect(text).toContain('For få svar til at vise tal (under 5).');
    expect(text).not.toMatch(/Nu \d|Gab \d|fordeling/);
    expect(chartsOf(card)).toHaveLength(0);
  });

  it("when two in Social og Sundhed itself rate too, then Social og Sundhed shows no figures (minus Hjemmeplejen they would show those two), and Hjemmeplejen's stay", async () => {
    for (const n of socialDirect) await rate(n, 'social-sundhed', 1);
    const card = await gapsCard(demo.jens, 'social-sundhed');
    const parent = visibleText(card);
    expect(parent).not.toMatch(/Nu \d|Gab \d|fordeling/);
    expect(chartsOf(card)).toHaveLength(0);
    expect(parent).toContain('For få svar til at vise tal (under 5).');
    expect(await gaps(demo.lars, 'hjemmeplejen-nord')).toContain('6 har vurderet sig selv');
  });

  it('when HR asks, then any department can be seen; an employee or another leader is refused', async () => {
    expect(await gaps(demo.camilla, 'hjemmeplejen-nord')).toContain('6 har vurderet sig selv');
    expect(await gaps(demo.mette, 'hjemmeplejen-nord')).toContain('ikke adgang');
    expect(await gaps(demo.birgitte, 'hjemmeplejen-nord')).toContain('ikke adgang');
  });
});

describe("HR's view of the whole municipality", () => {
  it('when Camilla asks for the municipality, then each department shows what the rules allow, and the total gives way where it would reveal a few', async () => {
    // By now: 6 in Hjemmeplejen Nord, 2 in Borgerservice, 2 in Social og Sundhed itself.
    const replies = await harness.say(demo.camilla, 'kommunen');
    const text = replies.map(visibleText).join('\n');
    expect(text).toContain(`Hele kommunen – kompetencegab ${cycle}`);
    expect(text).toMatch(/\*\*Hjemmeplejen Nord\*\*\n6 har vurderet sig selv · største gab: Samarbejdskompetence 1,5/);
    expect(text).toMatch(/\*\*Borgerservice\*\*\nFor få svar til at vise tal \(under 5\)\./);
    expect(text).toMatch(/\*\*Social og Sundhed\*\*\nFor få svar til at vise tal \(under 5\)\./);
    // 10 in all, but the whole minus Hjemmeplejen Nord would be 4 people: the total is not shown.
    expect(text).toContain('Kompetencegab – Hele kommunen');
    expect(text).not.toMatch(/Kompetencegab – Hele kommunen[\s\S]*(Nu \d|Gab \d|fordeling)/);
    expect(replies.flatMap(chartsOf)).toHaveLength(0);
  });

  it('when a leader asks for the municipality, then it is refused', async () => {
    expect(visibleText((await harness.say(demo.lars, 'kommunen'))[0]!)).toContain('ikke adgang');
  });
});
