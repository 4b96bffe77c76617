import type { CardData, CardName } from '../src/bot/cards';

const auditKindChoices = [
  { title: 'Alle slags', value: 'all' }, { title: 'Delte MUS-forberedelser', value: 'shared-preparation' }, { title: 'Udviklingsplaner', value: 'plan' },
  { title: 'Vurderinger', value: 'leader-rating' }, { title: 'Afdelingens oversigt', value: 'department-status' }, { title: 'Sletninger', value: 'erasure' },
];

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
  help: [
    { notices: [], commands: [{ title: 'hjælp', description: 'Vis hvad jeg kan hjælpe dig med' }] },
    { notices: ['Det kort virker ikke længere: det hører til en ældre udgave af mig.'], commands: [{ title: 'forbered MUS', description: 'Forbered din medarbejderudviklingssamtale' }] },
  ],
  'team-welcome': [{}],
  'prep-questions': [
    {
      progress: 'Trin 1 af 9', title: 'Året, der gik', intro: 'Lad os se tilbage.', notices: ['"Hvad er du mest stolt af?" skal besvares.'],
      stepId: 'theme-looking-back', version: 3, showBack: false,
      questions: [
        { inputId: 'q_a', label: 'Hvad er du mest stolt af?', help: 'Tænk på en opgave. Højst 2.000 tegn.', kind: 'text', value: 'æ'.repeat(2000), choices: [] },
        { inputId: 'q_b', label: 'Hvilken zone?', help: '', kind: 'choice', value: 'stretch', choices: [{ title: 'Strækzonen', value: 'stretch' }, { title: 'Komfortzonen', value: 'comfort' }] },
        { inputId: 'q_c', label: 'Læringsformer', help: '', kind: 'multi-choice', value: 'a,b', choices: [{ title: 'Sidemandsoplæring', value: 'a' }, { title: 'Kursus', value: 'b' }] },
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
      intro: 'Du delte det valgte med din leder 7.\u00a0december 2026 kl. 10.15. Ret valgene, og tryk "Del det valgte med min leder" igen for at ændre, hvad din leder ser.', notices: [], version: 9,
      sections: [{
        toggleId: 'share_competences', title: 'Mine kompetencer', shared: 'false', editStepId: 'rating-udvikling',
        items: [{ label: 'Forandringskompetence', value: '3 – Selvstændig' }],
      }, {
        // A theme with nothing answered: nothing to share.
        toggleId: 'share_theme-learning-preferences', title: 'Sådan lærer du bedst', shared: 'false', editStepId: 'theme-learning-preferences', items: [],
      }],
    },
  ],
  'prep-resume': [
    { title: 'Gemt', text: 'Dine svar er gemt.', buttonTitle: 'Fortsæt forberedelsen', facts: [] },
    {
      title: 'Tid til at forberede din MUS', text: 'Lars Nielsen har startet MUS-runden og beder dig forberede dig senest 1.\u00a0marts 2027.', buttonTitle: 'Start forberedelsen',
      facts: [{ title: 'Frist for forberedelsen', value: '1.\u00a0marts 2027' }, { title: 'Tid', value: 'omkring 15 minutter (9 trin)' }],
    },
  ],
  'prep-shared': [
    { title: 'Mette Jensen har delt sin MUS-forberedelse med dig', intro: 'Kun det delte.', note: '', rateOwnerId: 'mette', changeTitle: '', sections: [{ title: 'Året, der gik', items: [{ label: 'Stolt af', value: 'Et godt år.' }] }] },
    { title: 'Delt med din leder', intro: 'Du har ikke delt noget.', note: 'Din leder har ikke Kompetencebot installeret endnu.', rateOwnerId: '', changeTitle: 'Ret, hvad der er delt', sections: [] },
  ],
  department: [
    {
      departments: [
        {
          id: 'hjemmeplejen-nord', deadline: '1.\u00a0marts 2027', name: 'Hjemmeplejen Nord', people: '12', invited: '12', prepared: '9', shared: '7', plansApproved: '3', nudgeTitle: 'Send en påmindelse til de 3, der mangler', delivery: '9 leveret · 2 på vej · 1 kunne ikke leveres',
          notPrepared: 'Ahmad Karimi, Karen Bach, Peter Larsen',
          undelivered: 'Ahmad Karimi (appen er blokeret af en Teams-politik), Karen Bach (har ingen Teams-licens)',
          sharedBy: [{ id: 'a', name: 'Mette Jensen' }, { id: 'b', name: 'Sofie Hansen' }],
        },
      ],
      // A large department: everyone is in the "development plan of …" list.
      planPeople: Array.from({ length: 300 }, (_, i) => ({ title: `Medarbejder Østergaard-Kristiansen ${i}`, value: `0d1e2f30-0000-4000-8000-${String(i).padStart(12, '0')}` })),
    },
    {
      departments: [{ id: 'tom', deadline: '', name: 'Tom afdeling', people: '0', invited: '0', prepared: '0', shared: '0', plansApproved: '0', notPrepared: '', nudgeTitle: '', delivery: '', undelivered: '', sharedBy: [] }],
      planPeople: [],
    },
  ],
  'round-start': [{ title: 'Start MUS-runde for Hjemmeplejen Nord', notices: ['Fristen skal ligge efter i dag.'], departmentId: 'hjemmeplejen-nord', deadline: '2027-03-01', includeSub: 'false' }],
  'round-result': [
    {
      title: 'MUS-runden for Hjemmeplejen Nord er startet', deadline: '1.\u00a0marts 2027', invitedCount: '9', alreadyInvited: '0',
      installing: '7 har ikke åbnet Kompetencebot endnu: jeg installerer appen for dem i Teams og sender invitationen bagefter.',
      unreachable: 'Ahmad Karimi (appen er blokeret af en Teams-politik), Karen Bach (kontoen er deaktiveret)', unreachableHelp: 'Det kan IT løse.',
    },
    { title: 'MUS-runden for Hjemmeplejen Nord er startet', deadline: '1.\u00a0marts 2027', invitedCount: '9', alreadyInvited: '0', installing: '', unreachable: '', unreachableHelp: '' },
  ],
  'profile-edit': [
    {
      title: 'Kompetenceprofil for Hjemmeplejen Nord', subtitle: 'Social- og sundhedsassistent', notices: ['Profilen er gemt for i år.'], noticeStyle: 'good',
      departmentId: 'hjemmeplejen-nord', jobGroup: 'Social- og sundhedsassistent',
      jobGroups: [{ title: 'Hele afdelingen', jobGroup: '' }, { title: 'Social- og sundhedshjælper', jobGroup: 'Social- og sundhedshjælper' }, { title: 'Sygeplejerske', jobGroup: 'Sygeplejerske' }],
      scale: [{ title: '1 – Ikke endnu', value: '1' }, { title: '5 – Kan lære andre', value: '5' }],
      groups: [{ name: 'Kultur', competences: [
        { inputId: 'd_samarbejdskompetence', name: 'Samarbejdskompetence', value: '4', placeholder: 'Afdelingens ønskede niveau: 3 – Selvstændig' },
        { inputId: 'd_x', name: 'X', value: '', placeholder: 'Intet ønsket niveau' },
      ] }],
      showOwn: false, own: [], groupChoices: [], newCompetence: { name: '', short: '', group: '' },
    },
    {
      title: 'Kompetenceprofil for Hjemmeplejen Nord', subtitle: 'Hele afdelingen', notices: ['Navnet må højst have 60 tegn.'], noticeStyle: 'warning',
      departmentId: 'hjemmeplejen-nord', jobGroup: '', jobGroups: [],
      scale: [{ title: '1 – Ikke endnu', value: '1' }],
      groups: [{ name: 'Resultater', competences: [{ inputId: 'd_faglig-1', name: 'Sårpleje', value: '', placeholder: 'Intet ønsket niveau' }] }],
      showOwn: true,
      own: Array.from({ length: 10 }, (_, i) => ({ id: `faglig-${i}`, name: 'æ'.repeat(60), short: 'ø'.repeat(140) })),
      groupChoices: [{ title: 'Udvikling', value: 'udvikling' }, { title: 'Resultater', value: 'resultater' }],
      newCompetence: { name: 'Sårpleje og forebyggelse af tryksår hos borgere i eget hjem med lang', short: 'x', group: 'resultater' },
    },
  ],
  'leader-rating': [
    {
      title: 'Din vurdering af Mette Jensen', notices: [], noticeStyle: 'good', ownerId: 'mette',
      scale: [{ title: '1 – Ikke endnu', value: '1' }, { title: '5 – Kan lære andre', value: '5' }],
      groups: [{ name: 'Kultur', competences: [{ inputId: 'l_samarbejdskompetence', name: 'Samarbejdskompetence', selfRating: '3 – Selvstændig', value: '4' }] }],
    },
  ],
  plan: [
    {
      title: 'Udviklingsplan for Mette-Marie Kristiansen-Østergaard – 2026', status: 'Ændret efter godkendelsen af version 2 – skal godkendes af begge igen', statusColor: 'Warning',
      approvals: 'Godkendt: Lars Nielsen (23. nov. 2026)', notices: ['Planen var ændret i mellemtiden. Her er den, som den er nu.'], noticeColor: 'Attention',
      ownerId: 'mette', cycle: '2026', revision: 41, canApprove: true, history: 'Godkendte versioner: 1 (1. mar. 2026), 2 (3. apr. 2026)',
      // The largest plan the limits allow: 6 goals of 4 actions, every text at its maximum.
      goals: Array.from({ length: 6 }, (_, g) => ({
        id: `g${g}`, heading: `Mål ${g + 1}: Læring og videndeling`, goal: 'æ'.repeat(300), evaluation: 'ø'.repeat(300),
        actions: Array.from({ length: 4 }, (_, a) => ({
          id: `a${g}${a}`, goalId: `g${g}`, title: 'Besøg på andre arbejdspladser (i hverdagen)', note: 'å'.repeat(300), period: '1.\u00a0marts 2026 – 30.\u00a0juni 2026',
          responsible: 'Ansvarlig: Begge', effect: `Evaluering: Rigtig godt – ${'é'.repeat(500)}`, canEvaluate: true,
        })),
      })),
    },
    {
      title: 'Udviklingsplan for Mette – 2026', status: 'Kladde – ikke godkendt endnu', statusColor: 'Default', approvals: '', notices: [], noticeColor: 'Good',
      ownerId: 'mette', cycle: '2026', revision: 0, canApprove: false, history: '', goals: [],
    },
  ],
  'plan-form': [
    {
      title: 'Nyt udviklingsmål for Mette', subtitle: '', notices: ['Vælg en slutdato.'], ownerId: 'mette', cycle: '2026', revision: 3, goalId: '', saveVerb: 'plan.saveGoal',
      competences: [{ title: 'Udvikling – Forandringskompetence', value: 'forandringskompetence' }],
      activities: [{ title: 'Sidemandsoplæring (i hverdagen)', value: 'sidemandsoplaering' }],
      responsibleChoices: [{ title: 'Medarbejderen', value: 'employee' }, { title: 'Begge', value: 'both' }],
      limits: { goal: 300, evaluation: 300, note: 300 },
      values: { competence: 'forandringskompetence', goal: 'æ'.repeat(300), evaluation: 'ø'.repeat(300), activity: 'sidemandsoplaering', note: 'å'.repeat(300), start: '2026-03-01', end: '', responsible: 'both' },
    },
    {
      title: 'Ny handling til målet "Blive tryg ved forandringer"', subtitle: '', notices: [], ownerId: 'mette', cycle: '2026', revision: 3, goalId: 'g1', saveVerb: 'plan.saveAction',
      competences: [], activities: [{ title: 'Interne kurser (kursus)', value: 'interne-kurser' }], responsibleChoices: [{ title: 'Lederen', value: 'leader' }],
      limits: { goal: 300, evaluation: 300, note: 300 },
      values: { competence: '', goal: '', evaluation: '', activity: '', note: '', start: '', end: '', responsible: '' },
    },
  ],
  'plan-effect': [
    {
      title: 'Hvordan gik det med Sidemandsoplæring?', intro: 'Målet var: "…" (1.\u00a0marts 2026 – 30.\u00a0juni 2026).', notices: ['Vælg hvordan det gik.'], ownerId: 'mette', cycle: '2026', actionId: 'a1', maxLength: 500,
      outcomes: [{ title: 'Rigtig godt', value: 'very-well' }, { title: 'Ikke godt', value: 'not' }],
      values: { outcome: '', use: 'ü'.repeat(500), next: 'n'.repeat(500) },
    },
  ],
  'question-set': [
    {
      title: 'MUS-spørgsmål for Hjemmeplejen Nord', isDefault: false, noticeStyle: 'warning',
      notices: [
        'Kortet nævner spørgsmål, som ikke længere er i spørgsmålsbanken. Se valgene igennem og gem igen.',
        ...[1, 2, 3].map((slot) => `Eget spørgsmål ${slot} må højst have 300 tegn.`),
      ], departmentId: 'hjemmeplejen-nord', maxLength: 300,
      themes: Array.from({ length: 6 }, (_, t) => ({
        title: `Tema ${t + 1}: Samarbejde og ledelse`,
        questions: Array.from({ length: 5 }, (_, q) => ({ inputId: `qs_q${t}${q}`, text: 'Hvordan oplever du samarbejdet med dine kolleger i det daglige, og hvad kunne gøre det bedre?', value: q % 2 ? 'true' as const : 'false' as const })),
      })),
      own: Array.from({ length: 3 }, (_, i) => ({ inputId: `own_${i + 1}`, label: `Eget spørgsmål ${i + 1}`, value: 'ø'.repeat(300) })),
    },
    {
      title: 'MUS-spørgsmål for Borgerservice', isDefault: false, noticeStyle: 'warning',
      notices: ['12 af jeres valgte spørgsmål er ikke længere i spørgsmålsbanken og stilles ikke. Gem for at rydde op.'], departmentId: 'borgerservice', maxLength: 300,
      themes: [{ title: 'Året, der gik', questions: [{ inputId: 'qs_a', text: 'Hvad er du mest stolt af?', value: 'true' }] }],
      own: [{ inputId: 'own_1', label: 'Eget spørgsmål 1', value: '' }],
    },
    {
      title: 'MUS-spørgsmål for Borgerservice', isDefault: true, notices: [], noticeStyle: 'good', departmentId: 'borgerservice', maxLength: 300,
      themes: [{ title: 'Året, der gik', questions: [{ inputId: 'qs_a', text: 'Hvad er du mest stolt af?', value: 'true' }] }],
      own: [{ inputId: 'own_1', label: 'Eget spørgsmål 1', value: '' }],
    },
  ],
  'your-year': [
    {
      title: 'Dit år – Hjemmeplejen Nord', departmentId: 'hjemmeplejen-nord',
      overdue: [
        { name: 'Gennemgang af kompetenceprofilen', date: '15.\u00a0januar 2026', when: 'for 312 dage siden', message: 'Gennemgå afdelingens kompetenceprofil. '.repeat(8), buttonTitle: 'Kompetenceprofil', verb: 'profile.open' },
        { name: 'MUS-sæsonen åbner', date: '1.\u00a0februar 2026', when: 'for 295 dage siden', message: 'Start MUS-runden.', buttonTitle: 'Start MUS-runde', verb: 'round.form' },
      ],
      next: Array.from({ length: 3 }, () => ({ name: 'Lederforum evaluerer strategien', date: '1.\u00a0december 2026', when: 'om 8 dage', message: 'Lederforum evaluerer og reviderer strategien. '.repeat(8) })),
    },
    { title: 'Your year – Borgerservice', departmentId: 'borgerservice', overdue: [], next: [] },
  ],
  'aarshjul-edit': [
    {
      title: 'Årshjulet – Hjemmeplejen Nord', notices: ['Gennemgang af kompetenceprofilen: varslet skal være 0–90 dage.'], noticeStyle: 'warning', departmentId: 'hjemmeplejen-nord', maxLead: 90,
      scope: 'hjemmeplejen-nord',
      scopes: [{ title: 'Hele kommunen', value: 'municipality' }, ...Array.from({ length: 80 }, (_, i) => ({ title: `Afdeling nummer ${i} med et langt navn`, value: `afdeling-${i}` }))],
      rows: Array.from({ length: 12 }, (_, i) => ({
        name: 'MED-udvalgets årlige drøftelse af kompetenceudvikling', details: 'Til: ledere, medarbejdere, HR, MED-udvalg',
        recurs: i % 3 ? '' : 'Gentages hver 6. måned fra 15.\u00a0oktober 2026', dateInputId: `date_m${i}`, date: '2026-10-15', leadInputId: `lead_m${i}`, lead: 14, activeInputId: `on_m${i}`, active: i % 2 ? 'true' as const : 'false' as const,
      })),
    },
  ],
  'gap-summary': [
    {
      title: 'Kompetencegab – Hjemmeplejen Nord (2026)', status: 'Tal fra 3. marts 2026 kl. 07.00 · 12 har vurderet sig selv', empty: '',
      notShown: 'Ingen tal endnu for: Innovationskompetence, Afdelingens egen faglige kompetence nummer 7 med et langt navn.',
      why: 'Tallene skifter først, når mindst 5 har vurderet sig selv eller ændret deres vurdering siden – så kan ingens svar aflæses som forskellen mellem to visninger.',
      departmentId: 'hjemmeplejen-nord', exportable: true,
      postingId: 'p1', votes: Array.from({ length: 3 }, (_, i) => ({ competenceId: `c${i}`, label: 'Forandringskompetence – 12 stemmer' })),
      channels: Array.from({ length: 30 }, (_, i) => ({ title: `Hjemmeplejen Nord – Kompetenceudvikling ${i}`, value: `19:channel${i}@thread.tacv2` })),
      chart: {
        levels: 5,
        now: Array.from({ length: 12 }, (_, i) => ({ x: `Afdelingens egen faglige kompetence nummer ${i} med et langt navn`, y: 3.4 })),
        wish: Array.from({ length: 12 }, (_, i) => ({ x: `Afdelingens egen faglige kompetence nummer ${i} med et langt navn`, y: 4 })),
      },
      bars: Array.from({ length: 12 }, (_, i) => ({
        name: `Afdelingens egen faglige kompetence nummer ${i} med et langt navn`, now: '3,4', nowWeight: 68, nowRest: 32, wish: i % 2 ? '5' : '', wishWeight: i % 2 ? 100 : 0, wishRest: 0,
      })),
      lines: Array.from({ length: 19 }, (_, i) => ({
        name: `Afdelingens egen faglige kompetence nummer ${i} med et langt navn`,
        figures: 'Nu 3,4 · Ønsket 4 · Gab 0,6', details: `siden sidste år +0,3 · lederens vurdering 3,1 · fordeling 1: 0 · 2: 2 · 3: 5 · 4: 4 · 5: 1${i % 3 ? '' : ' · tal fra 1. marts 2026 kl. 07.00'}`,
      })),
      largest: Array.from({ length: 3 }, () => ({ name: 'Forandringskompetence', gap: '1,2', activities: 'Sidemandsoplæring, Jobrotation/jobbytte, Deltagelse i projekter og særlige opgaver' })),
    },
    {
      title: 'Kompetencegab – Borgerservice (2026)', status: 'Tal fra 3. marts 2026 kl. 07.00 · 2 har vurderet sig selv',
      empty: 'Ingen tal endnu: 2 har vurderet sig selv, og der skal mindst 5 til, før tal kan vises uden at pege på nogen.', notShown: '', why: '',
      departmentId: 'borgerservice', exportable: false, postingId: '', votes: [], channels: [], chart: { levels: 5, now: [], wish: [] }, bars: [], lines: [], largest: [],
    },
  ],
  area: [
    {
      title: 'Mit område',
      areas: [
        { heading: 'Hovedudvalget – Hele kommunen', line: '1.234 har vurderet sig selv', departmentId: '*' },
        { heading: 'MED-udvalget for Social og Sundhed', line: '14 har vurderet sig selv · største gab: Forandringskompetence (1,2)', departmentId: 'social-sundhed' },
        { heading: 'Tillidsrepræsentant for Hjemmeplejen Nord', line: '', departmentId: 'hjemmeplejen-nord' },
      ],
      plans: Array.from({ length: 40 }, (_, i) => `Afdeling nummer ${i} med et langt navn: version 2, godkendt 3. maj 2026`),
      departments: [{ title: 'Hele kommunen', value: '*' }, ...Array.from({ length: 250 }, (_, i) => ({ title: `Afdeling nummer ${i} med et langt navn`, value: `afdeling-${i}` }))],
    },
    { title: 'My area', areas: [{ heading: 'Tillidsrepræsentant for Hjemmeplejen Nord', line: '', departmentId: 'hjemmeplejen-nord' }], plans: [], departments: [{ title: 'Hjemmeplejen Nord', value: 'hjemmeplejen-nord' }] },
  ],
  municipality: [
    {
      title: 'Hele kommunen – kompetencegab 2026', status: 'Tal fra 3. marts 2026 kl. 07.00 · 12.345 har vurderet sig selv', exportable: true,
      reach: 'Kompetencebot kan ikke nå 312 personer i Teams – 200: har ingen Teams-licens · 100: appen er blokeret af en Teams-politik · 12: kontoen er deaktiveret',
      departments: Array.from({ length: 150 }, (_, i) => ({ name: `Afdeling ${i} med et langt navn i forvaltningen`, line: '123 har vurderet sig selv · største gab: Lærings- og videndelingskompetence 1,4' })),
    },
  ],
  'grus-start': [
    {
      title: 'Start en GRUS – Hjemmeplejen Nord', notices: ['Teamet har 3 deltagere, jeg kender. Der skal mindst være 5, før et samlet resultat kan vises uden at pege på nogen.'],
      departmentId: 'hjemmeplejen-nord', channelId: '', deadline: '2026-12-15',
      channels: Array.from({ length: 30 }, (_, i) => ({ title: `Hjemmeplejen Nord – Kompetenceudvikling ${i}`, value: `19:channel${i}@thread.tacv2` })),
    },
    { title: 'Start a group conversation – Home care North', notices: [], departmentId: 'hjemmeplejen-nord', channelId: '', deadline: '', channels: [] },
  ],
  'grus-questions': [
    {
      title: 'GRUS i Hjemmeplejen Nord – Kompetenceudvikling', intro: 'Lars Nielsen har startet en gruppeudviklingssamtale. Svar inden 15.\u00a0december 2026.',
      notices: ['"Hvordan fungerer samarbejdet i teamet?" skal besvares.'], noticeStyle: 'warning', grusId: 'g1', open: true,
      themes: Array.from({ length: 3 }, (_, t) => ({
        title: `Tema ${t}`, intro: 'I svarer hver for sig, og teamet ser kun resultatet samlet og uden navne.',
        questions: [
          { inputId: `q_a${t}`, label: 'Hvad er teamet særligt godt til sammen?', help: 'Højst 500 tegn.', kind: 'text' as const, value: 'æ'.repeat(500), choices: [] },
          { inputId: `q_b${t}`, label: 'Hvordan fungerer samarbejdet?', help: '', kind: 'choice' as const, value: 'well', choices: [{ title: 'Rigtig godt', value: 'very-well' }, { title: 'Godt', value: 'well' }, { title: 'Både og', value: 'mixed' }, { title: 'Dårligt', value: 'poorly' }] },
          { inputId: `q_c${t}`, label: 'Hvilke udviklingsområder?', help: 'Vælg op til tre.', kind: 'multi-choice' as const, value: 'a,b', choices: Array.from({ length: 8 }, (_, i) => ({ title: `Område ${i}`, value: String.fromCharCode(97 + i) })) },
        ],
      })),
    },
    { title: 'Group conversation in Team', intro: 'Closed.', notices: ['The result has already been shared.'], noticeStyle: 'good', grusId: 'g2', open: false, themes: [] },
  ],
  'grus-status': [
    {
      title: 'Dine gruppeudviklingssamtaler (GRUS)', departmentId: 'hjemmeplejen-nord',
      items: Array.from({ length: 10 }, (_, i) => ({ grusId: `g${i}`, team: `Hjemmeplejen Nord – Kompetenceudvikling ${i}`, line: '4 af 12 har svaret · svarfrist 15.\u00a0december 2026. Resultatet kan deles, når mindst 5 har svaret.', canPost: i % 2 === 0, canPlan: i % 2 === 1 })),
    },
    { title: 'Your group conversations (GRUS)', departmentId: '', items: [] },
  ],
  'grus-result': [
    {
      title: 'GRUS – Hjemmeplejen Nord (2026)', subtitle: '12 har svaret', hiddenText: 'For få svar til at vise tal (under 5).',
      themes: Array.from({ length: 2 }, () => ({
        title: 'Samarbejdet i teamet',
        questions: [
          { text: 'Hvordan fungerer samarbejdet i teamet?', hidden: false, chart: ['Rigtig godt', 'Godt', 'Både og', 'Dårligt'].map((x) => ({ x, y: 6 })), lines: ['Rigtig godt', 'Godt', 'Både og', 'Dårligt'].map((l) => ({ text: `${l.padEnd(12)} ■■■■■■ 6` })) },
          { text: 'Hvad er teamet særligt godt til sammen?', hidden: false, chart: [], lines: Array.from({ length: 30 }, () => ({ text: `• ${'ø'.repeat(500)}` })) },
          { text: 'Hvilket fælles mål vil du foreslå?', hidden: true, chart: [], lines: [] },
        ],
      })),
    },
  ],
  'action-plan-form': [
    {
      title: 'Handlingsplan – Hjemmeplejen Nord (2026)', subtitle: 'Kladde – ændret efter version 2, skal godkendes igen.', notices: ['Punkt 2: vælg en aktivitet fra listen.'], noticeStyle: 'warning',
      subjectId: 'hjemmeplejen-nord', etag: 'W/"datetime\'2026-11-23T10%3A00%3A00.0000000Z\'"',
      suggestions: Array.from({ length: 6 }, () => 'Lærings- og videndelingskompetence: gab 1,4 · 12 stemmer · 3 mål i udviklingsplaner'),
      goalMax: 300, ownerMax: 100,
      competences: Array.from({ length: 25 }, (_, i) => ({ title: `Afdelingens egen faglige kompetence nummer ${i}`, value: `c${i}` })),
      activities: Array.from({ length: 20 }, (_, i) => ({ title: `Deltagelse i projekter og særlige opgaver ${i}`, value: `a${i}` })),
      slots: Array.from({ length: 6 }, (_, i) => ({
        heading: `Punkt ${i + 1}`,
        ids: { goal: `goal_${i}`, competenceId: `competence_${i}`, activityId: `activity_${i}`, owner: `owner_${i}`, due: `due_${i}` },
        values: { goal: 'æ'.repeat(300), competenceId: 'c1', activityId: 'a2', owner: 'ø'.repeat(100), due: '2027-06-30' },
      })),
      channels: Array.from({ length: 30 }, (_, i) => ({ title: `Hjemmeplejen Nord – Kompetenceudvikling ${i}`, value: `19:channel${i}@thread.tacv2` })), channelId: '',
      buttons: [{ title: 'Gem kladde', verb: 'actionPlan.save', style: 'default' }, { title: 'Godkend og del', verb: 'actionPlan.approve', style: 'positive' }],
    },
  ],
  'action-plan': [
    {
      title: 'Handlingsplan – Hjemmeplejen Nord (2026)', subtitle: 'Version 3, godkendt 23.\u00a0november 2026 af Lars Nielsen.',
      items: Array.from({ length: 6 }, (_, i) => ({
        heading: `${i + 1}. ${'æ'.repeat(300)}`,
        facts: [
          { title: 'Kompetence', value: 'Lærings- og videndelingskompetence' }, { title: 'Aktivitet', value: 'Deltagelse i projekter og særlige opgaver' },
          { title: 'Ansvarlig', value: 'ø'.repeat(100) }, { title: 'Færdig senest', value: '30.\u00a0juni 2027' },
        ],
      })),
    },
  ],
  'export-links': [
    {
      title: 'Udviklingsplaner – Hjemmeplejen Nord – Kompetenceudvikling og samarbejde (2026)', text: 'Filen laves, når du åbner linket, ud fra det, der er gemt lige nu.',
      note: 'Linket virker i 15 minutter og kun for dig. Filen indeholder personoplysninger: gem den kun, hvor den må ligge.',
      links: [
        { title: 'Hent Excel', url: `https://kompetencebot.azurewebsites.net/api/exports/${'a'.repeat(400)}.${'b'.repeat(43)}` },
        { title: 'Hent CSV', url: `https://kompetencebot.azurewebsites.net/api/exports/${'a'.repeat(400)}.${'b'.repeat(43)}` },
      ],
      fileInChat: true, kind: 'department-plans', subjectId: 'hjemmeplejen-nord',
    },
    { title: 'Mine data', text: 'Her er alt.', note: 'Linket virker i 15 minutter.', links: [{ title: 'Hent JSON', url: 'https://kompetencebot.example/api/exports/x' }], fileInChat: false, kind: 'my-data', subjectId: '' },
  ],
  'plan-notice': [
    { title: 'Lars Nielsen har godkendt udviklingsplanen', text: 'Udviklingsplanen for Mette mangler nu kun din godkendelse.', buttonTitle: 'Åbn udviklingsplanen', verb: 'plan.open', ownerId: 'mette', cycle: '2026', actionId: '' },
  ],
  nudge: [
    { text: 'Fristen for din MUS-forberedelse nærmer sig. Du er nået 3 af 9 trin — resten tager et kvarters tid.', deadline: '21.\u00a0december 2026', progress: '3 af 9 trin', buttonTitle: 'Fortsæt forberedelsen' },
    { text: 'Du er ikke begyndt endnu.', deadline: '1.\u00a0marts 2027', progress: '0 af 9 trin', buttonTitle: 'Start forberedelsen' },
  ],
  reminder: [
    {
      title: 'Frist for MUS-forberedelse', date: '28.\u00a0februar 2027', message: 'Fristen for at forberede MUS nærmer sig.',
      lines: ['Hjemmeplejen Nord: 9 af 12 har ikke forberedt sig endnu', 'Hjemmeplejen Syd: ingen MUS-runde startet endnu'],
      actions: [{ title: 'Start MUS-runde: Hjemmeplejen Syd', verb: 'round.form', departmentId: 'hjemmeplejen-syd' }],
      prepareTitle: '', departmentCommand: 'min afdeling',
    },
    { title: 'MUS-sæsonen åbner', date: '1.\u00a0februar 2027', message: 'Begynd forberedelsen her i chatten.', lines: [], actions: [], prepareTitle: 'Forbered MUS', departmentCommand: '' },
  ],
  'erase-person': [
    { title: 'Slet en person', notices: [], noticeStyle: 'warning', query: '', matches: [], confirm: { personId: '', erasureId: '', heading: '', lines: [] } },
    {
      title: 'Slet en person', notices: ['3 personer matcher.'], noticeStyle: 'warning', query: 'jensen',
      matches: [{ title: 'Mette Jensen · mette.jensen@demokommune.dk · Hjemmeplejen Nord', personId: '0d1e2f30-0000-4000-8000-000000000001' }],
      confirm: { personId: '', erasureId: '', heading: '', lines: [] },
    },
    {
      title: 'Slet en person', notices: [], noticeStyle: 'warning', query: '', matches: [],
      confirm: {
        personId: '0d1e2f30-0000-4000-8000-000000000001', erasureId: 'a1b2c3d4e5f60718', heading: 'Dette slettes om Mette Jensen (mette.jensen@demokommune.dk):',
        lines: ['Personen: 1', 'MUS-forberedelser og vurderinger: 12', 'Udviklingsplaner: 3', 'Andres rækker, hvor personen nævnes (erstattes af "slettet"): 4'],
      },
    },
  ],
  'audit-log': [
    { title: 'Revisionslog', filter: '', notices: [], kind: 'all', kinds: auditKindChoices, entries: [] },
    {
      title: 'Revisionslog – Mette Jensen', filter: 'mette.jensen@demokommune.dk', notices: [], kind: 'department-status', kinds: auditKindChoices,
      // The longest lines: a department's overview names ten people and how many more.
      entries: Array.from({ length: 50 }, (_, i) => ({
        when: `23.\u00a0november 2026 kl. 10.${String(i).padStart(2, '0')}`,
        line: `Lars Nielsen så 312 personer: status i afdelingens oversigt (Hjemmeplejen Nord, Hjemmeplejen Syd, Sygeplejen 2026) – ${Array.from({ length: 10 }, () => 'Mette-Marie Kristiansen-Østergaard').join(', ')} og 302 andre`,
      })),
    },
  ],
  notice: [
    { title: 'Noget skal rettes', lines: ['Svaret på "Hvad gik godt?" er for langt: højst 2.000 tegn.', 'x'.repeat(2000)] },
  ],
};
