import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { parseConfig } from '../../src/config';
import { createJobs, nudgePolicyOf } from '../../src/jobs';
import { createLogger } from '../../src/logger';
import { botHarness, demo, type DemoUser, visibleText } from '../support/botHarness';

// A GRUS in Hjemmeplejen Nord's team: Lars runs it; five of his employees answer in their own
// chats; the result reaches the team's channel once, counted without names (threshold 5).
let harness: Awaited<ReturnType<typeof botHarness>>;
const channel = '19:general@thread.tacv2';
const person = (n: number, name: string): DemoUser => ({ aadObjectId: `0d1e2f30-0000-4000-8000-${String(n).padStart(12, '0')}`, name });
const anne = person(7, 'Anne Kristensen');
const peter = person(8, 'Peter Larsen');
const team = [demo.lars, demo.mette, demo.sofie, demo.ahmad, anne, peter];
const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

const invokeCard = (replies: Awaited<ReturnType<typeof harness.say>>) =>
  visibleText({ attachments: [{ contentType: 'x', content: (replies.find((r) => r.type === 'invokeResponse')!.value as { body: { value: unknown } }).body.value }] });
const inChannel = (replies: Awaited<ReturnType<typeof harness.say>>) => replies.filter((r) => r.conversation?.id === channel);
const answer = (collab: string, strengths: string) => ({ 'q_team-collab-rating': collab, 'q_team-priorities': 'professional,wellbeing', 'q_team-strengths': strengths });

async function grusRows() {
  const rows = [];
  for await (const row of harness.repos.tables.table('groupConversations').listEntities()) rows.push(row);
  return rows;
}

let grusId = '';

beforeAll(async () => {
  harness = await botHarness();
  await harness.install(demo.lars, { scope: 'channel' });
  // Everyone but Peter has the app in their personal chat.
  for (const user of team.filter((u) => u !== peter)) await harness.install(user);
  harness.takeProactive();
});

describe('starting a GRUS', () => {
  it('when the team has fewer members the bot knows than the threshold, then it is refused with the reason and nothing is stored', async () => {
    harness.setTeamMembers([demo.lars, demo.mette, demo.sofie, demo.stranger]);
    const replies = await harness.submit(demo.lars, { verb: verbs.grusStart, departmentId: 'hjemmeplejen-nord', channelId: channel, deadline });
    expect(replies.map(visibleText).join('\n')).toContain('Teamet har 2 deltagere, jeg kender. Der skal mindst være 5');
    expect(await grusRows()).toHaveLength(0);
  });

  it('when an employee tries to start one, then it is refused', async () => {
    harness.setTeamMembers(team);
    const replies = await harness.submit(demo.mette, { verb: verbs.grusStart, departmentId: 'hjemmeplejen-nord', channelId: channel, deadline });
    expect(replies.map(visibleText).join('\n')).toContain('ikke adgang');
    expect(await grusRows()).toHaveLength(0);
  });

  it('when Lars starts it for the team, then each member he leads gets the group questions in their own chat, and he hears who cannot be reached', async () => {
    harness.setTeamMembers(team);
    const form = visibleText((await harness.submit(demo.lars, { verb: verbs.grusForm, departmentId: 'hjemmeplejen-nord' }))[0]!);
    expect(form).toContain('Start en GRUS – Hjemmeplejen Nord');
    const replies = [...await harness.submit(demo.lars, { verb: verbs.grusStart, departmentId: 'hjemmeplejen-nord', channelId: channel, deadline }), ...harness.takeProactive()];
    const text = replies.map(visibleText).join('\n');
    expect(text).toContain('GRUS startet i Hjemmeplejen Nord: 5 deltagere får spørgsmålene');
    expect(text).toContain('1 har ikke installeret Kompetencebot endnu');
    const invitations = replies.filter((r) => r.conversation?.id?.startsWith('a:personal-') && r.conversation.id !== `a:personal-${demo.lars.aadObjectId}`);
    expect(invitations.map((r) => r.conversation!.id).sort()).toEqual([demo.ahmad, anne, demo.mette, demo.sofie].map((u) => `a:personal-${u.aadObjectId}`).sort());
    expect(JSON.stringify(invitations[0]!.attachments)).toContain('Hvordan fungerer samarbejdet i teamet?');
    grusId = /"grusId":"([^"]+)"/.exec(JSON.stringify(invitations[0]!.attachments))![1]!;
    expect(inChannel(replies)).toHaveLength(0);
  });

  it('when Lars starts a second GRUS on the same team, or on one that overlaps it, then it is refused — a second result for the same people could be subtracted from the first — and nothing is stored', async () => {
    const before = (await grusRows()).length;
    const again = await harness.submit(demo.lars, { verb: verbs.grusStart, departmentId: 'hjemmeplejen-nord', channelId: channel, deadline });
    expect(again.map(visibleText).join('\n')).toContain('Teamet har 5 deltagere, jeg kender, og 5 af dem er allerede med i en anden GRUS i år');
    // One more member in the team: still only one who takes part in no GRUS yet.
    harness.setTeamMembers([...team, person(9, 'Louise Pedersen')]);
    const overlapping = await harness.submit(demo.lars, { verb: verbs.grusStart, departmentId: 'hjemmeplejen-nord', channelId: channel, deadline });
    expect(overlapping.map(visibleText).join('\n')).toContain('Teamet har 6 deltagere, jeg kender, og 5 af dem er allerede med i en anden GRUS i år');
    expect(await grusRows()).toHaveLength(before);
    harness.setTeamMembers(team);
  });
});

describe('answering and sharing the result', () => {
  it('when a member leaves a required question out, then the card says so, keeps what was typed, and nothing is saved', async () => {
    const card = invokeCard(await harness.execute(demo.mette, verbs.grusAnswer, { grusId, 'q_team-strengths': 'Vi hjælper hinanden' }));
    expect(card).toContain('"Hvordan fungerer samarbejdet i teamet?" skal besvares.');
    expect(JSON.stringify(await grusRows())).not.toContain('Vi hjælper hinanden');
  });

  it('when someone outside any open GRUS types "grus", then they are told there is nothing to answer', async () => {
    expect((await harness.say(demo.camilla, 'grus')).map(visibleText).join('\n')).toContain('Du er ikke med i nogen åben GRUS lige nu.');
  });

  it('when fewer than five have answered, then Lars sees the count and cannot share the result yet', async () => {
    expect(invokeCard(await harness.execute(demo.mette, verbs.grusAnswer, { grusId, ...answer('well', 'Vi hjælper hinanden') }))).toContain('1 af 5 har svaret');
    const status = visibleText((await harness.say(demo.lars, 'grus'))[0]!);
    expect(status).toContain('1 af 5 har svaret');
    expect(status).not.toContain('Del resultatet nu');
    const replies = [...await harness.submit(demo.lars, { verb: verbs.grusPostNow, grusId }), ...harness.takeProactive()];
    expect(replies.map(visibleText).join('\n')).toContain('Resultatet kan først vises, når mindst 5 har svaret.');
    expect(inChannel(replies)).toHaveLength(0);
  });

  it('when someone who is not in the team sends answers, then they are refused', async () => {
    expect(invokeCard(await harness.execute(demo.camilla, verbs.grusAnswer, { grusId, ...answer('poorly', 'Intet') }))).toContain('ikke adgang');
  });

  it('when the last member answers, then the channel gets the result once, counted without names, and Lars is told', async () => {
    // Mette changes her mind while it is open: her answer is replaced, not counted twice.
    await harness.execute(demo.mette, verbs.grusAnswer, { grusId, ...answer('very-well', 'Vi hjælper hinanden') });
    await harness.execute(demo.sofie, verbs.grusAnswer, { grusId, ...answer('well', 'Godt humør') });
    await harness.execute(demo.ahmad, verbs.grusAnswer, { grusId, ...answer('well', 'Faglig stolthed') });
    await harness.execute(anne, verbs.grusAnswer, { grusId, ...answer('mixed', '') });
    expect(harness.takeProactive().filter((r) => r.conversation?.id === channel)).toHaveLength(0);
    // Peter had not installed the app: once he writes "grus", he gets the questions.
    expect(JSON.stringify((await harness.say(peter, 'grus'))[0]!.attachments)).toContain('Hvordan fungerer samarbejdet i teamet?');
    const last = await harness.execute(peter, verbs.grusAnswer, { grusId, ...answer('well', 'Arbejdsglæde') });
    expect(invokeCard(last)).toContain('Resultatet af GRUS er delt i Hjemmeplejen Nord.');
    const sent = [...last, ...harness.takeProactive()];
    const posted = inChannel(sent);
    expect(posted).toHaveLength(1);
    const result = visibleText(posted[0]!);
    expect(result).toContain('5 har svaret');
    expect(result).toMatch(/Rigtig godt +■+ 1/);
    expect(result).toMatch(/Godt +■{10} 3/);
    expect(result).toMatch(/Både og +■+ 1/);
    // Teams draws the counts as a bar chart (the character bars above are its fallback).
    const charts = JSON.stringify(posted[0]!.attachments).match(/"type":"Chart\.HorizontalBar"[^\]]*\]/g) ?? [];
    const collaboration = charts.find((c) => c.includes('"title":"Hvordan fungerer samarbejdet i teamet?"'));
    expect(collaboration).toContain('{"x":"Rigtig godt","y":1},{"x":"Godt","y":3},{"x":"Både og","y":1}');
    // None for the question too few answered.
    expect(charts.some((c) => c.includes('Hvor godt deler I viden'))).toBe(false);
    // Texts in alphabetical order, not in the order they came; no names anywhere.
    expect(result).toContain('• Arbejdsglæde\n• Faglig stolthed\n• Godt humør\n• Vi hjælper hinanden');
    for (const user of team) expect(result).not.toContain(user.name);
    // An optional choice question fewer than five answered shows no counts.
    expect(result).toMatch(/\*\*Hvor godt deler I viden og erfaringer med hinanden i teamet\?\*\*\nFor få svar til at vise tal \(under 5\)\./);
    expect(sent.filter((r) => r.conversation?.id === `a:personal-${demo.lars.aadObjectId}`).map(visibleText).join('\n')).toContain('Resultatet af GRUS er delt i Hjemmeplejen Nord.');
  });

  it('when a member answers after the result is shared, then the card says it is closed and nothing is posted again', async () => {
    const replies = [...await harness.execute(demo.mette, verbs.grusAnswer, { grusId, ...answer('poorly', 'Ændret') }), ...harness.takeProactive()];
    expect(invokeCard(replies)).toContain('Resultatet er allerede delt i kanalen');
    expect(inChannel(replies)).toHaveLength(0);
    expect(JSON.stringify(await grusRows())).not.toContain('Ændret');
  });

  it('when Lars presses "share the result now" on an older card after it was shared, then he is told to type "grus" to see how it stands — in his language', async () => {
    const danish = (await harness.submit(demo.lars, { verb: verbs.grusPostNow, grusId })).map(visibleText).join('\n');
    expect(danish).toContain('Det kort er forældet: der er sket noget nyt siden. Skriv "grus" for at se, hvordan det står nu.');
    await harness.repos.preferences.setLanguage(demo.lars.aadObjectId, 'en');
    try {
      const english = (await harness.submit(demo.lars, { verb: verbs.grusPostNow, grusId })).map(visibleText).join('\n');
      expect(english).toContain('That card is out of date: something has changed since. Type "group conversation" to see how things stand now.');
    } finally {
      await harness.repos.preferences.setLanguage(demo.lars.aadObjectId, 'da');
    }
    expect(inChannel(harness.takeProactive())).toHaveLength(0);
  });
});

describe("the group's development plan", () => {
  it('when Lars leaves out who is responsible, then the form comes back with the reason and his goal', async () => {
    const status = visibleText((await harness.say(demo.lars, 'grus'))[0]!);
    expect(status).toContain('Resultatet er delt (5 svar).');
    expect(status).toContain('Skriv gruppens udviklingsplan');
    const replies = [...await harness.submit(demo.lars, { verb: verbs.grusPlanSave, subjectId: grusId, goal_0: 'Faste lærende møder hver måned', activity_0: 'laerende-moeder', due_0: `${new Date().getUTCFullYear() + 1}-03-31` }), ...harness.takeProactive()];
    const text = replies.map(visibleText).join('\n');
    expect(text).toContain('Punkt 1: skriv hvem der er ansvarlig.');
    expect(JSON.stringify(replies[0]!.attachments)).toContain('Faste lærende møder hver måned');
    expect(inChannel(replies)).toHaveLength(0);
  });

  it('when Lars records the agreed plan, then it is posted in the channel as a card', async () => {
    const due = `${new Date().getUTCFullYear() + 1}-03-31`;
    const replies = [...await harness.submit(demo.lars, {
      verb: verbs.grusPlanSave, subjectId: grusId,
      goal_0: 'Faste lærende møder hver måned', competence_0: 'samarbejdskompetence', activity_0: 'laerende-moeder', owner_0: 'Sofie og Ahmad', due_0: due,
    }), ...harness.takeProactive()];
    expect(replies.map(visibleText).join('\n')).toContain('Gruppens udviklingsplan er delt i Hjemmeplejen Nord.');
    const posted = inChannel(replies);
    expect(posted).toHaveLength(1);
    const card = visibleText(posted[0]!);
    expect(card).toContain('Gruppens udviklingsplan – Hjemmeplejen Nord');
    expect(card).toContain('1. Faste lærende møder hver måned');
    expect(card).toContain('Lærende møder');
    expect(card).toContain('Sofie og Ahmad');
  });

  it("when another department's leader tries to write the team's plan, then it is refused", async () => {
    const replies = [...await harness.submit(demo.birgitte, { verb: verbs.grusPlanSave, subjectId: grusId, goal_0: 'X', activity_0: 'laerende-moeder', owner_0: 'Y', due_0: `${new Date().getUTCFullYear() + 1}-01-31` }), ...harness.takeProactive()];
    expect(replies.map(visibleText).join('\n')).toContain('ikke adgang');
    expect(inChannel(replies)).toHaveLength(0);
  });
});

describe('the deadline of a GRUS', () => {
  const louise = person(9, 'Louise Pedersen');
  // Each its own municipality: a person takes part in one GRUS a year.
  beforeEach(async () => {
    harness = await botHarness();
    await harness.install(demo.lars, { scope: 'channel' });
    for (const user of team.filter((u) => u !== peter)) await harness.install(user);
    harness.takeProactive();
  });
  const jobsAt = async (grus: string) => {
    const policy = nudgePolicyOf(parseConfig({ APP_ENV: 'local' }), harness.domainData);
    const jobs = createJobs({ repos: harness.repos, domainData: harness.domainData, messenger: harness.bot.reminders, policy, logger: createLogger('silent'), aarshjul: false, anonymityThreshold: 5 });
    const item = (await harness.repos.schedule.get(`grus|${grus}|deadline`))!;
    expect(new Date(item.dueAt).getTime()).toBeGreaterThan(new Date(`${deadline}T12:00:00Z`).getTime());
    return () => jobs.runDue(new Date(item.dueAt));
  };
  const start = async () => {
    harness.setTeamMembers([...team, louise]);
    const replies = [...await harness.submit(demo.lars, { verb: verbs.grusStart, departmentId: 'hjemmeplejen-nord', channelId: channel, deadline }), ...harness.takeProactive()];
    return /"grusId":"([^"]+)"/.exec(JSON.stringify(replies.map((r) => r.attachments)))![1]!;
  };

  it('when the deadline passes with too few answers, then nothing is shared and Lars is told how many answered', async () => {
    const grus = await start();
    await harness.execute(demo.mette, verbs.grusAnswer, { grusId: grus, ...answer('well', 'A') });
    await harness.execute(demo.sofie, verbs.grusAnswer, { grusId: grus, ...answer('well', 'B') });
    harness.takeProactive();
    await (await jobsAt(grus))();
    const sent = harness.takeProactive();
    expect(inChannel(sent)).toHaveLength(0);
    const toLars = sent.filter((r) => r.conversation?.id === `a:personal-${demo.lars.aadObjectId}`).map(visibleText).join('\n');
    expect(toLars).toContain('Svarfristen for GRUS i Hjemmeplejen Nord er overskredet');
    expect(toLars).toContain('2 af 6 har svaret.');
    expect((await harness.repos.grus.get(grus))!.grus.state).toBe('open');
  });

  it('when the deadline passes with enough answers but not all, then the result is shared once', async () => {
    const grus = await start();
    for (const [user, collab] of [[demo.mette, 'well'], [demo.sofie, 'mixed'], [demo.ahmad, 'well'], [anne, 'poorly'], [peter, 'well']] as const) {
      await harness.execute(user, verbs.grusAnswer, { grusId: grus, ...answer(collab, '') });
    }
    expect(inChannel(harness.takeProactive())).toHaveLength(0);
    const run = await jobsAt(grus);
    await run();
    const posted = inChannel(harness.takeProactive());
    expect(posted).toHaveLength(1);
    expect(visibleText(posted[0]!)).toContain('5 har svaret');
    await run();
    expect(inChannel(harness.takeProactive())).toHaveLength(0);
  });
});
