import { z } from 'zod';
import type { DomainData } from '../domain/catalogue';
import { decideNudge, type NudgePolicy, planNudges } from '../domain/nudges';
import { localDate, nextSendMoment } from '../domain/quietHours';
import { statusOf } from '../services/department';
import { preparationContext } from '../services/preparation';
import type { Repositories } from '../storage';
import { runLimited } from '../storage/orgRepository';
import { jobKind, notSending } from './kinds';
import type { ReminderMessenger } from './messages';

/**
 * Nudges to employees who have not prepared for MUS before their round's deadline. Planned when a
 * leader starts (or moves) a round; each is decided again when its moment comes. One id per
 * (cycle, person, n): a person has one preparation per cycle, so at most `maxNudges` nudges per
 * cycle however many rounds include them; a round started again moves the waiting ones.
 */
export const musNudgeKind = 'mus-nudge';

const payloadSchema = z.object({
  cycle: z.string(),
  departmentId: z.string(),
  personId: z.string(),
  /** The n-th planned nudge; 0 for one the leader asked for ("send them a nudge"). */
  n: z.number().int().min(0),
  /** When the next nudge of this person is due: if that is due too, this one is not sent. */
  nextDueAt: z.string().optional(),
});
type NudgePayload = z.infer<typeof payloadSchema>;

export const nudgeId = (cycle: string, personId: string, n: number) => `nudge|${cycle}|${personId.toLowerCase()}|${n}`;

export interface OpenedRound {
  departmentId: string;
  cycle: string;
  deadline: string;
  /** When it was started or last moved. */
  at: Date;
  /** Everyone invited in this round. */
  personIds: readonly string[];
}

/** A nudge the leader asked for: at most one per person per day, whatever the leader clicks. */
export const askedNudgeId = (cycle: string, personId: string, day: string) => `nudge|${cycle}|${personId.toLowerCase()}|asked-${day}`;

/**
 * "Send them a nudge": one nudge to each of these people at the first moment the bot may write
 * (now, or 08:00 on the next working day). Decided again when it runs, like the planned ones:
 * nobody who has finished in the meantime is nudged.
 */
export async function scheduleAskedNudges(
  repos: Repositories, policy: NudgePolicy, request: { cycle: string; departmentId: string; personIds: readonly string[]; now: Date },
): Promise<Date> {
  const dueAt = nextSendMoment(request.now, policy.window);
  const day = localDate(request.now, policy.window.timeZone);
  await runLimited(request.personIds, 8, async (personId) => {
    const payload: NudgePayload = { cycle: request.cycle, departmentId: request.departmentId, personId, n: 0 };
    await repos.schedule.schedule({ id: askedNudgeId(request.cycle, personId, day), kind: musNudgeKind, dueAt, payload });
  });
  return dueAt;
}

/** Plans (or re-plans) the nudges of everyone invited in a round. */
export async function scheduleRoundNudges(repos: Repositories, policy: NudgePolicy, round: OpenedRound): Promise<void> {
  const moments = planNudges(round.at, round.deadline, policy);
  await runLimited(round.personIds, 8, async (personId) => {
    for (let n = 1; n <= Math.max(policy.maxNudges, moments.length); n++) {
      const id = nudgeId(round.cycle, personId, n);
      const at = moments[n - 1];
      if (!at) {
        await repos.schedule.cancel(id, 'the round moved: fewer nudges fit before the deadline');
        continue;
      }
      const next = moments[n];
      const payload: NudgePayload = { cycle: round.cycle, departmentId: round.departmentId, personId, n, ...(next ? { nextDueAt: next.toISOString() } : {}) };
      await repos.schedule.schedule({ id, kind: musNudgeKind, dueAt: at, payload });
    }
  });
}

export function musNudgeJob(deps: { repos: Repositories; domainData: DomainData; policy: NudgePolicy; messenger: ReminderMessenger }) {
  const { repos, policy } = deps;
  return jobKind({
    kind: musNudgeKind,
    payload: payloadSchema,
    async run(payload: NudgePayload, context) {
      const round = await repos.rounds.get(payload.departmentId, payload.cycle);
      if (!round) return { state: 'skipped', reason: 'the round no longer exists' };
      const person = await repos.org.getPerson(payload.personId);
      const prep = await repos.preparations.load(payload.personId, payload.cycle);
      const ctx = await preparationContext(repos, deps.domainData, person ?? { departmentId: payload.departmentId, leaderOf: [] }, context.now);
      const status = statusOf(prep, ctx.steps.length);
      const decision = decideNudge({
        now: context.now,
        deadline: round.deadline,
        finished: status === 'prepared' || status === 'shared',
        active: person?.active ?? false,
        nextNudgeAt: payload.nextDueAt ? new Date(payload.nextDueAt) : undefined,
        window: policy.window,
      });
      const notNow = notSending(decision);
      if (notNow) return notNow;
      await context.beginSend();
      const result = await deps.messenger.sendNudge(payload.personId, {
        deadline: round.deadline, completedSteps: prep?.header.completedSteps.length ?? 0, totalSteps: ctx.steps.length,
      });
      return result === 'queued' ? { state: 'sent' } : { state: 'skipped', reason: 'unreachable' };
    },
  });
}
