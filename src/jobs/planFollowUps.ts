import { z } from 'zod';
import type { DomainData } from '../domain/catalogue';
import { findAction, planFollowUps, type PlanState } from '../domain/plan';
import { isSendAllowed, nextSendMoment, type SendWindow, zonedTime } from '../domain/quietHours';
import type { Repositories } from '../storage';
import { jobKind } from './kinds';
import type { ReminderMessenger } from './messages';

/**
 * The effect follow-up of a development plan (seed 004): some days after an action ends, the
 * employee is asked how it went and how it is used in daily work. Scheduled when a plan version
 * is approved; one id per (cycle, employee, action), so approving again moves it rather than
 * adding a second question. Decided again when its moment comes: an action removed from the plan
 * or already evaluated is not asked about.
 */
export const planEffectKind = 'plan-effect';

const payloadSchema = z.object({ cycle: z.string(), ownerId: z.string(), actionId: z.string() });
type EffectPayload = z.infer<typeof payloadSchema>;

export const effectFollowUpId = (cycle: string, ownerId: string, actionId: string) => `effect|${cycle}|${ownerId.toLowerCase()}|${actionId}`;

/** Plans (or moves) the follow-ups of an approved plan: at the start of the working day they fall on. */
export async function schedulePlanFollowUps(repos: Repositories, window: SendWindow, ownerId: string, cycle: string, plan: PlanState): Promise<void> {
  for (const followUp of planFollowUps(plan)) {
    const dueAt = nextSendMoment(zonedTime(followUp.due, window.startHour, 0, window.timeZone), window);
    const payload: EffectPayload = { cycle, ownerId, actionId: followUp.actionId };
    await repos.schedule.schedule({ id: effectFollowUpId(cycle, ownerId, followUp.actionId), kind: planEffectKind, dueAt, payload });
  }
}

export function planEffectJob(deps: { repos: Repositories; domainData: DomainData; window: SendWindow; messenger: ReminderMessenger }) {
  const { repos, window } = deps;
  return jobKind({
    kind: planEffectKind,
    payload: payloadSchema,
    async run(payload: EffectPayload, context) {
      const person = await repos.org.getPerson(payload.ownerId);
      if (!person?.active) return { state: 'skipped', reason: 'the person is no longer registered' };
      const stored = await repos.plans.load(payload.ownerId, payload.cycle, person.departmentId);
      const found = findAction(stored.plan, payload.actionId);
      if (!found) return { state: 'skipped', reason: 'the action is no longer in the plan' };
      if (stored.effects.has(payload.actionId)) return { state: 'skipped', reason: 'already evaluated' };
      if (!isSendAllowed(context.now, window)) return { state: 'deferred', until: nextSendMoment(context.now, window), reason: 'quiet hours' };
      const activity = deps.domainData.activityCatalogue.activities.find((a) => a.id === found.action.activityId);
      await context.beginSend();
      const result = await deps.messenger.sendEffectQuestion(payload.ownerId, {
        cycle: payload.cycle, actionId: payload.actionId, end: found.action.end,
        activity: activity?.name ?? { da: found.action.activityId, en: found.action.activityId },
      });
      return result === 'queued' ? { state: 'sent' } : { state: 'skipped', reason: 'unreachable' };
    },
  });
}
