import { beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { botHarness, demo, type DemoUser, visibleText } from '../support/botHarness';
import { demoId } from '../support/ratings';

// Every action a person can take, tried through the real bot by every role: the employee
// herself (Mette), another employee (Ahmad), her leader (Lars), his leader (Jens), another
// department's leader (Birgitte), HR (Camilla), a member of her area's MED-udvalg (Sofie, Social
// og Sundhed), her tillidsrepræsentant (Anne), a member of Hovedudvalget (Maria) and someone HR
// never registered. Who is refused
// is told so in their language, and a refusal writes nothing (every table compared before and
// after, the conversation references the bot keeps for anyone who writes aside).
let harness: Awaited<ReturnType<typeof botHarness>>;
const cycle = String(new Date().getUTCFullYear());
const roles = {
  'the employee herself': demo.mette, 'another employee': demo.ahmad, 'her leader': demo.lars, "her leader's leader": demo.jens,
  "another department's leader": demo.birgitte, HR: demo.camilla, "a member of her area's MED-udvalg": demo.sofie,
  'her tillidsrepræsentant': { aadObjectId: demoId(7), name: 'Anne Kristensen' }, 'a member of Hovedudvalget': { aadObjectId: demoId(13), name: 'Maria Rasmussen' },
  'an unknown user': demo.stranger,
} as const;
type Role = keyof typeof roles;
const leaders: Role[] = ['her leader', "her leader's leader"];
const representatives: Role[] = ["a member of her area's MED-udvalg", 'her tillidsrepræsentant', 'a member of Hovedudvalget'];
const registered: Role[] = ['the employee herself', 'another employee', 'her leader', "her leader's leader", "another department's leader", 'HR', ...representatives];

type Attempt = (user: DemoUser) => Promise<string>;
const text = (replies: Awaited<ReturnType<typeof harness.say>>) =>
  replies.map((r) => (r.type === 'invokeResponse' ? JSON.stringify(r.value) : visibleText(r))).join('\n');
const say = (words: string): Attempt => async (user) => text(await harness.say(user, words));
const submit = (value: Record<string, unknown>): Attempt => async (user) => text(await harness.submit(user, value));
const execute = (verb: string, data: Record<string, unknown>): Attempt => async (user) => text(await harness.execute(user, verb, data));

const mette = demo.mette.aadObjectId;
/** What, how, who may, and (where the bot says more than "no access") what a refusal says. */
const actions: Array<[string, Attempt, Role[], string?]> = [
  ['prepare for MUS', say('forbered mus'), registered],
  ['see Hjemmeplejen Nord\'s gap summary', submit({ verb: verbs.gapsOpen, departmentId: 'hjemmeplejen-nord' }), [...leaders, 'HR']],
  ['open the MUS round form of Hjemmeplejen Nord', submit({ verb: verbs.roundForm, departmentId: 'hjemmeplejen-nord' }), leaders],
  ["edit Hjemmeplejen Nord's competence profile", submit({ verb: verbs.profileOpen, departmentId: 'hjemmeplejen-nord' }), leaders],
  ["choose Hjemmeplejen Nord's MUS questions", submit({ verb: verbs.questionsOpen, departmentId: 'hjemmeplejen-nord' }), leaders],
  ["open Mette's shared preparation", submit({ verb: verbs.deptOpenShared, ownerId: mette }), leaders],
  ['rate Mette beside her self-rating', submit({ verb: verbs.leaderRatingOpen, ownerId: mette }), leaders],
  ["open Mette's development plan", execute(verbs.planOpen, { ownerId: mette, cycle }), ['the employee herself', ...leaders]],
  ["start a GRUS for Hjemmeplejen Nord", submit({ verb: verbs.grusForm, departmentId: 'hjemmeplejen-nord' }), leaders],
  ["write Hjemmeplejen Nord's action plan", submit({ verb: verbs.actionPlanOpen, departmentId: 'hjemmeplejen-nord' }), leaders],
  ["export Hjemmeplejen Nord's development plans", submit({ verb: verbs.exportRequest, kind: 'department-plans', subjectId: 'hjemmeplejen-nord' }), leaders],
  ["get Hjemmeplejen Nord's development plans as a file in the chat", submit({ verb: verbs.exportFile, kind: 'department-plans', subjectId: 'hjemmeplejen-nord' }), leaders],
  ["see the municipality's figures", say('kommunen'), ['HR']],
  ['publish new figures now', submit({ verb: verbs.releasePublish }), ['HR']],
  ["change the municipality's årshjul", say('årshjul'), ['HR'], 'Årshjulet ændres af HR.'],
  ['erase a person', say('slet person'), ['HR'], 'Kun HR kan slette personer.'],
  ['read the audit log', say('revisionslog'), ['HR'], 'Revisionsloggen kan kun ses af HR.'],
  ['export their own data', say('mine data'), registered],
  ["read Hjemmeplejen Nord's released figures as MED, TR or Hovedudvalget", submit({ verb: verbs.areaFigures, departmentId: 'hjemmeplejen-nord' }), [...representatives, 'HR']],
  ["read the municipality's released figures as Hovedudvalget", submit({ verb: verbs.areaFigures, departmentId: '*' }), ['a member of Hovedudvalget', 'HR']],
  ["read Hjemmeplejen Nord's approved action plan", submit({ verb: verbs.areaActionPlan, departmentId: 'hjemmeplejen-nord' }), [...representatives, 'HR']],
];

/** Every entity of every table but the conversation references, without timestamps. */
async function snapshot(): Promise<string> {
  const out: string[] = [];
  for (const role of ['departments', 'people', 'memberships', 'preferences', 'preparations', 'questionSets', 'profiles', 'rounds', 'plans', 'schedule', 'outbox', 'postings', 'groupConversations', 'actionPlans', 'audit', 'erasures', 'releases'] as const) {
    for await (const entity of harness.repos.tables.table(role).listEntities()) {
      const { etag: _e, timestamp: _t, ...rest } = entity as Record<string, unknown>;
      out.push(`${role} ${JSON.stringify(rest)}`);
    }
  }
  return out.sort().join('\n');
}

beforeAll(async () => {
  harness = await botHarness();
  // An approved action plan, for those who may read it.
  const item = { goal: 'Sidemandsoplæring', competenceId: 'samarbejdskompetence', activityId: 'sidemandsoplaering', owner: 'Lars', due: `${cycle}-10-01` };
  await harness.repos.actionPlans.save('hjemmeplejen-nord', cycle, [item], demo.lars.aadObjectId, true, undefined, undefined);
});

describe('the authorization matrix, through the bot', () => {
  for (const [what, attempt, allowed, refusal = 'Det har du ikke adgang til.'] of actions) {
    for (const [who, user] of Object.entries(roles) as Array<[Role, DemoUser]>) {
      const answer = who === 'an unknown user' ? 'refused as not registered' : allowed.includes(who) ? 'allowed' : 'refused';
      it(`when ${who} tries to ${what}, then it is ${answer}`, async () => {
        const before = answer === 'allowed' ? '' : await snapshot();
        const reply = await attempt(user);
        if (answer === 'allowed') {
          expect(reply).not.toContain('ikke adgang');
          expect(reply).not.toContain('ikke registreret');
          return;
        }
        expect(reply).toContain(answer === 'refused' ? refusal : 'Du er ikke registreret i Kompetencebot endnu.');
        expect(await snapshot()).toBe(before);
      });
    }
  }

  it('when a refused person writes in English, then the refusal is in English', async () => {
    expect(text(await harness.say(demo.ahmad, 'kommunen', { locale: 'en-GB' }))).toContain('You do not have access to that.');
    expect(text(await harness.say(demo.stranger, 'kommunen', { locale: 'en-GB' }))).toContain('You are not registered in Kompetencebot yet.');
  });
});

// The matrix above opens each form; a stale or forged card can skip the form and send the write
// itself. Every writing verb, sent by someone who may not, is refused and writes nothing.
const deadline = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
const dept = { departmentId: 'hjemmeplejen-nord' };
const writes: Array<[string, Attempt, Role[]]> = [
  ['start a MUS round for Hjemmeplejen Nord', execute(verbs.roundStart, { ...dept, deadline, includeSub: 'false' }), ['another employee', "another department's leader"]],
  ['send a nudge to Hjemmeplejen Nord', submit({ verb: verbs.nudgeNow, ...dept }), ['the employee herself', "another department's leader"]],
  ["save Hjemmeplejen Nord's competence profile", execute(verbs.profileSave, dept), ['the employee herself', "another department's leader", 'HR']],
  ["remove a competence from Hjemmeplejen Nord's profile", execute(verbs.profileRemoveCompetence, { ...dept, competenceId: 'faglig-12345678' }), ['the employee herself', "another department's leader"]],
  ["save Hjemmeplejen Nord's MUS questions", execute(verbs.questionsSave, dept), ['the employee herself', "another department's leader"]],
  ["reset Hjemmeplejen Nord's MUS questions", execute(verbs.questionsReset, dept), ['the employee herself', "another department's leader"]],
  ['save a rating of Mette', execute(verbs.leaderRatingSave, { ownerId: mette }), ['the employee herself', 'another employee', "another department's leader", 'HR']],
  ["add a goal to Mette's plan", execute(verbs.planSaveGoal, { ownerId: mette, cycle, revision: 0 }), ['another employee', "another department's leader", 'HR']],
  ["approve Mette's plan", execute(verbs.planApprove, { ownerId: mette, cycle, revision: 0 }), ['another employee', "another department's leader"]],
  ['start a GRUS for Hjemmeplejen Nord', submit({ verb: verbs.grusStart, ...dept, channelId: '19:team@thread.tacv2', deadline }), ['the employee herself', "another department's leader"]],
  ["approve Hjemmeplejen Nord's action plan", submit({ verb: verbs.actionPlanApprove, subjectId: 'hjemmeplejen-nord', etag: '' }), ['the employee herself', "another department's leader"]],
  ["save the municipality's årshjul", execute(verbs.aarshjulSave, {}), ['the employee herself', 'her leader']],
  ["reset the municipality's årshjul", execute(verbs.aarshjulReset, {}), ['the employee herself', 'her leader']],
  ['erase Mette', execute(verbs.eraseConfirm, { personId: mette, erasureId: '0123456789abcdef' }), ['the employee herself', 'her leader']],
  ['publish new figures now', submit({ verb: verbs.releasePublish }), ['the employee herself', 'her leader']],
  ["share Hjemmeplejen Nord's gaps in a channel", submit({ verb: verbs.gapsPost, ...dept, channelId: '19:team@thread.tacv2' }), ['the employee herself', "another department's leader"]],
];

describe('writes sent without the form (a stale or forged card)', () => {
  for (const [what, attempt, refusedRoles] of writes) {
    for (const who of [...refusedRoles, 'an unknown user'] as Role[]) {
      it(`when ${who} sends "${what}", then it is refused and nothing is written`, async () => {
        const before = await snapshot();
        const reply = await attempt(roles[who]);
        expect(reply).toContain(who === 'an unknown user' ? 'Du er ikke registreret i Kompetencebot endnu.' : 'Det har du ikke adgang til.');
        expect(await snapshot()).toBe(before);
      });
    }
  }
});
