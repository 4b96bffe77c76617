import { beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { defaultQuestionSet, groupsWithCompetences } from '../../src/domain/catalogue';
import { loadDomainData } from '../../src/data/loadDomainData';
import { buildSteps } from '../../src/domain/preparation';
import { inviteToPrepare } from '../../src/bot/proactive';
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

  it('when an employee is invited proactively, then a card with a start button reaches their chat', async () => {
    await harness.install(demo.ahmad, { locale: 'en-US' });
    expect(await inviteToPrepare(harness.bot.proactive, demo.ahmad.aadObjectId)).toEqual({ outcome: 'queued' });
    expect(await inviteToPrepare(harness.bot.proactive, demo.stranger.aadObjectId)).toEqual({ outcome: 'unreachable', reason: 'not-installed' });
  });
});
