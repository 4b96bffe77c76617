import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatterFor, isoDatePattern } from '../../src/domain/format';
import { type Stack, startStack } from '../support/e2eStack';
import { click, sendMessage, waitForCard } from '../support/playgroundPage';

// Lars (leader of Hjemmeplejen Nord) in one Playground; Mette (his employee, Danish) in another;
// Ahmad (his employee, no language set, the Playground's en-US) in a third.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ personas: ['playground/as-leader.yml', '.m365agentsplayground.yml', 'playground/as-english-employee.yml'] });
  for (const page of stack.pages.slice(0, 2)) await waitForCard(page, 'Velkommen til Kompetencebot', 30_000);
});
afterAll(async () => {
  await stack?.stop();
});

describe('a leader in the Playground', () => {
  it('when Lars opens his department and starts a MUS round, then Mette and Ahmad are invited in their own language with the deadline he set and how long it takes, and he sees who cannot be reached', async () => {
    const [lars, mette, ahmad] = stack.pages as [typeof stack.page, typeof stack.page, typeof stack.page];
    // Ahmad has written to the bot (so it can reach him, and knows his language).
    await sendMessage(ahmad, 'help');
    await waitForCard(ahmad, 'Welcome to Kompetencebot');
    await sendMessage(lars, 'min afdeling');
    let card = await waitForCard(lars, 'Mangler at forberede sig');
    expect(await card.innerText()).toContain('Mette Jensen');

    await click(card, 'Start MUS-runde');
    card = await waitForCard(lars, 'Start MUS-runde for Hjemmeplejen Nord');
    const deadline = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
    await click(card, 'Start runden og send invitationer');
    card = await waitForCard(lars, 'MUS-runden for Hjemmeplejen Nord er startet');
    const result = await card.innerText();
    expect(result).toContain('Kan ikke nås endnu');
    expect(result).toContain('Sofie Hansen');
    expect(result).not.toMatch(/Kan ikke nås endnu:.*Mette Jensen/);
    // The deadline as Danes write it, never 2027-01-04.
    expect(result).toContain(formatterFor('da').date(deadline));
    expect(result).not.toMatch(isoDatePattern);

    const invitation = await waitForCard(mette, 'Tid til at forberede din MUS');
    const danish = await invitation.innerText();
    expect(danish).toContain('Lars Nielsen har startet MUS-runden');
    expect(danish).toMatch(new RegExp(`Frist for forberedelsen\\s+${formatterFor('da').date(deadline)}`));
    expect(danish).toMatch(/Tid\s+omkring 15 minutter \(9 trin\)/);
    const english = await (await waitForCard(ahmad, 'Time to prepare for your MUS')).innerText();
    expect(english).toMatch(new RegExp(`Preparation deadline\\s+${formatterFor('en').date(deadline)}`));
    expect(english).toMatch(/Time\s+about 15 minutes \(9 steps\)/);
    expect(`${danish}\n${english}`).not.toMatch(isoDatePattern);

    await click(invitation, 'Start forberedelsen');
    await waitForCard(mette, 'Trin 1 af 9');
  });
});
