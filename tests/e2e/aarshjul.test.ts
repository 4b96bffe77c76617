import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startWelcomedStack } from '../support/e2eStack';
import { click, sendMessage, waitForCard } from '../support/playgroundPage';

// Camilla (HR) changes the municipality's årshjul in the Playground.
let stack: Stack;
beforeAll(async () => {
  stack = await startWelcomedStack(['playground/as-hr.yml']);
});
afterAll(async () => {
  await stack?.stop();
});

describe('HR edits the årshjul in the Playground', () => {
  it('when Camilla switches the profile review off and saves, then the card confirms it and the edit is stored', async () => {
    const page = stack.pages[0]!;
    await sendMessage(page, 'årshjul');
    const card = await waitForCard(page, 'Årshjulet – Hele kommunen');
    expect(await card.innerText()).toContain('Gennemgang af kompetenceprofilen');
    const toggle = card.locator('input[type=checkbox]').first();
    expect(await toggle.isChecked()).toBe(true);
    await toggle.evaluate((element) => (element as unknown as { click(): void }).click());
    await click(card, 'Gem årshjulet');
    await waitForCard(page, 'Årshjulet er gemt.');
    expect((await stack.repos.aarshjul.load()).municipality).toEqual([{ id: 'profile-review', disabled: true }]);
  });
});
