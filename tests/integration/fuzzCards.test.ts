import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentCycle } from '../../src/services/preparation';
import { verbs } from '../../src/bot/verbs';
import { botHarness, demo, type DemoUser } from '../support/botHarness';
import { outcomeOf, submissionArbitrary } from '../support/fuzzPayloads';
import { snapshotTables } from '../support/tableSnapshot';
import type { TableRole } from '../../src/storage/tables';

// Card submissions are fuzzed through the real bot on Azurite: random payloads for every verb,
// from a registered person for whom the card is plausible. Every turn must complete with an
// answer in the person's language (never the apology for a bug), and a refusal writes nothing.

let harness: Awaited<ReturnType<typeof botHarness>>;
const cycle = currentCycle(new Date());
// More runs for a bug hunt: FUZZ_RUNS=500 npx vitest run --project integration tests/integration/fuzzCards.test.ts
const runs = Number(process.env.FUZZ_RUNS ?? 25);
// Written by every turn by design: where to reach the person, and which activities were handled.
const ignored: TableRole[] = ['conversations', 'activities'];

/** Verbs the cards send as Action.Submit (a message with a value); the rest are Action.Execute. */
const submitVerbs = new Set<string>([
  verbs.showHelp, verbs.prepStart, verbs.actionPlanOpen, verbs.actionPlanSave, verbs.actionPlanApprove, verbs.grusPlanForm, verbs.grusPlanSave,
  verbs.leaderRatingOpen, verbs.roundForm, verbs.deptOpenShared, verbs.nudgeNow, verbs.gapsOpen, verbs.gapsPost, verbs.grusForm,
  verbs.grusStart, verbs.grusPostNow, verbs.planShow, verbs.profileOpen, verbs.questionsOpen, verbs.exportRequest, verbs.exportFile,
  verbs.areaShow, verbs.areaFigures, verbs.areaActionPlan,
]);

/** Always tried first: every reference a card carries, with the wrong type. */
const wrongTypes: Record<string, unknown> = {
  ownerId: 42, cycle: { year: 2026 }, revision: 'abc', version: {}, stepId: ['x'], target: 7, departmentId: 123, goalId: {}, actionId: [],
  grusId: false, channelId: 9, postingId: null, competenceId: 1.5, deadline: 20261224, scope: ['municipality'], subjectId: true,
};

/** Verbs that read nothing from the card but who clicked: any payload is fine for them. */
const inputless = new Set<string>([verbs.showHelp, verbs.prepResume, verbs.prepStart, verbs.areaShow]);

/** Who plausibly has the card: HR for the årshjul, the employee for her preparation, a MED member for her area, else her leader. */
function userFor(verb: string): DemoUser {
  if (verb.startsWith('aarshjul.')) return demo.camilla;
  if (verb.startsWith('area.')) return demo.sofie;
  if (verb.startsWith('prep.') || verb.startsWith('grus.answer')) return demo.mette;
  return demo.lars;
}

async function send(verb: string, user: DemoUser, payload: Record<string, unknown>, locale: string) {
  const invoke = !submitVerbs.has(verb);
  const replies = invoke ? await harness.execute(user, verb, payload, { locale }) : await harness.submit(user, { ...payload, verb }, { locale });
  harness.takeProactive();
  return { replies, invoke };
}

beforeAll(async () => {
  harness = await botHarness();
  // The cards are plausible: both have a preparation under way.
  await harness.say(demo.mette, 'forbered MUS');
  await harness.say(demo.lars, 'forbered MUS');
});

describe('fuzzed card submissions', () => {
  it('the fuzzer covers every verb the cards use', () => {
    expect(Object.values(verbs).length).toBeGreaterThan(40);
    for (const verb of submitVerbs) expect(Object.values(verbs)).toContain(verb);
  });

  for (const verb of Object.values(verbs)) {
    it(`when "${verb}" arrives with random payloads, then each turn answers in Danish and a refusal writes nothing`, async () => {
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(submissionArbitrary(harness.domainData, cycle), async (payload) => {
          const before = await snapshotTables(harness.repos.prefix, ignored);
          const { replies, invoke } = await send(verb, userFor(verb), payload, 'da-DK');
          const outcome = outcomeOf(replies, invoke, 'da');
          if (outcome.kind === 'refused') {
            refused++;
            expect(await snapshotTables(harness.repos.prefix, ignored)).toEqual(before);
          }
        }),
        { numRuns: runs, endOnFailure: true, examples: [[wrongTypes]] },
      );
      // The fuzzer reaches the refusals (a fuzzer whose input is always accepted proves nothing).
      if (!inputless.has(verb)) expect(refused).toBeGreaterThan(0);
    });
  }

  it('when an unknown verb arrives, as Action.Execute or Action.Submit, then the person is told in Danish and nothing is written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), fc.boolean(), submissionArbitrary(harness.domainData, cycle), async (verb, invoke, payload) => {
        fc.pre(!Object.values(verbs).includes(verb as never));
        const before = await snapshotTables(harness.repos.prefix, ignored);
        const replies = invoke ? await harness.execute(demo.sofie, verb, payload) : await harness.submit(demo.sofie, { ...payload, verb });
        expect(outcomeOf(replies, invoke, 'da').kind).toBe('refused');
        expect(await snapshotTables(harness.repos.prefix, ignored)).toEqual(before);
      }),
      { numRuns: runs, endOnFailure: true },
    );
  });

  it('when a person whose Teams runs in English sends random payloads to any verb, then refusals are in English and write nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.values(verbs)), submissionArbitrary(harness.domainData, cycle), async (verb, payload) => {
        const before = await snapshotTables(harness.repos.prefix, ignored);
        const { replies, invoke } = await send(verb, demo.ahmad, payload, 'en-US');
        if (outcomeOf(replies, invoke, 'en').kind === 'refused') expect(await snapshotTables(harness.repos.prefix, ignored)).toEqual(before);
      }),
      { numRuns: runs * 2, endOnFailure: true },
    );
  });
});
