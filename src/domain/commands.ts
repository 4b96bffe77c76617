import type { LocalizedText, Locale } from './i18n';
import type { Role } from './org';

/**
 * The chat commands, with the words that trigger them in each language. The Teams manifest's
 * command lists show the same titles (a test keeps the two in step).
 */
export interface Command {
  id: CommandId;
  /** Words that trigger the command (matched case-insensitively, whole message). */
  triggers: readonly string[];
  title: LocalizedText;
  description: LocalizedText;
  /** Who sees it in the help; a command for 'employee' is for everyone registered. */
  roles: readonly Role[];
  /** Where it is offered. */
  scopes: readonly ('personal' | 'team' | 'groupChat')[];
}

export type CommandId = 'help' | 'prepare' | 'plan' | 'department' | 'year' | 'grus' | 'action-plan' | 'my-data' | 'aarshjul' | 'municipality' | 'erase-person' | 'audit-log' | 'language-da' | 'language-en' | 'area';

export const commands: readonly Command[] = [
  {
    id: 'help',
    triggers: ['hjælp', 'hjaelp', 'help', '?', '/help', '/hjælp'],
    title: { da: 'hjælp', en: 'help' },
    description: { da: 'Vis hvad jeg kan hjælpe dig med', en: 'Show what I can help you with' },
    roles: ['employee'],
    scopes: ['personal', 'team', 'groupChat'],
  },
  {
    id: 'prepare',
    triggers: ['forbered mus', 'forbered', 'mus', 'prepare mus', 'prepare'],
    title: { da: 'forbered MUS', en: 'prepare MUS' },
    description: { da: 'Forbered din medarbejderudviklingssamtale', en: 'Prepare for your development conversation' },
    roles: ['employee'],
    scopes: ['personal'],
  },
  {
    id: 'plan',
    triggers: ['udviklingsplan', 'min udviklingsplan', 'plan', 'development plan', 'my development plan'],
    title: { da: 'udviklingsplan', en: 'development plan' },
    description: { da: 'Se og godkend din udviklingsplan', en: 'See and approve your development plan' },
    roles: ['employee'],
    scopes: ['personal'],
  },
  {
    id: 'department',
    triggers: ['min afdeling', 'afdeling', 'my department', 'department'],
    title: { da: 'min afdeling', en: 'my department' },
    description: { da: 'Se hvem i din afdeling der har forberedt sig til MUS', en: 'See who in your department has prepared for MUS' },
    roles: ['leader'],
    scopes: ['personal'],
  },
  {
    id: 'year',
    triggers: ['mit år', 'mit aar', 'my year', 'year'],
    title: { da: 'mit år', en: 'my year' },
    description: { da: 'Se årshjulet: hvad der er overskredet, og hvad der kommer', en: 'See the annual cycle: what is overdue and what comes next' },
    roles: ['leader'],
    scopes: ['personal'],
  },
  {
    id: 'grus',
    triggers: ['grus', 'gruppeudviklingssamtale', 'group conversation', 'group development conversation'],
    title: { da: 'grus', en: 'group conversation' },
    description: { da: 'Start en gruppeudviklingssamtale med et team, og se svarene samlet', en: 'Start a group development conversation with a team and see the combined answers' },
    roles: ['leader'],
    scopes: ['personal'],
  },
  {
    id: 'action-plan',
    triggers: ['handlingsplan', 'afdelingens handlingsplan', 'action plan'],
    title: { da: 'handlingsplan', en: 'action plan' },
    description: { da: 'Lav afdelingens handlingsplan ud fra gabene, stemmerne og udviklingsplanerne', en: "Make the department's action plan from the gaps, the votes and the development plans" },
    roles: ['leader'],
    scopes: ['personal'],
  },
  {
    id: 'area',
    triggers: ['mit område', 'mit omraade', 'område', 'med', 'med-udvalg', 'hovedudvalg', 'tr', 'my area', 'area'],
    title: { da: 'mit område', en: 'my area' },
    description: {
      da: 'Områdets offentliggjorte tal og godkendte handlingsplaner (MED-udvalg, Hovedudvalget, tillidsrepræsentant)',
      en: "The area's published figures and approved action plans (MED committee, Hovedudvalget, union representative)",
    },
    roles: ['med', 'hovedudvalg', 'tr'],
    scopes: ['personal'],
  },
  {
    id: 'aarshjul',
    triggers: ['årshjul', 'aarshjul', 'årshjulet', 'annual cycle'],
    title: { da: 'årshjul', en: 'annual cycle' },
    description: { da: 'Ret årshjulets datoer og påmindelser (HR)', en: "Change the annual cycle's dates and reminders (HR)" },
    roles: ['hr'],
    scopes: ['personal'],
  },
  {
    id: 'municipality',
    triggers: ['kommunen', 'hele kommunen', 'municipality'],
    title: { da: 'kommunen', en: 'municipality' },
    description: { da: 'Årets kompetencegab for hele kommunen og pr. afdeling (HR)', en: "The year's competence gaps for the municipality and per department (HR)" },
    roles: ['hr'],
    scopes: ['personal'],
  },
  {
    id: 'erase-person',
    triggers: ['slet person', 'slet en person', 'erase person', 'erase a person'],
    title: { da: 'slet person', en: 'erase person' },
    description: { da: 'Slet alle data om en person, når de beder om det (HR)', en: 'Erase all data about a person at their request (HR)' },
    roles: ['hr'],
    scopes: ['personal'],
  },
  {
    id: 'audit-log',
    triggers: ['revisionslog', 'revisionslogen', 'audit log', 'audit'],
    title: { da: 'revisionslog', en: 'audit log' },
    description: { da: 'Se hvem der har set andres persondata (HR)', en: "See who has seen other people's personal data (HR)" },
    roles: ['hr'],
    scopes: ['personal'],
  },
  {
    id: 'my-data',
    triggers: ['mine data', 'min data', 'mine oplysninger', 'my data', 'export my data'],
    title: { da: 'mine data', en: 'my data' },
    description: { da: 'Hent alt, hvad Kompetencebot har gemt om dig, som en fil', en: 'Download everything Kompetencebot has stored about you as a file' },
    roles: ['employee'],
    scopes: ['personal'],
  },
  {
    id: 'language-da',
    triggers: ['dansk', 'danish', 'sprog dansk', 'language danish'],
    title: { da: 'dansk', en: 'dansk' },
    description: { da: 'Tal dansk med mig', en: 'Speak Danish with me' },
    roles: ['employee'],
    scopes: ['personal'],
  },
  {
    id: 'language-en',
    triggers: ['english', 'engelsk', 'sprog engelsk', 'language english'],
    title: { da: 'english', en: 'english' },
    description: { da: 'Tal engelsk med mig', en: 'Speak English with me' },
    roles: ['employee'],
    scopes: ['personal'],
  },
];

/** Which command a typed message asks for, if any. */
export function matchCommand(text: string | undefined): Command | undefined {
  const normalised = (text ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (!normalised) return undefined;
  return commands.find((c) => c.triggers.includes(normalised));
}

export function commandTrigger(command: CommandId): RegExp {
  const c = commands.find((x) => x.id === command)!;
  const alternatives = c.triggers.map((t) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
  return new RegExp(`^\\s*(${alternatives})\\s*$`, 'i');
}

/** The commands a person with these roles can use, in this scope, for the help card. */
export function commandsFor(roles: readonly Role[], scope: Command['scopes'][number], locale: Locale) {
  return commands
    .filter((c) => c.scopes.includes(scope) && c.roles.some((r) => roles.includes(r)))
    .map((c) => ({ id: c.id, title: c.title[locale], description: c.description[locale] }));
}
