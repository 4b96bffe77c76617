import { z } from 'zod';
import { localizedTextSchema } from './i18n';

/**
 * The domain data a municipality can replace without a rebuild: the competence model, the
 * activity catalogue (idékatalog), the annual cycle (årshjul) and the MUS question bank.
 * Each lives in its own JSON file under the data directory; this module holds their schemas,
 * the cross-file checks and the small lookups the rest of the code needs. Pure: no I/O.
 */

/** The file that holds each part, as named in the data directory and in every problem line. */
export const domainDataFiles = {
  competenceModel: 'competence-model.json',
  activityCatalogue: 'activity-catalogue.json',
  aarshjul: 'aarshjul.json',
  questionBank: 'question-bank.json',
} as const;
export type DomainDataPart = keyof typeof domainDataFiles;

/** Ids are lower-case ASCII kebab-case, so they are safe in storage keys, card data and URLs. */
export const idPattern = /^[a-z0-9][a-z0-9-]*$/;
const id = z.string().regex(idPattern);
const schemaVersion = z.literal(1);
const version = z.string().trim().min(1).max(100);
const text = localizedTextSchema;

/** A localized text of at most `max` characters in every language (for one-liners on cards). */
function shortText(max: number) {
  return localizedTextSchema.superRefine((value, ctx) => {
    for (const locale of ['da', 'en'] as const) {
      const length = value[locale].length;
      if (length > max)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [locale],
          message: `must be at most ${max} characters (it is ${length})`,
        });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// competence-model.json

export const competenceAudiences = ['employee', 'leader'] as const;
/** Who a competence is for: employees (rated in MUS) or leaders (rated in LUS). */
export type CompetenceAudience = (typeof competenceAudiences)[number];

const scaleLevelSchema = z
  .object({
    value: z.number().int(),
    label: text,
    description: text,
  })
  .strict();

/** The rating scale: worded levels 1..N and a "not relevant" answer. */
export const ratingScaleSchema = z
  .object({
    levels: z.array(scaleLevelSchema).min(2).max(10),
    notRelevant: text,
  })
  .strict();

const competenceGroupSchema = z
  .object({
    id,
    name: text,
    description: text,
  })
  .strict();

const competenceSchema = z
  .object({
    id,
    groupId: id,
    audience: z.enum(competenceAudiences),
    name: text,
    /** One line for cards and lists. */
    short: shortText(140),
    /** Hvad: what the competence is. */
    what: text,
    /** Hvorfor: why it matters. */
    why: text,
    /** Hvordan: how to develop it. */
    how: text,
    /** A job-specific ("faglig") competence that a department adds to the general ones. */
    professional: z.boolean().optional(),
  })
  .strict();

export const competenceModelSchema = z
  .object({
    schemaVersion,
    version,
    name: text,
    scale: ratingScaleSchema,
    groups: z.array(competenceGroupSchema).min(1),
    competences: z.array(competenceSchema).min(1),
  })
  .strict();

export type ScaleLevel = z.infer<typeof scaleLevelSchema>;
export type RatingScale = z.infer<typeof ratingScaleSchema>;
export type CompetenceGroup = z.infer<typeof competenceGroupSchema>;
export type Competence = z.infer<typeof competenceSchema>;
export type CompetenceModel = z.infer<typeof competenceModelSchema>;

// ---------------------------------------------------------------------------------------------
// activity-catalogue.json

/** Læring på jobbet ("on-the-job") next to courses, formal education and self-study. */
export const activityForms = ['on-the-job', 'course', 'education', 'self-study'] as const;
export type ActivityForm = (typeof activityForms)[number];

const activitySchema = z
  .object({
    id,
    name: text,
    description: text,
    form: z.enum(activityForms),
    /** The competence groups the activity fits best (used to suggest activities for gaps). */
    suitsGroups: z.array(id).min(1),
    suitsCompetences: z.array(id).optional(),
  })
  .strict();

export const activityCatalogueSchema = z
  .object({
    schemaVersion,
    version,
    activities: z.array(activitySchema).min(1),
  })
  .strict();

export type Activity = z.infer<typeof activitySchema>;
export type ActivityCatalogue = z.infer<typeof activityCatalogueSchema>;

// ---------------------------------------------------------------------------------------------
// aarshjul.json

export const milestoneKinds = [
  'profile-review',
  'mus-season-opens',
  'preparation-deadline',
  'mus-held',
  'action-plan-due',
  'mid-year-follow-up',
  'med-discussion',
  'hovedudvalg-discussion',
  'lederforum-evaluation',
] as const;
export type MilestoneKind = (typeof milestoneKinds)[number];

/**
 * 'med-members': the local MED-udvalg of the area that starts at a department, and the
 * department's tillidsrepræsentanter; 'hovedudvalg': the members of Hovedudvalget.
 */
export const milestoneAudiences = ['leaders', 'employees', 'hr', 'med-members', 'hovedudvalg'] as const;
export type MilestoneAudience = (typeof milestoneAudiences)[number];

/** The longest notice a milestone's reminder can have, in the file or set by HR in chat (a quarter). */
export const maxLeadTimeDays = 90;

/** A date that recurs every year, in the årshjul's time zone. */
const yearlyDateSchema = z
  .object({
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  })
  .strict();

const milestoneSchema = z
  .object({
    id,
    kind: z.enum(milestoneKinds),
    name: text,
    date: yearlyDateSchema,
    /** Repeats every N months within the cycle from `date` (12 must be a multiple of N); else once a year. */
    recurrence: z.object({ everyMonths: z.number().int().min(1).max(12) }).strict().optional(),
    audience: z.array(z.enum(milestoneAudiences)).min(1),
    /** How many days before the date the reminder goes out (0: on the day). */
    leadTimeDays: z.number().int().min(0).max(maxLeadTimeDays),
    /** What the reminder says: what to do now. */
    message: text,
  })
  .strict();

/** What one department changes in the municipality's årshjul: a milestone moved or switched off. */
export const milestoneOverrideSchema = z
  .object({
    id,
    date: yearlyDateSchema.optional(),
    leadTimeDays: z.number().int().min(0).max(maxLeadTimeDays).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

const departmentOverridesSchema = z
  .object({
    departmentId: z.string().trim().min(1).max(64),
    milestones: z.array(milestoneOverrideSchema).min(1),
  })
  .strict();

export const aarshjulSchema = z
  .object({
    schemaVersion,
    version,
    /** IANA time zone the dates are read in, e.g. "Europe/Copenhagen". */
    timezone: z.string().trim().min(1),
    milestones: z.array(milestoneSchema).min(1),
    /** Per-department overrides of the milestones above. */
    departments: z.array(departmentOverridesSchema).optional(),
  })
  .strict();

export type YearlyDate = z.infer<typeof yearlyDateSchema>;
export type Milestone = z.infer<typeof milestoneSchema>;
export type MilestoneOverride = z.infer<typeof milestoneOverrideSchema>;
export type Aarshjul = z.infer<typeof aarshjulSchema>;

// ---------------------------------------------------------------------------------------------
// question-bank.json

/** Answers to free-text questions are capped at this length unless the question says otherwise. */
export const defaultTextMaxLength = 2000;

const choiceSchema = z
  .object({
    id,
    label: text,
  })
  .strict();

const questionBase = {
  id,
  text,
  help: text.optional(),
  required: z.boolean(),
};

const textQuestionSchema = z
  .object({
    ...questionBase,
    kind: z.literal('text'),
    maxLength: z.number().int().min(1).max(10_000).default(defaultTextMaxLength),
  })
  .strict();

const singleChoiceQuestionSchema = z
  .object({
    ...questionBase,
    kind: z.literal('choice'),
    choices: z.array(choiceSchema),
  })
  .strict();

const multiChoiceQuestionSchema = z
  .object({
    ...questionBase,
    kind: z.literal('multi-choice'),
    choices: z.array(choiceSchema),
    /** At most this many choices may be picked (default: any number). */
    maxChoices: z.number().int().min(1).optional(),
  })
  .strict();

const questionSchema = z.discriminatedUnion('kind', [
  textQuestionSchema,
  singleChoiceQuestionSchema,
  multiChoiceQuestionSchema,
]);

const themeSchema = z
  .object({
    id,
    title: text,
    intro: text,
    questions: z.array(questionSchema).min(1),
  })
  .strict();

/** One theme of a default set, with the questions of that theme it asks, in order. */
const setEntrySchema = z
  .object({
    themeId: id,
    questionIds: z.array(id).min(1),
  })
  .strict();

export const questionSetAudiences = ['employee', 'leader', 'group'] as const;
/** employee: MUS; leader: LUS; group: GRUS. */
export type QuestionSetAudience = (typeof questionSetAudiences)[number];

export const questionBankSchema = z
  .object({
    schemaVersion,
    version,
    themes: z.array(themeSchema).min(1),
    defaultSet: z
      .object({
        employee: z.array(setEntrySchema).min(1),
        leader: z.array(setEntrySchema).min(1),
        group: z.array(setEntrySchema).min(1),
      })
      .strict(),
  })
  .strict();

export type Choice = z.infer<typeof choiceSchema>;
export type TextQuestion = z.infer<typeof textQuestionSchema>;
export type SingleChoiceQuestion = z.infer<typeof singleChoiceQuestionSchema>;
export type MultiChoiceQuestion = z.infer<typeof multiChoiceQuestionSchema>;
export type ChoiceQuestion = SingleChoiceQuestion | MultiChoiceQuestion;
export type Question = z.infer<typeof questionSchema>;
export type QuestionKind = Question['kind'];
export type Theme = z.infer<typeof themeSchema>;
export type QuestionSetEntry = z.infer<typeof setEntrySchema>;
export type QuestionBank = z.infer<typeof questionBankSchema>;

// ---------------------------------------------------------------------------------------------
// All four, validated together

export interface DomainData {
  competenceModel: CompetenceModel;
  activityCatalogue: ActivityCatalogue;
  aarshjul: Aarshjul;
  questionBank: QuestionBank;
}

export type DomainDataInput = Record<DomainDataPart, unknown>;

export type DomainDataValidation = { ok: true; data: DomainData } | { ok: false; problems: string[] };

/**
 * Parses the four files' contents and checks that they fit together. Every problem is one
 * readable line: the file name, a JSON path into it and what is wrong, e.g.
 * `competence-model.json: competences[3].groupId "kulture" is not a group (known: udvikling, kultur, resultater)`.
 * The data returned is deep-frozen: it is shared configuration, not something to edit.
 */
export function validateDomainData(raw: DomainDataInput): DomainDataValidation {
  const problems: string[] = [];
  const competenceModel = parsePart('competenceModel', competenceModelSchema, raw.competenceModel, problems);
  const activityCatalogue = parsePart('activityCatalogue', activityCatalogueSchema, raw.activityCatalogue, problems);
  const aarshjul = parsePart('aarshjul', aarshjulSchema, raw.aarshjul, problems);
  const questionBank = parsePart('questionBank', questionBankSchema, raw.questionBank, problems);

  if (competenceModel) checkCompetenceModel(competenceModel, reporter('competenceModel', problems));
  if (activityCatalogue)
    checkActivityCatalogue(activityCatalogue, competenceModel, reporter('activityCatalogue', problems));
  if (aarshjul) checkAarshjul(aarshjul, reporter('aarshjul', problems));
  if (questionBank) checkQuestionBank(questionBank, reporter('questionBank', problems));

  if (problems.length > 0 || !competenceModel || !activityCatalogue || !aarshjul || !questionBank)
    return { ok: false, problems };
  return { ok: true, data: deepFreeze({ competenceModel, activityCatalogue, aarshjul, questionBank }) };
}

// ---------------------------------------------------------------------------------------------
// Lookups the rest of the code needs

/** The competences for employees (MUS) or leaders (LUS), in the model's order. */
export function competencesFor(model: CompetenceModel, audience: CompetenceAudience): Competence[] {
  return model.competences.filter((competence) => competence.audience === audience);
}

export type GroupWithCompetences = CompetenceGroup & { competences: Competence[] };

/**
 * The model's groups in order, each with its competences for the audience in order. Groups with
 * no competence for the audience are left out.
 */
export function groupsWithCompetences(model: CompetenceModel, audience: CompetenceAudience): GroupWithCompetences[] {
  const forAudience = competencesFor(model, audience);
  return model.groups
    .map((group) => ({ ...group, competences: forAudience.filter((competence) => competence.groupId === group.id) }))
    .filter((group) => group.competences.length > 0);
}

/**
 * The activities that suit any of the given groups. Pass the groups most in need first (e.g. by
 * gap size): activities fitting the first group come first, then those fitting only the second,
 * and so on; within a rank the catalogue's order is kept.
 */
export function activitiesForGroups(catalogue: ActivityCatalogue, groupIds: readonly string[]): Activity[] {
  const rankOf = (activity: Activity): number => {
    const ranks = activity.suitsGroups.map((groupId) => groupIds.indexOf(groupId)).filter((rank) => rank >= 0);
    return ranks.length > 0 ? Math.min(...ranks) : -1;
  };
  return catalogue.activities
    .map((activity, index) => ({ activity, index, rank: rankOf(activity) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.activity);
}

export type ThemeWithQuestions = Omit<Theme, 'questions'> & { questions: Question[] };

/**
 * The default question set for a MUS ("employee"), LUS ("leader") or GRUS ("group"): its themes
 * in order, each with the chosen questions in the set's order.
 */
export function defaultQuestionSet(bank: QuestionBank, audience: QuestionSetAudience): ThemeWithQuestions[] {
  return questionSetFromEntries(bank, bank.defaultSet[audience]);
}

/** A question set (the default, or a department's own choice) resolved against the bank. */
export function questionSetFromEntries(bank: QuestionBank, entries: readonly QuestionSetEntry[]): ThemeWithQuestions[] {
  return entries.map((entry) => {
    const theme = bank.themes.find((candidate) => candidate.id === entry.themeId);
    if (!theme) throw new Error(`Question bank: theme "${entry.themeId}" is not in the bank`);
    const questions = entry.questionIds.map((questionId) => {
      const question = theme.questions.find((candidate) => candidate.id === questionId);
      if (!question) throw new Error(`Question bank: question "${questionId}" is not in theme "${theme.id}"`);
      return question;
    });
    const { questions: _all, ...rest } = theme;
    return { ...rest, questions };
  });
}

// ---------------------------------------------------------------------------------------------
// Parsing with readable messages

type Report = (path: string, message: string) => void;

function reporter(part: DomainDataPart, problems: string[]): Report {
  return (path, message) => problems.push(problemLine(part, path, message));
}

function problemLine(part: DomainDataPart, path: string, message: string): string {
  return `${domainDataFiles[part]}: ${path === '' ? 'the file' : path} ${message}`;
}

function parsePart<T extends z.ZodTypeAny>(
  part: DomainDataPart,
  schema: T,
  value: unknown,
  problems: string[],
): z.output<T> | undefined {
  const result = schema.safeParse(value, { errorMap: readableErrors });
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(problemLine(part, jsonPath(issue.path), issue.message));
  return undefined;
}

/** `['competences', 3, 'groupId']` → `competences[3].groupId`. */
export function jsonPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

const typeNames: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  integer: 'a whole number',
  float: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};
const typeName = (type: string): string => typeNames[type] ?? type;
const quoted = (values: readonly unknown[]): string => values.map((value) => JSON.stringify(value)).join(', ');

/** Messages that read after a JSON path: `competences[0].name.en is missing`. */
const readableErrors: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') return { message: 'is missing' };
      if (issue.expected === 'integer') return { message: `should be a whole number, not ${JSON.stringify(ctx.data)}` };
      return { message: `should be ${typeName(issue.expected)}, not ${typeName(issue.received)}` };
    case z.ZodIssueCode.invalid_literal:
      return { message: `must be ${JSON.stringify(issue.expected)}, not ${JSON.stringify(ctx.data)}` };
    case z.ZodIssueCode.unrecognized_keys:
      return {
        message: `has unknown field${issue.keys.length === 1 ? '' : 's'} ${quoted(issue.keys)} (check the spelling)`,
      };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `must be one of ${quoted(issue.options)}, not ${JSON.stringify(issue.received)}` };
    case z.ZodIssueCode.invalid_union_discriminator:
      return {
        message:
          ctx.data?.[issue.path.at(-1) ?? ''] === undefined
            ? `is missing (one of ${quoted(issue.options)})`
            : `must be one of ${quoted(issue.options)}, not ${JSON.stringify(ctx.data[issue.path.at(-1) ?? ''])}`,
      };
    case z.ZodIssueCode.invalid_string:
      if (issue.validation === 'regex')
        return {
          message: `must be an id of lower-case letters a-z, digits and hyphens, like "faglig-kompetence", not ${JSON.stringify(ctx.data)}`,
        };
      break;
    case z.ZodIssueCode.too_small:
      if (issue.type === 'string')
        return { message: issue.minimum === 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters` };
      if (issue.type === 'array')
        return { message: `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}` };
      if (issue.type === 'number') return { message: `must be at least ${issue.minimum}, not ${ctx.data}` };
      break;
    case z.ZodIssueCode.too_big:
      if (issue.type === 'string')
        return { message: `must be at most ${issue.maximum} characters (it is ${String(ctx.data).length})` };
      if (issue.type === 'array') return { message: `must have at most ${issue.maximum} items` };
      if (issue.type === 'number') return { message: `must be at most ${issue.maximum}, not ${ctx.data}` };
      break;
    default:
      break;
  }
  return { message: ctx.defaultError };
};

// ---------------------------------------------------------------------------------------------
// Cross-reference checks (run on parsed data)

function checkUniqueIds(items: readonly { id: string }[], path: string, report: Report): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const first = firstIndex.get(item.id);
    if (first === undefined) firstIndex.set(item.id, index);
    else report(`${path}[${index}].id`, `"${item.id}" is used twice (first at ${path}[${first}])`);
  });
}

function checkCompetenceModel(model: CompetenceModel, report: Report): void {
  model.scale.levels.forEach((level, index) => {
    if (level.value !== index + 1)
      report(
        `scale.levels[${index}].value`,
        `is ${level.value}, expected ${index + 1} (levels are numbered 1, 2, 3, … in order)`,
      );
  });
  checkUniqueIds(model.groups, 'groups', report);
  checkUniqueIds(model.competences, 'competences', report);
  const groupIds = model.groups.map((group) => group.id);
  model.competences.forEach((competence, index) => {
    if (!groupIds.includes(competence.groupId))
      report(
        `competences[${index}].groupId`,
        `"${competence.groupId}" is not a group (known: ${groupIds.join(', ')})`,
      );
  });
  if (!model.competences.some((competence) => competence.audience === 'employee'))
    report('competences', 'has no competence with audience "employee"; MUS needs at least one');
}

function checkActivityCatalogue(
  catalogue: ActivityCatalogue,
  model: CompetenceModel | undefined,
  report: Report,
): void {
  checkUniqueIds(catalogue.activities, 'activities', report);
  if (!model) return; // its own problems are reported; the references cannot be checked yet
  const groupIds = model.groups.map((group) => group.id);
  const competenceIds = new Set(model.competences.map((competence) => competence.id));
  catalogue.activities.forEach((activity, index) => {
    activity.suitsGroups.forEach((groupId, groupIndex) => {
      if (!groupIds.includes(groupId))
        report(
          `activities[${index}].suitsGroups[${groupIndex}]`,
          `"${groupId}" is not a group in ${domainDataFiles.competenceModel} (known: ${groupIds.join(', ')})`,
        );
    });
    activity.suitsCompetences?.forEach((competenceId, competenceIndex) => {
      if (!competenceIds.has(competenceId))
        report(
          `activities[${index}].suitsCompetences[${competenceIndex}]`,
          `"${competenceId}" is not a competence in ${domainDataFiles.competenceModel}`,
        );
    });
  });
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** Days in each month of a common year: a yearly date must exist every year, so 29 February is out. */
const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function checkAarshjul(aarshjul: Aarshjul, report: Report): void {
  if (!isTimeZone(aarshjul.timezone))
    report('timezone', `"${aarshjul.timezone}" is not a known time zone (use an IANA name like "Europe/Copenhagen")`);
  checkUniqueIds(aarshjul.milestones, 'milestones', report);
  checkDepartmentOverrides(aarshjul, report);
  aarshjul.milestones.forEach((milestone, index) => {
    checkYearlyDate(milestone.date, `milestones[${index}].date`, report);
    const every = milestone.recurrence?.everyMonths;
    if (every !== undefined && 12 % every !== 0)
      report(`milestones[${index}].recurrence.everyMonths`, `is ${every}; it must divide the year evenly (1, 2, 3, 4, 6 or 12)`);
    const seen = new Set<string>();
    milestone.audience.forEach((audience, audienceIndex) => {
      if (seen.has(audience)) report(`milestones[${index}].audience[${audienceIndex}]`, `lists "${audience}" twice`);
      seen.add(audience);
    });
  });
}

function checkYearlyDate({ month, day }: YearlyDate, path: string, report: Report): void {
  const last = daysInMonth[month - 1] ?? 31;
  if (month === 2 && day === 29) report(path, 'is 29 February, which does not come every year; use 28 February or 1 March');
  else if (day > last) report(`${path}.day`, `is ${day}, but ${monthNames[month - 1]} has ${last} days`);
}

function checkDepartmentOverrides(aarshjul: Aarshjul, report: Report): void {
  const milestoneIds = aarshjul.milestones.map((milestone) => milestone.id);
  const seenDepartments = new Map<string, number>();
  aarshjul.departments?.forEach((department, index) => {
    const path = `departments[${index}]`;
    const first = seenDepartments.get(department.departmentId);
    if (first !== undefined) report(`${path}.departmentId`, `"${department.departmentId}" is used twice (first at departments[${first}])`);
    else seenDepartments.set(department.departmentId, index);
    checkUniqueIds(department.milestones, `${path}.milestones`, report);
    department.milestones.forEach((override, overrideIndex) => {
      const overridePath = `${path}.milestones[${overrideIndex}]`;
      if (!milestoneIds.includes(override.id)) report(`${overridePath}.id`, `"${override.id}" is not a milestone (known: ${milestoneIds.join(', ')})`);
      if (override.date) checkYearlyDate(override.date, `${overridePath}.date`, report);
    });
  });
}

function checkQuestionBank(bank: QuestionBank, report: Report): void {
  checkUniqueIds(bank.themes, 'themes', report);

  const questionHome = new Map<string, { themeId: string; path: string }>();
  bank.themes.forEach((theme, themeIndex) => {
    theme.questions.forEach((question, questionIndex) => {
      const path = `themes[${themeIndex}].questions[${questionIndex}]`;
      const first = questionHome.get(question.id);
      if (first) report(`${path}.id`, `"${question.id}" is used twice (first at ${first.path}); question ids must be unique in the whole bank`);
      else questionHome.set(question.id, { themeId: theme.id, path });

      if (question.kind === 'text') return;
      if (question.choices.length < 2)
        report(
          `${path}.choices`,
          `has ${question.choices.length} choice${question.choices.length === 1 ? '' : 's'}; a "${question.kind}" question needs at least 2`,
        );
      checkUniqueIds(question.choices, `${path}.choices`, report);
      if (question.kind === 'multi-choice' && question.maxChoices !== undefined && question.maxChoices > question.choices.length)
        report(`${path}.maxChoices`, `is ${question.maxChoices}, but the question has only ${question.choices.length} choices`);
    });
  });

  const themeIds = bank.themes.map((theme) => theme.id);
  for (const audience of questionSetAudiences) {
    const seenThemes = new Set<string>();
    bank.defaultSet[audience].forEach((entry, entryIndex) => {
      const path = `defaultSet.${audience}[${entryIndex}]`;
      if (!themeIds.includes(entry.themeId)) {
        report(`${path}.themeId`, `"${entry.themeId}" is not a theme (known: ${themeIds.join(', ')})`);
        return;
      }
      if (seenThemes.has(entry.themeId)) report(`${path}.themeId`, `"${entry.themeId}" appears twice in the set`);
      seenThemes.add(entry.themeId);
      const seenQuestions = new Set<string>();
      entry.questionIds.forEach((questionId, questionIndex) => {
        const questionPath = `${path}.questionIds[${questionIndex}]`;
        const home = questionHome.get(questionId);
        if (!home) report(questionPath, `"${questionId}" is not a question in the bank`);
        else if (home.themeId !== entry.themeId)
          report(questionPath, `"${questionId}" belongs to theme "${home.themeId}", not "${entry.themeId}"`);
        if (seenQuestions.has(questionId)) report(questionPath, `"${questionId}" appears twice in the theme`);
        seenQuestions.add(questionId);
      });
    });
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
