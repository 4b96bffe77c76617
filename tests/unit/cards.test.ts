import { readdirSync } from 'node:fs';
import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { cardSamples } from '../../cards/samples';
import { cardNames, renderCard } from '../../src/bot/cards';
import { locales } from '../../src/domain/i18n';
import { cardsDir } from '../../src/paths';

// Teams refuses bot messages over 100 KB; cards keep a margin for the activity around them.
const maxCardBytes = 80 * 1024;

function problemsParsing(card: object): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return problems;
}

describe('card templates', () => {
  it('when the cards folder is listed, then every template has a typed data contract and samples', () => {
    const files = readdirSync(cardsDir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect([...files].sort()).toEqual([...cardNames].sort());
    for (const name of cardNames) expect(cardSamples[name].length, name).toBeGreaterThan(0);
  });

  for (const name of cardNames) {
    for (const locale of locales) {
      it(`when "${name}" is rendered in ${locale} with its samples, then it is a valid Adaptive Card ≤ 1.5, under 80 KB, fully expanded`, () => {
        for (const sample of cardSamples[name]) {
          const card = renderCard(name, sample as never, locale);
          const json = JSON.stringify(card);
          expect(Number(card.version)).toBeLessThanOrEqual(1.5);
          expect(Buffer.byteLength(json, 'utf8')).toBeLessThanOrEqual(maxCardBytes);
          expect(json).not.toMatch(/\$\{/);
          expect(problemsParsing(card)).toEqual([]);
        }
      });
    }
  }
});
