import { beforeAll, describe, expect, it } from 'vitest';
import { loadDomainData } from '../../src/data/loadDomainData';
import { defaultQuestionSet, type QuestionBank, type Theme } from '../../src/domain/catalogue';
import {
  customQuestionId, customThemeId, entriesInBank, offeredThemes, parseQuestionSetForm, resolveDepartmentQuestionSet, withCustomQuestions,
} from '../../src/domain/questionSet';

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
    expect(parseQuestionSetForm({}, themes)).toMatchObject({ ok: false, problems: [{ da: 'Vælg mindst ét spørgsmål.', en: 'Choose at least one question.' }] });
    expect(parseQuestionSetForm(undefined, themes)).toMatchObject({ ok: false, problems: [{ en: 'Choose at least one question.' }] });
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

  it('when Teams sends the toggles as booleans, then they count like the card\'s "true" and "false"', () => {
    const form = parseQuestionSetForm({ 'qs_looking-back-proud': true, 'qs_looking-back-challenges': false }, themes);
    expect(form.ok && form.set.entries).toEqual([{ themeId: 'looking-back', questionIds: ['looking-back-proud'] }]);
  });

  it('when the card names a question the bank does not offer, then the form is refused and what was typed is kept', () => {
    const form = parseQuestionSetForm({ 'qs_looking-back-proud': 'true', 'qs_no-such-question': 'false', own_2: '  Hvad med ruterne? ' }, themes);
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(form.problems.map((p) => p.en)).toEqual(['The card names questions that are no longer in the question bank. Check the choices and save again.']);
    expect([...form.typed.chosen]).toEqual(['looking-back-proud']);
    expect(form.typed.own).toEqual(['', '  Hvad med ruterne? ', '']);
  });

  it('when a toggle or an own question is not what the card sends, then the form says which could not be read', () => {
    const form = parseQuestionSetForm({ 'qs_looking-back-proud': 'maybe', own_1: 42, own_2: 'Hvad med ruterne?' }, themes);
    expect(!form.ok && form.problems.map((p) => p.da)).toEqual([
      'Valget af "Hvad er du mest stolt af fra det seneste år?" kunne ikke læses.',
      'Eget spørgsmål 1 kunne ikke læses.',
    ]);
  });

  it('when only own questions are given, then that is a set of its own', () => {
    const form = parseQuestionSetForm({ own_1: 'Hvad med ruterne?' }, themes);
    expect(form.ok && form.set).toEqual({ entries: [], custom: [{ id: customQuestionId('Hvad med ruterne?'), text: 'Hvad med ruterne?' }] });
  });
});

describe("a department's stored question set against the bank", () => {
  const own = [{ id: 'own-1', text: 'Hvad med ruterne?' }];

  it('when the bank no longer has some chosen questions, then the rest and the own questions are still asked', () => {
    const set = { entries: [{ themeId: 'looking-back', questionIds: ['looking-back-proud', 'removed-question'] }, { themeId: 'removed-theme', questionIds: ['x'] }], custom: own };
    const resolved = resolveDepartmentQuestionSet(questionBank, set, 2000);
    expect(resolved.missing).toEqual(['removed-question', 'x']);
    expect(resolved.themes!.map((t) => [t.id, t.questions.map((q) => q.id)])).toEqual([['looking-back', ['looking-back-proud']], [customThemeId, ['own-1']]]);
    expect(entriesInBank(questionBank, set.entries)).toEqual({ entries: [{ themeId: 'looking-back', questionIds: ['looking-back-proud'] }], missing: ['removed-question', 'x'] });
  });

  it('when nothing of a set is left, then there is no set and the default applies', () => {
    expect(resolveDepartmentQuestionSet(questionBank, { entries: [{ themeId: 'looking-back', questionIds: ['removed-question'] }], custom: [] }, 2000).themes).toBeUndefined();
  });

  it('when the bank has every chosen question, then the set is asked as chosen', () => {
    const entries = questionBank.defaultSet.employee;
    expect(resolveDepartmentQuestionSet(questionBank, { entries, custom: [] }, 2000)).toEqual({ themes: defaultQuestionSet(questionBank, 'employee'), missing: [] });
  });
});
