import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type QuestionBank, type QuestionSetAudience, type QuestionSetEntry, questionSetFromEntries, type Theme, type ThemeWithQuestions } from './catalogue';
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

/** What the card sent, as typed: to refill a refused card. */
export interface TypedQuestionSet {
  chosen: Set<string>;
  own: string[];
}

export type QuestionSetForm =
  | { ok: true; set: DepartmentQuestionSet }
  | { ok: false; problems: LocalizedText[]; typed: TypedQuestionSet };

const togglePrefix = questionToggleId('');
const fieldsSchema = z.record(z.unknown());
const toggleSchema = z.union([z.enum(['true', 'false']), z.boolean()]).transform((value) => value === true || value === 'true');
/** An empty slot may be left out; Input.Text sends a string. */
const ownSchema = z.string().max(10 * ownQuestionMaxLength).optional();

/**
 * The question set form: a toggle per offered question, and the own-question slots. A question
 * id the card names but `themes` does not offer (a card older than the question bank) is refused,
 * as is a toggle or text that is not what the card sends.
 */
export function parseQuestionSetForm(input: unknown, themes: readonly Theme[]): QuestionSetForm {
  const parsedFields = fieldsSchema.safeParse(input ?? {});
  const fields = parsedFields.success ? parsedFields.data : {};
  const offered = new Map(themes.flatMap((theme) => theme.questions.map((q) => [q.id, q] as const)));
  const problems: LocalizedText[] = [];
  const chosen = new Set<string>();
  let unknown = false;
  for (const [key, raw] of Object.entries(fields)) {
    if (!key.startsWith(togglePrefix)) continue;
    const id = key.slice(togglePrefix.length);
    const question = offered.get(id);
    const ticked = toggleSchema.safeParse(raw);
    if (!question) unknown = true;
    else if (!ticked.success) problems.push({ da: `Valget af "${question.text.da}" kunne ikke læses.`, en: `The choice of "${question.text.en}" could not be read.` });
    else if (ticked.data) chosen.add(id);
  }
  if (unknown) {
    problems.push({
      da: 'Kortet nævner spørgsmål, som ikke længere er i spørgsmålsbanken. Se valgene igennem og gem igen.',
      en: 'The card names questions that are no longer in the question bank. Check the choices and save again.',
    });
  }

  const own: string[] = [];
  const custom: CustomQuestion[] = [];
  for (let slot = 1; slot <= maxOwnQuestions; slot++) {
    const raw = ownSchema.safeParse(fields[ownQuestionInputId(slot)]);
    if (!raw.success) {
      own.push('');
      problems.push({ da: `Eget spørgsmål ${slot} kunne ikke læses.`, en: `Own question ${slot} could not be read.` });
      continue;
    }
    own.push(raw.data ?? '');
    const text = (raw.data ?? '').trim();
    if (!text) continue;
    if ([...text].length > ownQuestionMaxLength) {
      problems.push({ da: `Eget spørgsmål ${slot} må højst have ${ownQuestionMaxLength} tegn.`, en: `Own question ${slot} can have at most ${ownQuestionMaxLength} characters.` });
      continue;
    }
    const id = customQuestionId(text);
    if (!custom.some((c) => c.id === id)) custom.push({ id, text });
  }

  const entries = themes
    .map((theme) => ({ themeId: theme.id, questionIds: theme.questions.filter((q) => chosen.has(q.id)).map((q) => q.id) }))
    .filter((entry) => entry.questionIds.length > 0);
  if (entries.length === 0 && custom.length === 0) problems.push({ da: 'Vælg mindst ét spørgsmål.', en: 'Choose at least one question.' });
  return problems.length ? { ok: false, problems, typed: { chosen, own } } : { ok: true, set: { entries, custom } };
}

/** A stored set's entries as far as the bank still has them, and the chosen questions it no longer has. */
export function entriesInBank(bank: QuestionBank, entries: readonly QuestionSetEntry[]): { entries: QuestionSetEntry[]; missing: string[] } {
  const missing: string[] = [];
  const kept = entries.flatMap((entry) => {
    const theme = bank.themes.find((t) => t.id === entry.themeId);
    const inBank = (id: string) => theme?.questions.some((q) => q.id === id) ?? false;
    missing.push(...entry.questionIds.filter((id) => !inBank(id)));
    const questionIds = entry.questionIds.filter(inBank);
    return questionIds.length ? [{ themeId: entry.themeId, questionIds }] : [];
  });
  return { entries: kept, missing };
}

/**
 * A department's stored set resolved against the bank as it is now: questions (and themes) the
 * bank no longer has are left out (`missing`), the rest and the own questions are still asked.
 * A set with nothing left is no set: `themes` is undefined, and the default applies.
 */
export function resolveDepartmentQuestionSet(
  bank: QuestionBank, set: DepartmentQuestionSet, maxLength: number,
): { themes: ThemeWithQuestions[] | undefined; missing: string[] } {
  const { entries, missing } = entriesInBank(bank, set.entries);
  if (entries.length === 0 && set.custom.length === 0) return { themes: undefined, missing };
  return { themes: withCustomQuestions(questionSetFromEntries(bank, entries), set.custom, maxLength), missing };
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
