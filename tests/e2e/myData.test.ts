import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startWelcomedStack } from '../support/e2eStack';
import { sendMessage, waitForCard } from '../support/playgroundPage';

// Mette asks for her data in the Playground: the card offers download links; the link the
// browser opens gives a file with what is stored about her (and nobody else's answers).
let stack: Stack;
const cycle = String(new Date().getUTCFullYear());
const id = (n: number) => `0d1e2f30-0000-4000-8000-${String(n).padStart(12, '0')}`;

beforeAll(async () => {
  stack = await startWelcomedStack(['.m365agentsplayground.yml']);
  for (const [n, text] of [[1, 'Mette er stolt af nattevagterne'], [3, 'Sofies eget svar']] as const) {
    const prep = await stack.repos.preparations.start(id(n), cycle, 'hjemmeplejen-nord');
    await stack.repos.preparations.saveStep(id(n), prep, 'theme-looking-back', { kind: 'questions', answers: { 'looking-back-proud': text } }, true);
  }
});
afterAll(async () => {
  await stack?.stop();
});

describe('mine data in the Playground', () => {
  it('when Mette types "mine data" and presses the JSON button, then the link gives her a file with her answers', async () => {
    const page = stack.page;
    await sendMessage(page, 'mine data');
    const card = await waitForCard(page, 'Her er alt, hvad Kompetencebot har gemt om dig');
    // The button opens the link in the browser: catch where it goes, and fetch it as the browser would.
    const opened = new Promise<string>((resolve) => {
      void page.context().route(`${stack.botUrl}/api/exports/**`, async (route) => {
        resolve(route.request().url());
        await route.abort();
      });
    });
    await card.getByText('Hent JSON', { exact: true }).click();
    const url = await opened;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="mine-data-/);
    const text = await response.text();
    expect(text).toContain('Mette Jensen');
    expect(text).toContain('Mette er stolt af nattevagterne');
    expect(text).not.toContain('Sofies eget svar');
  });
});
