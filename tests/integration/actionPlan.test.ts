import { beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { demoId, rateThemselves } from '../support/ratings';
import { botHarness, demo, visibleText } from '../support/botHarness';

// Hjemmeplejen Nord's action plan (handlingsplan), composed by Lars from the gaps, the team's
// votes on a posted summary and his employees' development plans; approved and shared.
let harness: Awaited<ReturnType<typeof botHarness>>;
const cycle = String(new Date().getUTCFullYear());
const next = Number(cycle) + 1;
const channel = '19:general@thread.tacv2';
const id = demoId;

const formOf = (replies: Awaited<ReturnType<typeof harness.say>>) => replies.find((r) => r.attachments?.length)!;
const etagOf = (reply: { attachments?: Array<{ content?: unknown }> }) => /"etag":"((?:[^"\\]|\\.)*)"/.exec(JSON.stringify(reply.attachments))?.[1]?.replace(/\\"/g, '"') ?? '';
const item = (n: number, goal: string, extra: Record<string, string> = {}) => ({
  [`goal_${n}`]: goal, [`competence_${n}`]: 'samarbejdskompetence', [`activity_${n}`]: 'sparring', [`owner_${n}`]: 'Lars', [`due_${n}`]: `${next}-05-31`, ...extra,
});

async function storedPlan() {
  return harness.repos.actionPlans.get('hjemmeplejen-nord', cycle);
}

beforeAll(async () => {
  harness = await botHarness();
  await harness.repos.departmentSettings.setProfile('hjemmeplejen-nord', cycle, { samarbejdskompetence: 4 });
  await rateThemselves(harness.repos, [1, 3, 4, 7, 8, 9].map(id), cycle, 'hjemmeplejen-nord', { samarbejdskompetence: 2 });
  await harness.publish();
  // The team voted on a posted summary: two want collaboration prioritised.
  harness.setTeamMembers([demo.lars, demo.mette, demo.sofie]);
  await harness.install(demo.lars, { scope: 'channel' });
  const shared = [...await harness.submit(demo.lars, { verb: verbs.gapsPost, departmentId: 'hjemmeplejen-nord', channelId: channel }), ...harness.takeProactive()];
  const postingId = /"postingId":"([^"]+)"/.exec(JSON.stringify(shared.filter((r) => r.conversation?.id === channel)[0]!.attachments))![1]!;
  await harness.execute(demo.mette, verbs.gapsVote, { postingId, competenceId: 'samarbejdskompetence' });
  await harness.execute(demo.sofie, verbs.gapsVote, { postingId, competenceId: 'samarbejdskompetence' });
  // Mette's development plan has a goal on communication.
  const stored = await harness.repos.plans.load(id(1), cycle, 'hjemmeplejen-nord');
  await harness.repos.plans.save(id(1), cycle, stored, {
    ...stored.plan, revision: 1,
    goals: [{ id: 'g1', competenceId: 'kommunikationskompetence', goal: 'Bedre overlevering', evaluation: 'Ved MUS', actions: [] }],
  }, id(2));
  harness.takeProactive();
});

describe("the department's action plan", () => {
  it('when Lars opens it, then it suggests the voted and largest gaps and what the development plans work on, and starts from them', async () => {
    const replies = await harness.submit(demo.lars, { verb: verbs.actionPlanOpen, departmentId: 'hjemmeplejen-nord' });
    const text = visibleText(formOf(replies));
    expect(text).toContain(`Handlingsplan – Hjemmeplejen Nord (${cycle})`);
    expect(text).toContain('Ny plan');
    expect(text).toContain('Samarbejdskompetence: gab 2 · 2 stemmer');
    expect(text).toContain('Kommunikationskompetence: 1 mål i udviklingsplaner');
    expect(JSON.stringify(formOf(replies).attachments)).toContain('"value":"samarbejdskompetence"');
  });

  it('when an item lacks an activity, then the form says which, keeps what was typed, and nothing is saved', async () => {
    const replies = await harness.submit(demo.lars, { verb: verbs.actionPlanSave, subjectId: 'hjemmeplejen-nord', etag: '', ...item(0, 'Sparring hver uge', { activity_0: '' }) });
    expect(visibleText(formOf(replies))).toContain('Punkt 1: vælg en aktivitet fra listen.');
    expect(JSON.stringify(formOf(replies).attachments)).toContain('Sparring hver uge');
    expect(await storedPlan()).toBeUndefined();
  });

  it('when Lars saves a draft and then approves it into the channel, then it is version 1 and the channel gets the plan', async () => {
    const draft = await harness.submit(demo.lars, { verb: verbs.actionPlanSave, subjectId: 'hjemmeplejen-nord', etag: '', ...item(0, 'Sparring hver uge') });
    expect(visibleText(formOf(draft))).toContain('Kladden er gemt.');
    expect((await storedPlan())!.plan).toMatchObject({ state: 'draft', version: 0 });

    const replies = [...await harness.submit(demo.lars, {
      verb: verbs.actionPlanApprove, subjectId: 'hjemmeplejen-nord', etag: etagOf(formOf(draft)), channelId: channel, ...item(0, 'Sparring hver uge'), ...item(1, 'Fælles temadag om samarbejde', { activity_1: 'temadage', owner_1: 'Sofie' }),
    }), ...harness.takeProactive()];
    expect(replies.map(visibleText).join('\n')).toContain('Handlingsplanen er godkendt (version 1) og delt i Hjemmeplejen Nord.');
    const posted = replies.filter((r) => r.conversation?.id === channel);
    expect(posted).toHaveLength(1);
    const card = visibleText(posted[0]!);
    expect(card).toContain('Version 1, godkendt');
    expect(card).toContain('2. Fælles temadag om samarbejde');
    expect(card).toContain('Temadage');
    expect((await storedPlan())!.plan).toMatchObject({ state: 'approved', version: 1, postedTo: channel });
  });

  it('when the plan is changed after approval, then it is a draft again that says so; a card from before the change changes nothing', async () => {
    const opened = await harness.submit(demo.lars, { verb: verbs.actionPlanOpen, departmentId: 'hjemmeplejen-nord' });
    const old = etagOf(formOf(opened));
    const changed = await harness.submit(demo.lars, { verb: verbs.actionPlanSave, subjectId: 'hjemmeplejen-nord', etag: old, ...item(0, 'Sparring hver anden uge') });
    expect(visibleText(formOf(changed))).toContain('ændret efter version 1');
    const stale = await harness.submit(demo.lars, { verb: verbs.actionPlanSave, subjectId: 'hjemmeplejen-nord', etag: old, ...item(0, 'Noget helt andet') });
    expect(visibleText(formOf(stale))).toContain('Planen var ændret i mellemtiden');
    expect((await storedPlan())!.plan.items.map((i) => i.goal)).toEqual(['Sparring hver anden uge']);
  });

  it('when an employee or another department leader tries, then they are refused and nothing changes', async () => {
    const before = await storedPlan();
    for (const user of [demo.mette, demo.birgitte]) {
      const replies = await harness.submit(user, { verb: verbs.actionPlanApprove, subjectId: 'hjemmeplejen-nord', etag: before!.etag, ...item(0, 'Overtaget') });
      expect(replies.map(visibleText).join('\n')).toContain('ikke adgang');
    }
    expect((await storedPlan())!.etag).toBe(before!.etag);
  });

  it('when Lars has chosen English and types "action plan", then the form is in English', async () => {
    await harness.say(demo.lars, 'english');
    const text = visibleText(formOf(await harness.say(demo.lars, 'action plan')));
    expect(text).toContain(`Action plan – Hjemmeplejen Nord (${cycle})`);
    expect(text).toContain('Collaboration: gap 2 · 2 votes');
    expect(text).toContain('changed after version 1');
  });
});
