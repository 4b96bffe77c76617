/**
 * Card action verbs, shared by the card templates (through `${verbs.<name>}` in their data) and
 * the routes that handle them, so the two cannot drift apart.
 */
export const verbs = {
  showHelp: 'help.show',
  prepNext: 'prep.next',
  prepBack: 'prep.back',
  prepSave: 'prep.save',
  prepGoto: 'prep.goto',
  prepResume: 'prep.resume',
  prepShare: 'prep.share',
  deptOpenShared: 'dept.openShared',
  roundForm: 'round.form',
  roundStart: 'round.start',
  nudgeNow: 'round.nudgeNow',
  profileOpen: 'profile.open',
  profileSave: 'profile.save',
  profileShow: 'profile.show',
  questionsOpen: 'questions.open',
  gapsOpen: 'gaps.open',
  aarshjulShow: 'aarshjul.show',
  aarshjulSave: 'aarshjul.save',
  aarshjulReset: 'aarshjul.reset',
  questionsSave: 'questions.save',
  questionsReset: 'questions.reset',
  profileRemoveCompetence: 'profile.removeCompetence',
  leaderRatingOpen: 'leaderRating.open',
  leaderRatingSave: 'leaderRating.save',
  planOpen: 'plan.open',
  planShow: 'plan.show',
  planGoalForm: 'plan.goalForm',
  planActionForm: 'plan.actionForm',
  planSaveGoal: 'plan.saveGoal',
  planSaveAction: 'plan.saveAction',
  planRemoveGoal: 'plan.removeGoal',
  planRemoveAction: 'plan.removeAction',
  planApprove: 'plan.approve',
  planEffectForm: 'plan.effectForm',
  planEffectSave: 'plan.effectSave',
} as const;

export type Verb = (typeof verbs)[keyof typeof verbs];
