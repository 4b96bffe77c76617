import {
  lengthLimit, maxLengthOf, questionInputId, type QuestionAnswers, ratingInputId, ratingLabel, sectionOf, summarize, type StepAnswer,
} from '../domain/preparation';
import type { Question, RatingScale } from '../domain/catalogue';
import type { Locale } from '../domain/i18n';
import { desiredLevelText, say, sharedByText, sharedWhen, stepProgress, summarySharedIntro } from '../domain/texts';
import { formatterFor } from '../domain/format';
import type { PreparationContext, PreparationView } from '../services/preparation';
import type { Preparation } from '../storage/preparationRepository';
import { type AdaptiveCardJson, type CardData, type QuestionInput, renderCard } from './cards';

/** The worded levels of the scale as card choices ("4 – Erfaren"), without "not relevant". */
export function scaleChoices(scale: RatingScale, locale: Locale): Array<{ title: string; value: string }> {
  return scale.levels.map((l) => ({ title: ratingLabel(l.value, scale, locale), value: String(l.value) }));
}

/**
 * Questions as card inputs, filled with the answers (or what was typed, all of it). A free text
 * has no maxLength on the card — a client would cut a pasted text silently — but its help says
 * the limit, and the bot refuses a longer one with the text left in the field.
 */
export function questionInputs(questions: readonly Question[], answers: QuestionAnswers, locale: Locale, markOptional: boolean): QuestionInput[] {
  return questions.map((q) => {
    const value = answers[q.id];
    const help = [q.help?.[locale] ?? '', q.kind === 'text' ? lengthLimit(maxLengthOf(q))[locale] : ''].filter(Boolean).join(' ');
    return {
      inputId: questionInputId(q.id),
      label: markOptional && !q.required ? `${q.text[locale]} ${say(locale, 'prepOptional')}` : q.text[locale],
      help, kind: q.kind,
      value: Array.isArray(value) ? value.join(',') : value ?? '',
      choices: q.kind === 'text' ? [] : q.choices.map((c) => ({ title: c.label[locale], value: c.id })),
    };
  });
}

/** Turns a preparation view into the card the employee sees (one card per step). */
export function preparationCard(view: PreparationView, ctx: PreparationContext, locale: Locale): AdaptiveCardJson {
  if (view.kind === 'shared') return sharedWithLeaderCard(view.prep, ctx, locale, say(locale, 'prepAlreadyShared'));
  if (view.kind === 'saved') {
    return renderCard('prep-resume', { title: say(locale, 'prepSavedTitle'), text: say(locale, 'prepSavedText'), buttonTitle: say(locale, 'prepContinue'), facts: [] }, locale);
  }
  const notices = [
    ...(view.stale ? [say(locale, 'prepStaleNotice')] : []),
    ...(view.kind === 'step' ? (view.problems ?? []).map((p) => p[locale]) : []),
  ];
  if (view.kind === 'summary') return renderCard('prep-summary', summaryData(view.prep, ctx, locale, notices), locale);

  const step = ctx.steps[view.index]!;
  const values = view.values ?? view.prep.answers.get(step.id);
  const common = {
    progress: stepProgress(view.index, ctx.steps.length, ctx.audience === 'leader')[locale],
    notices,
    stepId: step.id,
    version: view.prep.header.version,
    showBack: view.index > 0,
  };
  if (step.kind === 'questions') {
    const answers = values?.kind === 'questions' ? values.answers : {};
    return renderCard('prep-questions', {
      ...common,
      title: step.theme.title[locale],
      intro: step.theme.intro[locale],
      questions: questionInputs(step.theme.questions, answers, locale, true),
    }, locale);
  }
  const ratings = values?.kind === 'rating' ? values.ratings : {};
  return renderCard('prep-rating', {
    ...common,
    title: step.group.name[locale],
    intro: step.group.description[locale],
    scale: [
      ...scaleChoices(ctx.scale, locale),
      { title: ctx.scale.notRelevant[locale], value: 'na' },
    ],
    competences: step.group.competences.map((c) => {
      const desired = ctx.desired[c.id];
      const value = ratings[c.id];
      return {
        inputId: ratingInputId(c.id),
        detailsId: `details_${c.id}`,
        name: c.name[locale],
        short: c.short[locale],
        desired: desired === undefined ? '' : desiredLevelText(ratingLabel(desired, ctx.scale, locale))[locale],
        what: c.what[locale],
        why: c.why[locale],
        how: c.how[locale],
        value: value === undefined ? '' : String(value),
      };
    }),
  }, locale);
}

function summaryData(prep: Preparation, ctx: PreparationContext, locale: Locale, notices: string[]): CardData['prep-summary'] {
  const shared = new Set(prep.header.sharedSections ?? []);
  const sections = summarize(ctx.steps, prep.answers as ReadonlyMap<string, StepAnswer>, ctx.scale, locale, say(locale, 'prepNoAnswer'), prep.leaderRating?.ratings);
  const { sharedAt } = prep.header;
  return {
    intro: sharedAt ? summarySharedIntro(formatterFor(locale).dateTime(sharedAt))[locale] : say(locale, 'prepSummaryIntro'),
    notices,
    version: prep.header.version,
    sections: sections.map((s) => ({
      toggleId: `share_${s.id}`,
      title: s.title,
      shared: shared.has(s.id) ? 'true' : 'false',
      editStepId: ctx.steps.find((step) => sectionOf(step) === s.id)?.id ?? '',
      items: s.items,
    })),
  };
}

/** The shared sections of a preparation, in a language. */
function sharedSections(prep: Preparation, ctx: PreparationContext, sections: readonly string[], locale: Locale) {
  return summarize(ctx.steps, prep.answers, ctx.scale, locale, say(locale, 'prepNoAnswer'), prep.leaderRating?.ratings)
    .filter((s) => sections.includes(s.id))
    .map((s) => ({ title: s.title, items: s.items }));
}

/**
 * The employee's card of what their leader sees now (after sharing, or a click on an older card
 * once shared): when it was shared, exactly those sections, and the way back to change it.
 */
export function sharedWithLeaderCard(prep: Preparation, ctx: PreparationContext, locale: Locale, note = ''): AdaptiveCardJson {
  const mine = sharedSections(prep, ctx, prep.header.sharedSections ?? [], locale);
  const when = prep.header.sharedAt ? sharedWhen(formatterFor(locale).dateTime(prep.header.sharedAt))[locale] : '';
  return renderCard('prep-shared', {
    title: say(locale, 'prepSharedTitle'),
    intro: mine.length ? `${when} ${say(locale, 'prepSharedIntro')}`.trim() : say(locale, 'prepSharedNothing'),
    note, rateOwnerId: '', changeTitle: say(locale, 'prepChangeShared'), sections: mine,
  }, locale);
}

/** What the leader receives (and opens from `min afdeling`): exactly the shared sections. */
export function sharedPreparationCard(prep: Preparation, ctx: PreparationContext, sections: readonly string[], employeeName: string, ownerId: string, locale: Locale): AdaptiveCardJson {
  return renderCard('prep-shared', {
    title: sharedByText(employeeName)[locale], intro: say(locale, 'prepLeaderIntro'), note: '', rateOwnerId: ownerId, changeTitle: '',
    sections: sharedSections(prep, ctx, sections, locale),
  }, locale);
}

