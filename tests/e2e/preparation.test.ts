import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/e2eStack';
import { cards, click, fillStep, sendMessage, waitForCard } from '../support/playgroundPage';

// An employee prepares for MUS in one Playground; their leader, Lars Nielsen (Danish), watches
// his chat in a second Playground in front of the same bot. Once in Danish (Mette, whose
// language HR set to Danish) and once in English (Ahmad, no language set: the Playground's
// en-US locale decides).
const scenarios = [
  {
    language: 'Danish', persona: '.m365agentsplayground.yml', userId: '0d1e2f30-0000-4000-8000-000000000001', name: 'Mette Jensen',
    command: 'forbered MUS', welcome: 'Velkommen til Kompetencebot', step: (n: number) => `Trin ${n} af 9`, next: 'Næste',
    summary: 'Din forberedelse', change: 'Ret', shareToggle: 'Del med min leder', share: 'Del det valgte med min leder',
    shared: 'Delt med din leder', unshared: 'Intet er delt', already: 'Det var allerede delt', answer: (n: number) => `Svar på trin ${n}`, revised: 'Rettet svar om året',
  },
  {
    language: 'English', persona: 'playground/as-english-employee.yml', userId: '0d1e2f30-0000-4000-8000-000000000004', name: 'Ahmad Karimi',
    // The Playground's install events carry no locale: the welcome waits for his first message
    // (tests/e2e/language.test.ts).
    command: 'prepare MUS', welcome: undefined, step: (n: number) => `Step ${n} of 9`, next: 'Next',
    summary: 'Your preparation', change: 'Change', shareToggle: 'Share with my leader', share: 'Share the chosen parts with my leader',
    shared: 'Shared with your leader', unshared: 'Nothing is shared', already: 'This was already shared', answer: (n: number) => `Answer to step ${n}`, revised: 'A revised answer about the year',
  },
] as const;

for (const s of scenarios) {
  describe(`an employee prepares for MUS in ${s.language}`, () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ personas: [s.persona, 'playground/as-leader.yml'] });
      if (s.welcome) await waitForCard(stack.pages[0]!, s.welcome, 30_000);
      await waitForCard(stack.pages[1]!, 'Velkommen til Kompetencebot', 30_000);
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it('when they prepare with a bot restart in the middle, revise a step and share two sections, then the leader sees exactly those two', async () => {
      const page = stack.pages[0]!;
      await sendMessage(page, s.command);
      let card = await waitForCard(page, s.step(1));

      // One card, updated in place as in Teams; the bot restarts before step 5 and the card
      // goes on where it was.
      for (let step = 1; step <= 9; step++) {
        if (step === 5) await stack.restartBot();
        await fillStep(card, s.answer(step));
        await click(card, s.next);
        card = step < 9 ? await waitForCard(page, s.step(step + 1)) : await waitForCard(page, s.summary);
      }
      expect(await card.innerText()).toContain(s.answer(1));

      // Revise step 1 (the first section) from the summary; earlier answers are filled in on every step.
      await card.getByRole('button', { name: s.change, exact: true }).first().click();
      card = await waitForCard(page, s.step(1));
      expect(await card.locator('textarea').first().inputValue()).toBe(s.answer(1));
      await card.locator('textarea').first().fill(s.revised);
      for (let step = 1; step <= 9; step++) {
        await click(card, s.next);
        card = step < 9 ? await waitForCard(page, s.step(step + 1)) : await waitForCard(page, s.summary);
      }
      expect(await card.innerText()).toContain(s.revised);

      // Before sharing, the leader has seen nothing.
      expect(await cards(stack.pages[1]!).filter({ hasText: s.name }).count()).toBe(0);

      // Share the self-ratings (4th section) and the future (5th section) — nothing else.
      const toggles = card.getByRole('checkbox', { name: s.shareToggle });
      expect(await toggles.count()).toBe(7);
      await toggles.nth(3).check();
      await toggles.nth(4).check();
      // A double click: the same share action sent twice from the same card, and the card shows
      // the answer to the second (the stale one) — as when it lands last. It shows the sharing
      // done by the first, never the summary as before; the leader gets one card.
      await page.route('**/_conversation/v1/invoke', async (route) => {
        await route.fetch();
        await route.fulfill({ response: await route.fetch() });
      }, { times: 1 });
      await click(card, s.share);
      await waitForCard(page, s.already);
      expect(await card.innerText()).toContain(s.shared);
      expect(await card.innerText()).not.toContain(s.unshared);

      const leaderCard = await waitForCard(stack.pages[1]!, `${s.name} har delt sin MUS-forberedelse med dig`);
      expect(await cards(stack.pages[1]!).filter({ hasText: `${s.name} har delt sin MUS-forberedelse med dig` }).count()).toBe(1);
      const leaderText = await leaderCard.innerText();
      expect(leaderText).toContain('Mine kompetencer');
      expect(leaderText).toContain('Fremtiden og dine ambitioner');
      expect(leaderText).toContain(s.answer(7));
      for (const hidden of [s.revised, s.answer(2), s.answer(3), s.answer(8), s.answer(9)]) expect(leaderText).not.toContain(hidden);

      // What is stored in Azurite.
      const prep = await stack.repos.preparations.load(s.userId, String(new Date().getUTCFullYear()));
      expect(prep?.header.completedSteps).toHaveLength(9);
      expect(prep?.header.sharedSections?.slice().sort()).toEqual(['competences', 'theme-future-ambitions']);
      expect(JSON.stringify(prep?.answers.get('theme-looking-back'))).toContain(s.revised);
      expect(prep?.answers.size).toBe(9);
    });
  });
}
