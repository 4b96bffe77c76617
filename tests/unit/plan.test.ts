import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDomainData } from '../../src/data/loadDomainData';
import type { Activity } from '../../src/domain/catalogue';
import {
  addAction, addGoal, approvalProblems, approve, effectFollowUpDelayDays, effectInputs, effectOutcomes, effectTextLimit, emptyPlan, endedActions,
  findAction, limitProblem, parseActionForm, parseEffectForm, parseGoalForm, type PlanAction, type PlanGoal, type PlanParty, type PlanState,
  planFollowUps, planInputs, planLimits, planStatus, removeAction, removeGoal, responsibleOptions, zPlanState,
} from '../../src/domain/plan';

const activities = [
  { id: 'sidemandsoplaering', form: 'on-the-job' },
  { id: 'interne-kurser', form: 'course' },
] as unknown as Activity[];
const competenceIds = ['samarbejdskompetence', 'servicekompetence'];
const today = '2026-11-23';

const action = (id: string, end = '2027-03-31'): PlanAction => ({ id, activityId: 'sidemandsoplaering', note: '', start: '2026-12-01', end, responsible: 'both' });
const goal = (id: string, actions: PlanAction[] = [action(`${id}-a`)]): PlanGoal => ({ id, competenceId: 'samarbejdskompetence', goal: `Mål ${id}`, evaluation: 'Feedback', actions });
const at = (party: string) => ({ personId: `${party}-id`, at: '2026-11-23T10:00:00Z' });

function approvedBy(plan: PlanState, ...parties: PlanParty[]): PlanState {
  return parties.reduce((p, party) => {
    const outcome = approve(p, party, at(party));
    if (!outcome.ok) throw new Error(`not approvable: ${outcome.problems.map((x) => x.en).join(' ')}`);
    return outcome.plan;
  }, plan);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const drafted = addGoal(emptyPlan, goal('g1'));

describe('the status of a development plan', () => {
  it('when nothing has been approved, then the plan is a draft', () => {
    expect(planStatus(emptyPlan)).toEqual({ kind: 'draft' });
    expect(planStatus(drafted)).toEqual({ kind: 'draft' });
  });

  it('when the employee approves, then the plan waits for the leader, and it is not yet a version', () => {
    const outcome = approve(drafted, 'employee', at('employee'));
    expect(outcome.ok && outcome.nowApproved).toBe(false);
    const plan = approvedBy(drafted, 'employee');
    expect(planStatus(plan)).toEqual({ kind: 'awaiting', approvedBy: 'employee', waitingFor: 'leader' });
    expect(plan.approvedVersion).toBe(0);
    expect(plan.approvals).toEqual({ employee: at('employee') });
  });

  it('when the leader approves first, then the plan waits for the employee', () => {
    expect(planStatus(approvedBy(drafted, 'leader'))).toEqual({ kind: 'awaiting', approvedBy: 'leader', waitingFor: 'employee' });
  });

  it('when the leader approves after the employee, then the plan becomes version 1', () => {
    const outcome = approve(approvedBy(drafted, 'employee'), 'leader', at('leader'));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.nowApproved).toBe(true);
    expect(outcome.plan.approvedVersion).toBe(1);
    expect(planStatus(outcome.plan)).toEqual({ kind: 'approved', version: 1 });
    expect(outcome.plan.approvals).toEqual({ employee: at('employee'), leader: at('leader') });
  });

  it('when the employee approves after the leader, then the plan becomes version 1 as well', () => {
    expect(planStatus(approvedBy(drafted, 'leader', 'employee'))).toEqual({ kind: 'approved', version: 1 });
  });

  it('when the same party approves twice, then nothing changes: same plan, same revision, no new version', () => {
    const once = approvedBy(drafted, 'leader');
    const again = approve(once, 'leader', { personId: 'someone-else', at: '2026-11-24T10:00:00Z' });
    expect(again).toEqual({ ok: true, plan: once, nowApproved: false });
    expect(again.ok && again.plan).toBe(once);

    const v1 = approvedBy(drafted, 'employee', 'leader');
    for (const party of ['employee', 'leader'] as const) {
      const repeat = approve(v1, party, at(party));
      expect(repeat.ok && repeat.plan).toBe(v1);
      expect(repeat.ok && repeat.nowApproved).toBe(false);
    }
  });

  describe('when an approved plan is changed', () => {
    const v1 = approvedBy(addGoal(drafted, goal('g2', [action('g2-a'), action('g2-b')])), 'employee', 'leader');
    const changes: Array<[string, PlanState]> = [
      ['a goal is added', addGoal(v1, goal('g3'))],
      ['an action is added', addAction(v1, 'g1', action('a2'))],
      ['an action is removed', removeAction(v1, 'g2', 'g2-b')],
      ['a goal is removed', removeGoal(v1, 'g1')],
    ];

    it.each(changes)('when %s, then both approvals are gone and it shows as changed since version 1', (_what, changed) => {
      expect(changed.approvals).toEqual({});
      expect(changed.approvedVersion).toBe(1);
      expect(planStatus(changed)).toEqual({ kind: 'changed', since: 1 });
      expect(changed.revision).toBe(v1.revision + 1);
    });

    it('when one party approves the change, then it still shows as changed, approved by that party', () => {
      const [, changed] = changes[1]!;
      const one = approvedBy(changed, 'leader');
      expect(planStatus(one)).toEqual({ kind: 'changed', since: 1, approvedBy: 'leader' });
      expect(one.approvedVersion).toBe(1);
    });

    it('when both approve the change, then the plan becomes version 2, and a further change and approval version 3', () => {
      const [, changed] = changes[1]!;
      const outcome = approve(approvedBy(changed, 'employee'), 'leader', at('leader'));
      expect(outcome.ok && outcome.nowApproved).toBe(true);
      const v2 = approvedBy(changed, 'employee', 'leader');
      expect(planStatus(v2)).toEqual({ kind: 'approved', version: 2 });
      const v3 = approvedBy(removeGoal(v2, 'g2'), 'leader', 'employee');
      expect(planStatus(v3)).toEqual({ kind: 'approved', version: 3 });
    });

    it('when a party had approved only half-way and the plan then changes, then that approval is gone too', () => {
      const half = approvedBy(drafted, 'employee');
      const changed = addAction(half, 'g1', action('a2'));
      expect(changed.approvals).toEqual({});
      expect(planStatus(changed)).toEqual({ kind: 'draft' });
    });
  });
});

describe('what a plan needs before it can be approved', () => {
  it('when the plan is empty, then neither party can approve it, and it says a goal is needed', () => {
    for (const party of ['employee', 'leader'] as const) {
      const outcome = approve(emptyPlan, party, at(party));
      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && outcome.problems).toEqual([
        { da: 'Tilføj mindst ét udviklingsmål, før planen godkendes.', en: 'Add at least one development goal before approving the plan.' },
      ]);
    }
  });

  it('when goals have no action, then it cannot be approved, and each such goal is named', () => {
    const plan = addGoal(addGoal(addGoal(emptyPlan, goal('g1', [])), goal('g2')), goal('g3', []));
    const outcome = approve(plan, 'leader', at('leader'));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems.map((p) => p.en)).toEqual(['The goal "Mål g1" has no action.', 'The goal "Mål g3" has no action.']);
    expect(!outcome.ok && outcome.problems.map((p) => p.da)).toEqual(['Målet "Mål g1" mangler en handling.', 'Målet "Mål g3" mangler en handling.']);
  });

  it('when a goal has an action, then there is nothing in the way', () => {
    expect(approvalProblems(drafted)).toEqual([]);
  });

  it('when the last action of an approved goal is removed, then the changed plan cannot be approved until an action is added', () => {
    const v1 = approvedBy(drafted, 'employee', 'leader');
    const bare = removeAction(v1, 'g1', 'g1-a');
    expect(approve(bare, 'employee', at('employee')).ok).toBe(false);
    expect(planStatus(bare)).toEqual({ kind: 'changed', since: 1 });
    expect(planStatus(approvedBy(addAction(bare, 'g1', action('new')), 'employee', 'leader'))).toEqual({ kind: 'approved', version: 2 });
  });

  it('when an approval is refused, then the plan itself is not touched', () => {
    const plan = deepFreeze(addGoal(emptyPlan, goal('g1', [])));
    approve(plan, 'employee', at('employee'));
    expect(plan.approvals).toEqual({});
  });
});

describe('editing the goals and actions of a plan', () => {
  it('when goals and actions are added, then they keep the order they were added in, on the right goal', () => {
    let plan = addGoal(addGoal(emptyPlan, goal('g1')), goal('g2'));
    plan = addAction(plan, 'g2', action('x'));
    expect(plan.goals.map((g) => g.id)).toEqual(['g1', 'g2']);
    expect(plan.goals[0]!.actions.map((a) => a.id)).toEqual(['g1-a']);
    expect(plan.goals[1]!.actions.map((a) => a.id)).toEqual(['g2-a', 'x']);
  });

  it('when a goal is removed, then its actions go with it and the other goals stay', () => {
    const plan = removeGoal(addGoal(addGoal(emptyPlan, goal('g1')), goal('g2')), 'g1');
    expect(plan.goals.map((g) => g.id)).toEqual(['g2']);
    expect(findAction(plan, 'g1-a')).toBeUndefined();
  });

  it('when an action is removed, then only that action goes', () => {
    const plan = addAction(addGoal(drafted, goal('g2')), 'g1', action('a2'));
    const after = removeAction(plan, 'g1', 'g1-a');
    expect(after.goals.map((g) => g.actions.map((a) => a.id))).toEqual([['a2'], ['g2-a']]);
  });

  it('when every change and approval happens, then the revision goes up by one each time', () => {
    const revisions = [emptyPlan];
    const step = (next: PlanState) => revisions.push(next);
    step(addGoal(revisions.at(-1)!, goal('g1')));
    step(addAction(revisions.at(-1)!, 'g1', action('a2')));
    step(approvedBy(revisions.at(-1)!, 'employee'));
    step(approvedBy(revisions.at(-1)!, 'leader'));
    step(removeAction(revisions.at(-1)!, 'g1', 'a2'));
    step(addGoal(revisions.at(-1)!, goal('g2')));
    step(removeGoal(revisions.at(-1)!, 'g2'));
    expect(revisions.map((p) => p.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  describe('when something that is not there is removed (already removed on another device)', () => {
    const v1 = approvedBy(addGoal(drafted, goal('g2')), 'employee', 'leader');

    it('when the goal is unknown, then the very same plan comes back: no new revision, approvals kept', () => {
      expect(removeGoal(v1, 'gone')).toBe(v1);
      expect(removeGoal(removeGoal(v1, 'g1'), 'g1').revision).toBe(v1.revision + 1);
    });

    it('when the action is unknown, then the very same plan comes back', () => {
      expect(removeAction(v1, 'g1', 'gone')).toBe(v1);
      expect(removeAction(v1, 'gone', 'g1-a')).toBe(v1);
    });

    it('when the action belongs to another goal, then nothing is removed and the approvals are kept', () => {
      const outcome = removeAction(v1, 'g1', 'g2-a');
      expect(outcome).toBe(v1);
      expect(planStatus(outcome)).toEqual({ kind: 'approved', version: 1 });
    });
  });

  it('when any change is made, then the plan passed in is left as it was (states in, states out)', () => {
    const plan = deepFreeze(approvedBy(addGoal(drafted, goal('g2')), 'employee'));
    const copy = structuredClone(plan);
    addGoal(plan, goal('g3'));
    addAction(plan, 'g1', action('a2'));
    removeAction(plan, 'g1', 'g1-a');
    removeGoal(plan, 'g2');
    approve(plan, 'leader', at('leader'));
    expect(plan).toEqual(copy);
  });

  it('when an action id is looked up, then its goal comes with it', () => {
    const plan = addGoal(drafted, goal('g2'));
    expect(findAction(plan, 'g2-a')).toEqual({ goal: plan.goals[1], action: plan.goals[1]!.actions[0] });
    expect(findAction(plan, 'nope')).toBeUndefined();
  });
});

describe('how many goals and actions fit on a plan', () => {
  const withGoals = (goals: number, actionsEach: number) => {
    let plan = emptyPlan;
    for (let i = 0; i < goals; i++) plan = addGoal(plan, goal(`g${i}`, Array.from({ length: actionsEach }, (_, a) => action(`a${i}-${a}`))));
    return plan;
  };

  it(`when a plan has ${planLimits.goals - 1} goals, then one more fits; with ${planLimits.goals}, no further goal is offered`, () => {
    expect(limitProblem(withGoals(planLimits.goals - 1, 1))).toBeUndefined();
    const full = limitProblem(withGoals(planLimits.goals, 1));
    expect(full).toEqual({ da: `En plan kan have højst ${planLimits.goals} mål.`, en: `A plan can have at most ${planLimits.goals} goals.` });
  });

  it(`when a goal has ${planLimits.actionsPerGoal - 1} actions, then one more fits; with ${planLimits.actionsPerGoal}, no further action`, () => {
    expect(limitProblem(withGoals(1, planLimits.actionsPerGoal - 1), 'g0')).toBeUndefined();
    expect(limitProblem(withGoals(1, planLimits.actionsPerGoal), 'g0')).toEqual({
      da: `Et mål kan have højst ${planLimits.actionsPerGoal} handlinger.`, en: `A goal can have at most ${planLimits.actionsPerGoal} actions.`,
    });
  });

  it('when another goal is full, then this goal still takes an action; goal count and action count are separate limits', () => {
    const plan = addGoal(withGoals(1, planLimits.actionsPerGoal), goal('other'));
    expect(limitProblem(plan, 'other')).toBeUndefined();
    expect(limitProblem(plan)).toBeUndefined();
    expect(limitProblem(plan, 'unknown')).toBeUndefined();
  });

  it('when a plan is as full as it can be, then it can still be stored', () => {
    expect(zPlanState.safeParse(withGoals(planLimits.goals, planLimits.actionsPerGoal)).success).toBe(true);
  });
});

describe('the effect follow-ups of a plan', () => {
  const plan = addGoal(
    addGoal(emptyPlan, goal('g1', [action('a1', '2026-11-20'), action('a2', '2026-12-25')])),
    goal('g2', [action('b1', '2028-02-20'), action('b2', '2027-02-20')]),
  );

  it(`when a plan has actions, then each is followed up ${effectFollowUpDelayDays} days after it ends, across months, years and leap days`, () => {
    expect(effectFollowUpDelayDays).toBe(14);
    expect(planFollowUps(plan)).toEqual([
      { kind: 'effect', goalId: 'g1', actionId: 'a1', due: '2026-12-04' },
      { kind: 'effect', goalId: 'g1', actionId: 'a2', due: '2027-01-08' },
      { kind: 'effect', goalId: 'g2', actionId: 'b1', due: '2028-03-05' },
      { kind: 'effect', goalId: 'g2', actionId: 'b2', due: '2027-03-06' },
    ]);
  });

  it('when a plan has no actions, then there is nothing to follow up', () => {
    expect(planFollowUps(emptyPlan)).toEqual([]);
    expect(planFollowUps(addGoal(emptyPlan, goal('g1', [])))).toEqual([]);
  });

  it('when an action is removed, then its follow-up is gone', () => {
    expect(planFollowUps(removeAction(plan, 'g1', 'a2')).map((f) => f.actionId)).toEqual(['a1', 'b1', 'b2']);
  });

  it('when the date has reached an action\'s end, then that action can be evaluated; before it, not', () => {
    const ended = (day: string) => endedActions(plan, day).map((e) => e.action.id);
    expect(ended('2026-11-19')).toEqual([]);
    expect(ended('2026-11-20')).toEqual(['a1']);
    expect(ended(today)).toEqual(['a1']);
    expect(ended('2027-02-20')).toEqual(['a1', 'a2', 'b2']);
    expect(ended('2030-01-01')).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(endedActions(plan, today)[0]!.goal.id).toBe('g1');
  });
});

describe('the goal and action forms', () => {
  const valid: Record<string, unknown> = {
    [planInputs.competence]: ' samarbejdskompetence ', [planInputs.goal]: '  Lede møder ', [planInputs.evaluation]: ' Feedback fra kolleger\n',
    [planInputs.activity]: 'interne-kurser ', [planInputs.note]: ' Forårets kursus ', [planInputs.start]: ' 2026-12-01', [planInputs.end]: '2027-01-31', [planInputs.responsible]: 'leader',
  };
  const goalForm = (overrides: Record<string, unknown>) => parseGoalForm({ ...valid, ...overrides }, competenceIds, activities, today);
  const actionForm = (overrides: Record<string, unknown>) => parseActionForm({ ...valid, ...overrides }, activities, today);
  const problemsOf = (result: { ok: true } | { ok: false; problems: Array<{ da: string; en: string }> }) => (result.ok ? [] : result.problems.map((p) => p.en));

  it('when the goal form is complete, then the values come back trimmed', () => {
    expect(goalForm({})).toEqual({
      ok: true,
      value: {
        competenceId: 'samarbejdskompetence', goal: 'Lede møder', evaluation: 'Feedback fra kolleger',
        action: { activityId: 'interne-kurser', note: 'Forårets kursus', start: '2026-12-01', end: '2027-01-31', responsible: 'leader' },
      },
    });
  });

  it('when the action form is complete, then the action comes back, and the description may be left out', () => {
    expect(actionForm({ [planInputs.note]: undefined })).toEqual({
      ok: true, value: { activityId: 'interne-kurser', note: '', start: '2026-12-01', end: '2027-01-31', responsible: 'leader' },
    });
  });

  it.each(responsibleOptions)('when %s is responsible, then that is accepted', (responsible) => {
    expect(actionForm({ [planInputs.responsible]: responsible }).ok).toBe(true);
  });

  it('when the goal form is left empty, then every missing field is listed at once, in both languages', () => {
    const result = parseGoalForm({}, competenceIds, activities, today);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.en)).toEqual([
      'Choose the competence the goal is about.',
      'Fill in "Development goal".',
      'Fill in "Evaluation".',
      'Choose an action from the list.',
      'Choose a start date.',
      'Choose an end date.',
      'Choose who is responsible.',
    ]);
    for (const problem of result.problems) expect(problem.da.trim().length * problem.en.trim().length).toBeGreaterThan(0);
  });

  it.each([
    ['no competence', { [planInputs.competence]: '' }, 'Choose the competence the goal is about.'],
    ['a competence outside the profile', { [planInputs.competence]: 'forandringsledelse' }, 'Choose the competence the goal is about.'],
    ['a blank goal (only spaces)', { [planInputs.goal]: '  \n\t ' }, 'Fill in "Development goal".'],
    ['no evaluation', { [planInputs.evaluation]: '' }, 'Fill in "Evaluation".'],
    ['no activity', { [planInputs.activity]: undefined }, 'Choose an action from the list.'],
    ['an activity not in the catalogue', { [planInputs.activity]: 'ferie' }, 'Choose an action from the list.'],
    ['no start date', { [planInputs.start]: '' }, 'Choose a start date.'],
    ['no end date', { [planInputs.end]: '' }, 'Choose an end date.'],
    ['an end before the start', { [planInputs.end]: '2026-11-30' }, 'The end date must be after the start date.'],
    ['a start more than a year ago', { [planInputs.start]: '2025-11-16' }, 'The start date can be at most a year ago.'],
    ['an end more than three years ahead', { [planInputs.end]: '2029-11-30' }, 'The end date can be at most three years ahead.'],
    ['nobody responsible', { [planInputs.responsible]: '' }, 'Choose who is responsible.'],
    ['someone unknown responsible', { [planInputs.responsible]: 'hr' }, 'Choose who is responsible.'],
  ])('when the goal form has %s, then it is refused, saying so', (_what, overrides, message) => {
    expect(problemsOf(goalForm(overrides))).toEqual([message]);
  });

  it.each([
    '2026-02-30', '2026-04-31', '2027-02-29', '2026-13-01', '2026-00-10', '2026-12-00', '2026-01-32',
    '26-12-01', '2026-12-1', '01-12-2026', '2026/12/01', '2026-12-01T10:00', 'i morgen', ' ',
  ])('when the start date is "%s", which is not a date, then it is refused without an error being thrown', (start) => {
    expect(problemsOf(actionForm({ [planInputs.start]: start }))).toEqual(['Choose a start date.']);
    expect(problemsOf(actionForm({ [planInputs.end]: start }))).toEqual(['Choose an end date.']);
  });

  it('when a form field is not text (a number, a list, an object), then it counts as missing', () => {
    expect(problemsOf(goalForm({ [planInputs.goal]: 42, [planInputs.start]: 20261201, [planInputs.responsible]: ['leader'], [planInputs.activity]: { id: 'interne-kurser' } }))).toEqual([
      'Fill in "Development goal".', 'Choose an action from the list.', 'Choose a start date.', 'Choose who is responsible.',
    ]);
  });

  it('when the 29th of February is in a leap year, then it is a date', () => {
    expect(actionForm({ [planInputs.start]: '2028-02-29', [planInputs.end]: '2028-03-31' }).ok).toBe(true);
  });

  it('when the action starts and ends on the same day, then that is accepted', () => {
    expect(actionForm({ [planInputs.start]: '2027-01-15', [planInputs.end]: '2027-01-15' }).ok).toBe(true);
  });

  it('when the start is exactly a year ago and the end exactly three years ahead, then both are accepted', () => {
    expect(actionForm({ [planInputs.start]: '2025-11-23', [planInputs.end]: '2029-11-23' }).ok).toBe(true);
    expect(actionForm({ [planInputs.start]: '2026-11-22', [planInputs.end]: '2026-11-22' }).ok).toBe(true);
  });

  it('when both dates are impossible, then there is no complaint about their order or distance, only that they are missing', () => {
    expect(problemsOf(actionForm({ [planInputs.start]: '2031-01-01', [planInputs.end]: '2020-02-30' }))).toEqual(['Choose an end date.']);
  });

  describe('the text limits, counted in characters as the user sees them', () => {
    it.each([
      ['goal', planInputs.goal, planLimits.goalText, 'Development goal'],
      ['evaluation', planInputs.evaluation, planLimits.evaluationText, 'Evaluation'],
    ])('when the %s has exactly the limit it is accepted; one character over it is refused with the count', (_what, input, limit, label) => {
      expect(goalForm({ [input]: 'x'.repeat(limit) }).ok).toBe(true);
      expect(goalForm({ [input]: ` ${'x'.repeat(limit)}  ` }).ok).toBe(true);
      expect(problemsOf(goalForm({ [input]: 'x'.repeat(limit + 1) }))).toEqual([`"${label}" can have at most ${limit} characters (it has ${limit + 1}).`]);
    });

    it('when the goal is written in emoji, then an emoji counts as one character', () => {
      const atLimit = '😀'.repeat(planLimits.goalText);
      expect(atLimit.length).toBe(planLimits.goalText * 2);
      const accepted = goalForm({ [planInputs.goal]: atLimit, [planInputs.evaluation]: '🎉'.repeat(planLimits.evaluationText) });
      expect(accepted.ok).toBe(true);
      expect(accepted.ok && zPlanState.safeParse(addGoal(emptyPlan, { id: 'g', ...accepted.value, actions: [] })).success).toBe(true);
      const refused = goalForm({ [planInputs.goal]: `${atLimit}x` });
      expect(problemsOf(refused)).toEqual([`"Development goal" can have at most ${planLimits.goalText} characters (it has ${planLimits.goalText + 1}).`]);
      expect(!refused.ok && refused.problems[0]!.da).toBe(`"Udviklingsmål" må højst have ${planLimits.goalText} tegn (der er ${planLimits.goalText + 1}).`);
    });

    it('when the description of an action is at its limit (also in emoji) it is accepted; one over it is refused', () => {
      expect(actionForm({ [planInputs.note]: 'n'.repeat(planLimits.noteText) }).ok).toBe(true);
      expect(actionForm({ [planInputs.note]: '📚'.repeat(planLimits.noteText) }).ok).toBe(true);
      expect(problemsOf(actionForm({ [planInputs.note]: '📚'.repeat(planLimits.noteText + 1) }))).toEqual([
        `"Description" can have at most ${planLimits.noteText} characters.`,
      ]);
    });
  });

  it('when the real catalogue and competence model are used, then a goal on a real competence with a real activity is accepted', async () => {
    const data = await loadDomainData();
    const competence = data.competenceModel.competences.find((c) => c.audience === 'employee')!;
    const activity = data.activityCatalogue.activities[0]!;
    const result = parseGoalForm(
      { ...valid, [planInputs.competence]: competence.id, [planInputs.activity]: activity.id },
      data.competenceModel.competences.map((c) => c.id), data.activityCatalogue.activities, today,
    );
    expect(result.ok && result.value.action.activityId).toBe(activity.id);
    expect(result.ok && result.value.competenceId).toBe(competence.id);
  });
});

describe('the effect follow-up form', () => {
  const form = (fields: Record<string, unknown>) => parseEffectForm({ [effectInputs.outcome]: 'well', [effectInputs.use]: 'Jeg bruger det', ...fields });
  const problemsOf = (result: ReturnType<typeof parseEffectForm>) => (result.ok ? [] : result.problems.map((p) => p.en));

  it.each(effectOutcomes)('when the outcome is "%s" and the daily use is told, then it is accepted, trimmed', (outcome) => {
    expect(form({ [effectInputs.outcome]: ` ${outcome} `, [effectInputs.use]: ' Jeg bruger det ', [effectInputs.next]: ' Mere sparring ' })).toEqual({
      ok: true, value: { outcome, use: 'Jeg bruger det', next: 'Mere sparring' },
    });
  });

  it('when what would help next is left out, then it is accepted as empty', () => {
    expect(form({})).toEqual({ ok: true, value: { outcome: 'well', use: 'Jeg bruger det', next: '' } });
    expect(form({ [effectInputs.next]: '   ' })).toEqual({ ok: true, value: { outcome: 'well', use: 'Jeg bruger det', next: '' } });
  });

  it('when the outcome is not one of the options or the daily use is missing, then it says so, in both languages', () => {
    const result = parseEffectForm({ [effectInputs.outcome]: 'amazing', [effectInputs.use]: '   ' });
    expect(problemsOf(result)).toEqual(['Choose how it went.', 'Fill in "How do you use it in your daily work?".']);
    expect(!result.ok && result.problems.map((p) => p.da)).toEqual(['Vælg hvordan det gik.', 'Udfyld "Hvordan bruger du det i dit daglige arbejde?".']);
    for (const outcome of [undefined, '', 'WELL', 3, ['well']]) expect(problemsOf(form({ [effectInputs.outcome]: outcome }))).toEqual(['Choose how it went.']);
  });

  it(`when an answer has exactly ${effectTextLimit} characters (also in emoji) it is accepted; one over it is refused`, () => {
    expect(form({ [effectInputs.use]: 'u'.repeat(effectTextLimit), [effectInputs.next]: '🌱'.repeat(effectTextLimit) }).ok).toBe(true);
    expect(problemsOf(form({ [effectInputs.use]: '🌱'.repeat(effectTextLimit + 1) }))).toEqual([
      `"How do you use it in your daily work?" can have at most ${effectTextLimit} characters (it has ${effectTextLimit + 1}).`,
    ]);
    expect(problemsOf(form({ [effectInputs.next]: 'n'.repeat(effectTextLimit + 1) }))).toEqual([`The answer can have at most ${effectTextLimit} characters.`]);
  });
});

describe('storing a plan', () => {
  type Op =
    | { kind: 'add-goal'; text: string; evaluation: string; startOffset: number; days: number }
    | { kind: 'add-action'; goal: number; note: string }
    | { kind: 'remove-goal'; goal: number }
    | { kind: 'remove-action'; goal: number; from: number; action: number }
    | { kind: 'approve'; party: PlanParty };

  const anyText = (max: number) => fc.string({ unit: 'binary', maxLength: max + 2 });
  // Indices a little past the end also pick goals and actions that are not there (removed on another device).
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('add-goal' as const), text: anyText(planLimits.goalText), evaluation: anyText(planLimits.evaluationText), startOffset: fc.integer({ min: -400, max: 400 }), days: fc.integer({ min: -5, max: 800 }) }),
    fc.record({ kind: fc.constant('add-action' as const), goal: fc.nat(planLimits.goals + 1), note: anyText(planLimits.noteText) }),
    fc.record({ kind: fc.constant('remove-goal' as const), goal: fc.nat(planLimits.goals + 1) }),
    // Mostly the action's own goal; sometimes another one (a stale card), which must change nothing.
    fc.record({ kind: fc.constant('remove-action' as const), goal: fc.nat(planLimits.goals + 1), from: fc.nat(planLimits.goals + 1), action: fc.nat(planLimits.actionsPerGoal + 1) })
      .map((o) => (o.action % 3 === 0 ? o : { ...o, from: o.goal })),
    fc.record({ kind: fc.constant('approve' as const), party: fc.constantFrom<PlanParty>('employee', 'leader') }),
  );

  const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  /** Applies an operation as the bot does: through the forms, within the limits. */
  function apply(plan: PlanState, o: Op, newId: () => string): { plan: PlanState; content: boolean; nowApproved?: boolean } {
    const start = shift(today, 'startOffset' in o ? o.startOffset : 10);
    const end = shift(start, 'days' in o ? o.days : 30);
    const fields = { [planInputs.activity]: 'sidemandsoplaering', [planInputs.start]: start, [planInputs.end]: end, [planInputs.responsible]: 'employee' };
    switch (o.kind) {
      case 'add-goal': {
        if (limitProblem(plan)) return { plan, content: false };
        const form = parseGoalForm({ ...fields, [planInputs.competence]: competenceIds[0], [planInputs.goal]: o.text, [planInputs.evaluation]: o.evaluation }, competenceIds, activities, today);
        if (!form.ok) return { plan, content: false };
        const { action: first, ...rest } = form.value;
        return { plan: addGoal(plan, { id: newId(), ...rest, actions: [{ id: newId(), ...first }] }), content: true };
      }
      case 'add-action': {
        const target = plan.goals[o.goal];
        if (!target || limitProblem(plan, target.id)) return { plan, content: false };
        const form = parseActionForm({ ...fields, [planInputs.note]: o.note }, activities, today);
        if (!form.ok) return { plan, content: false };
        return { plan: addAction(plan, target.id, { id: newId(), ...form.value }), content: true };
      }
      case 'remove-goal': {
        const id = plan.goals[o.goal]?.id ?? 'gone';
        return { plan: removeGoal(plan, id), content: id !== 'gone' };
      }
      case 'remove-action': {
        const target = plan.goals[o.goal];
        const id = plan.goals[o.from]?.actions[o.action]?.id ?? 'gone';
        return { plan: removeAction(plan, target?.id ?? 'gone', id), content: id !== 'gone' && o.from === o.goal };
      }
      case 'approve': {
        const outcome = approve(plan, o.party, at(o.party));
        return outcome.ok ? { plan: outcome.plan, content: false, nowApproved: outcome.nowApproved } : { plan, content: false };
      }
    }
  }

  it('when any sequence of edits and approvals happens, then every state can be stored and read back, revisions go up with every real change, and "approved" means both approved', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
      let plan = emptyPlan;
      let n = 0;
      const newId = () => `id-${n++}`;
      for (const o of ops) {
        const before = plan;
        const step = apply(plan, o, newId);
        plan = step.plan;

        const stored = zPlanState.safeParse(JSON.parse(JSON.stringify(plan)));
        expect(stored.success).toBe(true);
        expect(stored.success && stored.data).toEqual(plan);

        if (plan === before) expect(plan.revision).toBe(before.revision);
        else expect(plan.revision).toBe(before.revision + 1);
        // Removing what is not there, approving twice or approving an unfinished plan changes nothing.
        if (o.kind !== 'approve' && !step.content) expect(plan).toBe(before);
        if (step.content) {
          expect(plan).not.toBe(before);
          expect(plan.approvals).toEqual({});
          expect(plan.approvedVersion).toBe(before.approvedVersion);
        }
        expect(plan.approvedVersion).toBe(before.approvedVersion + (step.nowApproved ? 1 : 0));
        expect(plan.goals.length).toBeLessThanOrEqual(planLimits.goals);

        const both = Boolean(plan.approvals.employee && plan.approvals.leader);
        const status = planStatus(plan);
        expect(status.kind === 'approved').toBe(both);
        if (both) expect(approvalProblems(plan)).toEqual([]);
        if (status.kind === 'approved') expect(status.version).toBe(plan.approvedVersion);
        if (status.kind === 'draft') expect(plan.approvedVersion).toBe(0);
        expect(planFollowUps(plan)).toHaveLength(plan.goals.reduce((sum, g) => sum + g.actions.length, 0));
      }
    }), { numRuns: 300 });
  });
});
