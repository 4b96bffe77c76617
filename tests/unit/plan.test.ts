import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../src/domain/catalogue';
import {
  addAction, addGoal, approve, effectFollowUpDelayDays, emptyPlan, endedActions, limitProblem, parseActionForm, parseEffectForm, parseGoalForm,
  type PlanAction, type PlanGoal, type PlanState, planFollowUps, planInputs, planLimits, planStatus, removeAction, removeGoal, zPlanState,
} from '../../src/domain/plan';

const activities = [
  { id: 'sidemandsoplaering', form: 'on-the-job' },
  { id: 'interne-kurser', form: 'course' },
] as unknown as Activity[];
const today = '2026-11-23';
const action = (id: string, end = '2027-03-31'): PlanAction => ({ id, activityId: 'sidemandsoplaering', note: '', start: '2026-12-01', end, responsible: 'both' });
const goal = (id: string, actions: PlanAction[] = [action(`${id}-a`)]): PlanGoal => ({ id, competenceId: 'samarbejdskompetence', goal: 'Lede møder', evaluation: 'Feedback', actions });
const at = (party: string) => ({ personId: party, at: '2026-11-23T10:00:00Z' });

function approvedBy(plan: PlanState, ...parties: Array<'employee' | 'leader'>): PlanState {
  return parties.reduce((p, party) => {
    const outcome = approve(p, party, at(party));
    if (!outcome.ok) throw new Error('not approvable');
    return outcome.plan;
  }, plan);
}

describe('approving a development plan', () => {
  const drafted = addGoal(emptyPlan, goal('g1'));

  it('when one party approves, then the plan waits for the other; when both have, it is version 1', () => {
    const one = approvedBy(drafted, 'employee');
    expect(planStatus(one)).toEqual({ kind: 'awaiting', approvedBy: 'employee', waitingFor: 'leader' });
    const both = approve(one, 'leader', at('leader'));
    expect(both.ok && both.nowApproved).toBe(true);
    expect(both.ok && planStatus(both.plan)).toEqual({ kind: 'approved', version: 1 });
  });

  it('when the same party approves twice, then nothing changes', () => {
    const one = approvedBy(drafted, 'leader');
    const again = approve(one, 'leader', at('leader'));
    expect(again.ok && again.plan).toBe(one);
    expect(again.ok && again.nowApproved).toBe(false);
  });

  it('when an approved plan is changed in any way, then both approvals are gone and the next approval is version 2', () => {
    const v1 = approvedBy(drafted, 'employee', 'leader');
    const changes = [
      addGoal(v1, goal('g2')),
      addAction(v1, 'g1', action('a2')),
      removeAction(v1, 'g1', 'g1-a'),
      removeGoal(v1, 'g1'),
    ];
    for (const changed of changes) {
      expect(changed.approvals).toEqual({});
      expect(planStatus(changed)).toEqual({ kind: 'changed', since: 1 });
      expect(changed.revision).toBe(v1.revision + 1);
    }
    const v2 = approvedBy(changes[1]!, 'leader', 'employee');
    expect(planStatus(v2)).toEqual({ kind: 'approved', version: 2 });
    expect(planStatus(approvedBy(changes[1]!, 'leader'))).toEqual({ kind: 'changed', since: 1, approvedBy: 'leader' });
  });

  it('when the plan is empty or a goal has no action, then it cannot be approved and says why', () => {
    const empty = approve(emptyPlan, 'employee', at('e'));
    expect(empty.ok).toBe(false);
    expect(!empty.ok && empty.problems[0]!.da).toContain('Tilføj mindst ét udviklingsmål');
    const bare = approve(addGoal(emptyPlan, goal('g1', [])), 'employee', at('e'));
    expect(!bare.ok && bare.problems[0]!.en).toContain('has no action');
  });

  it('when something already removed is removed again, then the plan is the same (approvals kept)', () => {
    const v1 = approvedBy(drafted, 'employee', 'leader');
    expect(removeGoal(v1, 'nope')).toBe(v1);
    expect(removeAction(v1, 'g1', 'nope')).toBe(v1);
  });

  it('when any sequence of changes and approvals happens, then every state is storable, revisions only go up, and "approved" means both approved', () => {
    const op = fc.oneof(
      fc.constant({ kind: 'add-goal' as const }),
      fc.constant({ kind: 'add-action' as const }),
      fc.constant({ kind: 'remove-goal' as const }),
      fc.constant({ kind: 'remove-action' as const }),
      fc.constantFrom('employee' as const, 'leader' as const).map((party) => ({ kind: 'approve' as const, party })),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      let plan = emptyPlan;
      let n = 0;
      for (const o of ops) {
        const before = plan;
        const first = plan.goals[0];
        if (o.kind === 'add-goal' && !limitProblem(plan)) plan = addGoal(plan, goal(`g${n++}`));
        if (o.kind === 'add-action' && first && !limitProblem(plan, first.id)) plan = addAction(plan, first.id, action(`a${n++}`));
        if (o.kind === 'remove-goal' && first) plan = removeGoal(plan, first.id);
        if (o.kind === 'remove-action' && first?.actions[0]) plan = removeAction(plan, first.id, first.actions[0].id);
        if (o.kind === 'approve') {
          const outcome = approve(plan, o.party, at(o.party));
          if (outcome.ok) plan = outcome.plan;
        }
        expect(plan === before || plan.revision > before.revision).toBe(true);
        expect(plan.approvedVersion).toBeGreaterThanOrEqual(before.approvedVersion);
        expect(zPlanState.safeParse(plan).success).toBe(true);
        expect(planStatus(plan).kind === 'approved').toBe(Boolean(plan.approvals.employee && plan.approvals.leader));
      }
    }));
  });
});

describe('follow-ups of a plan', () => {
  const plan = addGoal(emptyPlan, goal('g1', [action('a1', '2026-11-20'), action('a2', '2027-02-28')]));

  it(`when a plan has actions, then each is followed up ${effectFollowUpDelayDays} days after it ends`, () => {
    expect(planFollowUps(plan)).toEqual([
      { kind: 'effect', goalId: 'g1', actionId: 'a1', due: '2026-12-04' },
      { kind: 'effect', goalId: 'g1', actionId: 'a2', due: '2027-03-14' },
    ]);
  });

  it('when the date is past an action\'s end, then that action can be evaluated', () => {
    expect(endedActions(plan, today).map((e) => e.action.id)).toEqual(['a1']);
    expect(endedActions(plan, '2027-02-28').map((e) => e.action.id)).toEqual(['a1', 'a2']);
  });
});

describe('the plan forms', () => {
  const valid = {
    [planInputs.competence]: ' samarbejdskompetence ', [planInputs.goal]: '  Lede møder ', [planInputs.evaluation]: 'Feedback',
    [planInputs.activity]: 'interne-kurser', [planInputs.note]: '', [planInputs.start]: '2026-12-01', [planInputs.end]: '2027-01-31', [planInputs.responsible]: 'leader',
  };
  const goalForm = (overrides: Record<string, string>) => parseGoalForm({ ...valid, ...overrides }, ['samarbejdskompetence'], activities, today);
  const problemsOf = (result: ReturnType<typeof goalForm>) => (result.ok ? [] : result.problems.map((p) => p.da));

  it('when the form is complete, then the values come back trimmed', () => {
    expect(goalForm({})).toEqual({
      ok: true,
      value: { competenceId: 'samarbejdskompetence', goal: 'Lede møder', evaluation: 'Feedback', action: { activityId: 'interne-kurser', note: '', start: '2026-12-01', end: '2027-01-31', responsible: 'leader' } },
    });
  });

  it.each([
    ['no competence', { [planInputs.competence]: '' }, 'Vælg den kompetence'],
    ['a competence the employee does not have', { [planInputs.competence]: 'forandringsledelse' }, 'Vælg den kompetence'],
    ['a blank goal', { [planInputs.goal]: '   ' }, 'Udfyld "Udviklingsmål"'],
    ['no evaluation', { [planInputs.evaluation]: '' }, 'Udfyld "Evaluering"'],
    ['an activity not in the catalogue', { [planInputs.activity]: 'ferie' }, 'Vælg en handling fra listen'],
    ['no end date', { [planInputs.end]: '' }, 'Vælg en slutdato'],
    ['a date that does not exist', { [planInputs.start]: '2026-02-30' }, 'Vælg en startdato'],
    ['an end before the start', { [planInputs.end]: '2026-11-30' }, 'Slutdatoen skal ligge efter startdatoen'],
    ['a start more than a year ago', { [planInputs.start]: '2025-11-01' }, 'højst ligge et år tilbage'],
    ['an end more than three years ahead', { [planInputs.end]: '2030-01-01' }, 'højst ligge tre år frem'],
    ['nobody responsible', { [planInputs.responsible]: 'hr' }, 'Vælg hvem der er ansvarlig'],
  ])('when the form has %s, then it is refused with a message', (_what, overrides, message) => {
    expect(problemsOf(goalForm(overrides)).join(' ')).toContain(message);
  });

  it('when a text is at its limit it is accepted; one character over (an emoji counts once) it is refused', () => {
    const atLimit = '😀'.repeat(planLimits.goalText);
    expect(goalForm({ [planInputs.goal]: atLimit }).ok).toBe(true);
    expect(problemsOf(goalForm({ [planInputs.goal]: `${atLimit}x` })).join(' ')).toContain(`højst have ${planLimits.goalText} tegn`);
    expect(parseActionForm({ ...valid, [planInputs.note]: 'n'.repeat(planLimits.noteText + 1) }, activities, today).ok).toBe(false);
  });

  it('when a plan is full, then no further goal, and no further action on a full goal, is offered', () => {
    let plan = emptyPlan;
    for (let i = 0; i < planLimits.goals; i++) plan = addGoal(plan, goal(`g${i}`, Array.from({ length: planLimits.actionsPerGoal }, (_, a) => action(`a${i}${a}`))));
    expect(limitProblem(plan)?.da).toContain(`højst ${planLimits.goals} mål`);
    expect(limitProblem(plan, 'g0')?.en).toContain(`at most ${planLimits.actionsPerGoal} actions`);
    expect(limitProblem(addGoal(emptyPlan, goal('g1')))).toBeUndefined();
    expect(zPlanState.safeParse(plan).success).toBe(true);
  });
});

describe('the effect follow-up form', () => {
  it('when the outcome and the daily use are given, then it is accepted; the rest is optional', () => {
    expect(parseEffectForm({ e_outcome: 'partly', e_use: ' Jeg bruger det ', e_next: '' })).toEqual({ ok: true, value: { outcome: 'partly', use: 'Jeg bruger det', next: '' } });
  });

  it('when the outcome is not one of the options or the daily use is missing, then it says so', () => {
    const result = parseEffectForm({ e_outcome: 'amazing', e_use: '' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.en)).toEqual(['Choose how it went.', 'Fill in "How do you use it in your daily work?".']);
  });
});
