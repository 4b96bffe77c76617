import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startWelcomedStack } from '../support/e2eStack';
import { click, sendMessage, waitForCard } from '../support/playgroundPage';

// Lars (leader of Hjemmeplejen Nord) in one Playground; Mette (his employee) in another.
let stack: Stack;
beforeAll(async () => {
  stack = await startWelcomedStack(['playground/as-leader.yml', '.m365agentsplayground.yml']);
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
});
