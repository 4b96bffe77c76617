import { readdirSync } from 'node:fs';
import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { cardSamples } from '../../cards/samples';
import { cardNames, renderCard } from '../../src/bot/cards';
import { preparationCard } from '../../src/bot/preparationCards';
import { loadDomainData } from '../../src/data/loadDomainData';
import { defaultQuestionSet, groupsWithCompetences } from '../../src/domain/catalogue';
import { buildSteps } from '../../src/domain/preparation';
import { locales } from '../../src/domain/i18n';
import { cardsDir } from '../../src/paths';
import { isoDatePattern } from '../../src/domain/format';
import { shownTexts } from '../support/shownText';

// Teams refuses bot messages over 100 KB; cards keep a margin for the activity around them.
const maxCardBytes = 80 * 1024;

/** Teams' chart elements (not in the open-source renderer): allowed only with a fallback to draw instead. */
const teamsCharts = /^Chart\.(VerticalBar(\.Grouped)?|HorizontalBar(\.Stacked)?|Line|Pie|Donut|Gauge)$/;

function chartsWithoutFallback(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(chartsWithoutFallback);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = typeof o.type === 'string' && teamsCharts.test(o.type) && (typeof o.fallback !== 'object' || o.fallback === null) ? [o.type] : [];
  return [...own, ...Object.values(o).flatMap(chartsWithoutFallback)];
}

function problemsParsing(card: object): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = chartsWithoutFallback(card).map((type) => `${type} has no fallback for hosts without charts`);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    const chart = /^Unknown element type "([^"]+)"/.exec(event.message)?.[1];
    if (event.event === AC.ValidationEvent.UnknownElementType && chart && teamsCharts.test(chart)) continue;
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
      it(`when "${name}" is rendered in ${locale} with its samples, then it is a valid Adaptive Card ≤ 1.5, under 80 KB, fully expanded, with no date written as YYYY-MM-DD`, () => {
        for (const sample of cardSamples[name]) {
          const card = renderCard(name, sample as never, locale);
          const json = JSON.stringify(card);
          expect(Number(card.version)).toBeLessThanOrEqual(1.5);
          expect(Buffer.byteLength(json, 'utf8')).toBeLessThanOrEqual(maxCardBytes);
          expect(json).not.toMatch(/\$\{/);
          expect(problemsParsing(card)).toEqual([]);
          expect(shownTexts(card).filter((text) => isoDatePattern.test(text))).toEqual([]);
          // A text starting "5. januar" is a numbered list to card markdown (Teams on Android shows "1.").
          expect(shownTexts(card).filter((text) => /^\d+\. /m.test(text))).toEqual([]);
        }
      });
    }
  }
});

describe('preparation cards with the longest realistic content', () => {
  it.each([
    ['an employee\'s MUS', 'employee', 9],
    ['a leader\'s LUS', 'leader', 10],
  ] as const)('when every step and the summary of %s are rendered from the shipped data with 2,000-character answers and all competences rated, then each card is valid and under 80 KB', async (_what, audience, competenceCount) => {
    const data = await loadDomainData();
    const steps = buildSteps(defaultQuestionSet(data.questionBank, audience), groupsWithCompetences(data.competenceModel, audience));
    expect(steps.filter((s) => s.kind === 'rating').flatMap((s) => (s.kind === 'rating' ? s.group.competences : []))).toHaveLength(competenceCount);
    const answers = new Map(
      steps.map((step) => [
        step.id,
        step.kind === 'questions'
          ? { kind: 'questions' as const, answers: Object.fromEntries(step.theme.questions.map((q) => [q.id, q.kind === 'text' ? 'Æblegrød og ønsker. '.repeat(100).slice(0, 2000) : q.choices.map((c) => c.id)])) }
          : { kind: 'rating' as const, ratings: Object.fromEntries(step.group.competences.map((c) => [c.id, 5])) },
      ]),
    );
    const prep = { etag: '', answers, header: { type: 'header' as const, cycle: '2026', departmentId: 'd', version: 7, completedSteps: steps.map((s) => s.id), startedAt: '', updatedAt: '' } };
    const ctx = { steps, scale: data.competenceModel.scale, desired: Object.fromEntries(data.competenceModel.competences.map((c) => [c.id, 4])), cycle: '2026', audience };
    for (const locale of locales) {
      const views = [
        ...steps.map((_, index) => ({ kind: 'step' as const, index, prep, stale: true })),
        { kind: 'summary' as const, prep },
      ];
      for (const view of views) {
        const card = preparationCard(view, ctx, locale);
        const json = JSON.stringify(card);
        expect(Buffer.byteLength(json, 'utf8')).toBeLessThanOrEqual(maxCardBytes);
        expect(json).not.toMatch(/\$\{/);
        expect(problemsParsing(card)).toEqual([]);
      }
    }
  });
});
