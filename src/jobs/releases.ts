import { z } from 'zod';
import type { DomainData } from '../domain/catalogue';
import { endOfDate, isWorkingDay, localDate, type SendWindow, zonedTime } from '../domain/quietHours';
import { currentCycle } from '../services/preparation';
import { publishReleases } from '../services/releases';
import type { Repositories } from '../storage';
import { jobKind } from './kinds';
import type { ReminderMessenger } from './messages';
import type { Planner } from './scheduler';

/**
 * The release job: figures are published, never computed on a click (src/services/releases.ts).
 * Three moments make a release:
 * - the working morning: `release|<local date>` at 06:00 on working days, before the day's
 *   reminders go out (so a reminder never points at figures older than the morning's);
 * - a MUS round's deadline: `release|deadline|<cycle>|<department>` at the end of that day;
 * - HR asking ("Udgiv nye tal nu" on the municipality card): `release|asked|<time>`, due at once;
 *   HR is told what it published;
 * - a leader saving the competence profile: the desired levels a summary holds the figures
 *   against are part of the release, so `release|profile|<10-minute slot>` is due two minutes
 *   after the last save in the slot (each save moves it: many saves, one release).
 * Each is an idempotent function of storage: a release that would show nothing new is not made.
 */
export const releaseKind = 'release';
const morningHour = 6;

const payloadSchema = z.object({ trigger: z.enum(['morning', 'deadline', 'asked', 'profile']), requestedBy: z.string().optional() });
type ReleasePayload = z.infer<typeof payloadSchema>;

export const morningReleaseId = (date: string) => `release|${date}`;

export function releasePlanner(repos: Repositories, window: SendWindow): Planner {
  return {
    name: 'releases',
    async plan(now) {
      const today = localDate(now, window.timeZone);
      if (!isWorkingDay(today, window)) return;
      await repos.schedule.schedule({ id: morningReleaseId(today), kind: releaseKind, dueAt: zonedTime(today, morningHour, 0, window.timeZone), payload: { trigger: 'morning' } satisfies ReleasePayload });
    },
  };
}

/** A MUS round's deadline makes a release when it passes (moved with the round). */
export async function scheduleDeadlineRelease(repos: Repositories, window: SendWindow, round: { departmentId: string; cycle: string; deadline: string }): Promise<void> {
  await repos.schedule.schedule({
    id: `release|deadline|${round.cycle}|${round.departmentId}`, kind: releaseKind,
    dueAt: endOfDate(round.deadline, window.timeZone), payload: { trigger: 'deadline' } satisfies ReleasePayload,
  });
}

/** A competence profile changed: the gaps are held against the new desired levels at the next release, a few minutes on. */
export async function scheduleProfileRelease(repos: Repositories, now: Date): Promise<void> {
  const slot = new Date(Math.floor(now.getTime() / 600_000) * 600_000).toISOString();
  await repos.schedule.schedule({
    id: `release|profile|${slot}`, kind: releaseKind, dueAt: new Date(now.getTime() + 120_000), payload: { trigger: 'profile' } satisfies ReleasePayload,
  });
}

/** HR asked for figures now. */
export async function scheduleAskedRelease(repos: Repositories, requestedBy: string, now: Date): Promise<void> {
  await repos.schedule.schedule({
    id: `release|asked|${now.toISOString()}|${requestedBy.toLowerCase()}`, kind: releaseKind, dueAt: now,
    payload: { trigger: 'asked', requestedBy } satisfies ReleasePayload,
  });
}

export function releaseJob(deps: { repos: Repositories; domainData: DomainData; messenger: ReminderMessenger; threshold: number; owner: string }) {
  return jobKind({
    kind: releaseKind,
    payload: payloadSchema,
    async run(payload: ReleasePayload, context) {
      const reports = await publishReleases(deps.repos, deps.domainData, {
        now: context.now, threshold: deps.threshold, trigger: payload.trigger, owner: deps.owner, cycle: currentCycle(context.now),
      });
      const summary = reports.map((r) => `${r.cycle}: ${r.release ? `release ${r.release}, ${r.fresh} new figures` : r.reason}`).join('; ');
      if (payload.requestedBy) {
        await context.beginSend();
        await deps.messenger.sendReleaseDone(payload.requestedBy, { reports });
        return { state: 'sent' };
      }
      return { state: 'done', reason: summary };
    },
  });
}
