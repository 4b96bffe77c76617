import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startWelcomedStack } from '../support/e2eStack';
import { chooseDate, click, sendMessage, waitForCard } from '../support/playgroundPage';

// Camilla (HR) changes the municipality's årshjul in the Playground.
let stack: Stack;
const year = new Date().getUTCFullYear();
beforeAll(async () => {
  stack = await startWelcomedStack(['playground/as-hr.yml']);
});
afterAll(async () => {
  await stack?.stop();
});

describe('HR edits the årshjul in the Playground', () => {
  it('when Camilla moves the profile review a week on, switches the MED discussion off and saves, then the card confirms it and both are stored', async () => {
    const page = stack.pages[0]!;
    await sendMessage(page, 'årshjul');
    const card = await waitForCard(page, 'Årshjulet – Hele kommunen');
    expect(await card.innerText()).toContain('Gennemgang af kompetenceprofilen');
    // Combobox 0 is "applies to"; 1 is the first milestone's date (the profile review, 15 January).
    await chooseDate(card, 1, `${year}-01-22`);
    const med = card.locator('input[type=checkbox]').nth(6);
    expect(await med.isChecked()).toBe(true);
    await med.evaluate((element) => (element as unknown as { click(): void }).click());
    await click(card, 'Gem årshjulet');
    const saved = await waitForCard(page, 'Årshjulet er gemt.');
    expect(await saved.getByRole('combobox').nth(1).inputValue()).toContain('22. januar');
    expect((await stack.repos.aarshjul.load()).municipality).toEqual([
      { id: 'profile-review', date: { month: 1, day: 22 } },
      { id: 'med-discussion', disabled: true },
    ]);
  });
});
