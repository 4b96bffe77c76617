import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ThemeWithQuestions } from '../../src/domain/catalogue';
import { groupResult, mayPost, participantsOf } from '../../src/domain/grus';
import { parseActionItems, suggestAreas } from '../../src/domain/actionPlan';

const theme: ThemeWithQuestions = {
  id: 'team', title: { da: 'Teamet', en: 'The team' }, intro: { da: '', en: '' },
  questions: [
    { id: 'rating', text: { da: 'Samarbejdet?', en: 'Collaboration?' }, kind: 'choice', required: true, choices: [
      { id: 'good', label: { da: 'Godt', en: 'Well' } }, { id: 'bad', label: { da: 'Dårligt', en: 'Poorly' } },
    ] },
    { id: 'areas', text: { da: 'Områder?', en: 'Areas?' }, kind: 'multi-choice', required: false, choices: [
      { id: 'a', label: { da: 'A', en: 'A' } }, { id: 'b', label: { da: 'B', en: 'B' } }, { id: 'c', label: { da: 'C', en: 'C' } },
    ] },
    { id: 'free', text: { da: 'Fritekst?', en: 'Free text?' }, kind: 'text', required: false, maxLength: 500 },
  ],
} as ThemeWithQuestions;

describe('who takes part in a GRUS', () => {
  it('when the roster has the leader, strangers and the same person twice, then each registered member is asked once and the leader not at all', () => {
    expect(participantsOf(['L', 'a', 'A', 'x', 'b'], new Set(['l', 'a', 'b']), 'l')).toEqual(['a', 'b']);
  });
});

describe('when a GRUS result may be shared', () => {
  it('when enough have answered and it is open, then yes; when it was shared already or too few answered, then no', () => {
    expect(mayPost('open', 5, 5)).toBe(true);
    expect(mayPost('open', 4, 5)).toBe(false);
    expect(mayPost('posted', 9, 5)).toBe(false);
  });
});

describe('the GRUS result', () => {
  it('when five answered, then choices are counted and texts listed alphabetically without who wrote them', () => {
    const answers: Array<Record<string, string | string[]>> = [
      { rating: 'good', free: 'Øl om fredagen' }, { rating: 'good', free: 'Arbejdsglæde' }, { rating: 'bad' }, { rating: 'good', areas: ['a', 'b'] }, { rating: 'good', free: 'Humor' },
    ];
    const result = groupResult([theme], answers, 5, 'da');
    const [rating, areas, free] = result.themes[0]!.questions;
    expect(result.respondents).toBe(5);
    expect(rating!.counts).toEqual([{ choiceId: 'good', label: 'Godt', count: 4 }, { choiceId: 'bad', label: 'Dårligt', count: 1 }]);
    expect(areas!.hidden).toBe(true);
    expect(areas!.counts).toBeUndefined();
    expect(free!.texts).toEqual(['Arbejdsglæde', 'Humor', 'Øl om fredagen']);
  });

  it('for any answers, no choice question shows counts when fewer than the threshold answered it, and no text shows when fewer than the threshold answered at all', () => {
    const answer = fc.record({
      rating: fc.option(fc.constantFrom('good', 'bad'), { nil: undefined }),
      areas: fc.option(fc.subarray(['a', 'b', 'c']), { nil: undefined }),
      free: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
    }, { requiredKeys: [] });
    fc.assert(fc.property(fc.array(answer, { maxLength: 12 }), fc.integer({ min: 3, max: 8 }), (raw, threshold) => {
      const answers = raw.map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as Record<string, string | string[]>);
      const result = groupResult([theme], answers, threshold, 'en');
      for (const q of result.themes[0]!.questions) {
        const answeredIt = answers.filter((a) => a[q.questionId] !== undefined && a[q.questionId] !== '' && !(Array.isArray(a[q.questionId]) && a[q.questionId]!.length === 0)).length;
        expect(q.answered).toBe(answeredIt);
        if (q.kind === 'text') expect(q.hidden).toBe(answers.length < threshold);
        else expect(q.hidden).toBe(answeredIt < threshold);
        if (q.hidden) expect(q.counts ?? q.texts).toBeUndefined();
        // Counts never add up to more picks than were made.
        if (q.counts) expect(q.counts.reduce((n, c) => n + c.count, 0)).toBe(answers.flatMap((a) => a[q.questionId] ?? []).length);
      }
    }));
  });
});

describe('action plan items', () => {
  const known = { competenceIds: new Set(['samarbejde']), activityIds: new Set(['sparring']) };

  it('when slots are filled, partly filled or empty, then filled ones become items, empty ones are ignored, and partial ones are refused with the slot number', () => {
    const ok = parseActionItems({ goal_0: ' Mere sparring ', activity_0: 'sparring', owner_0: 'Teamet', due_0: '2027-03-01', goal_1: '', owner_1: '' }, known, '2026');
    expect(ok).toEqual({ ok: true, items: [{ goal: 'Mere sparring', competenceId: '', activityId: 'sparring', owner: 'Teamet', due: '2027-03-01' }] });
    const partial = parseActionItems({ goal_0: 'Mere sparring', activity_0: 'sparring', owner_0: 'Teamet', due_0: '2027-03-01', goal_2: 'Noget', due_2: '2031-01-01' }, known, '2026');
    expect(partial.ok).toBe(false);
    if (!partial.ok) expect(partial.problems.map((p) => p.da)).toEqual(['Punkt 3: vælg en aktivitet fra listen.', 'Punkt 3: skriv hvem der er ansvarlig.', 'Punkt 3: vælg en dato fra 2026 til 2028.']);
  });

  it('when nothing is filled in, then it asks for at least one item', () => {
    expect(parseActionItems({}, known, '2026')).toEqual({ ok: false, problems: [{ da: 'Skriv mindst ét punkt i planen.', en: 'Write at least one item in the plan.' }] });
  });

  it('for any submitted values (wrong types, unknown ids, huge texts), it never throws and only returns items made of known ids and sane lengths', () => {
    const value = fc.oneof(fc.string({ maxLength: 400 }), fc.integer(), fc.constant(null), fc.array(fc.string()), fc.constantFrom('sparring', 'samarbejde', '2027-05-05'));
    const keys = fc.constantFrom(...Array.from({ length: 6 }, (_, i) => [`goal_${i}`, `competence_${i}`, `activity_${i}`, `owner_${i}`, `due_${i}`]).flat(), '__proto__', 'other');
    fc.assert(fc.property(fc.dictionary(keys, value), (input) => {
      const parsed = parseActionItems(input, known, '2026');
      if (!parsed.ok) return;
      for (const item of parsed.items) {
        expect(known.activityIds.has(item.activityId)).toBe(true);
        expect(item.competenceId === '' || known.competenceIds.has(item.competenceId)).toBe(true);
        expect([...item.goal].length).toBeLessThanOrEqual(300);
        expect(item.due).toMatch(/^202[678]-\d\d-\d\d$/);
      }
    }));
  });
});

describe('action plan suggestions', () => {
  it('when areas have votes, gaps and plan goals, then the voted come first, then the larger gap, and areas with nothing are left out', () => {
    const out = suggestAreas([
      { competenceId: 'a', gap: 1.5, votes: 0, planGoals: 0 },
      { competenceId: 'b', votes: 2, planGoals: 0 },
      { competenceId: 'c', gap: 0.5, votes: 0, planGoals: 3 },
      { competenceId: 'd', votes: 0, planGoals: 0 },
    ]);
    expect(out.map((s) => s.competenceId)).toEqual(['b', 'a', 'c']);
  });
});
