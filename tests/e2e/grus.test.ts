import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startWelcomedStack } from '../support/e2eStack';
import { chooseDate, chooseOption, click, openFromDepartment, sendMessage, waitForCard } from '../support/playgroundPage';

// Lars runs a GRUS with his team in the Playground. The team's members come from the
// Playground's own roster (its Bot Connector), the five besides Lars answer, the result appears
// in the channel, and Lars records the group's plan there.
let stack: Stack;
const id = (n: number) => `0d1e2f30-0000-4000-8000-${String(n).padStart(12, '0')}`;
const team = 'team-hjemmeplejen-nord';
const members = [
  { user: 'user-mette', name: 'Mette Jensen', n: 1, collab: 'well', strength: 'Vi hjælper hinanden' },
  { user: 'user-sofie', name: 'Sofie Hansen', n: 3, collab: 'well', strength: 'Godt humør' },
  { user: 'user-ahmad', name: 'Ahmad Karimi', n: 4, collab: 'very-well', strength: 'Faglig stolthed' },
  { user: 'user-camilla', name: 'Camilla Holm', n: 5, collab: 'well', strength: 'Gode overleveringer' },
  { user: 'user-jens', name: 'Jens Poulsen', n: 6, collab: 'mixed', strength: 'Arbejdsglæde' },
];

beforeAll(async () => {
  stack = await startWelcomedStack(['playground/as-leader.yml']);
  const installed = await fetch(`${stack.playgroundUrl}/_debug/conversation/${team}/installation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(installed.ok).toBe(true);
});
afterAll(async () => {
  await stack?.stop();
});

/** A member presses "Send my answer" on the question card in their own Teams client. */
async function answer(member: (typeof members)[number], grusId: string): Promise<string> {
  const response = await fetch(`${stack.botUrl}/api/messages`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'invoke', name: 'adaptiveCard/action', channelId: 'msteams', id: `answer-${member.user}`, serviceUrl: `${stack.playgroundUrl}/_connector`, locale: 'da-DK',
      from: { id: member.user, name: member.name, aadObjectId: id(member.n) }, recipient: { id: '0d1e2f30-0000-4000-8000-00000000b000', name: 'Kompetencebot' },
      conversation: { id: `personal-${member.user}`, conversationType: 'personal' }, channelData: { tenant: { id: '0d1e2f30-0000-4000-8000-00000000a000' } },
      value: {
        action: { type: 'Action.Execute', verb: 'grus.answer', data: { grusId, 'q_team-collab-rating': member.collab, 'q_team-priorities': 'professional', 'q_team-strengths': member.strength } },
        trigger: 'manual',
      },
    }),
  });
  expect(response.ok).toBe(true);
  return JSON.stringify(await response.json());
}

describe('a GRUS in the Playground', () => {
  it('when Lars starts it, the team answers, and he records the plan, then the channel shows the result without names and the plan', async () => {
    const lars = stack.page;
    let card = await openFromDepartment(lars, 'GRUS', 'Start en GRUS – Hjemmeplejen Nord');
    await chooseOption(card, 0, 'Hjemmeplejen Nord');
    await click(card, 'Start GRUS');
    // The Playground's roster has Lars and five others; none of them has the app in a personal chat here.
    await lars.getByText('GRUS startet i Hjemmeplejen Nord: 5 deltagere får spørgsmålene').first().waitFor({ timeout: 30_000 });

    const rows = await stack.repos.grus.listOpen();
    expect(rows).toHaveLength(1);
    const grusId = rows[0]!.id;
    expect(rows[0]!.grus.participants.sort()).toEqual(members.map((m) => id(m.n)).sort());
    for (const member of members.slice(0, 4)) expect(await answer(member, grusId)).toContain('har svaret');
    expect(await answer(members[4]!, grusId)).toContain('Resultatet af GRUS er delt i Hjemmeplejen Nord.');

    // Lars is told in his own chat; after the discussion he writes down what the team agreed.
    await waitForCard(lars, 'Resultatet af GRUS er delt i Hjemmeplejen Nord.', 30_000);
    await sendMessage(lars, 'grus');
    card = await waitForCard(lars, /Resultatet er delt \(5 svar\)/);
    await click(card, 'Skriv gruppens udviklingsplan');
    card = await waitForCard(lars, 'Gruppens udviklingsplan – Hjemmeplejen Nord');
    await card.getByLabel('Mål').first().fill('Faste lærende møder hver måned');
    await card.getByLabel('Ansvarlig').first().fill('Sofie og Ahmad');
    // Comboboxes of the first item: competence, activity, date.
    await chooseOption(card, 1, 'Lærende møder');
    // The picker opens on this month: the 28th of it.
    await chooseDate(card, 2, `${new Date().toISOString().slice(0, 7)}-28`);
    await click(card, 'Del planen med teamet');
    await lars.getByText('Gruppens udviklingsplan er delt i Hjemmeplejen Nord.').first().waitFor({ timeout: 20_000 });

    // In the channel: the result, counted without names, and the plan.
    await lars.getByText('General', { exact: true }).first().click();
    await waitForCard(lars, /GRUS – Hjemmeplejen Nord[\s\S]*5 har svaret/, 30_000);
    // Read it through its own text: the channel's list may still re-render as it loads.
    const result = await lars.locator('.ac-adaptiveCard').filter({ hasText: 'Svarene er talt sammen uden navne' }).last().innerText();
    expect(result).toContain('5 har svaret');
    // The Playground draws Teams' bar chart of the counts.
    const chart = lars.locator('.ac-adaptiveCard').filter({ hasText: 'Svarene er talt sammen uden navne' }).last().locator('[aria-label^="Hvordan fungerer samarbejdet i teamet?"]');
    expect(await chart.count()).toBe(1);
    expect(await chart.innerText()).toMatch(/Godt[\s\S]*3/);
    expect(result).toContain('• Arbejdsglæde');
    for (const member of members) expect(result).not.toContain(member.name);

    await waitForCard(lars, /Gruppens udviklingsplan – Hjemmeplejen Nord[\s\S]*Faste lærende møder hver måned/, 30_000);
    expect(await lars.locator('.ac-adaptiveCard').filter({ hasText: 'Faste lærende møder hver måned' }).last().innerText()).toContain('Sofie og Ahmad');
  });
});
