import type { CardData, CardName } from '../src/bot/cards';

/**
 * Sample data for every card template, used by tests/unit/cards.test.ts to render each card in
 * both languages and check it against the Adaptive Cards schema and Teams' limits. Samples use
 * the longest realistic content.
 */
export const cardSamples: { [K in CardName]: CardData[K][] } = {
  welcome: [
    {
      greeting: 'Hej Mette-Marie Kristiansen-Østergaard!',
      roleSummary: 'Du er registreret som medarbejder i Hjemmeplejen Nord, leder af Hjemmeplejen Nord og HR-administrator.',
      commands: [
        { title: 'hjælp', description: 'Vis hvad jeg kan hjælpe dig med' },
        { title: 'dansk', description: 'Tal dansk med mig' },
        { title: 'english', description: 'Speak English with me' },
      ],
    },
  ],
  help: [{ commands: [{ title: 'hjælp', description: 'Vis hvad jeg kan hjælpe dig med' }] }],
  'team-welcome': [{}],
  'prep-questions': [
    {
      progress: 'Trin 1 af 9', title: 'Året, der gik', intro: 'Lad os se tilbage.', notices: ['"Hvad er du mest stolt af?" skal besvares.'],
      stepId: 'theme-looking-back', version: 3, showBack: false,
      questions: [
        { inputId: 'q_a', label: 'Hvad er du mest stolt af?', help: 'Tænk på en opgave.', kind: 'text', value: 'æ'.repeat(2000), maxLength: 2000, choices: [] },
        { inputId: 'q_b', label: 'Hvilken zone?', help: '', kind: 'choice', value: 'stretch', maxLength: 0, choices: [{ title: 'Strækzonen', value: 'stretch' }, { title: 'Komfortzonen', value: 'comfort' }] },
        { inputId: 'q_c', label: 'Læringsformer', help: '', kind: 'multi-choice', value: 'a,b', maxLength: 0, choices: [{ title: 'Sidemandsoplæring', value: 'a' }, { title: 'Kursus', value: 'b' }] },
      ],
    },
  ],
  'prep-rating': [
    {
      progress: 'Trin 4 af 9', title: 'Udvikling', intro: 'Kompetencer, der driver udvikling.', notices: [], stepId: 'rating-udvikling', version: 4, showBack: true,
      scale: [{ title: '1 – Ikke endnu', value: '1' }, { title: '5 – Kan lære andre', value: '5' }, { title: 'Ikke relevant', value: 'na' }],
      competences: [
        { inputId: 'r_x', detailsId: 'details_x', name: 'Forandringskompetence', short: 'Går konstruktivt ind i forandringer.', desired: 'Afdelingens ønskede niveau: 4 – Erfaren', what: 'Hvad.', why: 'Hvorfor.', how: 'Hvordan.', value: '3' },
        { inputId: 'r_y', detailsId: 'details_y', name: 'Innovationskompetence', short: 'Finder nye veje.', desired: '', what: 'Hvad.', why: 'Hvorfor.', how: 'Hvordan.', value: '' },
      ],
    },
  ],
  'prep-summary': [
    {
      notices: [], version: 9,
      sections: [{
        toggleId: 'share_competences', title: 'Mine kompetencer', shared: 'false', editTitle: 'Ret: Mine kompetencer', editStepId: 'rating-udvikling',
        items: [{ label: 'Forandringskompetence', value: '3 – Selvstændig' }],
      }],
    },
  ],
  'prep-resume': [{ title: 'Gemt', text: 'Dine svar er gemt.', buttonTitle: 'Fortsæt forberedelsen' }],
  'prep-shared': [
    { title: 'Mette Jensen har delt sin MUS-forberedelse med dig', intro: 'Kun det delte.', note: '', rateOwnerId: 'mette', sections: [{ title: 'Året, der gik', items: [{ label: 'Stolt af', value: 'Et godt år.' }] }] },
    { title: 'Delt med din leder', intro: 'Du har ikke delt noget.', note: 'Din leder har ikke Kompetencebot installeret endnu.', rateOwnerId: '', sections: [] },
  ],
  department: [
    {
      departments: [
        {
          id: 'hjemmeplejen-nord', deadline: '2027-03-01', name: 'Hjemmeplejen Nord', people: '12', prepared: '9', shared: '7',
          notPrepared: 'Ahmad Karimi, Karen Bach, Peter Larsen',
          sharedBy: [{ id: 'a', name: 'Mette Jensen' }, { id: 'b', name: 'Sofie Hansen' }],
        },
      ],
    },
  ],
  'round-start': [{ title: 'Start MUS-runde for Hjemmeplejen Nord', notices: ['Fristen skal ligge efter i dag.'], departmentId: 'hjemmeplejen-nord', deadline: '2027-03-01', includeSub: 'false' }],
  'round-result': [{ title: 'MUS-runden for Hjemmeplejen Nord er startet', deadline: '2027-03-01', invitedCount: '9', alreadyInvited: '0', unreachable: 'Ahmad Karimi, Karen Bach' }],
  'profile-edit': [
    {
      title: 'Kompetenceprofil for Hjemmeplejen Nord', notices: ['Profilen er gemt for i år.'], noticeStyle: 'good', departmentId: 'hjemmeplejen-nord',
      scale: [{ title: '1 – Ikke endnu', value: '1' }, { title: '5 – Kan lære andre', value: '5' }],
      groups: [{ name: 'Kultur', competences: [{ inputId: 'd_samarbejdskompetence', name: 'Samarbejdskompetence', value: '4' }, { inputId: 'd_x', name: 'X', value: '' }] }],
    },
  ],
  'leader-rating': [
    {
      title: 'Din vurdering af Mette Jensen', notices: [], noticeStyle: 'good', ownerId: 'mette',
      scale: [{ title: '1 – Ikke endnu', value: '1' }, { title: '5 – Kan lære andre', value: '5' }],
      groups: [{ name: 'Kultur', competences: [{ inputId: 'l_samarbejdskompetence', name: 'Samarbejdskompetence', selfRating: '3 – Selvstændig', value: '4' }] }],
    },
  ],
  notice: [
    { title: 'Noget skal rettes', lines: ['Svaret på "Hvad gik godt?" er for langt: højst 2.000 tegn.', 'x'.repeat(2000)] },
  ],
};
