import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { botHarness, demo, type DemoUser, visibleText } from '../support/botHarness';
import { postActivity, teamsActivities } from '../support/connectorStub';
import { startBotWithConnector, startHttpBot } from '../support/httpBot';

// The first thing anyone reads is in their language, every time: Teams announces an install
// with two events, in either order, often one of them without a locale. Through the real bot on
// Azurite, for someone registered with no language set (Ahmad) and someone not registered.
let harness: Awaited<ReturnType<typeof botHarness>>;
beforeAll(async () => {
  harness = await botHarness();
});
afterAll(async () => {
  await harness?.repos.tables.dropTables();
});

const welcomes = (replies: Partial<Activity>[]) => replies.filter((r) => r.type === 'message').map(visibleText);

/** A fresh install: the app was removed, and nothing is known of the chat (no earlier locale). */
async function freshInstall(user: DemoUser, options: Parameters<typeof harness.install>[1]) {
  await harness.uninstall(user);
  await harness.repos.conversations.remove('user', user.aadObjectId);
  harness.takeProactive();
  return harness.install(user, options);
}

const people = [
  ['registered with no language set', demo.ahmad, { da: 'Hej Ahmad!', en: 'Hi Ahmad!' }],
  ['not registered', demo.stranger, { da: 'Kontakt HR', en: 'contact HR' }],
] as const;
const teams = [['da-DK', 'da'], ['en-US', 'en'], ['en-GB', 'en']] as const;
const orders = ['installation-first', 'conversation-first'] as const;
const localeOn = ['both', 'installation', 'conversation'] as const;

describe('the welcome of a personal install', () => {
  for (const [who, user, greeting] of people) {
    for (const [teamsLocale, language] of teams) {
      it(`when someone ${who} installs it in ${teamsLocale} Teams, in either event order and whichever event carries the locale, then exactly one welcome comes, in ${language === 'da' ? 'Danish' : 'English'}`, async () => {
        for (const order of orders) {
          for (const carrier of localeOn) {
            const replies = await freshInstall(user, { locale: teamsLocale, order, localeOn: carrier });
            const shown = welcomes(replies);
            expect(shown, `${order}, locale on ${carrier}`).toHaveLength(1);
            expect(shown[0], `${order}, locale on ${carrier}`).toContain(greeting[language]);
            expect(shown[0]).not.toContain(greeting[language === 'da' ? 'en' : 'da']);
            // The first answer afterwards comes alone: the welcome is not repeated.
            expect(welcomes(await harness.say(user, 'hjælp', { locale: teamsLocale }))).toHaveLength(1);
          }
        }
      });
    }

    it(`when someone ${who} installs it in English Teams and then writes, then the welcome and the first answer are both English`, async () => {
      const replies = await freshInstall(user, { locale: 'en-US', order: 'conversation-first', localeOn: 'installation' });
      expect(welcomes(replies)[0]).toContain(greeting.en);
      const answer = welcomes(await harness.say(user, 'what is this?', { locale: 'en-US' })).join('\n');
      expect(answer).toMatch(/I did not understand that|not registered/);
      expect(answer).not.toMatch(/Det forstod jeg ikke|ikke registreret/);
    });
  }

  it.each([['en-US', 'Hi Ahmad!', 'Commands'], ['da-DK', 'Hej Ahmad!', 'Kommandoer']] as const)(
    'when neither install event carries a locale and no language is known (the Agents Playground), then nothing is guessed: the welcome comes with the first answer, in the language of that message (%s)',
    async (locale, greeting, help) => {
      const replies = await freshInstall(demo.ahmad, { locale, localeOn: 'none' });
      expect(welcomes(replies)).toEqual([]);
      const first = welcomes(await harness.say(demo.ahmad, 'help', { locale }));
      expect(first).toHaveLength(2);
      expect(first[0]).toContain(greeting);
      expect(first[1]).toContain(help);
      expect(welcomes(await harness.say(demo.ahmad, 'help', { locale }))).toHaveLength(1);
    },
  );

  it('when someone not registered installs it with no locale on either event, then nothing is sent until they write, and then they are told in their language', async () => {
    expect(welcomes(await freshInstall(demo.stranger, { locale: 'en-US', localeOn: 'none' }))).toEqual([]);
    const first = welcomes(await harness.say(demo.stranger, 'hello', { locale: 'en-US' }));
    expect(first).toHaveLength(1);
    expect(first[0]).toContain('not registered');
  });

  it('when a person whose language HR set (Danish) installs it in English Teams, then the one welcome is Danish whichever event comes first', async () => {
    for (const order of orders) {
      const shown = welcomes(await freshInstall(demo.mette, { locale: 'en-US', order, localeOn: 'installation' }));
      expect(shown).toHaveLength(1);
      expect(shown[0]).toContain('Hej Mette!');
    }
  });

  it('when the two install events reach two bot instances at the same moment, then one welcome comes, in the language of the event that carries the locale', async () => {
    const setup = await startBotWithConnector(inject('storageConnectionString'));
    const second = await startHttpBot(setup.repos, inject('storageConnectionString'));
    try {
      const events = teamsActivities(setup.connector.serviceUrl, demo.ahmad, 'en-US');
      const inAhmadsChat = () => setup.connector.received.filter((r) => r.conversationId === `a:personal-${demo.ahmad.aadObjectId}`).map((r) => JSON.stringify(r.activity));
      for (let round = 0; round < 6; round++) {
        await postActivity(setup.http.url, events.uninstall());
        await setup.repos.conversations.remove('user', demo.ahmad.aadObjectId);
        const before = inAhmadsChat().length;
        const [installation, conversation] = events.install(round % 2 ? 'installation' : 'conversation');
        const [a, b] = round % 4 < 2 ? [setup.http.url, second.url] : [second.url, setup.http.url];
        await Promise.all([postActivity(a, installation!), postActivity(b, conversation!)]);
        const sent = inAhmadsChat().slice(before);
        expect(sent, `round ${round}`).toHaveLength(1);
        expect(sent[0]).toContain('Hi Ahmad!');
        // The locale is kept for what the bot writes later, whichever event was stored last.
        expect((await setup.repos.conversations.get('user', demo.ahmad.aadObjectId))?.locale, `round ${round}`).toBe('en-US');
      }
    } finally {
      await second.close();
      await setup.close();
    }
  });

  it('when the app is installed again without being removed (a repeated event), then no second welcome comes', async () => {
    await freshInstall(demo.sofie, { locale: 'da-DK' });
    expect(welcomes(await harness.install(demo.sofie, { locale: 'da-DK' }))).toEqual([]);
  });
});
