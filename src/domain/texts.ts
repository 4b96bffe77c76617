import type { Locale, LocalizedText } from './i18n';
import { formatterFor } from './format';
import { reachTexts } from './reachTexts';

/**
 * Every fixed user-facing text, in Danish and English. Card templates read them as `${t.<key>}`;
 * code reads them through `say(locale, key)`. Texts with values are functions further down.
 */
export const texts = {
  appName: { da: 'Kompetencebot', en: 'Kompetencebot' },
  welcomeTitle: { da: 'Velkommen til Kompetencebot', en: 'Welcome to Kompetencebot' },
  welcomeIntro: {
    da: 'Jeg hjælper dig gennem årets kompetenceudvikling: forberedelse til MUS, vurdering af dine kompetencer og en udviklingsplan, der bliver fulgt op.',
    en: "I help you through the year's competence development: preparing for your development conversation (MUS), rating your competences, and a development plan that is followed up.",
  },
  welcomeTrust: {
    da: 'Dine svar er dine. Din leder ser kun det, du selv vælger at dele.',
    en: 'Your answers are yours. Your leader only sees what you choose to share.',
  },
  whatICanDo: { da: 'Det kan du skrive til mig', en: 'What you can type to me' },
  showHelp: { da: 'Vis kommandoer', en: 'Show commands' },
  helpTitle: { da: 'Kommandoer', en: 'Commands' },
  helpIntro: {
    da: 'Skriv en af kommandoerne herunder til mig her i chatten.',
    en: 'Type one of the commands below to me here in the chat.',
  },
  helpFooter: {
    da: 'Du kan altid stoppe og fortsætte senere: jeg husker, hvor du kom til.',
    en: 'You can always stop and continue later: I remember where you left off.',
  },
  teamWelcomeTitle: { da: 'Hej team!', en: 'Hello team!' },
  teamWelcomeText: {
    da: 'Jeg er Kompetencebot. Her i kanalen deler jeres leder resultater fra gruppeudviklingssamtalen (GRUS) og afdelingens kompetencebillede, så I kan drøfte dem i tråden. Tal aldrig om enkeltpersoner: tal vises kun for grupper, der er store nok til at ingen kan genkendes. Nævn mig (@Kompetencebot) efterfulgt af "hjælp" for at se, hvad jeg kan.',
    en: 'I am Kompetencebot. In this channel your leader shares the results of your group development conversation (GRUS) and the department\'s competence picture, for you to discuss in the thread. Figures are only shown for groups large enough that nobody can be recognised. Mention me (@Kompetencebot) followed by "help" to see what I can do.',
  },
  notRegistered: {
    da: 'Du er ikke registreret i Kompetencebot endnu. Kontakt HR, så de kan tilføje dig til din afdeling.',
    en: 'You are not registered in Kompetencebot yet. Please contact HR so they can add you to your department.',
  },
  notAllowed: { da: 'Det har du ikke adgang til.', en: 'You do not have access to that.' },
  notFound: { da: 'Det kunne jeg ikke finde.', en: 'I could not find that.' },
  staleCardIntro: { da: 'Det kort er forældet: der er sket noget nyt siden.', en: 'That card is out of date: something has changed since.' },
  staleCardUnknown: {
    da: 'Det kort virker ikke længere: det hører til en ældre udgave af mig. Skriv en af kommandoerne herunder for at komme videre.',
    en: 'That card no longer works: it belongs to an older version of me. Type one of the commands below to go on.',
  },
  stillWorking: {
    da: 'Jeg er stadig i gang med det, du trykkede på. Vent et øjeblik, og prøv så igen.',
    en: 'I am still working on what you pressed. Wait a moment, then try again.',
  },
  invalidInputTitle: { da: 'Noget skal rettes', en: 'Something needs fixing' },
  unexpectedError: {
    da: 'Beklager, noget gik galt hos mig. Prøv igen om lidt — intet af det, du har gemt, er gået tabt.',
    en: 'Sorry, something went wrong on my side. Please try again in a moment — nothing you saved has been lost.',
  },
  didNotUnderstand: {
    da: 'Det forstod jeg ikke. Skriv "hjælp" for at se, hvad jeg kan.',
    en: 'I did not understand that. Type "help" to see what I can do.',
  },
  languageSet: { da: 'Fint, jeg taler dansk med dig fra nu af.', en: 'Fine, I will speak English with you from now on.' },
  prepNext: { da: 'Næste', en: 'Next' },
  prepBack: { da: 'Tilbage', en: 'Back' },
  prepSave: { da: 'Gem til senere', en: 'Save for later' },
  prepContinue: { da: 'Fortsæt forberedelsen', en: 'Continue preparing' },
  prepStart: { da: 'Start forberedelsen', en: 'Start preparing' },
  prepReadMore: { da: 'Læs mere', en: 'Read more' },
  prepWhat: { da: 'Hvad', en: 'What' },
  prepWhy: { da: 'Hvorfor', en: 'Why' },
  prepHow: { da: 'Hvordan', en: 'How' },
  prepRatingIntro: {
    da: 'Vurdér dig selv på hver kompetence. Der er ingen rigtige eller forkerte svar: det er udgangspunktet for jeres samtale.',
    en: 'Rate yourself on each competence. There are no right or wrong answers: this is where your conversation starts.',
  },
  prepMyLevel: { da: 'Mit niveau', en: 'My level' },
  prepTextPlaceholder: { da: 'Skriv dit svar her', en: 'Write your answer here' },
  prepOptional: { da: '(valgfrit)', en: '(optional)' },
  prepSummaryTitle: { da: 'Din forberedelse', en: 'Your preparation' },
  prepSummaryIntro: {
    da: 'Her er dine svar. Vælg, hvad din leder må se før samtalen. Intet er delt, før du trykker "Del det valgte med min leder".',
    en: 'Here are your answers. Choose what your leader may see before the conversation. Nothing is shared until you press "Share the chosen parts with my leader".',
  },
  prepShareToggle: { da: 'Del med min leder', en: 'Share with my leader' },
  prepShare: { da: 'Del det valgte med min leder', en: 'Share the chosen parts with my leader' },
  prepGoto: { da: 'Ret', en: 'Change' },
  prepNothingToShare: { da: 'Intet besvaret her, så intet at dele.', en: 'Nothing answered here, so nothing to share.' },
  prepSavedTitle: { da: 'Gemt', en: 'Saved' },
  prepSavedText: {
    da: 'Dine svar er gemt. Fortsæt når det passer dig — her, eller ved at skrive "forbered MUS".',
    en: 'Your answers are saved. Continue whenever it suits you — here, or by typing "prepare MUS".',
  },
  prepInviteTitle: { da: 'Tid til at forberede din MUS', en: 'Time to prepare for your MUS' },
  prepInviteTime: { da: 'Tid', en: 'Time' },
  prepSharedTitle: { da: 'Delt med din leder', en: 'Shared with your leader' },
  prepSharedIntro: {
    da: 'Din leder kan se det herunder — og kun det. Du kan ændre, hvad der er delt, indtil jeres samtale.',
    en: 'Your leader can see what is below — and only that. You can change what is shared until your conversation.',
  },
  prepChangeShared: { da: 'Ret, hvad der er delt', en: 'Change what is shared' },
  prepAlreadyShared: {
    da: 'Det var allerede delt: kortet, du trykkede på, var forældet. Her er det, din leder ser nu.',
    en: 'This was already shared: the card you pressed was out of date. Here is what your leader sees now.',
  },
  prepSharedNothing: { da: 'Du har ikke delt noget. Din leder ser intet af dine svar.', en: 'You shared nothing. Your leader sees none of your answers.' },
  prepLeaderUnreachable: {
    da: 'Din leder har ikke Kompetencebot installeret endnu. Det delte er gemt, og din leder ser det, når de åbner Kompetencebot.',
    en: 'Your leader does not have Kompetencebot installed yet. What you shared is saved, and your leader will see it when they open Kompetencebot.',
  },
  prepNoLeader: {
    da: 'Der er ikke registreret en leder for din afdeling. Det delte er gemt; kontakt HR.',
    en: 'No leader is registered for your department. What you shared is saved; please contact HR.',
  },
  prepLeaderIntro: {
    da: 'Kun de dele, medarbejderen har valgt at dele, vises her.',
    en: 'Only the parts the employee chose to share are shown here.',
  },
  prepNoAnswer: { da: 'Ikke besvaret', en: 'Not answered' },
  prepStaleNotice: {
    da: 'Kortet, du trykkede på, var forældet. Her er, hvor du er nået til nu — intet er gået tabt.',
    en: 'The card you pressed was out of date. Here is where you are now — nothing was lost.',
  },
  deptTitle: { da: 'Min afdeling', en: 'My department' },
  deptIntro: {
    da: 'Hvem har forberedt sig til MUS i år. Du ser kun svar, som medarbejderne selv har delt med dig.',
    en: 'Who has prepared for MUS this year. You only see answers the employees chose to share with you.',
  },
  deptPeople: { da: 'Medarbejdere', en: 'Employees' },
  deptPrepared: { da: 'Har forberedt sig', en: 'Have prepared' },
  deptShared: { da: 'Har delt med dig', en: 'Have shared with you' },
  deptNotPrepared: { da: 'Mangler at forberede sig', en: 'Not prepared yet' },
  deptOpenShared: { da: 'Se det delte', en: 'See what was shared' },
  deptNotLeader: { da: 'Du er ikke registreret som leder af en afdeling.', en: 'You are not registered as the leader of a department.' },
  roundOpen: { da: 'Start MUS-runde', en: 'Start a MUS round' },
  roundChange: { da: 'Ret MUS-runden', en: 'Change the MUS round' },
  roundIntro: {
    da: 'Alle medarbejdere i afdelingen får en invitation til at forberede sig, med fristen. Du ser bagefter, hvem jeg ikke kan nå endnu.',
    en: 'Every employee in the department is invited to prepare, with the deadline. Afterwards you see whom I cannot reach yet.',
  },
  roundDeadline: { da: 'Frist for forberedelsen', en: 'Preparation deadline' },
  roundIncludeSub: { da: 'Også underafdelinger', en: 'Include sub-departments' },
  roundStart: { da: 'Start runden og send invitationer', en: 'Start the round and send invitations' },
  roundInvitedNow: { da: 'Inviteret nu', en: 'Invited now' },
  roundAlreadyInvited: { da: 'Allerede inviteret', en: 'Already invited' },
  roundUnreachable: { da: 'Kan ikke nås endnu', en: 'Cannot be reached yet' },
  roundUnreachableHelp: {
    da: 'De har ikke Kompetencebot installeret. Bed dem åbne Kompetencebot i Teams (eller bed IT installere appen for dem); de bliver inviteret, når du starter runden igen.',
    en: 'They do not have Kompetencebot installed. Ask them to open Kompetencebot in Teams (or ask IT to install the app for them); they are invited when you start the round again.',
  },
  profileOpen: { da: 'Kompetenceprofil', en: 'Competence profile' },
  profileIntro: {
    da: 'Vælg det ønskede niveau for hver kompetence. Medarbejderne ser det, når de vurderer sig selv. Lad en kompetence stå tom, hvis I ikke har et ønske.',
    en: 'Choose the desired level for each competence. Employees see it when they rate themselves. Leave a competence empty if you have no wish for it.',
  },
  profileNotSet: { da: 'Intet ønsket niveau', en: 'No desired level' },
  profileSave: { da: 'Gem profilen', en: 'Save the profile' },
  questionsOpen: { da: 'MUS-spørgsmål', en: 'MUS questions' },
  questionsIntro: {
    da: 'Vælg de spørgsmål, jeres medarbejdere forbereder sig på, og tilføj op til tre af jeres egne. Ændringer gælder for forberedelser fra nu af; svar, der allerede er givet, bliver gemt.',
    en: 'Choose the questions your employees prepare, and add up to three of your own. Changes apply from now on; answers already given are kept.',
  },
  questionsIsDefault: { da: 'I bruger standardspørgsmålene.', en: 'You use the standard questions.' },
  questionsOwnTitle: { da: 'Jeres egne spørgsmål', en: 'Your own questions' },
  questionsOwnIntro: { da: 'Stilles til sidst, som fritekst.', en: 'Asked last, as free text.' },
  questionsSave: { da: 'Gem spørgsmålene', en: 'Save the questions' },
  questionsReset: { da: 'Tilbage til standard', en: 'Back to the standard' },
  questionsSaved: { da: 'Spørgsmålene er gemt.', en: 'The questions are saved.' },
  questionsResetDone: { da: 'I bruger nu standardspørgsmålene igen.', en: 'You now use the standard questions again.' },
  yearIntro: { da: 'Årshjulet for din afdeling: hvad der er overskredet, og hvad der kommer.', en: "Your department's annual cycle: what is overdue, and what comes next." },
  yearOverdue: { da: 'Overskredet', en: 'Overdue' },
  yearNext: { da: 'Det næste', en: 'Coming up' },
  aarshjulIntro: {
    da: 'Flyt en milepæl, ret varslet for påmindelsen, eller slå den fra – for hele kommunen eller for én afdeling. Påmindelserne følger med med det samme.',
    en: 'Move a milestone, change how early its reminder goes out, or switch it off – for the whole municipality or for one department. Reminders follow at once.',
  },
  aarshjulScope: { da: 'Gælder for', en: 'Applies to' },
  aarshjulShow: { da: 'Vis', en: 'Show' },
  aarshjulMunicipality: { da: 'Hele kommunen', en: 'The whole municipality' },
  aarshjulDate: { da: 'Dato', en: 'Date' },
  aarshjulLead: { da: 'Varsel (dage før)', en: 'Notice (days before)' },
  aarshjulActive: { da: 'Aktiv', en: 'On' },
  aarshjulSave: { da: 'Gem årshjulet', en: 'Save the annual cycle' },
  aarshjulReset: { da: 'Tilbage til standard', en: 'Back to the standard' },
  aarshjulSaved: { da: 'Årshjulet er gemt. Påmindelserne følger de nye datoer.', en: 'The annual cycle is saved. Reminders follow the new dates.' },
  aarshjulResetDone: { da: 'Årshjulet følger nu standarden igen.', en: 'The annual cycle follows the standard again.' },
  aarshjulNotHr: { da: 'Årshjulet ændres af HR. Spørg din HR-afdeling, hvis en dato skal flyttes.', en: 'HR changes the annual cycle. Ask your HR department if a date should move.' },
  gapsOpen: { da: 'Kompetencegab', en: 'Competence gaps' },
  gapsIntro: {
    da: 'Nu = gennemsnittet af medarbejdernes egne vurderinger; ønsket = afdelingens profil. Tal vises kun for grupper på mindst tærsklen, så ingen kan genkendes.',
    en: "Now = the average of the employees' own ratings; desired = the department's profile. Figures are shown only for groups at or above the threshold, so no one can be recognised.",
  },
  gapsChartTitle: { da: 'Nu og ønsket pr. kompetence', en: 'Now and desired per competence' },
  gapsChartAxis: { da: 'Kompetence', en: 'Competence' },
  gapsNow: { da: 'Nu', en: 'Now' },
  gapsWish: { da: 'Ønsket', en: 'Desired' },
  gapsVoteTitle: { da: 'Hvad vil I prioritere? Én stemme hver – diskutér i tråden.', en: 'What do you want to prioritise? One vote each – discuss in the thread.' },
  gapsVote: { da: 'Prioritér', en: 'Prioritise' },
  gapsPostTo: { da: 'Del i en kanal', en: 'Share in a channel' },
  gapsChooseChannel: { da: 'Vælg en kanal.', en: 'Choose a channel.' },
  gapsPost: { da: 'Del med teamet', en: 'Share with the team' },
  gapsNoChannel: {
    da: 'Jeg er ikke installeret i et team endnu. Tilføj Kompetencebot til teamet, så kan du dele her.',
    en: 'I am not installed in a team yet. Add Kompetencebot to the team, and you can share here.',
  },
  municipalityIntro: {
    da: 'Årets tal pr. afdeling til MED-udvalgenes og Hovedudvalgets drøftelse. Tal vises kun, hvor ingen kan genkendes.',
    en: "The year's figures per department for the MED committees' and the main committee's discussion. Figures are shown only where no one can be recognised.",
  },
  municipalityName: { da: 'Hele kommunen', en: 'The whole municipality' },
  gapsLargest: { da: 'De største gab – og måder at lære på', en: 'The largest gaps – and ways to learn' },
  releaseNow: { da: 'Udgiv nye tal nu', en: 'Publish new figures now' },
  releaseAsked: {
    da: 'Tallene udgives nu. Jeg skriver til dig, når de er klar – tal, der ikke må skifte endnu, bliver som de er.',
    en: 'The figures are being published. I will write to you when they are ready – figures that may not change yet stay as they are.',
  },
  gapsShareNotMember: { da: 'Du kan kun dele i et team, du selv er med i.', en: 'You can only share in a team you are a member of.' },
  gapsVoteNotMember: { da: 'Kun teamets medlemmer kan stemme på dette kort.', en: "Only the team's members can vote on this card." },
  rosterUnavailable: { da: 'Jeg kan ikke se, hvem der er med i teamet. Prøv igen om lidt.', en: 'I cannot see who is in the team. Please try again shortly.' },
  profileWholeDepartment: { da: 'Hele afdelingen', en: 'The whole department' },
  profileJobGroups: { da: 'Profil for en faggruppe', en: 'Profile for a job group' },
  profileOwnTitle: { da: 'Afdelingens egne faglige kompetencer', en: "The department's own professional competences" },
  profileOwnIntro: {
    da: 'Tilføj en faglig kompetence, som jeres medarbejdere også skal vurdere sig selv på. Den kommer med i MUS-forberedelsen i den gruppe, du vælger.',
    en: 'Add a professional competence your employees also rate themselves on. It joins the MUS preparation in the group you choose.',
  },
  profileOwnName: { da: 'Navn på ny kompetence', en: 'Name of a new competence' },
  profileOwnShort: { da: 'Beskrivelse (én linje)', en: 'Description (one line)' },
  profileOwnGroup: { da: 'Gruppe', en: 'Group' },
  profileOwnRemove: { da: 'Fjern', en: 'Remove' },
  profileSaved: {
    da: 'Profilen er gemt for i år. Kompetencegabet regnes med de nye ønskede niveauer om få minutter.',
    en: 'The profile is saved for this year. The competence gaps use the new desired levels in a few minutes.',
  },
  leaderRatingOpen: { da: 'Tilføj min vurdering', en: 'Add my rating' },
  leaderRatingIntro: {
    da: 'Din vurdering vises sammen med medarbejderens egen, og I ser begge to begge vurderinger.',
    en: "Your rating is shown together with the employee's own, and you both see both ratings.",
  },
  leaderRatingSelf: { da: 'egen vurdering', en: 'own rating' },
  leaderRatingNotShared: { da: 'ikke delt', en: 'not shared' },
  leaderRatingMine: { da: 'Min vurdering', en: 'My rating' },
  leaderRatingNone: { da: 'Ingen vurdering', en: 'No rating' },
  leaderRatingSave: { da: 'Gem min vurdering', en: 'Save my rating' },
  leaderRatingSaved: { da: 'Din vurdering er gemt. Medarbejderen ser den i sin oversigt.', en: 'Your rating is saved. The employee sees it in their summary.' },
  planEmpty: {
    da: 'Planen har ingen mål endnu. Tilføj et udviklingsmål: hvilken kompetence, hvad målet er, og hvordan I når det.',
    en: 'The plan has no goals yet. Add a development goal: which competence, what the goal is, and how you will reach it.',
  },
  planGoal: { da: 'Udviklingsmål', en: 'Development goal' },
  planGoalHint: { da: 'Hvad vil du kunne, når målet er nået?', en: 'What will you be able to do when the goal is reached?' },
  planEvaluation: { da: 'Evaluering', en: 'Evaluation' },
  planEvaluationHint: { da: 'Hvordan ser I, at målet er nået?', en: 'How will you see that the goal is reached?' },
  planCompetence: { da: 'Kompetence', en: 'Competence' },
  planChooseCompetence: { da: 'Vælg en kompetence.', en: 'Choose a competence.' },
  planActivity: { da: 'Handling (fra idékataloget)', en: 'Action (from the catalogue)' },
  planChooseActivity: { da: 'Vælg en handling.', en: 'Choose an action.' },
  planNote: { da: 'Beskrivelse', en: 'Description' },
  planNoteHint: { da: 'Fx hvilket kursus, hvem du lærer sammen med', en: 'E.g. which course, whom you learn with' },
  planStart: { da: 'Start', en: 'Start' },
  planEnd: { da: 'Slut', en: 'End' },
  planResponsible: { da: 'Ansvarlig', en: 'Responsible' },
  planRequired: { da: 'Skal udfyldes.', en: 'Required.' },
  planSave: { da: 'Gem', en: 'Save' },
  planCancel: { da: 'Tilbage til planen', en: 'Back to the plan' },
  planAddGoal: { da: 'Tilføj mål', en: 'Add a goal' },
  planAddAction: { da: 'Tilføj handling', en: 'Add an action' },
  planRemoveGoal: { da: 'Fjern målet', en: 'Remove the goal' },
  planRemoveAction: { da: 'Fjern', en: 'Remove' },
  planApprove: { da: 'Godkend planen', en: 'Approve the plan' },
  planEvaluate: { da: 'Hvordan gik det?', en: 'How did it go?' },
  planOpen: { da: 'Åbn udviklingsplanen', en: 'Open the development plan' },
  planFor: { da: 'Udviklingsplan for', en: 'Development plan for' },
  planStatusDraft: { da: 'Kladde – ikke godkendt endnu', en: 'Draft – not approved yet' },
  planStale: { da: 'Planen var ændret i mellemtiden. Her er den, som den er nu.', en: 'The plan had changed meanwhile. Here it is as it is now.' },
  planSaved: { da: 'Gemt.', en: 'Saved.' },
  responsibleEmployee: { da: 'Medarbejderen', en: 'The employee' },
  responsibleLeader: { da: 'Lederen', en: 'The leader' },
  responsibleBoth: { da: 'Begge', en: 'Both' },
  effectOutcome: { da: 'Hvordan gik det?', en: 'How did it go?' },
  effectUse: { da: 'Hvordan bruger du det, du lærte, i dit daglige arbejde?', en: 'How do you use what you learnt in your daily work?' },
  effectUseHint: { da: 'Et eksempel fra en almindelig arbejdsdag', en: 'An example from an ordinary working day' },
  effectNext: { da: 'Hvad skal der til, for at det bliver ved? (valgfrit)', en: 'What would help to keep it up? (optional)' },
  effectSave: { da: 'Gem min evaluering', en: 'Save my evaluation' },
  effectSaved: { da: 'Tak – din evaluering er gemt med planen, og din leder kan se den.', en: 'Thank you – your evaluation is saved with the plan, and your leader can see it.' },
  effectVeryWell: { da: 'Rigtig godt', en: 'Very well' },
  effectWell: { da: 'Godt', en: 'Well' },
  effectPartly: { da: 'Delvist', en: 'Partly' },
  effectNot: { da: 'Ikke godt', en: 'Not well' },
  deptInvitations: { da: 'Invitationer', en: 'Invitations' },
  deptPlansApproved: { da: 'Godkendte udviklingsplaner', en: 'Approved development plans' },
  deptInvited: { da: 'Inviteret', en: 'Invited' },
  deptPlanFor: { da: 'Udviklingsplan for', en: 'Development plan for' },
  deptChoosePerson: { da: 'Vælg en medarbejder', en: 'Choose an employee' },
  nudgeTitle: { da: 'Husk din MUS-forberedelse', en: 'Remember your MUS preparation' },
  nudgeProgress: { da: 'Du er nået', en: 'Your progress' },
  reminderDate: { da: 'Dato', en: 'Date' },
  reminderOpenDepartment: { da: 'Se min afdeling', en: 'Open my department' },
  reminderPrepare: { da: 'Forbered MUS', en: 'Prepare for MUS' },
  grusOpen: { da: 'GRUS', en: 'Group conversation' },
  grusIntro: {
    da: 'Hvert medlem af teamet, som jeg kender, får gruppespørgsmålene her i chatten og svarer for sig selv. Når alle har svaret – eller når du vælger det, og mindst nok har svaret til, at ingen kan genkendes – deles det samlede resultat uden navne i kanalen.',
    en: 'Every member of the team I know gets the group questions here in chat and answers on their own. When everyone has answered – or when you choose to, once enough have answered that no one can be recognised – the combined result is shared without names in the channel.',
  },
  grusNoChannel: {
    da: 'Jeg er ikke installeret i noget team endnu. Tilføj Kompetencebot til teamet i Teams, og prøv igen.',
    en: 'I am not installed in any team yet. Add Kompetencebot to the team in Teams and try again.',
  },
  grusTeam: { da: 'Team (resultatet deles i kanalen)', en: 'Team (the result is shared in its channel)' },
  grusDeadline: { da: 'Svarfrist', en: 'Deadline for answers' },
  grusDeadlineMissing: { da: 'Vælg en svarfrist.', en: 'Choose a deadline.' },
  grusStart: { da: 'Start GRUS', en: 'Start group conversation' },
  grusSend: { da: 'Send mit svar', en: 'Send my answer' },
  grusNothingOpen: { da: 'Du er ikke med i nogen åben GRUS lige nu.', en: 'You are not part of an open group conversation right now.' },
  grusNone: { da: 'Du har ikke startet nogen GRUS endnu.', en: 'You have not started a group conversation yet.' },
  grusPostNow: { da: 'Del resultatet nu', en: 'Share the result now' },
  grusPlanOpen: { da: 'Skriv gruppens udviklingsplan', en: "Write the group's development plan" },
  grusNew: { da: 'Start en ny GRUS', en: 'Start a new group conversation' },
  grusResultIntro: {
    da: 'Svarene er talt sammen uden navne. Drøft dem i tråden her – hvad vil I arbejde videre med?',
    en: 'The answers are counted together without names. Discuss them in the thread here – what do you want to work on?',
  },
  grusPlanHint: {
    da: 'Når I har drøftet resultatet, kan du skrive gruppens udviklingsplan: skriv "grus" her i chatten.',
    en: 'Once you have discussed the result, you can write the group\'s development plan: type "grus" here in the chat.',
  },
  grusClosed: { da: 'Resultatet er allerede delt i kanalen, så der kan ikke svares mere.', en: 'The result has already been shared in the channel, so no more answers can be given.' },
  actionPlanOpen: { da: 'Handlingsplan', en: 'Action plan' },
  actionPlanSuggestions: { da: 'Det peger gabene, teamets stemmer og udviklingsplanerne på', en: "What the gaps, the team's votes and the development plans point at" },
  actionPlanGoal: { da: 'Mål', en: 'Goal' },
  actionPlanCompetence: { da: 'Kompetence', en: 'Competence' },
  actionPlanActivity: { da: 'Aktivitet', en: 'Activity' },
  actionPlanOwner: { da: 'Ansvarlig', en: 'Responsible' },
  actionPlanDue: { da: 'Færdig senest', en: 'Done by' },
  actionPlanPostTo: { da: 'Del i kanal (valgfrit)', en: 'Share in channel (optional)' },
  actionPlanSaveDraft: { da: 'Gem kladde', en: 'Save draft' },
  actionPlanApprove: { da: 'Godkend og del', en: 'Approve and share' },
  actionPlanStale: { da: 'Planen var ændret i mellemtiden. Her er den, som den er nu.', en: 'The plan had changed meanwhile. Here it is as it is now.' },
  actionPlanSaved: { da: 'Kladden er gemt.', en: 'The draft is saved.' },
  grusPlanPost: { da: 'Del planen med teamet', en: 'Share the plan with the team' },
  exportOpen: { da: 'Eksportér', en: 'Export' },
  exportPlans: { da: 'Eksportér udviklingsplaner', en: 'Export development plans' },
  exportText: { da: 'Filen laves, når du åbner linket, ud fra det, der er gemt lige nu.', en: 'The file is made when you open the link, from what is stored right now.' },
  exportOff: { da: 'Eksport er ikke sat op her (PUBLIC_BASE_URL og EXPORT_LINK_KEY mangler). Spørg jeres IT.', en: 'Export is not set up here (PUBLIC_BASE_URL and EXPORT_LINK_KEY are missing). Ask your IT department.' },
  exportFileButton: { da: 'Send Excel-filen her i chatten', en: 'Send the Excel file here in the chat' },
  exportFileOnlyPersonal: { da: 'En fil kan kun sendes i din egen chat med mig. Skriv til mig der, eller brug linkene.', en: 'A file can only be sent in your own chat with me. Write to me there, or use the links.' },
  exportFileDeclined: { da: 'Filen er ikke sendt. Du kan stadig bruge linkene på kortet.', en: 'The file was not sent. You can still use the links on the card.' },
  exportFileFailed: {
    da: 'Filen kunne ikke lægges i din OneDrive, så den er ikke sendt. Prøv igen om lidt, eller brug linkene på kortet.',
    en: 'The file could not be put in your OneDrive, so it was not sent. Try again in a moment, or use the links on the card.',
  },
  myDataTitle: { da: 'Mine data', en: 'My data' },
  myDataText: {
    da: 'Her er alt, hvad Kompetencebot har gemt om dig: dine oplysninger fra HR, dine valg, dine forberedelser og vurderinger (også lederens vurdering af dig), dine udviklingsplaner, dine stemmer og GRUS-svar, og de beskeder, der venter til dig. JSON er til at flytte data; Excel er til at læse dem.',
    en: 'Here is everything Kompetencebot has stored about you: your details from HR, your choices, your preparations and ratings (including your leader\'s rating of you), your development plans, your votes and group-conversation answers, and messages waiting for you. JSON is for moving the data; Excel is for reading it.',
  },
  roleEmployee: { da: 'medarbejder', en: 'employee' },
  roleLeader: { da: 'leder', en: 'leader' },
  roleHr: { da: 'HR-administrator', en: 'HR administrator' },
  eraseTitle: { da: 'Slet en person', en: 'Erase a person' },
  eraseIntro: {
    da: 'Når en person beder om at blive slettet: find dem på e-mail, navn eller Entra-id. Alt om dem slettes i alle tabeller, og det kan ikke fortrydes.',
    en: 'When a person asks to be erased: find them by e-mail, name or Entra id. Everything about them is deleted from every table, and it cannot be undone.',
  },
  erasePersonLabel: { da: 'Person (e-mail, navn eller id)', en: 'Person (e-mail, name or id)' },
  eraseSearch: { da: 'Søg', en: 'Search' },
  eraseChoose: { da: 'Vælg', en: 'Choose' },
  eraseNoMatch: { da: 'Ingen registrerede personer matcher.', en: 'No registered person matches.' },
  eraseInactive: { da: '(inaktiv)', en: '(inactive)' },
  eraseConfirm: { da: 'Slet for altid', en: 'Erase for good' },
  eraseCancel: { da: 'Fortryd', en: 'Cancel' },
  eraseOtherParty: {
    da: 'Hvor personen er den anden part (fx leder på en medarbejders udviklingsplan eller afsender af en MUS-runde), bliver den andens data stående, og personen erstattes af "slettet".',
    en: 'Where the person is the other party (e.g. the leader on an employee\'s development plan, or who started a MUS round), the other person\'s data stays and the person is replaced by "erased".',
  },
  eraseNotHr: { da: 'Kun HR kan slette personer.', en: 'Only HR can erase people.' },
  eraseNotSelf: { da: 'Du kan ikke slette dig selv. Bed en anden i HR om det.', en: 'You cannot erase yourself. Ask someone else in HR.' },
  auditTitle: { da: 'Revisionslog', en: 'Audit log' },
  auditIntro: {
    da: 'Hvem har set andres persondata (delte forberedelser, udviklingsplaner, vurderinger, afdelingens status med navne) og hvornår. Nyeste først.',
    en: "Who has seen other people's personal data (shared preparations, development plans, ratings, the department's status with names) and when. Newest first.",
  },
  auditFilterLabel: { da: 'Kun om én person (e-mail, navn eller id)', en: 'Only about one person (e-mail, name or id)' },
  auditKindLabel: { da: 'Slags opslag', en: 'Kind of read' },
  auditAllKinds: { da: 'Alle slags', en: 'All kinds' },
  auditShow: { da: 'Vis', en: 'Show' },
  auditEmpty: { da: 'Ingen opslag.', en: 'No reads.' },
  auditNotHr: { da: 'Revisionsloggen kan kun ses af HR.', en: 'Only HR can see the audit log.' },
  ...reachTexts,
} as const satisfies Record<string, LocalizedText>;

export type TextKey = keyof typeof texts;
export type Texts = { readonly [K in TextKey]: string };

/** Every fixed text in one language, as card templates read them (`${t.key}`). */
export function textsFor(locale: Locale): Texts {
  return Object.fromEntries(Object.entries(texts).map(([key, text]) => [key, text[locale]])) as Texts;
}

export function say(locale: Locale, key: TextKey): string {
  return texts[key][locale];
}

/** A card clicked after its flow moved on: the command that shows how things stand now. */
export function staleCard(command: LocalizedText): LocalizedText {
  return {
    da: `${texts.staleCardIntro.da} Skriv "${command.da}" for at se, hvordan det står nu.`,
    en: `${texts.staleCardIntro.en} Type "${command.en}" to see how things stand now.`,
  };
}

export function greeting(name: string): LocalizedText {
  const first = name.split(/\s+/)[0] ?? name;
  return { da: `Hej ${first}!`, en: `Hi ${first}!` };
}

export function roleSummary(parts: { departmentName?: string; leaderOf: string[]; hr: boolean }): LocalizedText {
  const da: string[] = [];
  const en: string[] = [];
  if (parts.departmentName) {
    da.push(`medarbejder i ${parts.departmentName}`);
    en.push(`an employee in ${parts.departmentName}`);
  }
  if (parts.leaderOf.length > 0) {
    da.push(`leder af ${parts.leaderOf.join(', ')}`);
    en.push(`the leader of ${parts.leaderOf.join(', ')}`);
  }
  if (parts.hr) {
    da.push('HR-administrator');
    en.push('an HR administrator');
  }
  return { da: `Du er registreret som ${joinList(da, 'og')}.`, en: `You are registered as ${joinList(en, 'and')}.` };
}

function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/** "Trin 2 af 9"; a leader's own preparation says it is for their LUS. */
export function stepProgress(index: number, total: number, lus = false): LocalizedText {
  const prefix = lus ? 'LUS – ' : '';
  return { da: `${prefix}Trin ${index + 1} af ${total}`, en: `${prefix}Step ${index + 1} of ${total}` };
}

export function desiredLevelText(label: string): LocalizedText {
  return { da: `Afdelingens ønskede niveau: ${label}`, en: "Your department's desired level: " + label };
}

export function summarySharedIntro(when: string): LocalizedText {
  return {
    da: `Du delte det valgte med din leder ${when}. Ret valgene, og tryk "Del det valgte med min leder" igen for at ændre, hvad din leder ser.`,
    en: `You shared the chosen parts with your leader ${when}. Change the choices and press "Share the chosen parts with my leader" again to change what your leader sees.`,
  };
}

/** "Delt 7. december 2026 kl. 10.15." */
export function sharedWhen(when: string): LocalizedText {
  return { da: `Delt ${when}.`, en: `Shared ${when}.` };
}

export function sharedByText(name: string): LocalizedText {
  return { da: `${name} har delt sin MUS-forberedelse med dig`, en: `${name} has shared their MUS preparation with you` };
}

export function roundStartTitle(department: string): LocalizedText {
  return { da: `Start MUS-runde for ${department}`, en: `Start a MUS round for ${department}` };
}

export function roundStartedTitle(department: string): LocalizedText {
  return { da: `MUS-runden for ${department} er startet`, en: `The MUS round for ${department} has started` };
}

export function profileTitle(department: string): LocalizedText {
  return { da: `Kompetenceprofil for ${department}`, en: `Competence profile for ${department}` };
}

export function leaderRatingTitle(name: string): LocalizedText {
  return { da: `Din vurdering af ${name}`, en: `Your rating of ${name}` };
}

export function planTitle(name: string, cycle: string): LocalizedText {
  return { da: `Udviklingsplan for ${name} – ${cycle}`, en: `Development plan for ${name} – ${cycle}` };
}

export function planAwaiting(approvedBy: string, waitingFor: string): LocalizedText {
  return { da: `Godkendt af ${approvedBy} – venter på ${waitingFor}`, en: `Approved by ${approvedBy} – waiting for ${waitingFor}` };
}

export function planApprovedStatus(version: number): LocalizedText {
  return { da: `Godkendt af begge (version ${version})`, en: `Approved by both (version ${version})` };
}

export function planChangedStatus(version: number): LocalizedText {
  return {
    da: `Ændret efter godkendelsen af version ${version} – skal godkendes af begge igen`,
    en: `Changed after version ${version} was approved – needs both approvals again`,
  };
}

export function planApprovalsLine(parts: Array<{ name: string; date: string }>): LocalizedText {
  return {
    da: `Godkendt: ${parts.map((p) => `${p.name} (${p.date})`).join(', ')}`,
    en: `Approved: ${parts.map((p) => `${p.name} (${p.date})`).join(', ')}`,
  };
}

export function planHistory(versions: Array<{ version: number; date: string }>): LocalizedText {
  const list = versions.map((v) => `${v.version} (${v.date})`).join(', ');
  return { da: `Godkendte versioner: ${list}`, en: `Approved versions: ${list}` };
}

export function planGoalHeading(index: number, competence: string): LocalizedText {
  return { da: `Mål ${index + 1}: ${competence}`, en: `Goal ${index + 1}: ${competence}` };
}

export function planResponsibleLine(who: string): LocalizedText {
  return { da: `Ansvarlig: ${who}`, en: `Responsible: ${who}` };
}

export function planEffectLine(outcome: string, use: string): LocalizedText {
  return { da: `Evaluering: ${outcome} – ${use}`, en: `Evaluation: ${outcome} – ${use}` };
}

export function planAddActionTitle(goal: string): LocalizedText {
  return { da: `Ny handling til målet "${goal}"`, en: `New action for the goal "${goal}"` };
}

export function planNewGoalTitle(name: string): LocalizedText {
  return { da: `Nyt udviklingsmål for ${name}`, en: `New development goal for ${name}` };
}

export function effectTitle(activity: string): LocalizedText {
  return { da: `Hvordan gik det med ${activity}?`, en: `How did ${activity} go?` };
}

export function effectIntro(goal: string, period: string): LocalizedText {
  return {
    da: `Målet var: "${goal}" (${period}). Dit svar gemmes med udviklingsplanen, og din leder kan se det.`,
    en: `The goal was: "${goal}" (${period}). Your answer is saved with the development plan, and your leader can see it.`,
  };
}

/** What the other party of a plan is told, by event. */
export function planNoticeText(event: 'approved-by-one' | 'approved' | 'reopened', actor: string, owner: string, version: number): { title: LocalizedText; text: LocalizedText } {
  switch (event) {
    case 'approved-by-one':
      return {
        title: { da: `${actor} har godkendt udviklingsplanen`, en: `${actor} has approved the development plan` },
        text: { da: `Udviklingsplanen for ${owner} mangler nu kun din godkendelse.`, en: `The development plan for ${owner} now only needs your approval.` },
      };
    case 'approved':
      return {
        title: { da: 'Udviklingsplanen er godkendt', en: 'The development plan is approved' },
        text: { da: `I har begge godkendt udviklingsplanen for ${owner} (version ${version}).`, en: `You have both approved the development plan for ${owner} (version ${version}).` },
      };
    case 'reopened':
      return {
        title: { da: `${actor} har ændret den godkendte udviklingsplan`, en: `${actor} has changed the approved development plan` },
        text: {
          da: `Udviklingsplanen for ${owner} er ændret efter version ${version} og skal godkendes af jer begge igen.`,
          en: `The development plan for ${owner} was changed after version ${version} and needs both your approvals again.`,
        },
      };
  }
}

export function effectAskText(activity: string, end: string): { title: LocalizedText; text: LocalizedText } {
  return {
    title: { da: `Hvordan gik det med ${activity}?`, en: `How did ${activity} go?` },
    text: {
      da: `Handlingen i din udviklingsplan sluttede ${end}. Fortæl kort, hvordan det gik, og hvordan du bruger det i dit daglige arbejde – det tager et minut.`,
      en: `The action in your development plan ended on ${end}. Tell briefly how it went and how you use it in your daily work – it takes a minute.`,
    },
  };
}
/** About how long a preparation of this many steps takes: a minute and a half a step, in fives (at least ten). */
export function minutesToPrepare(steps: number): number {
  return Math.max(10, Math.round((steps * 1.5) / 5) * 5);
}

/** "omkring 15 minutter (9 trin)". */
export function preparationTime(steps: number): LocalizedText {
  const minutes = minutesToPrepare(steps);
  return { da: `omkring ${minutes} minutter (${steps} trin)`, en: `about ${minutes} minutes (${steps} steps)` };
}

/** The invitation of a MUS round: who asks (the card's facts say by when and how long it takes). */
export function prepInviteText(leader: string): LocalizedText {
  return {
    da: `${leader} har startet MUS-runden og beder dig forberede dig til jeres samtale. Du kan holde pause undervejs: jeg husker, hvor du kom til. Din leder ser kun det, du selv vælger at dele.`,
    en: `${leader} has started the MUS round and asks you to prepare for your conversation. You can pause along the way: I remember where you left off. Your leader only sees what you choose to share.`,
  };
}

export function nudgeText(deadline: string, completed: number, totalSteps: number, locale: Locale): string {
  const date = formatterFor(locale).date(deadline);
  if (completed === 0) {
    return locale === 'da'
      ? `Fristen for at forberede din MUS er ${date}, og du er ikke begyndt endnu. Det tager ${preparationTime(totalSteps).da}, og du kan holde pause undervejs.`
      : `The deadline for preparing your MUS is ${date}, and you have not started yet. It takes ${preparationTime(totalSteps).en}, and you can pause along the way.`;
  }
  return locale === 'da'
    ? `Fristen for at forberede din MUS er ${date}. Du er godt på vej — gør forberedelsen færdig, og vælg, hvad din leder må se.`
    : `The deadline for preparing your MUS is ${date}. You are well on the way — finish your preparation and choose what your leader may see.`;
}

export function stepsDone(completed: number, total: number): LocalizedText {
  return { da: `${completed} af ${total} trin`, en: `${completed} of ${total} steps` };
}

/** A leader's next action on a reminder: how far the department's preparation is. */
export function preparationProgressLine(department: string, notPrepared: number, people: number, roundStarted: boolean): LocalizedText {
  if (!roundStarted) return { da: `${department}: ingen MUS-runde startet endnu`, en: `${department}: no MUS round started yet` };
  if (notPrepared === 0) return { da: `${department}: alle ${people} har forberedt sig`, en: `${department}: all ${people} have prepared` };
  return {
    da: `${department}: ${notPrepared} af ${people} har ikke forberedt sig endnu`,
    en: `${department}: ${notPrepared} of ${people} have not prepared yet`,
  };
}

export function departmentAction(action: LocalizedText, department: string): LocalizedText {
  return { da: `${action.da}: ${department}`, en: `${action.en}: ${department}` };
}

export function questionsTitle(department: string): LocalizedText {
  return { da: `MUS-spørgsmål for ${department}`, en: `MUS questions for ${department}` };
}

export function ownQuestionLabel(slot: number): LocalizedText {
  return { da: `Eget spørgsmål ${slot}`, en: `Own question ${slot}` };
}

/** On the leader's question set card when the bank has lost some of the department's questions. */
export function questionsMissing(count: number): LocalizedText {
  return count === 1
    ? { da: 'Et af jeres valgte spørgsmål er ikke længere i spørgsmålsbanken og stilles ikke. Gem for at rydde op.', en: 'One of your chosen questions is no longer in the question bank and is not asked. Save to tidy up.' }
    : { da: `${count} af jeres valgte spørgsmål er ikke længere i spørgsmålsbanken og stilles ikke. Gem for at rydde op.`, en: `${count} of your chosen questions are no longer in the question bank and are not asked. Save to tidy up.` };
}

export function yearTitle(department: string): LocalizedText {
  return { da: `Dit år – ${department}`, en: `Your year – ${department}` };
}

/** "om 8 dage", "i dag", "for 3 dage siden". */
export function daysFromToday(days: number): LocalizedText {
  if (days === 0) return { da: 'i dag', en: 'today' };
  if (days === 1) return { da: 'i morgen', en: 'tomorrow' };
  if (days > 0) return { da: `om ${days} dage`, en: `in ${days} days` };
  if (days === -1) return { da: 'i går', en: 'yesterday' };
  return { da: `for ${-days} dage siden`, en: `${-days} days ago` };
}

export function nudgeButton(count: number): LocalizedText {
  return count === 1
    ? { da: 'Send en påmindelse til den ene, der mangler', en: 'Send a nudge to the one who has not prepared' }
    : { da: `Send en påmindelse til de ${count}, der mangler`, en: `Send a nudge to the ${count} who have not prepared` };
}

export function nudgeScheduled(count: number, now: boolean, when: string): LocalizedText {
  return now
    ? { da: `Påmindelsen er på vej til ${count}, der ikke har forberedt sig endnu.`, en: `The nudge is on its way to ${count} who have not prepared yet.` }
    : { da: `Påmindelsen går til ${count}, der ikke har forberedt sig endnu, ${when} (jeg skriver ikke om aftenen eller i weekenden).`, en: `The nudge goes to ${count} who have not prepared yet, ${when} (I do not write in the evening or at weekends).` };
}

export function aarshjulTitle(scope: string): LocalizedText {
  return { da: `Årshjulet – ${scope}`, en: `The annual cycle – ${scope}` };
}

export function aarshjulRecurs(everyMonths: number, from: string): LocalizedText {
  return { da: `Gentages hver ${everyMonths}. måned fra ${from}`, en: `Repeats every ${everyMonths} months from ${from}` };
}

export function deliveryLine(status: { delivered: number; pending: number; failed: number }): LocalizedText {
  const failed = status.failed ? { da: ` · ${status.failed} kunne ikke leveres`, en: ` · ${status.failed} could not be delivered` } : { da: '', en: '' };
  return { da: `${status.delivered} leveret · ${status.pending} på vej${failed.da}`, en: `${status.delivered} delivered · ${status.pending} on the way${failed.en}` };
}

export function gapsTitle(name: string, cycle: string): LocalizedText {
  return { da: `Kompetencegab – ${name} (${cycle})`, en: `Competence gaps – ${name} (${cycle})` };
}

export function gapsHidden(threshold: number): LocalizedText {
  return { da: `For få svar til at vise tal (under ${threshold}).`, en: `Too few answers to show figures (under ${threshold}).` };
}

/** Where a summary's figures come from: the release, and how many had rated then. */
export function gapsStatus(released: { da: string; en: string } | undefined, answered: number): LocalizedText {
  if (!released) {
    return {
      da: 'Der er ikke udgivet tal for i år endnu. Tallene udgives hver hverdag om morgenen.',
      en: 'No figures have been published for this year yet. Figures are published every working morning.',
    };
  }
  return {
    da: `Tal fra ${released.da} · ${answered} har vurderet sig selv`,
    en: `Figures from ${released.en} · ${answered} ${answered === 1 ? 'has' : 'have'} rated themselves`,
  };
}

/** Why the figures may be older than the newest answers: the release rule, in a sentence. */
export function gapsWhy(threshold: number): LocalizedText {
  return {
    da: `Tallene skifter først, når mindst ${threshold} har vurderet sig selv eller ændret deres vurdering siden – så kan ingens svar aflæses som forskellen mellem to visninger.`,
    en: `The figures change only once at least ${threshold} have rated themselves or changed their rating since – so nobody's answer can be read as the difference between two views.`,
  };
}

/** No competence has a figure: one sentence, how many answered and how many are needed. */
export function gapsNone(answered: number, threshold: number): LocalizedText {
  return {
    da: `Ingen tal endnu: ${answered} har vurderet sig selv, og der skal mindst ${threshold} til, før tal kan vises uden at pege på nogen.`,
    en: `No figures yet: ${answered} ${answered === 1 ? 'has' : 'have'} rated themselves, and at least ${threshold} are needed before figures can be shown without pointing at anyone.`,
  };
}

/** Some competences have no figure (too few rated them, or a figure would single someone out). */
export function gapsNotShown(names: readonly string[]): LocalizedText {
  return { da: `Ingen tal endnu for: ${names.join(', ')}.`, en: `No figures yet for: ${names.join(', ')}.` };
}

/** A figure kept from an earlier release than the summary's newest. */
export function gapsOlder(at: { da: string; en: string }): LocalizedText {
  return { da: `tal fra ${at.da}`, en: `figures from ${at.en}` };
}

export function gapsPosted(channel: string): LocalizedText {
  return { da: `Kompetencegabet er delt i ${channel}. Teamet kan stemme om, hvad I skal prioritere.`, en: `The competence gaps are shared in ${channel}. The team can vote on what to prioritise.` };
}

export function votesLabel(name: string, count: number): LocalizedText {
  return {
    da: `${name} – ${count} ${count === 1 ? 'stemme' : 'stemmer'}`,
    en: `${name} – ${count} ${count === 1 ? 'vote' : 'votes'}`,
  };
}

export function municipalityTitle(cycle: string): LocalizedText {
  return { da: `Hele kommunen – kompetencegab ${cycle}`, en: `The whole municipality – competence gaps ${cycle}` };
}

export function overviewLine(answered: number, largest: { name: string; gap: string } | undefined): LocalizedText {
  const gap = largest ? { da: ` · største gab: ${largest.name} ${largest.gap}`, en: ` · largest gap: ${largest.name} ${largest.gap}` } : { da: '', en: '' };
  return { da: `${answered} har vurderet sig selv${gap.da}`, en: `${answered} ${answered === 1 ? 'has' : 'have'} rated themselves${gap.en}` };
}

/** What a release HR asked for published, per cycle. */
export function releaseDone(reports: ReadonlyArray<{ cycle: string; release?: number; fresh: number }>): { title: LocalizedText; lines: LocalizedText[] } {
  return {
    title: { da: 'Tallene er udgivet', en: 'The figures are published' },
    lines: reports.map((r) => (r.release
      ? { da: `${r.cycle}: udgivelse nr. ${r.release} med ${r.fresh} nye tal.`, en: `${r.cycle}: release no. ${r.release} with ${r.fresh} new figures.` }
      : { da: `${r.cycle}: intet nyt at udgive – tallene er som før.`, en: `${r.cycle}: nothing new to publish – the figures are as before.` })),
  };
}

/** What kind of row an erasure deletes or changes, per table, for HR's confirmation card. */
export const erasureKindNames: Record<string, LocalizedText> = {
  departments: { da: 'Afdelinger, hvor personen er leder (fjernes som leder)', en: 'Departments they lead (removed as leader)' },
  people: { da: 'Personen', en: 'The person' },
  memberships: { da: 'Afdelingsmedlemskab', en: 'Department membership' },
  conversations: { da: 'Samtaler med botten', en: 'Conversations with the bot' },
  preferences: { da: 'Egne valg (sprog)', en: 'Own choices (language)' },
  preparations: { da: 'MUS-forberedelser, selvvurderinger og lederens vurderinger', en: 'MUS preparations, self-ratings and leader ratings' },
  questionSets: { da: 'Afdelingers spørgsmål, personen har rettet', en: "Departments' questions they edited" },
  profiles: { da: 'Kompetenceprofiler, personen har rettet', en: 'Competence profiles they edited' },
  rounds: { da: 'MUS-runder (inviteret eller startet af personen)', en: 'MUS rounds (invited to or started by them)' },
  plans: { da: 'Udviklingsplaner, versioner og opfølgninger', en: 'Development plans, versions and follow-ups' },
  schedule: { da: 'Planlagte påmindelser og puf', en: 'Scheduled reminders and nudges' },
  aarshjul: { da: 'Årshjulsændringer, personen har gemt', en: 'Annual-cycle edits they saved' },
  outbox: { da: 'Beskeder, der venter på at blive sendt', en: 'Messages waiting to be sent' },
  outboxBatches: { da: 'Udsendelser, personen har startet', en: 'Mailings they started' },
  deadLetters: { da: 'Beskeder, der ikke kunne leveres', en: 'Messages that could not be delivered' },
  deliveryStates: { da: 'Leveringsstatus for personens chat', en: "Delivery state of their chat" },
  postings: { da: 'Stemmer og opslag i kanaler', en: 'Votes and channel postings' },
  groupConversations: { da: 'GRUS-svar og deltagelse', en: 'GRUS answers and participation' },
  actionPlans: { da: 'Handlingsplaner, personen har rettet', en: 'Action plans they edited' },
  audit: { da: 'Revisionslog (personen erstattes af "slettet")', en: 'Audit log (the person is replaced by "erased")' },
  releases: { da: 'Udgivne tal (koblingen til personen fjernes; tallene står tilbage uden navn)', en: 'Published figures (the link to the person is removed; the figures stay, without a name)' },
};

export function eraseHeading(name: string, email: string): LocalizedText {
  const who = email ? `${name} (${email})` : name;
  return { da: `Dette slettes eller ændres om ${who}:`, en: `This is erased or changed about ${who}:` };
}

export function eraseLine(kind: LocalizedText, deleted: number, redacted: number): LocalizedText {
  const da = [deleted ? `${deleted} slettes` : '', redacted ? `${redacted} ændres` : ''].filter(Boolean).join(', ');
  const en = [deleted ? `${deleted} erased` : '', redacted ? `${redacted} changed` : ''].filter(Boolean).join(', ');
  return { da: `${kind.da}: ${da}`, en: `${kind.en}: ${en}` };
}

export function eraseMatches(count: number): LocalizedText {
  return { da: `${count} ${count === 1 ? 'person matcher' : 'personer matcher'}.`, en: `${count} ${count === 1 ? 'person matches' : 'people match'}.` };
}

/** Without the name: the bot keeps a short-lived copy of each card answer (redeliveries), and nothing may name an erased person. */
export function eraseDone(rows: number): LocalizedText {
  return { da: `Personen er slettet: ${rows} rækker slettet eller ændret.`, en: `The person has been erased: ${rows} rows erased or changed.` };
}

const auditKindNames: Record<string, LocalizedText> = {
  'shared-preparation': { da: 'delte MUS-forberedelse', en: 'shared MUS preparation' },
  plan: { da: 'udviklingsplan', en: 'development plan' },
  'leader-rating': { da: 'vurdering (lederens og egen)', en: 'rating (the leader\'s and their own)' },
  'department-status': { da: 'status i afdelingens oversigt', en: "status in the department overview" },
  erasure: { da: 'sletning', en: 'erasure' },
  'area-figures': { da: 'områdets tal (MED/TR)', en: "the area's figures (MED/TR)" },
  'area-action-plan': { da: 'godkendt handlingsplan (MED/TR)', en: 'approved action plan (MED/TR)' },
};

/** HR's filter by kind of read (the log's own kinds, in the order HR thinks of them). */
export const auditKindTitles: Record<string, LocalizedText> = {
  'shared-preparation': { da: 'Delte MUS-forberedelser', en: 'Shared MUS preparations' },
  plan: { da: 'Udviklingsplaner', en: 'Development plans' },
  'leader-rating': { da: 'Vurderinger', en: 'Ratings' },
  'department-status': { da: 'Afdelingens oversigt', en: 'Department overview' },
  erasure: { da: 'Sletninger', en: 'Erasures' },
  'area-figures': { da: 'Områders tal (MED/TR)', en: "Areas' figures (MED/TR)" },
  'area-action-plan': { da: 'Områders handlingsplaner (MED/TR)', en: "Areas' action plans (MED/TR)" },
};

/**
 * One entry of the audit log: who read whom, what and when. A read of many people (a
 * department's overview) is one line naming them — the first few, and how many more.
 */
export function auditLine(reader: string, subjects: readonly string[], total: number, kind: string, detail: string): LocalizedText {
  const what = auditKindNames[kind] ?? { da: kind, en: kind };
  const suffix = detail ? ` (${detail})` : '';
  const [first = ''] = subjects;
  if (kind === 'erasure') return { da: `${reader} slettede ${first}${suffix}`, en: `${reader} erased ${first}${suffix}` };
  if (total <= 1) return { da: `${reader} så ${first}: ${what.da}${suffix}`, en: `${reader} saw ${first}: ${what.en}${suffix}` };
  const more = total - subjects.length;
  const names = {
    da: more > 0 ? `${subjects.join(', ')} og ${more} ${more === 1 ? 'anden' : 'andre'}` : joinList(subjects, 'og'),
    en: more > 0 ? `${subjects.join(', ')} and ${more} ${more === 1 ? 'other' : 'others'}` : joinList(subjects, 'and'),
  };
  return {
    da: `${reader} så ${total} personer: ${what.da}${suffix} – ${names.da}`,
    en: `${reader} saw ${total} people: ${what.en}${suffix} – ${names.en}`,
  };
}

export function auditTitleFor(name: string | undefined): LocalizedText {
  return name ? { da: `Revisionslog – ${name}`, en: `Audit log – ${name}` } : { da: 'Revisionslog', en: 'Audit log' };
}

export function grusStartTitle(department: string): LocalizedText {
  return { da: `Start en GRUS – ${department}`, en: `Start a group conversation – ${department}` };
}

export function grusStatusTitle(): LocalizedText {
  return { da: 'Dine gruppeudviklingssamtaler (GRUS)', en: 'Your group conversations (GRUS)' };
}

export function grusInvite(leader: string, team: string, deadline: string): { title: LocalizedText; intro: LocalizedText } {
  return {
    title: { da: `GRUS i ${team}`, en: `Group conversation in ${team}` },
    intro: {
      da: `${leader} har startet en gruppeudviklingssamtale. Svar inden ${deadline}. Dit svar er anonymt: teamet ser kun resultatet samlet, og først når nok har svaret.`,
      en: `${leader} has started a group development conversation. Please answer by ${deadline}. Your answer is anonymous: the team only sees the combined result, and only once enough have answered.`,
    },
  };
}

export function grusAnswerSaved(answered: number, participants: number): LocalizedText {
  return {
    da: `Tak – dit svar er gemt. ${answered} af ${participants} har svaret. Du kan rette dit svar, indtil resultatet er delt.`,
    en: `Thank you – your answer is saved. ${answered} of ${participants} have answered. You can change your answer until the result is shared.`,
  };
}

export function grusStarted(team: string, participants: number, unreachable: number, deadline: string): LocalizedText {
  const missing = unreachable
    ? {
      da: ` ${unreachable} har ikke installeret Kompetencebot endnu, så jeg kan ikke skrive til dem – bed dem skrive "grus" til mig for at svare.`,
      en: ` ${unreachable} have not installed Kompetencebot yet, so I cannot write to them – ask them to type "grus" to me to answer.`,
    }
    : { da: '', en: '' };
  return {
    da: `GRUS startet i ${team}: ${participants} deltagere får spørgsmålene, svarfrist ${deadline}.${missing.da}`,
    en: `Group conversation started in ${team}: ${participants} participants get the questions, deadline ${deadline}.${missing.en}`,
  };
}

export function grusPosted(team: string): LocalizedText {
  return { da: `Resultatet af GRUS er delt i ${team}.`, en: `The group conversation's result is shared in ${team}.` };
}

export function grusStatusLine(state: 'open' | 'posted', answered: number, participants: number, deadline: string, threshold: number): LocalizedText {
  if (state === 'posted') return { da: `Resultatet er delt (${answered} svar).`, en: `The result is shared (${answered} answers).` };
  const more = answered < threshold ? { da: ` Resultatet kan deles, når mindst ${threshold} har svaret.`, en: ` The result can be shared once at least ${threshold} have answered.` } : { da: '', en: '' };
  return {
    da: `${answered} af ${participants} har svaret · svarfrist ${deadline}.${more.da}`,
    en: `${answered} of ${participants} have answered · deadline ${deadline}.${more.en}`,
  };
}

export function grusResultTitle(team: string, cycle: string): LocalizedText {
  return { da: `GRUS – ${team} (${cycle})`, en: `Group conversation – ${team} (${cycle})` };
}

export function grusRespondents(count: number): LocalizedText {
  return { da: `${count} har svaret`, en: `${count} have answered` };
}

export function actionPlanTitle(department: string, cycle: string): LocalizedText {
  return { da: `Handlingsplan – ${department} (${cycle})`, en: `Action plan – ${department} (${cycle})` };
}

export function groupPlanTitle(team: string, cycle: string): LocalizedText {
  return { da: `Gruppens udviklingsplan – ${team} (${cycle})`, en: `The group's development plan – ${team} (${cycle})` };
}

export function actionPlanStatus(state: 'new' | 'draft' | 'approved', version: number, date: string): LocalizedText {
  if (state === 'new') return { da: 'Ny plan – start med forslagene herunder.', en: 'New plan – start from the suggestions below.' };
  if (state === 'approved') return { da: `Version ${version}, godkendt ${date}.`, en: `Version ${version}, approved ${date}.` };
  return version > 0
    ? { da: `Kladde – ændret efter version ${version}, skal godkendes igen.`, en: `Draft – changed after version ${version}, to be approved again.` }
    : { da: 'Kladde – ikke godkendt endnu.', en: 'Draft – not approved yet.' };
}

export function actionPlanApproved(version: number, channel: string | undefined): LocalizedText {
  return channel
    ? { da: `Handlingsplanen er godkendt (version ${version}) og delt i ${channel}.`, en: `The action plan is approved (version ${version}) and shared in ${channel}.` }
    : { da: `Handlingsplanen er godkendt (version ${version}).`, en: `The action plan is approved (version ${version}).` };
}

export function suggestionLine(name: string, parts: { gap?: string; votes: number; planGoals: number }): LocalizedText {
  const da = [parts.gap ? `gab ${parts.gap}` : '', parts.votes ? `${parts.votes} ${parts.votes === 1 ? 'stemme' : 'stemmer'}` : '', parts.planGoals ? `${parts.planGoals} ${parts.planGoals === 1 ? 'mål' : 'mål'} i udviklingsplaner` : ''].filter(Boolean).join(' · ');
  const en = [parts.gap ? `gap ${parts.gap}` : '', parts.votes ? `${parts.votes} ${parts.votes === 1 ? 'vote' : 'votes'}` : '', parts.planGoals ? `${parts.planGoals} ${parts.planGoals === 1 ? 'goal' : 'goals'} in development plans` : ''].filter(Boolean).join(' · ');
  return { da: `${name}: ${da}`, en: `${name}: ${en}` };
}

export function actionItemHeading(n: number): LocalizedText {
  return { da: `Punkt ${n}`, en: `Item ${n}` };
}

export function groupPlanPosted(team: string): LocalizedText {
  return { da: `Gruppens udviklingsplan er delt i ${team}.`, en: `The group's development plan is shared in ${team}.` };
}

export function grusTooFew(team: string, answered: number, participants: number, threshold: number): { title: LocalizedText; line: LocalizedText } {
  return {
    title: { da: `Svarfristen for GRUS i ${team} er overskredet`, en: `The deadline of the group conversation in ${team} has passed` },
    line: {
      da: `${answered} af ${participants} har svaret. Resultatet kan først deles, når mindst ${threshold} har svaret, så det er ikke delt. GRUS'en er stadig åben: minder du teamet om den, kan du dele resultatet, når der er svar nok (skriv "grus").`,
      en: `${answered} of ${participants} have answered. The result can only be shared once at least ${threshold} have answered, so it has not been shared. The group conversation is still open: if you remind the team, you can share the result once there are enough answers (type "grus").`,
    },
  };
}

export function exportNote(minutes: number, personal: boolean): LocalizedText {
  const extra = personal ? { da: ' Filen indeholder personoplysninger: gem den kun, hvor den må ligge.', en: ' The file holds personal data: keep it only where it may be kept.' } : { da: '', en: '' };
  return { da: `Linket virker i ${minutes} minutter og kun for dig.${extra.da}`, en: `The link works for ${minutes} minutes and only for you.${extra.en}` };
}

export function exportButton(format: 'csv' | 'xlsx' | 'json'): LocalizedText {
  const name = format === 'xlsx' ? 'Excel' : format.toUpperCase();
  return { da: `Hent ${name}`, en: `Download ${name}` };
}
