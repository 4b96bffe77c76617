import { z } from 'zod';
import type { DomainData } from '../domain/catalogue';
import { endOfDate, isSendAllowed, nextSendMoment, type SendWindow } from '../domain/quietHours';
import { closeAtDeadline } from '../services/grus';
import type { Repositories } from '../storage';
import { jobKind } from './kinds';
import type { ReminderMessenger } from './messages';

/**
 * A GRUS's deadline: on the next working morning after it, the result is shared in the channel
 * if enough have answered (once, whichever instance runs it); if not, the leader is told how
 * many answered and that it stays open. Nothing is shared for fewer than the threshold.
 */
export const grusDeadlineKind = 'grus-deadline';

const payloadSchema = z.object({ grusId: z.string() });
type DeadlinePayload = z.infer<typeof payloadSchema>;

export async function scheduleGrusDeadline(repos: Repositories, window: SendWindow, grusId: string, deadline: string): Promise<void> {
  const dueAt = nextSendMoment(endOfDate(deadline, window.timeZone), window);
  await repos.schedule.schedule({ id: `grus|${grusId}|deadline`, kind: grusDeadlineKind, dueAt, payload: { grusId } satisfies DeadlinePayload });
}

export function grusDeadlineJob(deps: { repos: Repositories; domainData: DomainData; window: SendWindow; messenger: ReminderMessenger; threshold: number }) {
  return jobKind({
    kind: grusDeadlineKind,
    payload: payloadSchema,
    async run(payload: DeadlinePayload, context) {
      const loaded = await deps.repos.grus.load(payload.grusId);
      if (!loaded) return { state: 'skipped', reason: 'the group conversation is gone' };
      if (loaded.grus.state !== 'open') return { state: 'skipped', reason: 'already shared' };
      if (!isSendAllowed(context.now, deps.window)) return { state: 'deferred', until: nextSendMoment(context.now, deps.window), reason: 'quiet hours' };
      await context.beginSend();
      const posted = await closeAtDeadline(deps.repos, deps.domainData, payload.grusId, deps.threshold);
      if (posted) {
        await deps.messenger.sendGrusResult(posted);
        return { state: 'sent' };
      }
      const result = await deps.messenger.sendGrusTooFew(loaded.grus.startedBy, {
        teamName: loaded.grus.teamName, answered: loaded.answers.size, participants: loaded.grus.participants.length, threshold: deps.threshold,
      });
      return result === 'queued' ? { state: 'sent' } : { state: 'skipped', reason: 'unreachable' };
    },
  });
}
