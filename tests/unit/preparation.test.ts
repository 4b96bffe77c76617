import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDomainData } from '../../src/data/loadDomainData';
import {
  defaultQuestionSet,
  groupsWithCompetences,
  type DomainData,
  type Question,
  type RatingScale,
} from '../../src/domain/catalogue';
import type { LocalizedText } from '../../src/domain/i18n';
import {
  absoluteMaxTextLength,
  buildSteps,
  competencesSection,
  firstUnansweredIndex,
  parseStepInput,
  questionInputId,
  ratingInputId,
  ratingLabel,
  sectionIds,
  sectionOf,
  summarize,
  type PreparationStep,
  type QuestionStep,
  type RatingStep,
  type StepAnswer,
  type StepParse,
} from '../../src/domain/preparation';

// The shipped question bank and competence model (data/*.json), as an employee sees them in MUS.
let data: DomainData;
let scale: RatingScale;
let steps: PreparationStep[];

beforeAll(async () => {
  data = await loadDomainData();
  scale = data.competenceModel.scale;
  steps = buildSteps(
    defaultQuestionSet(data.questionBank, 'employee'),
    groupsWithCompetences(data.competenceModel, 'employee'),
  );
});

function questionStep(themeId: string): QuestionStep {
  const step = steps.find((candidate) => candidate.id === `theme-${themeId}`);
  if (!step || step.kind !== 'questions') throw new Error(`no question step for theme "${themeId}"`);
  return step;
}

function ratingStep(groupId: string): RatingStep {
  const step = steps.find((candidate) => candidate.id === `rating-${groupId}`);
  if (!step || step.kind !== 'rating') throw new Error(`no rating step for group "${groupId}"`);
  return step;
}

function questionIn(step: QuestionStep, questionId: string): Question {
  const question = step.theme.questions.find((candidate) => candidate.id === questionId);
  if (!question) throw new Error(`no question "${questionId}" in ${step.id}`);
  return question;
}

function choiceLabel(step: QuestionStep, questionId: string, choiceId: string): LocalizedText {
  const question = questionIn(step, questionId);
  if (question.kind === 'text') throw new Error(`"${questionId}" has no choices`);
  const choice = question.choices.find((candidate) => candidate.id === choiceId);
  if (!choice) throw new Error(`no choice "${choiceId}" in "${questionId}"`);
  return choice.label;
}

/** Parses in both modes: what the card's Next (strict) and Back / Save for later (lenient) see. */
function parseBoth(step: PreparationStep, input: Record<string, unknown>): { strict: StepParse; lenient: StepParse } {
  return { strict: parseStepInput(step, input, scale, true), lenient: parseStepInput(step, input, scale, false) };
}

function questionAnswers(parse: StepParse) {
  if (parse.answer.kind !== 'questions') throw new Error('expected a question answer');
  return parse.answer.answers;
}

function ratingsOf(parse: StepParse) {
  if (parse.answer.kind !== 'rating') throw new Error('expected a rating answer');
  return parse.answer.ratings;
}

function problemsOf(parse: StepParse): LocalizedText[] {
  return parse.ok ? [] : parse.problems;
}

describe('the steps of an employee MUS preparation', () => {
  it('when an employee prepares with the default set, then they get the six question themes and one rating step per competence group', () => {
    const themeSteps = steps.filter((step) => step.kind === 'questions');
    const ratingSteps = steps.filter((step): step is RatingStep => step.kind === 'rating');

    expect(themeSteps.map((step) => step.id)).toEqual([
      'theme-looking-back',
      'theme-tasks-wellbeing',
      'theme-collaboration-leadership',
      'theme-future-ambitions',
      'theme-learning-preferences',
      'theme-development-goals',
    ]);
    expect(ratingSteps.map((step) => step.id)).toEqual(['rating-udvikling', 'rating-kultur', 'rating-resultater']);
    expect(steps).toHaveLength(9);
  });

  it('when the self-rating comes, then it is after the year behind and right before "future-ambitions"', () => {
    expect(steps.map((step) => step.id)).toEqual([
      'theme-looking-back',
      'theme-tasks-wellbeing',
      'theme-collaboration-leadership',
      'rating-udvikling',
      'rating-kultur',
      'rating-resultater',
      'theme-future-ambitions',
      'theme-learning-preferences',
      'theme-development-goals',
    ]);
  });

  it('when the employee rates themselves, then they rate all 9 employee competences and no leader competence', () => {
    const rated = steps.flatMap((step) => (step.kind === 'rating' ? step.group.competences : []));
    expect(rated).toHaveLength(9);
    expect(rated.every((competence) => competence.audience === 'employee')).toBe(true);
    expect(new Set(rated.map((competence) => competence.id)).size).toBe(9);
  });

  it('when a question set has none of the future themes, then the rating steps come last', () => {
    const set = defaultQuestionSet(data.questionBank, 'employee').slice(0, 2);
    const groups = groupsWithCompetences(data.competenceModel, 'employee');
    expect(buildSteps(set, groups).map((step) => step.id)).toEqual([
      'theme-looking-back',
      'theme-tasks-wellbeing',
      'rating-udvikling',
      'rating-kultur',
      'rating-resultater',
    ]);
  });

  it('when sharing is chosen, then each theme is its own section and all ratings share one "competences" section', () => {
    expect(steps.filter((step) => step.kind === 'rating').map(sectionOf)).toEqual([
      competencesSection,
      competencesSection,
      competencesSection,
    ]);
    expect(competencesSection).toBe('competences');
    expect(sectionIds(steps)).toEqual([
      'theme-looking-back',
      'theme-tasks-wellbeing',
      'theme-collaboration-leadership',
      'competences',
      'theme-future-ambitions',
      'theme-learning-preferences',
      'theme-development-goals',
    ]);
  });
});

describe('where the preparation resumes', () => {
  it('when nothing is completed, then it starts at the first step', () => {
    expect(firstUnansweredIndex(steps, new Set())).toBe(0);
  });

  it('when a step in the middle is not completed but later ones are, then it resumes at that step', () => {
    const completed = new Set(steps.map((step) => step.id).filter((id) => id !== 'rating-kultur' && id !== 'theme-development-goals'));
    expect(steps[firstUnansweredIndex(steps, completed)]?.id).toBe('rating-kultur');
  });

  it('when only the first step is missing, then it resumes at the first step even though everything after is done', () => {
    const completed = new Set(steps.slice(1).map((step) => step.id));
    expect(firstUnansweredIndex(steps, completed)).toBe(0);
  });

  it('when every step is completed, then it returns steps.length (the summary comes next)', () => {
    const completed = new Set(steps.map((step) => step.id));
    expect(firstUnansweredIndex(steps, completed)).toBe(steps.length);
  });

  it('when completed ids belong to steps no longer in the plan, then they do not count', () => {
    expect(firstUnansweredIndex(steps, new Set(['theme-leadership-role', 'rating-old-group']))).toBe(0);
  });
});

describe('reading what a question card submitted', () => {
  it('when a required question is left empty, then Next refuses it and names the question, but Back / Save for later accept it', () => {
    const step = questionStep('looking-back');
    const { strict, lenient } = parseBoth(step, {});

    expect(strict.ok).toBe(false);
    expect(problemsOf(strict)).toEqual([
      {
        da: '"Hvad er du mest stolt af fra det seneste år?" skal besvares.',
        en: '"What are you most proud of from the past year?" needs an answer.',
      },
    ]);
    expect(lenient).toEqual({ ok: true, answer: { kind: 'questions', answers: {} } });
  });

  it('when a required answer is only spaces, then Next treats it as missing and nothing is stored', () => {
    const step = questionStep('looking-back');
    const { strict, lenient } = parseBoth(step, { [questionInputId('looking-back-proud')]: '   \n ' });
    expect(strict.ok).toBe(false);
    expect(problemsOf(strict)[0]?.en).toContain('needs an answer');
    expect(lenient.ok).toBe(true);
    expect(questionAnswers(lenient)).toEqual({});
  });

  it('when a required choice question is not picked, then Next refuses it', () => {
    const step = questionStep('tasks-wellbeing');
    const { strict, lenient } = parseBoth(step, {
      [questionInputId('tasks-energy')]: 'Borgermøderne',
      [questionInputId('tasks-workload')]: '',
    });
    expect(problemsOf(strict).map((problem) => problem.en)).toEqual([
      '"How do you find your workload at the moment?" needs an answer.',
    ]);
    expect(lenient.ok).toBe(true);
    expect(questionAnswers(lenient)).toEqual({ 'tasks-energy': 'Borgermøderne' });
  });

  it('when answers are filled in, then Next accepts them, trimmed, and leaves unanswered optional questions out', () => {
    const step = questionStep('looking-back');
    const { strict } = parseBoth(step, {
      [questionInputId('looking-back-proud')]: '  Det nye visitationsforløb  ',
      [questionInputId('looking-back-challenges')]: '',
      [questionInputId('looking-back-last-goals')]: null,
    });
    expect(strict).toEqual({
      ok: true,
      answer: { kind: 'questions', answers: { 'looking-back-proud': 'Det nye visitationsforløb' } },
    });
  });

  it('when a text is exactly 2,000 characters, then it is accepted whole', () => {
    const step = questionStep('looking-back');
    const text = 'a'.repeat(2000);
    const { strict } = parseBoth(step, { [questionInputId('looking-back-proud')]: text });
    expect(strict.ok).toBe(true);
    expect(questionAnswers(strict)['looking-back-proud']).toBe(text);
  });

  it('when a text is over 2,000 characters, then both modes refuse it in Danish and English naming the limit and saving nothing, and the whole text goes back to the card — never the first 2,000 as if that were the answer', () => {
    const step = questionStep('looking-back');
    const text = `${'a'.repeat(2000)}${'b'.repeat(500)}`;
    const { strict, lenient } = parseBoth(step, { [questionInputId('looking-back-proud')]: text });

    for (const parse of [strict, lenient]) {
      expect(parse.ok).toBe(false);
      expect(problemsOf(parse)).toEqual([
        {
          da: '"Hvad er du mest stolt af fra det seneste år?": højst 2.000 tegn, og du skrev 2.500. Intet fra dette trin er gemt: forkort svaret, så gemmer jeg det. Hele din tekst står stadig i feltet.',
          en: '"What are you most proud of from the past year?": at most 2,000 characters, and you wrote 2,500. Nothing from this step is saved: shorten the answer and I will save it. All of your text is still in the field.',
        },
      ]);
      expect(questionAnswers(parse)['looking-back-proud']).toBe(text);
    }
  });

  it('when a text is longer than a card can carry (20,000 characters), then the notice says the field shows only the first 10,000 and the rest is not saved', () => {
    const text = 'ø'.repeat(20_000);
    const { strict } = parseBoth(questionStep('looking-back'), { [questionInputId('looking-back-proud')]: text });
    expect(strict.ok).toBe(false);
    expect(problemsOf(strict)[0]!.da).toContain('højst 2.000 tegn, og du skrev 20.000');
    expect(problemsOf(strict)[0]!.da).toContain('feltet viser de første 10.000 tegn, og resten er ikke gemt');
    expect(problemsOf(strict)[0]!.en).toContain('the field shows the first 10,000 characters, and the rest is not saved');
    expect(questionAnswers(strict)['looking-back-proud']).toBe('ø'.repeat(10_000));
  });

  it('when a question has its own lower limit (1,000), then that limit is the one enforced and named', () => {
    const step = questionStep('development-goals');
    const { lenient } = parseBoth(step, { [questionInputId('goals-other-topics')]: 'x'.repeat(1001) });
    expect(lenient.ok).toBe(false);
    expect(problemsOf(lenient)[0]?.en).toContain('at most 1,000 characters, and you wrote 1,001');
    expect(problemsOf(lenient)[0]?.da).toContain('højst 1.000 tegn, og du skrev 1.001');
    expect(questionAnswers(lenient)['goals-other-topics']).toHaveLength(1001);
  });

  it.each([
    ['a number', 42],
    ['an object', { text: 'Stolt' }],
    ['a list', ['Stolt']],
    ['a boolean', true],
  ])('when a text answer arrives as %s instead of a string, then both modes refuse it and nothing is stored', (_what, value) => {
    const step = questionStep('looking-back');
    const { strict, lenient } = parseBoth(step, { [questionInputId('looking-back-proud')]: value });
    for (const parse of [strict, lenient]) {
      expect(parse.ok).toBe(false);
      expect(problemsOf(parse)).toEqual([
        {
          da: '"Hvad er du mest stolt af fra det seneste år?": svaret har en forkert form.',
          en: '"What are you most proud of from the past year?": the answer has the wrong form.',
        },
      ]);
      expect(questionAnswers(parse)).toEqual({});
    }
  });

  it('when a choice id is not one of the options, then both modes refuse it and nothing is stored', () => {
    const step = questionStep('tasks-wellbeing');
    const input = { [questionInputId('tasks-energy')]: 'Borgermøderne', [questionInputId('tasks-workload')]: 'way-too-much' };
    const { strict, lenient } = parseBoth(step, input);
    for (const parse of [strict, lenient]) {
      expect(parse.ok).toBe(false);
      expect(problemsOf(parse)).toEqual([
        {
          da: '"Hvordan oplever du din arbejdsmængde for tiden?": vælg blandt mulighederne.',
          en: '"How do you find your workload at the moment?": choose from the options.',
        },
      ]);
      expect(questionAnswers(parse)).toEqual({ 'tasks-energy': 'Borgermøderne' });
    }
  });

  it('when a multi-choice list holds one unknown id among known ones, then both modes refuse the whole answer', () => {
    const step = questionStep('future-ambitions');
    const { strict, lenient } = parseBoth(step, {
      [questionInputId('future-next-year')]: 'Mere ansvar',
      [questionInputId('future-direction')]: 'deeper,astronaut',
    });
    for (const parse of [strict, lenient]) {
      expect(parse.ok).toBe(false);
      expect(problemsOf(parse).map((problem) => problem.en)).toEqual([
        '"In which direction would you most like to develop?": choose from the options.',
      ]);
      expect(questionAnswers(parse)['future-direction']).toBeUndefined();
    }
  });

  it('when a single-choice question gets two ids, then both modes refuse it', () => {
    const step = questionStep('tasks-wellbeing');
    const { strict, lenient } = parseBoth(step, {
      [questionInputId('tasks-energy')]: 'Borgermøderne',
      [questionInputId('tasks-workload')]: 'too-little,too-much',
    });
    expect(strict.ok).toBe(false);
    expect(lenient.ok).toBe(false);
    expect(questionAnswers(lenient)['tasks-workload']).toBeUndefined();
  });

  it('when a single choice is picked, then it is stored as that one id', () => {
    const step = questionStep('tasks-wellbeing');
    const { strict } = parseBoth(step, {
      [questionInputId('tasks-energy')]: 'Borgermøderne',
      [questionInputId('tasks-workload')]: 'about-right',
    });
    expect(strict.ok).toBe(true);
    expect(questionAnswers(strict)['tasks-workload']).toBe('about-right');
  });

  it('when a multi-choice card submits "deeper,broader", then the answer is the list of both ids', () => {
    const step = questionStep('future-ambitions');
    const { strict, lenient } = parseBoth(step, {
      [questionInputId('future-next-year')]: 'Mere ansvar',
      [questionInputId('future-direction')]: 'deeper,broader',
    });
    expect(strict.ok).toBe(true);
    expect(questionAnswers(strict)['future-direction']).toEqual(['deeper', 'broader']);
    expect(questionAnswers(lenient)['future-direction']).toEqual(['deeper', 'broader']);
  });

  it('when a multi-choice list has spaces and empty entries, then they are ignored', () => {
    const step = questionStep('future-ambitions');
    const { lenient } = parseBoth(step, { [questionInputId('future-direction')]: ' deeper , ,broader, ' });
    expect(lenient.ok).toBe(true);
    expect(questionAnswers(lenient)['future-direction']).toEqual(['deeper', 'broader']);
  });

  it('when a multi-choice question allows at most 3 and 4 are picked, then both modes refuse it naming the limit', () => {
    const groupSteps = buildSteps(defaultQuestionSet(data.questionBank, 'group'), []);
    const step = groupSteps.find((candidate): candidate is QuestionStep => candidate.id === 'theme-team-goals');
    if (!step) throw new Error('the GRUS set has no team-goals theme');
    const input = { [questionInputId('team-priorities')]: 'professional,collaboration,new-ways,service' };
    for (const parse of Object.values(parseBoth(step, input))) {
      expect(parse.ok).toBe(false);
      expect(problemsOf(parse).map((problem) => problem.en)).toContain(
        `"${questionIn(step, 'team-priorities').text.en}": choose at most 3.`,
      );
      expect(questionAnswers(parse)['team-priorities']).toBeUndefined();
    }
    const three = parseStepInput(step, { [questionInputId('team-priorities')]: 'professional,collaboration,service' }, scale, false);
    expect(questionAnswers(three)['team-priorities']).toEqual(['professional', 'collaboration', 'service']);
  });

  it('when the card sends inputs for questions that are not in the step, then they are ignored', () => {
    const step = questionStep('looking-back');
    const { strict } = parseBoth(step, {
      [questionInputId('looking-back-proud')]: 'Stolt',
      [questionInputId('tasks-energy')]: 'Noget andet',
      action: 'next',
    });
    expect(strict).toEqual({ ok: true, answer: { kind: 'questions', answers: { 'looking-back-proud': 'Stolt' } } });
  });
});

describe('reading what a self-rating card submitted', () => {
  const allRated = (step: RatingStep, value: string) =>
    Object.fromEntries(step.group.competences.map((competence) => [ratingInputId(competence.id), value]));

  it('when a competence is not rated, then Next refuses it, pointing at "Ikke relevant", but Back / Save for later accept it', () => {
    const step = ratingStep('udvikling');
    const input = { [ratingInputId('forandringskompetence')]: '4', [ratingInputId('innovationskompetence')]: '3' };
    const { strict, lenient } = parseBoth(step, input);

    expect(strict.ok).toBe(false);
    expect(problemsOf(strict)).toEqual([
      {
        da: 'Lærings- og videndelingskompetence: vælg et niveau eller "Ikke relevant".',
        en: 'Learning and knowledge sharing: choose a level or "Not relevant".',
      },
    ]);
    expect(lenient).toEqual({
      ok: true,
      answer: { kind: 'rating', ratings: { forandringskompetence: 4, innovationskompetence: 3 } },
    });
  });

  it('when nothing is rated, then Next names every competence of the group', () => {
    const step = ratingStep('kultur');
    const { strict, lenient } = parseBoth(step, {});
    expect(problemsOf(strict)).toHaveLength(step.group.competences.length);
    expect(lenient.ok).toBe(true);
    expect(ratingsOf(lenient)).toEqual({});
  });

  it('when every competence is rated, then Next stores the levels as numbers', () => {
    const step = ratingStep('resultater');
    const { strict } = parseBoth(step, allRated(step, ' 5 '));
    expect(strict.ok).toBe(true);
    expect(ratingsOf(strict)).toEqual({ 'faglig-kompetence': 5, servicekompetence: 5, 'resultatskabende-kompetence': 5 });
  });

  it('when "na" is chosen, then it is kept as "na" and counts as rated', () => {
    const step = ratingStep('udvikling');
    const { strict } = parseBoth(step, { ...allRated(step, '2'), [ratingInputId('innovationskompetence')]: 'na' });
    expect(strict.ok).toBe(true);
    expect(ratingsOf(strict)).toEqual({
      forandringskompetence: 2,
      innovationskompetence: 'na',
      'laerings-og-videndelingskompetence': 2,
    });
  });

  it.each(['7', '0', 'abc', '-1', '2.5', 'NA'])(
    'when a rating of "%s" (outside the scale) arrives, then both modes refuse it and do not store it',
    (value) => {
      const step = ratingStep('udvikling');
      const { strict, lenient } = parseBoth(step, { ...allRated(step, '3'), [ratingInputId('forandringskompetence')]: value });
      for (const parse of [strict, lenient]) {
        expect(parse.ok).toBe(false);
        expect(problemsOf(parse)).toEqual([
          { da: 'Forandringskompetence: vælg et niveau på skalaen.', en: 'Adapting to change: choose a level on the scale.' },
        ]);
        expect(ratingsOf(parse)).toEqual({ innovationskompetence: 3, 'laerings-og-videndelingskompetence': 3 });
      }
    },
  );

  it.each([
    ['a number', 3],
    ['an object', { value: '3' }],
    ['a list', ['3']],
  ])('when a rating arrives as %s instead of a string, then both modes refuse it', (_what, value) => {
    const step = ratingStep('udvikling');
    const { strict, lenient } = parseBoth(step, { ...allRated(step, '3'), [ratingInputId('forandringskompetence')]: value });
    for (const parse of [strict, lenient]) {
      expect(parse.ok).toBe(false);
      expect(problemsOf(parse).map((problem) => problem.en)).toEqual(['Adapting to change: choose a level on the scale.']);
      expect(ratingsOf(parse)['forandringskompetence']).toBeUndefined();
    }
  });
});

describe('a rating in words', () => {
  it('when a level is shown, then it reads "4 – Erfaren" in Danish and "4 – Experienced" in English', () => {
    expect(ratingLabel(4, scale, 'da')).toBe('4 – Erfaren');
    expect(ratingLabel(4, scale, 'en')).toBe('4 – Experienced');
  });

  it('when "na" is shown, then it reads "Ikke relevant" / "Not relevant"', () => {
    expect(ratingLabel('na', scale, 'da')).toBe('Ikke relevant');
    expect(ratingLabel('na', scale, 'en')).toBe('Not relevant');
  });
});

describe('the summary the employee shares from', () => {
  function answersFor(): Map<string, StepAnswer> {
    return new Map<string, StepAnswer>([
      ['theme-looking-back', { kind: 'questions', answers: { 'looking-back-proud': 'Det nye visitationsforløb' } }],
      ['theme-tasks-wellbeing', { kind: 'questions', answers: { 'tasks-energy': 'Borgerkontakten', 'tasks-workload': 'too-much' } }],
      ['theme-future-ambitions', { kind: 'questions', answers: { 'future-direction': ['deeper', 'broader'] } }],
      ['rating-udvikling', { kind: 'rating', ratings: { forandringskompetence: 4, innovationskompetence: 'na' } }],
    ]);
  }

  it('when a choice was picked, then the summary shows its label in the chosen language, not its id', () => {
    const tasks = questionStep('tasks-wellbeing');
    const future = questionStep('future-ambitions');
    for (const locale of ['da', 'en'] as const) {
      const sections = summarize(steps, answersFor(), scale, locale, '–');
      const workload = sections.find((section) => section.id === 'theme-tasks-wellbeing')?.items[1];
      expect(workload).toEqual({
        label: questionIn(tasks, 'tasks-workload').text[locale],
        value: choiceLabel(tasks, 'tasks-workload', 'too-much')[locale],
      });
      const direction = sections.find((section) => section.id === 'theme-future-ambitions')?.items[0];
      expect(direction?.value).toBe(
        `${choiceLabel(future, 'future-direction', 'deeper')[locale]}, ${choiceLabel(future, 'future-direction', 'broader')[locale]}`,
      );
      expect(direction?.value).not.toBe('deeper, broader');
    }
    const da = summarize(steps, answersFor(), scale, 'da', '–');
    expect(da.find((section) => section.id === 'theme-tasks-wellbeing')?.items[1]?.value).toBe('For stor');
  });

  it('when questions were not answered, then the summary leaves them out', () => {
    const sections = summarize(steps, answersFor(), scale, 'en', 'Not answered');
    const lookingBack = sections.find((section) => section.id === 'theme-looking-back');
    expect(lookingBack).toEqual({
      id: 'theme-looking-back',
      title: 'Looking back on the year',
      items: [{ label: 'What are you most proud of from the past year?', value: 'Det nye visitationsforløb' }],
    });
    const themeValues = sections
      .filter((section) => section.id !== 'competences')
      .flatMap((section) => section.items.map((item) => item.value));
    expect(themeValues).not.toContain('Not answered');
    const goals = sections.find((section) => section.id === 'theme-development-goals');
    expect(goals?.items).toEqual([]);
  });

  it('when competences were not rated, then the summary shows the "not answered" text for them', () => {
    const sections = summarize(steps, answersFor(), scale, 'da', 'Ikke besvaret');
    const competences = sections.find((section) => section.id === 'competences');
    expect(competences?.items.slice(0, 3)).toEqual([
      { label: 'Forandringskompetence', value: '4 – Erfaren' },
      { label: 'Innovationskompetence', value: 'Ikke relevant' },
      { label: 'Lærings- og videndelingskompetence', value: 'Ikke besvaret' },
    ]);
    expect(competences?.items.slice(3).every((item) => item.value === 'Ikke besvaret')).toBe(true);
  });

  it('when the summary is made, then all 9 ratings are in one "competences" section, placed where the rating steps are', () => {
    for (const [locale, title] of [
      ['da', 'Mine kompetencer'],
      ['en', 'My competences'],
    ] as const) {
      const sections = summarize(steps, answersFor(), scale, locale, '-');
      expect(sections.map((section) => section.id)).toEqual(sectionIds(steps));
      const competences = sections.filter((section) => section.id === 'competences');
      expect(competences).toHaveLength(1);
      expect(competences[0]?.title).toBe(title);
      expect(competences[0]?.items).toHaveLength(9);
    }
  });

  it("when the leader has rated too, then the leader's rating is shown beside the employee's own", () => {
    const sections = summarize(steps, answersFor(), scale, 'en', 'Not answered', {
      forandringskompetence: 3,
      'laerings-og-videndelingskompetence': 'na',
    });
    const items = sections.find((section) => section.id === 'competences')?.items ?? [];
    expect(items[0]?.value).toBe('4 – Experienced · Leader: 3 – Independent');
    expect(items[1]?.value).toBe('Not relevant');
    expect(items[2]?.value).toBe('Not answered · Leader: Not relevant');
  });
});

describe('parseStepInput on any input a card could send', () => {
  it('when any record of values arrives, then it never throws, what it accepts is only valid answers to the step, and a text is accepted whole or refused — never cut', () => {
    const allSteps: PreparationStep[] = [
      ...steps,
      ...buildSteps(defaultQuestionSet(data.questionBank, 'leader'), groupsWithCompetences(data.competenceModel, 'leader')),
      ...buildSteps(defaultQuestionSet(data.questionBank, 'group'), []),
    ];
    const inputIds = allSteps.flatMap((step) =>
      step.kind === 'questions'
        ? step.theme.questions.map((question) => questionInputId(question.id))
        : step.group.competences.map((competence) => ratingInputId(competence.id)),
    );
    const choiceIds = [
      ...new Set(
        allSteps.flatMap((step) =>
          step.kind === 'questions' ? step.theme.questions.flatMap((q) => (q.kind === 'text' ? [] : q.choices.map((c) => c.id))) : [],
        ),
      ),
    ];
    const levels = scale.levels.map((level) => String(level.value));

    // Mostly strings, but biased towards the ids and values a real card sends, so that the valid
    // paths are exercised as often as the refusals.
    const key = fc.oneof(fc.constantFrom(...inputIds), fc.string());
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string()),
      fc.constantFrom(...levels, 'na', '0', '6'),
      fc.uniqueArray(fc.constantFrom(...choiceIds, 'unknown'), { maxLength: 4 }).map((ids) => ids.join(',')),
      fc.nat({ max: 2100 }).map((n) => 'x'.repeat(n)),
    );

    fc.assert(
      fc.property(fc.constantFrom(...allSteps), fc.dictionary(key, value), fc.boolean(), (step, input, strict) => {
        let parse: StepParse | undefined;
        expect(() => {
          parse = parseStepInput(step, input, scale, strict);
        }).not.toThrow();
        if (!parse) return;
        if (!parse.ok) expect(parse.problems.length).toBeGreaterThan(0);

        if (step.kind === 'questions') {
          expect(parse.answer.kind).toBe('questions');
          const answers = questionAnswers(parse);
          for (const [id, answer] of Object.entries(answers)) {
            const question = step.theme.questions.find((candidate) => candidate.id === id);
            expect(question, `answer for "${id}", which is not in ${step.id}`).toBeDefined();
            if (!question) continue;
            if (question.kind === 'text') {
              expect(typeof answer).toBe('string');
              expect((answer as string).length).toBeGreaterThan(0);
              const typed = String(input[questionInputId(id)]).trim();
              if (parse.ok) expect(answer).toBe(typed);
              if (parse.ok) expect((answer as string).length).toBeLessThanOrEqual(question.maxLength);
              // Refused: given back as typed, up to what a card can carry.
              else expect(answer).toBe([...typed].slice(0, absoluteMaxTextLength).join(''));
            } else {
              const known = question.choices.map((choice) => choice.id);
              if (question.kind === 'choice') {
                expect(known).toContain(answer);
              } else {
                expect(Array.isArray(answer)).toBe(true);
                const picked = answer as string[];
                expect(picked.length).toBeGreaterThan(0);
                for (const choice of picked) expect(known).toContain(choice);
                if (question.maxChoices) expect(picked.length).toBeLessThanOrEqual(question.maxChoices);
              }
            }
          }
          if (parse.ok && strict)
            for (const question of step.theme.questions.filter((q) => q.required)) expect(answers[question.id]).toBeDefined();
        } else {
          expect(parse.answer.kind).toBe('rating');
          const ratings = ratingsOf(parse);
          const valid = scale.levels.map((level) => level.value);
          for (const [id, rating] of Object.entries(ratings)) {
            expect(step.group.competences.map((competence) => competence.id)).toContain(id);
            if (rating !== 'na') expect(valid).toContain(rating);
          }
          if (parse.ok && strict) expect(Object.keys(ratings).sort()).toEqual(step.group.competences.map((c) => c.id).sort());
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('answers as a person means them', () => {
  it('when a multi-choice answer repeats a choice, then it is kept once and does not count twice against the limit', async () => {
    const data = await loadDomainData();
    const steps = buildSteps(defaultQuestionSet(data.questionBank, 'employee'), groupsWithCompetences(data.competenceModel, 'employee'));
    const future = steps.find((s) => s.id === 'theme-future-ambitions')!;
    const parsed = parseStepInput(future, { 'q_future-direction': 'deeper,deeper' }, data.competenceModel.scale, false);
    expect(parsed.ok && parsed.answer.kind === 'questions' ? parsed.answer.answers['future-direction'] : undefined).toEqual(['deeper']);

    const group = buildSteps(defaultQuestionSet(data.questionBank, 'group'), []).find((s) => s.kind === 'questions' && s.theme.questions.some((q) => q.id === 'team-priorities'))!;
    const firstChoice = group.kind === 'questions' ? group.theme.questions.find((q) => q.id === 'team-priorities') : undefined;
    const id = firstChoice && firstChoice.kind !== 'text' ? firstChoice.choices[0]!.id : '';
    expect(parseStepInput(group, { 'q_team-priorities': `${id},${id},${id},${id}` }, data.competenceModel.scale, false).ok).toBe(true);
  });

  it('when an answer holds emoji, then each counts as one character and none is cut in half', async () => {
    const data = await loadDomainData();
    const steps = buildSteps(defaultQuestionSet(data.questionBank, 'employee'), groupsWithCompetences(data.competenceModel, 'employee'));
    const first = steps[0]!;
    const question = first.kind === 'questions' ? first.theme.questions.find((q) => q.kind === 'text')! : undefined;
    expect(parseStepInput(first, { [`q_${question!.id}`]: '🎉'.repeat(1500) }, data.competenceModel.scale, false).ok).toBe(true);
    const tooLong = parseStepInput(first, { [`q_${question!.id}`]: '🎉'.repeat(2001) }, data.competenceModel.scale, false);
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok && tooLong.answer.kind === 'questions') {
      expect(tooLong.problems[0]!.en).toContain('you wrote 2,001');
      expect(String(tooLong.answer.answers[question!.id])).toBe('🎉'.repeat(2001));
    }
  });
});
