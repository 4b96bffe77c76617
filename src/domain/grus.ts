import type { Question, ThemeWithQuestions } from './catalogue';
import type { Locale } from './i18n';
import type { QuestionAnswers } from './preparation';

/**
 * GRUS (gruppeudviklingssamtale) as pure functions: who takes part, when the team's result may be
 * shown, and the result itself — counted per choice and the texts without names, never tied to
 * a person. The result is shown once, for everyone who answered by then: a second, later figure
 * for the same group could be subtracted from the first to reveal the latecomers' answers.
 */

export type GrusState = 'open' | 'posted';

/** Everyone in the team the bot knows (registered, active), except the leader who runs it. */
export function participantsOf(rosterIds: readonly string[], registered: ReadonlySet<string>, leaderId: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of rosterIds) {
    const key = id.toLowerCase();
    if (key === leaderId.toLowerCase() || seen.has(key) || !registered.has(key)) continue;
    seen.add(key);
    out.push(key);
  }
  return out;
}

/**
 * Whether the result may be posted now: still open, and at least `threshold` answers. It is
 * posted by itself when the last participant answers, or by the leader once enough have.
 */
export function mayPost(state: GrusState, answered: number, threshold: number): boolean {
  return state === 'open' && answered >= threshold;
}

export interface ChoiceCount {
  choiceId: string;
  label: string;
  count: number;
}

export interface QuestionResult {
  questionId: string;
  text: string;
  kind: Question['kind'];
  /** How many answered this question. */
  answered: number;
  /** Choice questions: per choice, in the question's order (undefined when hidden). */
  counts?: ChoiceCount[];
  /** Text questions: the texts, sorted so their order says nothing about who wrote first. */
  texts?: string[];
  /** True when fewer than the threshold answered this question: nothing of it is shown. */
  hidden: boolean;
}

export interface GroupResult {
  respondents: number;
  /** The anonymity threshold it was put together under. */
  threshold: number;
  themes: Array<{ id: string; title: string; questions: QuestionResult[] }>;
}

/**
 * The team's answers put together. A choice question answered by fewer than `threshold` shows
 * nothing; the texts are anonymous among everyone who answered (the intro says so before anyone
 * writes), so they show once `threshold` have answered at all.
 */
export function groupResult(themes: readonly ThemeWithQuestions[], answers: readonly QuestionAnswers[], threshold: number, locale: Locale): GroupResult {
  const collator = new Intl.Collator(locale === 'da' ? 'da' : 'en');
  return {
    respondents: answers.length,
    threshold,
    themes: themes.map((theme) => ({
      id: theme.id,
      title: theme.title[locale],
      questions: theme.questions.map((question): QuestionResult => {
        const given = answers.map((a) => a[question.id]).filter((v): v is string | string[] => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0));
        const base = { questionId: question.id, text: question.text[locale], kind: question.kind, answered: given.length };
        // A text is anonymous among everyone who answered (any of them may have written it);
        // counts are shown only where enough answered that very question.
        if (question.kind === 'text') {
          if (answers.length < threshold) return { ...base, hidden: true };
          return { ...base, hidden: false, texts: given.map(String).sort(collator.compare) };
        }
        if (given.length < threshold) return { ...base, hidden: true };
        const picks = given.flatMap((v) => (Array.isArray(v) ? v : [v]));
        return {
          ...base,
          hidden: false,
          counts: question.choices.map((choice) => ({ choiceId: choice.id, label: choice.label[locale], count: picks.filter((p) => p === choice.id).length })),
        };
      }),
    })),
  };
}
