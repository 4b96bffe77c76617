import { createHash } from 'node:crypto';
import type { QuestionBank, QuestionSetAudience, QuestionSetEntry, Theme, ThemeWithQuestions } from './catalogue';
import type { LocalizedText } from './i18n';

/**
 * A department's own MUS questions: which of the bank's questions it asks (by theme), and up to
 * three questions of its own, asked as a last theme. Pure: the card form in, a set out.
 */
export interface CustomQuestion {
  /** Derived from the text: a reworded question is a new question, and old answers stay theirs. */
  id: string;
  text: string;
}

export interface DepartmentQuestionSet {
  entries: QuestionSetEntry[];
  custom: CustomQuestion[];
}

export const maxOwnQuestions = 3;
export const ownQuestionMaxLength = 300;
export const customThemeId = 'department-questions';

export const questionToggleId = (questionId: string) => `qs_${questionId}`;
export const ownQuestionInputId = (slot: number) => `own_${slot}`;

export function customQuestionId(text: string): string {
  return `own-${createHash('sha256').update(text.trim().toLowerCase()).digest('hex').slice(0, 10)}`;
}

/** The themes a leader chooses from: those of the audience's default set, with all their questions. */
export function offeredThemes(bank: QuestionBank, audience: QuestionSetAudience): Theme[] {
  return bank.defaultSet[audience].flatMap((entry) => bank.themes.filter((t) => t.id === entry.themeId));
}

/** The stored set as a card shows it: which questions are chosen. */
export function chosenQuestionIds(entries: readonly QuestionSetEntry[]): Set<string> {
  return new Set(entries.flatMap((e) => e.questionIds));
}

export type QuestionSetForm = { ok: true; set: DepartmentQuestionSet } | { ok: false; problems: LocalizedText[] };

export function parseQuestionSetForm(input: Record<string, unknown>, themes: readonly Theme[]): QuestionSetForm {
  const ticked = (id: string) => input[questionToggleId(id)] === 'true' || input[questionToggleId(id)] === true;
  const entries = themes
    .map((theme) => ({ themeId: theme.id, questionIds: theme.questions.filter((q) => ticked(q.id)).map((q) => q.id) }))
    .filter((entry) => entry.questionIds.length > 0);
  const problems: LocalizedText[] = [];
  const custom: CustomQuestion[] = [];
  for (let slot = 1; slot <= maxOwnQuestions; slot++) {
    const raw = input[ownQuestionInputId(slot)];
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!text) continue;
    if ([...text].length > ownQuestionMaxLength) {
      problems.push({ da: `Eget spørgsmål ${slot} må højst have ${ownQuestionMaxLength} tegn.`, en: `Own question ${slot} can have at most ${ownQuestionMaxLength} characters.` });
      continue;
    }
    const id = customQuestionId(text);
    if (!custom.some((c) => c.id === id)) custom.push({ id, text });
  }
  if (entries.length === 0 && custom.length === 0) problems.push({ da: 'Vælg mindst ét spørgsmål.', en: 'Choose at least one question.' });
  return problems.length ? { ok: false, problems } : { ok: true, set: { entries, custom } };
}

const ownTheme: Pick<ThemeWithQuestions, 'id' | 'title' | 'intro'> = {
  id: customThemeId,
  title: { da: 'Afdelingens egne spørgsmål', en: "Our department's own questions" },
  intro: { da: 'Spørgsmål, som din leder har tilføjet for jeres afdeling.', en: 'Questions your leader added for your department.' },
};

/** The department's own questions as the last theme of the preparation (text answers). */
export function withCustomQuestions(themes: ThemeWithQuestions[], custom: readonly CustomQuestion[], maxLength: number): ThemeWithQuestions[] {
  if (custom.length === 0) return themes;
  const questions = custom.map((c) => ({ id: c.id, text: { da: c.text, en: c.text }, kind: 'text' as const, required: false, maxLength }));
  return [...themes, { ...ownTheme, questions }];
}
