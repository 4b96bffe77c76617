import fc from 'fast-check';
import type { Activity } from 'botbuilder';
import type { DomainData } from '../../src/domain/catalogue';
import { planInputs } from '../../src/domain/plan';
import { texts } from '../../src/domain/texts';
import { demo, visibleText } from './botHarness';

/**
 * Random card submissions: the keys the bot's cards carry (and the inputs they hold) mixed with
 * keys no card has (`__proto__`, `constructor`, random text), holding plausible values (real
 * ids, this cycle, dates) or hostile ones (wrong types, 100k characters, unicode, nesting).
 */
export function submissionArbitrary(data: DomainData, cycle: string): fc.Arbitrary<Record<string, unknown>> {
  const ids = [
    ...Object.values(demo).map((u) => u.aadObjectId),
    'hjemmeplejen-nord', 'social-sundhed', cycle, String(Number(cycle) - 1), '2026-12-24', '2999-01-01', 'true', 'false', '0', '1', '3', '-1',
    ...data.competenceModel.competences.map((c) => c.id).slice(0, 4),
    ...data.activityCatalogue.activities.map((a) => a.id).slice(0, 3),
    'very-well', 'employee', 'leader', 'municipality', '19:general@thread.tacv2',
  ];
  const inputKeys = [
    ...data.competenceModel.competences.slice(0, 6).flatMap((c) => [`r_${c.id}`, `p_${c.id}`, `l_${c.id}`]),
    ...data.questionBank.themes.flatMap((t) => t.questions.slice(0, 2).map((q) => `q_${q.id}`)).slice(0, 12),
    ...Object.values(planInputs), 'e_outcome', 'e_use', 'e_next',
  ];
  const refKeys = [
    'ownerId', 'cycle', 'revision', 'version', 'etag', 'stepId', 'target', 'departmentId', 'goalId', 'actionId', 'grusId', 'channelId',
    'postingId', 'competenceId', 'deadline', 'includeSub', 'jobGroup', 'scope', 'audience', 'subjectId', 'personId', 'choice', 'verb',
  ];
  const hostileKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
  const key = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...refKeys) },
    { weight: 3, arbitrary: fc.constantFrom(...inputKeys) },
    { weight: 1, arbitrary: fc.constantFrom(...hostileKeys) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  );
  const huge = fc.tuple(fc.integer({ min: 2_000, max: 100_000 }), fc.constantFrom('a', 'æ', '😀', '\u0000', '<b>', '${x}')).map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
  const value: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10, unit: 'binary' }) },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
    { weight: 1, arbitrary: fc.oneof(fc.array(fc.constantFrom(...ids), { maxLength: 3 }), fc.object({ maxDepth: 1, maxKeys: 3 }), fc.constant({ polluted: true })) },
  );
  // Through JSON, as Teams delivers it: a `__proto__` key arrives as an own property.
  return fc.dictionary(key, value, { maxKeys: 8 }).map((payload) => JSON.parse(JSON.stringify(payload)) as Record<string, unknown>);
}

export type Outcome = { kind: 'refused' | 'answered'; text: string };

/**
 * What the user saw after a turn: every reply's text, and whether it was one of the bot's
 * refusals (not registered, not allowed, not found, stale card, something to fix). Throws when
 * the turn did not complete properly: no answer, an invoke without a 200 card, or the apology
 * for an unexpected error (a bug).
 */
export function outcomeOf(replies: Partial<Activity>[], invoke: boolean, locale: 'da' | 'en'): Outcome {
  const invokeResponse = replies.find((r) => r.type === 'invokeResponse');
  if (invoke) {
    const value = invokeResponse?.value as { status?: number; body?: { type?: string; value?: unknown } } | undefined;
    if (value?.status !== 200 || value.body?.type !== 'application/vnd.microsoft.card.adaptive') {
      throw new Error(`invoke answered ${JSON.stringify(value)?.slice(0, 300)}`);
    }
  }
  const shown = [
    ...replies.filter((r) => r.type === 'message'),
    ...(invokeResponse ? [{ attachments: [{ contentType: 'card', content: (invokeResponse.value as { body: { value: unknown } }).body.value }] }] : []),
  ];
  if (shown.length === 0) throw new Error('the turn answered nothing');
  const text = shown.map((r) => visibleText(r)).join('\n');
  if (text.includes(texts.unexpectedError.da) || text.includes(texts.unexpectedError.en)) throw new Error(`unexpected error: ${text.slice(0, 300)}`);
  const refusals = (l: 'da' | 'en') => [texts.notRegistered, texts.notAllowed, texts.notFound, texts.staleCardUnknown, texts.staleCardIntro, texts.invalidInputTitle].map((t) => t[l]);
  const other = locale === 'da' ? 'en' : 'da';
  const foreign = refusals(other).find((t) => text.includes(t));
  if (foreign) throw new Error(`refused in the wrong language: ${foreign}`);
  return { kind: refusals(locale).some((t) => text.includes(t)) ? 'refused' : 'answered', text };
}
