import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { createJobs, nudgePolicyOf } from '../../src/jobs';
import { effectFollowUpId } from '../../src/jobs/planFollowUps';
import { createLogger } from '../../src/logger';
import { verbs } from '../../src/bot/verbs';
import { planInputs } from '../../src/domain/plan';
import { botHarness, demo, type DemoUser, visibleText } from '../support/botHarness';

// The development plan through the real bot (TestAdapter) on Azurite: Mette and her leader Lars
// draft it, both approve in their own chat, and a change to the approved plan needs both again.
let harness: Awaited<ReturnType<typeof botHarness>>;
const { mette, lars, jens, birgitte, sofie } = demo;
const cycle = String(new Date().getUTCFullYear());
type Replies = Partial<Activity>[];

beforeAll(async () => {
  harness = await botHarness();
  // Everyone involved has talked to the bot, so it can reach them proactively.
  for (const user of [mette, lars, jens]) await harness.install(user);
});

const invokeCard = (replies: Replies) => {
  const invoke = replies.find((r) => r.type === 'invokeResponse');
  expect(invoke, 'an invoke response').toBeDefined();
  return (invoke!.value as { body: { value: Record<string, unknown> } }).body.value;
};
const text = (card: unknown) => visibleText({ attachments: [{ contentType: 'x', content: card }] });
const cardText = (replies: Replies) => text(invokeCard(replies));
const messageCard = (replies: Replies) => replies.find((r) => r.attachments?.length)!.attachments![0]!.content as Record<string, unknown>;
/** Messages the bot sent on its own to someone's personal chat during the turn. */
const proactiveTo = (replies: Replies, user: DemoUser) => replies.filter((r) => r.type === 'message' && r.conversation?.id === `a:personal-${user.aadObjectId}`);

/** The data of the first card action with this verb (what a click would send). */
function actionData(card: unknown, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const o = node as Record<string, unknown>;
    if (o.verb === verb) found = o.data as Record<string, unknown>;
    else if ((o.data as { verb?: string } | undefined)?.verb === verb) found = o.data as Record<string, unknown>;
    else Object.values(o).forEach(walk);
  };
  walk(card);
  expect(found, `an action ${verb}`).toBeDefined();
  return found!;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const goalForm = (overrides: Record<string, string> = {}) => ({
  [planInputs.competence]: 'samarbejdskompetence',
  [planInputs.goal]: 'Blive tryg ved at lede et tværfagligt møde',
  [planInputs.evaluation]: 'Jeg har ledet tre møder, og kollegerne giver feedback',
  [planInputs.activity]: 'sidemandsoplaering',
  [planInputs.note]: 'Sammen med Sofie',
  [planInputs.start]: day(7),
  [planInputs.end]: day(90),
  [planInputs.responsible]: 'both',
  ...overrides,
});

async function currentPlanCard(user: DemoUser) {
  const replies = await harness.execute(user, verbs.planOpen, { ownerId: mette.aadObjectId, cycle });
  return invokeCard(replies);
}

describe('the development plan', () => {
  it('when Mette types "udviklingsplan", then she gets her empty plan with a way to add a goal', async () => {
    const text = visibleText((await harness.say(mette, 'udviklingsplan'))[0]!);
    expect(text).toContain(`Udviklingsplan for Mette Jensen – ${cycle}`);
    expect(text).toContain('Kladde – ikke godkendt endnu');
    expect(text).toContain('Tilføj mål');
    expect(text).not.toContain('Godkend planen');
  });

  it('when Ahmad, who reads English, asks for his development plan, then it is in English', async () => {
    const text = visibleText((await harness.say(demo.ahmad, 'development plan', { locale: 'en-US' }))[0]!);
    expect(text).toContain(`Development plan for Ahmad Karimi – ${cycle}`);
    expect(text).toContain('Draft – not approved yet');
    expect(text).toContain('Add a goal');
  });

  it('when a goal form misses fields, then the same form says what is missing and keeps what was typed', async () => {
    const plan = await currentPlanCard(mette);
    const form = invokeCard(await harness.execute(mette, verbs.planGoalForm, actionData(plan, verbs.planGoalForm)));
    expect(JSON.stringify(form)).toContain('Kompetence');
    const save = actionData(form, verbs.planSaveGoal);
    const refused = await harness.execute(mette, verbs.planSaveGoal, { ...save, ...goalForm({ [planInputs.end]: day(3), [planInputs.evaluation]: '' }) });
    const text = cardText(refused);
    expect(text).toContain('Slutdatoen skal ligge efter startdatoen.');
    expect(text).toContain('Udfyld "Evaluering".');
    expect(JSON.stringify(form)).not.toContain('Blive tryg');
    expect(JSON.stringify(invokeCard(refused))).toContain('"value":"Blive tryg ved at lede et tværfagligt møde"');
    expect((await harness.repos.plans.load(mette.aadObjectId, cycle, 'hjemmeplejen-nord')).plan.goals).toEqual([]);
  });

  it('when Mette adds a goal and Lars adds an action to it, then both see the goal with both actions', async () => {
    const plan = await currentPlanCard(mette);
    const saved = cardText(await harness.execute(mette, verbs.planSaveGoal, { ...actionData(plan, verbs.planGoalForm), ...goalForm() }));
    expect(saved).toContain('Mål 1: Samarbejdskompetence');
    expect(saved).toContain('Sidemandsoplæring (i hverdagen)');
    expect(saved).toContain('Ansvarlig: Begge');

    const larsView = await currentPlanCard(lars);
    const form = invokeCard(await harness.execute(lars, verbs.planActionForm, actionData(larsView, verbs.planActionForm)));
    const text = cardText(await harness.execute(lars, verbs.planSaveAction, {
      ...actionData(form, verbs.planSaveAction), [planInputs.activity]: 'interne-kurser', [planInputs.start]: day(30), [planInputs.end]: day(31), [planInputs.responsible]: 'leader',
    }));
    expect(text).toContain('Interne kurser (kursus)');
    expect(text).toContain('Ansvarlig: Lederen');
    expect(cardText(await harness.execute(mette, verbs.planOpen, { ownerId: mette.aadObjectId, cycle }))).toContain('Interne kurser (kursus)');
  });

  it('when Lars approves, then Mette is told in her own chat, and when she approves too, the plan is version 1 and Lars is told', async () => {
    const afterLars = await harness.execute(lars, verbs.planApprove, actionData(await currentPlanCard(lars), verbs.planApprove));
    expect(cardText(afterLars)).toContain('Godkendt af Lars Nielsen – venter på Mette Jensen');
    const toMette = proactiveTo(afterLars, mette);
    expect(toMette).toHaveLength(1);
    expect(visibleText(toMette[0]!)).toContain('Lars Nielsen har godkendt udviklingsplanen');

    const afterMette = await harness.execute(mette, verbs.planApprove, actionData(await currentPlanCard(mette), verbs.planApprove));
    const text = cardText(afterMette);
    expect(text).toContain('Godkendt af begge (version 1)');
    expect(text).not.toContain('Godkend planen');
    expect(visibleText(proactiveTo(afterMette, lars)[0]!)).toContain('Udviklingsplanen er godkendt');

    const stored = await harness.repos.plans.load(mette.aadObjectId, cycle, 'hjemmeplejen-nord');
    expect(stored.versions.map((v) => v.version)).toEqual([1]);
    expect(stored.versions[0]!.plan.goals[0]!.actions).toHaveLength(2);
  });

  it('when a card is older than the plan, then the click changes nothing and the current plan is shown', async () => {
    const before = await harness.repos.plans.load(mette.aadObjectId, cycle, 'hjemmeplejen-nord');
    const text = cardText(await harness.execute(lars, verbs.planRemoveGoal, { ownerId: mette.aadObjectId, cycle, revision: 0, goalId: before.plan.goals[0]!.id }));
    expect(text).toContain('Planen var ændret i mellemtiden');
    expect(text).toContain('Godkendt af begge (version 1)');
    expect((await harness.repos.plans.load(mette.aadObjectId, cycle, 'hjemmeplejen-nord')).plan).toEqual(before.plan);
  });

  it('when Mette changes the approved plan, then it needs both approvals again, Lars is told, and the next approval is version 2', async () => {
    const plan = await currentPlanCard(mette);
    const removed = await harness.execute(mette, verbs.planRemoveAction, actionData(plan, verbs.planRemoveAction));
    expect(cardText(removed)).toContain('Ændret efter godkendelsen af version 1 – skal godkendes af begge igen');
    expect(visibleText(proactiveTo(removed, lars)[0]!)).toContain('Mette Jensen har ændret den godkendte udviklingsplan');

    const mine = await harness.execute(mette, verbs.planApprove, actionData(await currentPlanCard(mette), verbs.planApprove));
    expect(cardText(mine)).toContain('Ændret efter godkendelsen af version 1');
    const both = cardText(await harness.execute(lars, verbs.planApprove, actionData(await currentPlanCard(lars), verbs.planApprove)));
    expect(both).toContain('Godkendt af begge (version 2)');
    expect(both).toMatch(/Godkendte versioner: 1 \(.+\), 2 \(.+\)/);
    const stored = await harness.repos.plans.load(mette.aadObjectId, cycle, 'hjemmeplejen-nord');
    expect(stored.versions.map((v) => v.plan.goals[0]!.actions.length)).toEqual([2, 1]);
  });

  it("when Lars opens his department, then the approved plan is counted and Mette's plan can be opened from there", async () => {
    const replies = await harness.say(lars, 'min afdeling');
    expect(visibleText(replies[0]!)).toMatch(/Godkendte udviklingsplaner\n1/);
    const card = messageCard(replies);
    expect(JSON.stringify(card)).toContain(mette.aadObjectId);
    const opened = await harness.submit(lars, { verb: verbs.planShow, ownerId: mette.aadObjectId });
    expect(visibleText(opened[0]!)).toContain('Udviklingsplan for Mette Jensen');
  });

  it("when someone who is neither Mette nor her leader opens her plan, then it is refused; her leader's leader may", async () => {
    for (const user of [birgitte, sofie]) {
      const text = visibleText((await harness.submit(user, { verb: verbs.planShow, ownerId: mette.aadObjectId }))[0]!);
      expect(text).toContain('ikke adgang');
      expect(text).not.toContain('Blive tryg');
    }
    expect(cardText(await harness.execute(birgitte, verbs.planApprove, { ownerId: mette.aadObjectId, cycle, revision: 1 }))).toContain('ikke adgang');
    expect(visibleText((await harness.submit(jens, { verb: verbs.planShow, ownerId: mette.aadObjectId }))[0]!)).toContain('Blive tryg');
  });

  it("when a leader drafts their own plan (LUS), then leader competences can be chosen and their own leader is told of the approval", async () => {
    const own = messageCard(await harness.say(lars, 'udviklingsplan'));
    const form = invokeCard(await harness.execute(lars, verbs.planGoalForm, actionData(own, verbs.planGoalForm)));
    expect(JSON.stringify(form)).toContain('Forandringsledelse');
    const saved = await harness.execute(lars, verbs.planSaveGoal, {
      ...actionData(form, verbs.planSaveGoal), ...goalForm({ [planInputs.competence]: 'forandringsledelse', [planInputs.goal]: 'Lede omstillingen til nye ruter' }),
    });
    expect(cardText(saved)).toContain('Mål 1: Forandringsledelse');
    const approved = await harness.execute(lars, verbs.planApprove, actionData(invokeCard(saved), verbs.planApprove));
    expect(visibleText(proactiveTo(approved, jens)[0]!)).toContain('Lars Nielsen har godkendt udviklingsplanen');
    expect(proactiveTo(approved, mette)).toHaveLength(0);
  });

  it('when an approved action ends, then Mette is asked once how it went, her answer is stored with the plan, and Lars sees it', async () => {
    // An action that started two months ago and ended yesterday, in a plan both approve again.
    const plan = await currentPlanCard(mette);
    const form = invokeCard(await harness.execute(mette, verbs.planActionForm, actionData(plan, verbs.planActionForm)));
    await harness.execute(mette, verbs.planSaveAction, {
      ...actionData(form, verbs.planSaveAction), [planInputs.activity]: 'e-laering', [planInputs.start]: day(-60), [planInputs.end]: day(-1), [planInputs.responsible]: 'employee',
    });
    await harness.execute(mette, verbs.planApprove, actionData(await currentPlanCard(mette), verbs.planApprove));
    const approved = invokeCard(await harness.execute(lars, verbs.planApprove, actionData(await currentPlanCard(lars), verbs.planApprove)));
    expect(text(approved)).toContain('Godkendt af begge (version 3)');
    harness.takeProactive();

    // The approval scheduled the follow-up: 14 days after the end, at the start of a working day.
    const stored = await harness.repos.plans.load(mette.aadObjectId, cycle, 'hjemmeplejen-nord');
    const action = stored.plan.goals[0]!.actions.find((a) => a.activityId === 'e-laering')!;
    const item = (await harness.repos.schedule.get(effectFollowUpId(cycle, mette.aadObjectId, action.id)))!;
    expect(item.state).toBe('pending');
    expect(new Date(item.dueAt).getTime()).toBeGreaterThan(Date.parse(`${day(12)}T00:00:00Z`));
    const jobs = createJobs({
      repos: harness.repos, domainData: harness.domainData, messenger: harness.bot.reminders,
      policy: nudgePolicyOf(parseConfig({ APP_ENV: 'local' }), harness.domainData), logger: createLogger('silent'), aarshjul: false,
    });
    expect(harness.takeProactive()).toHaveLength(0);
    await jobs.runDue(new Date(Date.parse(item.dueAt) - 60_000));
    expect(harness.takeProactive()).toHaveLength(0);
    await jobs.runDue(new Date(item.dueAt));
    await jobs.runDue(new Date(Date.parse(item.dueAt) + 86_400_000));
    const asked = harness.takeProactive().filter((r) => r.conversation?.id === `a:personal-${mette.aadObjectId}`);
    expect(asked).toHaveLength(1);
    expect(visibleText(asked[0]!)).toContain('Hvordan gik det med E-læring?');

    // Her answer, from the card she was sent.
    const effectCard = invokeCard(await harness.execute(mette, verbs.planEffectForm, actionData(asked[0]!.attachments![0]!.content, verbs.planEffectForm)));
    expect(JSON.stringify(effectCard)).toContain('Hvordan gik det med E-læring');
    const refused = invokeCard(await harness.execute(mette, verbs.planEffectSave, { ...actionData(effectCard, verbs.planEffectSave), e_use: 'Jeg bruger det hver dag' }));
    expect(JSON.stringify(refused)).toContain('Vælg hvordan det gik.');
    expect(JSON.stringify(refused)).toContain('"value":"Jeg bruger det hver dag"');
    const thanks = cardText(await harness.execute(mette, verbs.planEffectSave, { ...actionData(effectCard, verbs.planEffectSave), e_outcome: 'well', e_use: 'Jeg bruger det hver dag' }));
    expect(thanks).toContain('din evaluering er gemt');
    expect(cardText(await harness.execute(lars, verbs.planOpen, { ownerId: mette.aadObjectId, cycle }))).toContain('Evaluering: Godt – Jeg bruger det hver dag');
    // An evaluation is not a change of the plan: nothing to approve again.
    const after = await harness.repos.plans.load(mette.aadObjectId, cycle, 'hjemmeplejen-nord');
    expect(after.effects.get(action.id)?.outcome).toBe('well');
    expect(after.plan.revision).toBe(stored.plan.revision);
  });
});
