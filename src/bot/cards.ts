import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { CardFactory, type TurnContext } from 'botbuilder';
import type { Locale } from '../domain/i18n';
import { textsFor } from '../domain/texts';
import { cardsDir } from '../paths';
import { escapeMarkdown } from './plainText';
import { verbs } from './verbs';

export interface CommandLine {
  title: string;
  description: string;
}

/** A question on a card (MUS preparation, GRUS): a free text, or one or several choices. */
export interface QuestionInput {
  inputId: string; label: string;
  /** The question's help, and for a free text its length limit. */
  help: string;
  kind: 'text' | 'choice' | 'multi-choice'; value: string;
  choices: Array<{ title: string; value: string }>;
}

/** The data contract of every card template in `cards/`, by template name. */
export interface CardData {
  welcome: { greeting: string; roleSummary: string; commands: CommandLine[] };
  /** `notices`: why the commands are shown (a card that no longer works), above them. */
  help: { notices: string[]; commands: CommandLine[] };
  'team-welcome': Record<string, never>;
  notice: { title: string; lines: string[] };
  'prep-questions': {
    progress: string; title: string; intro: string; notices: string[]; stepId: string; version: number; showBack: boolean;
    questions: QuestionInput[];
  };
  'prep-rating': {
    progress: string; title: string; intro: string; notices: string[]; stepId: string; version: number; showBack: boolean;
    scale: Array<{ title: string; value: string }>;
    competences: Array<{ inputId: string; detailsId: string; name: string; short: string; desired: string; what: string; why: string; how: string; value: string }>;
  };
  'prep-summary': {
    /** What sharing does, or when it was last shared. */
    intro: string; notices: string[]; version: number;
    sections: Array<{ toggleId: string; title: string; shared: string; editStepId: string; items: Array<{ label: string; value: string }> }>;
  };
  department: {
    departments: Array<{
      id: string; deadline: string; name: string; people: string; invited: string; prepared: string; shared: string; plansApproved: string; notPrepared: string;
      /** "Send a nudge to the N who have not prepared" ('' when there is no one to nudge). */
      nudgeTitle: string;
      /** How the round's invitations went: delivered / on the way / failed ('' without a round). */
      delivery: string;
      /** Whom the round's invitations could not reach, each with why ('' for none). */
      undelivered: string;
      sharedBy: Array<{ id: string; name: string }>;
    }>;
    /** Everyone in the led departments, for "open the development plan of …". */
    planPeople: Array<{ title: string; value: string }>;
  };
  'round-start': { title: string; notices: string[]; departmentId: string; deadline: string; includeSub: string };
  'round-result': {
    title: string; deadline: string; invitedCount: string; alreadyInvited: string;
    /** Those who get the app installed first ('' for none). */
    installing: string;
    /** Who cannot be reached, each with why ('' for none), and what helps. */
    unreachable: string; unreachableHelp: string;
  };
  'profile-edit': {
    title: string; subtitle: string; notices: string[]; noticeStyle: 'good' | 'warning'; departmentId: string;
    /** '' for the whole department. */
    jobGroup: string;
    /** The other profiles to switch to (empty when the department has one job group). */
    jobGroups: Array<{ title: string; jobGroup: string }>;
    scale: Array<{ title: string; value: string }>;
    groups: Array<{ name: string; competences: Array<{ inputId: string; name: string; value: string; placeholder: string }> }>;
    showOwn: boolean;
    own: Array<{ id: string; name: string; short: string }>;
    groupChoices: Array<{ title: string; value: string }>;
    newCompetence: { name: string; short: string; group: string };
  };
  'leader-rating': {
    title: string; notices: string[]; noticeStyle: 'good' | 'warning'; ownerId: string;
    scale: Array<{ title: string; value: string }>;
    groups: Array<{ name: string; competences: Array<{ inputId: string; name: string; selfRating: string; value: string }> }>;
  };
  'prep-resume': { title: string; text: string; buttonTitle: string; facts: Array<{ title: string; value: string }> };
  plan: {
    title: string; status: string; statusColor: 'Good' | 'Warning' | 'Default'; approvals: string; notices: string[]; noticeColor: 'Good' | 'Attention';
    ownerId: string; cycle: string; revision: number; canApprove: boolean; history: string;
    goals: Array<{
      id: string; heading: string; goal: string; evaluation: string;
      actions: Array<{ id: string; goalId: string; title: string; note: string; period: string; responsible: string; effect: string; canEvaluate: boolean }>;
    }>;
  };
  'plan-form': {
    title: string; subtitle: string; notices: string[]; ownerId: string; cycle: string; revision: number;
    /** '' for a new goal (with its first action); a goal's id to add an action to it. */
    goalId: string; saveVerb: string;
    competences: Array<{ title: string; value: string }>;
    activities: Array<{ title: string; value: string }>;
    responsibleChoices: Array<{ title: string; value: string }>;
    limits: { goal: number; evaluation: number; note: number };
    values: { competence: string; goal: string; evaluation: string; activity: string; note: string; start: string; end: string; responsible: string };
  };
  'plan-effect': {
    title: string; intro: string; notices: string[]; ownerId: string; cycle: string; actionId: string; maxLength: number;
    outcomes: Array<{ title: string; value: string }>;
    values: { outcome: string; use: string; next: string };
  };
  'question-set': {
    title: string; isDefault: boolean; notices: string[]; noticeStyle: 'good' | 'warning'; departmentId: string; maxLength: number;
    themes: Array<{ title: string; questions: Array<{ inputId: string; text: string; value: 'true' | 'false' }> }>;
    own: Array<{ inputId: string; label: string; value: string }>;
  };
  'your-year': {
    title: string; departmentId: string;
    overdue: Array<{ name: string; date: string; when: string; message: string; buttonTitle: string; verb: string }>;
    next: Array<{ name: string; date: string; when: string; message: string }>;
  };
  'aarshjul-edit': {
    title: string; notices: string[]; noticeStyle: 'good' | 'warning'; departmentId: string;
    /** The longest notice in days (the number fields' maximum). */
    maxLead: number;
    /** The chosen scope: 'municipality' or a department id. */
    scope: string; scopes: Array<{ title: string; value: string }>;
    /** `recurs`: a recurring milestone's recurrence, shown instead of the date field ('' for a fixed date). */
    rows: Array<{ name: string; details: string; recurs: string; dateInputId: string; date: string; leadInputId: string; lead: number; activeInputId: string; active: 'true' | 'false' }>;
  };
  'gap-summary': {
    title: string; departmentId: string;
    /** Which release the figures come from and how many had rated then (or that none is published yet). */
    status: string;
    /** No competence has a figure: one sentence saying how many rated and how many are needed ('' otherwise). */
    empty: string;
    /** The competences without a figure, in one line ('' when all or none are shown). */
    notShown: string;
    /** Why figures may be older than the newest answers (the release rule). */
    why: string;
    /** In the leader's own chat: offer the figures as a file. */
    exportable: boolean;
    /** In a channel: what the team can vote to prioritise, with the counts. */
    postingId: string; votes: Array<{ competenceId: string; label: string }>;
    /** In the leader's chat: the channels it can be posted in. */
    channels: Array<{ title: string; value: string }>;
    /** Per shown competence, present and desired: a chart where the host draws them, else `bars`. */
    chart: { levels: number; now: Array<{ x: string; y: number }>; wish: Array<{ x: string; y: number }> };
    /** Bars built from columns (weights out of 100), for hosts without charts. */
    bars: Array<{ name: string; now: string; nowWeight: number; nowRest: number; wish: string; wishWeight: number; wishRest: number }>;
    /** The competences with figures. */
    lines: Array<{ name: string; figures: string; details: string }>;
    largest: Array<{ name: string; gap: string; activities: string }>;
  };
  municipality: {
    title: string; status: string; exportable: boolean; departments: Array<{ name: string; line: string }>;
    /** Whom Kompetencebot cannot reach in Teams, counted by why ('' for nobody). */
    reach: string;
  };
  /** `mit område`: the areas a MED member, TR or member of Hovedudvalget follows (read-only). */
  area: {
    title: string;
    /** `departmentId`: the area's top department, or `municipalityRef` for the whole municipality. */
    areas: Array<{ heading: string; line: string; departmentId: string }>;
    /** The approved action plans, one line each. */
    plans: string[];
    departments: Array<{ title: string; value: string }>;
  };
  'grus-start': { title: string; notices: string[]; departmentId: string; channels: Array<{ title: string; value: string }>; channelId: string; deadline: string };
  'grus-questions': {
    title: string; intro: string; notices: string[]; noticeStyle: 'good' | 'warning'; grusId: string; open: boolean;
    themes: Array<{ title: string; intro: string; questions: QuestionInput[] }>;
  };
  'grus-status': { title: string; departmentId: string; items: Array<{ grusId: string; team: string; line: string; canPost: boolean; canPlan: boolean }> };
  'grus-result': {
    title: string; subtitle: string; hiddenText: string;
    /** Per question: texts as `lines`; counts as a `chart` (Teams' bar chart) whose fallback is the `lines` as character bars. */
    themes: Array<{ title: string; questions: Array<{ text: string; hidden: boolean; chart: Array<{ x: string; y: number }>; lines: Array<{ text: string }> }> }>;
  };
  'action-plan-form': {
    title: string; subtitle: string; notices: string[]; noticeStyle: 'good' | 'warning';
    /** The department (handlingsplan) or the GRUS (the group's plan) the form is for. */
    subjectId: string;
    /** The stored plan's ETag the form was made from ('' for none): a save over a newer one is refused. */
    etag: string;
    suggestions: string[];
    goalMax: number; ownerMax: number;
    competences: Array<{ title: string; value: string }>;
    activities: Array<{ title: string; value: string }>;
    slots: Array<{
      heading: string;
      ids: { goal: string; competenceId: string; activityId: string; owner: string; due: string };
      values: { goal: string; competenceId: string; activityId: string; owner: string; due: string };
    }>;
    /** Channels to share in (empty: no choice shown). */
    channels: Array<{ title: string; value: string }>; channelId: string;
    buttons: Array<{ title: string; verb: string; style: 'positive' | 'default' }>;
  };
  'action-plan': { title: string; subtitle: string; items: Array<{ heading: string; facts: Array<{ title: string; value: string }> }> };
  /** HR's erasure: search (confirm.personId '') or the confirmation naming what will be deleted. */
  'erase-person': {
    title: string; notices: string[]; noticeStyle: 'good' | 'warning' | 'attention'; query: string;
    matches: Array<{ title: string; personId: string }>;
    confirm: { personId: string; erasureId: string; heading: string; lines: string[] };
  };
  /** HR's view of the audit log, newest first, optionally for one person. */
  'audit-log': {
    title: string; filter: string; notices: string[];
    /** The kind of read filtered on ('all' for every kind), and the kinds to choose from. */
    kind: string; kinds: Array<{ title: string; value: string }>;
    entries: Array<{ when: string; line: string }>;
  };
  'export-links': {
    title: string; text: string; note: string; links: Array<{ title: string; url: string }>;
    /** In a personal chat: offer the Excel file as a file in the chat (Teams' file consent). */
    fileInChat: boolean; kind: string; subjectId: string;
  };
  'plan-notice': { title: string; text: string; buttonTitle: string; verb: string; ownerId: string; cycle: string; actionId: string };
  'prep-shared': {
    title: string; intro: string; note: string; rateOwnerId: string;
    /** The employee's own card: the button back to the summary to change what is shared ('' on the leader's). */
    changeTitle: string;
    sections: Array<{ title: string; items: Array<{ label: string; value: string }> }>;
  };
  nudge: { text: string; deadline: string; progress: string; buttonTitle: string };
  reminder: {
    title: string; date: string; message: string; lines: string[];
    /** Next actions on a department (Action.Submit with the verb and the department). */
    actions: Array<{ title: string; verb: string; departmentId: string }>;
    /** '' for no "prepare" button. */
    prepareTitle: string;
    /** The command that opens the leader's department card ('' for no button). */
    departmentCommand: string;
  };
}

export type CardName = keyof CardData;
export const cardNames: readonly CardName[] = [
  'welcome', 'help', 'team-welcome', 'notice', 'prep-questions', 'prep-rating', 'prep-summary', 'prep-resume', 'prep-shared', 'department', 'round-start', 'round-result', 'profile-edit', 'leader-rating',
  'plan', 'plan-form', 'plan-effect', 'plan-notice', 'question-set', 'your-year', 'aarshjul-edit', 'gap-summary', 'municipality',
  'grus-start', 'grus-questions', 'grus-status', 'grus-result', 'action-plan-form', 'action-plan', 'export-links',
  'nudge', 'reminder', 'erase-person', 'audit-log', 'area',
];

export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  version: string;
  [key: string]: unknown;
}

const templates = new Map<CardName, Template>();

/**
 * Card data is plain text (people's words, names from the import, our composed sentences); the
 * formatting is the template's. Where Teams renders markdown — a TextBlock's text, a Fact's title
 * and value — every data expression is marked when the template is loaded, and what it expands to
 * is escaped once the card is expanded (src/bot/plainText.ts), so no value can bring its own
 * markdown, link or date function. Our fixed texts (`${t.…}`) and the verbs are ours and left as
 * they are. The marks carry a random part, so typed text cannot forge one.
 */
const markOpen = `\u{E000}${randomBytes(8).toString('hex')}`;
const markClose = `${markOpen.slice(1)}\u{E001}`;
const marked = new RegExp(`${markOpen}([\\s\\S]*?)${markClose}`, 'g');
const ours = /^\s*(\$root\.)?(t|verbs)\./;
const asPlainText = (text: unknown) => (typeof text === 'string'
  ? text.replace(/\$\{([^{}]+)\}/g, (whole, expression: string) => (ours.test(expression) ? whole : `${markOpen}${whole}${markClose}`))
  : text);

/** The expanded card with every marked value escaped (and the marks gone). */
function escapeMarked(node: unknown): unknown {
  if (typeof node === 'string') return node.includes(markOpen) ? node.replace(marked, (_, value: string) => escapeMarkdown(value)) : node;
  if (Array.isArray(node)) return node.map(escapeMarked);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, escapeMarked(value)]));
}

/** The template with every data expression in a markdown position marked (see above). */
export function withPlainText(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withPlainText);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'text' && (node as { type?: unknown }).type === 'TextBlock') out[key] = asPlainText(value);
    else if (key === 'facts' && Array.isArray(value)) {
      out[key] = value.map((fact: Record<string, unknown>) => withPlainText(Object.fromEntries(Object.entries(fact).map(([k, v]) => [k, k === 'title' || k === 'value' ? asPlainText(v) : v]))));
    } else out[key] = withPlainText(value);
  }
  return out;
}

function template(name: CardName): Template {
  let parsed = templates.get(name);
  if (!parsed) {
    parsed = new Template(withPlainText(JSON.parse(readFileSync(path.join(cardsDir, `${name}.json`), 'utf8'))));
    templates.set(name, parsed);
  }
  return parsed;
}

/**
 * Expands a card template with its data, the fixed texts in the user's language (`${t.key}`) and
 * the action verbs (`${verbs.name}`). Templates are parsed once per process.
 */
export function renderCard<K extends CardName>(name: K, data: CardData[K], locale: Locale): AdaptiveCardJson {
  return escapeMarked(template(name).expand({ $root: { ...data, t: textsFor(locale), verbs } })) as AdaptiveCardJson;
}

/** Answers in this turn with one card. */
export function replyWithCard(context: TurnContext, card: AdaptiveCardJson) {
  return context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
