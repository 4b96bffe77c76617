import { beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { importOrganisationFile } from '../../src/services/orgImport';
import { departmentGroup, leaderKind, selfKind } from '../../src/domain/releases';
import { readFileSync } from 'node:fs';
import { botHarness, demo, visibleText } from '../support/botHarness';

// Department gap summaries: published figures only, under the anonymity and release rules
// (threshold 5). Tried as a curious leader would: before and after one more rating, across two
// cycles, with one leader rating, in a channel.
let harness: Awaited<ReturnType<typeof botHarness>>;
const cycle = String(new Date().getUTCFullYear());
const lastCycle = String(Number(cycle) - 1);
const id = (n: number) => `0d1e2f30-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function rate(personNo: number, departmentId: string, level: number, inCycle = cycle) {
  const prep = await harness.repos.preparations.start(id(personNo), inCycle, departmentId);
  await harness.repos.preparations.saveStep(id(personNo), prep, 'rating-kultur', { kind: 'rating', ratings: { samarbejdskompetence: level, kommunikationskompetence: 'na' } }, true);
}

beforeAll(async () => {
  harness = await botHarness();
  await harness.repos.departmentSettings.setProfile('hjemmeplejen-nord', cycle, { samarbejdskompetence: 4 });
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

describe('released figures, as a curious leader would try them', () => {
  it('when five have rated and Mette rates after them, then Lars sees the same figure before and after — her rating is not the difference — until five more have rated', async () => {
    for (const [i, n] of [3, 4, 7, 8, 9].entries()) await rate(n, 'hjemmeplejen-nord', i < 2 ? 2 : 3);
    await harness.publish();
    const before = await gaps(demo.lars, 'hjemmeplejen-nord');
    expect(before).toContain(`Kompetencegab – Hjemmeplejen Nord (${cycle})`);
    expect(before).toMatch(/Tal fra \d+\.\s\p{L}+ \d{4} kl\. \d\d\.\d\d · 5 har vurderet sig selv/u);
    expect(before).toContain('fordeling 1: 0 · 2: 2 · 3: 3 · 4: 0 · 5: 0');

    await rate(1, 'hjemmeplejen-nord', 5);
    // No click reads anyone's ratings: before a release, nothing on the card moves.
    expect(await gaps(demo.lars, 'hjemmeplejen-nord')).toBe(before);
    await harness.publish();
    const after = await gaps(demo.lars, 'hjemmeplejen-nord');
    expect(after).toContain('6 har vurderet sig selv');
    expect(after).toContain('fordeling 1: 0 · 2: 2 · 3: 3 · 4: 0 · 5: 0');
    expect(after).toContain('Tallene skifter først, når mindst 5 har vurderet sig selv eller ændret deres vurdering siden');

    for (const n of [10, 11, 12, 24]) await rate(n, 'hjemmeplejen-nord', 4);
    await harness.publish();
    const renewed = await gaps(demo.lars, 'hjemmeplejen-nord');
    expect(renewed).toContain('10 har vurderet sig selv');
    expect(renewed).toContain('Nu 3,4 · Ønsket 4 · Gab 0,6');
    expect(renewed).toContain('fordeling 1: 0 · 2: 2 · 3: 3 · 4: 4 · 5: 1');
  });

  it('when Lars opens the summary, then it shows present against desired, the gap and what to learn, drawn as a chart', async () => {
    const card = await gapsCard(demo.lars, 'hjemmeplejen-nord');
    const text = visibleText(card);
    const [chart, ...more] = chartsOf(card);
    expect(more).toHaveLength(0);
    // The chart has the rated competence only (communication was "not relevant" for all).
    expect(chart!.data.map((series) => [series.legend, series.values])).toEqual([
      ['Nu', [{ x: 'Samarbejdskompetence', y: 3.4 }]],
      ['Ønsket', [{ x: 'Samarbejdskompetence', y: 4 }]],
    ]);
    // Hosts without charts get bars built from columns: 68 % of the scale now, four fifths desired.
    const fallback = JSON.stringify(chart!.fallback);
    expect(fallback).toContain('"width":68,"style":"accent"');
    expect(fallback).toContain('"width":80,"style":"good"');
    expect(text).toContain('De største gab');
    expect(text).toMatch(/\*\*Samarbejdskompetence\*\* \(0,6\): .+/);
    // Competences nobody rated are named once, not given a line each.
    expect(text).toMatch(/Ingen tal endnu for: .*Kommunikationskompetence/);
    expect(text.match(/Ingen tal endnu/g)).toHaveLength(1);
    expect(text).toContain('Eksportér');
  });

  it('when Lars rates one employee, then no leader figure appears anywhere: one leader rating would be readable as it is', async () => {
    await harness.repos.preparations.saveLeaderRating(id(1), cycle, id(2), { samarbejdskompetence: 1 });
    await harness.publish();
    for (const [user, department] of [[demo.jens, 'hjemmeplejen-nord'], [demo.jens, 'social-sundhed'], [demo.camilla, 'hjemmeplejen-nord']] as const) {
      expect(await gaps(user, department)).not.toMatch(/lederens vurdering/);
    }
    const released = await harness.repos.releases.current(cycle, departmentGroup('hjemmeplejen-nord'));
    expect(released?.figures[leaderKind('samarbejdskompetence')]).toBeUndefined();
  });

  it("when one of last year's six has since moved, then the trend is this year's published figure minus last year's published one — never last year's worked out again for those who stayed", async () => {
    // Last year six in Hjemmeplejen Nord rated (mean 2,5), among them Mikkel (10) with a 5.
    for (const [n, level] of [[3, 1], [4, 2], [7, 2], [8, 2], [9, 3], [10, 5]] as const) await rate(n, 'hjemmeplejen-nord', level, lastCycle);
    await harness.publish();
    const lastYear = await harness.repos.releases.current(lastCycle, departmentGroup('hjemmeplejen-nord'));
    expect(lastYear?.figures[selfKind('samarbejdskompetence')]).toMatchObject({ respondents: 6, mean: 2.5 });
    expect(await gaps(demo.lars, 'hjemmeplejen-nord')).toContain('siden sidste år +0,9');

    // Mikkel moves to Borgerservice.
    const csv = readFileSync('data/demo/organisation.csv', 'utf8').replace(/(Mikkel Andersen,[^,]+,)hjemmeplejen-nord/, '$1borgerservice');
    expect((await importOrganisationFile(harness.repos, csv)).ok).toBe(true);
    await harness.publish();
    // The five who stayed rated 2 on average last year: (2,5 × 6 − 2 × 5) would be Mikkel's 5.
    // No such figure exists: last year's stays the six, and so does the trend.
    const text = await gaps(demo.lars, 'hjemmeplejen-nord');
    expect(text).toContain('siden sidste år +0,9');
    expect(text).not.toMatch(/siden sidste år \+1,4/);
    expect((await harness.repos.releases.current(lastCycle, departmentGroup('hjemmeplejen-nord')))?.figures[selfKind('samarbejdskompetence')]).toMatchObject({ respondents: 6, mean: 2.5 });
  });
});

describe('a department below the threshold, and a parent above', () => {
  it('when only two in Borgerservice have rated, then Birgitte reads one sentence — how many rated and how many are needed — and is offered no export', async () => {
    for (const n of [17, 18]) await rate(n, 'borgerservice', 5);
    await harness.publish();
    const card = await gapsCard(demo.birgitte, 'borgerservice');
    const text = visibleText(card);
    expect(text).toContain('Ingen tal endnu: 2 har vurderet sig selv, og der skal mindst 5 til, før tal kan vises uden at pege på nogen.');
    expect(text.match(/Ingen tal/g)).toHaveLength(1);
    expect(text).not.toMatch(/Nu \d|Gab \d|fordeling|Eksportér|Del med teamet/);
    expect(chartsOf(card)).toHaveLength(0);
  });

  it("when two in Social og Sundhed itself rate too, then Social og Sundhed keeps its earlier figure (the same ten as Hjemmeplejen's): the two are not its difference", async () => {
    for (const n of [13, 14]) await rate(n, 'social-sundhed', 1);
    await harness.publish();
    const parent = await gaps(demo.jens, 'social-sundhed');
    expect(parent).toContain('12 har vurderet sig selv');
    expect(parent).toContain('fordeling 1: 0 · 2: 2 · 3: 3 · 4: 4 · 5: 1');
    expect(parent).not.toContain('fordeling 1: 2');
    expect(await gaps(demo.lars, 'hjemmeplejen-nord')).toContain('fordeling 1: 0 · 2: 2 · 3: 3 · 4: 4 · 5: 1');
  });

  it('when HR asks, then any department can be seen; an employee or another leader is refused', async () => {
    expect(await gaps(demo.camilla, 'hjemmeplejen-nord')).toContain('10 har vurderet sig selv');
    expect(await gaps(demo.mette, 'hjemmeplejen-nord')).toContain('ikke adgang');
    expect(await gaps(demo.birgitte, 'hjemmeplejen-nord')).toContain('ikke adgang');
  });
});

describe("HR's view of the whole municipality", () => {
  it('when Camilla asks for the municipality, then each department shows its count and released gap, and the total keeps the figure it could show without singling anyone out', async () => {
    const replies = await harness.say(demo.camilla, 'kommunen');
    const text = replies.map(visibleText).join('\n');
    expect(text).toContain(`Hele kommunen – kompetencegab ${cycle}`);
    expect(text).toMatch(/\*\*Hjemmeplejen Nord\*\*\n10 har vurderet sig selv · største gab: Samarbejdskompetence 0,6/);
    expect(text).toMatch(/\*\*Borgerservice\*\*\n2 har vurderet sig selv\n/);
    // 14 in all now, but the total changed by only four since it counted Hjemmeplejen's ten.
    expect(text).toMatch(/Kompetencegab – Hele kommunen[\s\S]*fordeling 1: 0 · 2: 2 · 3: 3 · 4: 4 · 5: 1/);
    expect(text).toContain('Udgiv nye tal nu');
  });

  it('when Camilla asks to publish now, then the figures are published and she is told what changed', async () => {
    const replies = await harness.submit(demo.camilla, { verb: verbs.releasePublish });
    expect(replies.map(visibleText).join('\n')).toContain('Tallene udgives nu');
    const items = await harness.repos.schedule.dueIds(new Date(Date.now() + 1000), 50);
    expect(items.some((i) => i.id.startsWith('release|asked|'))).toBe(true);
  });

  it('when a leader asks for the municipality, or to publish, then it is refused', async () => {
    expect(visibleText((await harness.say(demo.lars, 'kommunen'))[0]!)).toContain('ikke adgang');
    expect(visibleText((await harness.submit(demo.lars, { verb: verbs.releasePublish }))[0]!)).toContain('ikke adgang');
  });
});

describe('a gap summary shared with the team', () => {
  it('when Lars shares the summary in his team\'s channel, then the channel gets it, and each member has one vote whose counts refresh; nobody outside the team can vote', async () => {
    harness.setTeamMembers([demo.lars, demo.mette, demo.sofie]);
    await harness.install(demo.lars, { scope: 'channel' });
    harness.takeProactive();
    const own = (await harness.submit(demo.lars, { verb: verbs.gapsOpen, departmentId: 'hjemmeplejen-nord' }))[0]!;
    expect(JSON.stringify(own)).toContain('"value":"19:general@thread.tacv2"');
    const replies = [...await harness.submit(demo.lars, { verb: verbs.gapsPost, departmentId: 'hjemmeplejen-nord', channelId: '19:general@thread.tacv2' }), ...harness.takeProactive()];
    expect(replies.map(visibleText).join('\n')).toContain('Kompetencegabet er delt i Hjemmeplejen Nord');

    const posted = replies.filter((r) => r.conversation?.id === '19:general@thread.tacv2');
    expect(posted).toHaveLength(1);
    expect(visibleText(posted[0]!)).toContain('fordeling 1: 0 · 2: 2 · 3: 3 · 4: 4 · 5: 1');
    expect(visibleText(posted[0]!)).toContain('Samarbejdskompetence – 0 stemmer');
    const postingId = /"postingId":"([^"]+)"/.exec(JSON.stringify(posted[0]!.attachments![0]!.content))![1]!;

    expect(invokeText(await harness.execute(demo.mette, verbs.gapsVote, { postingId, competenceId: 'samarbejdskompetence' }))).toContain('Samarbejdskompetence – 1 stemme');
    expect(invokeText(await harness.execute(demo.sofie, verbs.gapsVote, { postingId, competenceId: 'samarbejdskompetence' }))).toContain('Samarbejdskompetence – 2 stemmer');
    // Voting again does not count twice.
    expect(invokeText(await harness.execute(demo.mette, verbs.gapsVote, { postingId, competenceId: 'samarbejdskompetence' }))).toContain('Samarbejdskompetence – 2 stemmer');
    // Someone who knows the card but is not in the team: refused, and nothing counted.
    expect(invokeText(await harness.execute(demo.camilla, verbs.gapsVote, { postingId, competenceId: 'samarbejdskompetence' }))).toContain('Kun teamets medlemmer kan stemme');
    expect((await harness.repos.postings.load(postingId))!.votes.size).toBe(2);
    expect(invokeText(await harness.execute(demo.stranger, verbs.gapsVote, { postingId, competenceId: 'samarbejdskompetence' }))).toContain('ikke registreret');
  });

  it('when Lars shares into a team he is not a member of, then it is refused and nothing is posted', async () => {
    harness.setTeamMembers([demo.mette, demo.sofie]);
    const replies = [...await harness.submit(demo.lars, { verb: verbs.gapsPost, departmentId: 'hjemmeplejen-nord', channelId: '19:general@thread.tacv2' }), ...harness.takeProactive()];
    expect(replies.map(visibleText).join('\n')).toContain('Du kan kun dele i et team, du selv er med i.');
    expect(replies.filter((r) => r.conversation?.id === '19:general@thread.tacv2')).toHaveLength(0);
  });

  it('when an employee tries to share a summary, then it is refused and nothing is posted', async () => {
    const replies = [...await harness.submit(demo.mette, { verb: verbs.gapsPost, departmentId: 'hjemmeplejen-nord', channelId: '19:general@thread.tacv2' }), ...harness.takeProactive()];
    expect(replies.map(visibleText).join('\n')).toContain('ikke adgang');
    expect(replies.filter((r) => r.conversation?.id === '19:general@thread.tacv2')).toHaveLength(0);
  });
});
