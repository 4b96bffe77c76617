import { z } from 'zod';
import type { Repositories } from '../storage';
import { jobKind } from './kinds';
import type { ReminderMessenger } from './messages';

/**
 * The welcome when no install event said which language the person's Teams runs in. An install
 * event without a locale (for someone whose language nobody chose) does not greet: the other
 * install event, which carries the locale, does. This job is the safety net for an install whose
 * events carry no locale at all, or whose other event never came: shortly after, it greets in the
 * best language known then — unless an event has greeted meanwhile (they share one claim).
 */
export const welcomeKind = 'welcome';
/** How long the other install event gets to greet first. */
export const welcomeGraceMs = 20_000;

const payloadSchema = z.object({ personId: z.string(), conversationId: z.string() });
type WelcomePayload = z.infer<typeof payloadSchema>;

/** One item per install event that deferred (its activity id makes a reinstall a new item). */
export async function scheduleWelcome(repos: Repositories, payload: WelcomePayload, activityId: string, now: Date): Promise<void> {
  await repos.schedule.schedule({ id: `welcome|${payload.conversationId}|${activityId}`, kind: welcomeKind, dueAt: new Date(now.getTime() + welcomeGraceMs), payload });
}

export function welcomeJob(deps: { repos: Repositories; messenger: ReminderMessenger }) {
  return jobKind({
    kind: welcomeKind,
    payload: payloadSchema,
    async run(payload: WelcomePayload, context) {
      if (!(await deps.repos.activities.claimWelcome(payload.conversationId, payload.personId))) return { state: 'skipped', reason: 'already welcomed' };
      await context.beginSend();
      return (await deps.messenger.sendWelcome(payload.personId)) === 'queued' ? { state: 'sent' } : { state: 'skipped', reason: 'unreachable' };
    },
  });
}
