import { beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { defaultQuestionSet, groupsWithCompetences } from '../../src/domain/catalogue';
import { loadDomainData } from '../../src/data/loadDomainData';
import { buildSteps } from '../../src/domain/preparation';
import { inviteToPrepare } from '../../src/bot/proactive';
import { formatterFor } from '../../src/domain/format';
import { botHarness, demo, visibleText } from '../support/botHarness';

let harness: Awaited<ReturnType<typeof botHarness>>;
let steps: ReturnType<typeof buildSteps>;
beforeAll(async () => {
  harness = await botHarness();
  const data = await loadDomainData();
  steps = buildSteps(defaultQuestionSet(data.questionBank, 'employee'), groupsWithCompetences(data.competenceModel, 'employee'));
});

type Card = { body: unknown[]; actions?: Array<{ verb?: string; data?: Record<string, unknown> }> };
const cardOf = (replies: Partial<Activity>[]): Card => {
  const invoke = replies.find((r) => r.type === 'invokeResponse');
  if (invoke) return (invoke.value as { body: { value: Card } }).body.value;
  for (const r of replies) {
    const content = r.attachments?.[0]?.content as Card | undefined;
    if (content) return content;
  }
  throw new Error(`no card in ${JSON.stringify(replies)}`);
};
const textOfCard = (card: Card) => visibleText({ attachments: [{ contentType: 'x', content: card }] });
const versionOf = (card: Card) => Number(card.actions?.[0]?.data?.version);
const stepIdOf = (card: Card) => String(card.actions?.[0]?.data?.stepId);

/** Answers every input of a step card with something valid. */
function answersFor(stepId: string, text = 'Et svar'): Record<string, string> {
  const step = steps.find((s) => s.id === stepId)!;
  if (step.kind === 'rating') return Object.fromEntries(step.group.competences.map((c, i) => [`r_${c.id}`, String((i % 5) + 1)]));
  return Object.fromEntries(step.theme.questions.map((q) => [`q_${q.id}`, q.kind === 'text' ? text : q.choices[0]!.id]));
}

describe('MUS preparation through the bot', () => {
  it('when an employee types "forbered MUS", then the first step arrives with its progress, and each Next moves on by one', async () => {
    let card = cardOf(await harness.say(demo.mette, 'forbered MUS'));
    expect(textOfCard(card)).toContain(`Trin 1 af ${steps.length}`);
    expect(stepIdOf(card)).toBe(steps[0]!.id);
    card = cardOf(await harness.execute(demo.mette, 'prep.next', { stepId: steps[0]!.id, version: versionOf(card), ...answersFor(steps[0]!.id, 'Stolt af teamet') }));
    expect(textOfCard(card)).toContain(`Trin 2 af ${steps.length}`);
  });

  it('when a required answer is missing, then the same step comes back with the problem and the typed answers kept, and nothing is saved', async () => {
    let card = cardOf(await harness.say(demo.mette, 'forbered MUS'));
    const stepId = stepIdOf(card);
    const values = answersFor(stepId, 'Mit halve svar');
    const firstRequired = Object.keys(values)[0]!;
    card = cardOf(await harness.execute(demo.mette, 'prep.next', { stepId, version: versionOf(card), ...values, [firstRequired]: '' }));
    expect(stepIdOf(card)).toBe(stepId);
    expect(textOfCard(card)).toContain('skal besvares');
    expect(JSON.stringify(card)).toContain('Mit halve svar');
  });

  it('when the employee saves and comes back later, then the first unanswered step opens with earlier answers filled in', async () => {
    let card = cardOf(await harness.say(demo.mette, 'forbered MUS'));
    const stepId = stepIdOf(card);
    card = cardOf(await harness.execute(demo.mette, 'prep.save', { stepId, version: versionOf(card), ...answersFor(stepId, 'Gemt til senere') }));
    expect(textOfCard(card)).toContain('Dine svar er gemt');
    card = cardOf(await harness.say(demo.mette, 'forbered MUS'));
    expect(stepIdOf(card)).toBe(stepId);
    expect(JSON.stringify(card)).toContain('Gemt til senere');
  });

  it.each([
    ['Sofie (Danish)', demo.sofie, 'da-DK', 'højst 2.000 tegn, og du skrev 2.500', 'Hele din tekst står stadig i feltet', 'højst 2.000 tegn, og du skrev 20.000', 'feltet viser de første 10.000 tegn, og resten er ikke gemt', 'Højst 2.000 tegn.'],
    ['Ahmad (English Teams)', demo.ahmad, 'en-US', 'at most 2,000 characters, and you wrote 2,500', 'All of your text is still in the field', 'at most 2,000 characters, and you wrote 20,000', 'the field shows the first 10,000 characters, and the rest is not saved', 'At most 2,000 characters.'],
  ] as const)('when %s writes a too-long answer, then nothing is cut silently: the card says the limit and that nothing is saved, the text stays in the field, and Next saves only once it is shortened', async (_who, user, locale, over, kept, farOver, partly, limit) => {
    const cycle = String(new Date().getUTCFullYear());
    const inputOf = (card: Card, id: string) => JSON.stringify(card).includes(`"id":"${id}"`) ? (JSON.parse(JSON.stringify(card).match(new RegExp(`\\{"type":"Input.Text","id":"${id}"[^}]*\\}`))![0]) as { value?: string; maxLength?: number }) : undefined;
    let card = cardOf(await harness.say(user, 'forbered MUS', { locale }));
    const stepId = stepIdOf(card);
    const values = answersFor(stepId, 'Kort svar');
    const textId = Object.keys(values)[0]!;
    // The card states the limit and sets no maxLength a client would cut a pasted text to.
    expect(textOfCard(card)).toContain(limit);
    expect(inputOf(card, textId)?.maxLength).toBeUndefined();
    const long = `${'Jeg vil gerne fortælle om året. '.repeat(80).slice(0, 2499)}!`;
    const version = versionOf(card);
    for (let click = 0; click < 2; click++) {
      card = cardOf(await harness.execute(user, 'prep.next', { stepId, version, ...values, [textId]: long }, { locale }));
      expect(stepIdOf(card)).toBe(stepId);
      expect(textOfCard(card)).toContain(over);
      expect(textOfCard(card)).toContain(kept);
      expect(inputOf(card, textId)?.value).toBe(long);
    }
    expect((await harness.repos.preparations.load(user.aadObjectId, cycle))?.answers.get(stepId)).toBeUndefined();

    card = cardOf(await harness.execute(user, 'prep.next', { stepId, version, ...values, [textId]: 'æ'.repeat(20_000) }, { locale }));
    expect(textOfCard(card)).toContain(farOver);
    expect(textOfCard(card)).toContain(partly);
    expect(inputOf(card, textId)?.value).toBe('æ'.repeat(10_000));

    const shortened = long.slice(0, 1990);
    card = cardOf(await harness.execute(user, 'prep.next', { stepId, version, ...values, [textId]: shortened }, { locale }));
    expect(stepIdOf(card)).not.toBe(stepId);
    const saved = (await harness.repos.preparations.load(user.aadObjectId, cycle))!.answers.get(stepId);
    expect(saved?.kind === 'questions' ? saved.answers[textId.slice(2)] : undefined).toBe(shortened.trim());
  });

  it('when an old card is clicked after the flow moved on, then the current step is shown and no answer is lost or doubled', async () => {
    const card = cardOf(await harness.say(demo.mette, 'forbered MUS'));
    const stepId = stepIdOf(card);
    const version = versionOf(card);
    const moved = cardOf(await harness.execute(demo.mette, 'prep.next', { stepId, version, ...answersFor(stepId, 'Første klik') }));
    const again = cardOf(await harness.execute(demo.mette, 'prep.next', { stepId, version, ...answersFor(stepId, 'Andet klik') }));
    expect(textOfCard(again)).toContain('forældet');
    expect(stepIdOf(again)).toBe(stepIdOf(moved));
    const prep = await harness.repos.preparations.load(demo.mette.aadObjectId, String(new Date().getUTCFullYear()));
    expect(JSON.stringify(prep!.answers.get(stepId))).toContain('Første klik');
  });

  it('when every step is done and two sections are shared, then the leader receives exactly those two and nothing else', async () => {
    await harness.install(demo.lars);
    let card = cardOf(await harness.say(demo.mette, 'forbered MUS'));
    for (let guard = 0; guard < 20 && card.actions?.[0]?.verb === 'prep.next'; guard++) {
      const stepId = stepIdOf(card);
      card = cardOf(await harness.execute(demo.mette, 'prep.next', { stepId, version: versionOf(card), ...answersFor(stepId, `Svar til ${stepId}`) }));
    }
    expect(textOfCard(card)).toContain('Din forberedelse');
    const before = await harness.repos.preparations.load(demo.mette.aadObjectId, String(new Date().getUTCFullYear()));
    expect(before!.header.sharedSections).toBeUndefined();

    const replies = await harness.execute(demo.mette, 'prep.share', {
      version: versionOf(card), share_competences: 'true', 'share_theme-future-ambitions': 'true', 'share_theme-looking-back': 'false',
    });
    const mine = textOfCard(cardOf(replies));
    expect(mine).toContain('Delt med din leder');
    expect(mine).toContain('Mine kompetencer');
    // The leader's card went out proactively through the TestAdapter.
    const leaderCard = replies.find((r) => r.type === 'message' && visibleText(r).includes('har delt sin MUS-forberedelse'));
    expect(leaderCard).toBeDefined();
    const leaderText = visibleText(leaderCard!);
    expect(leaderText).toContain('Mine kompetencer');
    expect(leaderText).toContain('Svar til theme-future-ambitions');
    expect(leaderText).not.toContain('Svar til theme-looking-back');
    expect(leaderText).not.toContain('Svar til theme-tasks-wellbeing');
    const after = await harness.repos.preparations.load(demo.mette.aadObjectId, String(new Date().getUTCFullYear()));
    expect(after!.header.sharedSections?.sort()).toEqual(['competences', 'theme-future-ambitions']);
  });

  it("when the department has desired levels, then the rating card shows them beside each competence, with the description behind a toggle", async () => {
    await harness.repos.departmentSettings.setProfile('hjemmeplejen-nord', String(new Date().getUTCFullYear()), { samarbejdskompetence: 4 });
    const first = cardOf(await harness.say(demo.sofie, 'forbered MUS'));
    const card = cardOf(await harness.execute(demo.sofie, 'prep.goto', { version: versionOf(first), target: 'rating-kultur' }));
    const text = textOfCard(card);
    expect(text).toContain('Samarbejdskompetence');
    expect(text).toContain('Afdelingens ønskede niveau: 4 – Erfaren');
    expect(text).toContain('Ikke relevant');
    expect(text).toContain('Læs mere');
    expect(text.match(/Afdelingens ønskede niveau/g)).toHaveLength(1);
  });

  it('when Lars starts a MUS round, then each invitation says, in the employee\'s language, who asks, the deadline he set and how long preparing takes', async () => {
    await harness.install(demo.ahmad, { locale: 'en-US' });
    await harness.install(demo.mette, { locale: 'da-DK' });
    harness.takeProactive();
    const deadline = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    const replies = await harness.execute(demo.lars, 'round.start', { departmentId: 'hjemmeplejen-nord', deadline, includeSub: 'false' });
    const invitationTo = (user: { aadObjectId: string }) => visibleText(replies.find((r) => r.type === 'message' && r.conversation?.id === `a:personal-${user.aadObjectId}`)!);
    const mette = invitationTo(demo.mette);
    expect(mette).toContain('Tid til at forberede din MUS');
    expect(mette).toContain('Lars Nielsen har startet MUS-runden og beder dig forberede dig til jeres samtale.');
    expect(mette).toContain(`Frist for forberedelsen\n${formatterFor('da').date(deadline)}\nTid\nomkring 15 minutter (9 trin)`);
    const ahmad = invitationTo(demo.ahmad);
    expect(ahmad).toContain('Time to prepare for your MUS');
    expect(ahmad).toContain('Lars Nielsen has started the MUS round and asks you to prepare for your conversation.');
    expect(ahmad).toContain(`Preparation deadline\n${formatterFor('en').date(deadline)}\nTime\nabout 15 minutes (9 steps)`);
    expect(await inviteToPrepare(harness.bot.proactive, demo.stranger.aadObjectId, { leaderName: 'Lars Nielsen', deadline, steps: 9 })).toEqual({ outcome: 'unreachable', reason: 'not-installed' });
  });
});
