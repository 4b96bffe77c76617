import type { CardData, CardName } from '../src/bot/cards';

/**
 * Sample data for every card template, used by tests/unit/cards.test.ts to render each card in
 * both languages and check it against the Adaptive Cards schema and Teams' limits. Samples use
 * the longest realistic content.
 */
export const cardSamples: { [K in CardName]: CardData[K][] } = {
  welcome: [
    {
      greeting: 'Hej Mette-Marie Kristiansen-Østergaard!',
      roleSummary: 'Du er registreret som medarbejder i Hjemmeplejen Nord, leder af Hjemmeplejen Nord og HR-administrator.',
      commands: [
        { title: 'hjælp', description: 'Vis hvad jeg kan hjælpe dig med' },
        { title: 'dansk', description: 'Tal dansk med mig' },
        { title: 'english', description: 'Speak English with me' },
      ],
    },
  ],
  help: [{ commands: [{ title: 'hjælp', description: 'Vis hvad jeg kan hjælpe dig med' }] }],
  'team-welcome': [{}],
  notice: [
    { title: 'Noget skal rettes', lines: ['Svaret på "Hvad gik godt?" er for langt: højst 2.000 tegn.', 'x'.repeat(2000)] },
  ],
};
