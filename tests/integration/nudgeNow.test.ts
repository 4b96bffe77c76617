import { beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { parseConfig } from '../../src/config';
import { localDate } from '../../src/domain/quietHours';
import { createJobs, nudgePolicyOf } from '../../src/jobs';
import { askedNudgeId } from '../../src/jobs/musNudges';
import { createLogger } from '../../src/logger';
import { botHarness, demo, visibleText } from '../support/botHarness';

// "Send them a nudge" from the department card: those invited who have not prepared get one
// nudge, at the next moment the bot may write, and a second click the same day adds nothing.
let harness: Awaited<ReturnType<typeof botHarness>>;
const cycle = String(new Date().getUTCFullYear());
const allSteps = ['theme-looking-back', 'theme-tasks-wellbeing', 'theme-collaboration-leadership', 'rating-udvikling', 'rating-kultur',
  'rating-resultater', 'theme-future-ambitions', 'theme-learning-preferences', 'theme-development-goals'];

beforeAll(async () => {
  harness = await botHarness();
  for (const user of [demo.mette, demo.sofie, demo.lars]) await harness.install(user);
});

describe('a leader nudges those who have not prepared', () => {
  it('when Lars presses the nudge button, then Sofie (not prepared) gets one nudge and Mette (prepared) none, once a day at most', async () => {
    const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    expect(visibleText((await harness.say(demo.lars, 'min afdeling'))[0]!)).not.toContain('Send en påmindelse');
    await harness.execute(demo.lars, verbs.roundStart, { departmentId: 'hjemmeplejen-nord', deadline, includeSub: 'false' });
    let prep = await harness.repos.preparations.start(demo.mette.aadObjectId, cycle, 'hjemmeplejen-nord');
    for (const stepId of allSteps) {
      await harness.repos.preparations.saveStep(demo.mette.aadObjectId, prep, stepId, stepId.startsWith('rating') ? { kind: 'rating', ratings: {} } : { kind: 'questions', answers: {} }, true);
      prep = (await harness.repos.preparations.load(demo.mette.aadObjectId, cycle))!;
    }
    harness.takeProactive();

    // Only Mette and Sofie can be reached, so only they were invited; Mette has finished.
    const card = visibleText((await harness.say(demo.lars, 'min afdeling'))[0]!);
    expect(card).toContain('Send en påmindelse til den ene, der mangler');
    const reply = visibleText((await harness.submit(demo.lars, { verb: verbs.nudgeNow, departmentId: 'hjemmeplejen-nord' }))[0]!);
    expect(reply).toMatch(/Påmindelsen (er på vej til|går til) 1, der ikke har forberedt sig endnu/);
    await harness.submit(demo.lars, { verb: verbs.nudgeNow, departmentId: 'hjemmeplejen-nord' });

    const policy = nudgePolicyOf(parseConfig({ APP_ENV: 'local' }), harness.domainData);
    const item = (await harness.repos.schedule.get(askedNudgeId(cycle, demo.sofie.aadObjectId, localDate(new Date(), policy.window.timeZone))))!;
    expect(await harness.repos.schedule.get(askedNudgeId(cycle, demo.mette.aadObjectId, localDate(new Date(), policy.window.timeZone)))).toBeUndefined();
    const jobs = createJobs({ repos: harness.repos, domainData: harness.domainData, messenger: harness.bot.reminders, policy, logger: createLogger('silent'), aarshjul: false });
    await jobs.runDue(new Date(item.dueAt));
    const sent = harness.takeProactive();
    expect(sent.filter((r) => r.conversation?.id === `a:personal-${demo.sofie.aadObjectId}`)).toHaveLength(1);
    expect(sent.filter((r) => r.conversation?.id === `a:personal-${demo.mette.aadObjectId}`)).toHaveLength(0);
  });

  it("when another department's leader presses it, then it is refused", async () => {
    expect(visibleText((await harness.submit(demo.birgitte, { verb: verbs.nudgeNow, departmentId: 'hjemmeplejen-nord' }))[0]!)).toContain('ikke adgang');
  });
});
