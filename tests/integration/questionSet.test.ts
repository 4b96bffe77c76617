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

beforeAll(async () => {
  harness = await botHarness();
});

const invokeCard = (replies: Partial<Activity>[]) =>
  (replies.find((r) => r.type === 'invokeResponse')!.value as { body: { value: Record<string, unknown> } }).body.value;
const text = (card: unknown) => visibleText({ attachments: [{ contentType: 'x', content: card }] });
const questionIdsOf = async () => {
  const ctx = await preparationContext(harness.repos, harness.domainData, (await harness.repos.org.getPerson(mette.aadObjectId))!, new Date());
  return ctx.steps.flatMap((s) => (s.kind === 'questions' ? s.theme.questions.map((q) => q.id) : []));
};

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

  it('when Lars unticks a question and adds one of his own, then Mette is asked his question and not the unticked one', async () => {
    const toggles = { ...defaultToggles(), 'qs_looking-back-challenges': 'false' };
    const saved = invokeCard(await harness.execute(lars, verbs.questionsSave, { departmentId: department, ...toggles, own_1: 'Hvordan har det været at arbejde med de nye ruter?' }));
    expect(text(saved)).toContain('Spørgsmålene er gemt.');
    const ids = await questionIdsOf();
    expect(ids).not.toContain('looking-back-challenges');
    expect(ids).toContain('looking-back-proud');
    expect(ids.at(-1)).toBe(customQuestionId('Hvordan har det været at arbejde med de nye ruter?'));

    // Mette meets it as the last question step.
    const ctx = await preparationContext(harness.repos, harness.domainData, (await harness.repos.org.getPerson(mette.aadObjectId))!, new Date());
    await harness.say(mette, 'forbered MUS');
    const own = ctx.steps.find((s) => s.id === 'theme-department-questions')!;
    const card = invokeCard(await harness.execute(mette, verbs.prepGoto, { version: 0, target: own.id }));
    expect(text(card)).toContain('Afdelingens egne spørgsmål');
    expect(JSON.stringify(card)).toContain('Hvordan har det været at arbejde med de nye ruter?');
  });

  it('when the form is refused, then it says why, keeps what was typed, and nothing is saved', async () => {
    const before = await harness.repos.departmentSettings.getQuestionSet(department, 'employee');
    const none = invokeCard(await harness.execute(lars, verbs.questionsSave, { departmentId: department }));
    expect(text(none)).toContain('Vælg mindst ét spørgsmål.');
    const long = invokeCard(await harness.execute(lars, verbs.questionsSave, { departmentId: department, ...defaultToggles(), own_2: 'x'.repeat(301) }));
    expect(text(long)).toContain('Eget spørgsmål 2 må højst have 300 tegn.');
    expect(JSON.stringify(long)).toContain(`"value":"${'x'.repeat(301)}"`);
    expect(await harness.repos.departmentSettings.getQuestionSet(department, 'employee')).toEqual(before);
  });

  it("when another department's leader or an employee tries, then it is refused", async () => {
    expect(visibleText((await harness.submit(birgitte, { verb: verbs.questionsOpen, departmentId: department }))[0]!)).toContain('ikke adgang');
    expect(text(invokeCard(await harness.execute(mette, verbs.questionsSave, { departmentId: department, ...defaultToggles() })))).toContain('ikke adgang');
  });

  it('when Lars goes back to the standard, then the default set is asked again', async () => {
    const reset = invokeCard(await harness.execute(lars, verbs.questionsReset, { departmentId: department }));
    expect(text(reset)).toContain('I bruger nu standardspørgsmålene igen.');
    expect(await questionIdsOf()).toEqual(harness.domainData.questionBank.defaultSet.employee.flatMap((e) => e.questionIds));
  });
});
