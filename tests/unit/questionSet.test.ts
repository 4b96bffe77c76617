import { beforeAll, describe, expect, it } from 'vitest';
import { loadDomainData } from '../../src/data/loadDomainData';
import { defaultQuestionSet, type QuestionBank, type Theme } from '../../src/domain/catalogue';
import { customQuestionId, customThemeId, offeredThemes, parseQuestionSetForm, withCustomQuestions } from '../../src/domain/questionSet';

let questionBank: QuestionBank;
let themes: Theme[];
beforeAll(async () => {
  questionBank = (await loadDomainData()).questionBank;
  themes = offeredThemes(questionBank, 'employee');
});

describe("a department's question set form", () => {
  it('when questions are ticked across themes, then the set lists them by theme in the bank\'s order, leaving out empty themes', () => {
    const form = parseQuestionSetForm({ 'qs_looking-back-challenges': 'true', 'qs_looking-back-proud': 'true', 'qs_tasks-energy': 'false' }, themes);
    expect(form).toEqual({ ok: true, set: { entries: [{ themeId: 'looking-back', questionIds: ['looking-back-proud', 'looking-back-challenges'] }], custom: [] } });
  });

  it('when own questions are given, then each gets an id from its text (the same text twice counts once) and blank slots are ignored', () => {
    const form = parseQuestionSetForm({ own_1: ' Hvordan går det med ruterne? ', own_2: '  ', own_3: 'hvordan går det med ruterne?' }, themes);
    expect(form.ok && form.set.custom).toEqual([{ id: customQuestionId('Hvordan går det med ruterne?'), text: 'Hvordan går det med ruterne?' }]);
    expect(customQuestionId('Et spørgsmål')).toMatch(/^own-[0-9a-f]{10}$/);
  });

  it('when nothing is chosen, or an own question is too long, then the form says so', () => {
    expect(parseQuestionSetForm({}, themes)).toEqual({ ok: false, problems: [{ da: 'Vælg mindst ét spørgsmål.', en: 'Choose at least one question.' }] });
    const long = parseQuestionSetForm({ 'qs_looking-back-proud': 'true', own_3: 'æ'.repeat(301) }, themes);
    expect(!long.ok && long.problems[0]!.en).toBe('Own question 3 can have at most 300 characters.');
    expect(parseQuestionSetForm({ 'qs_looking-back-proud': 'true', own_3: 'æ'.repeat(300) }, themes).ok).toBe(true);
  });

  it('when a set has own questions, then they are asked last, as optional free text', () => {
    const asked = withCustomQuestions(defaultQuestionSet(questionBank, 'employee'), [{ id: 'own-1', text: 'Hvad med ruterne?' }], 2000);
    const last = asked.at(-1)!;
    expect(last.id).toBe(customThemeId);
    expect(last.questions).toEqual([{ id: 'own-1', text: { da: 'Hvad med ruterne?', en: 'Hvad med ruterne?' }, kind: 'text', required: false, maxLength: 2000 }]);
    expect(withCustomQuestions(asked.slice(0, 2), [], 2000)).toHaveLength(2);
  });
});
