import { type Application, TurnState } from '@microsoft/teams-ai';
import {
  chosenQuestionIds, maxOwnQuestions, offeredThemes, ownQuestionInputId, ownQuestionMaxLength, parseQuestionSetForm, questionToggleId,
} from '../../domain/questionSet';
import { ownQuestionLabel, questionsMissing, questionsTitle, say } from '../../domain/texts';
import { questionSetFor, saveQuestionSet } from '../../services/department';
import type { Member } from '../../services/identity';
import { departmentRef } from '../cardInput';
import { type AdaptiveCardJson, renderCard, replyWithCard } from '../cards';
import type { BotDeps } from '../deps';
import { cardForMember, forMember } from '../handlers';
import { verbs } from '../verbs';

/** The department's MUS questions: which of the bank's to ask, and up to three of its own. */
export function registerQuestionSet(app: Application<TurnState>, deps: BotDeps): void {
  const themes = offeredThemes(deps.domainData.questionBank, 'employee');

  const card = async (
    member: Member, departmentId: string, chosen: Set<string>, own: readonly string[], isDefault: boolean, notices: string[], saved: boolean,
  ): Promise<AdaptiveCardJson> => {
    const locale = member.locale;
    const department = await deps.repos.org.getDepartment(departmentId);
    return renderCard('question-set', {
      title: questionsTitle(department?.name ?? departmentId)[locale], isDefault, notices, noticeStyle: saved ? 'good' : 'warning', departmentId,
      maxLength: ownQuestionMaxLength,
      themes: themes.map((theme) => ({
        title: theme.title[locale],
        questions: theme.questions.map((q) => ({ inputId: questionToggleId(q.id), text: q.text[locale], value: chosen.has(q.id) ? 'true' : 'false' })),
      })),
      own: Array.from({ length: maxOwnQuestions }, (_, i) => ({ inputId: ownQuestionInputId(i + 1), label: ownQuestionLabel(i + 1)[locale], value: own[i] ?? '' })),
    }, locale);
  };

  const stored = async (member: Member, departmentId: string, notices: string[] = [], saved = false) => {
    const set = await questionSetFor(deps.repos, deps.domainData, member, departmentId);
    const warnings = set.missing.length ? [questionsMissing(set.missing.length)[member.locale]] : [];
    return card(member, departmentId, chosenQuestionIds(set.entries), set.custom.map((c) => c.text), set.isDefault, [...notices, ...warnings], saved && !warnings.length);
  };

  app.adaptiveCards.actionSubmit(verbs.questionsOpen, forMember(deps, async (context, member, data) => {
    await replyWithCard(context, await stored(member, departmentRef(data)));
  }));

  app.adaptiveCards.actionExecute(verbs.questionsSave, cardForMember(deps, async (_context, member, data) => {
    const departmentId = departmentRef(data);
    // Only the department's leader gets past here, refused form or not.
    await questionSetFor(deps.repos, deps.domainData, member, departmentId);
    const form = parseQuestionSetForm(data, themes);
    if (!form.ok) {
      // Refused: the card comes back as it was filled in, with what to fix.
      return card(member, departmentId, form.typed.chosen, form.typed.own, false, form.problems.map((p) => p[member.locale]), false);
    }
    await saveQuestionSet(deps.repos, member, departmentId, form.set);
    return stored(member, departmentId, [say(member.locale, 'questionsSaved')], true);
  }));

  app.adaptiveCards.actionExecute(verbs.questionsReset, cardForMember(deps, async (_context, member, data) => {
    const departmentId = departmentRef(data);
    await saveQuestionSet(deps.repos, member, departmentId, undefined);
    return stored(member, departmentId, [say(member.locale, 'questionsResetDone')], true);
  }));
}
