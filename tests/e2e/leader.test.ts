import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/e2eStack';
import { click, sendMessage, waitForCard } from '../support/playgroundPage';

// Lars (leader of Hjemmeplejen Nord) in one Playground; Mette (his employee) in another.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ personas: ['playground/as-leader.yml', '.m365agentsplayground.yml'] });
  await waitForCard(stack.pages[0]!, 'Velkommen til Kompetencebot', 30_000);
  await waitForCard(stack.pages[1]!, 'Velkommen til Kompetencebot', 30_000);
});
afterAll(async () => {
  await stack?.stop();
});

describe('a leader in the Playground', () => {
  it('when Lars opens his department and starts a MUS round, then Mette is invited in her chat and he sees who cannot be reached', async () => {
    const [lars, mette] = stack.pages as [typeof stack.page, typeof stack.page];
    await sendMessage(lars, 'min afdeling');
    let card = await waitForCard(lars, 'Mangler at forberede sig');
    expect(await card.innerText()).toContain('Mette Jensen');

    await click(card, 'Start MUS-runde');
    card = await waitForCard(lars, 'Start MUS-runde for Hjemmeplejen Nord');
    await click(card, 'Start runden og send invitationer');
    card = await waitForCard(lars, 'MUS-runden for Hjemmeplejen Nord er startet');
    const result = await card.innerText();
    expect(result).toContain('Kan ikke nås endnu');
    expect(result).toContain('Sofie Hansen');
    expect(result).not.toMatch(/Kan ikke nås endnu:.*Mette Jensen/);

    const invitation = await waitForCard(mette, 'Tid til at forberede din MUS');
    await click(invitation, 'Start forberedelsen');
    await waitForCard(mette, 'Trin 1 af 9');
  });

  it('when Lars saves the competence profile, then the card confirms it and it is stored for this year', async () => {
    const lars = stack.pages[0]!;
    await sendMessage(lars, 'min afdeling');
    const department = await waitForCard(lars, 'Mangler at forberede sig');
    await click(department, 'Kompetenceprofil');
    const profile = await waitForCard(lars, 'Kompetenceprofil for Hjemmeplejen Nord');
    await click(profile, 'Gem profilen');
    await waitForCard(lars, 'Profilen er gemt for i år.');
    expect(await stack.repos.departmentSettings.getProfile('hjemmeplejen-nord', String(new Date().getUTCFullYear()))).toBeDefined();
  });
});
