import type { GroupWithCompetences, Question, RatingScale, ThemeWithQuestions } from './catalogue';
import type { Locale, LocalizedText } from './i18n';
import { formatterFor } from './format';

/**
 * MUS preparation, as pure functions: the steps of an employee's preparation (question themes
 * from the department's question set, and one self-rating step per competence group of the
 * department profile), validation of what a step's card submits, where to resume, and the
 * summary the employee shares from.
 */

export interface QuestionStep {
  kind: 'questions';
  id: string;
  theme: ThemeWithQuestions;
}
export interface RatingStep {
  kind: 'rating';
  id: string;
  group: GroupWithCompetences;
}
export type PreparationStep = QuestionStep | RatingStep;

/** A text, a choice id, or several choice ids. */
export type QuestionAnswers = Record<string, string | string[]>;
/** A level 1..N, or "na" (not relevant). */
export type Ratings = Record<string, number | 'na'>;
export type StepAnswer = { kind: 'questions'; answers: QuestionAnswers } | { kind: 'rating'; ratings: Ratings };

/** Self-rating comes after the themes about the year behind (before the future). */
const ratingsBeforeThemes = ['future-ambitions', 'learning-preferences', 'development-goals'];

export function buildSteps(questionSet: readonly ThemeWithQuestions[], groups: readonly GroupWithCompetences[]): PreparationStep[] {
  const themeSteps: PreparationStep[] = questionSet.map((theme) => ({ kind: 'questions', id: `theme-${theme.id}`, theme }));
  const ratingSteps: PreparationStep[] = groups.map((group) => ({ kind: 'rating', id: `rating-${group.id}`, group }));
  let at = questionSet.findIndex((theme) => ratingsBeforeThemes.includes(theme.id));
  if (at < 0) at = themeSteps.length;
  return [...themeSteps.slice(0, at), ...ratingSteps, ...themeSteps.slice(at)];
}

/** The first step not yet completed; `steps.length` when every step is (then: the summary). */
export function firstUnansweredIndex(steps: readonly PreparationStep[], completed: ReadonlySet<string>): number {
  const index = steps.findIndex((step) => !completed.has(step.id));
  return index < 0 ? steps.length : index;
}

/** Sharing is chosen per section: each question theme, and all self-ratings together. */
export const competencesSection = 'competences';
export function sectionOf(step: PreparationStep): string {
  return step.kind === 'questions' ? step.id : competencesSection;
}

export function sectionIds(steps: readonly PreparationStep[]): string[] {
  return [...new Set(steps.map(sectionOf))];
}

/** Card input ids: `q_<question id>` and `r_<competence id>`. */
export const questionInputId = (questionId: string) => `q_${questionId}`;
export const ratingInputId = (competenceId: string) => `r_${competenceId}`;

export type StepParse =
  | { ok: true; answer: StepAnswer }
  | { ok: false; problems: LocalizedText[]; /** What could be kept, to refill the card. */ answer: StepAnswer };

/**
 * Answers longer than this are refused whatever a question file says; a refused answer is given
 * back on the card up to this length (longer would not fit a card), and the notice says so.
 */
export const absoluteMaxTextLength = 10_000;

export function maxLengthOf(question: Question): number {
  return question.kind === 'text' ? Math.min(question.maxLength, absoluteMaxTextLength) : absoluteMaxTextLength;
}

/**
 * Why a too-long answer is not saved. Nothing is cut: the whole text stays in the field (up to
 * what a card can carry, and then the notice says how much is shown) until it is shortened.
 */
export function tooLong(label: LocalizedText, max: number, written: number): LocalizedText {
  const [da, en] = [formatterFor('da'), formatterFor('en')];
  const shown = written > absoluteMaxTextLength
    ? {
      da: ` Teksten er for lang til at vise her: feltet viser de første ${da.number(absoluteMaxTextLength)} tegn, og resten er ikke gemt.`,
      en: ` The text is too long to show here: the field shows the first ${en.number(absoluteMaxTextLength)} characters, and the rest is not saved.`,
    }
    : { da: ' Hele din tekst står stadig i feltet.', en: ' All of your text is still in the field.' };
  return {
    da: `"${label.da}": højst ${da.number(max)} tegn, og du skrev ${da.number(written)}. Intet fra dette trin er gemt: forkort svaret, så gemmer jeg det.${shown.da}`,
    en: `"${label.en}": at most ${en.number(max)} characters, and you wrote ${en.number(written)}. Nothing from this step is saved: shorten the answer and I will save it.${shown.en}`,
  };
}

/** Shown under a free-text question: its limit ("Højst 2.000 tegn."). */
export function lengthLimit(max: number): LocalizedText {
  return { da: `Højst ${formatterFor('da').number(max)} tegn.`, en: `At most ${formatterFor('en').number(max)} characters.` };
}

/**
 * Validates what a step's card submitted. `strict` (Next) also requires the required answers
 * and every rating; lenient (Back, Save for later) keeps whatever is valid. Input that can only
 * come from a tampered or foreign card (wrong types, unknown choices, over-long text) is a
 * problem in both modes and is never stored.
 */
export function parseStepInput(step: PreparationStep, input: Record<string, unknown>, scale: RatingScale, strict: boolean): StepParse {
  const problems: LocalizedText[] = [];
  if (step.kind === 'questions') {
    const answers: QuestionAnswers = {};
    for (const question of step.theme.questions) {
      const raw = input[questionInputId(question.id)];
      const label = question.text;
      if (raw !== undefined && raw !== null && typeof raw !== 'string') {
        problems.push({ da: `"${label.da}": svaret har en forkert form.`, en: `"${label.en}": the answer has the wrong form.` });
        continue;
      }
      const value = (raw ?? '').trim();
      if (question.kind === 'text') {
        const max = maxLengthOf(question);
        // Characters as a person counts them (code points), so an emoji is one, never split.
        const characters = [...value];
        if (characters.length > max) {
          problems.push(tooLong(label, max, characters.length));
          // Given back to the card as written (never the first `max` characters as if that were the answer).
          answers[question.id] = characters.slice(0, absoluteMaxTextLength).join('');
          continue;
        }
        if (value) answers[question.id] = value;
      } else {
        const picked = [...new Set(value ? value.split(',').map((v) => v.trim()).filter(Boolean) : [])];
        const known = new Set(question.choices.map((c) => c.id));
        const unknown = picked.filter((p) => !known.has(p));
        if (unknown.length > 0 || (question.kind === 'choice' && picked.length > 1)) {
          problems.push({ da: `"${label.da}": vælg blandt mulighederne.`, en: `"${label.en}": choose from the options.` });
          continue;
        }
        if (question.kind === 'multi-choice' && question.maxChoices && picked.length > question.maxChoices) {
          problems.push({
            da: `"${label.da}": vælg højst ${question.maxChoices}.`,
            en: `"${label.en}": choose at most ${question.maxChoices}.`,
          });
          continue;
        }
        if (picked.length > 0) answers[question.id] = question.kind === 'choice' ? picked[0]! : picked;
      }
      if (strict && question.required && answers[question.id] === undefined) {
        problems.push({ da: `"${label.da}" skal besvares.`, en: `"${label.en}" needs an answer.` });
      }
    }
    const answer: StepAnswer = { kind: 'questions', answers };
    return problems.length ? { ok: false, problems, answer } : { ok: true, answer };
  }

  const ratings: Ratings = {};
  const levels = new Set(scale.levels.map((l) => String(l.value)));
  for (const competence of step.group.competences) {
    const raw = input[ratingInputId(competence.id)];
    const value = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : undefined;
    if (value === undefined || (value !== '' && value !== 'na' && !levels.has(value))) {
      problems.push({ da: `${competence.name.da}: vælg et niveau på skalaen.`, en: `${competence.name.en}: choose a level on the scale.` });
      continue;
    }
    if (value === 'na') ratings[competence.id] = 'na';
    else if (value) ratings[competence.id] = Number(value);
    else if (strict) {
      problems.push({
        da: `${competence.name.da}: vælg et niveau eller "${scale.notRelevant.da}".`,
        en: `${competence.name.en}: choose a level or "${scale.notRelevant.en}".`,
      });
    }
  }
  const answer: StepAnswer = { kind: 'rating', ratings };
  return problems.length ? { ok: false, problems, answer } : { ok: true, answer };
}

/** A rating in words: "4 – Erfaren", or "Ikke relevant". */
export function ratingLabel(value: number | 'na', scale: RatingScale, locale: Locale): string {
  if (value === 'na') return scale.notRelevant[locale];
  const level = scale.levels.find((l) => l.value === value);
  return level ? `${value} – ${level.label[locale]}` : String(value);
}

export interface SummarySection {
  id: string;
  title: string;
  items: Array<{ label: string; value: string }>;
}

/** Everything answered, by section, in the user's language; unanswered questions are left out. */
export function summarize(
  steps: readonly PreparationStep[],
  answers: ReadonlyMap<string, StepAnswer>,
  scale: RatingScale,
  locale: Locale,
  noAnswer: string,
  /** The leader's ratings, shown beside the self-rating ("both see both"). */
  leaderRatings?: Ratings,
): SummarySection[] {
  const sections = new Map<string, SummarySection>();
  for (const step of steps) {
    const id = sectionOf(step);
    const answer = answers.get(step.id);
    let section = sections.get(id);
    if (!section) {
      const title = step.kind === 'questions' ? step.theme.title[locale] : locale === 'da' ? 'Mine kompetencer' : 'My competences';
      section = { id, title, items: [] };
      sections.set(id, section);
    }
    if (step.kind === 'questions') {
      for (const question of step.theme.questions) {
        const value = answer?.kind === 'questions' ? answer.answers[question.id] : undefined;
        if (value === undefined) continue;
        const shown =
          question.kind === 'text'
            ? String(value)
            : (Array.isArray(value) ? value : [value]).map((v) => question.choices.find((c) => c.id === v)?.label[locale] ?? v).join(', ');
        section.items.push({ label: question.text[locale], value: shown });
      }
    } else {
      for (const competence of step.group.competences) {
        const value = answer?.kind === 'rating' ? answer.ratings[competence.id] : undefined;
        const own = value === undefined ? noAnswer : ratingLabel(value, scale, locale);
        const leaders = leaderRatings?.[competence.id];
        const beside = leaders === undefined ? '' : ` · ${locale === 'da' ? 'Leder' : 'Leader'}: ${ratingLabel(leaders, scale, locale)}`;
        section.items.push({ label: competence.name[locale], value: own + beside });
      }
    }
  }
  return [...sections.values()];
}
