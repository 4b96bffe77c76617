import type { LocalizedText } from './i18n';
import type { UnreachableReason } from './reach';

/**
 * The texts of reaching everyone, in Danish and English: the MED-udvalg's, Hovedudvalget's and
 * the tillidsrepræsentanter's view (`mit område`), the Entra ID sync's report to HR, and who the
 * bot could not reach and why. Fixed texts are spread into `texts` (card templates read them as
 * `${t.<key>}`); texts with values are the functions below.
 */
export const reachTexts = {
  areaTitle: { da: 'Mit område', en: 'My area' },
  areaIntro: {
    da: 'Tallene er kommunens offentliggjorte tal for området: aldrig nogens egne svar, og aldrig for færre personer end anonymitetsgrænsen. Handlingsplanerne er de godkendte versioner. Hvert opslag bliver skrevet i revisionsloggen.',
    en: "The figures are the municipality's published figures for the area: never anyone's own answers, and never for fewer people than the anonymity threshold. The action plans are the approved versions. Every look-up is written in the audit log.",
  },
  areaChooseDepartment: { da: 'Afdeling', en: 'Department' },
  areaChoosePlaceholder: { da: 'Vælg en afdeling', en: 'Choose a department' },
  areaOpenFigures: { da: 'Se tallene', en: 'See the figures' },
  areaOpenChosen: { da: 'Se afdelingens tal', en: "See the department's figures" },
  areaOpenPlan: { da: 'Se den godkendte handlingsplan', en: 'See the approved action plan' },
  areaApprovedPlans: { da: 'Godkendte handlingsplaner', en: 'Approved action plans' },
  areaNoPlans: { da: 'Ingen afdeling i området har godkendt en handlingsplan endnu.', en: 'No department in the area has approved an action plan yet.' },
  areaNone: {
    da: 'Du er ikke registreret i et MED-udvalg, i Hovedudvalget eller som tillidsrepræsentant. Kontakt HR, hvis det er forkert.',
    en: 'You are not registered in a MED committee, in the Main Joint Committee (Hovedudvalget) or as a union representative. Contact HR if that is wrong.',
  },
  areaOpenFromReminder: { da: 'Åbn områdets tal', en: "Open the area's figures" },
  roundUnreachableItHelp: {
    da: 'Det kan IT løse: en Teams-app-politik eller en manglende licens rettes i Teams Admin Center, en deaktiveret konto i Entra ID. De bliver inviteret, når du starter runden igen.',
    en: 'IT can fix this: a Teams app policy or a missing licence in the Teams admin center, a disabled account in Entra ID. They are invited when you start the round again.',
  },
  deptUnreachable: { da: 'Kunne ikke nås', en: 'Could not be reached' },
  syncRefusedTitle: { da: 'Organisationen fra Entra ID er ikke opdateret', en: 'The organisation from Entra ID was not updated' },
  syncRefusedIntro: {
    da: 'Synkroniseringen fandt fejl i Entra ID og har ikke ændret noget: alle har stadig den afdeling og rolle, de havde. Ret fejlene i Entra ID (eller i reglerne), så prøver jeg igen ved næste synkronisering.',
    en: 'The sync found problems in Entra ID and changed nothing: everyone keeps the department and role they had. Fix the problems in Entra ID (or in the rules), and I will try again at the next sync.',
  },
} as const satisfies Record<string, LocalizedText>;

/** What the person is in the area, e.g. "MED-udvalget for Social og Sundhed". */
export function areaHeading(role: 'med' | 'tr' | 'hovedudvalg', name: string): LocalizedText {
  switch (role) {
    case 'med':
      return { da: `MED-udvalget for ${name}`, en: `The MED committee for ${name}` };
    case 'tr':
      return { da: `Tillidsrepræsentant for ${name}`, en: `Union representative for ${name}` };
    case 'hovedudvalg':
      return { da: `Hovedudvalget – ${name}`, en: `The Main Joint Committee (Hovedudvalget) – ${name}` };
  }
}

export function areaPlanLine(department: string, version: number, date: string): LocalizedText {
  return { da: `${department}: version ${version}, godkendt ${date}`, en: `${department}: version ${version}, approved ${date}` };
}

export function areaPlanTitle(department: string, cycle: string, version: number, date: string): { title: LocalizedText; subtitle: LocalizedText } {
  return {
    title: { da: `Handlingsplan – ${department} (${cycle})`, en: `Action plan – ${department} (${cycle})` },
    subtitle: { da: `Godkendt version ${version}, ${date}. Kun til læsning.`, en: `Approved version ${version}, ${date}. Read-only.` },
  };
}

export function moreProblems(count: number): LocalizedText {
  return { da: `… og ${count} fejl mere.`, en: `… and ${count} more problems.` };
}

/** Why someone could not be reached, in words for their leader and HR. */
export const unreachableText: Record<UnreachableReason, LocalizedText> = {
  'not-installed': { da: 'har ikke åbnet Kompetencebot', en: 'has not opened Kompetencebot' },
  'blocked-by-policy': { da: 'appen er blokeret af en Teams-politik', en: 'the app is blocked by a Teams policy' },
  'no-licence': { da: 'har ingen Teams-licens', en: 'has no Teams licence' },
  'user-disabled': { da: 'kontoen er deaktiveret', en: 'the account is disabled' },
  'not-in-teams': { da: 'findes ikke i Teams', en: 'is not found in Teams' },
  'graph-permission': { da: 'Kompetencebot mangler tilladelse til at installere sig (IT)', en: 'Kompetencebot lacks the permission to install itself (IT)' },
  'install-failed': { da: 'installationen mislykkedes', en: 'installing failed' },
  blocked: { da: 'har blokeret Kompetencebot', en: 'has blocked Kompetencebot' },
  exhausted: { da: 'Teams svarede ikke', en: 'Teams did not answer' },
  rejected: { da: 'Teams afviste beskeden', en: 'Teams refused the message' },
};

/** "Mette Jensen (har ingen Teams-licens)" for each, joined. */
export function unreachableList(people: ReadonlyArray<{ name: string; reason: UnreachableReason }>): LocalizedText {
  const line = (locale: 'da' | 'en') => people.map((p) => `${p.name} (${unreachableText[p.reason][locale]})`).join(', ');
  return { da: line('da'), en: line('en') };
}

/** HR's count of who the bot cannot reach, by reason. */
export function reachSummary(counts: ReadonlyArray<{ reason: UnreachableReason; count: number }>): LocalizedText {
  if (counts.length === 0) return { da: '', en: '' };
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const parts = (locale: 'da' | 'en') => counts.map((c) => `${c.count}: ${unreachableText[c.reason][locale]}`).join(' · ');
  return {
    da: `Kompetencebot kan ikke nå ${total} ${total === 1 ? 'person' : 'personer'} i Teams – ${parts('da')}`,
    en: `Kompetencebot cannot reach ${total} ${total === 1 ? 'person' : 'people'} in Teams – ${parts('en')}`,
  };
}

export function installingLine(count: number): LocalizedText {
  return {
    da: `${count} har ikke åbnet Kompetencebot endnu: jeg installerer appen for dem i Teams og sender invitationen bagefter.`,
    en: `${count} have not opened Kompetencebot yet: I install the app for them in Teams and send the invitation after.`,
  };
}
