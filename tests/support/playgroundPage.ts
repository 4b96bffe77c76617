import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** Driving the MUS preparation cards in the Agents Playground page, as a person would. */
export const cards = (page: Page) => page.locator('.ac-adaptiveCard');

export async function sendMessage(page: Page, text: string): Promise<void> {
  // The compose box sits below every card: the last text box, not a card's input.
  await page.getByRole('textbox').last().fill(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

/** Types a command and waits for the card it answers with (a new one, not an older card with the same words). */
export async function ask(page: Page, text: string, expect: string | RegExp): Promise<Locator> {
  const before = await cards(page).count();
  await sendMessage(page, text);
  await cards(page).nth(before).waitFor({ timeout: 20_000 });
  return waitForCard(page, expect);
}

/** The newest card whose text matches. */
export async function waitForCard(page: Page, text: string | RegExp, timeout = 20_000): Promise<Locator> {
  try {
    await cards(page).filter({ hasText: text }).last().waitFor({ timeout });
  } catch (error) {
    // Keep what the page showed, for whoever reads the failure.
    const file = path.join(tmpdir(), `kompetencebot-e2e-${Date.now()}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    throw new Error(`No card with ${String(text)} appeared (screenshot: ${file}): ${(error as Error).message}`);
  }
  // Pin the card by position: a filter would re-resolve to another card once this one changes.
  // A channel's list can re-render between the wait and the scan: scan again until the timeout.
  const all = cards(page);
  const until = Date.now() + timeout;
  do {
    for (let i = (await all.count()) - 1; i >= 0; i--) {
      const text_ = await all.nth(i).innerText().catch(() => '');
      if (typeof text === 'string' ? text_.includes(text) : text.test(text_)) return all.nth(i);
    }
    await page.waitForTimeout(250);
  } while (Date.now() < until);
  throw new Error(`The card with ${String(text)} disappeared`);
}

/** Fills every input of a step card with a valid answer: texts, the first option, level 3. */
export async function fillStep(card: Locator, text: string): Promise<void> {
  for (const area of await card.locator('textarea').all()) await area.fill(text);
  const radios = card.locator('input[type=radio]');
  const groups = new Set(await radios.evaluateAll((inputs) => inputs.map((input) => (input as unknown as { name: string }).name)));
  // Clicked on the element itself: the Playground's renderer can give inputs of two cards the
  // same DOM id, and a click on the label would then toggle the other card's input.
  const press = (input: Locator) => input.evaluate((element) => (element as unknown as { click(): void }).click());
  for (const name of groups) await press(card.locator(`input[type=radio][name="${name}"]`).first());
  const boxes = card.locator('input[type=checkbox]');
  if ((await boxes.count()) > 0 && !(await boxes.first().isChecked())) await press(boxes.first());
  for (const select of await card.locator('select').all()) await select.selectOption('3');
}

/** Clicks a card's button — or, for a secondary action, the item in the card's overflow menu ("More options"). */
export async function click(card: Locator, name: string): Promise<void> {
  const button = card.getByRole('button', { name, exact: true });
  if (await button.first().waitFor({ timeout: 3000 }).then(() => true, () => false)) return button.click();
  const menus = card.getByRole('button', { name: 'More options' });
  for (let i = 0; i < (await menus.count()); i++) {
    await menus.nth(i).click();
    const item = card.page().getByRole('menuitem', { name, exact: true });
    if (await item.first().waitFor({ timeout: 1000 }).then(() => true, () => false)) return item.click();
    await card.page().keyboard.press('Escape');
  }
  throw new Error(`The card has no button or menu item "${name}"`);
}

/**
 * Picks an option of a compact choice set: the Playground renders it as a Fluent combobox whose
 * options open in a list outside the card. `index` counts the card's comboboxes (date pickers too).
 */
export async function chooseOption(card: Locator, index: number, option: string | RegExp): Promise<void> {
  await card.getByRole('combobox').nth(index).click();
  await card.page().getByRole('option', { name: option }).first().click();
}

/**
 * Picks a day (`YYYY-MM-DD`) in an Input.Date: the Playground renders it as a Fluent date picker
 * (a combobox) whose calendar opens on the field's month, with day buttons labelled like
 * "22, January, 2026". `index` counts the card's comboboxes (compact choice sets too).
 */
export async function chooseDate(card: Locator, index: number, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const monthName = new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
  await card.getByRole('combobox').nth(index).click();
  await card.page().getByRole('button', { name: `${day}, ${monthName}, ${year}`, exact: true }).click();
}

/** The personal chat every persona file gives the browser user. */
export const personalChat = 'personal-chat-kompetencebot';

/** The Playground's own install activity for its browser user (with the locale), to build other activities from. */
export async function activityTemplate(playgroundUrl: string): Promise<Record<string, unknown>> {
  return (await (await fetch(`${playgroundUrl}/_internal/v1/customActivities/template?conversationId=${personalChat}&type=install`)).json()) as Record<string, unknown>;
}

/** Sends an activity to the bot through the Playground, as if Teams sent it; the replies show on the page. */
export async function postToBot(playgroundUrl: string, activity: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${playgroundUrl}/_internal/v1/customActivities`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  if (!response.ok) throw new Error(`The Playground refused the activity: ${response.status}`);
}

/** A click on a button of a card the bot no longer knows (an Action.Submit: the card's data, no text). */
export async function pressOldCardButton(playgroundUrl: string): Promise<void> {
  await postToBot(playgroundUrl, { ...(await activityTemplate(playgroundUrl)), id: crypto.randomUUID(), type: 'message', action: undefined, value: { verb: 'an.old.verb' } });
}

/** A leader's `min afdeling` (a fresh card, not an earlier one), then one of its buttons. */
export async function openFromDepartment(page: Page, button: string, expect: string | RegExp): Promise<Locator> {
  await click(await ask(page, 'min afdeling', 'Min afdeling'), button);
  return waitForCard(page, expect);
}
