import { commands } from '../domain/commands';
import type { MilestoneKind } from '../domain/catalogue';
import type { Locale } from '../domain/i18n';
import { formatterFor } from '../domain/format';
import { departmentAction, effectAskText, grusTooFew, nudgeText, preparationProgressLine, releaseDone, say, stepsDone, texts } from '../domain/texts';
import { publishGrusResult } from './grusCards';
import { moreProblems } from '../domain/reachTexts';
import type { EffectQuestionMessage, MilestoneMessage, NudgeMessage, ReminderMessenger } from '../jobs/messages';
import { type AdaptiveCardJson, renderCard } from './cards';
import type { ProactiveSender } from './proactive';
import { verbs } from './verbs';

/** The cards of the scheduled jobs (nudges, årshjul reminders), sent through the proactive sender. */
export function createReminderMessenger(sender: ProactiveSender): ReminderMessenger {
  const send = async (personId: string, card: (locale: Locale) => AdaptiveCardJson) => sender.sendCard(personId, card(await sender.localeOf(personId)));
  return {
    sendNudge: (personId, message) => send(personId, (locale) => nudgeCard(message, locale)),
    sendMilestoneReminder: (personId, message) => send(personId, (locale) => reminderCard(message, locale)),
    sendEffectQuestion: (personId, message) => send(personId, (locale) => effectQuestionCard(personId, message, locale)),
    sendGrusResult: (posted) => publishGrusResult(sender, posted),
    sendReleaseDone: (personId, message) => send(personId, (locale) => {
      const text = releaseDone(message.reports);
      return renderCard('notice', { title: text.title[locale], lines: text.lines.map((l) => l[locale]) }, locale);
    }),
    sendSyncProblems: (personId, message) => send(personId, (locale) => {
      const shown = message.problems.slice(0, 15).map((p) => p.message[locale]);
      const more = message.problems.length - shown.length;
      return renderCard('notice', { title: say(locale, 'syncRefusedTitle'), lines: [say(locale, 'syncRefusedIntro'), ...shown, ...(more > 0 ? [moreProblems(more)[locale]] : [])] }, locale);
    }),
    sendGrusTooFew: (leaderId, message) => send(leaderId, (locale) => {
      const text = grusTooFew(message.teamName, message.answered, message.participants, message.threshold);
      return renderCard('notice', { title: text.title[locale], lines: [text.line[locale]] }, locale);
    }),
  };
}

/** Asks an employee how a plan action went; its button opens the effect follow-up (seed 004). */
export function effectQuestionCard(ownerId: string, message: EffectQuestionMessage, locale: Locale): AdaptiveCardJson {
  const ask = effectAskText(message.activity[locale], formatterFor(locale).date(message.end));
  return renderCard('plan-notice', {
    title: ask.title[locale], text: ask.text[locale], buttonTitle: say(locale, 'planEvaluate'),
    verb: verbs.planEffectForm, ownerId, cycle: message.cycle, actionId: message.actionId,
  }, locale);
}

export function nudgeCard(message: NudgeMessage, locale: Locale): AdaptiveCardJson {
  return renderCard('nudge', {
    text: nudgeText(message.deadline, message.completedSteps, message.totalSteps, locale),
    deadline: formatterFor(locale).date(message.deadline),
    progress: stepsDone(message.completedSteps, message.totalSteps)[locale],
    buttonTitle: say(locale, message.completedSteps > 0 ? 'prepContinue' : 'prepStart'),
  }, locale);
}

/** Milestones whose reminder shows a leader how far each department's MUS preparation is. */
const progressKinds: readonly MilestoneKind[] = ['mus-season-opens', 'preparation-deadline', 'mus-held'];
/** Milestones where an employee's reminder offers to prepare. */
const prepareKinds: readonly MilestoneKind[] = ['mus-season-opens', 'preparation-deadline'];

/**
 * An årshjul reminder with the next action on it: for a leader, how many have not prepared (and
 * the way to their department), "start the MUS round" where none is started, "open the profile"
 * at the profile review; for an employee, "prepare for MUS" in the MUS season; for a MED
 * member, TR or member of Hovedudvalget, the way to their area's figures and action plans.
 */
export function reminderCard(message: MilestoneMessage, locale: Locale): AdaptiveCardJson {
  const { milestone, departments } = message;
  const leader = message.role === 'leader';
  const showProgress = leader && progressKinds.includes(milestone.kind);
  const leaderActions = () =>
    milestone.kind === 'profile-review'
      ? departments.map((d) => ({ title: departmentAction(texts.profileOpen, d.name)[locale], verb: verbs.profileOpen, departmentId: d.departmentId }))
      : milestone.kind === 'mus-season-opens'
        ? departments.filter((d) => !d.roundStarted).map((d) => ({ title: departmentAction(texts.roundOpen, d.name)[locale], verb: verbs.roundForm, departmentId: d.departmentId }))
        : [];
  const actions = leader
    ? leaderActions()
    : message.role === 'med-member' ? [{ title: say(locale, 'areaOpenFromReminder'), verb: verbs.areaShow, departmentId: '' }] : [];
  const departmentCommand = commands.find((c) => c.id === 'department')!.title[locale];
  return renderCard('reminder', {
    title: milestone.name[locale],
    date: formatterFor(locale).date(message.date),
    message: milestone.message[locale],
    lines: showProgress ? departments.map((d) => preparationProgressLine(d.name, d.notPrepared, d.people, d.roundStarted)[locale]) : [],
    actions,
    prepareTitle: !leader && prepareKinds.includes(milestone.kind) ? say(locale, 'reminderPrepare') : '',
    departmentCommand: showProgress ? departmentCommand : '',
  }, locale);
}
