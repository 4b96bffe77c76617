import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/e2eStack';
import { danishWords, expectOldCardButtonAnswered, expectTooLongAnswerKept } from '../support/cardChecks';
import { cards as allCards, sendMessage, waitForCard } from '../support/playgroundPage';

// Through the real Agents Playground page in headless Chromium: what a newcomer sees after
// `npm start`. The browser user is Mette Jensen (.m365agentsplayground.yml), an employee.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const mette = '0d1e2f30-0000-4000-8000-000000000001';
// Only the help card says this.
const helpIntro = 'Skriv en af kommandoerne herunder';

const send = (text: string) => sendMessage(stack.page, text);
const cards = () => allCards(stack.page);

describe('the first minutes in the Playground', () => {
  it('when the page opens, then the app is installed and a Danish welcome card greets Mette by name and department', async () => {
    const welcome = cards().filter({ hasText: 'Velkommen til Kompetencebot' });
    await welcome.first().waitFor({ timeout: 30_000 });
    await expect(welcome.first().innerText()).resolves.toContain('Hej Mette!');
    await expect(welcome.first().innerText()).resolves.toContain('medarbejder i Hjemmeplejen Nord');
    expect(await welcome.count()).toBe(1);
  });

  it('when the install happened, then her personal conversation reference is stored in Table Storage', async () => {
    const stored = await stack.repos.conversations.get('user', mette);
    expect(stored?.reference.serviceUrl).toContain('127.0.0.1');
    expect(stored?.reference.conversation.id).toBeTruthy();
  });

  it('when she types "hjælp", then the help card lists the commands', async () => {
    await send('hjælp');
    const help = cards().filter({ hasText: helpIntro });
    await help.first().waitFor({ timeout: 20_000 });
    await expect(help.first().innerText()).resolves.toContain('Vis hvad jeg kan hjælpe dig med');
  });

  it('when she clicks "Forbered MUS" on the welcome card, then the first step arrives as a new card and the welcome stays', async () => {
    await stack.page.getByRole('button', { name: 'Forbered MUS' }).first().click();
    await cards().filter({ hasText: 'Trin 1 af 9' }).first().waitFor({ timeout: 20_000 });
    expect(await cards().filter({ hasText: 'Velkommen til Kompetencebot' }).count()).toBe(1);
  });

  it('when she writes a 2,500-character answer, then the card says it is too long and nothing is saved, and her whole text is still in the field', async () => {
    await expectTooLongAnswerKept(stack.page, await waitForCard(stack.page, 'Trin 1 af 9'), danishWords);
  });

  it('when a button of a card the bot no longer knows is pressed, then she is told so and shown what to type — not "Her er det aktuelle."', async () => {
    await expectOldCardButtonAnswered(stack.page, stack.playgroundUrl, danishWords);
  });

  it('when she switches to English, then the bot answers in English', async () => {
    await send('english');
    await stack.page.getByText('I will speak English with you from now on.').first().waitFor({ timeout: 20_000 });
    await send('help');
    await cards().filter({ hasText: 'Show what I can help you with' }).first().waitFor({ timeout: 20_000 });
  });
});

describe('a team channel', () => {
  it('when the app is added to the team, then the General channel shows the team greeting and the channel is remembered', async () => {
    const response = await fetch(`${stack.playgroundUrl}/_debug/conversation/team-hjemmeplejen-nord/installation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.ok).toBe(true);
    await stack.page.getByText('General', { exact: true }).first().click();
    await cards().filter({ hasText: /Hej team!|Hello team!/ }).first().waitFor({ timeout: 20_000 });
    const channels = await stack.repos.conversations.list('channel');
    expect(channels.map((c) => c.key)).toContain('team-hjemmeplejen-nord');
  });
});
