import { beforeAll, describe, expect, it } from 'vitest';
import { verbs } from '../../src/bot/verbs';
import { preparationContext } from '../../src/services/preparation';
import { botHarness, demo, visibleText } from '../support/botHarness';

// A leader's own preparation is their LUS: leader questions and leader competences, and their
// own leader (the parent department's) is the counterpart who reads what is shared and rates.
let harness: Awaited<ReturnType<typeof botHarness>>;
const { lars, jens } = demo;
const cycle = String(new Date().getUTCFullYear());

beforeAll(async () => {
  harness = await botHarness();
  for (const user of [lars, jens]) await harness.install(user);
});

const invokeCardText = (replies: Awaited<ReturnType<typeof harness.say>>) => {
  const invoke = replies.find((r) => r.type === 'invokeResponse')!;
  return visibleText({ attachments: [{ contentType: 'x', content: (invoke.value as { body: { value: unknown } }).body.value }] });
};

describe("a leader's LUS", () => {
  it('when Lars, who leads Hjemmeplejen Nord, prepares, then it is his LUS with leader competences', async () => {
    const lead = (await harness.repos.org.getPerson(lars.aadObjectId))!;
    const ctx = await preparationContext(harness.repos, harness.domainData, lead, new Date());
    expect(ctx.audience).toBe('leader');
    const ratingIds = ctx.steps.flatMap((s) => (s.kind === 'rating' ? s.group.competences.map((c) => c.id) : []));
    expect(ratingIds).toContain('forandringsledelse');
    expect(ratingIds).not.toContain('samarbejdskompetence');

    const first = visibleText((await harness.say(lars, 'forbered MUS'))[0]!);
    expect(first).toContain(`LUS – Trin 1 af ${ctx.steps.length}`);
  });

  it('when Lars shares his LUS preparation, then Jens (his own leader) receives it and can rate his leader competences', async () => {
    const lead = (await harness.repos.org.getPerson(lars.aadObjectId))!;
    const ctx = await preparationContext(harness.repos, harness.domainData, lead, new Date());
    let prep = await harness.repos.preparations.start(lars.aadObjectId, cycle, lead.departmentId);
    for (const step of ctx.steps) {
      const answer = step.kind === 'rating'
        ? { kind: 'rating' as const, ratings: Object.fromEntries(step.group.competences.map((c) => [c.id, 3])) }
        : { kind: 'questions' as const, answers: Object.fromEntries(step.theme.questions.filter((q) => q.kind === 'text').map((q) => [q.id, `Lars om ${q.id}`])) };
      await harness.repos.preparations.saveStep(lars.aadObjectId, prep, step.id, answer, true);
      prep = (await harness.repos.preparations.load(lars.aadObjectId, cycle))!;
    }
    const shared = await harness.execute(lars, verbs.prepShare, { version: prep.header.version, share_competences: 'true' });
    const toJens = shared.filter((r) => r.conversation?.id === `a:personal-${jens.aadObjectId}`);
    expect(toJens).toHaveLength(1);
    const text = visibleText(toJens[0]!);
    expect(text).toContain('Lars Nielsen har delt sin MUS-forberedelse med dig');
    expect(text).toContain('Forandringsledelse');

    const rating = visibleText((await harness.submit(jens, { verb: verbs.leaderRatingOpen, ownerId: lars.aadObjectId }))[0]!);
    expect(rating).toContain('Forandringsledelse');
    expect(rating).not.toContain('Samarbejdskompetence');
    const saved = invokeCardText(await harness.execute(jens, verbs.leaderRatingSave, { ownerId: lars.aadObjectId, l_forandringsledelse: '4' }));
    expect(saved).toContain('Din vurdering er gemt');
    expect((await harness.repos.preparations.getLeaderRating(lars.aadObjectId, cycle))?.ratings).toEqual({ forandringsledelse: 4 });
  });

  it("when Jens opens his department, then Lars, who shared his LUS, is counted as shared and not as missing", async () => {
    const text = visibleText((await harness.say(jens, 'min afdeling'))[0]!);
    expect(text).toContain('Hjemmeplejen Nord');
    expect(text).toMatch(/Har delt med dig\n1/);
    const notPrepared = text.split('\n').filter((line) => line.includes('Mangler at forberede sig'));
    expect(notPrepared.length).toBeGreaterThan(0);
    for (const line of notPrepared) expect(line).not.toContain('Lars Nielsen');
  });
});
