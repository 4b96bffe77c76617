import type { Locale, LocalizedText } from './i18n';

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
  whatICanDo: { da: 'Det kan jeg hjælpe dig med', en: 'What I can help you with' },
  showHelp: { da: 'Vis kommandoer', en: 'Show commands' },
  helpTitle: { da: 'Kommandoer', en: 'Commands' },
  helpIntro: {
    da: 'Skriv en af kommandoerne herunder i chatten, eller vælg den i kommandomenuen.',
    en: 'Type one of the commands below in the chat, or pick it from the command menu.',
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
  staleCard: {
    da: 'Det kort er forældet: der er sket noget nyt siden. Her er det aktuelle.',
    en: 'That card is out of date: something has changed since. Here is the current one.',
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
  roleEmployee: { da: 'medarbejder', en: 'employee' },
  roleLeader: { da: 'leder', en: 'leader' },
  roleHr: { da: 'HR-administrator', en: 'HR administrator' },
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

function joinList(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
