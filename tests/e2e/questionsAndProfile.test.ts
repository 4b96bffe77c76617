import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startWelcomedStack } from '../support/e2eStack';
import { chooseOption, click, openFromDepartment, sendMessage, waitForCard } from '../support/playgroundPage';

// Lars tailors his department's MUS questions and the nurses' profile in the Playground; Mette
// is asked his own question when she prepares.
let stack: Stack;
const cycle = String(new Date().getUTCFullYear());

beforeAll(async () => {
  stack = await startWelcomedStack(['playground/as-leader.yml', '.m365agentsplayground.yml']);
});
afterAll(async () => {
  await stack?.stop();
});

describe("a leader tailors the department's MUS in the Playground", () => {
  it('when Lars adds his own question, then it is stored and Mette\'s preparation has a step more for it', async () => {
    const [lars, mette] = stack.pages as [typeof stack.page, typeof stack.page];
    let card = await openFromDepartment(lars, 'MUS-spørgsmål', 'MUS-spørgsmål for Hjemmeplejen Nord');
    expect(await card.innerText()).toContain('I bruger standardspørgsmålene.');
    await card.locator('textarea').first().fill('Hvordan har de nye ruter påvirket din arbejdsdag?');
    await click(card, 'Gem spørgsmålene');
    await waitForCard(lars, 'Spørgsmålene er gemt.');

    await sendMessage(mette, 'forbered MUS');
    await waitForCard(mette, 'Trin 1 af 10');
    const stored = await stack.repos.departmentSettings.getQuestionSet('hjemmeplejen-nord', 'employee');
    expect(stored?.custom.map((c) => c.text)).toEqual(['Hvordan har de nye ruter påvirket din arbejdsdag?']);
  });

  it('when Lars sets a level for the nurses only, then the profile keeps it apart from the department-wide level', async () => {
    const lars = stack.pages[0]!;
    let card = await openFromDepartment(lars, 'Kompetenceprofil', 'Kompetenceprofil for Hjemmeplejen Nord');
    await click(card, 'Sygeplejerske');
    card = await waitForCard(lars, /Kompetenceprofil for Hjemmeplejen Nord\s*Sygeplejerske/);
    await chooseOption(card, 0, /^5\b/);
    await click(card, 'Gem profilen');
    await waitForCard(lars, 'Profilen er gemt for i år.');
    const profile = await stack.repos.departmentSettings.getProfile('hjemmeplejen-nord', cycle);
    expect(Object.values(profile!.jobGroups.Sygeplejerske!)).toEqual([5]);
    expect(profile!.desired).toEqual({});
  });
});
