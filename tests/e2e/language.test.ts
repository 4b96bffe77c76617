import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/e2eStack';
import { englishWords, expectOldCardButtonAnswered, expectTooLongAnswerKept } from '../support/cardChecks';
import { activityTemplate, ask, cards, postToBot, sendMessage, waitForCard } from '../support/playgroundPage';

// The first thing anyone reads is in their language, in the Agents Playground. The browser user is
// Ahmad Karimi, registered with no language set; the Playground runs in en-US. Its own install
// events carry no locale; the install events a test sends through the Playground's custom
// activities carry it on one of the two, in either order, as Teams does.
let stack: Stack;
const strangers = { 'en-US': '99999999-0000-4000-8000-000000000099', 'da-DK': '99999999-0000-4000-8000-000000000098' } as const;

beforeAll(async () => {
  stack = await startStack({ personas: ['playground/as-english-employee.yml'] });
});
afterAll(async () => {
  await stack?.stop();
});

/** Teams' two install events (and the uninstall) for a person, through the Playground to the bot. */
async function sendInstall(order: 'installation-first' | 'conversation-first', options: { aadObjectId?: string; locale?: string; uninstallFirst?: boolean } = {}) {
  const install = await activityTemplate(stack.playgroundUrl);
  const from = { ...(install.from as object), ...(options.aadObjectId ? { id: `user-${options.aadObjectId}`, aadObjectId: options.aadObjectId } : {}) };
  const locale = options.locale ?? 'en-US';
  const withLocale = { locale, entities: [{ type: 'clientInfo', locale }] };
  const post = (activity: Record<string, unknown>) => postToBot(stack.playgroundUrl, activity);
  const base = { ...install, from, locale: undefined, entities: [] };
  if (options.uninstallFirst) await post({ ...base, id: crypto.randomUUID(), action: 'remove' });
  const installation = { ...base, ...withLocale, id: crypto.randomUUID(), type: 'installationUpdate', action: 'add' };
  const membersAdded = { ...base, id: crypto.randomUUID(), type: 'conversationUpdate', action: undefined, membersAdded: [install.recipient] };
  for (const activity of order === 'installation-first' ? [installation, membersAdded] : [membersAdded, installation]) await post(activity);
}

const count = (text: string | RegExp) => cards(stack.page).filter({ hasText: text }).count();

describe('the first message an English-speaking colleague reads', () => {
  it('when the Playground installs the app with no locale on either event, then nothing Danish comes; his first message gets the welcome and the answer, both in English', async () => {
    await stack.page.waitForTimeout(3000);
    expect(await count(/Velkommen|Hej Ahmad/)).toBe(0);
    await sendMessage(stack.page, 'help');
    const welcome = await waitForCard(stack.page, 'Welcome to Kompetencebot');
    expect(await welcome.innerText()).toContain('Hi Ahmad!');
    await waitForCard(stack.page, 'Type one of the commands below');
    expect(await count(/Velkommen|Kommandoer|Hej /)).toBe(0);
    expect(await count('Welcome to Kompetencebot')).toBe(1);
  });

  for (const order of ['conversation-first', 'installation-first'] as const) {
    it(`when the app is installed again and the events come ${order === 'conversation-first' ? 'conversationUpdate (no locale) first' : 'installationUpdate (with the locale) first'}, then exactly one welcome comes, in English`, async () => {
      const before = await count('Welcome to Kompetencebot');
      await sendInstall(order, { uninstallFirst: true });
      await expect.poll(() => count('Welcome to Kompetencebot'), { timeout: 20_000 }).toBe(before + 1);
      await stack.page.waitForTimeout(1500);
      expect(await count('Welcome to Kompetencebot')).toBe(before + 1);
      expect(await count(/Velkommen/)).toBe(0);
    });
  }

  for (const [locale, text, other] of [['en-US', 'You are not registered', /ikke registreret/], ['da-DK', 'Du er ikke registreret', /not registered/]] as const) {
    it(`when someone not registered installs it in ${locale} Teams, conversationUpdate first without a locale, then the one greeting is in their language`, async () => {
      const before = await count(text);
      await sendInstall('conversation-first', { aadObjectId: strangers[locale], locale });
      await expect.poll(() => count(text), { timeout: 20_000 }).toBe(before + 1);
      await stack.page.waitForTimeout(1500);
      expect(await count(text)).toBe(before + 1);
      if (locale === 'en-US') expect(await count(other)).toBe(0);
    });
  }
});

describe('what an English-speaking colleague sees on cards', () => {
  it('when he writes a 2,500-character answer, then the card says it is too long and nothing is saved, and his whole text is still in the field', async () => {
    await expectTooLongAnswerKept(stack.page, await ask(stack.page, 'prepare MUS', 'Step 1 of 9'), englishWords);
  });

  it('when a button of a card the bot no longer knows is pressed, then he is told so in English and shown what to type', async () => {
    await expectOldCardButtonAnswered(stack.page, stack.playgroundUrl, englishWords);
  });
});

