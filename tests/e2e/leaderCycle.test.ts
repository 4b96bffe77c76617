import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startWelcomedStack } from '../support/e2eStack';
import { chooseOption, click, fillStep, openFromDepartment, sendMessage, waitForCard } from '../support/playgroundPage';

// The leader's year with one employee, in two Playgrounds in front of one bot: Lars sets the
// profile and starts the round; Mette prepares and shares; Lars sees the status and what she
// shared, adds his rating; they agree a development plan, both approve it, and a change to the
// approved plan needs both approvals again.
let stack: Stack;
const cycle = String(new Date().getUTCFullYear());
const mette = '0d1e2f30-0000-4000-8000-000000000001';

beforeAll(async () => {
  stack = await startWelcomedStack(['playground/as-leader.yml', '.m365agentsplayground.yml']);
});
afterAll(async () => {
  await stack?.stop();
});

/** Presses an input itself (the Playground can give two cards' inputs the same DOM id). */
const press = (input: Locator) => input.evaluate((element) => (element as unknown as { click(): void }).click());

/** Fills a plan form; the dates stay as the form proposes them (today, and three months on). */
async function fillPlanForm(card: Locator, values: { competence?: string; goal?: string; evaluation?: string; activity: string; note: string; responsible: string }) {
  let combobox = 0;
  if (values.competence) await chooseOption(card, combobox++, values.competence);
  await chooseOption(card, combobox, values.activity);
  const texts = card.locator('textarea');
  if (values.goal) await texts.nth(0).fill(values.goal);
  if (values.evaluation) await texts.nth(1).fill(values.evaluation);
  await texts.last().fill(values.note);
  await press(card.locator(`input[type=radio][value="${values.responsible}"]`));
}

describe("a leader's MUS year in the Playground", () => {
  it('when Lars and Mette go from profile to an approved development plan and change it, then every step shows and both must approve again', async () => {
    const [lars, metteChat] = stack.pages as [typeof stack.page, typeof stack.page];

    // 1. Lars sets a desired level in the department's profile.
    let card = await openFromDepartment(lars, 'Kompetenceprofil', 'Kompetenceprofil for Hjemmeplejen Nord');
    await chooseOption(card, 0, /^4\b/);
    await click(card, 'Gem profilen');
    await waitForCard(lars, 'Profilen er gemt for i år.');
    expect(Object.values((await stack.repos.departmentSettings.getProfile('hjemmeplejen-nord', cycle))!.desired)).toEqual([4]);

    // 2. He starts the MUS round; Mette is invited in her own chat.
    card = await openFromDepartment(lars, 'Start MUS-runde', 'Start MUS-runde for Hjemmeplejen Nord');
    await click(card, 'Start runden og send invitationer');
    await waitForCard(lars, 'MUS-runden for Hjemmeplejen Nord er startet');

    // 3. Mette prepares all 9 steps and shares her self-ratings.
    card = await waitForCard(metteChat, 'Tid til at forberede din MUS');
    await click(card, 'Start forberedelsen');
    card = await waitForCard(metteChat, 'Trin 1 af 9');
    for (let step = 1; step <= 9; step++) {
      await fillStep(card, `Mettes svar ${step}`);
      await click(card, 'Næste');
      card = step < 9 ? await waitForCard(metteChat, `Trin ${step + 1} af 9`) : await waitForCard(metteChat, 'Din forberedelse');
    }
    await card.getByRole('checkbox', { name: 'Del med min leder' }).nth(3).check();
    await click(card, 'Del det valgte med min leder');
    await waitForCard(metteChat, 'Delt med din leder');

    // 4. Lars sees the status (never her answers) and opens what she shared.
    const shared = await waitForCard(lars, 'Mette Jensen har delt sin MUS-forberedelse med dig');
    expect(await shared.innerText()).toContain('Mine kompetencer');
    expect(await shared.innerText()).not.toContain('Mettes svar 1');
    await sendMessage(lars, 'min afdeling');
    // (Waiting for the new figures: the earlier department card is still on the page.)
    card = await waitForCard(lars, /Har delt med dig\s*1/);
    expect(await card.innerText()).not.toContain('Mettes svar');

    // 5. He adds his rating beside her self-rating.
    await click(shared, 'Tilføj min vurdering');
    card = await waitForCard(lars, 'Din vurdering af Mette Jensen');
    expect(await card.innerText()).toContain('egen vurdering');
    await chooseOption(card, 0, /^4\b/);
    await click(card, 'Gem min vurdering');
    await waitForCard(lars, 'Din vurdering er gemt');
    expect(Object.values((await stack.repos.preparations.getLeaderRating(mette, cycle))!.ratings)).toEqual([4]);

    // 6. He drafts the development plan with a goal and approves it.
    await click(shared, 'Åbn udviklingsplanen');
    card = await waitForCard(lars, 'Udviklingsplan for Mette Jensen');
    await click(card, 'Tilføj mål');
    card = await waitForCard(lars, 'Nyt udviklingsmål for Mette Jensen');
    await fillPlanForm(card, {
      competence: 'Kultur – Samarbejdskompetence', goal: 'Lede tværfaglige møder', evaluation: 'Tre møder med feedback fra kollegerne',
      activity: 'Sidemandsoplæring (i hverdagen)', note: 'Med en erfaren kollega', responsible: 'both',
    });
    await click(card, 'Gem');
    card = await waitForCard(lars, 'Mål 1: Samarbejdskompetence');
    await click(card, 'Godkend planen');
    await waitForCard(lars, 'Godkendt af Lars Nielsen – venter på Mette Jensen');

    // 7. Mette is told in her chat, opens the plan and approves: version 1.
    card = await waitForCard(metteChat, 'Lars Nielsen har godkendt udviklingsplanen');
    await click(card, 'Åbn udviklingsplanen');
    card = await waitForCard(metteChat, 'Lede tværfaglige møder');
    await click(card, 'Godkend planen');
    card = await waitForCard(metteChat, 'Godkendt af begge (version 1)');
    await waitForCard(lars, 'Udviklingsplanen er godkendt');

    // 8. Mette adds an action to the approved plan: it needs both approvals again.
    await click(card, 'Tilføj handling');
    card = await waitForCard(metteChat, 'Ny handling til målet "Lede tværfaglige møder"');
    await fillPlanForm(card, { activity: 'Interne kurser (kursus)', note: 'Kursus i mødeledelse', responsible: 'employee' });
    await click(card, 'Gem');
    card = await waitForCard(metteChat, 'Ændret efter godkendelsen af version 1 – skal godkendes af begge igen');
    expect(await card.innerText()).toContain('Interne kurser (kursus)');
    await click(card, 'Godkend planen');
    await waitForCard(metteChat, /Godkendt: Mette Jensen/);

    card = await waitForCard(lars, 'Mette Jensen har ændret den godkendte udviklingsplan');
    await click(card, 'Åbn udviklingsplanen');
    card = await waitForCard(lars, 'Kursus i mødeledelse');
    expect(await card.innerText()).toContain('skal godkendes af begge igen');
    await click(card, 'Godkend planen');
    await waitForCard(lars, 'Godkendt af begge (version 2)');

    const stored = await stack.repos.plans.load(mette, cycle, 'hjemmeplejen-nord');
    expect(stored.versions.map((v) => v.plan.goals[0]!.actions.length)).toEqual([1, 2]);
    await sendMessage(lars, 'min afdeling');
    await waitForCard(lars, /Godkendte udviklingsplaner\s*1/);
  });
});
