import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/e2eStack';
import { cards, click, fillStep, sendMessage, waitForCard } from '../support/playgroundPage';

// Mette (employee) prepares in Danish in one Playground; Lars (her leader) watches his chat in a
// second Playground in front of the same bot.
let stack: Stack;
const mette = '0d1e2f30-0000-4000-8000-000000000001';
const cycle = String(new Date().getUTCFullYear());

beforeAll(async () => {
  stack = await startStack({ personas: ['.m365agentsplayground.yml', 'playground/as-leader.yml'] });
  await waitForCard(stack.pages[0]!, 'Velkommen til Kompetencebot', 30_000);
  await waitForCard(stack.pages[1]!, 'Velkommen til Kompetencebot', 30_000);
});
afterAll(async () => {
  await stack?.stop();
});

describe('an employee prepares for MUS in Danish', () => {
  it('when Mette prepares with a bot restart in the middle, revises a step and shares two sections, then Lars sees exactly those two', async () => {
    const page = stack.pages[0]!;
    await sendMessage(page, 'forbered MUS');
    let card = await waitForCard(page, 'Trin 1 af 9');

    // Steps 1–4, then the bot restarts; the same card goes on where it was: nothing is lost.
    // (One card is updated in place throughout, as in Teams.)
    for (let step = 1; step <= 9; step++) {
      if (step === 5) await stack.restartBot();
      await fillStep(card, `Svar på trin ${step}`);
      await click(card, 'Næste');
      card = step < 9 ? await waitForCard(page, `Trin ${step + 1} af 9`) : await waitForCard(page, 'Din forberedelse');
    }
    expect(await card.innerText()).toContain('Svar på trin 1');

    // Revise step 1 from the summary; the earlier answers are filled in on every step.
    await click(card, 'Ret: Året, der gik');
    card = await waitForCard(page, 'Trin 1 af 9');
    expect(await card.locator('textarea').first().inputValue()).toBe('Svar på trin 1');
    await card.locator('textarea').first().fill('Rettet svar om året');
    for (let step = 1; step <= 9; step++) {
      await click(card, 'Næste');
      card = step < 9 ? await waitForCard(page, `Trin ${step + 1} af 9`) : await waitForCard(page, 'Din forberedelse');
    }
    expect(await card.innerText()).toContain('Rettet svar om året');

    // Share "Mine kompetencer" and "Fremtiden og ambitioner" — nothing else.
    const toggles = card.getByRole('checkbox', { name: 'Del med min leder' });
    const sectionTitles = await card.locator('.ac-container .ac-textBlock[role=heading], .ac-textBlock').allInnerTexts();
    expect(sectionTitles.join('\n')).toContain('Mine kompetencer');
    await toggles.nth(3).check();
    await toggles.nth(4).check();
    await click(card, 'Del det valgte med min leder');
    const confirmation = await waitForCard(page, 'Delt med din leder');

    // Lars's chat, in the other Playground.
    const leaderCard = await waitForCard(stack.pages[1]!, 'Mette Jensen har delt sin MUS-forberedelse med dig');
    const leaderText = await leaderCard.innerText();
    expect((await storedShare()).sort()).toEqual(['competences', 'theme-future-ambitions']);
    expect(leaderText).toContain('Mine kompetencer');
    expect(leaderText).toContain('Svar på trin 7');
    for (const hidden of ['Rettet svar om året', 'Svar på trin 2', 'Svar på trin 3', 'Svar på trin 8', 'Svar på trin 9']) {
      expect(leaderText).not.toContain(hidden);
    }
    expect(await confirmation.innerText()).not.toContain('Rettet svar om året');
    expect(await cards(stack.pages[1]!).filter({ hasText: 'Rettet svar om året' }).count()).toBe(0);
  });
});

async function storedShare(): Promise<string[]> {
  const prep = await stack.repos.preparations.load(mette, cycle);
  expect(prep?.header.completedSteps).toHaveLength(9);
  expect(JSON.stringify(prep?.answers.get('theme-looking-back'))).toContain('Rettet svar om året');
  return prep?.header.sharedSections ?? [];
}
