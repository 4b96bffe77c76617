import { defaultQuestionSet, type DomainData, groupsWithCompetences } from '../../src/domain/catalogue';
import { buildSteps } from '../../src/domain/preparation';

type Card = { actions?: Array<{ verb?: string; data?: Record<string, unknown> }> };

/** The employee's preparation steps, and a valid answer to each (as the card's inputs send it). */
export function preparationSteps(data: DomainData) {
  const steps = buildSteps(defaultQuestionSet(data.questionBank, 'employee'), groupsWithCompetences(data.competenceModel, 'employee'));
  return {
    steps,
    answersFor(stepId: string, text: string): Record<string, string> {
      const step = steps.find((s) => s.id === stepId)!;
      if (step.kind === 'rating') return Object.fromEntries(step.group.competences.map((c, i) => [`r_${c.id}`, String((i % 5) + 1)]));
      return Object.fromEntries(step.theme.questions.map((q) => [`q_${q.id}`, q.kind === 'text' ? text : q.choices[0]!.id]));
    },
    stepIdOf: (card: Card) => String(card.actions?.[0]?.data?.stepId),
    versionOf: (card: Card) => Number(card.actions?.[0]?.data?.version),
  };
}
