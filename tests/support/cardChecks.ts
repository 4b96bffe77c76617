import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { click, pressOldCardButton, waitForCard } from './playgroundPage';

/** The words of one language that the Playground checks below look for. */
export interface CardWords {
  limit: string; next: string; wrote2500: string; notSaved: string;
  noLongerWorks: string; prepareCommand: string; neverSays: string;
}

export const danishWords: CardWords = {
  limit: 'Højst 2.000 tegn.', next: 'Næste', wrote2500: 'og du skrev 2.500', notSaved: 'Intet fra dette trin er gemt',
  noLongerWorks: 'Det kort virker ikke længere', prepareCommand: 'forbered MUS', neverSays: 'Her er det aktuelle',
};
export const englishWords: CardWords = {
  limit: 'At most 2,000 characters.', next: 'Next', wrote2500: 'and you wrote 2,500', notSaved: 'Nothing from this step is saved',
  noLongerWorks: 'That card no longer works', prepareCommand: 'prepare MUS', neverSays: 'Here is the current one',
};

/** A 2,500-character answer on the first step: refused, said so, and the whole text left in the field. */
export async function expectTooLongAnswerKept(page: Page, step: Locator, words: CardWords): Promise<void> {
  expect(await step.innerText()).toContain(words.limit);
  const long = `${'Jeg er stolt af, hvordan vi tog imod det nye visitationsforløb. '.repeat(45).slice(0, 2499)}!`;
  await step.locator('textarea').first().fill(long);
  await click(step, words.next);
  const refused = await waitForCard(page, words.wrote2500);
  expect(await refused.innerText()).toContain(words.notSaved);
  expect(await refused.locator('textarea').first().inputValue()).toBe(long);
}

/** A button of a card the bot no longer knows: said so, and what to type shown — never "here is the current one". */
export async function expectOldCardButtonAnswered(page: Page, playgroundUrl: string, words: CardWords): Promise<void> {
  await pressOldCardButton(playgroundUrl);
  const text = await (await waitForCard(page, words.noLongerWorks)).innerText();
  expect(text).toContain(words.prepareCommand);
  expect(text).not.toContain(words.neverSays);
}
