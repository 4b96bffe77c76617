import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { customQuestionId } from '../../src/domain/questionSet';
import { preparationContext } from '../../src/services/preparation';
import { botHarness, demo, visibleText } from '../support/botHarness';

// A leader chooses the department's MUS questions from the bank and adds their own; employees'
// preparation asks exactly those. Through the real bot on Azurite.
let harness: Awaited<ReturnType<typeof botHarness>>;
const { lars, mette, birgitte } = demo;
const department = 'hjemmeplejen-nord';
const cycle = String(new Date().getUTCFullYear());
const ownQuestion = 'Hvordan har det været at arbejde med de nye ruter?';
const unticked = { id: 'looking-back-challenges', text: 'Hvad har været svært eller udfordrende, og hvad lærte du af det?' };

beforeAll(async () => {
  harness = await botHarness();
});

const invokeCard = (replies: Partial<Activity>[]) =>
  (replies.find((r) => r.type === 'invokeResponse')!.value as { body: { value: Record<string, unknown> } }).body.value;
const text = (card: unknown) => visibleText({ attachments: [{ contentType: 'x', content: card }] });
const metteContext = async () =>
  preparationContext(harness.repos, harness.domainData, (await harness.repos.org.getPerson(mette.aadObjectId))!, new Date());
const questionIdsOf = async () => (await metteContext()).steps.flatMap((s) => (s.kind === 'questions' ? s.theme.questions.map((q) => q.id) : []));
const toggleOf = (card: unknown, questionId: string) => {
  const match = new RegExp(`"id":"qs_${questionId}","title":"[^"]*","value":"(true|false)"`).exec(JSON.stringify(card));
  return match?.[1];
};

/** Mette opens one of her preparation steps, from a card of her current version. */
async function metteOpens(stepId: string) {
  const version = (await harness.repos.preparations.load(mette.aadObjectId, cycle))?.header.version ?? 0;
  return invokeCard(await harness.execute(mette, verbs.prepGoto, { version, target: stepId }));
}

/** Every question of the default set ticked, as the card first shows it. */
function defaultToggles(): Record<string, string> {
  return Object.fromEntries(harness.domainData.questionBank.defaultSet.employee.flatMap((e) => e.questionIds.map((id) => [`qs_${id}`, 'true'])));
}

describe("the department's MUS questions", () => {
  it('when Lars opens the questions, then the standard set is ticked and he can add his own', async () => {
    const card = (await harness.submit(lars, { verb: verbs.questionsOpen, departmentId: department }))[0]!;
    const shown = visibleText(card);
    expect(shown).toContain('MUS-spørgsmål for Hjemmeplejen Nord');
    expect(shown).toContain('I bruger standardspørgsmålene.');
    const json = JSON.stringify(card);
    expect(json).toContain('"id":"qs_looking-back-proud","title":"Hvad er du mest stolt af fra det seneste år?","value":"true"');
    expect(json).toContain('"id":"own_1"');
  });

  it('when Lars unticks a question and adds one of his own, then Mette is asked his question and not the unticked one, and keeps what she already answered', async () => {
    // Mette has answered the first theme, the unticked question included.
    const first = await metteOpens('theme-looking-back');
    const answers = Object.fromEntries(JSON.stringify(first).match(/"id":"q_[^"]+"/g)!.map((m) => [m.slice(6, -1), 'Et svar fra i foråret']));
    const version = Number((first.actions as Array<{ data: { version: number } }>)[0]!.data.version);
    await harness.execute(mette, verbs.prepNext, { stepId: 'theme-looking-back', version, ...answers });

    const toggles = { ...defaultToggles(), [`qs_${unticked.id}`]: 'false' };
    const saved = invokeCard(await harness.execute(lars, verbs.questionsSave, { departmentId: department, ...toggles, own_1: ownQuestion }));
    expect(text(saved)).toContain('Spørgsmålene er gemt.');
    expect(toggleOf(saved, unticked.id)).toBe('false');
    expect(JSON.stringify(saved)).toContain(`"value":"${ownQuestion}"`);
    const ids = await questionIdsOf();
    expect(ids).not.toContain(unticked.id);
    expect(ids).toContain('looking-back-proud');
    expect(ids.at(-1)).toBe(customQuestionId(ownQuestion));

    // Mette meets his question as the last question step, and the unticked one nowhere.
    const started = await harness.say(mette, 'forbered MUS');
    expect(JSON.stringify(started)).not.toContain(unticked.text);
    const lookingBack = await metteOpens('theme-looking-back');
    expect(JSON.stringify(lookingBack)).not.toContain(unticked.text);
    const own = await metteOpens('theme-department-questions');
    expect(text(own)).toContain('Afdelingens egne spørgsmål');
    expect(JSON.stringify(own)).toContain(ownQuestion);

    // Her answer to the question no longer asked is still hers.
    const prep = await harness.repos.preparations.load(mette.aadObjectId, cycle);
    expect(prep!.answers.get('theme-looking-back')).toMatchObject({ answers: { [unticked.id]: 'Et svar fra i foråret' } });
  });

  it('when the form is refused, then it says why, keeps what was ticked and typed, and nothing is saved', async () => {
    const before = await harness.repos.departmentSettings.getQuestionSet(department, 'employee');
    const none = invokeCard(await harness.execute(lars, verbs.questionsSave, { departmentId: department }));
    expect(text(none)).toContain('Vælg mindst ét spørgsmål.');
    const long = invokeCard(await harness.execute(lars, verbs.questionsSave, {
      departmentId: department, ...defaultToggles(), 'qs_looking-back-proud': 'false', own_1: 'Et godt spørgsmål', own_2: 'x'.repeat(301),
    }));
    expect(text(long)).toContain('Eget spørgsmål 2 må højst have 300 tegn.');
    expect(JSON.stringify(long)).toContain(`"value":"${'x'.repeat(301)}"`);
    expect(JSON.stringify(long)).toContain('"value":"Et godt spørgsmål"');
    expect(toggleOf(long, 'looking-back-proud')).toBe('false');
    expect(toggleOf(long, unticked.id)).toBe('true');
    const stale = invokeCard(await harness.execute(lars, verbs.questionsSave, { departmentId: department, ...defaultToggles(), 'qs_a-removed-question': 'true' }));
    expect(text(stale)).toContain('Kortet nævner spørgsmål, som ikke længere er i spørgsmålsbanken.');
    expect(JSON.stringify(stale)).not.toContain('a-removed-question');
    expect(await harness.repos.departmentSettings.getQuestionSet(department, 'employee')).toEqual(before);
  });

  it("when another department's leader, an employee or a card naming an unknown department tries, then it is refused and nothing is saved", async () => {
    const before = await harness.repos.departmentSettings.getQuestionSet(department, 'employee');
    expect(visibleText((await harness.submit(birgitte, { verb: verbs.questionsOpen, departmentId: department }))[0]!)).toContain('ikke adgang');
    expect(text(invokeCard(await harness.execute(birgitte, verbs.questionsSave, { departmentId: department, ...defaultToggles() })))).toContain('ikke adgang');
    expect(text(invokeCard(await harness.execute(birgitte, verbs.questionsReset, { departmentId: department })))).toContain('ikke adgang');
    expect(visibleText((await harness.submit(mette, { verb: verbs.questionsOpen, departmentId: department }))[0]!)).toContain('ikke adgang');
    expect(text(invokeCard(await harness.execute(mette, verbs.questionsSave, { departmentId: department })))).toContain('ikke adgang');
    expect(text(invokeCard(await harness.execute(lars, verbs.questionsSave, { departmentId: 'no-such-department', ...defaultToggles() })))).toContain('ikke adgang');
    expect(await harness.repos.departmentSettings.getQuestionSet(department, 'employee')).toEqual(before);
    expect(await harness.repos.departmentSettings.getQuestionSet('no-such-department', 'employee')).toBeUndefined();
  });

  it('when the question bank no longer has a chosen question, then the rest and the own questions are still asked and Lars is told', async () => {
    const stored = (await harness.repos.departmentSettings.getQuestionSet(department, 'employee'))!;
    await harness.repos.departmentSettings.setQuestionSet(
      department, 'employee', [{ themeId: 'looking-back', questionIds: ['looking-back-proud', 'a-removed-question'] }], lars.aadObjectId, stored.custom,
    );
    expect(await questionIdsOf()).toEqual(['looking-back-proud', customQuestionId(ownQuestion)]);
    const card = (await harness.submit(lars, { verb: verbs.questionsOpen, departmentId: department }))[0]!;
    expect(visibleText(card)).toContain('Et af jeres valgte spørgsmål er ikke længere i spørgsmålsbanken');
  });

  it('when Lars goes back to the standard, then the default set is asked again', async () => {
    const reset = invokeCard(await harness.execute(lars, verbs.questionsReset, { departmentId: department }));
    expect(text(reset)).toContain('I bruger nu standardspørgsmålene igen.');
    expect(toggleOf(reset, unticked.id)).toBe('true');
    expect(JSON.stringify(reset)).not.toContain(ownQuestion);
    expect(await harness.repos.departmentSettings.getQuestionSet(department, 'employee')).toBeUndefined();
    expect(await questionIdsOf()).toEqual(harness.domainData.questionBank.defaultSet.employee.flatMap((e) => e.questionIds));
  });
});
