import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../src/domain/texts';
import { requireMember } from '../../src/services/identity';
import { currentCycle, preparationContext, sharePreparation } from '../../src/services/preparation';
import type { TableRole } from '../../src/storage/tables';
import { botHarness, demo, visibleText } from '../support/botHarness';
import { preparationSteps } from '../support/preparationSteps';
import { snapshotTables } from '../support/tableSnapshot';

// A card clicked after the thing it shows has changed (an old revision, another device), and the
// same submission sent twice (a double click: two activities, not a redelivery), change nothing
// the second time and say so.

let harness: Awaited<ReturnType<typeof botHarness>>;
const cycle = currentCycle(new Date());
const ignored: TableRole[] = ['conversations', 'activities'];
type Card = { actions?: Array<{ verb?: string; data?: Record<string, unknown> }> };
const invokeCard = (replies: Partial<Activity>[]) => (replies.find((r) => r.type === 'invokeResponse')?.value as { body: { value: Card } }).body.value;
const messageCard = (replies: Partial<Activity>[]) => replies.find((r) => r.attachments?.length)!.attachments![0]!.content as Card;
const textOf = (card: Card) => visibleText({ attachments: [{ contentType: 'card', content: card }] });
const unchanged = async (act: () => Promise<unknown>) => {
  const before = await snapshotTables(harness.repos.prefix, ignored);
  await act();
  expect(await snapshotTables(harness.repos.prefix, ignored)).toEqual(before);
};

beforeAll(async () => {
  harness = await botHarness();
});

describe('stale cards and replayed submissions', () => {
  it('when a preparation step is submitted twice from the same card, then it is saved once and the second click is told the card is out of date', async () => {
    const { answersFor, stepIdOf, versionOf } = preparationSteps(harness.domainData);
    const card = messageCard(await harness.say(demo.mette, 'forbered MUS'));
    const submission = { stepId: stepIdOf(card), version: versionOf(card), ...answersFor(stepIdOf(card), 'Kun én gang') };
    await harness.execute(demo.mette, 'prep.next', submission);
    const version = (await harness.repos.preparations.load(demo.mette.aadObjectId, cycle))!.header.version;
    let again: Card | undefined;
    await unchanged(async () => {
      again = invokeCard(await harness.execute(demo.mette, 'prep.next', { ...submission, [Object.keys(answersFor(stepIdOf(card), ''))[0]!]: 'Andet klik' }));
    });
    expect(textOf(again!)).toContain('forældet');
    expect((await harness.repos.preparations.load(demo.mette.aadObjectId, cycle))!.header.version).toBe(version);
  });

  it.each([
    ['Sofie (Danish)', demo.sofie, 'da-DK', 'Delt med din leder', 'Det var allerede delt', 'Intet er delt'],
    ['Ahmad (his Teams runs in English)', demo.ahmad, 'en-US', 'Shared with your leader', 'This was already shared', 'Nothing is shared'],
  ] as const)('when %s double-clicks "share with my leader", then the leader gets one card and both clicks show it as shared — never the summary as before', async (_who, user, locale, shared, already, unshared) => {
    const { answersFor, stepIdOf, versionOf } = preparationSteps(harness.domainData);
    await harness.install(demo.lars);
    let card = messageCard(await harness.say(user, 'forbered MUS', { locale }));
    while (card.actions?.[0]?.data?.stepId) {
      card = invokeCard(await harness.execute(user, 'prep.next', { stepId: stepIdOf(card), version: versionOf(card), ...answersFor(stepIdOf(card), 'Mit svar') }, { locale }));
    }
    const share = { version: card.actions!.find((a) => a.verb === 'prep.share')!.data!.version, share_competences: 'true' };
    harness.takeProactive();
    const first = await harness.execute(user, 'prep.share', share, { locale });
    const second = await harness.execute(user, 'prep.share', share, { locale });
    const toLars = [...first, ...second].filter((r) => r.type === 'message' && r.conversation?.id === `a:personal-${demo.lars.aadObjectId}`);
    expect(toLars).toHaveLength(1);
    for (const reply of [invokeCard(first), invokeCard(second)]) {
      expect(textOf(reply)).toContain(shared);
      expect(textOf(reply)).not.toContain(unshared);
    }
    expect(textOf(invokeCard(second))).toContain(already);
    // The way back to change it is on the card.
    expect(invokeCard(second).actions?.map((a) => a.verb)).toContain('prep.resume');
  });

  it('when two share clicks of the same card race, then one shares, the other shows what is now shared, and the leader is told once', async () => {
    const member = await requireMember(harness.repos, demo.birgitte.aadObjectId, 'da-DK');
    // Birgitte leads Borgerservice: her preparation is a LUS; fill it straight into storage.
    const ctx = await preparationContext(harness.repos, harness.domainData, member.person, new Date());
    let prep = await harness.repos.preparations.start(member.person.id, ctx.cycle, member.person.departmentId);
    for (const step of ctx.steps) {
      const answer = step.kind === 'rating'
        ? { kind: 'rating' as const, ratings: Object.fromEntries(step.group.competences.map((c) => [c.id, 3])) }
        : { kind: 'questions' as const, answers: Object.fromEntries(step.theme.questions.filter((q) => q.kind === 'text').map((q) => [q.id, 'Svar'])) };
      await harness.repos.preparations.saveStep(member.person.id, prep, step.id, answer, true);
      prep = (await harness.repos.preparations.load(member.person.id, ctx.cycle))!;
    }
    const submission = { version: prep.header.version, values: { share_competences: 'true' } };
    const outcomes = await Promise.all([1, 2].map(() => sharePreparation(harness.repos, ctx, member, submission)));
    expect(outcomes.filter((o) => 'leaders' in o)).toHaveLength(1);
    expect(outcomes.filter((o) => 'kind' in o).map((o) => ('kind' in o ? o.kind : ''))).toEqual(['shared']);
  });

  it('when a development-plan goal is saved twice from the same form, then the plan has one goal and the second save shows the plan as it is now', async () => {
    const plan = messageCard(await harness.say(demo.mette, 'udviklingsplan'));
    const ref = plan.actions!.map((a) => a.data).find((d) => d?.ownerId)!;
    const competenceId = harness.domainData.competenceModel.competences[0]!.id;
    const goal = {
      ownerId: ref.ownerId, cycle: ref.cycle, revision: ref.revision, p_competence: competenceId, p_goal: 'Blive bedre til samarbejde', p_evaluation: 'Samtale med leder',
      p_activity: harness.domainData.activityCatalogue.activities[0]!.id, p_start: new Date().toISOString().slice(0, 10), p_end: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10), p_responsible: 'employee',
    };
    expect(textOf(invokeCard(await harness.execute(demo.mette, 'plan.saveGoal', goal)))).toContain('Blive bedre til samarbejde');
    let again: Card | undefined;
    await unchanged(async () => {
      again = invokeCard(await harness.execute(demo.mette, 'plan.saveGoal', goal));
    });
    expect(textOf(again!)).toContain(texts.planStale.da);
    const stored = await harness.repos.plans.load(demo.mette.aadObjectId, String(ref.cycle), 'hjemmeplejen-nord');
    expect(stored.plan.goals).toHaveLength(1);
  });

  it('when an action plan card from before a change is saved, then nothing changes and the leader sees the plan as it is now', async () => {
    const form = messageCard(await harness.say(demo.lars, 'handlingsplan'));
    const json = JSON.stringify(form);
    const slot = /"goal_(\d+)"/.exec(json)![1];
    const data = form.actions!.map((a) => a.data).find((d) => d?.subjectId) ?? (JSON.parse(/"data":(\{[^{}]*"subjectId"[^{}]*\})/.exec(json)![1]!) as Record<string, unknown>);
    const item = (goal: string) => ({
      [`goal_${slot}`]: goal, [`activity_${slot}`]: harness.domainData.activityCatalogue.activities[0]!.id, [`owner_${slot}`]: 'Lars', [`due_${slot}`]: `${cycle}-12-01`,
    });
    const first = await harness.submit(demo.lars, { verb: 'actionPlan.save', subjectId: data.subjectId, etag: data.etag, ...item('Første udgave') });
    expect(visibleText(first[0]!)).toContain(texts.actionPlanSaved.da);
    let stale: Partial<Activity>[] = [];
    await unchanged(async () => {
      stale = await harness.submit(demo.lars, { verb: 'actionPlan.save', subjectId: data.subjectId, etag: data.etag, ...item('Fra det gamle kort') });
    });
    expect(visibleText(stale[0]!)).toContain(texts.actionPlanStale.da);
    expect(JSON.stringify(stale[0])).toContain('Første udgave');
  });
});
